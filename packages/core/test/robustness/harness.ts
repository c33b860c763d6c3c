/**
 * Shared by the robustness suites (vitest) and the long fuzz run (scripts/fuzz.mjs): lint a text
 * with every rule on, and list what breaks the "never crash, never lie about positions" contract.
 */
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
import { posix } from "node:path";
import type { LintServices } from "../../src/rule.js";
import type { FileKind, LintMessage, LintResult } from "../../src/types.js";
import type { Project } from "./generators.js";

export * from "./generators.js";

/** Every rule on, at its default options: the widest surface a mutated file can hit. */
export const ALL_RULES: Config = { extends: ["all"] };

/** The prefixes of messages the engine writes when a rule or the whole lint failed on a file. */
const CRASH_MARKERS = [/^Rule "[^"]+" failed on this file/, /^docklint failed on this file/, /^Unknown messageId/];

/** The engine's own notes, which have no rule id: about suppression comments and `# check=` directives. */
const ENGINE_NOTES = [/^Unknown rule ".*" in a docklint-/, /^Unused docklint suppression/, /^Invalid "# check=" directive/];

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

/**
 * Lints with every rule (or the config given); an exception is a problem, never a thrown error,
 * and so is a process warning: Node prints it to standard error beside the report (yaml warned
 * there about Compose's `!reset` tag in an including file).
 */
export function lintChecked(text: string, kind: FileKind, options: { fix?: boolean; filePath?: string; services?: LintServices; config?: Config } = {}): Checked {
  let result: LintResult;
  const warnings: string[] = [];
  const emitWarning = process.emitWarning;
  process.emitWarning = (warning: string | Error): void => {
    warnings.push(typeof warning === "string" ? warning : warning.message);
  };
  try {
    result = lintText(text, {
      kind,
      config: options.config ?? ALL_RULES,
      filePath: options.filePath ?? `/fuzz/${kind === "dockerfile" ? "Dockerfile" : kind === "compose" ? "compose.yaml" : "daemon.json"}`,
      fix: options.fix === true,
      ...(options.services ? { services: options.services } : {}),
    });
  } catch (error) {
    return { problems: [`threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`] };
  } finally {
    process.emitWarning = emitWarning;
  }
  // After fixing, the messages are those of the fixed text.
  return { result, problems: [...resultProblems(result.output ?? text, result), ...warnings.map((warning) => `a process warning: ${warning.slice(0, 300)}`)] };
}


/** The services the CLI gives a lint, over a project's files (paths relative to the linted file's directory; none outside the project). */
export function projectServices(project: Project): LintServices {
  const inProject = (relative: string): string | undefined => {
    const path = posix.normalize(relative.replace(/\\/g, "/"));
    return path.startsWith("../") || path === ".." || posix.isAbsolute(path) ? undefined : path === "." ? "" : path.replace(/\/$/, "");
  };
  return {
    readFile: (relative) => {
      const path = inProject(relative);
      return path === undefined ? undefined : project[path];
    },
    listFiles: (relative) => {
      const dir = inProject(relative);
      if (dir === undefined) return undefined;
      const prefix = dir === "" ? "" : `${dir}/`;
      const entries = new Set<string>();
      for (const path of Object.keys(project)) {
        if (!path.startsWith(prefix)) continue;
        const parts = path.slice(prefix.length).split("/");
        for (let depth = 1; depth < parts.length; depth++) entries.add(`${parts.slice(0, depth).join("/")}/`);
        entries.add(parts.join("/"));
      }
      return entries.size > 0 || dir === "" ? [...entries].sort() : undefined;
    },
  };
}

/** Lints a project's first file with every rule (or the config given), its other files read through projectServices: what is wrong, as lintChecked. */
export function projectProblems(project: Project, config: Config = ALL_RULES): string[] {
  const [name, text] = Object.entries(project)[0] ?? ["compose.yaml", ""];
  return lintChecked(text, name.endsWith("Dockerfile") ? "dockerfile" : "compose", { filePath: `/fuzz/project/${name}`, services: projectServices(project), config }).problems;
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
export function fixProblems(text: string, kind: FileKind, config: Config = ALL_RULES): string[] {
  const once = lintChecked(text, kind, { fix: true, config });
  if (!once.result) return once.problems;
  const fixed = once.result.output ?? text;
  if (fixed === text) return once.problems;
  const problems = [...once.problems];
  const before = lintChecked(text, kind, { config });
  const after = lintChecked(fixed, kind, { config });
  if (!after.result) return [...problems, ...after.problems.map((p) => `after fixing: ${p}`)];
  if ((before.result?.fatalErrorCount ?? 0) === 0 && after.result.fatalErrorCount > 0) {
    problems.push(`the fixed file no longer parses: ${after.result.messages.find((m) => m.fatal)?.message ?? ""}`);
  }
  const twice = lintChecked(fixed, kind, { fix: true, config });
  if (twice.result?.output !== undefined && twice.result.output !== fixed) problems.push("fixing twice changed the text again");
  if (text.startsWith("\uFEFF") !== fixed.startsWith("\uFEFF")) problems.push("the fix added or removed the byte order mark");
  if (text.includes("\r\n") && !/(?<!\r)\n/.test(text) && /(?<!\r)\n/.test(fixed)) problems.push("the fix wrote a bare LF into a CRLF file");
  return problems;
}
