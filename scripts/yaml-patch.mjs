// docklint's changes to the yaml package, as functions of the published files' text. Two users:
// scripts/patch-yaml.mjs writes them into a copy of the package (patches/yaml@<version>.patch is its
// output, which pnpm applies in this workspace), and the CLI's bundle build (packages/cli/scripts/
// bundle.mjs, patchedYamlPlugin) applies them to the yaml it bundles when that copy is unpatched:
// npm does not apply pnpm's patches, and pre-commit installs the hook from a clone with npm. The
// changes touch no result: the token stream is the same (packages/core/src/compose/yaml-patch.test.ts
// compares it with the package's own code, recovered from the patch, over the Compose corpus and
// generated YAML).
//
// 1. The lexer and the parser (dist/parse/lexer.js, parser.js) are generators, nested: each token
//    passes through a chain of `yield*`, and every call of a generator method makes a generator
//    object (with room for all its locals) and every step an iterator result. That was ~110 of the
//    ~155 MB a recommended lint of a 10,000-line Compose file allocated (V8's sampling heap
//    profiler), and the lexer and parser alone took 102 ms per pass over the Compose corpus.
//    Here their generator methods become plain methods that hand each value to `this.emit`, and
//    `lexTo(source, incomplete, emit)` and `parseTo(source, incomplete, emit)` drive them: 39 ms
//    per pass, the same tokens. `lex`, `parse`, `next` and `end` stay generators with the same
//    results: each runs the plain code into an array and yields it. The one difference is when
//    the work happens: all of it at the first step, not token by token as the steps are taken.
//    Every caller in yaml takes all the tokens (`parseDocument` stops at a second document, having
//    parsed it now), and docklint calls `parseTo`.
// 2. process.env is read when the modules load, not once per token (LOG_TOKENS, LOG_STREAM): each
//    read is a call into C++ (~240 ns on Node 20), ~43 µs of a Compose file's ~500 µs lint.
import { readFileSync } from "node:fs";
import * as acorn from "acorn";

