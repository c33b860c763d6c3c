/**
 * Bad input through the built binary: each case gives a message naming the path, the documented
 * exit code (1: a file that cannot be linted gets a fatal finding; 2: a usage or configuration
 * problem), and the other files are still linted and reported.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CLEAN, FAILING, tempDir, write } from "./helpers.js";

const BIN = fileURLToPath(new URL("../bin/docklint.js", import.meta.url));
const DIST_MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const built = fs.existsSync(DIST_MAIN);
if (!built) console.warn(`Skipping the bad-input e2e tests: ${DIST_MAIN} is missing; run "pnpm run build" first.`);
const isRoot = process.getuid?.() === 0;
const hasSetpriv = spawnSync("setpriv", ["--version"], { stdio: "ignore" }).status === 0;

const CONFIG = JSON.stringify({ extends: [], rules: { "require-non-root-user": "error" } });

interface Spawned {
  status: number | null;
  stdout: string;
  stderr: string;
}

function docklint(args: string[], cwd: string, prefix: string[] = []): Spawned {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env["FORCE_COLOR"];
  const [command, ...rest] = [...prefix, process.execPath, BIN, ...args] as [string, ...string[]];
  const result = spawnSync(command, rest, { cwd, encoding: "utf8", env, timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonResult {
  filePath: string;
  errorCount: number;
  fatalErrorCount: number;
  messages: { ruleId: string | null; fatal?: boolean; message: string; line: number }[];
}

function parse(stdout: string, dir: string): [string, JsonResult][] {
  return (JSON.parse(stdout) as JsonResult[]).map((r) => [path.relative(dir, r.filePath), r]);
}

function tree(): string {
  const dir = tempDir({
    "docklint.config.json": CONFIG,
    "good/Dockerfile": FAILING,
    "ok/Dockerfile": CLEAN,
    "empty/Dockerfile": "",
    "blank/compose.yaml": "\n  \n",
    "typo/docklint.config.json": JSON.stringify({ extends: [], rule: { "require-non-root-user": "off" } }),
    "typo/Dockerfile": FAILING,
    "dirdf/Dockerfile/README.md": "a directory named Dockerfile\n",
  });
  fs.writeFileSync(path.join(dir, "latin1.Dockerfile"), Buffer.from('FROM alpine:3.19\nLABEL author="J\xe9r\xf4me"\nUSER 10001\n', "latin1"));
  fs.writeFileSync(path.join(dir, "binary.Dockerfile"), Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x00, 0x01, 0x02, 0xff]));
  fs.writeFileSync(path.join(dir, "utf16.Dockerfile"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("FROM alpine\n", "utf16le")]));
  return dir;
}

describe.skipIf(!built)(built ? "bad input (built CLI)" : "bad input (skipped: packages/cli/dist/main.js missing, run pnpm run build)", () => {
  it("lints every file it can in one run, reports each bad one, and exits 2 for the usage and config problems", () => {
    const dir = tree();
    const { status, stdout, stderr } = docklint(
      ["good", "ok", "empty", "blank", "typo", "latin1.Dockerfile", "binary.Dockerfile", "utf16.Dockerfile", "missing/Dockerfile", "dirdf/Dockerfile", "-f", "json"],
      dir,
    );
    expect(status).toBe(2);
    const results = parse(stdout, dir);
    expect(results.map(([file]) => file)).toEqual(["binary.Dockerfile", "blank/compose.yaml", "empty/Dockerfile", "good/Dockerfile", "latin1.Dockerfile", "ok/Dockerfile", "utf16.Dockerfile"]);
    const byFile = Object.fromEntries(results);
    expect(byFile["good/Dockerfile"]?.messages[0]?.ruleId).toBe("require-non-root-user");
    expect(byFile["ok/Dockerfile"]?.errorCount).toBe(0);
    expect(byFile["binary.Dockerfile"]?.messages[0]).toMatchObject({ fatal: true, message: expect.stringMatching(/NUL bytes .*looks binary/) });
    expect(byFile["latin1.Dockerfile"]?.messages[0]).toMatchObject({
      fatal: true,
      message: "This file is not valid UTF-8 (byte 0xE9 at line 2, column 16); it was not linted. Save it as UTF-8 (e.g. `iconv -f latin1 -t utf-8`).",
    });
    expect(byFile["utf16.Dockerfile"]?.messages[0]?.message).toMatch(/^This file is UTF-16 \(little-endian/);
    expect(byFile["empty/Dockerfile"]?.messages[0]).toMatchObject({ fatal: true, message: expect.stringMatching(/^This Dockerfile is empty: `docker build` fails on it/) });
    expect(byFile["blank/compose.yaml"]?.messages[0]?.message).toMatch(/^This Compose file is empty: `docker compose` rejects it/);
    expect(stderr.trim().split("\n")).toEqual([
      'docklint: No such file or directory: "missing/Dockerfile".',
      expect.stringMatching(/^docklint: "dirdf\/Dockerfile" is a directory and holds no Dockerfile, Compose file or daemon.json docklint looks for/),
      'docklint: Invalid config file "typo/docklint.config.json": rule: unknown key; did you mean "rules"?',
    ]);
  });

  it("lints an empty override or -f layer as the empty file compose-go merges without complaint", () => {
    const dir = tree();
    fs.writeFileSync(path.join(dir, "blank", "docker-compose.override.yml"), "");
    fs.writeFileSync(path.join(dir, "blank", "compose.dev.yaml"), "\n\n");
    const { status, stdout } = docklint(["blank/docker-compose.override.yml", "blank/compose.dev.yaml", "-f", "json"], dir);
    expect(status).toBe(0);
    expect(parse(stdout, dir).map(([file, result]) => [file, result.messages])).toEqual([
      ["blank/compose.dev.yaml", []],
      ["blank/docker-compose.override.yml", []],
    ]);
  });

  it("gives each file-level problem exit code 1 on its own, with the path in the report", () => {
    const dir = tree();
    for (const file of ["latin1.Dockerfile", "binary.Dockerfile", "utf16.Dockerfile", "empty/Dockerfile", "blank/compose.yaml"]) {
      const { status, stdout, stderr } = docklint([file, "-f", "compact"], dir);
      expect({ file, status, stderr }).toEqual({ file, status: 1, stderr: "" });
      expect(stdout).toMatch(new RegExp(`${file.replace(/[.]/g, "\\.")}: line \\d+, col \\d+, Error - `));
    }
  });

  it("exits 2 for a missing path, a directory named Dockerfile with nothing in it, and a config with a typo", () => {
    const dir = tree();
    const missing = docklint(["missing/Dockerfile"], dir);
    expect([missing.status, missing.stdout, missing.stderr]).toEqual([2, "", 'docklint: No such file or directory: "missing/Dockerfile".\n']);
    const directory = docklint(["dirdf/Dockerfile"], dir);
    expect(directory.status).toBe(2);
    expect(directory.stderr).toContain('"dirdf/Dockerfile" is a directory');
    const typo = docklint(["typo"], dir);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toBe('docklint: Invalid config file "typo/docklint.config.json": rule: unknown key; did you mean "rules"?\n');
    const wrongRule = tempDir({ "docklint.config.json": JSON.stringify({ rules: { "require-non-root-usr": "off" } }), Dockerfile: CLEAN });
    const rule = docklint([], wrongRule);
    expect(rule.status).toBe(2);
    expect(rule.stderr).toContain('"docklint.config.json": rules.require-non-root-usr: unknown rule "require-non-root-usr"; did you mean "require-non-root-user"?');
  });

  it("searches into a directory named Dockerfile during a directory search without tripping over it", () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, "Dockerfile/Dockerfile": FAILING, "Dockerfile/notes.txt": "x\n" });
    const { status, stdout } = docklint(["-f", "json"], dir);
    expect(status).toBe(1);
    expect(parse(stdout, dir).map(([file]) => file)).toEqual(["Dockerfile/Dockerfile"]);
  });

  const unreadableCase = (prefix: string[]): void => {
    const dir = tempDir({ "docklint.config.json": CONFIG, "locked/Dockerfile": CLEAN, "good/Dockerfile": FAILING });
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, "locked/Dockerfile"), 0o000);
    try {
      const { status, stdout } = docklint(["locked/Dockerfile", "good", "-f", "compact"], dir, prefix);
      expect(status).toBe(1);
      expect(stdout).toMatch(/locked\/Dockerfile: line 1, col 1, Error - Cannot read this file: permission denied\./);
      expect(stdout).toMatch(/good\/Dockerfile: line 1, col 1, Error - .*\(require-non-root-user\)/);
    } finally {
      fs.chmodSync(path.join(dir, "locked/Dockerfile"), 0o644);
    }
  };

  if (isRoot && !hasSetpriv) console.warn("Skipping the unreadable-file e2e test: running as root (root reads any file) and setpriv is missing to drop to nobody.");
  it.skipIf(isRoot)("gives an unreadable file (chmod 000) a fatal result naming it, and lints the others", () => unreadableCase([]));
  it.skipIf(!isRoot || !hasSetpriv)("gives an unreadable file (chmod 000) a fatal result naming it, and lints the others (as nobody, since root reads anything)", () =>
    unreadableCase(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]),
  );

  it("reads standard input that is not UTF-8 as a fatal finding, not a crash", () => {
    const dir = tempDir({ "docklint.config.json": CONFIG });
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
    const result = spawnSync(process.execPath, [BIN, "--stdin", "--stdin-filename", "Dockerfile", "-f", "compact"], {
      cwd: dir,
      env,
      input: Buffer.from("FROM alpine:3.19\n# caf\xe9\n", "latin1"),
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/Dockerfile: line 1, col 1, Error - This file is not valid UTF-8 \(byte 0xE9 at line 2, column 6\)/);
  });

  it("writes nothing partial: a file that appears mid-path is named", () => {
    const dir = tempDir({ "docklint.config.json": CONFIG, "file.txt": "x\n" });
    write(dir, "ok/Dockerfile", CLEAN);
    const { status, stderr } = docklint(["file.txt/Dockerfile", "ok"], dir);
    expect(status).toBe(2);
    expect(stderr).toBe('docklint: Cannot access "file.txt/Dockerfile": a parent of it is not a directory.\n');
  });
});
