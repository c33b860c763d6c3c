/**
 * The yaml package docklint installs is patched (patches/yaml@<version>.patch, written by
 * scripts/patch-yaml.mjs): its lexer and parser run as plain methods instead of nested
 * generators. These tests hold the patched code to the package's own: the original lexer.js and
 * parser.js are recovered from the installed files by taking the patch back out, loaded beside
 * them, and both are given the Compose corpus and generated YAML. Every token, every lexeme and
 * every line start must be the same, through every entry point (parseTo, parse, next/end, lex,
 * and input given in pieces).
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { runInThisContext } from "node:vm";
import * as esbuild from "esbuild";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filesUnder, hasShared, repoRoot, sharedDir, skipMessage } from "../../test/support/shared.js";

const requireHere = createRequire(import.meta.url);
const yamlRoot = dirname(dirname(requireHere.resolve("yaml")));
const yamlVersion = (JSON.parse(readFileSync(join(yamlRoot, "package.json"), "utf8")) as { version: string }).version;
const patchFile = join(repoRoot, "patches", `yaml@${yamlVersion}.patch`);

type Token = unknown;
interface ParserLike {
  parse(source: string, incomplete?: boolean): Iterable<Token>;
  next(lexeme: string): Iterable<Token>;
  end(): Iterable<Token>;
  parseTo?: (source: string, incomplete: boolean, emit: (token: Token) => void) => void;
}
interface LexerLike {
  lex(source: string, incomplete?: boolean): Iterable<string>;
}
interface ParseModule {
  Parser: new (onNewLine?: (offset: number) => void) => ParserLike;
}
interface LexModule {
  Lexer: new () => LexerLike;
}

const patched = {
  parser: requireHere(join(yamlRoot, "dist/parse/parser.js")) as ParseModule,
  lexer: requireHere(join(yamlRoot, "dist/parse/lexer.js")) as LexModule,
};
const isPatched = typeof new patched.parser.Parser().parseTo === "function";

/** `patch` taken back out of `text`, the file it was applied to: the file as the package has it. */
function unpatch(text: string, patch: string, file: string): string {
  const section = patch.split(/^diff --git /m).find((part) => part.startsWith(`a/${file} `));
  if (!section) throw new Error(`${file} is not in the patch`);
  const lines = text.split("\n");
  const hunks = [...section.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@.*\n((?:[ +\\-].*\n?)*)/gm)];
  // From the last hunk up, so that each one's line numbers still hold.
  for (const hunk of hunks.reverse()) {
    const start = Number(hunk[1]) - 1;
    const body = (hunk[2] ?? "").split("\n").filter((line) => line !== "" && !line.startsWith("\\"));
    const after = body.filter((line) => !line.startsWith("-")).map((line) => line.slice(1));
    const before = body.filter((line) => !line.startsWith("+")).map((line) => line.slice(1));
    const found = lines.slice(start, start + after.length);
    if (found.join("\n") !== after.join("\n")) throw new Error(`${file}: the installed file does not hold the patch's hunk at line ${start + 1}`);
    lines.splice(start, after.length, ...before);
  }
  return lines.join("\n");
}

/** A CommonJS module from its text, as Node would load it from `file`, with `imports` in place of some of its requires. */
function loadModule(code: string, file: string, imports: Record<string, unknown>): unknown {
  const module = { exports: {} };
  const requireFromFile = createRequire(file);
  const wrapped = runInThisContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename: `${file} (as published)` }) as (...args: unknown[]) => void;
  wrapped(module.exports, (id: string) => (id in imports ? imports[id] : requireFromFile(id)), module, file, dirname(file));
  return module.exports;
}

function originals(): { parser: ParseModule; lexer: LexModule } {
  const patch = readFileSync(patchFile, "utf8");
  const source = (file: string): { file: string; code: string } => ({ file: join(yamlRoot, file), code: unpatch(readFileSync(join(yamlRoot, file), "utf8"), patch, file) });
  const lexerFile = source("dist/parse/lexer.js");
  const parserFile = source("dist/parse/parser.js");
  const lexer = loadModule(lexerFile.code, lexerFile.file, {}) as LexModule;
  const parser = loadModule(parserFile.code, parserFile.file, { "./lexer.js": lexer }) as ParseModule;
  return { parser, lexer };
}