/** Replaces `from` (which must occur exactly once) with `to`. */
function replaceOnce(text, from, to, file) {
  const at = text.indexOf(from);
  if (at === -1 || text.indexOf(from, at + 1) !== -1) throw new Error(`${file}: expected this text once, found it ${at === -1 ? "nowhere" : "more than once"}:\n${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Calls `visit` on `node` and every node below it, parents first. */
function eachNode(node, visit) {
  if (!node || typeof node.type !== "string") return;
  visit(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === "start" || key === "end") continue;
    if (Array.isArray(value)) for (const child of value) eachNode(child, visit);
    else if (value && typeof value.type === "string") eachNode(value, visit);
  }
}

/** `x` for the expression `this.x`, else undefined. */
function thisMember(node) {
  return node?.type === "MemberExpression" && node.object.type === "ThisExpression" && !node.computed ? node.property.name : undefined;
}

/**
 * The generator methods of `className` as plain methods: `yield x` → `this.emit(x)`, `yield* f()`
 * → `f()` (a generator method returns its value as the plain method does), and the methods named
 * in `renamed` (the public generators, kept as wrappers) renamed, with `this.` calls of them.
 */
function withoutGenerators(text, className, renamed, file) {
  const ast = acorn.parse(text, { ecmaVersion: "latest", sourceType: "script" });
  const classNode = ast.body.find((statement) => statement.type === "ClassDeclaration" && statement.id?.name === className);
  if (!classNode) throw new Error(`${file}: no class ${className}`);
  const methods = classNode.body.body.filter((member) => member.type === "MethodDefinition");
  const generators = new Set(methods.filter((method) => method.value.generator).map((method) => method.key.name));
  const edits = [];
  for (const method of methods) {
    if (!method.value.generator) {
      // A method that stays plain must not use a generator method's result as an iterator: it is now a plain value.
      eachNode(method.value.body, (node) => {
        const name = thisMember(node);
        if (name !== undefined && generators.has(name) && !Object.hasOwn(renamed, name)) {
          throw new Error(`${file}: a method of ${className} that is not a generator uses the generator ${name} at ${node.start}`);
        }
      });
      continue;
    }
    const star = text.lastIndexOf("*", method.key.start);
    if (star < method.start || text.slice(star + 1, method.key.start).trim() !== "") throw new Error(`${file}: cannot find the * of ${method.key.name}`);
    edits.push([star, star + 1, ""]);
    if (Object.hasOwn(renamed, method.key.name)) edits.push([method.key.start, method.key.end, renamed[method.key.name]]);
    eachNode(method.value.body, (node) => {
      if (node.type === "YieldExpression") {
        if (node.delegate) {
          // Only a call of one of the class's generator methods becomes a plain call: `yield*` of
          // anything else (an array, another object's generator) has no plain equivalent here.
          const name = node.argument?.type === "CallExpression" ? thisMember(node.argument.callee) : undefined;
          if (name === undefined || !generators.has(name)) throw new Error(`${file}: \`yield*\` of something other than a generator method of ${className} at ${node.start}`);
          edits.push([node.start, node.argument.start, ""]);
        } else {
          if (!node.argument) throw new Error(`${file}: a bare \`yield\` at ${node.start}`);
          edits.push([node.start, node.argument.start, "this.emit("], [node.end, node.end, ")"]);
        }
      } else if ((node.type === "FunctionExpression" || node.type === "FunctionDeclaration") && node.generator) {
        throw new Error(`${file}: a generator function inside ${className}'s methods at ${node.start}`);
      } else {
        const name = thisMember(node);
        if (name !== undefined && Object.hasOwn(renamed, name)) edits.push([node.property.start, node.property.end, renamed[name]]);
      }
    });
  }
  edits.sort((a, b) => b[0] - a[0] || b[1] - a[1]);
  let out = text;
  for (const [start, end, replacement] of edits) out = out.slice(0, start) + replacement + out.slice(end);
  return out;
}

const NOTE = "// docklint patch (scripts/patch-yaml.mjs in docklint's repository):";

/** The module's one test of `process.env[variable]` reads a constant, set when the module loads. */
function withEnvironmentReadOnce(text, variable, file) {
  const out = replaceOnce(
    text,
    "var node_process = require('process');\n",
    `var node_process = require('process');\n${NOTE} process.env is read once, here, not once per token.\nvar ${variable} = node_process.env.${variable};\n`,
    file,
  );
  return replaceOnce(out, `        if (node_process.env.${variable})\n`, `        if (${variable})\n`, file);
}

