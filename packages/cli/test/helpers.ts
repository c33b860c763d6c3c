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

export interface GitIndexOptions {
  version: 2 | 3 | 4;
  hashSize?: 20 | 32;
  /** Paths written with the extended flag (version 3 and 4: two more flag bytes). */
  extended?: ReadonlySet<string>;
}

/** An index file as git writes one (gitformat-index.txt), for paths in git's order. */
export function gitIndexBytes(paths: readonly string[], { version, hashSize = 20, extended = new Set() }: GitIndexOptions = { version: 2 }): Buffer {
  const parts: Buffer[] = [];
  const header = Buffer.alloc(12);
  header.write("DIRC", 0, "latin1");
  header.writeUInt32BE(version, 4);
  header.writeUInt32BE(paths.length, 8);
  parts.push(header);
  let previous = Buffer.alloc(0);
  for (const file of paths) {
    const name = Buffer.from(file, "utf8");
    const isExtended = extended.has(file);
    const fixed = Buffer.alloc(40 + hashSize + 2 + (isExtended ? 2 : 0));
    fixed.writeUInt32BE(0o100644, 24);
    fixed.writeUInt16BE((isExtended ? 0x4000 : 0) | Math.min(name.length, 0xfff), 40 + hashSize);
    parts.push(fixed);
    if (version === 4) {
      let common = 0;
      while (common < previous.length && common < name.length && previous[common] === name[common]) common++;
      parts.push(varint(previous.length - common), name.subarray(common), Buffer.alloc(1));
    } else {
      const length = fixed.length + name.length;
      parts.push(name, Buffer.alloc(((length + 8) & ~7) - length));
    }
    previous = name;
  }
  // The trailing hash of the whole file: its value is not checked.
  parts.push(Buffer.alloc(hashSize));
  return Buffer.concat(parts);
}

/** git's offset varint (varint.c), which version 4 prefixes each name with. */
function varint(value: number): Buffer {
  const bytes = [value & 0x7f];
  while ((value >>= 7)) bytes.unshift(0x80 | (--value & 0x7f));
  return Buffer.from(bytes);
}
