#!/usr/bin/env node
// Bundles the CLI (from dist/, after tsc) into dist/bundle/: self-contained code that runs with no
// node_modules around it (the pre-commit hook installs an npm-packed tarball with no dependencies).
//
//   dist/bundle/docklint.js      the runnable CLI: scripts/bundle-launcher.mjs, which runs cli.cjs
//   dist/bundle/docklint-worker.js  what each --concurrency worker thread of cli.cjs runs
//   dist/bundle/cli.cjs          `main()` and all it may load as one CommonJS script, run through
//                                vm.Script with cli.cjs.v8-<version>[.dockerfile].cache, V8's code
//                                caches made here after warm-up lints (start-up: see buildCodeCaches)
//   dist/bundle/main.mjs         `main()` as ESM, which docklint.js runs under a Node whose V8 has no
//                                code cache here; its chunks also serve the worker threads
//   dist/bundle/workers.mjs      what each --concurrency worker thread of main.mjs imports
//   dist/bundle/*-HASH.mjs       chunks main.mjs and workers.mjs load on demand: Compose (yaml
//                                parse, schema), daemon.json, fast-glob, diff
//   dist/bundle/vendor/*.cjs     CommonJS packages the CLI `require()`s lazily through createRequire
//                                (yaml, ajv, picomatch, and the friendly formatter's parts)
//   dist/bundle/package.json     {"type": "commonjs"}: docklint.js starts faster as CommonJS than as ESM
//
// Why vendor/ and not chunks: esbuild splits code only at dynamic import(), and the CLI loads these
// packages with synchronous require() inside sync functions (YAML configs, --rule flow syntax,
// option validation, the friendly formatter). Rewriting those require() specifiers to ./vendor/
// files keeps them lazy, and lets the Compose chunk import the same yaml file instead of a copy.
// The directory is not called node_modules: npm pack leaves node_modules folders out.
//
//   node scripts/bundle.mjs [--check]   (--check: also run the bundle from a temporary directory
//                                       and compare its output with the unbundled CLI's)
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, cpSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";
import * as esbuild from "esbuild";
import { WRAPPER_END, WRAPPER_START } from "./bundle-launcher.mjs";
// docklint's changes to yaml, for the copies bundled here: npm installs (the pre-commit hook's) do not apply pnpm's patch.
import { patchedYamlPlugin } from "../../../scripts/yaml-patch.mjs";

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
  // What friendly.ts renders the friendly report with: eslint-formatter-friendly's chalk, text-table
  // and strip-ansi, and @babel/code-frame's @babel/highlight, as friendly.ts's friendlyParts() loads them.
  { file: "friendly-parts.cjs", contents: friendlyPartsSource() },
];

/** In cli.cjs, the friendly formatter's parts (friendlyPartsSource), as friendly.ts's friendlyParts() loads them. */
const FRIENDLY_MODULE = "docklint:friendly-formatter";

/** `module.exports` of the friendly formatter's parts, each from the directory that resolves it for the formatter. */
function friendlyPartsSource() {
  const friendly = requireFromCli.resolve("eslint-formatter-friendly");
  const fromFriendly = createRequire(friendly);
  const codeFrame = fromFriendly.resolve("@babel/code-frame");
  const parts = {
    chalk: fromFriendly.resolve("chalk"),
    highlight: createRequire(codeFrame).resolve("@babel/highlight"),
    table: fromFriendly.resolve("text-table"),
    stripAnsi: fromFriendly.resolve("strip-ansi"),
  };
  return `module.exports = { ${Object.entries(parts).map(([name, file]) => `${name}: require(${JSON.stringify(file)})`).join(", ")} };`;
}

/** friendly.ts's friendlyParts() loading its parts from eslint-formatter-friendly's dependencies. */
const FRIENDLY_PARTS_LOADER = /const require = createRequire\(import\.meta\.url\);\s*const fromFriendly = [^;]+;\s*const fromCodeFrame = [^;]+;\s*loaded = \{[^}]*\};/g;

/**
 * Rewrites of the CLI's dist/*.js before bundling. Each must match (count checked), so that a
 * change in the sources fails the bundle build instead of producing a bundle that breaks at run time.
 * `only: "cjs"`: a rewrite for cli.cjs alone; `only: "esm"`: for main.mjs and its chunks alone.
 */
