import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRules, lintText, type LintMessage, type Rule } from "@docklint/core";
import {
  createShellcheckRunner,
  findExecutable,
  parseJson1,
  ScriptPositions,
  shellcheckNotes,
  usesShellcheck,
  type ShellcheckRunner,
} from "../src/shellcheck.js";
import { tempDir, write } from "./helpers.js";

const RULES: readonly Rule[] = builtinRules.filter((rule) => rule.meta.id === "shellcheck");
const runner = createShellcheckRunner();
const SKIP = runner ? "" : "shellcheck is not installed (Debian: apt-get install shellcheck): the tests that run it are skipped";
if (SKIP) console.warn(SKIP);

function lint(text: string, options: Record<string, unknown> = {}, shellcheck: ShellcheckRunner | undefined = runner): LintMessage[] {
  return lintText(text, {
    filePath: "Dockerfile",
    kind: "dockerfile",
    rules: RULES,
    config: { rules: { shellcheck: ["warn", options] } },
    ...(shellcheck ? { services: { shellcheck } } : {}),
  }).messages;
}

/** `line:column-endLine:endColumn SCnnnn` and the text the range covers, for exact position checks. */
function where(text: string, messages: readonly LintMessage[]): string[] {
  const lines = text.split("\n");
  return messages.map((m) => {
    const covered = m.line === m.endLine ? (lines[m.line - 1] ?? "").slice(m.column - 1, (m.endColumn ?? m.column) - 1) : "…";
    return `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.message.slice(0, 6)} ${covered}`;
  });
}

describe("ScriptPositions: json1 line/column to offsets", () => {
  it("counts columns in code points, tabs as one, clamps to the line", () => {
    const text = "#!/bin/sh\n\techo \"é😀 $y\"\nlast";
    const at = new ScriptPositions(text);
    expect(text.slice(at.offset(2, 11), at.offset(2, 13))).toBe("$y");
    expect(at.offset(2, 1)).toBe(10);
    expect(at.offset(2, 99)).toBe(text.indexOf("\nlast"));
    expect(at.offset(3, 5)).toBe(text.length);
    expect(at.offset(9, 1)).toBe(text.length);
    expect(at.offset(0, 1)).toBe(0);
  });

  it("parses json1 findings and fixes per file", () => {
    const texts = new Map([["0.sh", "#!/bin/sh\necho $x\n"]]);
    const stdout = JSON.stringify({
      comments: [
        {
          file: "0.sh",
          line: 2,
          endLine: 2,
          column: 6,
          endColumn: 8,
          level: "info",
          code: 2086,
          message: "Double quote to prevent globbing and word splitting.",
          fix: {
            replacements: [
              { line: 2, endLine: 2, column: 6, endColumn: 6, replacement: '"', insertionPoint: "afterEnd", precedence: 7 },
              { line: 2, endLine: 2, column: 8, endColumn: 8, replacement: '"', insertionPoint: "beforeStart", precedence: 7 },
            ],
          },
        },
        { file: "unknown.sh", line: 1, endLine: 1, column: 1, endColumn: 1, level: "error", code: 1000, message: "x" },
      ],
    });
    const parsed = parseJson1(stdout, texts);
    expect([...parsed.keys()]).toEqual(["0.sh"]);
    expect(parsed.get("0.sh")).toEqual([
      {
        code: 2086,
        level: "info",
        message: "Double quote to prevent globbing and word splitting.",
        start: 15,
        end: 17,
        fix: [
          { start: 15, end: 15, text: '"' },
          { start: 17, end: 17, text: '"' },
        ],
      },
    ]);
    expect(() => parseJson1("[]", texts)).toThrow(/comments/);
  });
});

describe("finding the program", () => {
  it("looks shellcheck up on PATH once, and says undefined when it is not there", () => {
    const empty = tempDir();
    expect(createShellcheckRunner({ env: { PATH: empty } })).toBeUndefined();
    expect(findExecutable("shellcheck", { PATH: empty })).toBeUndefined();
    expect(shellcheckNotes(true, undefined)[0]).toMatch(/shellcheck rule was skipped: the shellcheck program is not installed/);
    expect(shellcheckNotes(false, undefined)).toEqual([]);
  });

  it.skipIf(process.platform === "win32")("finds an executable file, not a directory or a plain file", () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "a", "tool"), { recursive: true });
    write(dir, "b/tool", "#!/bin/sh\n");
    write(dir, "c/tool", "#!/bin/sh\n");
    fs.chmodSync(path.join(dir, "c", "tool"), 0o755);
    const PATH = ["a", "b", "c"].map((d) => path.join(dir, d)).join(path.delimiter);
    expect(findExecutable("tool", { PATH })).toBe(path.join(dir, "c", "tool"));
    expect(findExecutable(path.join(dir, "c", "tool"), { PATH: "" })).toBe(path.join(dir, "c", "tool"));
  });
});

