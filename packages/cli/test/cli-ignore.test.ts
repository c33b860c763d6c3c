import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IgnoreRules } from "../src/files.js";
import { CLEAN, FAILING, gitIndexBytes, relativePaths, run, runJson, tempDir, write } from "./helpers.js";

describe(".gitignore and .docklintignore in directory searches", () => {
  const dir = tempDir({
    ".git/HEAD": "ref: refs/heads/main\n",
    ".gitignore": "# build output\ndist/\n*.generated.Dockerfile\n!keep.generated.Dockerfile\nsvc/*.Dockerfile\n",
    ".docklintignore": "legacy/\n",
    Dockerfile: CLEAN,
    "dist/Dockerfile": FAILING,
    "a.generated.Dockerfile": FAILING,
    "keep.generated.Dockerfile": CLEAN,
    "legacy/Dockerfile": FAILING,
    "sub/.gitignore": "local/\n",
    "sub/Dockerfile": CLEAN,
    "sub/local/Dockerfile": FAILING,
    // sub/.gitignore applies inside sub/ only.
    "other/local/Dockerfile": CLEAN,
    // Excluded by the root file, re-included by a deeper one: the deeper file wins, as in git.
    "svc/.gitignore": "!api.Dockerfile\n",
    "svc/api.Dockerfile": CLEAN,
    "svc/worker.Dockerfile": FAILING,
  });

  it("skips what the ignore files of the searched directories exclude, nested files and negations included", async () => {
    const { code, results, stderr } = await runJson([], { cwd: dir });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(relativePaths(results, dir)).toEqual(["Dockerfile", "keep.generated.Dockerfile", "other/local/Dockerfile", "sub/Dockerfile", "svc/api.Dockerfile"]);
  });

  it("filters glob matches the same way", async () => {
    const { results } = await runJson(["**/Dockerfile"], { cwd: dir });
    expect(relativePaths(results, dir)).toEqual(["Dockerfile", "other/local/Dockerfile", "sub/Dockerfile"]);
  });

  it("applies the repository's ignore files when a subdirectory is searched, from any current directory", async () => {
    const fromRoot = await runJson(["sub"], { cwd: dir });
    expect(relativePaths(fromRoot.results, dir)).toEqual(["sub/Dockerfile"]);
    const inside = await runJson(["."], { cwd: path.join(dir, "svc") });
    expect(relativePaths(inside.results, dir)).toEqual(["svc/api.Dockerfile"]);
  });

  it("--no-ignore lints everything but node_modules and .git", async () => {
    fs.mkdirSync(path.join(dir, "node_modules/x"), { recursive: true });
    fs.writeFileSync(path.join(dir, "node_modules/x/Dockerfile"), FAILING);
    const { code, results } = await runJson(["--no-ignore"], { cwd: dir });
    expect(code).toBe(1);
    expect(relativePaths(results, dir)).toEqual([
      "Dockerfile",
      "a.generated.Dockerfile",
      "dist/Dockerfile",
      "keep.generated.Dockerfile",
      "legacy/Dockerfile",
      "other/local/Dockerfile",
      "sub/Dockerfile",
      "sub/local/Dockerfile",
      "svc/api.Dockerfile",
      "svc/worker.Dockerfile",
    ]);
  });
});

