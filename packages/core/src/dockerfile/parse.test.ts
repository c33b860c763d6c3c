import { describe, expect, it } from "vitest";
import { parseDockerfile } from "./parse.js";
import { effectiveShell, effectiveUser, lastInherited } from "./queries.js";

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
