import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { tempDir, write } from "./helpers.js";

// The pre-commit hook runs dist/bundle/ from an npm-packed tarball with no dependencies installed:
// copied away from the repository (no node_modules above it), it must behave as dist/ does.
const BUNDLE = fileURLToPath(new URL("../dist/bundle", import.meta.url));
const DIST_MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const LAUNCHER = fileURLToPath(new URL("../scripts/bundle-launcher.mjs", import.meta.url));
const BIN = fileURLToPath(new URL("../bin/docklint.js", import.meta.url));
const built = fs.existsSync(path.join(BUNDLE, "docklint.js")) && fs.existsSync(DIST_MAIN);
const why = "skipped: packages/cli/dist/bundle missing, run pnpm --filter docklint run build";

const FILES = {
  Dockerfile: "FROM ubuntu:latest\nRUN apt-get update\nRUN apt-get install -y curl\nADD https://example.com/x /x\n",
  "compose.yaml": "services:\n  web:\n    image: nginx\n    privileged: true\n",
  "daemon.json": '{ "insecure-registries": ["registry:5000"] }\n',
  // A YAML config (yaml), rule options (ajv) and overrides (picomatch): every vendored package is loaded.
  "docklint.config.yaml": 'rules:\n  no-consecutive-run: [warn, {allStages: true}]\noverrides:\n  - files: ["*.yaml"]\n    rules: {}\n',
};

const CASES: string[][] = [
  ["Dockerfile", "compose.yaml", "daemon.json", "--format", "json"],
  [".", "--no-color"],
  // The friendly formatter and its chalk are bundled into cli.cjs: --color must reach that chalk.
  [".", "--color"],
  [".", "--format", "sarif"],
  ["--version"],
  ["--fix-dry-run", "--no-color", "Dockerfile"],
  ["--rule", "no-consecutive-run: [error, {copy: false}]", "Dockerfile", "--format", "compact"],
  ["--rule", "no-consecutive-run: [error, {bogus: 1}]", "Dockerfile"],
];

