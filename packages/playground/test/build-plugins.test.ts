import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "vite";
import { describe, expect, it } from "vitest";
import { isNodeBuiltin, noNodeBuiltins, unguardedNodeGlobals } from "../build/no-node-builtins.js";
import { renderRuleDocs, rewriteDocLink } from "../build/rule-docs.js";
import { playgroundDir } from "./support/build-site.js";

/** Builds one entry module with the playground's guard plugins; resolves to the error message, if any. */
async function buildError(source: string): Promise<string | undefined> {
  const dir = mkdtempSync(join(tmpdir(), "docklint-guard-"));
  writeFileSync(join(dir, "entry.js"), source);
  try {
    await build({
      configFile: false,
      root: dir,
      logLevel: "silent",
      plugins: [noNodeBuiltins()],
      build: { write: false, lib: { entry: join(dir, "entry.js"), formats: ["es"] } },
    });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("no Node built-ins in the bundle", () => {
  it.each(["node:path", "path", "fs/promises", "node:assert/strict"])("%s is a built-in", (specifier) => {
    expect(isNodeBuiltin(specifier)).toBe(true);
  });
  it.each(["yaml", "@docklint/core", "./path", "pathe"])("%s is not", (specifier) => {
    expect(isNodeBuiltin(specifier)).toBe(false);
  });

  it("fails the build on an import of a Node module, naming the importer", async () => {
    const message = await buildError('import { posix } from "node:path";\nexport const p = posix.normalize("a//b");\n');
    expect(message).toMatch(/the Node built-in "node:path" is imported by .*entry\.js/);
  });

  it("fails the build on an unguarded Node global, and lets guarded ones and locals pass", async () => {
    expect(await buildError('export const bom = (c) => Uint8Array.from(Buffer.from(c, "UTF-8"));\n')).toMatch(/uses the Node global `Buffer`/);
    expect(await buildError('export const b = (s) => (typeof Buffer === "function" ? Buffer.from(s) : s);\n')).toBeUndefined();
    expect(await buildError("export function f(global) { return global.line; }\n")).toBeUndefined();
  });

  it("finds each kind of use", () => {
    expect(unguardedNodeGlobals("process.env.X; const y = 1;").map((u) => u.name)).toEqual(["process"]);
    expect(unguardedNodeGlobals('const s = "Buffer.from in a string"; // process.env in a comment')).toEqual([]);
    expect(unguardedNodeGlobals("const global = {a: 1}; global.a;")).toEqual([]);
  });
});

describe("rule documentation pages", () => {
  const docsDir = resolve(playgroundDir, "..", "..", "docs", "rules");
  const ids = new Set(["no-add-url", "require-pinned-image"]);

  it.each([
    ["require-pinned-image.md", "require-pinned-image.html"],
    ["./no-add-url.md#why", "no-add-url.html#why"],
    ["../configuration.md", "https://github.com/docklint/docklint/blob/main/docs/configuration.md"],
    ["README.md", "https://github.com/docklint/docklint/blob/main/docs/rules/README.md"],
    ["https://docs.docker.com/", "https://docs.docker.com/"],
    ["#bad", "#bad"],
  ])("links %s to %s", (href, expected) => {
    expect(rewriteDocLink(href, ids)).toBe(expected);
  });

  it("renders a page per rule doc and an index that lists every rule", () => {
    const pages = new Map(renderRuleDocs(docsDir).map((p) => [p.fileName, p.html]));
    const addUrl = pages.get("rules/no-add-url.html") ?? "";
    expect(addUrl).toContain("<h1>no-add-url</h1>");
    expect(addUrl).toContain('href="require-pinned-image.html"');
    expect(addUrl).not.toMatch(/href="[\w-]+\.md/);
    const index = pages.get("rules/index.html") ?? "";
    const listed = [...index.matchAll(/<td><a href="([\w-]+)\.html">/g)].map((m) => m[1]);
    const rulePages = [...pages.keys()].filter((f) => f !== "rules/index.html" && f.endsWith(".html"));
    expect(listed.length).toBeGreaterThan(100);
    expect(rulePages.map((f) => f.slice("rules/".length, -".html".length)).sort()).toEqual([...listed].sort());
  });
});
