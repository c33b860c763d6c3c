import { posix } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizePosixPath } from "./posix-path.js";

describe("normalizePosixPath", () => {
  it.each([
    ["", "."],
    [".", "."],
    ["./", "./"],
    ["/", "/"],
    ["//", "/"],
    ["/..", "/"],
    ["/../a", "/a"],
    ["a/..", "."],
    ["a/../", "./"],
    ["../a", "../a"],
    ["../../a/../b", "../../b"],
    ["./data//logs/", "data/logs/"],
    ["/srv/./app/../data", "/srv/data"],
    ["//srv///data", "/srv/data"],
    ["${DATA}/logs/..", "${DATA}"],
  ])("%j → %j", (input, expected) => {
    expect(normalizePosixPath(input)).toBe(expected);
  });

  it("agrees with node:path posix.normalize on generated paths", () => {
    const segment = fc.constantFrom("", ".", "..", "a", "b", "${X}", "data");
    const path = fc.array(segment, { maxLength: 8 }).map((parts) => parts.join("/"));
    fc.assert(
      fc.property(path, (p) => {
        expect(normalizePosixPath(p)).toBe(posix.normalize(p));
      }),
      { numRuns: 2000, seed: 9 },
    );
  });
});