describe("the runner with a broken program", () => {
  it.skipIf(process.platform === "win32")("never throws: a failure becomes `unavailable` and is counted", () => {
    const dir = tempDir();
    const fakeBin = write(dir, "shellcheck", "#!/bin/sh\necho 'shellcheck: bad things' >&2\nexit 3\n");
    fs.chmodSync(fakeBin, 0o755);
    const broken = createShellcheckRunner({ command: fakeBin });
    expect(broken).toBeDefined();
    if (!broken) return;
    const result = broken([{ script: "#!/bin/sh\necho hi\n", shell: "sh", toFileOffset: (o) => o }]);
    expect(result).toEqual({ unavailable: "shellcheck failed: exit code 3: shellcheck: bad things" });
    expect(broken.failedCalls).toBe(1);
    expect(shellcheckNotes(true, broken)).toEqual([
      "docklint: ShellCheck failed on 1 file(s), which have no shellcheck findings: shellcheck failed: exit code 3: shellcheck: bad things.",
    ]);
    // The rule reports nothing for it, unless asked to.
    expect(lint("FROM a\nRUN echo $x\n", {}, broken)).toEqual([]);
    expect(lint("FROM a\nRUN echo $x\n", { reportUnavailable: true }, broken).map((m) => m.messageId)).toEqual(["unavailable"]);
  });

  it.skipIf(process.platform === "win32")("times out", () => {
    const dir = tempDir();
    const slow = write(dir, "shellcheck", "#!/bin/sh\nsleep 5\n");
    fs.chmodSync(slow, 0o755);
    const runner = createShellcheckRunner({ command: slow, timeoutMs: 200 });
    expect(runner?.([{ script: "#!/bin/sh\n:\n", shell: "sh", toFileOffset: (o) => o }])).toEqual({ unavailable: "shellcheck timed out after 0 s" });
  });

  it.skipIf(process.platform === "win32")("a ShellCheck without --norc (0.7) is run without it", () => {
    const dir = tempDir();
    const old = write(
      dir,
      "shellcheck",
      '#!/bin/sh\nfor a in "$@"; do [ "$a" = --norc ] && { echo "Unknown option --norc" >&2; exit 4; }; done\necho \'{"comments":[]}\'\nexit 0\n',
    );
    fs.chmodSync(old, 0o755);
    const runner = createShellcheckRunner({ command: old });
    const script = { script: "#!/bin/sh\n:\n", shell: "sh", toFileOffset: (o: number) => o };
    expect(runner?.([script])).toEqual([]);
    expect(runner?.([{ ...script, script: "#!/bin/sh\n: 2\n" }])).toEqual([]);
    expect(runner?.failedCalls).toBe(0);
  });

  it.skipIf(process.platform === "win32")("output that is not json1", () => {
    const dir = tempDir();
    const old = write(dir, "shellcheck", "#!/bin/sh\necho 'In x line 1:'\nexit 1\n");
    fs.chmodSync(old, 0o755);
    const result = createShellcheckRunner({ command: old })?.([{ script: "#!/bin/sh\n:\n", shell: "sh", toFileOffset: (o) => o }]);
    expect(result).toEqual({ unavailable: "shellcheck failed: its output is not --format=json1 (is it older than 0.7?)" });
  });
});

describe("usesShellcheck: does the run need the program?", () => {
  it("only when a Dockerfile's config turns the rule on", () => {
    const on = { rules: { shellcheck: "warn" as const } };
    const off = { extends: ["recommended"] };
    expect(usesShellcheck([{ config: off, kind: "dockerfile" }], builtinRules)).toBe(false);
    expect(usesShellcheck([{ config: { extends: ["all"] }, kind: "dockerfile" }], builtinRules)).toBe(true);
    expect(usesShellcheck([{ config: on, kind: "compose" }], builtinRules)).toBe(false);
    expect(usesShellcheck([{ config: off, kind: "dockerfile" }, { config: on, kind: undefined }], builtinRules)).toBe(true);
    expect(usesShellcheck([{ config: on, kind: "dockerfile" }], builtinRules.filter((r) => r.meta.id !== "shellcheck"))).toBe(false);
  });
});

