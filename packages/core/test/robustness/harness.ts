/**
 * Shared by the robustness suites (vitest) and the long fuzz run (scripts/fuzz.mjs): lint a text
 * with every rule on, and list what breaks the "never crash, never lie about positions" contract.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { filesUnder } from "../support/shared.js";
import fc from "fast-check";
import "../../src/compose/index.js";
import "../../src/daemon/index.js";
import { parseCompose } from "../../src/compose/parse.js";
import { evaluate, parseInterpolation } from "../../src/compose/interpolation.js";
import { parseDaemon } from "../../src/daemon/parse.js";
import { parseDockerfile } from "../../src/dockerfile/parse.js";
import { parseImageReference } from "../../src/image/reference.js";
import { lintText } from "../../src/linter.js";
import { parseShell } from "../../src/shell/parse.js";
import type { Config } from "../../src/config.js";
import type { FileKind, LintMessage, LintResult } from "../../src/types.js";

/** Every rule on, at its default options: the widest surface a mutated file can hit. */
export const ALL_RULES: Config = { extends: ["all"] };

/** The prefixes of messages the engine writes when a rule or the whole lint failed on a file. */
const CRASH_MARKERS = [/^Rule "[^"]+" failed on this file/, /^docklint failed on this file/, /^Unknown messageId/];

/** The engine's own notes, which have no rule id: about suppression comments and `# check=` directives. */
const ENGINE_NOTES = [/^Unknown rule "[^"]*" in a docklint-/, /^Unused docklint suppression/, /^Invalid "# check=" directive/];

/** Lines as the engine counts them (LF, CRLF and lone CR each end a line), without their breaks. */
export function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function inside(lines: readonly string[], line: number, column: number): boolean {
  return Number.isInteger(line) && Number.isInteger(column) && line >= 1 && line <= lines.length && column >= 1 && column <= (lines[line - 1]?.length ?? 0) + 1;
}

/** What is wrong with one message for this text, or undefined when it keeps the contract. */
export function messageProblem(text: string, lines: readonly string[], message: LintMessage): string | undefined {
  const where = `${message.ruleId ?? "(no rule)"} at ${message.line}:${message.column}-${message.endLine ?? "?"}:${message.endColumn ?? "?"}`;
  if (CRASH_MARKERS.some((marker) => marker.test(message.message))) return `${where}: ${message.message}`;
  if (message.ruleId === null && !message.fatal && !ENGINE_NOTES.some((note) => note.test(message.message))) {
    return `${where}: a non-fatal message without a rule id: ${message.message}`;
  }
  if (!inside(lines, message.line, message.column)) return `${where}: the start lies outside the file (${lines.length} lines)`;
  if (message.endLine !== undefined) {
    if (!inside(lines, message.endLine, message.endColumn ?? 1)) return `${where}: the end lies outside the file (${lines.length} lines)`;
    if (message.endLine < message.line || (message.endLine === message.line && (message.endColumn ?? 1) < message.column)) return `${where}: the end comes before the start`;
  }
  for (const fix of [message.fix, ...(message.suggestions ?? []).map((s) => s.fix)]) {
    if (!fix) continue;
    const [start, end] = fix.range;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) return `${where}: a fix range [${start}, ${end}) outside the file (${text.length} characters)`;
  }
  return undefined;
}

/** Every broken promise in one result: crashed rules, stray ranges, messages without a rule. */
export function resultProblems(text: string, result: LintResult): string[] {
  const lines = linesOf(text);
  // Cut: a message quoting a 1 MB value would drown the test report.
  const problems = result.messages.flatMap((m) => messageProblem(text, lines, m)?.slice(0, 400) ?? []);
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0 && result.messages.length !== fatal.length) problems.push(`a fatal result with ${result.messages.length - fatal.length} other messages`);
  return problems;
}

export interface Checked {
  result?: LintResult;
  problems: string[];
}

/** Lints with every rule; an exception is a problem, never a thrown error. */
export function lintChecked(text: string, kind: FileKind, options: { fix?: boolean; filePath?: string } = {}): Checked {
  let result: LintResult;
  try {
    result = lintText(text, { kind, config: ALL_RULES, filePath: options.filePath ?? `/fuzz/${kind === "dockerfile" ? "Dockerfile" : kind === "compose" ? "compose.yaml" : "daemon.json"}`, fix: options.fix === true });
  } catch (error) {
    return { problems: [`threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`] };
  }
  // After fixing, the messages are those of the fixed text.
  return { result, problems: resultProblems(result.output ?? text, result) };
}