/** Everything each implementation gives for `text`: the tokens through each entry point, the lexemes, the line starts. */
function outputs(modules: { parser: ParseModule; lexer: LexModule }, text: string, pieces: readonly number[]): string {
  const lineStarts: number[] = [];
  const whole = [...new modules.parser.Parser((offset) => lineStarts.push(offset)).parse(text)];
  const lexemes = [...new modules.lexer.Lexer().lex(text)];
  // A caller's own lexer feeding the parser, as yaml's documentation shows.
  const byLexeme: Token[] = [];
  const parser = new modules.parser.Parser();
  for (const lexeme of new modules.lexer.Lexer().lex(text)) byLexeme.push(...parser.next(lexeme));
  byLexeme.push(...parser.end());
  // The text in pieces, with `incomplete` until the last.
  const streamed: Token[] = [];
  const streamedLines: number[] = [];
  const streaming = new modules.parser.Parser((offset) => streamedLines.push(offset));
  let at = 0;
  for (const cut of [...pieces].sort((a, b) => a - b)) {
    const end = Math.min(cut, text.length);
    if (end <= at) continue;
    streamed.push(...streaming.parse(text.slice(at, end), true));
    at = end;
  }
  streamed.push(...streaming.parse(text.slice(at), false));
  return JSON.stringify({ whole, lexemes, lineStarts, byLexeme, streamed, streamedLines });
}

function parseToTokens(text: string): string {
  const tokens: Token[] = [];
  const lineStarts: number[] = [];
  new patched.parser.Parser((offset) => lineStarts.push(offset)).parseTo?.(text, false, (token) => tokens.push(token));
  return JSON.stringify({ tokens, lineStarts });
}

function wholeTokens(modules: { parser: ParseModule }, text: string): string {
  const lineStarts: number[] = [];
  const tokens = [...new modules.parser.Parser((offset) => lineStarts.push(offset)).parse(text)];
  return JSON.stringify({ tokens, lineStarts });
}

/** Generated texts per property; DOCKLINT_YAML_PATCH_RUNS sets it for a long run (the closing notes' 100,000). */
const RUNS = Number(process.env["DOCKLINT_YAML_PATCH_RUNS"] ?? 3000);

/** A Compose file to mutate where the corpus is absent. */
const SAMPLE = [
  "x-defaults: &defaults",
  "  restart: unless-stopped",
  "  logging: { driver: json-file, options: { max-size: '10m' } }",
  "services:",
  "  web:",
  "    <<: *defaults",
  "    image: \"nginx:1.27\"  # pinned",
  "    ports:",
  "      - \"127.0.0.1:8080:80\"",
  "    command: >-",
  "      nginx -g",
  "      'daemon off;'",
  "    healthcheck:",
  "      test: [CMD, curl, -f, http://localhost/]",
  "    environment:",
  "      - A=1",
  "      - B=${B:-two}",
  "  db:",
  "    image: postgres:16",
  "    volumes: [data:/var/lib/postgresql/data]",
  "    entrypoint: |",
  "      #!/bin/sh",
  "      exec postgres",
  "volumes:",
  "  data: {}",
  "---",
  "? complex key",
  ": value",
  "...",
  "",
].join("\n");

/** Pieces of YAML syntax, valid and not, that the generated texts are made of. */
const FRAGMENTS = [
  "key", "a b", "0", "-1.5e3", "null", "~", "true", "x:y", "http://h:80/p", "ünï", "\u{1F600}",
  ": ", ":", "- ", "-", "? ", "?", ", ", ",", "{", "}", "[", "]", "{a: 1, b: [2, 3]}", "[x, {y: z}]",
  "'single ''q'''", "'open", "\"double \\\" \\n \\x41\"", "\"open", "|", "|-", "|+2", ">", ">-", "&anchor ", "*anchor", "<<: *anchor",
  "!tag ", "!!str ", "!<tag:yaml.org,2002:str> ", "!e%21 ", "# comment", " #c", "#", "---", "--- ", "...", "%YAML 1.2", "%TAG ! tag:x,2024:",
  "\n", "\n", "\n", "\r\n", "\r", " ", "  ", "    ", "\t", "\uFEFF", "@", "`", "%", "\\",
];