const REWRITES = [
  // Worker threads import the bundle's workers.mjs: in dist/bundle/, .js files are CommonJS.
  { file: "dist/workers.js", from: /new URL\("\.\/workers\.js", import\.meta\.url\)/g, to: 'new URL("./workers.mjs", import.meta.url)' },
  // The version: the bundle has no package.json beside it.
  { file: "dist/formatters/shared.js", from: /createRequire\(import\.meta\.url\)\("\.\.\/\.\.\/package\.json"\)/g, to: JSON.stringify({ version }) },
  // cli.cjs is a script run through vm, where import() has no loader: modules come through require(),
  // and configs and plugins through the launcher's import() (scripts/bundle-launcher.mjs).
  { file: "dist/lint.js", from: /await import\("node:crypto"\)/g, to: 'require("node:crypto")', only: "cjs" },
  { file: "dist/config-files.js", from: /await import\(url\.href\)/g, to: "await __docklintImport(url.href)", only: "cjs" },
  // A worker thread of cli.cjs runs docklint-worker.js, which serves it from cli.cjs with the code
  // cache (the launcher's serveBundledWorker), instead of compiling the ES module chunks anew.
  { file: "dist/workers.js", from: /const workerCode = `import\(\$\{JSON\.stringify\(module\.href\)\}\)\.then\(\(workers\) => workers\.serveBatches\(\)\);`;/g, to: 'const workerCode = `require(${JSON.stringify(require("node:path").join(__dirname, "docklint-worker.js"))});`;', only: "cjs" },
  { file: "dist/args.js", from: /\("yaml"\)/g, to: '("./vendor/yaml.cjs")', only: "esm" },
  { file: "dist/init.js", from: /\("yaml"\)/g, to: '("./vendor/yaml.cjs")', only: "esm" },
  { file: "dist/config-files.js", from: /\("yaml"\)/g, to: '("./vendor/yaml.cjs")', only: "esm" },
  // cli.cjs carries yaml itself (static require()s that esbuild bundles), so that the code cache
  // holds the YAML parser too: a Compose file's cold start no longer compiles it (issue 7).
  { file: "dist/args.js", from: /createRequire\(import\.meta\.url\)\("yaml"\)/g, to: 'require("yaml")', only: "cjs" },
  { file: "dist/init.js", from: /createRequire\(import\.meta\.url\)\("yaml"\)/g, to: 'require("yaml")', only: "cjs" },
  { file: "dist/config-files.js", from: /requireCjs\("yaml"\)/g, to: 'require("yaml")', only: "cjs" },
  { file: "dist/config-validate.js", from: /\("ajv"\)/g, to: '("./vendor/ajv.cjs")' },
  { file: "dist/config.js", from: /\("picomatch"\)/g, to: '("./vendor/picomatch.cjs")' },
  {
    file: "dist/formatters/friendly.js",
    from: FRIENDLY_PARTS_LOADER,
    to: 'loaded = createRequire(import.meta.url)("./vendor/friendly-parts.cjs");',
    only: "esm",
  },
  // cli.cjs carries the formatter's parts (FRIENDLY_MODULE), so that the code cache holds them too:
  // the default format is what most runs print, and compiling vendor/ on every start cost a
  // one-Dockerfile run ~15 ms (issue 7).
  { file: "dist/formatters/friendly.js", from: FRIENDLY_PARTS_LOADER, to: `loaded = require(${JSON.stringify(FRIENDLY_MODULE)});`, only: "cjs" },
];

// Minified: V8 parses a third less text at every start (the start-up cost of issue 7).
const node20 = { platform: "node", target: "node20", bundle: true, legalComments: "none", logLevel: "warning", minify: process.env.BUNDLE_MINIFY !== "0", keepNames: process.env.BUNDLE_KEEP_NAMES === "1" };

