#!/usr/bin/env node
// Bundles the CLI (from dist/, after tsc) into dist/bundle/: self-contained ESM that runs with no
// node_modules around it (the pre-commit hook installs an npm-packed tarball with no dependencies).
//
//   dist/bundle/docklint.js   the runnable CLI: bin/docklint.js with main() inlined
//   dist/bundle/main.js       `main()` alone, which bin/docklint.js imports when the bundle is current
//   dist/bundle/workers.js    what each --concurrency worker thread imports
//   dist/bundle/*-HASH.js     chunks loaded on demand: Compose (yaml parse, schema), daemon.json,
//                             fast-glob, diff
//   dist/bundle/vendor/*.cjs  CommonJS packages the CLI `require()`s lazily through createRequire
//                             (yaml, ajv, picomatch, eslint-formatter-friendly and its chalk)
//
// Why vendor/ and not chunks: esbuild splits code only at dynamic import(), and the CLI loads these
// packages with synchronous require() inside sync functions (YAML configs, --rule flow syntax,
// option validation, the friendly formatter). Rewriting those require() specifiers to ./vendor/
// files keeps them lazy, and lets the Compose chunk import the same yaml file instead of a copy.
// The directory is not called node_modules: npm pack leaves node_modules folders out.
//
//   node scripts/bundle.mjs [--check]   (--check: also run the bundle from a temporary directory
//                                       and compare its output with the unbundled CLI's)
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, cpSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";
import * as esbuild from "esbuild";

const cliDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const distDir = path.join(cliDir, "dist");
const outDir = path.join(distDir, "bundle");
const vendorDir = path.join(outDir, "vendor");
const requireFromCli = createRequire(path.join(cliDir, "package.json"));
const { version } = JSON.parse(readFileSync(path.join(cliDir, "package.json"), "utf8"));

/**
 * Packages loaded through require(): each becomes vendor/<file>. `names`: export names to declare
 * for Node's CommonJS named-export detection, for a package that ESM code also imports by name.
 */
const VENDOR = [
  { pkg: "yaml", file: "yaml.cjs", names: Object.keys(requireFromCli("yaml")) },
  { pkg: "ajv", file: "ajv.cjs" },
  { pkg: "picomatch", file: "picomatch.cjs" },
  { pkg: "eslint-formatter-friendly", file: "eslint-formatter-friendly.cjs", external: { chalk: "./chalk.cjs" } },
  // The friendly formatter's own chalk, which friendly.ts switches colour on and off through.
  { pkg: "chalk", file: "chalk.cjs", from: path.dirname(requireFromCli.resolve("eslint-formatter-friendly/package.json")) },
];

/**
 * Rewrites of the CLI's dist/*.js before bundling. Each must match (count checked), so that a
 * change in the sources fails the bundle build instead of producing a bundle that breaks at run time.
 */
const REWRITES = [
  // The bundle's own docklint.js is bin/docklint.js with main() imported statically from dist/.
  { file: "bin/docklint.js", from: /^const modified = [^\n]*\nconst entry = [^\n]*\nconst \{ main \} = await import\(entry\);$/m, to: 'import { main } from "../dist/main.js";' },
  // The version: the bundle has no package.json beside it.
  { file: "dist/main.js", from: /createRequire\(import\.meta\.url\)\("\.\.\/package\.json"\)/g, to: JSON.stringify({ version }) },
  { file: "dist/formatters/shared.js", from: /createRequire\(import\.meta\.url\)\("\.\.\/\.\.\/package\.json"\)/g, to: JSON.stringify({ version }) },
  { file: "dist/args.js", from: /\("yaml"\)/g, to: '("./vendor/yaml.cjs")' },
  { file: "dist/init.js", from: /\("yaml"\)/g, to: '("./vendor/yaml.cjs")' },
  { file: "dist/config-files.js", from: /\("yaml"\)/g, to: '("./vendor/yaml.cjs")' },
  { file: "dist/config-validate.js", from: /\("ajv"\)/g, to: '("./vendor/ajv.cjs")' },
  { file: "dist/config.js", from: /\("picomatch"\)/g, to: '("./vendor/picomatch.cjs")' },
  { file: "dist/formatters/friendly.js", from: /\.resolve\("eslint-formatter-friendly"\)/g, to: '.resolve("./vendor/eslint-formatter-friendly.cjs")' },
  // Resolved from the formatter's file, vendor/: its chalk is vendor/chalk.cjs.
  { file: "dist/formatters/friendly.js", from: /\)\("chalk"\)/g, to: ')("./chalk.cjs")' },
];

const node20 = { platform: "node", target: "node20", bundle: true, legalComments: "none", logLevel: "warning" };

async function buildVendor() {
  mkdirSync(vendorDir, { recursive: true });
  for (const { pkg, file, names, external = {}, from = cliDir } of VENDOR) {
    const resolveDir = from;
    const contents = names
      ? `export { ${names.join(", ")} } from ${JSON.stringify(pkg)};`
      : `module.exports = require(${JSON.stringify(pkg)});`;
    await esbuild.build({
      ...node20,
      stdin: { contents, resolveDir, sourcefile: `vendor-${pkg}.js`, loader: "js" },
      format: "cjs",
      outfile: path.join(vendorDir, file),
      plugins: [externalAs(external)],
    });
  }
}

