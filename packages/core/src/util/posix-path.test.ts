import { posix } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanPath, pathBaseName } from "./posix-path.js";

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

describe("pathBaseName", () => {
  it.each([
    ["apt-get", false, "apt-get"],
    ["/usr/bin/apt-get", false, "apt-get"],
    ["./configure", false, "configure"],
    ["dir/", false, ""],
    ["/", false, ""],
    ["", false, ""],
    ["C:\\Tools\\curl.exe", false, "C:\\Tools\\curl.exe"],
    ["C:\\Tools\\curl.exe", true, "curl.exe"],
    ["C:\\Tools/bin\\curl.exe", true, "curl.exe"],
    ["/opt\\x/tool", true, "tool"],
    ["plain", true, "plain"],
    // Compose file paths as the host gives them.
    ["/x/y/compose.override.yaml", true, "compose.override.yaml"],
    ["C:\\x\\compose.yaml", true, "compose.yaml"],
  ])("%j (backslash %s) → %j", (path, backslash, expected) => {
    expect(pathBaseName(path, backslash)).toBe(expected);
  });

  it("is what follows the last separator, for any path", () => {
    const path = fc.array(fc.constantFrom("a", "b", "/", "\\", ".", "-"), { maxLength: 12 }).map((chars) => chars.join(""));
    fc.assert(
      fc.property(path, fc.boolean(), (text, backslash) => {
        const cut = backslash ? Math.max(text.lastIndexOf("/"), text.lastIndexOf("\\")) : text.lastIndexOf("/");
        expect(pathBaseName(text, backslash)).toBe(text.slice(cut + 1));
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});
