import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../../dockerfile/parse.js";
import { runInstructions } from "../../dockerfile/queries.js";
import { lintText } from "../../linter.js";
import type { LintServices, ShellcheckFinding, ShellcheckScript } from "../../rule.js";
import { createRuleTester, type InvalidCase, type ValidCase } from "../../testing/rule-tester.js";
import { continuedRanges, copyJsonString, MappedText } from "./_mapped-text.js";
import { buildShellcheckScripts, dialectOf } from "./_shellcheck-scripts.js";
import rule from "./shellcheck.js";

/**
 * A stand-in for ShellCheck that reports every `BAD` in a script (`BAD_2086_info` sets the code
 * and level) and offers to replace every `FIXME` with `FIXED`, at script offsets. The real
 * program runs in packages/cli/test/shellcheck*.test.ts; here the subject is the rule: which
 * scripts it builds, and where their findings land in the Dockerfile.
 */
function fakeShellcheck(scripts: readonly ShellcheckScript[]): ShellcheckFinding[] {
  return scripts.flatMap((s, index) => [
    ...[...s.script.matchAll(/BAD(?:_(\d{4}))?(?:_(error|warning|info|style))?/g)].map((m) => ({
      script: index,
      code: Number(m[1] ?? 2000),
      level: (m[2] ?? "warning") as ShellcheckFinding["level"],
      message: `found ${m[0]} `,
      start: m.index,
      end: m.index + m[0].length,
    })),
    ...[...s.script.matchAll(/FIXME/g)].map((m) => ({
      script: index,
      code: 2001,
      level: "style" as const,
      message: "fix me",
      start: m.index,
      end: m.index + 5,
      fix: [{ start: m.index, end: m.index + 5, text: "FIXED" }],
    })),
  ]);
}