/** Marks bare imports as external under another path (`{ yaml: "./vendor/yaml.cjs" }`). */
function externalAs(map) {
  const names = Object.keys(map);
  return {
    name: "external-as",
    setup(build) {
      if (names.length === 0) return;
      const filter = new RegExp(`^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")})$`);
      build.onResolve({ filter }, (args) => ({ path: map[args.path], external: true }));
    },
  };
}

/** Applies REWRITES to the CLI's dist files as esbuild loads them. */
function rewriteCliSources() {
  const seen = new Map(REWRITES.map((r, i) => [i, 0]));
  return {
    name: "rewrite-cli-requires",
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, (args) => {
        const relative = path.relative(cliDir, args.path).split(path.sep).join("/");
        const rules = REWRITES.map((r, i) => [r, i]).filter(([r]) => r.file === relative);
        if (rules.length === 0 || relative.startsWith("..")) return undefined;
        let text = readFileSync(args.path, "utf8");
        for (const [rule, i] of rules) {
          text = text.replace(rule.from, () => {
            seen.set(i, seen.get(i) + 1);
            return rule.to;
          });
        }
        return { contents: text, loader: "js" };
      });
      build.onEnd(() => {
        const missed = REWRITES.filter((_, i) => seen.get(i) === 0).map((r) => `${r.file}: ${r.from}`);
        if (missed.length > 0) throw new Error(`bundle: these require() calls were not found, update REWRITES in scripts/bundle.mjs:\n  ${missed.join("\n  ")}`);
      });
    },
  };
}

async function buildCli() {
  const result = await esbuild.build({
    ...node20,
    // workers.js: what each --concurrency worker imports (src/workers.ts finds it beside the chunks).
    entryPoints: { docklint: path.join(cliDir, "bin/docklint.js"), main: path.join(distDir, "main.js"), workers: path.join(distDir, "workers.js") },
    format: "esm",
    splitting: true,
    outdir: outDir,
    chunkNames: "[name]-[hash]",
    sourcemap: false,
    metafile: true,
    // CommonJS dependencies inlined into ESM (dockerfile-ast and its vscode packages) call require()
    // for node built-ins; ESM has no require, so each chunk gets one.
    banner: { js: 'import { createRequire as __docklintCreateRequire } from "node:module";\nconst require = __docklintCreateRequire(import.meta.url);' },
    plugins: [
      rewriteCliSources(),
      externalAs({ yaml: "./vendor/yaml.cjs" }),
    ],
  });
  return result.metafile;
}

/** Runs the bundle from a temporary directory with no node_modules above it, against the unbundled CLI. */
function smokeTest() {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "docklint-bundle-"));
  try {
    cpSync(outDir, path.join(scratch, "bundle"), { recursive: true });
    const dockerfile = "FROM ubuntu:latest\nRUN apt-get install -y curl\nADD https://example.com/x /x\n";
    writeFileSync(path.join(scratch, "Dockerfile"), dockerfile);
    // A YAML config whose rule options need ajv, and overrides that need picomatch: every vendor/ file is loaded.
    writeFileSync(path.join(scratch, "docklint.config.yaml"), "rules:\n  no-consecutive-run: [warn, {allStages: true}]\noverrides:\n  - files: [\"*.yaml\"]\n    rules: {}\n");
    writeFileSync(path.join(scratch, "compose.yaml"), "services:\n  web:\n    image: nginx\n    privileged: true\n");
    const run = (args) => spawnSync(process.execPath, args, { cwd: scratch, encoding: "utf8" });
    // The unbundled CLI: dist/main.js run as bin/docklint.js runs main().
    const unbundled = `import { main } from ${JSON.stringify(pathToFileURL(path.join(distDir, "main.js")).href)};
process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });`;
    writeFileSync(path.join(scratch, "unbundled.mjs"), unbundled);
    for (const args of [["Dockerfile", "compose.yaml", "--format", "json"], [".", "--no-color"], ["--version"], ["--fix-dry-run", "Dockerfile"], ["--rule", "no-consecutive-run: [error, {copy: false}]", "Dockerfile"], ["--rule", "no-consecutive-run: [error, {bogus: 1}]", "Dockerfile"]]) {
      const bundled = run([path.join(scratch, "bundle/docklint.js"), ...args]);
      const plain = run([path.join(scratch, "unbundled.mjs"), ...args]);
      if (bundled.status !== plain.status || bundled.stdout !== plain.stdout || bundled.stderr !== plain.stderr) {
        throw new Error(`bundle: \`docklint ${args.join(" ")}\` differs from the unbundled CLI:\n--- bundle (exit ${bundled.status})\n${bundled.stdout}${bundled.stderr}\n--- dist (exit ${plain.status})\n${plain.stdout}${plain.stderr}`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

rmSync(outDir, { recursive: true, force: true });
await buildVendor();
const metafile = await buildCli();
if (process.env.BUNDLE_META) writeFileSync(process.env.BUNDLE_META, JSON.stringify(metafile));
const outputs = Object.entries(metafile.outputs).map(([file, o]) => `${path.relative(cliDir, file)} ${(o.bytes / 1024).toFixed(0)} KiB`);
process.stdout.write(`bundle: ${outputs.length} files in dist/bundle/\n  ${outputs.join("\n  ")}\n`);
if (process.argv.includes("--check")) smokeTest();
