import { describe, expect, it } from "vitest";
import { inAbsentSubmodule, isGitIgnored } from "./git.js";

/** The linted file is /repo/app/compose.yaml; `files` maps paths relative to /repo/app/. */
const LINTED = "/repo/app/compose.yaml";
const HEAD = "ref: refs/heads/main\n";

const cases: { name: string; files: Record<string, string>; path: string; filePath?: string; expected: boolean | undefined }[] = [
  { name: "listed in the .gitignore beside it, at the repository's top", files: { ".git/HEAD": HEAD, ".gitignore": ".env\n" }, path: ".env", expected: true },
  { name: "not listed", files: { ".git/HEAD": HEAD, ".gitignore": "node_modules/\n" }, path: ".env", expected: false },
  { name: "no .gitignore at all", files: { ".git/HEAD": HEAD }, path: ".env", expected: false },
  { name: "outside any repository (an unpacked archive)", files: { ".gitignore": ".env\n" }, path: ".env", expected: undefined },
  { name: "a .gitignore at the top one level up, by the path from there", files: { "../.git/HEAD": HEAD, "../.gitignore": "app/.env\n" }, path: ".env", expected: true },
  { name: "an anchored pattern at the top does not reach a subdirectory", files: { "../.git/HEAD": HEAD, "../.gitignore": "/.env\n" }, path: ".env", expected: false },
  { name: "a deeper .gitignore's negation wins", files: { "../.git/HEAD": HEAD, "../.gitignore": "*.env\n", ".gitignore": "!prod.env\n" }, path: "prod.env", expected: false },
  { name: "the shallower pattern still ignores the rest", files: { "../.git/HEAD": HEAD, "../.gitignore": "*.env\n", ".gitignore": "!prod.env\n" }, path: "dev.env", expected: true },
  { name: "the last matching pattern of one file wins", files: { ".git/HEAD": HEAD, ".gitignore": ".env\n!.env\n" }, path: ".env", expected: false },
  { name: "a file in an ignored directory", files: { ".git/HEAD": HEAD, ".gitignore": "secrets/\n" }, path: "secrets/db.env", expected: true },
  { name: "nothing in an ignored directory can be brought back", files: { ".git/HEAD": HEAD, ".gitignore": "secrets/\n", "secrets/.gitignore": "!db.env\n" }, path: "secrets/db.env", expected: true },
  { name: "a path that goes up and down again", files: { "../.git/HEAD": HEAD, "../.gitignore": "config/*.env\n" }, path: "../config/app.env", expected: true },
  { name: "a worktree's .git file marks the top", files: { "../.git": "gitdir: /elsewhere/.git/worktrees/app\n", "../.gitignore": ".env\n" }, path: ".env", expected: true },
  { name: "patterns are case-sensitive, as git's on Linux", files: { ".git/HEAD": HEAD, ".gitignore": ".ENV\n" }, path: ".env", expected: false },
  { name: "a comment and a blank line are not patterns", files: { ".git/HEAD": HEAD, ".gitignore": "# .env\n\n" }, path: ".env", expected: false },
  { name: "above what a relative file path names, nothing is known", files: { "../.git/HEAD": HEAD, "../.gitignore": "*.env\n" }, path: "../x.env", filePath: "compose.yaml", expected: undefined },
  { name: "without a file path, the linted file's own directory", files: { ".git/HEAD": HEAD, ".gitignore": "*.env\n" }, path: "x.env", filePath: "compose.yaml", expected: true },
];

describe("isGitIgnored", () => {
  for (const { name, files, path, filePath, expected } of cases) {
    it(name, () => {
      expect(isGitIgnored(path, filePath ?? LINTED, (file) => files[file])).toBe(expected);
    });
  }

  it("stops looking for the repository's top after a bounded number of directories", () => {
    const deep = `/${Array.from({ length: 40 }, (_, i) => `d${i}`).join("/")}/compose.yaml`;
    const reads: string[] = [];
    expect(isGitIgnored(".env", deep, (file) => (reads.push(file), undefined))).toBeUndefined();
    expect(reads.length).toBeLessThan(60);
  });
});

describe("inAbsentSubmodule", () => {
  const MODULES = '[submodule "calcom"]\n\tpath = calcom\n\turl = https://github.com/calcom/cal.com.git\n[submodule "vendor/stack"]\n\tpath = ./vendor/stack/\n';
  /** `dirs` maps directories relative to /repo/app/ to their listings. */
  const check = (path: string, files: Record<string, string>, dirs: Record<string, string[]>, filePath = LINTED) =>
    inAbsentSubmodule(path, filePath, (file) => files[file], (dir) => dirs[dir]);
  const repo = { ".git/HEAD": HEAD, ".gitmodules": MODULES };

  it.each([
    ["a path in a submodule whose directory is empty (a clone without its submodules)", "calcom/apps/api/v2/Dockerfile", repo, { "calcom/": [] }, true],
    ["the submodule's directory itself", "calcom", repo, { "calcom/": [] }, true],
    ["a submodule written with ./ and a trailing slash", "vendor/stack/compose.yaml", repo, { "vendor/stack/": [] }, true],
    ["a submodule that is checked out: a missing file there is missing", "calcom/apps/api/v2/Dockerfile", repo, { "calcom/": ["package.json", "apps/"] }, false],
    ["a path beside the submodules", "api/Dockerfile", repo, { "calcom/": [] }, false],
    ["a name that only starts like a submodule's", "calcom-api/Dockerfile", repo, { "calcom/": [] }, false],
    ["no .gitmodules", "calcom/Dockerfile", { ".git/HEAD": HEAD }, { "calcom/": [] }, false],
    ["outside any repository", "calcom/Dockerfile", { ".gitmodules": MODULES }, { "calcom/": [] }, false],
  ])("%s", (_name, path, files, dirs, expected) => {
    expect(check(path, files, dirs)).toBe(expected);
  });

  it("reads .gitmodules at the repository's top, above the linted file", () => {
    expect(check("../calcom/Dockerfile", { "../.git/HEAD": HEAD, "../.gitmodules": MODULES }, { "../calcom/": [] })).toBe(true);
  });

  it("is false without a lister (an empty directory cannot be told from a full one)", () => {
    expect(inAbsentSubmodule("calcom/Dockerfile", LINTED, (file) => (repo as Record<string, string>)[file], undefined)).toBe(false);
  });
});