const fake: LintServices = { shellcheck: fakeShellcheck };
const withFake = <T extends ValidCase>(testCase: T): T => ({ ...testCase, services: testCase.services ?? fake });

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "no RUN", code: 'FROM alpine:3.20\nCMD ["BAD"]\n' },
    { name: "a clean script", code: "FROM alpine:3.20\nRUN echo ok\n" },
    { name: "exec form runs no shell", code: 'FROM alpine:3.20\nRUN ["BAD", "$f"]\n' },
    { name: "exec form of a non-shell with -c", code: 'FROM alpine:3.20\nRUN ["python3", "-c", "BAD"]\n' },
    { name: "non-POSIX SHELL: pwsh", code: 'FROM mcr.microsoft.com/powershell\nSHELL ["pwsh", "-c"]\nRUN BAD | Select-Object\n' },
    { name: "non-POSIX SHELL: cmd", code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["cmd", "/S", "/C"]\nRUN BAD `\n  && dir\n' },
    { name: "a Windows base image without SHELL runs cmd", code: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN setx /M PATH \"%PATH%;C:\\BAD\"\n" },
    { name: "zsh: ShellCheck cannot check it", code: 'FROM alpine:3.20\nSHELL ["/bin/zsh", "-c"]\nRUN BAD\n' },
    { name: "hadolint shell pragma in the stage", code: "FROM mcr.microsoft.com/windows:10\n# hadolint shell=powershell\nRUN BAD\n" },
    { name: "hadolint shell pragma before the first FROM covers every stage", code: "# hadolint shell = pwsh\nFROM a\nRUN BAD\nFROM b\nRUN BAD\n" },
    { name: "a SHELL in a parent stage is inherited", code: 'FROM a AS base\nSHELL ["pwsh", "-c"]\nFROM base\nRUN BAD\n' },
    { name: "ONBUILD RUN runs with the stage's final SHELL", code: 'FROM alpine:3.20\nONBUILD RUN BAD\nSHELL ["pwsh", "-c"]\n' },
    { name: "a heredoc for python is not shell", code: "FROM python:3.12\nRUN <<EOF\n#!/usr/bin/env python3\nBAD = 1\nEOF\n" },
    { name: "`# hadolint ignore=` with the SC code", code: "FROM a\n# hadolint ignore=DL3008,SC2000\nRUN echo BAD\n" },
    { name: "`# hadolint global ignore=`", code: "# hadolint global ignore=SC2000\nFROM a\nRUN echo BAD\nFROM b\nRUN BAD\n" },
    { name: "`# hadolint stage ignore=`", code: "FROM a\nRUN echo ok\n# hadolint stage ignore=SC2000\nFROM b\nRUN BAD\n" },
    { name: "option exclude, as a number", code: "FROM a\nRUN echo BAD\n", options: { exclude: [2000] } },
    { name: "option exclude, as SC code", code: "FROM a\nRUN echo BAD_2086\n", options: { exclude: ["SC2086"] } },
    { name: "option include: other codes are not reported", code: "FROM a\nRUN echo BAD\n", options: { include: [2086] } },
    { name: "option minLevel", code: "FROM a\nRUN echo BAD_2086_info BAD_2006_style\n", options: { minLevel: "warning" } },
    { name: "SC1090, SC1091 and SC2187 are never reported", code: "FROM a\nRUN echo BAD_1090 BAD_1091 BAD_2187\n" },
    { name: "no runner: nothing to report by default", code: "FROM a\nRUN echo BAD\n", services: {} },
    { name: "runner unavailable: nothing to report by default", code: "FROM a\nRUN echo BAD\n", services: { shellcheck: () => ({ unavailable: "not installed" }) } },
    { name: "reportUnavailable with no RUN to check", code: "FROM a\nCMD echo hi\n", services: {}, options: { reportUnavailable: true } },
  ].map(withFake),
  invalid: (
    [
      {
        name: "a finding at the word ShellCheck points at",
        code: "FROM alpine:3.20\nRUN echo BAD\n",
        errors: [{ messageId: "warning", message: "SC2000: found BAD", line: 2, column: 10, endLine: 2, endColumn: 13 }],
      },
      {
        name: "ShellCheck's level picks the messageId",
        code: "FROM a\nRUN BAD_1072_error; BAD_2154_warning; BAD_2086_info; BAD_2006_style\n",
        errors: [
          { messageId: "error", data: { code: 1072, message: "found BAD_1072_error" }, line: 2, column: 5, endColumn: 19 },
          { messageId: "warning", data: { code: 2154, message: "found BAD_2154_warning" }, line: 2, column: 21 },
          { messageId: "info", data: { code: 2086, message: "found BAD_2086_info" }, line: 2, column: 39 },
          { messageId: "style", data: { code: 2006, message: "found BAD_2006_style" }, line: 2, column: 54 },
        ],
      },
      {
        name: "continuation lines and a comment line inside them",
        code: "FROM a\nRUN apt-get update && \\\n    # install\n    apt-get install -y BAD \\\n      && true\n",
        errors: [{ messageId: "warning", line: 4, column: 24, endLine: 4, endColumn: 27 }],
      },
      {
        name: "a word split by a continuation spans both lines",
        code: "FROM a\nRUN echo BA\\\nD\n",
        errors: [{ messageId: "warning", line: 2, column: 10, endLine: 3, endColumn: 2 }],
      },
      {
        name: "escape directive: backtick continuations",
        code: "# escape=`\nFROM a\nRUN echo a `\n    && echo BAD\n",
        errors: [{ messageId: "warning", line: 4, column: 13, endColumn: 16 }],
      },
      {
        name: "RUN flags are not part of the script",
        code: "FROM a\nRUN --mount=type=cache,target=/BAD --network=none echo BAD\n",
        errors: [{ messageId: "warning", line: 2, column: 56, endColumn: 59 }],
      },
      {
        name: "heredoc body",
        code: "FROM a\nRUN <<EOF\nset -e\n  echo BAD\nEOF\n",
        errors: [{ messageId: "warning", line: 4, column: 8, endColumn: 11 }],
      },
      {
        name: "heredoc body with <<- (tabs stripped, positions kept)",
        code: "FROM a\nRUN <<-EOF\n\t\techo BAD\n\tEOF\n",
        errors: [{ messageId: "warning", line: 3, column: 8, endColumn: 11 }],
      },
      {
        name: "heredoc body of a CRLF file",
        code: "FROM a\r\nRUN <<EOF\r\necho hi\r\nBAD\r\nEOF\r\n",
        errors: [{ messageId: "warning", line: 4, column: 1, endColumn: 4 }],
      },
      {
        name: "heredoc body with its own shebang",
        code: "FROM a\nRUN <<EOF\n#!/bin/bash -e\necho BAD\nEOF\n",
        errors: [{ messageId: "warning", line: 4, column: 6, endColumn: 9 }],
      },
      {
        name: "`RUN bash <<EOF`: the command line and the body report the same place once",
        code: "FROM a\nRUN bash <<EOF\necho BAD\nEOF\n",
        errors: [{ messageId: "warning", line: 3, column: 6, endColumn: 9 }],
      },
      {
        name: "`RUN cat <<EOF > file`: the body is data of the outer script",
        code: "FROM a\nRUN cat <<EOF > /etc/motd && BAD\nhello $BAD_2154\nEOF\n",
        errors: [
          { messageId: "warning", line: 2, column: 30, endColumn: 33 },
          { messageId: "warning", data: { code: 2154, message: "found BAD_2154" }, line: 3, column: 8, endColumn: 16 },
        ],
      },
      {
        name: "exec form `sh -c` with JSON escapes",
        code: 'FROM a\nRUN ["/bin/sh", "-c", "echo \\"x\\" \\u0041 BAD"]\n',
        errors: [{ messageId: "warning", line: 2, column: 42, endColumn: 45 }],
      },
      {
        name: "exec form `bash -o pipefail -c`",
        code: 'FROM a\nRUN ["bash", "-o", "pipefail", "-c", "curl x | BAD"]\n',
        errors: [{ messageId: "warning", line: 2, column: 48, endColumn: 51 }],
      },
      {
        name: "ONBUILD RUN",
        code: "FROM a\nONBUILD RUN echo BAD\n",
        errors: [{ messageId: "warning", line: 2, column: 18, endColumn: 21 }],
      },
      {
        name: "every stage is checked",
        code: "FROM golang:1.22 AS build\nRUN go build BAD\nFROM alpine:3.20\nCOPY --from=build /out /out\nRUN echo BAD\n",
        errors: [
          { messageId: "warning", line: 2, column: 14 },
          { messageId: "warning", line: 5, column: 10 },
        ],
      },
      {
        name: "a hadolint pragma for another code or another instruction does not hide it",
        code: "FROM a\n# hadolint ignore=SC2086\nRUN echo BAD\n# hadolint ignore=SC2000\nRUN echo ok\nRUN echo BAD\n",
        errors: [
          { messageId: "warning", line: 3 },
          { messageId: "warning", line: 6 },
        ],
      },
      {
        name: "option include",
        code: "FROM a\nRUN echo BAD BAD_2086_info\n",
        options: { include: ["SC2086"] },
        errors: [{ messageId: "info", line: 2, column: 14 }],
      },
      {
        name: "ShellCheck's fix becomes a suggestion",
        code: "FROM a\nRUN echo FIXME\n",
        errors: [{ messageId: "style", line: 2, column: 10, endColumn: 15, suggestions: ["Apply ShellCheck's fix for SC2001: FIXED"] }],
      },
      {
        name: "no suggestion when the fix would cross a continuation",
        code: "FROM a\nRUN echo FIX\\\nME\n",
        errors: [{ messageId: "style", line: 2, column: 10, endLine: 3, endColumn: 3, suggestions: [] }],
      },
      {
        name: "no suggestion inside a JSON string",
        code: 'FROM a\nRUN ["sh", "-c", "echo FIXME"]\n',
        errors: [{ messageId: "style", line: 2, column: 24, suggestions: [] }],
      },
      {
        name: "reportUnavailable: no runner",
        code: "FROM a\nRUN echo BAD\nRUN echo ok\n",
        services: {},
        options: { reportUnavailable: true },
        errors: [
          {
            messageId: "unavailable",
            data: { reason: "no ShellCheck runner: the shellcheck program was not found, or this host cannot run programs", count: 2 },
            line: 2,
            column: 1,
            endColumn: 4,
          },
        ],
      },
      {
        name: "reportUnavailable: the runner failed",
        code: "FROM a\nONBUILD RUN echo BAD\n",
        services: { shellcheck: () => ({ unavailable: "shellcheck timed out after 60 s" }) },
        options: { reportUnavailable: true },
        errors: [{ messageId: "unavailable", data: { reason: "shellcheck timed out after 60 s", count: 1 }, line: 2, column: 9, endColumn: 12 }],
      },
      {
        name: "reportUnavailable: the runner threw",
        code: "FROM a\nRUN echo BAD\n",
        services: {
          shellcheck: () => {
            throw new Error("boom");
          },
        },
        options: { reportUnavailable: true },
        errors: [{ messageId: "unavailable", data: { reason: "the ShellCheck runner failed: boom", count: 1 }, line: 2 }],
      },
    ] satisfies InvalidCase[]
  ).map(withFake),
});