describe("files and directories named explicitly", () => {
  const dir = tempDir({
    ".gitignore": "dist/\nold.Dockerfile\n",
    "dist/Dockerfile": FAILING,
    "old.Dockerfile": FAILING,
    Dockerfile: CLEAN,
  });

  it("reports an ignored file as ESLint does, with the pattern and where it is, and lints the others", async () => {
    const { code, results } = await runJson(["old.Dockerfile", "Dockerfile", "dist/Dockerfile"], { cwd: dir });
    expect(code).toBe(0);
    expect(relativePaths(results, dir)).toEqual(["Dockerfile", "dist/Dockerfile", "old.Dockerfile"]);
    expect(results[0]?.messages).toEqual([]);
    expect(results[1]).toMatchObject({ errorCount: 0, warningCount: 1 });
    expect(results[1]?.messages[0]?.message).toBe('File ignored because of a matching ignore pattern (`dist/` in .gitignore:1); use "--no-ignore" to lint it anyway.');
    expect(results[2]?.messages[0]).toMatchObject({ ruleId: null, severity: 1, message: expect.stringContaining("`old.Dockerfile` in .gitignore:2") });
  });

  it("lints them with --no-ignore", async () => {
    const { code, results } = await runJson(["old.Dockerfile", "--no-ignore"], { cwd: dir });
    expect(code).toBe(1);
    expect(results[0]?.messages[0]?.ruleId).toBe("require-non-root-user");
  });

  it("says so on standard error for an ignored directory, which is not a 'no files found' error", async () => {
    const { code, stdout, stderr } = await run(["dist", "-f", "json"], { cwd: dir });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([]);
    expect(stderr).toBe('docklint: Directory "dist" ignored because of a matching ignore pattern (`dist/` in .gitignore:1); use "--no-ignore" to lint it.\n');
    const linted = await runJson(["dist", "--no-ignore"], { cwd: dir });
    expect(linted.code).toBe(1);
  });

  it("counts the ignored-file warning against --max-warnings and drops it with --quiet", async () => {
    expect((await run(["old.Dockerfile", "--max-warnings", "0"], { cwd: dir })).code).toBe(1);
    const quiet = await runJson(["old.Dockerfile", "--quiet"], { cwd: dir });
    expect(quiet.results[0]?.messages).toEqual([]);
  });
});

describe("ignore rules as git reads them", () => {
  it("does not read ignore files above the current directory outside a repository", async () => {
    const dir = tempDir({ ".gitignore": "Dockerfile\n", "app/Dockerfile": CLEAN });
    const { results } = await runJson([], { cwd: path.join(dir, "app") });
    expect(relativePaths(results, dir)).toEqual(["app/Dockerfile"]);
  });

  it("cannot re-include a file whose directory is excluded", async () => {
    const dir = tempDir({ ".gitignore": "build/\n", "build/.gitignore": "!Dockerfile\n", "build/Dockerfile": FAILING, Dockerfile: CLEAN });
    const { results } = await runJson([], { cwd: dir });
    expect(relativePaths(results, dir)).toEqual(["Dockerfile"]);
  });

  it("reads CRLF ignore files with a BOM, and lets .docklintignore re-include what .gitignore excludes", async () => {
    const dir = tempDir({
      ".gitignore": "\uFEFFgen/\r\n*.Dockerfile\r\n",
      ".docklintignore": "!ci.Dockerfile\r\n",
      "gen/Dockerfile": FAILING,
      "ci.Dockerfile": CLEAN,
      "tmp.Dockerfile": FAILING,
      Dockerfile: CLEAN,
    });
    const { results } = await runJson([], { cwd: dir });
    expect(relativePaths(results, dir)).toEqual(["Dockerfile", "ci.Dockerfile"]);
  });

  it("IgnoreRules names the deciding pattern and file for any path", async () => {
    const dir = tempDir({ ".git/HEAD": "x\n", ".gitignore": "*.bak\n", "a/.docklintignore": "tmp/\n" });
    const rules = new IgnoreRules(dir);
    expect(await rules.ignored(path.join(dir, "a/tmp/x/Dockerfile"), false)).toEqual({ pattern: "tmp/", source: "a/.docklintignore:1" });
    expect(await rules.ignored(path.join(dir, "a/Dockerfile.bak"), false)).toEqual({ pattern: "*.bak", source: ".gitignore:1" });
    expect(await rules.ignored(path.join(dir, "a/Dockerfile"), false)).toBeUndefined();
    expect(await rules.ignored(dir, true)).toBeUndefined();
  });
});

