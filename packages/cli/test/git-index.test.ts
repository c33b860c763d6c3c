import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_INDEX_BYTES, parseGitIndex, readTrackedPaths } from "../src/git-index.js";
import { readFileBytes } from "../src/files.js";
import { gitIndexBytes as indexBytes, tempDir, write } from "./helpers.js";

function readBytes(file: string, limit: number): Buffer | undefined {
  const read = readFileBytes(file, limit);
  return read.ok ? read.bytes : undefined;
}

const PATHS = ["Dockerfile", "build/Dockerfile", "build/sub/Dockerfile", "contrib/docker-compose.yml", "contrib/docker-compose.yml.orig", "docs/ünïcode/compose.yaml"];

describe("parseGitIndex", () => {
  it.each([
    { version: 2, hashSize: 20 },
    { version: 3, hashSize: 20 },
    { version: 4, hashSize: 20 },
    { version: 2, hashSize: 32 },
    { version: 4, hashSize: 32 },
  ] as const)("reads the paths of version $version with $hashSize-byte object names", (options) => {
    expect(parseGitIndex(indexBytes(PATHS, options))).toEqual(PATHS);
  });

  it("reads entries with the extended flag (intent-to-add, skip-worktree) in versions 3 and 4", () => {
    const extended = new Set(["build/Dockerfile", "docs/ünïcode/compose.yaml"]);
    expect(parseGitIndex(indexBytes(PATHS, { version: 3, extended }))).toEqual(PATHS);
    expect(parseGitIndex(indexBytes(PATHS, { version: 4, extended }))).toEqual(PATHS);
  });

  it("reads names of 4,095 bytes and more, whose length git does not store", () => {
    const long = [`${"d/".repeat(2100)}Dockerfile`, "z"];
    expect(parseGitIndex(indexBytes(long, { version: 2 }))).toEqual(long);
    expect(parseGitIndex(indexBytes(long, { version: 4 }))).toEqual(long);
  });

  it("reads prefixes to strip of more than one varint byte (version 4)", () => {
    const deep = [`${"a".repeat(300)}/Dockerfile`, "b"];
    expect(parseGitIndex(indexBytes(deep, { version: 4 }))).toEqual(deep);
  });

  it("gives undefined for what is no index it can read", () => {
    const good = indexBytes(PATHS, { version: 2 });
    expect(parseGitIndex(Buffer.alloc(0))).toBeUndefined();
    expect(parseGitIndex(Buffer.from("DIRD" + good.subarray(4).toString("latin1"), "latin1"))).toBeUndefined();
    const version5 = Buffer.from(good);
    version5.writeUInt32BE(5, 4);
    expect(parseGitIndex(version5)).toBeUndefined();
    const moreEntries = Buffer.from(good);
    moreEntries.writeUInt32BE(PATHS.length + 1, 8);
    expect(parseGitIndex(moreEntries)).toBeUndefined();
    expect(parseGitIndex(good.subarray(0, 100))).toBeUndefined();
    // A stored name length that disagrees with the name.
    const wrongLength = Buffer.from(good);
    wrongLength.writeUInt16BE(3, 12 + 40 + 20);
    expect(parseGitIndex(wrongLength)).toBeUndefined();
  });

  it("never throws, and gives only what an index holds, on damaged index files", () => {
    const sample = indexBytes(PATHS, { version: 4 });
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.nat(sample.length - 1), byte: fc.nat(255) }), { maxLength: 8 }), fc.nat(sample.length), (edits, cut) => {
        const bytes = Buffer.from(sample.subarray(0, Math.max(cut, 12)));
        for (const { at, byte } of edits) if (at < bytes.length) bytes[at] = byte;
        const paths = parseGitIndex(bytes);
        if (paths) expect(paths.length).toBe(bytes.readUInt32BE(8));
      }),
      { seed: 20263101, numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        parseGitIndex(Buffer.concat([Buffer.from("DIRC\0\0\0\x04", "latin1"), bytes]));
      }),
      { seed: 20263102, numRuns: 2000 },
    );
  });
});

