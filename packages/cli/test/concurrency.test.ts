import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../src/main.js";
import { AUTO_MIN_FILES, parseConcurrency, workerCount } from "../src/workers.js";
import { CLEAN, FAILING, tempDir } from "./helpers.js";

const BIN = fileURLToPath(new URL("../bin/docklint.js", import.meta.url));
const DIST_WORKERS = fileURLToPath(new URL("../dist/workers.js", import.meta.url));
const built = fs.existsSync(DIST_WORKERS);
const why = "skipped: packages/cli/dist/workers.js missing, run pnpm --filter docklint run build";

/** A tree of many files of every kind, each with findings and fixes, so that work spreads over several batches. */
function fixtureTree(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 90; i++) {
    files[`svc-${i}/Dockerfile`] = [
      `FROM ${i % 3 === 0 ? "ubuntu" : `node:${18 + (i % 4)}`}`,
      "RUN apt-get update",
      `RUN apt-get install -y curl${i % 2 ? " git" : ""}`,
      i % 5 === 0 ? "maintainer someone@example.com" : `LABEL version=${i}`,
      `ADD https://example.com/${i}.tar.gz /opt/`,
      i % 7 === 0 ? "" : "USER 10001",
      "",
    ].join("\n");
    if (i % 4 === 0) {
      files[`svc-${i}/compose.yaml`] = `version: "3"\nservices:\n  app${i}:\n    image: nginx\n    privileged: ${i % 8 === 0}\n    ports:\n      - 80${i % 10}:80\n`;
    }
  }
  files["daemon.json"] = '{ "hosts": ["tcp://0.0.0.0:2375"] }\n';
  files["broken/Dockerfile"] = "";
  return files;
}

function docklint(args: string[], cwd: string, extraEnv: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", ...extraEnv };
  delete env["FORCE_COLOR"];
  if (!("TIMING" in extraEnv)) delete env["TIMING"];
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env, timeout: 60_000, maxBuffer: 64 * 2 ** 20 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = fs.readFileSync(file, "utf8");
  }
  return out;
}

describe("--concurrency values", () => {
  it("accepts a count, auto and off, and nothing else", () => {
    expect(parseConcurrency("off")).toBe("off");
    expect(parseConcurrency("AUTO")).toBe("auto");
    expect(parseConcurrency("4")).toBe(4);
    for (const bad of ["0", "-1", "1.5", "65", "many", ""]) expect(parseConcurrency(bad), bad).toBeUndefined();
  });

  it("auto uses workers only for large trees on machines with several CPUs", () => {
    expect(AUTO_MIN_FILES).toBe(500);
    expect(workerCount("auto", AUTO_MIN_FILES - 1, 8)).toBe(0);
    expect(workerCount("auto", AUTO_MIN_FILES, 8)).toBe(8);
    // One per CPU, but never more workers than batches of 32 files.
    expect(workerCount("auto", AUTO_MIN_FILES, 64)).toBe(16);
    expect(workerCount("auto", 5000, 2)).toBe(2);
    expect(workerCount("auto", 5000, 1)).toBe(0);
    expect(workerCount("off", 5000, 8)).toBe(0);
    // An explicit count is honoured, but never more workers than batches of files.
    expect(workerCount(3, 10, 1)).toBe(1);
    expect(workerCount(3, 1000, 1)).toBe(3);
  });
});

describe("main()'s beforeSerialLint (the bundled bin tunes V8 there)", () => {
  /** How many times main() called the hook for `args` (with `stdin` as standard input). */
  async function calls(args: string[], cwd: string, stdin = ""): Promise<number> {
    let count = 0;
    const sink = { write: () => true };
    await main(args, { cwd, stdout: sink, stderr: sink, stdin: Readable.from([stdin]) }, { beforeSerialLint: () => count++ });
    return count;
  }

  it("is called once before files are linted on this thread, --fix and standard input included", async () => {
    const dir = tempDir({ "a/Dockerfile": CLEAN, "b/Dockerfile": FAILING, "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n" });
    expect(await calls(["."], dir)).toBe(1);
    expect(await calls([".", "--concurrency", "off", "--format", "json"], dir)).toBe(1);
    expect(await calls(["b/Dockerfile", "--fix"], dir)).toBe(1);
    expect(await calls(["--stdin", "--stdin-filename", "Dockerfile"], dir, FAILING)).toBe(1);
  });

  it("is not called when nothing is linted: other commands, no files, every result from --cache", async () => {
    const dir = tempDir({ Dockerfile: FAILING });
    for (const args of [["--version"], ["--help"], ["rules"], ["--print-config", "Dockerfile"], ["missing/"]]) expect(await calls(args, dir), args.join(" ")).toBe(0);
    expect(await calls(["Dockerfile", "--cache"], dir)).toBe(1);
    expect(await calls(["Dockerfile", "--cache"], dir)).toBe(0);
  });
});