describe("files git tracks, which its ignore rules do not hide", () => {
  // navidrome commits contrib/docker-compose/docker-compose.yml under a `docker-compose*.yml` pattern.
  const tracked = ["contrib/docker-compose.yml", "build/Dockerfile", "build/sub/Dockerfile", "old/Dockerfile", ".gitignore"];
  const dir = tempDir({
    ".gitignore": "docker-compose*.yml\nbuild/\nold/\nscratch/\n",
    ".docklintignore": "old/\n",
    "contrib/docker-compose.yml": "services:\n  web:\n    image: nginx:1.27\n",
    "docker-compose.local.yml": "services:\n  web:\n    image: nginx:1.27\n",
    "build/Dockerfile": FAILING,
    "build/Dockerfile.untracked": FAILING,
    "build/sub/Dockerfile": FAILING,
    "build/cache/Dockerfile": FAILING,
    "old/Dockerfile": FAILING,
    "scratch/Dockerfile": FAILING,
    Dockerfile: CLEAN,
  });
  write(dir, ".git/HEAD", "ref: refs/heads/main\n");
  fs.writeFileSync(path.join(dir, ".git/index"), gitIndexBytes([...tracked].sort(), { version: 4 }));

  it("a directory search lints tracked files that .gitignore matches, and only those in an ignored directory", async () => {
    const { results } = await runJson([], { cwd: dir });
    expect(relativePaths(results, dir)).toEqual(["Dockerfile", "build/Dockerfile", "build/sub/Dockerfile", "contrib/docker-compose.yml"]);
  });

  it("globs, named files and named directories do the same; .docklintignore still excludes tracked files", async () => {
    const glob = await runJson(["**/Dockerfile*"], { cwd: dir });
    expect(relativePaths(glob.results, dir)).toEqual(["Dockerfile", "build/Dockerfile", "build/sub/Dockerfile"]);
    const named = await runJson(["build/Dockerfile", "old/Dockerfile", "scratch/Dockerfile"], { cwd: dir });
    expect(named.results.map((result) => result.messages[0]?.ruleId)).toEqual(["require-non-root-user", null, null]);
    expect(named.results[1]?.messages[0]?.message).toContain("`old/` in .docklintignore:1");
    expect(named.results[2]?.messages[0]?.message).toContain("`scratch/` in .gitignore:4");
    const directory = await runJson(["build"], { cwd: dir });
    expect(relativePaths(directory.results, dir)).toEqual(["build/Dockerfile", "build/sub/Dockerfile"]);
    const ignored = await run(["scratch"], { cwd: dir });
    expect(ignored.stderr).toContain('Directory "scratch" ignored');
  });

  it("without a readable index, .gitignore decides as before", async () => {
    const plain = tempDir({ ".git/HEAD": "x\n", ".git/index": "not an index", ".gitignore": "build/\n", "build/Dockerfile": FAILING, Dockerfile: CLEAN });
    const { results } = await runJson([], { cwd: plain });
    expect(relativePaths(results, plain)).toEqual(["Dockerfile"]);
  });
});

describe("--stdin-filename", () => {
  it("reports text standing for an ignored file as ignored, unless --no-ignore", async () => {
    const dir = tempDir({ ".docklintignore": "generated/\n" });
    const ignored = await runJson(["--stdin", "--stdin-filename", "generated/Dockerfile"], { cwd: dir, stdin: FAILING });
    expect(ignored.code).toBe(0);
    expect(ignored.results[0]?.messages[0]?.message).toContain("`generated/` in .docklintignore:1");
    const linted = await runJson(["--stdin", "--stdin-filename", "generated/Dockerfile", "--no-ignore"], { cwd: dir, stdin: FAILING });
    expect(linted.code).toBe(1);
  });
});

describe('the config\'s "ignores"', () => {
  it("skips matching files in a search and reports a matching file named explicitly as ignored", async () => {
    const dir = tempDir({ "docklint.config.json": JSON.stringify({ ignores: ["legacy/**"] }), "legacy/Dockerfile": FAILING, Dockerfile: CLEAN });
    const search = await runJson([], { cwd: dir });
    expect(search.code).toBe(0);
    expect(relativePaths(search.results, dir)).toEqual(["Dockerfile"]);
    const named = await runJson(["legacy/Dockerfile"], { cwd: dir });
    expect(named.code).toBe(0);
    expect(named.results[0]?.messages[0]?.message).toBe('File ignored because of a matching ignore pattern ("ignores" in docklint.config.json); use "--no-ignore" to lint it anyway.');
    // --no-ignore turns every ignore off, the config's included (as ESLint's).
    expect((await run(["--no-ignore"], { cwd: dir })).code).toBe(1);
  });
});
