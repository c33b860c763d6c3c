/**
 * The ShellCheck runner the CLI gives core's `shellcheck` rule (`LintServices.shellcheck`):
 * all scripts of one Dockerfile are written to a temporary directory, one file each, and
 * checked by a single `shellcheck --format=json1` process. Each script carries its own
 * shebang, which sets its dialect (ShellCheck's `-s` would apply to every file of the call).
 * The runner never throws: a failure is `{ unavailable: reason }`.
 */
import type * as ChildProcess from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as Os from "node:os";
import path from "node:path";
import { appendTo, resolveRules, type Config, type FileKind, type LintServices, type Rule, type ShellcheckFinding, type ShellcheckScript } from "@docklint/core";

export const SHELLCHECK_RULE_ID = "shellcheck";

type RunShellcheck = NonNullable<LintServices["shellcheck"]>;

/** The runner, plus what it found out: the program it runs and the calls that failed. */
export interface ShellcheckRunner extends RunShellcheck {
  /** Absolute path of the shellcheck program. */
  readonly executable: string;
  /** Why calls failed, distinct reasons in order (the files concerned have no ShellCheck findings). */
  readonly failures: readonly string[];
  /** Number of calls that failed. */
  readonly failedCalls: number;
}

export interface ShellcheckRunnerOptions {
  /** The program: a path, or a name looked up on PATH. Default `shellcheck`. */
  command?: string;
  /** Environment for the PATH lookup and the process. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Time one call may take. Default 60 s. */
  timeoutMs?: number;
  /** Scripts whose results are remembered (identical RUNs across files, and re-lints after `--fix`). Default 2000. */
  cacheSize?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
/** Scripts longer than this are not cached (a few huge RUNs must not pin megabytes). */
const MAX_CACHED_SCRIPT = 16_384;
const LEVELS = new Set<ShellcheckFinding["level"]>(["error", "warning", "info", "style"]);

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (process.platform !== "win32") accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The absolute path of an executable, looked up on PATH (with PATHEXT on Windows) unless `command` contains a directory. */
export function findExecutable(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const extensions = process.platform === "win32" ? ["", ...(env["PATHEXT"] ?? ".EXE;.CMD;.BAT;.COM").split(";").filter(Boolean)] : [""];
  if (command.includes("/") || command.includes("\\")) {
    for (const extension of extensions) {
      const candidate = path.resolve(command + extension);
      if (isExecutableFile(candidate)) return candidate;
    }
    return undefined;
  }
  const pathVariable = env["PATH"] ?? env["Path"] ?? "";
  for (const directory of pathVariable.split(path.delimiter)) {
    if (directory === "") continue;
    for (const extension of extensions) {
      const candidate = path.resolve(directory, command + extension);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/** A finding as ShellCheck gives it, relative to its script (cached per script text). */
type ScriptFinding = Omit<ShellcheckFinding, "script">;

interface Json1Comment {
  file?: unknown;
  line?: unknown;
  endLine?: unknown;
  column?: unknown;
  endColumn?: unknown;
  level?: unknown;
  code?: unknown;
  message?: unknown;
  fix?: { replacements?: unknown } | null;
}

interface Json1Replacement {
  line?: unknown;
  endLine?: unknown;
  column?: unknown;
  endColumn?: unknown;
  replacement?: unknown;
}

/**
 * Line/column → offset in one script. `--format=json1` counts lines by `\n` and columns in
 * characters (Unicode code points; a tab is one column, unlike `--format=json` and the tty
 * format, which expand tabs to 8), 1-based, end column exclusive. JavaScript offsets count
 * UTF-16 units, so a character outside the BMP takes two.
 */
export class ScriptPositions {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
  }

  offset(line: number, column: number): number {
    if (!Number.isInteger(line) || line < 1) return 0;
    const lineStart = this.lineStarts[line - 1];
    if (lineStart === undefined) return this.text.length;
    const next = this.lineStarts[line];
    const lineEnd = next === undefined ? this.text.length : next - 1;
    let at = lineStart;
    for (let remaining = Math.max(0, Math.trunc(column) - 1); remaining > 0 && at < lineEnd; remaining--) {
      const c = this.text.charCodeAt(at);
      at += c >= 0xd800 && c <= 0xdbff && at + 1 < lineEnd && (this.text.charCodeAt(at + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    }
    // A column past the end of the line is the line break (or the end of the script).
    return Math.min(at, lineEnd);
  }
}

function num(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

/** Turns `--format=json1` output into findings per file name; throws on output that is not json1. */
export function parseJson1(stdout: string, texts: ReadonlyMap<string, string>): Map<string, ScriptFinding[]> {
  const parsed = JSON.parse(stdout) as { comments?: unknown };
  if (typeof parsed !== "object" || parsed === null || !Array.isArray(parsed.comments)) throw new Error("unexpected output: no `comments` array");
  const byFile = new Map<string, ScriptFinding[]>();
  const positions = new Map<string, ScriptPositions>();
  for (const raw of parsed.comments as Json1Comment[]) {
    const file = typeof raw.file === "string" ? raw.file : undefined;
    const text = file === undefined ? undefined : texts.get(file);
    if (file === undefined || text === undefined) continue;
    let at = positions.get(file);
    if (!at) positions.set(file, (at = new ScriptPositions(text)));
    const start = at.offset(num(raw.line), num(raw.column));
    const end = Math.max(start, at.offset(num(raw.endLine), num(raw.endColumn)));
    const level = LEVELS.has(raw.level as ShellcheckFinding["level"]) ? (raw.level as ShellcheckFinding["level"]) : "warning";
    const finding: ScriptFinding = { code: num(raw.code), level, message: typeof raw.message === "string" ? raw.message : "", start, end };
    const replacements = raw.fix && Array.isArray(raw.fix.replacements) ? (raw.fix.replacements as Json1Replacement[]) : [];
    if (replacements.length > 0 && replacements.every((r) => typeof r.replacement === "string")) {
      const positionsOf = at;
      finding.fix = replacements.map((r) => {
        const from = positionsOf.offset(num(r.line), num(r.column));
        return { start: from, end: Math.max(from, positionsOf.offset(num(r.endLine), num(r.endColumn))), text: r.replacement as string };
      });
    }
    appendTo(byFile, file, finding);
  }
  return byFile;
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0]?.trim() ?? "";
}

/**
 * The runner for `LintServices.shellcheck`, or undefined when shellcheck is not installed.
 * The program is looked up once, here; each call then runs one process for all the scripts
 * of one file that are not in the cache.
 */
export function createShellcheckRunner(options: ShellcheckRunnerOptions = {}): ShellcheckRunner | undefined {
  const env = options.env ?? process.env;
  const executable = findExecutable(options.command ?? "shellcheck", env);
  if (!executable) return undefined;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const cacheSize = options.cacheSize ?? 2000;
  const cache = new Map<string, ScriptFinding[]>();
  const failures: string[] = [];
  let failedCalls = 0;
  let noRc = true;
  // Results must not depend on the machine: no ~/.shellcheckrc (--norc), no SHELLCHECK_OPTS.
  const childEnv: NodeJS.ProcessEnv = { ...env };
  delete childEnv["SHELLCHECK_OPTS"];

  const fail = (reason: string): { unavailable: string } => {
    failedCalls++;
    if (!failures.includes(reason) && failures.length < 20) failures.push(reason);
    return { unavailable: reason };
  };

  const check = (pending: ReadonlyMap<string, string>): Map<string, ScriptFinding[]> | { unavailable: string } => {
    let directory: string | undefined;
    try {
      // Loaded here, not on import: child_process and os cost every run start-up time, and most never call ShellCheck.
      const requireBuiltin = createRequire(import.meta.url);
      const { spawnSync } = requireBuiltin("node:child_process") as typeof ChildProcess;
      const os = requireBuiltin("node:os") as typeof Os;
      directory = mkdtempSync(path.join(os.tmpdir(), "docklint-shellcheck-"));
      for (const [name, text] of pending) writeFileSync(path.join(directory, name), text, "utf8");
      const spawn = () =>
        spawnSync(executable, ["--format=json1", "--severity=style", ...(noRc ? ["--norc"] : []), ...pending.keys()], {
          cwd: directory,
          env: childEnv,
          encoding: "utf8",
          timeout: timeoutMs,
          maxBuffer: 256 * 1024 * 1024,
          windowsHide: true,
        });
      let result = spawn();
      // --norc came with ShellCheck 0.8; 0.7 (the first with json1) rejects it.
      if (noRc && result.status !== 0 && result.status !== 1 && /norc/.test(result.stderr ?? "")) {
        noRc = false;
        result = spawn();
      }
      if (result.error) {
        const code = (result.error as NodeJS.ErrnoException).code;
        return fail(code === "ETIMEDOUT" ? `shellcheck timed out after ${Math.round(timeoutMs / 1000)} s` : `shellcheck failed: ${result.error.message}`);
      }
      if (result.signal) return fail(`shellcheck failed: killed by ${result.signal}`);
      // 0: no findings, 1: findings; anything else is a usage or I/O error.
      if (result.status !== 0 && result.status !== 1) {
        return fail(`shellcheck failed: exit code ${result.status}${result.stderr ? `: ${firstLine(result.stderr)}` : ""}`);
      }
      try {
        return parseJson1(result.stdout, pending);
      } catch {
        return fail("shellcheck failed: its output is not --format=json1 (is it older than 0.7?)");
      }
    } catch (error) {
      return fail(`shellcheck failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (directory) rmSync(directory, { recursive: true, force: true });
    }
  };

  const run = (scripts: readonly ShellcheckScript[]): ShellcheckFinding[] | { unavailable: string } => {
    try {
      const pending = new Map<string, string>();
      const fileOf: (string | undefined)[] = [];
      scripts.forEach((script, index) => {
        if (cache.has(script.script)) {
          fileOf.push(undefined);
          return;
        }
        // The shebang sets the dialect; a script without one gets the one its `shell` names.
        const text = script.script.startsWith("#!") ? script.script : `#!/usr/bin/env ${script.shell}\n${script.script}`;
        const name = `${index}.sh`;
        pending.set(name, text);
        fileOf.push(name);
      });
      let checked = new Map<string, ScriptFinding[]>();
      if (pending.size > 0) {
        const outcome = check(pending);
        if (!(outcome instanceof Map)) return outcome;
        checked = outcome;
      }
      const findings: ShellcheckFinding[] = [];
      scripts.forEach((script, index) => {
        const name = fileOf[index];
        let own: ScriptFinding[];
        if (name === undefined) {
          own = cache.get(script.script) ?? [];
        } else {
          const shift = (pending.get(name)?.length ?? 0) - script.script.length;
          own = (checked.get(name) ?? [])
            .filter((f) => f.start >= shift)
            .map((f) => ({
              ...f,
              start: f.start - shift,
              end: f.end - shift,
              ...(f.fix ? { fix: f.fix.map((r) => ({ ...r, start: r.start - shift, end: r.end - shift })) } : {}),
            }));
          if (script.script.length <= MAX_CACHED_SCRIPT) {
            if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
            cache.set(script.script, own);
          }
        }
        for (const finding of own) findings.push({ ...finding, script: index });
      });
      return findings;
    } catch (error) {
      return fail(`shellcheck failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return Object.defineProperties(run, {
    executable: { value: executable, enumerable: true },
    failures: { get: () => failures, enumerable: true },
    failedCalls: { get: () => failedCalls, enumerable: true },
  }) as ShellcheckRunner;
}

/** Whether any Dockerfile job runs the `shellcheck` rule (then the CLI needs a runner, or says why there is none). */
export function usesShellcheck(jobs: readonly { config: Config; kind: FileKind | undefined }[], rules: readonly Rule[]): boolean {
  if (!rules.some((rule) => rule.meta.id === SHELLCHECK_RULE_ID)) return false;
  const seen = new Set<Config>();
  for (const job of jobs) {
    if (job.kind !== undefined && job.kind !== "dockerfile") continue;
    if (seen.has(job.config)) continue;
    seen.add(job.config);
    if (resolveRules(job.config, rules, "dockerfile").some((r) => r.rule.meta.id === SHELLCHECK_RULE_ID)) return true;
  }
  return false;
}

/** The stderr notes of a run, printed once: ShellCheck missing, or calls that failed. */
export function shellcheckNotes(wanted: boolean, runner: ShellcheckRunner | undefined): string[] {
  if (!wanted) return [];
  if (!runner) {
    return [
      "docklint: the shellcheck rule was skipped: the shellcheck program is not installed (not found on PATH). Install it (apt-get install shellcheck, brew install shellcheck, https://github.com/koalaman/shellcheck#installing) or turn the rule off.",
    ];
  }
  if (runner.failedCalls === 0) return [];
  const reasons = runner.failures.slice(0, 3).join("; ");
  return [`docklint: ShellCheck failed on ${runner.failedCalls} file(s), which have no shellcheck findings: ${reasons}.`];
}