function scriptsOf(text: string, enable: string[] = []) {
  const model = parseDockerfile(text);
  return { model, scripts: buildShellcheckScripts(model, { enable }) };
}

function bodies(text: string): string[] {
  return scriptsOf(text).scripts.map((s) => s.text.text.slice(s.headerLength));
}

describe("shellcheck: the scripts handed to ShellCheck", () => {
  it("shebang from SHELL, default /bin/sh", () => {
    const { scripts } = scriptsOf('FROM a\nRUN one\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN two\nFROM b\nRUN three\n');
    expect(scripts.map((s) => s.text.text.split("\n")[0])).toEqual(["#!/bin/sh", "#!/bin/bash", "#!/bin/sh"]);
  });

  it("dialects ShellCheck knows", () => {
    expect(["sh", "bash", "dash", "ash", "busybox", "ksh", "mksh", "bash5", "zsh", "pwsh", "fish"].map(dialectOf)).toEqual([
      "sh",
      "bash",
      "dash",
      "busybox",
      "busybox",
      "ksh",
      "ksh",
      "bash",
      undefined,
      undefined,
      undefined,
    ]);
    const { scripts } = scriptsOf('FROM alpine\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\nRUN one\n');
    expect(scripts[0]?.text.text.startsWith("#!/bin/busybox sh\n")).toBe(true);
  });

  it("exports the ARG and ENV names in scope, the proxy variables and secret env mounts", () => {
    const { scripts } = scriptsOf(
      "ARG GLOBAL=1\nFROM a AS base\nARG version\nENV app_home=/app\nRUN --mount=type=secret,id=npm,env=npm_token one\nFROM base\nRUN two\n",
    );
    const exports = scripts.map((s) => s.text.text.split("\n")[1]);
    expect(exports[0]).toContain("app_home=1");
    expect(exports[0]).toContain("version=1");
    expect(exports[0]).toContain("npm_token=1");
    expect(exports[0]).toContain("http_proxy=1");
    expect(exports[0]).toContain("no_proxy=1");
    // A global ARG is not in a stage unless redeclared; a child stage inherits ENV and (as in BuildKit) ARG.
    expect(exports[0]).not.toContain("GLOBAL");
    expect(exports[1]).toContain("app_home=1");
    expect(exports[1]).toContain("version=1");
    expect(exports[1]).not.toContain("npm_token");
  });

  it("ONBUILD RUN: the stage's ENV (also later ones) but no ARG", () => {
    const { scripts } = scriptsOf("FROM a\nARG build_only\nENV early=1\nONBUILD ENV from_trigger=1\nONBUILD RUN one\nENV late=1\n");
    const exports = scripts[0]?.text.text.split("\n")[1] ?? "";
    expect(exports).toContain("early=1");
    expect(exports).toContain("late=1");
    expect(exports).toContain("from_trigger=1");
    expect(exports).not.toContain("build_only");
  });

  it("skips names that are not shell identifiers", () => {
    const { scripts } = scriptsOf("FROM a\nARG my-arg=1\nRUN one\n");
    expect(scripts[0]?.text.text).not.toContain("my-arg");
  });

  it("enable option becomes a ShellCheck directive", () => {
    const { scripts } = scriptsOf("FROM a\nRUN one\n", ["require-variable-braces", "check-unassigned-uppercase"]);
    expect(scripts[0]?.text.text.split("\n")[1]).toBe("# shellcheck enable=require-variable-braces,check-unassigned-uppercase");
  });

  it("the shell-form script is exactly the shell parser's (continuations, comment lines, escape directive)", () => {
    const texts = [
      "FROM a\nRUN a && \\\n  # comment\n\n  b \\  \n  c\n",
      "FROM a\r\nRUN a \\\r\n  b\r\n",
      "# escape=`\nFROM a\nRUN a `\n  b \\\n  c\n",
      "FROM a\nRUN a \\\n",
      "FROM a\nRUN --mount=type=cache,target=/x \\\n  a b\n",
      "FROM a\nONBUILD RUN a \\\n b\n",
    ];
    for (const text of texts) {
      const { model, scripts } = scriptsOf(text);
      const runs = [...runInstructions(model)];
      expect(scripts.length).toBe(runs.length);
      scripts.forEach((s, i) => {
        const run = runs[i];
        expect(run).toBeDefined();
        if (run) expect(s.text.text.slice(s.headerLength)).toBe(model.shellOf(run).scripts[0]?.script.script);
      });
    }
  });

  it("heredocs: body alone, command line with its bodies, and the reader's body", () => {
    expect(bodies("FROM a\nRUN <<EOF\necho one\nEOF\n")).toEqual(["echo one"]);
    expect(bodies("FROM a\nRUN cat <<EOF > /x\nbody\nEOF\n")).toEqual(["cat <<EOF > /x\nbody\nEOF"]);
    expect(bodies("FROM a\nRUN bash <<'EOF'\necho one\nEOF\n")).toEqual(["bash <<'EOF'\necho one\nEOF", "echo one"]);
    expect(bodies("FROM a\nRUN python3 <<EOF\nprint(1)\nEOF\n")).toEqual(["python3 <<EOF\nprint(1)\nEOF"]);
    expect(bodies("FROM a\nRUN <<EOF\n#!/usr/bin/env bash\necho $RANDOM\nEOF\n")).toEqual(["echo $RANDOM"]);
    expect(scriptsOf("FROM a\nRUN <<EOF\n#!/usr/bin/env bash\necho $RANDOM\nEOF\n").scripts[0]?.dialect).toBe("bash");
    expect(bodies("FROM a\nRUN <<-EOF\n\t\techo one\n\t\techo two\n\tEOF\n")).toEqual(["echo one\necho two"]);
  });

  it("exec form: only a shell's -c script, JSON escapes decoded", () => {
    expect(bodies('FROM a\nRUN ["sh", "-c", "echo \\"$HOME\\"\\tdone"]\n')).toEqual(['echo "$HOME"\tdone']);
    expect(bodies('FROM a\nRUN ["bash", "-euo", "pipefail", "-c", "a | b", "name"]\n')).toEqual(["a | b"]);
    expect(bodies('FROM a\nRUN ["node", "-c", "x"]\n')).toEqual([]);
    expect(bodies('FROM a\nRUN ["sh", "script.sh"]\n')).toEqual([]);
  });

  it("a RUN before any FROM takes the SHELL before it", () => {
    expect(scriptsOf('SHELL ["/bin/bash", "-c"]\nRUN one\n').scripts[0]?.dialect).toBe("bash");
  });

  it("the later of SHELL and a hadolint shell pragma wins", () => {
    expect(scriptsOf('FROM a\n# hadolint shell=bash\nRUN one\nSHELL ["/bin/sh", "-c"]\nRUN two\n').scripts.map((s) => s.dialect)).toEqual(["bash", "sh"]);
  });
});

