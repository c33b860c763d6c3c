import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MAX_FILE_BYTES, decodeText, firstInvalidByte, readTarget } from "../src/files.js";
import { CLEAN, FAILING, relativePaths, runJson, tempDir } from "./helpers.js";

const isRoot = process.getuid?.() === 0;
const BIN = fileURLToPath(new URL("../bin/docklint.js", import.meta.url));
const built = fs.existsSync(fileURLToPath(new URL("../dist/main.js", import.meta.url)));

function hasSetpriv(): boolean {
  return spawnSync("setpriv", ["--version"], { stdio: "ignore" }).status === 0;
}

function hasMkfifo(): boolean {
  try {
    execFileSync("mkfifo", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("files that cannot be read", () => {
  it("gives a file over the size limit a fatal result without reading it, and goes on", async () => {
    const dir = tempDir({ "a/Dockerfile": FAILING, "c/Dockerfile": CLEAN });
    const big = path.join(dir, "b/Dockerfile");
    fs.mkdirSync(path.dirname(big));
    // Sparse: no 10 MB written to disk.
    fs.writeFileSync(big, "");
    fs.truncateSync(big, MAX_FILE_BYTES + 1);
    const { code, results } = await runJson([], { cwd: dir });
    expect(code).toBe(1);
    expect(relativePaths(results, dir)).toEqual(["a/Dockerfile", "b/Dockerfile", "c/Dockerfile"]);
    expect(results[1]?.messages).toEqual([
      {
        ruleId: null,
        severity: 2,
        level: "error",
        fatal: true,
        message: `File too large (${MAX_FILE_BYTES + 1} bytes; limit 10 MB); it was not linted (raise the limit with --max-file-size).`,
        line: 1,
        column: 1,
      },
    ]);
    expect(results[0]?.messages[0]?.ruleId).toBe("require-non-root-user");
    expect(results[2]?.errorCount).toBe(0);
  });

  it("gives a file that is gone (a broken link) a fatal result naming the problem", async () => {
    const dir = tempDir({ "ok/Dockerfile": CLEAN });
    fs.symlinkSync("deleted", path.join(dir, "Dockerfile"));
    const { code, results } = await runJson(["Dockerfile", "ok"], { cwd: dir });
    expect(code).toBe(1);
    expect(results[0]).toMatchObject({ errorCount: 1, fatalErrorCount: 1 });
    expect(results[0]?.messages[0]?.message).toMatch(/does not exist/);
    expect(results[1]?.errorCount).toBe(0);
  });

  it.skipIf(isRoot)("gives a file without read permission a fatal result", async () => {
    const dir = tempDir({ Dockerfile: CLEAN, "b/Dockerfile": CLEAN });
    fs.chmodSync(path.join(dir, "Dockerfile"), 0o000);
    try {
      const { code, results } = await runJson([], { cwd: dir });
      expect(code).toBe(1);
      expect(results[0]?.messages[0]).toMatchObject({ fatal: true, message: expect.stringMatching(/permission denied/) });
      expect(results[1]?.errorCount).toBe(0);
    } finally {
      fs.chmodSync(path.join(dir, "Dockerfile"), 0o644);
    }
  });

  // Root reads anything: drop to nobody through the built binary to see a real EACCES.
  it.skipIf(!isRoot || !built || !hasSetpriv())("gives a file without read permission a fatal result (as nobody)", () => {
    const dir = tempDir({ Dockerfile: CLEAN, "b/Dockerfile": CLEAN });
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, "Dockerfile"), 0o000);
    const result = spawnSync(
      "setpriv",
      ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, BIN, "--format", "json", "--no-config-lookup", "."],
      { cwd: dir, encoding: "utf8" },
    );
    expect(result.status).toBe(1);
    const results = JSON.parse(result.stdout) as { messages: { fatal?: boolean; message: string }[]; errorCount: number }[];
    expect(results[0]?.messages[0]).toMatchObject({ fatal: true, message: "Cannot read this file: permission denied." });
    expect(results[1]?.errorCount).toBe(0);
  });

  it.skipIf(!hasMkfifo())("does not hang on a FIFO named Dockerfile", async () => {
    const dir = tempDir();
    execFileSync("mkfifo", [path.join(dir, "Dockerfile")]);
    const { code, results } = await runJson(["Dockerfile"], { cwd: dir });
    expect(code).toBe(1);
    expect(results[0]?.messages[0]?.message).toMatch(/not a regular file/);
  });

  it.skipIf(!hasMkfifo())("does not hang on a FIFO given as the config file: it is refused with a message (found by lookup, it is passed over)", async () => {
    const dir = tempDir({ Dockerfile: CLEAN });
    execFileSync("mkfifo", [path.join(dir, "docklint.config.json")]);
    const given = await runJson(["Dockerfile", "--config", "docklint.config.json"], { cwd: dir });
    expect(given.code).toBe(2);
    expect(given.stderr).toContain('Cannot read config file "docklint.config.json": it is not a regular file.');
    const found = await runJson(["Dockerfile"], { cwd: dir });
    expect(found.code).toBe(0);
  });

  it("readTarget says why a path cannot be read, never throws", async () => {
    const dir = tempDir({ "Dockerfile/inner": "x", small: "FROM a\n" });
    expect(await readTarget(path.join(dir, "Dockerfile"))).toEqual({ ok: false, problem: "Cannot read this file: it is a directory, not a file." });
    expect(await readTarget(path.join(dir, "nope"))).toMatchObject({ ok: false, problem: expect.stringMatching(/does not exist/) });
    expect(await readTarget(path.join(dir, "small"), 3)).toEqual({ ok: false, problem: "File too large (7 bytes; limit 3 bytes); it was not linted (raise the limit with --max-file-size)." });
    expect(await readTarget(path.join(dir, "small"))).toEqual({ ok: true, text: "FROM a\n" });
  });

  it("passes text through as UTF-8 with the BOM kept for core", async () => {
    const dir = tempDir({ Dockerfile: `\uFEFF${FAILING}` });
    const { results } = await runJson([], { cwd: dir });
    expect(results[0]?.source).toBe(`\uFEFF${FAILING}`);
    expect(results[0]?.messages[0]).toMatchObject({ ruleId: "require-non-root-user", line: 1 });
  });
});

