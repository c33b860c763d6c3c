import fc from "fast-check";
import ignore from "ignore";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { discoverFiles } from "../src/files.js";
import { IgnorePrefilter, requirementOf } from "../src/ignore-prefilter.js";
import { tempDir } from "./helpers.js";

describe("requirementOf", () => {
  it.each([
    ["node_modules", { kind: "segment", literal: "node_modules" }],
    ["/build/", { kind: "segment", literal: "build" }],
    ["**/tmp/**", { kind: "segment", literal: "tmp" }],
    ["!docs/keep.md", { kind: "segment", literal: "keep.md" }],
    ["*.log", { kind: "suffix", literal: ".log" }],
    ["**.tar.gz", { kind: "suffix", literal: ".tar.gz" }],
    ["cache-*", { kind: "run", literal: "cache-" }],
    ["a?c*long", { kind: "run", literal: "long" }],
    ["logs/*.txt   ", { kind: "segment", literal: "logs" }],
    ["*", { kind: "any" }],
    ["**/", { kind: "any" }],
    ["\\#notes", { kind: "any" }],
    ["file[0-9]", { kind: "any" }],
    ["a//b", { kind: "any" }],
    ["x\ty", { kind: "any" }],
  ])("%j needs %j", (line, expected) => {
    expect(requirementOf(line)).toEqual(expected);
  });

  it.each(["", "   ", "# a comment", "#*.log"])("%j is no pattern", (line) => {
    expect(requirementOf(line)).toBeUndefined();
  });
});

// The `ignore` package is the oracle: wherever the prefilter says no pattern can match, `ignore`
// must say the path is neither ignored nor re-included, for the path as a file and as a directory.
const SEGMENTS = ["a", "b", "src", "build", "node_modules", "tmp", "x.log", "y.LOG", "app.tar.gz", "gz", "cache-1", "cachex", "README.md", "Build", ".env", "a b", "ab", "ba", "logs", "σ", "ς"];
const PATTERN_PARTS = ["a", "b", "src", "build", "node_modules", "tmp", "*", "**", "?", "*.log", "*.gz", "*.tar.gz", "cache-*", "*md", "READ*", "[ab]", "\\*", ".env", "a b", "Build", "σ", "log?"];

const pattern = fc
  .tuple(
    fc.constantFrom("", "", "", "!", "/", "!/", "#", " "),
    fc.array(fc.constantFrom(...PATTERN_PARTS), { minLength: 1, maxLength: 3 }),
    fc.constantFrom("", "", "/", " ", "  ", "/*", "/**"),
  )
  .map(([lead, parts, tail]) => `${lead}${parts.join("/")}${tail}`);
const relativePath = fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 4 }).map((segments) => segments.join("/"));

describe("IgnorePrefilter against the ignore package", () => {
  for (const ignoreCase of [false, true]) {
    it(`skips only paths that no pattern matches (ignoreCase ${ignoreCase})`, () => {
      let skipped = 0;
      let decided = 0;
      fc.assert(
        fc.property(fc.array(pattern, { minLength: 1, maxLength: 12 }), fc.array(relativePath, { minLength: 1, maxLength: 12 }), (lines, paths) => {
          const rules = ignore({ ignorecase: ignoreCase }).add(lines);
          const prefilter = new IgnorePrefilter(ignoreCase);
          prefilter.add(lines);
          for (const path of paths) {
            for (const tested of [path, `${path}/`]) {
              const result = rules.test(tested);
              if (result.ignored || result.unignored) decided++;
              if (prefilter.mayMatch(tested)) continue;
              skipped++;
              expect({ tested, lines, ignored: result.ignored, unignored: result.unignored }).toEqual({ tested, lines, ignored: false, unignored: false });
            }
          }
        }),
        { seed: 20261901, numRuns: 3000 },
      );
      // Both answers are common, or the property would hold by never skipping or never matching.
      expect(skipped).toBeGreaterThan(5_000);
      expect(decided).toBeGreaterThan(5_000);
    });
  }

  it("reads a file's lines as given to ignore: blank lines and comments add nothing", () => {
    const prefilter = new IgnorePrefilter(false);
    prefilter.add(["", "# build", "   "]);
    expect(prefilter.mayMatch("build/Dockerfile")).toBe(false);
    prefilter.add(["build/"]);
    expect(prefilter.mayMatch("build/Dockerfile")).toBe(true);
    expect(prefilter.mayMatch("builder/Dockerfile")).toBe(false);
  });
});

describe("a directory search with a large .gitignore", () => {
  it("asks the ignore package only about the paths a pattern could match, and still skips what it ignores", async () => {
    const shapes = [(i: number) => `*.ext${i}`, (i: number) => `build${i}/`, (i: number) => `/generated/out${i}`, (i: number) => `**/tmp${i}/**`, (i: number) => `logs${i}.txt`];
    const patterns = Array.from({ length: 500 }, (_, i) => (shapes[i % shapes.length] as (i: number) => string)(i));
    const files: Record<string, string> = { ".git/HEAD": "ref: refs/heads/main\n", ".gitignore": [...patterns, "skipped/"].join("\n") + "\n" };
    for (let d = 0; d < 20; d++) files[`pkg${d}/sub/Dockerfile`] = "FROM alpine:3.20\n";
    files["skipped/Dockerfile"] = "FROM alpine:3.20\n";
    files["pkg3/tmp8/Dockerfile"] = "FROM alpine:3.20\n";
    const dir = tempDir(files);
    const prototype = Object.getPrototypeOf(ignore()) as { test(path: string): unknown };
    const original = prototype.test;
    const asked: string[] = [];
    const spy = vi.spyOn(prototype, "test").mockImplementation(function (this: unknown, tested: string) {
      asked.push(tested);
      return original.call(this, tested);
    });
    try {
      const { targets } = await discoverFiles(["."], { cwd: dir, errorOnUnmatchedPattern: true });
      expect(targets.map((t) => path.relative(dir, t.path).split(path.sep).join("/")).sort()).toEqual(Array.from({ length: 20 }, (_, d) => `pkg${d}/sub/Dockerfile`).sort());
    } finally {
      spy.mockRestore();
    }
    // Of the 63 entries the search decides, only those a pattern names reach the ignore package.
    expect(asked.sort()).toEqual(["pkg3/tmp8/", "pkg3/tmp8/Dockerfile", "skipped/"]);
  });
});