describe.skipIf(!built)(built ? "--concurrency on worker threads" : `--concurrency on worker threads (${why})`, () => {
  it("reports exactly what a serial run reports, in the same order", () => {
    const dir = tempDir(fixtureTree());
    const serial = docklint([".", "--format", "json", "--concurrency", "off"], dir);
    expect(serial.stderr).toBe("");
    expect(serial.status).toBe(1);
    expect((JSON.parse(serial.stdout) as unknown[]).length).toBeGreaterThan(100);
    for (const format of ["json", "compact"]) {
      const off = format === "json" ? serial : docklint([".", "--format", format, "--concurrency", "off"], dir);
      const parallel = docklint([".", "--format", format, "--concurrency", "2"], dir);
      expect(parallel, format).toEqual(off);
    }
  });

  it("adds up every worker's times for TIMING: the same rules as a serial run, and the same report", () => {
    const dir = tempDir(fixtureTree());
    const ruleNames = (stderr: string): string[] =>
      stderr
        .trimEnd()
        .split("\n")
        .slice(2, -1)
        .map((line) => line.split(" | ")[0]?.trim() ?? "")
        .sort();
    const serial = docklint([".", "--format", "json", "--concurrency", "off"], dir, { TIMING: "all" });
    const parallel = docklint([".", "--format", "json", "--concurrency", "2"], dir, { TIMING: "all" });
    expect(parallel.stdout).toBe(serial.stdout);
    expect(ruleNames(parallel.stderr)).toEqual(ruleNames(serial.stderr));
    expect(ruleNames(serial.stderr).length).toBeGreaterThan(40);
    expect(parallel.stderr.trimEnd().split("\n").at(-1)).toMatch(/^Parsing: \d+\.\d{3} ms/);
  });

  it("applies --fix the same way, each file written once", () => {
    const files = fixtureTree();
    const serialDir = tempDir(files);
    const parallelDir = tempDir(files);
    const serial = docklint([".", "--fix", "--format", "json", "--concurrency", "off"], serialDir);
    const parallel = docklint([".", "--fix", "--format", "json", "--concurrency", "2"], parallelDir);
    expect(parallel.status).toBe(serial.status);
    expect(parallel.stderr).toBe(serial.stderr);
    expect(parallel.stdout.replaceAll(parallelDir, "<dir>")).toBe(serial.stdout.replaceAll(serialDir, "<dir>"));
    const fixed = readTree(serialDir);
    expect(fixed).not.toEqual(files);
    expect(readTree(parallelDir)).toEqual(fixed);
  });

  it("applies --max-file-size in the worker threads too", () => {
    const files = fixtureTree();
    files["svc-1/Dockerfile"] = `FROM alpine:3.19\n${"# padding\n".repeat(200)}USER 10001\n`;
    const dir = tempDir(files);
    const limit = ["--max-file-size", "1KB", "--format", "json"];
    const serial = docklint([".", ...limit, "--concurrency", "off"], dir);
    const parallel = docklint([".", ...limit, "--concurrency", "2"], dir);
    expect(parallel).toEqual(serial);
    const tooLarge = (JSON.parse(parallel.stdout) as { filePath: string; messages: { fatal?: boolean; message: string }[] }[]).find((r) =>
      r.filePath.endsWith(path.join("svc-1", "Dockerfile")),
    );
    expect(tooLarge?.messages).toEqual([expect.objectContaining({ fatal: true, message: expect.stringContaining("limit 1 KB") as unknown })]);
  });

  it("fills a --cache from the workers, with what each lint read, so that the next run lints nothing", () => {
    const dir = tempDir(fixtureTree());
    const serial = docklint([".", "--format", "json", "--concurrency", "off"], dir);
    const parallel = docklint([".", "--format", "json", "--concurrency", "2", "--cache"], dir);
    expect(parallel).toEqual(serial);
    const cache = JSON.parse(fs.readFileSync(path.join(dir, ".docklintcache"), "utf8")) as { entries: Record<string, { dependencies: [string, string, string | null][] }> };
    const dockerfile = cache.entries[path.join(dir, "svc-1/Dockerfile")];
    expect(dockerfile?.dependencies).toContainEqual(["file", path.join(dir, "svc-1/.dockerignore"), null]);
    // The second run reads every file and no dependency has changed; a new .dockerignore changes one.
    expect(docklint([".", "--format", "json", "--concurrency", "2", "--cache"], dir)).toEqual(serial);
    fs.writeFileSync(path.join(dir, "svc-1/.dockerignore"), ".git\n");
    expect(docklint([".", "--format", "json", "--concurrency", "2", "--cache"], dir)).toEqual(docklint([".", "--format", "json"], dir));
  });

  it("refuses a bad value with exit code 2", () => {
    const result = docklint([".", "--concurrency", "lots"], tempDir({ Dockerfile: "FROM alpine:3.19\n" }));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Invalid --concurrency "lots"');
  });
});
