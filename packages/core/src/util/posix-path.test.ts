import { posix } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanPath } from "./posix-path.js";

describe("cleanPath", () => {
  it.each([
    ["", "."],
    [".", "."],
    ["./", "."],
    ["/", "/"],
    ["//", "/"],
    ["/..", "/"],
    ["/../a", "/a"],
    ["a/..", "."],
    ["a/../", "."],
    ["./a", "a"],
    ["../a", "../a"],
    ["../../a/../b", "../../b"],
    ["a//b/./c/", "a/b/c"],
    ["./data//logs/", "data/logs"],
    ["/srv/./app/../data", "/srv/data"],
    ["//srv///data", "/srv/data"],
    ["${DATA}/logs/..", "${DATA}"],
  ])("%j → %j", (input, expected) => {
    expect(cleanPath(input)).toBe(expected);
  });

  it("agrees with node:path posix.normalize on generated paths, but for the trailing slash", () => {
    const segment = fc.constantFrom("", ".", "..", "a", "b", "${X}", "data");
    const path = fc.array(segment, { maxLength: 8 }).map((parts) => parts.join("/"));
    fc.assert(
      fc.property(path, (p) => {
        const normalized = posix.normalize(p);
        expect(cleanPath(p)).toBe(normalized.length > 1 && normalized.endsWith("/") ? normalized.slice(0, -1) : normalized);
      }),
      { numRuns: 2000, seed: 9 },
    );
  });
});
