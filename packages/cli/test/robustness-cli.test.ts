/**
 * Pathological inputs at the CLI's edge (issue 7): the size limit and `--max-file-size`, files that
 * vanish or change between the search and the read, symbolic links that loop. Each gets a clear
 * message; the other files are still linted. (Binary, UTF-16, invalid UTF-8, permission denied,
 * FIFOs and directories named Dockerfile: cli-bad-input.test.ts and io.test.ts.)
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../src/args.js";
import { MAX_FILE_BYTES, maxFileBytes, parseByteSize } from "../src/files.js";
import { planFiles, runPlan, type ConfigSource } from "../src/plan.js";
import { CLEAN, FAILING, ONLY_NON_ROOT, relativePaths, run, runJson, tempDir } from "./helpers.js";

const MEGABYTE = 1024 * 1024;

describe("--max-file-size", () => {
  it("reads bytes and sizes with a unit (units of 1024), and rejects anything else with a usage error", async () => {
    expect([parseByteSize("1048576"), parseByteSize("512KB"), parseByteSize("10MB"), parseByteSize("10m"), parseByteSize("1.5 GB"), parseByteSize("64 KiB")]).toEqual([
      MEGABYTE,
      512 * 1024,
      10 * MEGABYTE,
      10 * MEGABYTE,
      1.5 * 1024 * MEGABYTE,
      64 * 1024,
    ]);
    for (const bad of ["", "0", "-1", "ten", "10 TB", "1e6", "MB"]) expect(parseByteSize(bad), bad).toBeUndefined();
    expect(parseCliArgs(["--max-file-size", "50MB"]).maxFileSize).toBe(50 * MEGABYTE);
    expect(parseCliArgs([]).maxFileSize).toBeUndefined();
    const dir = tempDir({ Dockerfile: CLEAN });
    const bad = await run(["--max-file-size", "lots"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Invalid --max-file-size "lots": expected a size in bytes or with a unit, e.g. 1048576, 512KB, 10MB or 1GB.');
  });

  it("refuses a 50 MB file by default with a message naming the limit and the option, and reads it when the limit allows", async () => {
    const dir = tempDir({ "ok/Dockerfile": FAILING });
    const big = path.join(dir, "big/Dockerfile");
    fs.mkdirSync(path.dirname(big));
    // Sparse: 50 MB of zero bytes that take no disk space.
    fs.writeFileSync(big, "");
    fs.truncateSync(big, 50 * MEGABYTE);
    const refused = await runJson([], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(relativePaths(refused.results, dir)).toEqual(["big/Dockerfile", "ok/Dockerfile"]);
    expect(refused.results[0]?.messages).toEqual([
      expect.objectContaining({ fatal: true, message: `File too large (${50 * MEGABYTE} bytes; limit 10 MB); it was not linted (raise the limit with --max-file-size).` }),
    ]);
    expect(refused.results[1]?.messages[0]?.ruleId).toBe("require-non-root-user");
    // Allowed, it is read whole: zero bytes make it binary, which is the next thing docklint says.
    const read = await runJson(["--max-file-size", "64MB"], { cwd: dir });
    expect(read.results[0]?.messages).toEqual([expect.objectContaining({ fatal: true, message: expect.stringMatching(/NUL bytes \(offset 0\)/) })]);
    // The limit is the run's: the next run is back to the default.
    expect(maxFileBytes()).toBe(MAX_FILE_BYTES);
  });

  it("applies a lower limit to files and to standard input alike", async () => {
    const text = `FROM alpine:3.19\n${"# padding\n".repeat(300)}USER 10001\n`;
    const dir = tempDir({ Dockerfile: text, "small/Dockerfile": CLEAN });
    const files = await runJson(["--max-file-size", "1KB"], { cwd: dir });
    expect(files.results[0]?.messages[0]?.message).toBe(`File too large (${text.length} bytes; limit 1 KB); it was not linted (raise the limit with --max-file-size).`);
    expect(files.results[1]?.errorCount).toBe(0);
    const stdin = await runJson(["--stdin", "--stdin-filename", "Dockerfile", "--max-file-size", "1KB"], { cwd: dir, stdin: text });
    expect(stdin.results[0]?.messages[0]?.message).toBe("Input too large (more than 1 KB); it was not linted (raise the limit with --max-file-size).");
    expect(maxFileBytes()).toBe(MAX_FILE_BYTES);
  });
});

describe("files that change under docklint", () => {
  const configs: ConfigSource = { forFile: async () => ({ config: { extends: ["recommended"] }, file: undefined, ignored: false }) };
  const plan = (dir: string) => planFiles({ cwd: dir, patterns: ["."], errorOnUnmatchedPattern: true, kind: undefined, ignore: true }, configs);

  it("a file deleted after the search gets a fatal result saying so; the others are linted", async () => {
    const dir = tempDir({ "a/Dockerfile": FAILING, "b/Dockerfile": CLEAN, "c/compose.yaml": "services:\n  web:\n    image: nginx:1.25\n" });
    const planned = await plan(dir);
    fs.rmSync(path.join(dir, "b/Dockerfile"));
    const { results } = await runPlan(planned, { rules: ONLY_NON_ROOT, fix: false, fixDryRun: false });
    expect(results.map((r) => path.relative(dir, r.filePath))).toEqual(["a/Dockerfile", "b/Dockerfile", "c/compose.yaml"]);
    expect(results[1]?.messages).toEqual([
      expect.objectContaining({ fatal: true, message: "Cannot read this file: it does not exist (deleted while docklint ran, or a broken symbolic link)." }),
    ]);
    expect(results[0]?.messages[0]?.ruleId).toBe("require-non-root-user");
  });

  it("a file replaced after the search (by a directory, a bigger file, other text) is judged by what is there when it is read", async () => {
    const dir = tempDir({ "a/Dockerfile": CLEAN, "b/Dockerfile": CLEAN, "c/Dockerfile": CLEAN });
    const planned = await plan(dir);
    fs.rmSync(path.join(dir, "a/Dockerfile"));
    fs.mkdirSync(path.join(dir, "a/Dockerfile"));
    fs.writeFileSync(path.join(dir, "b/Dockerfile"), "");
    fs.truncateSync(path.join(dir, "b/Dockerfile"), MAX_FILE_BYTES + 1);
    fs.writeFileSync(path.join(dir, "c/Dockerfile"), FAILING);
    const { results } = await runPlan(planned, { rules: ONLY_NON_ROOT, fix: false, fixDryRun: false });
    expect(results[0]?.messages[0]?.message).toBe("Cannot read this file: it is a directory, not a file.");
    expect(results[1]?.messages[0]?.message).toMatch(/^File too large \(10485761 bytes; limit 10 MB\)/);
    expect(results[2]?.messages.map((m) => m.ruleId)).toEqual(["require-non-root-user"]);
  });
});

describe("symbolic links", () => {
  it("a Dockerfile that is a link to itself, named on the command line: a fatal result naming the loop, and the rest linted", async () => {
    const dir = tempDir({ "ok/Dockerfile": FAILING });
    fs.symlinkSync("Dockerfile", path.join(dir, "Dockerfile"));
    fs.mkdirSync(path.join(dir, "pair"));
    fs.symlinkSync("b.Dockerfile", path.join(dir, "pair/a.Dockerfile"));
    fs.symlinkSync("a.Dockerfile", path.join(dir, "pair/b.Dockerfile"));
    const { code, results } = await runJson(["Dockerfile", "pair/a.Dockerfile", "ok"], { cwd: dir });
    expect(code).toBe(1);
    expect(relativePaths(results, dir)).toEqual(["Dockerfile", "ok/Dockerfile", "pair/a.Dockerfile"]);
    for (const index of [0, 2]) expect(results[index]?.messages).toEqual([expect.objectContaining({ fatal: true, message: "Cannot read this file: too many levels of symbolic links." })]);
    expect(results[1]?.messages[0]?.ruleId).toBe("require-non-root-user");
  });

  it("a directory search over looping links finishes and lints the real files once", async () => {
    const dir = tempDir({ "svc/Dockerfile": FAILING });
    fs.symlinkSync("..", path.join(dir, "svc/up"));
    fs.symlinkSync(".", path.join(dir, "svc/self"));
    fs.symlinkSync("Dockerfile.loop", path.join(dir, "svc/Dockerfile.loop"));
    const { results } = await runJson([], { cwd: dir });
    expect(relativePaths(results, dir)).toEqual(["svc/Dockerfile", "svc/Dockerfile.loop"]);
    expect(results[1]?.messages[0]?.message).toBe("Cannot read this file: too many levels of symbolic links.");
  });
});
