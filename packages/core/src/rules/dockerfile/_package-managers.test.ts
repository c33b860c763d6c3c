import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coversDirectory } from "./_package-managers.js";

/** What coversDirectory answers, written as the one glob match it stands for: `*` and `?` within a path segment, the rest literal, the directory or anything under it. */
function globCovers(pattern: string, dir: string): boolean {
  let normalized = pattern;
  while (normalized.endsWith("/")) normalized = normalized.slice(0, -1);
  normalized = normalized.replace(/\/\*$/, "");
  if (normalized === "" || normalized.replace(/\*/g, "").length > dir.length) return false;
  const body = normalized.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]");
  return new RegExp(`^${body}(?:/.*)?$`).test(dir);
}

const DIRS = ["/var/lib/apt/lists", "/var/cache/apk", "/var/cache/dnf", "/root/.cache/pip", "/var/lib/pacman/sync"];

describe("coversDirectory", () => {
  it("tells whether removing a path (a glob) removes a directory", () => {
    expect(coversDirectory("/var/lib/apt/lists/*", "/var/lib/apt/lists")).toBe(true);
    expect(coversDirectory("/var/lib/apt/", "/var/lib/apt/lists")).toBe(true);
    expect(coversDirectory("/var/lib/apt/lists*", "/var/lib/apt/lists")).toBe(true);
    expect(coversDirectory("/var/lib/ap?/lists", "/var/lib/apt/lists")).toBe(true);
    expect(coversDirectory("/var/lib/apt/lists.bak", "/var/lib/apt/lists")).toBe(false);
    expect(coversDirectory("/var/lib/apt/lists/partial", "/var/lib/apt/lists")).toBe(false);
    expect(coversDirectory("/var/lib/a", "/var/lib/apt/lists")).toBe(false);
    expect(coversDirectory("/", "/var/lib/apt/lists")).toBe(false);
  });

  it("answers as the glob does, with and without wildcards", () => {
    const segment = fc.stringMatching(/^[a-z.*?[\]+]{0,5}$/);
    const randomPath = fc.array(fc.oneof(segment, fc.constantFrom("var", "lib", "apt", "lists", "cache", "apk", "*", "")), { maxLength: 6 }).map((parts) => `/${parts.join("/")}`);
    // A directory's first segments, some characters turned into `?` or `*`, or one added: near misses and matches.
    const nearPath = fc
      .tuple(fc.constantFrom(...DIRS), fc.nat(6), fc.array(fc.tuple(fc.nat(40), fc.constantFrom("?", "*", "x", "")), { maxLength: 2 }))
      .map(([dir, keep, edits]) => {
        let path = dir.split("/").slice(0, keep + 1).join("/");
        for (const [at, text] of edits) path = path.slice(0, at % (path.length + 1)) + text + path.slice((at % (path.length + 1)) + (text === "x" ? 0 : 1));
        return path;
      });
    let matched = 0;
    fc.assert(
      fc.property(fc.oneof(randomPath, nearPath), fc.constantFrom("", "/", "/*", "//"), fc.constantFrom(...DIRS), (written, end, dir) => {
        const expected = globCovers(written + end, dir);
        if (expected) matched++;
        expect(coversDirectory(written + end, dir)).toBe(expected);
      }),
      { seed: 20261802, numRuns: 5000 },
    );
    // Both answers are common enough to test.
    expect(matched).toBeGreaterThan(250);
    expect(matched).toBeLessThan(4750);
  });
});