/** Each changed file of the package (path inside it) and its change. Each edit throws where the file no longer has the code it expects. */
const EDITS = {
  "dist/parse/lexer.js": (text, file) => {
    let out = withoutGenerators(text, "Lexer", { lex: "lexTo" }, file);
    out = replaceOnce(
      out,
      "    lexTo(source, incomplete = false) {\n",
      [
        "    *lex(source, incomplete = false) {",
        `        ${NOTE} the lexer runs`,
        "        // as plain methods that hand each lexeme to `emit`; this generator yields them all.",
        "        const lexemes = [];",
        "        this.lexTo(source, incomplete, (lexeme) => lexemes.push(lexeme));",
        "        yield* lexemes;",
        "    }",
        "    /** Lexes `source` (see lex), calling `emit` with each lexical token in turn. */",
        "    lexTo(source, incomplete, emit) {",
        "        this.emit = emit;",
        "",
      ].join("\n"),
      file,
    );
    return out;
  },
  "dist/parse/parser.js": (text, file) => {
    let out = withEnvironmentReadOnce(text, "LOG_TOKENS", file);
    out = withoutGenerators(out, "Parser", { parse: "parseTo", next: "nextLexeme", end: "endStack" }, file);
    out = replaceOnce(
      out,
      [
        "    parseTo(source, incomplete = false) {",
        "        if (this.onNewLine && this.offset === 0)",
        "            this.onNewLine(0);",
        "        for (const lexeme of this.lexer.lex(source, incomplete))",
        "            this.nextLexeme(lexeme);",
        "        if (!incomplete)",
        "            this.endStack();",
        "    }",
        "",
      ].join("\n"),
      [
        "    *parse(source, incomplete = false) {",
        `        ${NOTE} the parser runs`,
        "        // as plain methods that hand each token to `emit`; this generator yields them all.",
        "        const tokens = [];",
        "        this.parseTo(source, incomplete, (token) => tokens.push(token));",
        "        yield* tokens;",
        "    }",
        "    /** Parses `source` (see parse), calling `emit` with each token in turn. */",
        "    parseTo(source, incomplete, emit) {",
        "        this.emit = emit;",
        "        if (this.onNewLine && this.offset === 0)",
        "            this.onNewLine(0);",
        "        this.lexer.lexTo(source, incomplete, (lexeme) => this.nextLexeme(lexeme));",
        "        if (!incomplete)",
        "            this.endStack();",
        "    }",
        "    *next(source) {",
        "        const tokens = [];",
        "        this.emit = (token) => tokens.push(token);",
        "        this.nextLexeme(source);",
        "        yield* tokens;",
        "    }",
        "    *end() {",
        "        const tokens = [];",
        "        this.emit = (token) => tokens.push(token);",
        "        this.endStack();",
        "        yield* tokens;",
        "    }",
        "",
      ].join("\n"),
      file,
    );
    return out;
  },
  "dist/compose/composer.js": (text, file) => withEnvironmentReadOnce(text, "LOG_STREAM", file),
};

/** The files docklint changes, by their path inside the yaml package. */
export const YAML_PATCH_FILES = Object.keys(EDITS);

/** Whether a file of the package already has docklint's change (pnpm's patch applied). */
export function isPatchedYaml(text) {
  return text.includes(NOTE);
}

/** `text`, the package's `relative` file as published, with docklint's change; throws where the code is not as expected. */
export function patchYamlFile(relative, text) {
  const edit = EDITS[relative];
  if (!edit) throw new Error(`${relative}: docklint does not change this file of yaml`);
  const after = edit(text, relative);
  if (after === text) throw new Error(`${relative}: nothing changed`);
  return after;
}

/**
 * An esbuild plugin for a build that bundles yaml: its changed files as patched, whether the
 * installed copy is (pnpm) or not (npm). A build that loads none of them, or not all, fails: the
 * bundle would carry yaml's generators without a word. The CLI as the pre-commit hook installs it
 * (npm), over the 976 Compose files of the corpus: 1.41 s with yaml as published, 1.21 s with the
 * change, the same output (hyperfine, 6 runs each).
 */
export function patchedYamlPlugin() {
  return {
    name: "patched-yaml",
    setup(build) {
      const seen = new Set();
      build.onStart(() => seen.clear());
      build.onLoad({ filter: /[\\/]yaml[\\/]dist[\\/](?:parse|compose)[\\/]\w+\.js$/ }, (args) => {
        const normalized = args.path.split("\\").join("/");
        const relative = YAML_PATCH_FILES.find((file) => normalized.endsWith(`/yaml/${file}`));
        if (relative === undefined) return undefined;
        seen.add(relative);
        const text = readFileSync(args.path, "utf8");
        return { contents: isPatchedYaml(text) ? text : patchYamlFile(relative, text), loader: "js" };
      });
      build.onEnd((result) => {
        const missed = YAML_PATCH_FILES.filter((file) => !seen.has(file));
        if (result.errors.length === 0 && missed.length > 0) throw new Error(`patched-yaml: the build did not load yaml's ${missed.join(", ")}; update scripts/yaml-patch.mjs`);
      });
    },
  };
}
