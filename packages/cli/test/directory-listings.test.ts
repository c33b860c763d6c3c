import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_FILE_NAMES } from "../src/config.js";
import { DirectoryListings } from "../src/directory-listings.js";
import { FAILING, runJson, tempDir } from "./helpers.js";

describe("DirectoryListings", () => {
  const listings = new DirectoryListings();
  listings.record("/repo/a", ["Dockerfile", "Docklint.Config.JSON", "src", "Caf\u00e9"]);
  listings.record("/repo/b", ["Dockerfile"]);

  it("says a listed directory cannot hold a name it does not list", () => {
    expect(listings.mayHold("/repo/b", "docklint.config.json")).toBe(false);
    expect(listings.mayHold("/repo/b", ".gitignore")).toBe(false);
    expect(listings.mayHold("/repo/a", ".gitignore")).toBe(false);
    expect(listings.mayHold("/repo/b", "Dockerfile")).toBe(true);
  });

  it("compares names folded, as a file system that folds case or normalization opens them", () => {
    expect(listings.mayHold("/repo/a", "docklint.config.json")).toBe(true);
    expect(listings.mayHold("/repo/a", "CAFE\u0301")).toBe(true);
  });

  it("leaves a directory no search listed to the file system, unless asked to list it", () => {
    const dir = tempDir({ "Dockerfile.dockerignore": "*\n" });
    expect(listings.mayHold(dir, "app.dockerignore")).toBe(true);
    expect(listings.mayHold(dir, "app.dockerignore", true)).toBe(false);
    expect(listings.mayHold(dir, "Dockerfile.dockerignore", true)).toBe(true);
    // A directory that cannot be listed may hold anything.
    expect(listings.mayHold(path.join(dir, "missing"), "x", true)).toBe(true);
  });
});

describe("a directory search's listings", () => {
  const WARN = { rules: { "require-non-root-user": "warn" } };

  it.each(CONFIG_FILE_NAMES)("still find %s in a subdirectory, and keep looking above one without it", async (name) => {
    const content = name === "package.json" ? JSON.stringify({ name: "app", docklint: WARN }) : /\.m?js$/.test(name) ? `export default ${JSON.stringify(WARN)};\n` : JSON.stringify(WARN);
    const dir = tempDir({ [`app/${name}`]: content, "app/Dockerfile": FAILING, "other/Dockerfile": FAILING, "other/deep/Dockerfile": FAILING });
    const { results } = await runJson(["."], { cwd: dir });
    expect(results.map((r) => [path.relative(dir, r.filePath), r.errorCount, r.warningCount])).toEqual([
      ["app/Dockerfile", 0, 1],
      ["other/Dockerfile", 1, 0],
      ["other/deep/Dockerfile", 1, 0],
    ]);
  });

  it("still read the ignore files of listed directories, and of the repository's top above the searched one", async () => {
    const dir = tempDir({
      ".git/HEAD": "ref: refs/heads/main\n",
      ".gitignore": "skipped/\n",
      "project/app/.docklintignore": "legacy.Dockerfile\n",
      "project/app/legacy.Dockerfile": FAILING,
      "project/app/Dockerfile": FAILING,
      "project/skipped/Dockerfile": FAILING,
    });
    const { results } = await runJson(["project"], { cwd: dir });
    expect(results.map((r) => path.relative(dir, r.filePath))).toEqual(["project/app/Dockerfile"]);
  });

  it("are recorded by a glob search too, and both searches read nested repositories' ignore files from their own top", async () => {
    const dir = tempDir({
      ".git/HEAD": "ref: refs/heads/main\n",
      ".gitignore": "legacy/\n",
      "app/docklint.config.json": JSON.stringify(WARN),
      "app/Dockerfile": FAILING,
      "legacy/Dockerfile": FAILING,
      // A repository of its own: the outer .gitignore stops at its top, as git's does.
      "nested/.git/HEAD": "ref: refs/heads/main\n",
      "nested/legacy/Dockerfile": FAILING,
      // A submodule's .git is a file.
      "module/.git": "gitdir: ../.git/modules/module\n",
      "module/legacy/Dockerfile": FAILING,
    });
    for (const args of [["**/Dockerfile"], ["."]]) {
      const { results } = await runJson(args, { cwd: dir });
      expect(results.map((r) => [path.relative(dir, r.filePath), r.errorCount, r.warningCount])).toEqual([
        ["app/Dockerfile", 0, 1],
        ["module/legacy/Dockerfile", 1, 0],
        ["nested/legacy/Dockerfile", 1, 0],
      ]);
    }
  });

  it("skip a nested clone that the outer .gitignore names, in a directory search, as git does", async () => {
    const dir = tempDir({ ".git/HEAD": "ref: refs/heads/main\n", ".gitignore": "third_party/\n", "third_party/lib/.git/HEAD": "ref: refs/heads/main\n", "third_party/lib/Dockerfile": FAILING, "Dockerfile": FAILING });
    const { results } = await runJson(["."], { cwd: dir });
    expect(results.map((r) => path.relative(dir, r.filePath))).toEqual(["Dockerfile"]);
  });

  it("skip a nested clone that an outer ignore file names in a glob search too, and report one named on the command line as ignored", async () => {
    const dir = tempDir({
      ".git/HEAD": "ref: refs/heads/main\n",
      ".gitignore": "third_party/\n",
      "third_party/lib/.git/HEAD": "ref: refs/heads/main\n",
      "third_party/lib/Dockerfile": FAILING,
      // A clone in a clone: the inner one is ignored by the middle one's .docklintignore.
      "vendor/.git/HEAD": "ref: refs/heads/main\n",
      "vendor/.docklintignore": "old/\n",
      "vendor/old/tool/.git": "gitdir: ../../.git/modules/tool\n",
      "vendor/old/tool/Dockerfile": FAILING,
      "vendor/Dockerfile": FAILING,
      "Dockerfile": FAILING,
    });
    const { results } = await runJson(["**/Dockerfile"], { cwd: dir });
    expect(results.map((r) => path.relative(dir, r.filePath))).toEqual(["Dockerfile", "vendor/Dockerfile"]);

    const named = await runJson(["third_party/lib/Dockerfile", "vendor/old/tool"], { cwd: dir });
    expect(named.results.map((r) => [path.relative(dir, r.filePath), r.messages.map((m) => m.message)])).toEqual([
      ["third_party/lib/Dockerfile", ['File ignored because of a matching ignore pattern (`third_party/` in .gitignore:1); use "--no-ignore" to lint it anyway.']],
    ]);
    expect(named.stderr).toContain('Directory "vendor/old/tool" ignored because of a matching ignore pattern (`old/` in vendor/.docklintignore:1)');

    // From inside the clone, its own ignore files decide, as git's do there.
    const inside = await runJson(["**/Dockerfile"], { cwd: path.join(dir, "third_party/lib") });
    expect(inside.results.map((r) => path.relative(dir, r.filePath))).toEqual(["third_party/lib/Dockerfile"]);
  });
});