describe("readTrackedPaths", () => {
  it("reads .git/index, and the index a worktree's .git file names", () => {
    const repository = tempDir({ "README.md": "" });
    write(repository, ".git/HEAD", "ref: refs/heads/main\n");
    fs.writeFileSync(path.join(repository, ".git/index"), indexBytes(PATHS, { version: 2 }));
    expect(readTrackedPaths(repository, readBytes)).toEqual(PATHS);
    const worktree = tempDir({ ".git": `gitdir: ${path.join(repository, ".git/worktrees/w")}\n` });
    fs.mkdirSync(path.join(repository, ".git/worktrees/w"), { recursive: true });
    fs.writeFileSync(path.join(repository, ".git/worktrees/w/index"), indexBytes(["Dockerfile"], { version: 4 }));
    expect(readTrackedPaths(worktree, readBytes)).toEqual(["Dockerfile"]);
  });

  it("gives undefined without an index, for a damaged one, and above the size limit", () => {
    expect(readTrackedPaths(tempDir({ ".git/HEAD": "ref: refs/heads/main\n" }), readBytes)).toBeUndefined();
    expect(readTrackedPaths(tempDir({ "Dockerfile": "" }), readBytes)).toBeUndefined();
    expect(readTrackedPaths(tempDir({ ".git/index": "DIRC garbage" }), readBytes)).toBeUndefined();
    expect(readTrackedPaths(tempDir({ ".git": "gitdir: /nonexistent/worktree\n" }), readBytes)).toBeUndefined();
    const repository = tempDir({ ".git/HEAD": "ref: refs/heads/main\n" });
    fs.writeFileSync(path.join(repository, ".git/index"), indexBytes(PATHS, { version: 2 }));
    const limits: number[] = [];
    const readUpTo200 = (file: string, limit: number): Buffer | undefined => (limits.push(limit), readBytes(file, Math.min(limit, 200)));
    expect(readTrackedPaths(repository, readUpTo200)).toBeUndefined();
    expect(limits).toEqual([MAX_INDEX_BYTES]);
  });
});

const git = spawnSync("git", ["--version"], { encoding: "utf8" });
const hasGit = git.status === 0;
if (!hasGit) console.warn("git-index.test.ts: git is not installed; the comparison with git's own index is skipped.");

function runGit(cwd: string, args: readonly string[]): string {
  const result = spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "init.defaultBranch=main", ...args], { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

describe.runIf(hasGit)("against git's own index", () => {
  it.each([2, 3, 4])("reads what git ls-files lists (index version %i)", (version) => {
    const dir = tempDir({ ".gitignore": "build/\n", ...Object.fromEntries(PATHS.map((file) => [file, "FROM scratch\n"])) });
    runGit(dir, ["init", "-q"]);
    runGit(dir, ["add", "-f", "."]);
    runGit(dir, ["update-index", "--index-version", String(version)]);
    const listed = runGit(dir, ["-c", "core.quotepath=off", "ls-files", "-z"]).split("\0").filter(Boolean);
    expect(readTrackedPaths(dir, readBytes)).toEqual(listed);
  });

  it("reads a SHA-256 repository's index", (context) => {
    const dir = tempDir({ Dockerfile: "FROM scratch\n", "a/compose.yaml": "services: {}\n" });
    const init = spawnSync("git", ["init", "-q", "--object-format=sha256"], { cwd: dir, encoding: "utf8" });
    if (init.status !== 0) {
      context.skip(`this git cannot make SHA-256 repositories: ${init.stderr.trim()}`);
      return;
    }
    runGit(dir, ["add", "."]);
    expect(readTrackedPaths(dir, readBytes)).toEqual(["Dockerfile", "a/compose.yaml"]);
  });
});
