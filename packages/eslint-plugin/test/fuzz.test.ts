/**
 * The plugin under the robustness suites' inputs (core's test/robustness/generators.ts): texts
 * biased towards each kind's syntax and mutated corpus files, in any line endings, with and without
 * a byte order mark, and with U+2028 (a line break to JavaScript, not to docklint). Through ESLint's
 * own Linter on both majors, for every kind:
 * - neither `verify` nor `verifyAndFix` throws;
 * - the findings are core's, rule for rule and position for position (blank files aside: the
 *   plugin reports them as the CLI does, one fatal error);
 * - ESLint's fixed text is core's `--fix` output: no fix that core refuses reaches ESLint;
 * and with ESLint's own directives added (which the CLI does not read), nothing throws and every
 * location lies inside the text, after `verifyAndFix` too.
 * Seeded and bounded for CI; DOCKLINT_ESLINT_FUZZ_RUNS=<n> runs n inputs per kind and major.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Linter as Linter10 } from "eslint";
import { Linter as Linter9 } from "eslint9";
import { lintText, type FileKind } from "@docklint/core";
import "@docklint/core/compose";
import "@docklint/core/daemon";
import plugin from "../src/index.js";
import { DAEMON_SEEDS, corpusSample, mutate, mutationsArb, textFor, withLineEndings, type LineEnding } from "../../core/test/robustness/generators.js";
import { sharedDir, skipMessage } from "../../core/test/support/shared.js";
import { asEslintFinding, finding, findingKey } from "./helpers.js";

const RUNS = Number(process.env["DOCKLINT_ESLINT_FUZZ_RUNS"] ?? 120);
const KINDS: readonly FileKind[] = ["dockerfile", "compose", "daemon"];
const FILE_NAMES: Record<FileKind, string> = { dockerfile: "Dockerfile", compose: "compose.yaml", daemon: "daemon.json" };

const corpus = path.join(sharedDir, "corpus");
const hasCorpus = fs.existsSync(path.join(corpus, "dockerfile")) && fs.existsSync(path.join(corpus, "compose"));
if (!hasCorpus) console.warn(skipMessage("ESLint plugin fuzzing from mutated corpus files (synthetic texts still run)"));
const seeds: Record<FileKind, readonly string[]> = {
  dockerfile: hasCorpus ? corpusSample(corpus, "dockerfile", 25) : [],
  compose: hasCorpus ? corpusSample(corpus, "compose", 12) : [],
  daemon: DAEMON_SEEDS,
};

// ShellCheck is an external process, not the adapter under test; it is off on both sides.
const config = [...plugin.configs.all, { rules: { "docklint/shellcheck": "off" } }] as never;
const coreConfig = { extends: ["all" as const], rules: { shellcheck: "off" as const } };

function inputFor(kind: FileKind): fc.Arbitrary<string> {
  const base = seeds[kind].length > 0 ? fc.oneof(textFor(kind), fc.constantFrom(...seeds[kind])) : textFor(kind);
  return fc
    .tuple(base, mutationsArb, fc.constantFrom<LineEnding>("lf", "crlf", "mixed"), fc.boolean(), fc.boolean())
    .map(([text, mutations, ending, bom, separator]) => withLineEndings(mutate(text, mutations), ending, bom) + (separator ? "\u2028x" : ""));
}

/** What is wrong with the plugin on one input, through one ESLint major's Linter. */
function problems(linter: InstanceType<typeof Linter10>, kind: FileKind, input: string): string[] {
  const filename = FILE_NAMES[kind];
  // ESLint hands languages the text without its byte order mark; the CLI reads it the same way.
  const text = input.replace(/^\uFEFF/, "");
  let messages: ReturnType<typeof linter.verify>;
  let fixed: ReturnType<typeof linter.verifyAndFix>;
  try {
    messages = linter.verify(input, config, { filename });
    fixed = linter.verifyAndFix(input, config, { filename });
  } catch (error) {
    return [`ESLint threw: ${error instanceof Error ? error.message : String(error)}`];
  }
  if (text.trim() === "") {
    return messages.length === 1 && messages[0]?.fatal === true ? [] : [`a blank file gave ${messages.length} messages, not one fatal error`];
  }
  const out: string[] = [];
  const core = lintText(text, { kind, filePath: filename, config: coreConfig });
  const expected = core.messages.map(asEslintFinding).map(findingKey).sort();
  const actual = messages.map(finding).map(findingKey).sort();
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    out.push(`findings differ\n  ESLint: ${actual.filter((k) => !expected.includes(k)).join("\n          ")}\n  core:   ${expected.filter((k) => !actual.includes(k)).join("\n          ")}`);
  }
  const coreFixed = lintText(text, { kind, filePath: filename, config: coreConfig, fix: true }).output ?? text;
  if (fixed.output.replace(/^\uFEFF/, "") !== coreFixed) out.push(`fixed text differs\n  ESLint: ${JSON.stringify(fixed.output)}\n  core:   ${JSON.stringify(coreFixed)}`);
  return out;
}