async function buildVendor() {
  mkdirSync(vendorDir, { recursive: true });
  for (const { pkg, file, names, external = {}, from = cliDir, contents: given } of VENDOR) {
    const resolveDir = from;
    const contents = given ?? (names ? `export { ${names.join(", ")} } from ${JSON.stringify(pkg)};` : `module.exports = require(${JSON.stringify(pkg)});`);
    await esbuild.build({
      ...node20,
      stdin: { contents, resolveDir, sourcefile: `vendor-${pkg ?? file}.js`, loader: "js" },
      format: "cjs",
      outfile: path.join(vendorDir, file),
      plugins: pkg === "yaml" ? [externalAs(external), patchedYamlPlugin()] : [externalAs(external)],
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

/** FRIENDLY_MODULE for cli.cjs: the friendly formatter's parts, bundled (friendlyPartsSource). */
function friendlyFormatterModule() {
  const contents = friendlyPartsSource();
  return {
    name: "friendly-formatter",
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${FRIENDLY_MODULE}$`) }, () => ({ path: FRIENDLY_MODULE, namespace: "docklint" }));
      build.onLoad({ filter: /.*/, namespace: "docklint" }, () => ({ contents, loader: "js", resolveDir: cliDir }));
    },
  };
}

/** Applies `rewrites` (the REWRITES of one build) to the CLI's dist files as esbuild loads them. */
function rewriteCliSources(rewrites) {
  const seen = new Map(rewrites.map((r, i) => [i, 0]));
  return {
    name: "rewrite-cli-requires",
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, (args) => {
        const relative = path.relative(cliDir, args.path).split(path.sep).join("/");
        const rules = rewrites.map((r, i) => [r, i]).filter(([r]) => r.file === relative);
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
        const missed = rewrites.filter((_, i) => seen.get(i) === 0).map((r) => `${r.file}: ${r.from}`);
        if (missed.length > 0) throw new Error(`bundle: these require() calls were not found, update REWRITES in scripts/bundle.mjs:\n  ${missed.join("\n  ")}`);
      });
    },
  };
}

async function buildCli() {
  const result = await esbuild.build({
    ...node20,
    // workers.mjs: what each --concurrency worker imports (src/workers.ts finds it beside the chunks).
    entryPoints: { main: path.join(distDir, "main.js"), workers: path.join(distDir, "workers.js") },
    format: "esm",
    splitting: true,
    outdir: outDir,
    outExtension: { ".js": ".mjs" },
    chunkNames: "[name]-[hash]",
    sourcemap: false,
    metafile: true,
    // CommonJS dependencies inlined into ESM (dockerfile-ast and its vscode packages) call require()
    // for node built-ins; ESM has no require, so each chunk gets one.
    banner: { js: 'import { createRequire as __docklintCreateRequire } from "node:module";\nconst require = __docklintCreateRequire(import.meta.url);' },
    plugins: [
      rewriteCliSources(REWRITES.filter((r) => r.only !== "cjs")),
      externalAs({ yaml: "./vendor/yaml.cjs" }),
    ],
  });
  return result.metafile;
}

/**
 * dist/bundle/docklint.js and docklint-worker.js: scripts/bundle-launcher.mjs as CommonJS, which
 * dist/bundle/package.json makes .js files. The first runs the CLI, the second serves a
 * --concurrency worker thread. Two files, not one that asks node:worker_threads which thread it
 * is on, so that a run that starts no worker does not load that module. The gain is small: alone
 * the module costs `node -e` 7–14 M instructions (callgrind, three runs), but a CLI run loads most
 * of what it pulls in (streams) for its output anyway: one Dockerfile, --format json, 668.5–676.8
 * M instructions with the module loaded and 667.5–670.5 M without (three runs each).
 */
async function buildLaunchers() {
  writeFileSync(path.join(outDir, "package.json"), `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
  for (const { file, run, executable } of [
    { file: "docklint.js", run: "runBundledCli", executable: true },
    { file: "docklint-worker.js", run: "serveBundledWorker", executable: false },
  ]) {
    const outfile = path.join(outDir, file);
    await esbuild.build({
      ...node20,
      stdin: { contents: `import { ${run} } from "./scripts/bundle-launcher.mjs";\n${run}(__dirname);\n`, resolveDir: cliDir, sourcefile: file, loader: "js" },
      format: "cjs",
      outfile,
      ...(executable ? { banner: { js: "#!/usr/bin/env node" } } : {}),
    });
    if (executable) chmodSync(outfile, 0o755);
  }
}

/**
 * dist/bundle/cli.cjs: main() and everything it may load (Compose, daemon.json, fast-glob, diff) as
 * one CommonJS script, which docklint.js runs through vm.Script with the code cache below. One file
 * because a code cache belongs to one script; the Compose code it carries costs a Dockerfile run
 * next to nothing, as V8 compiles a function only when it first runs. The file is the launcher's
 * CommonJS wrapper function around the bundled code, so that V8 compiles the text as read.
 */
async function buildCachedCli() {
  await esbuild.build({
    ...node20,
    // main() for the CLI, serveBatches() for its --concurrency worker threads.
    stdin: { contents: 'export { main } from "./dist/main.js";\nexport { serveBatches } from "./dist/workers.js";\n', resolveDir: cliDir, sourcefile: "cli.js", loader: "js" },
    format: "cjs",
    outfile: path.join(outDir, "cli.cjs"),
    // The CLI finds workers.mjs, vendor/ and its formatters from its own URL: cli.cjs sits beside them.
    define: { "import.meta.url": "__docklintImportMetaUrl" },
    banner: { js: 'var __docklintImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    plugins: [rewriteCliSources(REWRITES.filter((r) => r.only !== "esm")), friendlyFormatterModule(), patchedYamlPlugin()],
  });
  // ASCII only, so that the launcher reads it as latin1: decoding 1 MB as UTF-8 costs ~3 ms more.
  // esbuild escapes non-ASCII characters in strings but leaves a few in regular expressions (µs).
  const file = path.join(outDir, "cli.cjs");
  const text = readFileSync(file, "utf8");
  if (/String\.raw/.test(text)) throw new Error("bundle: cli.cjs uses String.raw, where \\u escapes would change the text; escape differently");
  // The one import() left must be the text of the worker threads' code (workers.ts), which runs as a module.
  const imports = text.match(/(?<![`\w$.])import\(.{0,60}/g);
  if (imports) throw new Error(`bundle: cli.cjs calls import(), which a vm script cannot; add a REWRITES entry:\n  ${imports.join("\n  ")}`);
  const ascii = text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  writeFileSync(file, WRAPPER_START + ascii + WRAPPER_END);
}

/**
 * dist/bundle/cli.cjs.v8-<version>[.dockerfile].cache: V8's code caches for cli.cjs, each taken in a
 * child process after warm-up runs, so that they hold the compiled functions of a lint and not just
 * the top level. The launcher reads the Dockerfile one for a command line that names Dockerfiles
 * only (it is smaller, so it loads faster) and the other one otherwise. Named after this V8: another
 * V8 does not read them (docklint.js then runs main.mjs); V8 flags that differ make V8 reject them
 * and compile as usual. CPU of one run (Node 20, issue 7): a Dockerfile 159 → 128 ms with a cache;
 * a Compose file 130 → 108 ms with the Compose warm-up, which would cost a Dockerfile run ~4 ms
 * were it in the Dockerfile cache.
 */
function buildCodeCaches() {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "docklint-cache-"));
  try {
    writeFileSync(path.join(scratch, "Dockerfile"), WARM_UP_DOCKERFILE);
    writeFileSync(path.join(scratch, "compose.yaml"), WARM_UP_COMPOSE);
    writeFileSync(path.join(scratch, "daemon.json"), WARM_UP_DAEMON);
    // Most projects have a .gitignore, which every run reads and matches paths against: the ignore
    // package's code belongs in the caches too (without it, ~5 M more instructions, ~1 ms, for one
    // Dockerfile in a git project; valgrind).
    writeFileSync(path.join(scratch, ".gitignore"), "node_modules/\ndist/\n*.log\n.env\n!.env.example\n");
    // A project with a config file: its reading and checking are in the caches too.
    mkdirSync(path.join(scratch, "configured"));
    writeFileSync(path.join(scratch, "configured", "Dockerfile"), WARM_UP_DOCKERFILE);
    writeFileSync(path.join(scratch, "configured", "docklint.config.json"), JSON.stringify(WARM_UP_CONFIG));
    const dockerfileRuns = [["Dockerfile"], ["Dockerfile", "--format", "json"], ["configured/Dockerfile", "--format", "json"]];
    const everyKindRuns = [...dockerfileRuns, ["compose.yaml"], ["compose.yaml", "--format", "json"], ["daemon.json", "--format", "json"]];
    makeCodeCache(scratch, "DOCKERFILE_CODE_CACHE_FILE", dockerfileRuns);
    makeCodeCache(scratch, "CODE_CACHE_FILE", everyKindRuns);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Runs main() on each of `runs` in `scratch` in a fresh process, then writes the code cache the launcher's `cacheName` names. */
function makeCodeCache(scratch, cacheName, runs) {
  const launcher = pathToFileURL(path.join(cliDir, "scripts/bundle-launcher.mjs")).href;
  const script = `import { writeFileSync } from "node:fs";
import { ${cacheName}, loadCachedCli } from ${JSON.stringify(launcher)};
const { exports, script } = loadCachedCli(${JSON.stringify(outDir)}, undefined);
const sink = { write() { return true; } };
for (const args of ${JSON.stringify(runs)}) await exports.main(args, { cwd: ${JSON.stringify(scratch)}, stdout: sink, stderr: sink, env: {} });
writeFileSync(${JSON.stringify(outDir)} + "/" + ${cacheName}, script.createCachedData());`;
  const made = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: scratch, encoding: "utf8" });
  if (made.status !== 0) throw new Error(`bundle: making the code cache ${cacheName} failed:\n${made.stdout}${made.stderr}`);
}

/** A Compose file with the keys most have, and findings for the common rules. */
const WARM_UP_COMPOSE = `services:
  web:
    image: nginx:latest
    privileged: true
    ports:
      - "8080:80"
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
      - ./site:/usr/share/nginx/html:ro
    environment:
      PASSWORD: secret
      LOG_LEVEL: \${LOG_LEVEL:-info}
    depends_on: [db]
  db:
    image: postgres:16
    restart: unless-stopped
    volumes:
      - data:/var/lib/postgresql/data
volumes:
  data:
`;

const WARM_UP_DAEMON = '{ "insecure-registries": ["registry:5000"], "hosts": ["tcp://0.0.0.0:2375"] }\n';

/** A config such as projects keep: presets, a rule turned off, rule options, an override. */
const WARM_UP_CONFIG = { extends: ["recommended"], rules: { "no-apt": "off", "no-consecutive-run": ["warn", { allStages: true }] }, overrides: [{ files: ["**/Dockerfile.dev"], rules: { "require-non-root-user": "off" } }] };

/** What the code cache is warmed on: the instructions and RUN commands most Dockerfiles have. */
const WARM_UP_DOCKERFILE = `# syntax=docker/dockerfile:1
FROM node:20-bookworm AS build
WORKDIR /app
ENV NODE_ENV=production PATH="/app/node_modules/.bin:$PATH"
ARG VERSION=1.0
COPY package.json package-lock.json ./
RUN apt-get update && apt-get install -y curl git && rm -rf /var/lib/apt/lists/*
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
RUN curl -fsSL https://example.com/install.sh | sh \\
    && pip install requests \\
    && cd /app && make build
ADD https://example.com/file.tar.gz /tmp/
FROM ubuntu:latest
LABEL maintainer="someone@example.com"
RUN useradd -m app && chown -R app /srv
COPY --from=build /app /srv
USER app
EXPOSE 22 8080
VOLUME /data
HEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1
ENTRYPOINT ["node", "/srv/server.js"]
CMD node /srv/server.js --port 8080
`;

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
await buildLaunchers();
await buildCachedCli();
buildCodeCaches();
if (process.env.BUNDLE_META) writeFileSync(process.env.BUNDLE_META, JSON.stringify(metafile));
const outputs = Object.entries(metafile.outputs).map(([file, o]) => `${path.relative(cliDir, file)} ${(o.bytes / 1024).toFixed(0)} KiB`);
process.stdout.write(`bundle: ${outputs.length} files in dist/bundle/\n  ${outputs.join("\n  ")}\n`);
if (process.argv.includes("--check")) smokeTest();