/** Every `step`-th file of a corpus folder, read once: a deterministic sample across all projects. */
export function corpusSample(corpusDir: string, folder: "dockerfile" | "compose", step: number): string[] {
  return filesUnder(join(corpusDir, folder))
    .filter((_, index) => index % step === 0)
    .map((file) => readFileSync(file, "utf8"));
}

/** Small daemon.json seeds (there is no daemon corpus): every kind of JSON value the schema knows. */
export const DAEMON_SEEDS: readonly string[] = [
  '{\n  "log-driver": "json-file",\n  "log-opts": { "max-size": "10m", "max-file": "3" },\n  "live-restore": true\n}\n',
  '{\r\n  "insecure-registries": ["registry.local:5000", "10.0.0.0/8"],\r\n  "hosts": ["tcp://0.0.0.0:2375", "unix:///var/run/docker.sock"],\r\n  "icc": false\r\n}\r\n',
  '\uFEFF{ "userns-remap": "default", "no-new-privileges": true, "default-ulimits": { "nofile": { "Name": "nofile", "Hard": 64000, "Soft": 64000 } } }',
  '{ "experimental": true, "debug": true, "tls": false, "tlsverify": false, "storage-driver": "overlay2", "registry-mirrors": ["http://mirror"], "default-address-pools": [{"base": "172.80.0.0/16", "size": 24}] }\n',
];

/** Characters that most often flip a parser's state: quotes, brackets, escapes, YAML and shell syntax. */
export const SYNTAX_CHARACTERS = ["\"", "'", "`", "[", "]", "{", "}", "(", ")", "\\", "$", "${", "#", ":", "- ", "&a ", "*a", "<<: ", "|", ">", "&&", "\n", "\r\n", "\r", "\t", "  ", "<<EOF\n", "\nEOF\n", "\uFEFF", "\u00a0", "\u201c", ","];

export type Mutation =
  | { op: "drop"; at: number; length: number }
  | { op: "duplicate"; at: number; length: number }
  | { op: "swap"; at: number; other: number }
  | { op: "insert"; at: number; text: string }
  | { op: "shuffleLines"; seed: number }
  | { op: "truncate"; at: number };

/** Positions are taken modulo the current length, so any number applies to any text. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const size = out.length;
    const at = size === 0 ? 0 : ("at" in m ? m.at : 0) % (size + 1);
    switch (m.op) {
      case "drop":
        out = out.slice(0, at) + out.slice(at + m.length);
        break;
      case "duplicate":
        out = out.slice(0, at + m.length) + out.slice(at, at + m.length) + out.slice(at + m.length);
        break;
      case "swap": {
        if (size < 2) break;
        const a = Math.min(at, size - 1);
        const b = m.other % size;
        const chars = [...out];
        if (chars.length !== size) {
          out = out.slice(0, a) + out.slice(b, b + 1) + out.slice(a + 1);
          break;
        }
        [chars[a], chars[b]] = [chars[b] as string, chars[a] as string];
        out = chars.join("");
        break;
      }
      case "insert":
        out = out.slice(0, at) + m.text + out.slice(at);
        break;
      case "shuffleLines": {
        const lines = out.split("\n");
        // A seeded Fisher–Yates (xorshift): the same seed gives the same order on every run.
        let state = m.seed | 1;
        for (let i = lines.length - 1; i > 0; i--) {
          state ^= state << 13;
          state ^= state >>> 17;
          state ^= state << 5;
          const j = (state >>> 0) % (i + 1);
          [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
        }
        out = lines.join("\n");
        break;
      }
      case "truncate":
        out = out.slice(0, at);
        break;
    }
  }
  return out;
}

/** Text biased towards the syntax of a kind: its keywords, syntax characters, line breaks and random strings. */
export function textFor(kind: FileKind): fc.Arbitrary<string> {
  const words: Record<FileKind, string[]> = {
    dockerfile: ["FROM", "RUN", "COPY", "ADD", "ARG", "ENV", "USER", "HEALTHCHECK", "CMD", "ENTRYPOINT", "ONBUILD", "SHELL", "EXPOSE", "WORKDIR", "LABEL", "from", "run", "AS", "--from=", "--chown=", "--mount=type=cache,target=", "# syntax=", "# escape=`", "# check=", "apt-get install -y", "apt-get update", "yum install", "curl -k https://", "alpine:3.19", "ubuntu", "\\\n", " && ", "<<EOF", "EOF", "MAINTAINER x"],
    compose: ["services:", "  web:", "    image:", "    build:", "    ports:", "      - ", "volumes:", "networks:", "x-base: &base", "<<: *base", "*base", "${VAR:-x}", "$${X}", "privileged: true", "user: root", "extends:", "include:", "healthcheck:", "version: '3'", "---", "? ", "!!str", "{", "}", "[", "]"],
    daemon: ["{", "}", "[", "]", '"hosts"', '"insecure-registries"', '"log-opts"', '"tls"', ": ", ", ", "true", "false", "null", "1e999", '"\\u0000"', '"x"', "-0", "//", "/*"],
  };
  const piece = fc.oneof(fc.constantFrom(...words[kind]), fc.constantFrom(...SYNTAX_CHARACTERS), fc.string({ maxLength: 8 }), fc.string({ unit: "grapheme", maxLength: 4 }));
  return fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(""));
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("drop" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant("duplicate" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ op: fc.constant("swap" as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), text: fc.constantFrom(...SYNTAX_CHARACTERS) }),
  fc.record({ op: fc.constant("shuffleLines" as const), seed: fc.integer() }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
);
export const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 6 });