/** ESLint's own directives, which the CLI does not read: for these texts, only ESLint's side is checked. */
const ESLINT_DIRECTIVES = [
  "# eslint-disable-next-line",
  "# eslint-disable-next-line docklint/no-sudo, docklint/no-privileged",
  "# eslint-disable",
  "# eslint-enable",
  "# eslint-disable-line",
  "# eslint-disable docklint/require-non-root-user -- reason",
  "# eslint docklint/no-sudo: off",
  '# eslint docklint/no-sudo: ["error"',
  "# eslint-enable docklint/unknown-rule",
];

function withDirectives(kind: FileKind): fc.Arbitrary<string> {
  return fc.tuple(inputFor(kind), fc.array(fc.tuple(fc.constantFrom(...ESLINT_DIRECTIVES), fc.nat()), { minLength: 1, maxLength: 4 })).map(([text, directives]) => {
    const lines = text.split("\n");
    for (const [directive, at] of directives) lines.splice(at % (lines.length + 1), 0, directive);
    return lines.join("\n");
  });
}

/** Whether ESLint's message lies inside the text, in lines as the plugin counts them (LF, CRLF, lone CR). */
function locationProblem(text: string, m: { line: number; column: number; endLine?: number | undefined; endColumn?: number | undefined; ruleId: string | null }): string | undefined {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const inside = (line: number, column: number): boolean => line >= 1 && line <= lines.length && column >= 1 && column <= (lines[line - 1]?.length ?? 0) + 1;
  if (!inside(m.line, m.column)) return `${m.ruleId} starts at ${m.line}:${m.column}, outside the text (${lines.length} lines)`;
  if (m.endLine !== undefined && !inside(m.endLine, m.endColumn ?? 1)) return `${m.ruleId} ends at ${m.endLine}:${m.endColumn}, outside the text`;
  return undefined;
}

describe.each([
  { major: 10, Linter: Linter10 },
  { major: 9, Linter: Linter9 as unknown as typeof Linter10 },
])("ESLint $major: the plugin on fuzzed input", ({ major, Linter }) => {
  it.each(KINDS)(`%s: ${RUNS} inputs, none throws, findings and fixes are core's`, (kind) => {
    const linter = new Linter({ configType: "flat" });
    const failures: string[] = [];
    fc.assert(
      fc.property(inputFor(kind), (input) => {
        const found = problems(linter, kind, input);
        if (found.length > 0) failures.push(`${JSON.stringify(input.slice(0, 400))}\n${found.join("\n")}`);
      }),
      { numRuns: RUNS, seed: 20261130 + major + KINDS.indexOf(kind) },
    );
    expect(failures.slice(0, 3)).toEqual([]);
  });

  it.each(KINDS)(`%s with ESLint's own directives: ${RUNS} inputs, none throws, every location inside the text`, (kind) => {
    const linter = new Linter({ configType: "flat" });
    const failures: string[] = [];
    fc.assert(
      fc.property(withDirectives(kind), (input) => {
        const filename = FILE_NAMES[kind];
        try {
          const fixed = linter.verifyAndFix(input, config, { filename });
          const found = [
            ...linter.verify(input, config, { filename }).flatMap((m) => locationProblem(input, m) ?? []),
            ...fixed.messages.flatMap((m) => locationProblem(fixed.output, m) ?? []),
          ];
          if (found.length > 0) failures.push(`${JSON.stringify(input.slice(0, 400))}\n${found.join("\n")}`);
        } catch (error) {
          failures.push(`${JSON.stringify(input.slice(0, 400))}\nESLint threw: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
      { numRuns: RUNS, seed: 20261200 + major + KINDS.indexOf(kind) },
    );
    expect(failures.slice(0, 3)).toEqual([]);
  });
});
