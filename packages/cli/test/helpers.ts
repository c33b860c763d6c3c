import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll } from "vitest";
import { builtinRules, type Rule } from "@docklint/core";
import { main } from "../src/main.js";

/**
 * The one rule these tests rely on. Running only it keeps the tests independent of the rules
 * colleagues are adding to the presets: a "clean" file stays clean.
 */
export const NON_ROOT = "require-non-root-user";
export const ONLY_NON_ROOT: readonly Rule[] = builtinRules.filter((rule) => rule.meta.id === NON_ROOT);

export const CLEAN = "FROM alpine:3.19\nUSER 10001\n";
export const FAILING = "FROM alpine:3.19\nRUN echo hi\n";

const created: string[] = [];
afterAll(() => {
  for (const dir of created) {
    // Undo chmod 000 tests before removing.
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A fresh temporary directory with the given files (path → content); removed after the test file. */
export function tempDir(files: Record<string, string> = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "docklint-cli-")));
  created.push(dir);
  for (const [name, content] of Object.entries(files)) write(dir, name, content);
  return dir;
}

export function write(dir: string, name: string, content: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  stdin?: string;
  env?: Record<string, string | undefined>;
  isTTY?: boolean;
  rules?: readonly Rule[];
}

export async function run(argv: string[], options: RunOptions): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(
    argv,
    {
      cwd: options.cwd,
      stdout: { write: (s: string) => (stdout += s), isTTY: options.isTTY ?? false },
      stderr: { write: (s: string) => (stderr += s) },
      ...(options.stdin !== undefined ? { stdin: Readable.from([Buffer.from(options.stdin)]) } : {}),
      // No colour variables from the developer's shell: output must not depend on it.
      env: options.env ?? {},
    },
    { rules: options.rules ?? ONLY_NON_ROOT },
  );
  return { code, stdout, stderr };
}

export interface JsonResult {
  filePath: string;
  kind?: string;
  messages: { ruleId: string | null; severity: number; level: string; message: string; line: number; column: number; fatal?: boolean }[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fatalErrorCount: number;
  source?: string;
  output?: string;
}

/** Lints with --format json and returns the parsed results too. */
export async function runJson(argv: string[], options: RunOptions): Promise<RunResult & { results: JsonResult[] }> {
  const result = await run([...argv, "--format", "json"], options);
  const results = result.stdout ? (JSON.parse(result.stdout) as JsonResult[]) : [];
  return { ...result, results };
}

export function relativePaths(results: readonly JsonResult[], dir: string): string[] {
  return results.map((r) => path.relative(dir, r.filePath));
}