describe("decodeText", () => {
  it("finds the first byte that is not UTF-8, wherever the bad sequence is", () => {
    const cases: [number[], number][] = [
      [[0x41, 0x42], 2],
      [[0x41, 0xe9, 0x42], 1],
      [[0xc3, 0xa9, 0xff], 2],
      // Truncated, overlong, surrogate, above U+10FFFF.
      [[0x41, 0xe2, 0x82], 1],
      [[0xc0, 0xaf], 0],
      [[0xe0, 0x80, 0xaf], 0],
      [[0xed, 0xa0, 0x80], 0],
      [[0xf4, 0x90, 0x80, 0x80], 0],
      [[0xf0, 0x9f, 0x90, 0xb3, 0x80], 4],
    ];
    for (const [bytes, offset] of cases) expect(firstInvalidByte(Uint8Array.from(bytes)), JSON.stringify(bytes)).toBe(offset);
  });

  it("says where the bad byte is, in characters, and keeps a BOM", () => {
    expect(decodeText(Buffer.from("FROM a\n# \u00e9t\u00e9 ", "utf8"))).toEqual({ ok: true, text: "FROM a\n# \u00e9t\u00e9 " });
    expect(decodeText(Buffer.from("\uFEFFFROM a\n", "utf8"))).toEqual({ ok: true, text: "\uFEFFFROM a\n" });
    expect(decodeText(Buffer.from("FROM a\n# \u00e9 \xe9\n", "latin1"))).toMatchObject({ ok: false, problem: expect.stringContaining("(byte 0xE9 at line 2, column 3)") });
    const utf8Then = Buffer.concat([Buffer.from("# \u00e9\u00e9 ", "utf8"), Buffer.from([0xff])]);
    expect(decodeText(utf8Then)).toMatchObject({ ok: false, problem: expect.stringContaining("(byte 0xFF at line 1, column 6)") });
    expect(decodeText(Buffer.from([0xfe, 0xff, 0x00, 0x46]))).toMatchObject({ ok: false, problem: expect.stringMatching(/^This file is UTF-16 \(big-endian/) });
  });
});
