import { describe, expect, it } from "vitest";
import { compilePattern, excludingPattern, matchTokens, parseDockerIgnore } from "./dockerignore.js";
import { cleanPath } from "./posix-path.js";

function matches(pattern: string, path: string): boolean {
  const tokens = compilePattern(cleanPath(pattern));
  if (!tokens) throw new Error(`bad pattern ${pattern}`);
  return matchTokens(tokens, path);
}

describe("pattern matching (moby/patternmatcher semantics)", () => {
  it.each([
    ["Dockerfile", "Dockerfile", true],
    ["Dockerfile", "dockerfile", false],
    ["*.md", "README.md", true],
    ["*.md", "docs/README.md", false],
    ["*/*.md", "docs/README.md", true],
    ["**/*.md", "README.md", true],
    ["**/*.md", "a/b/c/README.md", true],
    ["**/*.md", "a/b/c/README.mdx", false],
    ["**", "anything/at/all", true],
    ["*", "top", true],
    ["*", "a/b", false],
    ["a/**", "a/b/c", true],
    ["a/**", "b/c", false],
    ["a/**/b", "a/b", true],
    ["a/**/b", "a/x/y/b", true],
    ["a/**/b", "a/x/y/c", false],
    ["?.txt", "a.txt", true],
    ["?.txt", "ab.txt", false],
    ["?", "/", false],
    ["[abc].txt", "b.txt", true],
    ["[a-c].txt", "d.txt", false],
    ["[^a-c].txt", "d.txt", true],
    ["\\*.txt", "*.txt", true],
    ["\\*.txt", "a.txt", false],
    [".*", ".git", true],
    [".*", "a.git", false],
    ["node_modules/", "node_modules", true],
    ["/build", "build", false],
  ])("%s vs %s → %s", (pattern, path, expected) => {
    expect(matches(pattern, path)).toBe(expected);
  });

  it("stays fast on patterns that make backtracking matchers explode", () => {
    const pattern = `${"*a".repeat(30)}b`;
    const path = "a".repeat(5000);
    const started = Date.now();
    expect(matches(pattern, path)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("rejects malformed patterns", () => {
    expect(compilePattern("[abc")).toBeUndefined();
    expect(compilePattern("abc\\")).toBeUndefined();
  });
});

describe("parseDockerIgnore", () => {
  it("skips comments and blanks, trims, cleans, drops a leading slash and notes exceptions", () => {
    const ignore = parseDockerIgnore("# comment\n\n  /build/  \n!keep.txt\n ./a//b\n#x\n");
    expect(ignore.patterns.map((p) => [p.pattern, p.exception, p.line])).toEqual([
      ["build", false, 3],
      ["keep.txt", true, 4],
      ["a/b", false, 5],
    ]);
    expect(ignore.hasExceptions).toBe(true);
  });

  it("a leading space before # makes the line a pattern, as in Docker", () => {
    const ignore = parseDockerIgnore(" #notacomment\n");
    expect(ignore.patterns.map((p) => p.pattern)).toEqual(["#notacomment"]);
    expect(ignore.hasExceptions).toBe(false);
  });

  it("reads CRLF files and a byte-order mark", () => {
    expect(parseDockerIgnore("\uFEFFa\r\nb\r\n").patterns.map((p) => p.pattern)).toEqual(["a", "b"]);
  });

  it("reads a text once for every lint that asks (the Dockerfiles of one context share its .dockerignore)", () => {
    const text = "node_modules\n*.log\n!keep.log\n";
    const first = parseDockerIgnore(text);
    expect(parseDockerIgnore(`${text}`)).toBe(first);
    expect(parseDockerIgnore(`${text}dist\n`)).not.toBe(first);
  });
});

describe("excludingPattern", () => {
  it("excludes a path whose parent directory matches", () => {
    const ignore = parseDockerIgnore("node_modules\n");
    expect(excludingPattern(ignore, "node_modules/react/index.js")?.pattern).toBe("node_modules");
    expect(excludingPattern(ignore, "src/node_modules")).toBeUndefined();
  });

  it("lets the last matching pattern decide", () => {
    const ignore = parseDockerIgnore("*.md\n!README.md\n");
    expect(excludingPattern(ignore, "CHANGES.md")?.pattern).toBe("*.md");
    expect(excludingPattern(ignore, "README.md")).toBeUndefined();
  });
});