describe("shellcheck: offset maps", () => {
  it("continued text maps back, ends never swallow removed text", () => {
    const file = "RUN a \\\n  # c\n  bc\n";
    const out = new MappedText();
    for (const [from, to] of continuedRanges(file, 4, file.length - 1, "\\")) out.copy(file, from, to);
    expect(out.text).toBe("a   bc");
    const b = out.text.indexOf("b");
    expect(out.toFileOffset(b)).toBe(file.indexOf("bc"));
    expect(out.toFileEnd(2)).toBe(6);
    expect(out.toFileOffset(out.length)).toBe(file.length - 1);
    expect(out.verbatimRange(b, b + 2)).toEqual([file.indexOf("bc"), file.indexOf("bc") + 2]);
    expect(out.verbatimRange(0, b)).toBeUndefined();
  });

  it("synthetic text maps to its anchor", () => {
    const out = new MappedText();
    out.insert("#!/bin/sh\n", 10);
    out.copy("0123456789abc", 10, 13);
    expect(out.isSynthetic(3)).toBe(true);
    expect(out.isSynthetic(10)).toBe(false);
    expect(out.toFileOffset(3)).toBe(10);
    expect(out.toFileOffset(11)).toBe(11);
  });

  it("JSON escapes map to the whole escape", () => {
    const file = '["x", "a\\"b\\u00e9c"]';
    const start = file.indexOf('"a');
    const out = new MappedText();
    expect(copyJsonString(out, file, start, file.length - 1, "\\")).toBe(true);
    expect(out.text).toBe('a"béc');
    expect(out.toFileOffset(1)).toBe(start + 2);
    expect(out.toFileEnd(2)).toBe(start + 4);
    expect(out.toFileOffset(3)).toBe(start + 5);
    expect(out.toFileEnd(4)).toBe(start + 11);
    expect(out.toFileOffset(4)).toBe(start + 11);
    expect(copyJsonString(new MappedText(), '"bad\\x"', 0, 7, "\\")).toBe(false);
  });
});