describe("the patched yaml parser gives the package's own tokens", () => {
  it.skipIf(!isPatched)(
    isPatched ? `the patch recovers yaml ${yamlVersion}'s own lexer and parser (generators), and scripts/patch-yaml.mjs's methods are in place` : "skipped: the installed yaml is not patched (an npm install)",
    () => {
      const original = originals();
      expect(typeof new original.parser.Parser().parseTo).toBe("undefined");
      expect(Object.prototype.toString.call(new original.parser.Parser().parse(""))).toBe("[object Generator]");
      expect(Object.prototype.toString.call(new patched.parser.Parser().parse(""))).toBe("[object Generator]");
    },
  );

  it.skipIf(!isPatched)(isPatched ? "the patch is scripts/patch-yaml.mjs's output: the script turns the recovered files into the installed ones" : "skipped: the installed yaml is not patched", () => {
    const patch = readFileSync(patchFile, "utf8");
    const files = [...patch.matchAll(/^diff --git a\/(\S+) /gm)].map((match) => match[1] ?? "");
    expect(files).toEqual(["dist/compose/composer.js", "dist/parse/lexer.js", "dist/parse/parser.js"]);
    const copy = mkdtempSync(join(tmpdir(), "docklint-yaml-"));
    try {
      for (const file of files) {
        mkdirSync(dirname(join(copy, file)), { recursive: true });
        writeFileSync(join(copy, file), unpatch(readFileSync(join(yamlRoot, file), "utf8"), patch, file));
      }
      execFileSync(process.execPath, [join(repoRoot, "scripts", "patch-yaml.mjs"), copy], { stdio: "pipe" });
      for (const file of files) expect(readFileSync(join(copy, file), "utf8"), file).toBe(readFileSync(join(yamlRoot, file), "utf8"));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it.skipIf(!isPatched)(isPatched ? "generated YAML: the same tokens, lexemes and line starts through every entry point" : "skipped: the installed yaml is not patched", () => {
    const original = originals();
    const text = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, fc.array(fc.nat({ max: 400 }), { maxLength: 6 }), (yaml, pieces) => {
        expect(outputs(patched, yaml, pieces)).toBe(outputs(original, yaml, pieces));
        expect(parseToTokens(yaml)).toBe(wholeTokens(original, yaml));
      }),
      { seed: 20261701, numRuns: RUNS },
    );
  });

  it.skipIf(!isPatched)(isPatched ? "Compose files cut, repeated and spliced with YAML pieces: the same tokens through every entry point" : "skipped: the installed yaml is not patched", () => {
    const original = originals();
    const samples = hasShared ? filesUnder(join(sharedDir, "corpus", "compose")).slice(0, 200).map((file) => readFileSync(file, "utf8")) : [SAMPLE];
    const edit = fc.oneof(
      fc.record({ kind: fc.constant("cut" as const), at: fc.nat(), length: fc.nat({ max: 40 }) }),
      fc.record({ kind: fc.constant("repeat" as const), at: fc.nat(), length: fc.nat({ max: 40 }) }),
      fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), piece: fc.constantFrom(...FRAGMENTS) }),
    );
    fc.assert(
      fc.property(fc.nat({ max: samples.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 8 }), fc.array(fc.nat({ max: 4000 }), { maxLength: 4 }), (which, edits, pieces) => {
        let yaml = samples[which] ?? "";
        for (const change of edits) {
          const at = yaml.length === 0 ? 0 : change.at % yaml.length;
          if (change.kind === "cut") yaml = yaml.slice(0, at) + yaml.slice(at + change.length);
          else if (change.kind === "repeat") yaml = yaml.slice(0, at + change.length) + yaml.slice(at);
          else yaml = yaml.slice(0, at) + change.piece + yaml.slice(at);
        }
        expect(outputs(patched, yaml, pieces)).toBe(outputs(original, yaml, pieces));
        expect(parseToTokens(yaml)).toBe(wholeTokens(original, yaml));
      }),
      { seed: 20261702, numRuns: Math.max(1, Math.round(RUNS / 3)) },
    );
  });

  it.skipIf(!isPatched || !hasShared)(
    !isPatched ? "skipped: the installed yaml is not patched" : hasShared ? "every file of the shared Compose corpus: the same tokens" : skipMessage("compose corpus"),
    () => {
      const original = originals();
      const files = filesUnder(join(sharedDir, "corpus", "compose"));
      expect(files.length).toBeGreaterThan(900);
      for (const file of files) {
        const text = readFileSync(file, "utf8");
        expect(parseToTokens(text), file).toBe(wholeTokens(original, text));
        expect(outputs(patched, text, [text.length >> 1, text.length >> 2]), file).toBe(outputs(original, text, [text.length >> 1, text.length >> 2]));
      }
    },
  );
});