describe.skipIf(!runner)("the shellcheck rule with the real program", () => {
  it("reports at the exact word, with the SC code and ShellCheck's level as messageId", () => {
    const text = "FROM debian:12\nRUN echo $foo\n";
    const messages = lint(text);
    expect(where(text, messages)).toEqual(["2:10-2:14 SC2154 $foo", "2:10-2:14 SC2086 $foo"]);
    expect(messages.map((m) => m.messageId)).toEqual(["warning", "info"]);
    expect(messages[1]?.message).toBe("SC2086: Double quote to prevent globbing and word splitting.");
    expect(messages[1]?.suggestions?.map((s) => s.desc)).toEqual(['Apply ShellCheck\'s fix for SC2086: "$foo"']);
  });

  it("positions through continuations, comment lines, tabs and non-BMP characters", () => {
    const text = 'FROM debian:12\nRUN echo "😀é" && \\\n    # install\n\tapt-get install -y $pkgs \\\n\t  && cd $dir\n';
    expect(where(text, lint(text))).toEqual([
      "4:21-4:26 SC2154 $pkgs",
      "4:21-4:26 SC2086 $pkgs",
      "5:7-5:14 SC2164 cd $dir",
      "5:10-5:14 SC2154 $dir",
      "5:10-5:14 SC2086 $dir",
    ]);
  });

  it("escape directive, heredocs, exec form and ONBUILD", () => {
    const text = [
      "# escape=`",
      "FROM debian:12",
      "ARG version",
      "RUN echo $version `",
      "    && echo $other",
      "RUN <<-EOF",
      "\t\techo $heredoc_var",
      "\tEOF",
      'RUN ["bash", "-c", "echo \\"$in_json\\" $RANDOM"]',
      "ONBUILD RUN echo $RANDOM",
      "",
    ].join("\n");
    // `$version` is declared by ARG: exported as a constant (as hadolint does), ShellCheck needs no quotes for it.
    expect(where(text, lint(text))).toEqual([
      "5:13-5:19 SC2154 $other",
      "5:13-5:19 SC2086 $other",
      "7:8-7:20 SC2154 $heredoc_var",
      "7:8-7:20 SC2086 $heredoc_var",
      "9:28-9:36 SC2154 $in_json",
      "10:18-10:25 SC3028 $RANDOM",
    ]);
  });

  it("dialect: SHELL bash knows $RANDOM, sh does not; a child stage inherits SHELL; ash is checked", () => {
    const text = 'FROM a AS base\nSHELL ["/bin/bash", "-c"]\nRUN echo "$RANDOM"\nFROM base\nRUN source /etc/os-release\nFROM b\nRUN echo "$RANDOM"\n';
    expect(where(text, lint(text))).toEqual(["7:11-7:18 SC3028 $RANDOM"]);
    const ash = 'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nRUN [[ -f /x ]] && echo ok\n';
    expect(lint(ash).map((m) => m.message.slice(0, 6))).toEqual(["SC3010"]);
  });

  it("hadolint pragmas: ignore per SC code, shell", () => {
    const text = "FROM debian:12\n# hadolint ignore=SC2086\nRUN echo $HOME\n# hadolint shell=bash\nRUN echo \"$RANDOM\"\n";
    expect(lint(text)).toEqual([]);
  });

  it("options: minLevel, exclude, include, enable", () => {
    const text = "FROM debian:12\nRUN echo $foo `date` ${HOME}\n";
    expect(lint(text).map((m) => m.message.slice(0, 6))).toEqual(["SC2154", "SC2086", "SC2046", "SC2006", "SC2086"]);
    expect(lint(text, { minLevel: "warning" }).map((m) => m.message.slice(0, 6))).toEqual(["SC2154", "SC2046"]);
    expect(lint(text, { exclude: ["SC2154", 2086] }).map((m) => m.message.slice(0, 6))).toEqual(["SC2046", "SC2006"]);
    expect(lint(text, { include: [2006] }).map((m) => m.message.slice(0, 6))).toEqual(["SC2006"]);
    expect(lint(text, { include: [2250], enable: ["require-variable-braces"] }).map((m) => m.message.slice(0, 6))).toEqual(["SC2250"]);
  });

  it("one process per file; identical scripts come from the cache", () => {
    const counting = createShellcheckRunner();
    expect(counting).toBeDefined();
    if (!counting) return;
    let calls = 0;
    const spy = ((scripts: Parameters<ShellcheckRunner>[0]) => {
      calls++;
      return counting(scripts);
    }) as ShellcheckRunner;
    const text = "FROM debian:12\nRUN echo $a\nRUN echo $b\n";
    expect(lint(text, {}, spy)).toHaveLength(4);
    expect(lint(text, {}, spy)).toHaveLength(4);
    expect(calls).toBe(2);
  });

  it("`--fix` does not apply suggestions, and the suggestion edits the Dockerfile exactly", () => {
    const text = "FROM debian:12\nRUN cd /tmp && echo `date`\n";
    const result = lintText(text, { filePath: "Dockerfile", rules: RULES, config: { rules: { shellcheck: "warn" } }, services: { shellcheck: runner as ShellcheckRunner }, fix: true });
    expect(result.output).toBeUndefined();
    const sc2006 = result.messages.find((m) => m.message.startsWith("SC2006"));
    const fix = sc2006?.suggestions?.[0]?.fix;
    expect(fix).toBeDefined();
    if (fix) expect(text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1])).toBe("FROM debian:12\nRUN cd /tmp && echo $(date)\n");
  });

  it("cleans up its temporary directory", () => {
    const own = tempDir();
    const saved = process.env["TMPDIR"];
    process.env["TMPDIR"] = own;
    try {
      expect(os.tmpdir()).toBe(own);
      expect(lint("FROM debian:12\nRUN echo $x\n", {}, createShellcheckRunner())).toHaveLength(2);
    } finally {
      if (saved === undefined) delete process.env["TMPDIR"];
      else process.env["TMPDIR"] = saved;
    }
    expect(fs.readdirSync(own)).toEqual([]);
  });
});

describe.skipIf(SKIP === "")("the shellcheck rule without the program", () => {
  it(SKIP || "skipped", () => {
    expect(runner).toBeUndefined();
  });
});