/** The same text with every line break written one way, or each break chosen at random (mixed). */
export type LineEnding = "lf" | "crlf" | "mixed";
export function withLineEndings(text: string, ending: LineEnding, bom: boolean, seed = 1): string {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  let state = seed | 1;
  const breakAt = (): string => {
    if (ending === "lf") return "\n";
    if (ending === "crlf") return "\r\n";
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % 2 === 0 ? "\n" : "\r\n";
  };
  return (bom ? "\uFEFF" : "") + lines.map((line, index) => (index < lines.length - 1 ? line + breakAt() : line)).join("");
}

/** Parsers called directly (not through the engine) must not throw on any text. */
export function parseEverything(text: string): string[] {
  const problems: string[] = [];
  const attempts: [string, () => unknown][] = [
    ["parseDockerfile", () => parseDockerfile(text)],
    ["parseShell", () => parseShell(text)],
    ["parseImageReference", () => parseImageReference(text)],
    ["parseInterpolation", () => parseInterpolation(text)],
    ["evaluate", () => evaluate(text)],
    ["parseCompose", () => parseCompose(text)],
    ["parseDaemon", () => parseDaemon(text)],
  ];
  const lines = linesOf(text);
  for (const [name, attempt] of attempts) {
    try {
      const parsed = attempt() as { ok?: boolean; error?: { line: number; column: number } } | undefined;
      if (parsed && parsed.ok === false && parsed.error && !inside(lines, parsed.error.line, parsed.error.column)) {
        problems.push(`${name}: error position ${parsed.error.line}:${parsed.error.column} outside the file`);
      }
    } catch (error) {
      problems.push(`${name} threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  return problems;
}

/**
 * The fix properties of one text: fixing twice equals fixing once, a file that parsed still parses
 * after its fixes, an all-CRLF file gains no bare LF, and a BOM stays first.
 */
export function fixProblems(text: string, kind: FileKind): string[] {
  const once = lintChecked(text, kind, { fix: true });
  if (!once.result) return once.problems;
  const fixed = once.result.output ?? text;
  if (fixed === text) return once.problems;
  const problems = [...once.problems];
  const before = lintChecked(text, kind);
  const after = lintChecked(fixed, kind);
  if (!after.result) return [...problems, ...after.problems.map((p) => `after fixing: ${p}`)];
  if ((before.result?.fatalErrorCount ?? 0) === 0 && after.result.fatalErrorCount > 0) {
    problems.push(`the fixed file no longer parses: ${after.result.messages.find((m) => m.fatal)?.message ?? ""}`);
  }
  const twice = lintChecked(fixed, kind, { fix: true });
  if (twice.result?.output !== undefined && twice.result.output !== fixed) problems.push("fixing twice changed the text again");
  if (text.startsWith("\uFEFF") !== fixed.startsWith("\uFEFF")) problems.push("the fix added or removed the byte order mark");
  if (text.includes("\r\n") && !/(?<!\r)\n/.test(text) && /(?<!\r)\n/.test(fixed)) problems.push("the fix wrote a bare LF into a CRLF file");
  return problems;
}