/** scripts/yaml-patch.mjs, the changes as functions and the CLI bundle's esbuild plugin. */
interface YamlPatchModule {
  YAML_PATCH_FILES: readonly string[];
  patchedYamlPlugin(): esbuild.Plugin;
}

describe("the CLI's bundle carries the patched parser whether or not the installed yaml is patched (npm installs are not)", () => {
  it("an unpatched copy of yaml bundled with patchedYamlPlugin, as packages/cli/scripts/bundle.mjs bundles it, has parseTo and gives the package's own tokens; bundled without it, the parser has no parseTo", async () => {
    const { YAML_PATCH_FILES, patchedYamlPlugin } = (await import(pathToFileURL(join(repoRoot, "scripts", "yaml-patch.mjs")).href)) as YamlPatchModule;
    expect([...YAML_PATCH_FILES].sort()).toEqual(["dist/compose/composer.js", "dist/parse/lexer.js", "dist/parse/parser.js"]);
    const scratch = mkdtempSync(join(tmpdir(), "docklint-yaml-bundle-"));
    try {
      // The package as npm installs it: the published files, without pnpm's patch.
      const unpatched = join(scratch, "node_modules", "yaml");
      cpSync(yamlRoot, unpatched, { recursive: true, dereference: true });
      const patch = isPatched ? readFileSync(patchFile, "utf8") : undefined;
      for (const file of YAML_PATCH_FILES) {
        const installed = readFileSync(join(yamlRoot, file), "utf8");
        writeFileSync(join(unpatched, file), patch === undefined ? installed : unpatch(installed, patch, file));
      }
      const bundled = async (plugins: esbuild.Plugin[], contents = 'module.exports = require("yaml");'): Promise<ParseModule> => {
        const result = await esbuild.build({ stdin: { contents, resolveDir: scratch, loader: "js" }, bundle: true, platform: "node", format: "cjs", write: false, logLevel: "silent", plugins });
        const [output] = result.outputFiles;
        if (!output) throw new Error("esbuild wrote nothing");
        return loadModule(output.text, join(scratch, "bundle.cjs"), {}) as ParseModule;
      };

      const plain = await bundled([]);
      expect(typeof new plain.Parser().parseTo).toBe("undefined");
      const withPlugin = await bundled([patchedYamlPlugin()]);
      expect(typeof new withPlugin.Parser().parseTo).toBe("function");

      const texts = [SAMPLE, ...(hasShared ? filesUnder(join(sharedDir, "corpus", "compose")).slice(0, 100).map((file) => readFileSync(file, "utf8")) : [])];
      for (const text of texts) {
        const tokens: Token[] = [];
        const lineStarts: number[] = [];
        new withPlugin.Parser((offset) => lineStarts.push(offset)).parseTo?.(text, false, (token) => tokens.push(token));
        expect(JSON.stringify({ tokens, lineStarts })).toBe(wholeTokens({ parser: plain }, text));
      }

      // A build that leaves one of the changed files out fails instead of carrying yaml unchanged.
      await expect(bundled([patchedYamlPlugin()], 'module.exports = require("./node_modules/yaml/dist/parse/lexer.js");')).rejects.toThrow(/did not load yaml's dist\/parse\/parser\.js, dist\/compose\/composer\.js/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