describe("shellcheck: options", () => {
  const lint = (options: Record<string, unknown>) =>
    lintText("FROM a\nRUN echo BAD\n", { kind: "dockerfile", rules: [rule], config: { rules: { shellcheck: ["warn", options] } }, services: fake });

  it("rejects values that are not ShellCheck codes or levels", () => {
    for (const options of [{ exclude: ["2086x"] }, { include: "2086" }, { minLevel: "high" }, { enable: ["all\nrm -rf /"] }]) {
      const messages = lint(options).messages;
      expect(messages).toHaveLength(1);
      expect(messages[0]?.message).toMatch(/option "\w+" of rule "shellcheck"/);
    }
  });

  it("is off unless configured: no preset but `all` has it", () => {
    expect(rule.meta.presets).toEqual([]);
    const result = lintText("FROM a\nRUN echo BAD\n", { kind: "dockerfile", config: { extends: "recommended" }, services: fake });
    expect(result.messages.filter((m) => m.ruleId === "shellcheck")).toEqual([]);
    const all = lintText("FROM a\nRUN echo BAD\n", { kind: "dockerfile", config: { extends: "all" }, services: fake });
    expect(all.messages.filter((m) => m.ruleId === "shellcheck").map((m) => m.message)).toEqual(["SC2000: found BAD"]);
  });

  it("hands the runner one call per file with every script", () => {
    const calls: number[] = [];
    const counting: LintServices = {
      shellcheck: (scripts) => {
        calls.push(scripts.length);
        return fakeShellcheck(scripts);
      },
    };
    lintText("FROM a\nRUN one\nRUN two\nONBUILD RUN three\nFROM b\nRUN <<EOF\nfour\nEOF\n", {
      kind: "dockerfile",
      rules: [rule],
      config: { rules: { shellcheck: "warn" } },
      services: counting,
    });
    expect(calls).toEqual([4]);
  });
});
