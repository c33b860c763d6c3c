import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_FILE_NAMES } from "../src/config.js";
import { DirectoryListings } from "../src/directory-listings.js";
import { FAILING, runJson, tempDir } from "./helpers.js";

describe("DirectoryListings", () => {
  const listings = new DirectoryListings(["docklint.config.json", ".gitignore"]);
  listings.record("/repo/a", ["Dockerfile", "Docklint.Config.JSON", "src"]);
  listings.record("/repo/b", ["Dockerfile"]);

  it("says a listed directory cannot hold a watched name it does not list", () => {
    expect(listings.mayHold("/repo/b", "docklint.config.json")).toBe(false);
    expect(listings.mayHold("/repo/b", ".gitignore")).toBe(false);
    expect(listings.mayHold("/repo/a", ".gitignore")).toBe(false);
  });

  it("compares names without case, as a file system that folds it opens them", () => {
    expect(listings.mayHold("/repo/a", "docklint.config.json")).toBe(true);
  });

  it("leaves the answer to the file system for a directory not listed or a name not watched", () => {
    expect(listings.mayHold("/repo", "docklint.config.json")).toBe(true);
    expect(listings.mayHold("/repo/b", "package.json")).toBe(true);
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
});
