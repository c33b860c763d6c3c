import { describe, expect, it } from "vitest";
import { parseDockerfile } from "./parse.js";
import { effectiveShell, effectiveUser, lastInherited, stageChain, stageRoot } from "./queries.js";

const slice = (text: string, range: readonly [number, number] | undefined) => (range ? text.slice(range[0], range[1]) : undefined);

describe("parseDockerfile", () => {
  it("reads parser directives, including check, and stops at the first other line", () => {
    const text = "# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended;error=true\n# escape=`\n\n# not=directive\nFROM alpine\n";
    const model = parseDockerfile(text);
    expect(model.directives.map((d) => [d.name, d.value])).toEqual([
      ["syntax", "docker/dockerfile:1"],
      ["check", "skip=JSONArgsRecommended;error=true"],
      ["escape", "`"],
    ]);
    expect(model.escapeChar).toBe("`");
    expect(slice(text, model.directives[1]?.valueRange)).toBe("skip=JSONArgsRecommended;error=true");
    expect(model.comments.map((c) => c.text)).toEqual([" not=directive"]);
  });

  it("builds stages with aliases, parents, platform and resolved images", () => {
    const text = [
      "ARG BASE=golang",
      "ARG VERSION=1.22",
      "FROM --platform=$BUILDPLATFORM ${BASE}:${VERSION} AS build",
      "RUN go build",
      "FROM build AS test",
      "FROM gcr.io/distroless/static:nonroot",
      "COPY --from=build /out /app",
      "",
    ].join("\n");
    const model = parseDockerfile(text);
    expect(model.globalArgs).toHaveLength(2);
    const [build, test, final] = model.stages;
    expect(build?.name).toBe("build");
    expect(build?.resolvedImage).toBe("golang:1.22");
    expect(build?.image?.tag).toBe("1.22");
    expect(build?.platform?.value).toBe("$BUILDPLATFORM");
    expect(slice(text, build?.nameRange)).toBe("build");
    expect(test?.parent).toBe(build);
    expect(test?.image).toBeUndefined();
    expect(final?.isLast).toBe(true);
    expect(build?.usedByLaterStage).toBe(true);
    expect(test?.usedByLaterStage).toBe(false);
    expect(model.stageByName.get("build")).toBe(build);
  });

  it("scopes ARG and ENV per stage as the build does", () => {
    const text = [
      "ARG UID=1000",
      "ARG GLOBAL_ONLY=x",
      "FROM alpine AS base",
      "ARG UID",
      "ENV HOME_DIR=/home/$UID",
      "USER ${UID}",
      "RUN echo $GLOBAL_ONLY",
      "FROM base",
      "USER ${UID}",
      "",
    ].join("\n");
    const model = parseDockerfile(text);
    const [base, child] = model.stages;
    const user = base?.instructions.find((i) => i.keyword === "USER");
    expect(user?.scope.expand(user.argsText).value).toBe("1000");
    expect(user?.scope.lookup("HOME_DIR")).toBe("/home/1000");
    const run = base?.instructions.find((i) => i.keyword === "RUN");
    expect(run?.scope.lookup("GLOBAL_ONLY")).toBeUndefined();
    // A stage built on another inherits its ENV and, as in BuildKit, its ARG values.
    const childUser = child?.instructions[0];
    expect(childUser?.scope.lookup("HOME_DIR")).toBe("/home/1000");
    expect(childUser?.scope.expand(childUser.argsText).value).toBe("1000");
    expect(child ? effectiveUser(child)?.value : undefined).toBe("1000");
  });

  // swiftlang/swift-docker's buildx Dockerfiles pick the stage to build on by platform.
  it("builds on the stage a platform ARG picks: the first candidate is the parent", () => {
    const text = [
      "FROM ubuntu:20.04 AS base",
      "ARG SWIFT_WEBROOT=https://download.swift.org",
      "USER 1000",
      "FROM base AS base-amd64",
      "ARG OS_ARCH_SUFFIX=",
      "FROM base AS base-arm64",
      "ARG OS_ARCH_SUFFIX=-aarch64",
      "FROM base-$TARGETARCH AS final",
      'ARG URL="$SWIFT_WEBROOT/file$OS_ARCH_SUFFIX"',
      "RUN true",
      "",
    ].join("\n");
    const model = parseDockerfile(text);
    const [base, amd64, arm64, final] = model.stages;
    expect(final?.resolvedImage).toBe("base-$TARGETARCH");
    expect(final?.parent).toBe(amd64);
    expect(final?.parentCandidates).toEqual([amd64, arm64]);
    expect(final?.image).toBeUndefined();
    expect(final ? stageRoot(final) : undefined).toBe(base);
    expect(final ? stageChain(final) : []).toEqual([final, amd64, base]);
    // Only the parent counts as built on: the other candidates stay results of their own.
    expect([amd64?.usedByLaterStage, arm64?.usedByLaterStage]).toEqual([true, false]);
    // ARG values and USER come down from the candidates' common stage, and the parent's own ARGs with them.
    expect(final?.instructions[1]?.scope.lookup("URL")).toBe("https://download.swift.org/file");
    expect(final ? effectiveUser(final)?.value : undefined).toBe("1000");
    expect(base?.parentCandidates).toEqual([]);
    expect(amd64?.parentCandidates).toEqual([base]);
  });

  it.each([
    { name: "a user ARG besides the platform ARG: the builder chooses", text: "ARG FLAVOR\nFROM alpine AS base-amd64\nFROM base-${FLAVOR}$TARGETARCH\n", candidates: [] },
    { name: "a user ARG alone", text: "ARG BASE\nFROM alpine AS base-amd64\nFROM ${BASE}\n", candidates: [] },
    { name: "no stage of those names", text: "FROM alpine AS base-x86_64\nFROM base-$TARGETARCH\n", candidates: [] },
    { name: "only a later stage has the name", text: "FROM base-$TARGETARCH\nFROM alpine AS base-amd64\n", candidates: [] },
    { name: "an argument that is not a platform's (TARGETSTAGE)", text: "FROM alpine AS base-default\nFROM base-$TARGETSTAGE\n", candidates: [] },
    {
      name: "OS and architecture together",
      text: "FROM alpine AS base-windows-amd64\nFROM alpine AS base-linux-x86_64\nFROM alpine AS base-linux-arm64\nFROM base-${TARGETOS}-${TARGETARCH}\n",
      candidates: [0, 2],
    },
    { name: "an empty variant", text: "FROM alpine AS armv7\nFROM alpine AS arm\nFROM alpine AS armv9\nFROM ${TARGETARCH}${TARGETVARIANT}\n", candidates: [0, 1] },
    { name: "the build platform, quoted, in another case", text: 'FROM alpine AS Tools-ARM64\nFROM "tools-$BUILDARCH"\n', candidates: [0] },
    { name: "a global ARG whose default holds a platform ARG", text: "ARG BASE=base-$TARGETARCH\nFROM alpine AS base-s390x\nFROM $BASE\n", candidates: [0] },
    {
      name: "past the combinations tried (2 × 7 × 7 × 4 × 4), the stage is taken for an image",
      text: "FROM alpine AS s-linux-amd64-amd64--\nFROM s-$TARGETOS-$TARGETARCH-$BUILDARCH-$TARGETVARIANT-$BUILDVARIANT\n",
      candidates: [],
    },
    { name: "below that bound (7 × 7 × 4 × 4)", text: "FROM alpine AS s-amd64-arm64-v7-\nFROM s-$TARGETARCH-$BUILDARCH-$TARGETVARIANT-$BUILDVARIANT\n", candidates: [0] },
  ])("platform ARGs in FROM: $name", ({ text, candidates }) => {
    // The one stage whose FROM holds a variable.
    const stage = parseDockerfile(text).stages.find((s) => s.imageText.includes("$"));
    expect(stage?.parentCandidates.map((s) => s.index)).toEqual(candidates);
    expect(stage?.parent?.index).toBe(candidates[0]);
    expect(stage?.image === undefined).toBe(candidates.length > 0);
  });

  it("reads each word of an ARG as its own declaration", () => {
    const model = parseDockerfile('ARG TARGETOS TARGETARCH=amd64 PKGS="curl git" \\\n  LAST=\'x y\'\nFROM alpine:${TARGETARCH}\n');
    expect(model.globalArgs[0]?.pairs.map((p) => [p.key, p.value])).toEqual([
      ["TARGETOS", undefined],
      ["TARGETARCH", "amd64"],
      ["PKGS", "curl git"],
      ["LAST", "x y"],
    ]);
    expect(model.stages[0]?.resolvedImage).toBe("alpine:amd64");
  });

  // jenkinsci/docker-agent's windows/windowsservercore/Dockerfile: `ARG JAVA_HOME="C:\openjdk-17"`
  // under `# escape=\`` lost its backslash. BuildKit's lexer (shell/lex.go, processDoubleQuote)
  // escapes only `"`, `$` and the escape character inside double quotes and keeps any other escape.
  it.each([
    { name: "a Windows path in double quotes, escape=`", text: '# escape=`\nARG P="C:\\openjdk-17"\n', value: "C:\\openjdk-17" },
    { name: "a Windows path in double quotes, default escape", text: 'ARG P="C:\\openjdk-17"\n', value: "C:\\openjdk-17" },
    { name: "an escaped quote in double quotes", text: 'ARG P="a\\"b"\n', value: 'a"b' },
    { name: "an escaped quote in double quotes, escape=`", text: '# escape=`\nARG P="a`"b"\n', value: 'a"b' },
    { name: "an escaped escape in double quotes", text: 'ARG P="a\\\\b"\n', value: "a\\b" },
    { name: "an escaped escape in double quotes, escape=`", text: '# escape=`\nARG P="a``b\\c"\n', value: "a`b\\c" },
    { name: "an escaped quote outside quotes", text: 'ARG P=a\\"b\n', value: 'a"b' },
    { name: "single quotes keep escapes", text: "ARG P='a\\\"b'\n", value: 'a\\"b' },
    { name: "a continuation inside double quotes joins the lines", text: 'ARG P="a \\\n  b"\n', value: "a   b" },
    { name: "an escaped dollar keeps its escape for the expansion", text: 'ARG P="\\$HOME"\n', value: "\\$HOME" },
  ])("reads an ARG default as BuildKit's lexer does: $name", ({ text, value }) => {
    expect(parseDockerfile(text).globalArgs[0]?.pairs.map((p) => [p.key, p.value])).toEqual([["P", value]]);
  });

  it("keeps an escaped dollar of an ARG default literal, as the build does", () => {
    const model = parseDockerfile('FROM alpine\nENV HOME=/root\nARG P="\\$HOME/x" Q=`$HOME\nRUN true\n');
    const scope = model.instructions.at(-1)?.scope;
    expect(scope?.lookup("P")).toBe("$HOME/x");
    expect(scope?.lookup("Q")).toBe("`/root");
  });

  it("keeps the backslash of a double-quoted Windows path in ENV, with either escape character", () => {
    for (const text of ['# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV P="C:\\openjdk-17"\nRUN dir\n', 'FROM alpine\nENV P="C:\\openjdk-17"\nRUN true\n']) {
      expect(parseDockerfile(text).instructions.at(-1)?.scope.lookup("P")).toBe("C:\\openjdk-17");
    }
  });

  it("expands every pair of one ENV with the scope from before it", () => {
    const model = parseDockerfile("FROM alpine\nENV A=1\nENV A=2 B=$A\nRUN true\n");
    const run = model.instructions.at(-1);
    expect(run?.scope.lookup("B")).toBe("1");
  });

  it("tells exec form from shell form, with JSON string positions", () => {
    const text = 'FROM alpine\nCMD ["node", "server.js"]\nENTRYPOINT node server.js\nRUN ["apt-get", "install", \\\n "curl"]\nCMD [not json]\nHEALTHCHECK CMD ["curl", "-f", "http://x"]\n';
    const model = parseDockerfile(text);
    const [cmd, entrypoint, run, brokenCmd, healthcheck] = model.stages[0]?.instructions ?? [];
    expect(cmd?.form).toBe("exec");
    expect(cmd?.execArgs?.map((a) => a.value)).toEqual(["node", "server.js"]);
    expect(slice(text, cmd?.execArgs?.[1]?.range)).toBe('"server.js"');
    expect(entrypoint?.form).toBe("shell");
    expect(run?.form).toBe("exec");
    expect(run?.execArgs?.map((a) => a.value)).toEqual(["apt-get", "install", "curl"]);
    expect(brokenCmd?.form).toBe("shell");
    expect(healthcheck?.form).toBe("exec");
  });

  it("keeps flags with parsed mount options", () => {
    const text = "FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk --network=none apk add curl\n";
    const run = parseDockerfile(text).stages[0]?.instructions[0];
    expect(run?.flags.map((f) => f.name)).toEqual(["mount", "network"]);
    expect(run?.flags[0]?.options.get("target")).toBe("/var/cache/apk");
    expect(slice(text, run?.flags[1]?.range)).toBe("--network=none");
  });

  it("reads ENV, LABEL and ARG pairs, with the legacy form marked", () => {
    const text = 'FROM alpine\nENV A=1 B="two three"\nENV C d e\nLABEL x=y "a b"=c\nARG N\n';
    const [env, legacy, label] = parseDockerfile(text).stages[0]?.instructions ?? [];
    expect(env?.pairs.map((p) => [p.key, p.value, p.legacyForm])).toEqual([
      ["A", "1", false],
      ["B", "two three", false],
      ]);
    expect(legacy?.pairs.map((p) => [p.key, p.value, p.legacyForm])).toEqual([["C", "d e", true]]);
    expect(label?.pairs.map((p) => p.key)).toEqual(["x", "a b"]);
    const arg = parseDockerfile(text).globalArgs;
    expect(arg).toEqual([]);
  });

  it("wraps ONBUILD triggers", () => {
    const text = "FROM alpine\nONBUILD RUN apk add curl\n";
    const onbuild = parseDockerfile(text).stages[0]?.instructions[0];
    expect(onbuild?.trigger?.keyword).toBe("RUN");
    expect(onbuild?.trigger?.onbuild).toBe(onbuild);
    expect(slice(text, onbuild?.trigger?.range)).toBe("RUN apk add curl");
  });

  it("follows SHELL, USER and HEALTHCHECK through stage inheritance", () => {
    const text = 'FROM alpine AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nUSER 1000\nHEALTHCHECK CMD true\nFROM a\nRUN x | y\n';
    const model = parseDockerfile(text);
    const run = model.stages[1]?.instructions[0];
    expect(run ? effectiveShell(run) : []).toEqual(["/bin/bash", "-o", "pipefail", "-c"]);
    expect(model.stages[1] ? lastInherited(model.stages[1], "HEALTHCHECK")?.line : 0).toBe(4);
  });

  it("knows Windows stages run cmd, and ONBUILD triggers inherit the stage's last SHELL", () => {
    const windows = parseDockerfile("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir | findstr x\n");
    const run = windows.stages[0]?.instructions[0];
    expect(run ? effectiveShell(run) : []).toEqual(["cmd", "/S", "/C"]);
    expect(run ? windows.shellOf(run).commands : undefined).toEqual([]);
    const onbuild = parseDockerfile('FROM alpine\nONBUILD RUN a | b\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\n');
    const trigger = onbuild.stages[0]?.instructions[0]?.trigger;
    expect(trigger ? effectiveShell(trigger) : []).toEqual(["/bin/ash", "-o", "pipefail", "-c"]);
  });

  it("analyses RUN scripts: shell form with continuations, heredocs, exec form with sh -c", () => {
    const text = [
      "FROM alpine",
      "RUN apk update && \\",
      "    # a comment line the build drops",
      "    apk add curl | tee log",
      "RUN <<EOF",
      "set -e",
      "apt-get install -y x",
      "EOF",
      "RUN python3 <<EOF",
      "import os",
      "EOF",
      'RUN ["sh", "-c", "cd /app && make"]',
      "",
    ].join("\n");
    const model = parseDockerfile(text);
    const [shellForm, heredoc, python, exec] = model.stages[0]?.instructions ?? [];
    const names = (i: typeof shellForm) => (i ? model.shellOf(i).commands.flatMap((c) => (c.name ? [c.name.value] : [])) : []);
    expect(names(shellForm)).toEqual(["apk", "apk", "tee"]);
    expect(model.shellOf(shellForm as NonNullable<typeof shellForm>).scripts[0]?.script.pipes).toHaveLength(1);
    expect(names(heredoc)).toEqual(["set", "apt-get"]);
    expect(names(python)).toEqual(["python3"]);
    expect(model.shellOf(python as NonNullable<typeof python>).scripts.some((s) => s.foreign)).toBe(true);
    expect(names(exec)).toEqual(["sh", "cd", "make"]);
    const cd = model.shellOf(exec as NonNullable<typeof exec>).commands[1];
    expect(cd ? text.slice(cd.start, cd.end) : "").toBe("cd /app");
  });

  it("never throws on odd input", () => {
    for (const text of ["", "\n\n", "FROM", "RUN", "USER", "ONBUILD", "FROM a AS", "\uFEFFFROM a\r\nRUN b\r\n", "EXPOSE \\\n", "RUN <<EOF\nno end"]) {
      expect(() => parseDockerfile(text)).not.toThrow();
    }
  });
});