function run(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env["FORCE_COLOR"];
  const result = spawnSync(process.execPath, args, { cwd, encoding: "utf8", env, timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!built)(built ? "the bundled CLI (dist/bundle)" : `the bundled CLI (${why})`, () => {
  it("runs from a directory with no node_modules and prints what the unbundled CLI prints", () => {
    const dir = tempDir(FILES);
    fs.cpSync(BUNDLE, path.join(dir, "bundle"), { recursive: true });
    const unbundled = write(
      dir,
      "unbundled.mjs",
      `import { main } from ${JSON.stringify(pathToFileURL(DIST_MAIN).href)};\n` +
        "process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });\n",
    );
    let bundleDir = dir;
    while (path.dirname(bundleDir) !== bundleDir) {
      expect(fs.existsSync(path.join(bundleDir, "node_modules")), `${bundleDir}/node_modules`).toBe(false);
      bundleDir = path.dirname(bundleDir);
    }
    for (const args of CASES) {
      const bundled = run([path.join(dir, "bundle/docklint.js"), ...args], dir);
      const plain = run([unbundled, ...args], dir);
      expect(bundled.stderr, args.join(" ")).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find module|Dynamic require/);
      expect(bundled, args.join(" ")).toEqual(plain);
    }
  });

  it("imports a JavaScript config and its plugin as the unbundled CLI does", () => {
    const plugin = `export default { rules: [{ meta: { id: "no-ubuntu", kind: "dockerfile", category: "correctness", severity: "error", docs: "No Ubuntu.", messages: { ubuntu: "Ubuntu here." }, presets: [], references: {} }, check(context) { context.report({ messageId: "ubuntu", range: [5, 11] }); } }] };\n`;
    const dir = tempDir({ Dockerfile: FILES.Dockerfile, "plugin.mjs": plugin, "docklint.config.mjs": 'export default { plugins: { local: "./plugin.mjs" }, rules: { "local/no-ubuntu": "error" } };\n' });
    const unbundled = write(dir, "unbundled.mjs", `import { main } from ${JSON.stringify(pathToFileURL(DIST_MAIN).href)};\nprocess.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });\n`);
    const bundled = run([path.join(BUNDLE, "docklint.js"), "Dockerfile", "--format", "json"], dir);
    expect(bundled.stdout).toContain("local/no-ubuntu");
    expect(bundled).toEqual(run([unbundled, "Dockerfile", "--format", "json"], dir));
  });

  it("runs the same without its code caches (another Node version), or with ones V8 rejects", () => {
    const dir = tempDir(FILES);
    fs.cpSync(BUNDLE, path.join(dir, "bundle"), { recursive: true });
    const everyKind = [path.join(dir, "bundle/docklint.js"), "Dockerfile", "compose.yaml", "--format", "json"];
    const dockerfileOnly = [path.join(dir, "bundle/docklint.js"), "Dockerfile", "--format", "json"];
    const cached = [run(everyKind, dir), run(dockerfileOnly, dir)];
    const caches = ["cache", "dockerfile.cache"].map((suffix) => path.join(dir, "bundle", `cli.cjs.v8-${process.versions.v8}.${suffix}`));
    for (const cache of caches) {
      expect(fs.existsSync(cache), cache).toBe(true);
      fs.writeFileSync(cache, "not a V8 code cache");
    }
    expect([run(everyKind, dir), run(dockerfileOnly, dir)]).toEqual(cached);
    // Without the Dockerfile cache, a Dockerfile-only run reads the other one; without both, main.mjs runs.
    for (const cache of caches.reverse()) {
      fs.rmSync(cache);
      expect([run(everyKind, dir), run(dockerfileOnly, dir)]).toEqual(cached);
    }
  });

  it("reads the smaller Dockerfile code cache only for command lines that name nothing but Dockerfiles", async () => {
    const launcher = (await import(pathToFileURL(LAUNCHER).href)) as { codeCacheFor(args: string[]): string; CODE_CACHE_FILE: string; DOCKERFILE_CODE_CACHE_FILE: string };
    const dockerfileOnly = [["Dockerfile"], ["app/Dockerfile.dev", "--format", "json"], ["docker/api.Dockerfile", "web.dockerfile"], ["Containerfile", "--no-color"]];
    const everyKind = [["compose.yaml"], ["Dockerfile", "docker-compose.yml"], ["daemon.json"], ["."], ["src/"], ["**/Dockerfile"], ["--format", "json"], []];
    for (const args of dockerfileOnly) expect(launcher.codeCacheFor(args), args.join(" ")).toBe(launcher.DOCKERFILE_CODE_CACHE_FILE);
    for (const args of everyKind) expect(launcher.codeCacheFor(args), args.join(" ")).toBe(launcher.CODE_CACHE_FILE);
  });

  it("loads no vendored YAML, schema or formatter package for a Dockerfile-only JSON run", () => {
    const dir = tempDir({ Dockerfile: FILES.Dockerfile });
    // Every CommonJS module the run required, vendor/*.cjs included (cli.cjs itself runs through vm).
    const hook = write(dir, "hook.cjs", 'process.on("exit", () => process.stderr.write(JSON.stringify(Object.keys(require("node:module")._cache))));\n');
    const result = run(["-r", hook, path.join(BUNDLE, "docklint.js"), "Dockerfile", "--format", "json"], dir);
    const required = JSON.parse(result.stderr) as string[];
    expect(required.filter((file) => file.includes(`${path.sep}vendor${path.sep}`))).toEqual([]);
  });

  it("loads every Node built-in a run needs before it changes V8's flags (later ones compile from source)", () => {
    const dir = tempDir({ Dockerfile: FILES.Dockerfile, "compose.yaml": FILES["compose.yaml"] });
    // The built-ins loaded since the launcher's first v8.setFlagsFromString, printed at exit.
    const hook = write(
      dir,
      "hook.cjs",
      'const v8 = require("node:v8"); const set = v8.setFlagsFromString; let before;\n' +
        "v8.setFlagsFromString = (flag) => { before ??= new Set(process.moduleLoadList); return set.call(v8, flag); };\n" +
        'process.on("exit", () => process.stderr.write(JSON.stringify(before ? process.moduleLoadList.filter((m) => !before.has(m)) : null)));\n',
    );
    for (const args of [["Dockerfile", "--format", "json"], ["Dockerfile"], ["."], ["compose.yaml", "--format", "json"]]) {
      const loadedAfter = JSON.parse(run(["-r", hook, path.join(BUNDLE, "docklint.js"), ...args], dir).stderr) as string[] | null;
      // null: this V8 gets no flags (they are tuned for Node 20's), so nothing is compiled from source.
      if (loadedAfter !== null) expect(loadedAfter.filter((m) => m.startsWith("NativeModule")), args.join(" ")).toEqual([]);
    }
  });

  it("tunes V8 for a lint on the main thread only when no worker thread lints (they load the code cache after)", async () => {
    const launcher = (await import(pathToFileURL(LAUNCHER).href)) as { serialLintV8Flags(v8Version?: string, parallelism?: number): string[] };
    const serialFlags = ["--interrupt-budget=250000", "--no-turbo-inlining"];
    expect(launcher.serialLintV8Flags("11.3.244.8-node.38", 2)).toEqual(serialFlags);
    // Not on one core (the compiler would take the lint's), nor on a V8 they were not measured on.
    expect(launcher.serialLintV8Flags("11.3.244.8-node.38", 1)).toEqual([]);
    expect(launcher.serialLintV8Flags("12.4.254.21-node.33", 8)).toEqual([]);

    const dir = tempDir({ Dockerfile: FILES.Dockerfile });
    const hook = write(
      dir,
      "hook.cjs",
      'const v8 = require("node:v8"); const set = v8.setFlagsFromString; const flags = [];\n' +
        "v8.setFlagsFromString = (flag) => { flags.push(flag); return set.call(v8, flag); };\n" +
        'process.on("exit", () => process.stderr.write(JSON.stringify(flags)));\n',
    );
    const flagsSet = (args: string[]): string[] => JSON.parse(run(["-r", hook, path.join(BUNDLE, "docklint.js"), ...args], dir).stderr) as string[];
    const expected = launcher.serialLintV8Flags();
    // Last, once: after the launcher's own flags, so after the code cache is loaded.
    const serial = flagsSet(["Dockerfile", "--format", "json"]);
    if (expected.length > 0) expect(serial.slice(-expected.length)).toEqual(expected);
    expect(serial.filter((flag) => serialFlags.includes(flag))).toEqual(expected);
    for (const args of [["Dockerfile", "--format", "json", "--concurrency", "2"], ["--version"]]) {
      expect(flagsSet(args).filter((flag) => serialFlags.includes(flag)), args.join(" ")).toEqual([]);
    }
  });

  /** The Node modules that `node <args>`, run beside a Dockerfile, has loaded when it exits, of those whose id matches `pattern`. */
  function modulesLoaded(pattern: RegExp): (args: string[]) => string[] {
    const dir = tempDir({ Dockerfile: FILES.Dockerfile });
    const hook = write(dir, "hook.cjs", `process.on("exit", () => process.stderr.write(JSON.stringify(process.moduleLoadList.filter((m) => ${String(pattern)}.test(m)))));\n`);
    return (args) => JSON.parse(run(["-r", hook, ...args], dir).stderr) as string[];
  }

  it("starts through a CommonJS bin, without setting up Node's ES module loader (~4 ms of a run)", () => {
    const esmModules = modulesLoaded(/modules\/esm\//);
    // The pieces of the ES module loader that every Node process loads at bootstrap.
    const atBootstrap = esmModules(["-e", "0"]);
    expect(esmModules([BIN, "Dockerfile", "--format", "json"])).toEqual(atBootstrap);
  });

  it("loads node:worker_threads only for a run that starts worker threads", () => {
    const workerModules = modulesLoaded(/worker/);
    const atBootstrap = workerModules(["-e", "0"]);
    expect(workerModules([BIN, "Dockerfile", "--format", "json"])).toEqual(atBootstrap);
    expect(workerModules(["-e", 'require("node:worker_threads")'])).not.toEqual(atBootstrap);
  });

  it("carries yaml patched (scripts/yaml-patch.mjs), with the parser that runs without generators, whether or not the installed copy is patched", () => {
    // pnpm applies the patch to this workspace's yaml, npm (the pre-commit hook's install) does
    // not: the bundle build applies it (yaml-patch.test.ts bundles an unpatched copy).
    for (const file of ["cli.cjs", "vendor/yaml.cjs"]) {
      const text = fs.readFileSync(path.join(BUNDLE, file), "utf8");
      expect(/\bparseTo\b/.test(text) && /\blexTo\b/.test(text), file).toBe(true);
    }
  });

  it("keeps YAML, schema, Compose and formatter code out of the chunks a Dockerfile-only JSON run loads", () => {
    const entryChunks = (file: string): string[] => {
      const text = fs.readFileSync(path.join(BUNDLE, file), "utf8");
      return [...text.matchAll(/^import\s[^;]*?from\s*"\.\/([^"]+)"/gm)].map((m) => m[1] as string);
    };
    const seen = new Set<string>();
    // main.mjs: the bundle's ES module build of main(), whose chunks worker threads share.
    const queue = ["main.mjs"];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      queue.push(...entryChunks(file));
    }
    // Statically imported from main.mjs: loaded by every run.
    expect([...seen].filter((file) => /vendor\/|compose|daemon|diff|^out-/.test(file))).toEqual([]);
  });
});
