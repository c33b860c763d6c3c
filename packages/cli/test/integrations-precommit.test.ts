import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DISCOVERY, classify } from "../src/files.js";
import { CLEAN, FAILING, tempDir, write } from "./helpers.js";

/**
 * The pre-commit hook (.pre-commit-hooks.yaml at the repository root).
 *
 * 1. Its `files` regex must select exactly the names the CLI's directory search picks up
 *    (DISCOVERY): checked on a table of names generated from DISCOVERY's own patterns.
 * 2. When the `pre-commit` program is installed (Debian/Ubuntu: apt-get install pre-commit; pip
 *    install pre-commit), it runs the hook in a scratch git repository, without network:
 *    - as a `repo: local` hook with `language: system` and `entry: node <the built bin>`, using
 *      the published hook's `files`, `require_serial` and args: which files pre-commit passes,
 *      exit codes, and a blocked `git commit`;
 *    - with the published definition itself (`language: node`, `entry: docklint`) from a scratch
 *      hook repository made of `npm pack` of this repository's root (the self-contained CLI bundle
 *      as the `docklint` bin) minus what needs the registry (devDependencies, workspaces, the
 *      prepack build): pre-commit's node installer (nodeenv with the system node, `npm install`,
 *      `npm pack`, `npm install -g`) runs offline.
 * 3. Without pre-commit: the packed root has no runtime dependencies and its bin works after an
 *    offline global install.
 * The whole path from a real clone (`npm install` of the workspace from the registry, the prepack
 * build) needs the network, so it is a CI step: scripts/pre-commit-from-clone.sh.
 */

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const HOOKS_FILE = path.join(REPO, ".pre-commit-hooks.yaml");
const BIN = path.join(REPO, "packages/cli/bin/docklint.js");
const DIST_MAIN = path.join(REPO, "packages/cli/dist/main.js");
/** The root package's bin: what `npm pack` of a clone puts in the tarball pre-commit installs. */
const ROOT_MANIFEST = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { bin: Record<string, string>; dependencies?: object };
const HOOK_BIN = path.join(REPO, ROOT_MANIFEST.bin.docklint ?? "(no docklint bin)");

interface HookDefinition {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  require_serial?: boolean;
  types?: string[];
  [key: string]: unknown;
}

const hooks = parse(fs.readFileSync(HOOKS_FILE, "utf8")) as HookDefinition[];
const hook = hooks.find((h) => h.id === "docklint");
if (!hook) throw new Error(".pre-commit-hooks.yaml has no hook with id docklint");
// pre-commit applies `files` with Python's re.search to paths relative to the repository root, with "/".
// The regex uses only syntax that JavaScript and Python read alike (groups, classes, a lookahead).
const FILES = new RegExp(hook.files);

/** Names to try: every DISCOVERY pattern with several fillers for `*`, plus near misses. */
function candidateNames(): string[] {
  const fillers = ["", "prod", "a.b", "api-v2", "x_y"];
  const names = new Set<string>();
  for (const entry of DISCOVERY) {
    for (const pattern of [...entry.patterns, ...(entry.exclude ?? [])]) {
      for (const filler of fillers) {
        const name = pattern.replaceAll("*", filler);
        for (const variant of [name, name.toLowerCase(), name.toUpperCase(), `${name}~`, `${name}.bak`, `my-${name}`, `.${name}`, `${name}.json`]) {
          if (variant !== "" && !variant.includes("/")) names.add(variant);
        }
      }
    }
  }
  for (const name of [
    "Dockerfile",
    "dockerfile",
    "Dockerfile.dockerignore",
    "Dockerfile.ignore",
    "Dockerfile.tt",
    "Dockerfile.ncl",
    "web.Dockerfile.dockerignore",
    ".dockerignore",
    "app-compose.yml",
    "app-composer.yml",
    "compose.json",
    "compose.yaml.orig",
    "docker-compose.yaml",
    "docker-compose-prod.yml",
    "composer.json",
    "Containerfile",
    "Containerfile.dockerignore",
    "daemon.json",
    "README.md",
    "Dockerfile.d",
  ]) {
    names.add(name);
  }
  return [...names].sort();
}

describe(".pre-commit-hooks.yaml", () => {
  it("defines the docklint hook: language node, entry docklint, parallel runs", () => {
    expect(hooks).toHaveLength(1);
    expect(hook).toMatchObject({ id: "docklint", name: "docklint", entry: "docklint", language: "node", require_serial: false, types: ["file"] });
    expect(hook).not.toHaveProperty("pass_filenames");
    expect(hook).not.toHaveProperty("always_run");
  });

  it("`files` selects exactly the names the CLI's directory search picks up (DISCOVERY)", () => {
    const names = candidateNames();
    expect(names.length).toBeGreaterThan(100);
    const disagreements: string[] = [];
    for (const name of names) {
      const discovered = classify(name) !== undefined;
      for (const file of [name, `sub/dir/${name}`, `a.b/${name}`]) {
        if (FILES.test(file) !== discovered) disagreements.push(`${file}: the CLI ${discovered ? "lints" : "skips"} it, the hook ${discovered ? "skips" : "passes"} it`);
      }
    }
    expect(disagreements).toEqual([]);
    // The table holds both sides of every pattern.
    expect(names.filter((n) => classify(n) !== undefined).length).toBeGreaterThan(40);
    expect(names.filter((n) => classify(n) === undefined).length).toBeGreaterThan(40);
  });

  it("`files` is anchored on the base name, not on directory names", () => {
    for (const file of ["Dockerfile/notes.txt", "compose.yaml/x", "build.Dockerfile/readme", "docker-compose.d/x.txt"]) expect(FILES.test(file), file).toBe(false);
    for (const file of ["Dockerfile", "deploy/compose.prod.yaml", "services/api/api.Dockerfile", "x/Containerfile"]) expect(FILES.test(file), file).toBe(true);
  });
});

function which(command: string): string | undefined {
  for (const dir of (process.env["PATH"] ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

const PRE_COMMIT = which("pre-commit");
const GIT = which("git");
const built = fs.existsSync(DIST_MAIN) && fs.existsSync(HOOK_BIN);
const skipReason = !PRE_COMMIT
  ? "the pre-commit program is not installed (apt-get install pre-commit, or pip install pre-commit)"
  : !GIT
    ? "git is not installed"
    : !built
      ? `${DIST_MAIN} or ${HOOK_BIN} is missing (run pnpm build)`
      : undefined;
if (skipReason) console.warn(`Skipping the pre-commit runs: ${skipReason}.`);

/** An environment with no user or system git/pre-commit configuration leaking in, and no network use. */
function isolatedEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ["PATH", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT"]) if (process.env[key] !== undefined) env[key] = process.env[key];
  return {
    ...env,
    HOME: home,
    XDG_CACHE_HOME: path.join(home, ".cache"),
    PRE_COMMIT_HOME: path.join(home, "pre-commit"),
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "docklint test",
    GIT_AUTHOR_EMAIL: "test@example.com",
    GIT_COMMITTER_NAME: "docklint test",
    GIT_COMMITTER_EMAIL: "test@example.com",
    NO_COLOR: "1",
    // npm (pre-commit's node installer) must not reach the registry.
    npm_config_offline: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
  };
}

function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 120_000 });
}

function git(args: string[], cwd: string, env: NodeJS.ProcessEnv): void {
  const result = sh("git", args, cwd, env);
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
}

/** `npm pack` of the repository root, as pre-commit's node installer runs it (scripts skipped: the build is current). */
function packRoot(dir: string): string {
  const packed = sh("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], REPO, { ...process.env, npm_config_offline: "true" });
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const [entry] = JSON.parse(packed.stdout) as { filename: string }[];
  if (!entry) throw new Error(`npm pack printed no tarball: ${packed.stdout}`);
  return path.join(dir, entry.filename);
}

/** Every JSON array pre-commit printed (one per docklint process: require_serial false lets it start several). */
function reportedFiles(output: string, root: string): string[] {
  const files: string[] = [];
  for (const line of output.split("\n")) {
    if (!/^\[(\{|\])/.test(line)) continue;
    for (const result of JSON.parse(line) as { filePath: string }[]) files.push(path.relative(root, result.filePath).split(path.sep).join("/"));
  }
  return files.sort();
}

const CONFIG = JSON.stringify({ extends: [], rules: { "require-non-root-user": "error", "no-maintainer": "warn" } });

/** A scratch project: a git repository with files the hook must and must not pass. */
function scratchProject(home: string, env: NodeJS.ProcessEnv, preCommitConfig: string): string {
  const root = path.join(home, "project");
  const files: Record<string, string> = {
    "docklint.config.json": CONFIG,
    Dockerfile: FAILING,
    "services/api/api.Dockerfile": CLEAN,
    "services/api/Dockerfile.dockerignore": "node_modules\n",
    "deploy/compose.prod.yaml": "services:\n  web:\n    image: nginx:1.27\n",
    "deploy/docker-compose.yml": "services:\n  db:\n    image: postgres:16\n",
    "deploy/compose.json": "not: [linted\n",
    "notes.txt": "FROM alpine\n",
    ".pre-commit-config.yaml": preCommitConfig,
  };
  for (const [name, content] of Object.entries(files)) write(root, name, content);
  git(["init", "-q", "-b", "main"], root, env);
  git(["add", "-A"], root, env);
  return root;
}

const EXPECTED_FILES = ["Dockerfile", "deploy/compose.prod.yaml", "deploy/docker-compose.yml", "services/api/api.Dockerfile"];

describe.skipIf(!built)("the root package, packed", () => {
  it("has no runtime dependencies and installs offline as a working docklint bin", () => {
    expect(ROOT_MANIFEST.dependencies).toBeUndefined();
    const home = tempDir();
    const env = isolatedEnv(home);
    const tarball = packRoot(home);
    const prefix = path.join(home, "global");
    const install = sh("npm", ["install", "--global", "--prefix", prefix, tarball], home, env);
    expect(install.status, install.stdout + install.stderr).toBe(0);
    const project = path.join(home, "project");
    write(project, "Dockerfile", FAILING);
    write(project, "compose.yaml", "services:\n  web:\n    image: nginx:1.27\n    user: root\n");
    const run = sh(path.join(prefix, "bin", "docklint"), ["--format", "json"], project, env);
    expect(run.status, run.stderr).toBe(1);
    expect(reportedFiles(run.stdout, project)).toEqual(["Dockerfile", "compose.yaml"]);
    expect(run.stdout).toContain("require-non-root-user");
  });
});

describe.skipIf(skipReason !== undefined)(`pre-commit ${skipReason ? `(skipped: ${skipReason})` : ""}`, () => {
  it("runs the hook's files regex and arguments as a local system hook: the right files, exit codes, a blocked commit", () => {
    const home = tempDir();
    const env = isolatedEnv(home);
    const localHook = {
      repos: [
        {
          repo: "local",
          hooks: [
            {
              ...hook,
              // The same hook, run from this checkout's build instead of an npm install.
              language: "system",
              entry: `${process.execPath} ${BIN}`,
              args: ["--format", "json"],
              // Output even when the hook passes, to see which files it was given.
              verbose: true,
            },
          ],
        },
      ],
    };
    const root = scratchProject(home, env, JSON.stringify(localHook, null, 2));

    const failing = sh("pre-commit", ["run", "--all-files"], root, env);
    const failingOutput = failing.stdout + failing.stderr;
    expect(failing.status, failingOutput).toBe(1);
    expect(failingOutput).toMatch(/docklint\.+Failed/);
    expect(failingOutput).toContain("- exit code: 1");
    expect(reportedFiles(failingOutput, root)).toEqual(EXPECTED_FILES);
    expect(failingOutput).toContain("require-non-root-user");

    // A commit with the failing Dockerfile staged is refused by the installed hook.
    const install = sh("pre-commit", ["install"], root, env);
    expect(install.status, install.stdout + install.stderr).toBe(0);
    const blocked = sh("git", ["commit", "-q", "-m", "add files"], root, env);
    expect(blocked.status, blocked.stdout + blocked.stderr).toBe(1);
    expect(blocked.stdout + blocked.stderr).toMatch(/docklint\.+Failed/);

    // Fixed: warnings only (MAINTAINER) pass, and the commit goes through.
    write(root, "Dockerfile", 'FROM alpine:3.19\nMAINTAINER "Jane"\nUSER 10001\n');
    git(["add", "-A"], root, env);
    const passing = sh("pre-commit", ["run", "--all-files"], root, env);
    const passingOutput = passing.stdout + passing.stderr;
    expect(passing.status, passingOutput).toBe(0);
    expect(passingOutput).toMatch(/docklint\.+Passed/);
    expect(reportedFiles(passingOutput, root)).toEqual(EXPECTED_FILES);
    expect(passingOutput).toContain("no-maintainer");
    const committed = sh("git", ["commit", "-q", "-m", "add files"], root, env);
    expect(committed.status, committed.stdout + committed.stderr).toBe(0);

    // Only the staged files are passed on a commit: a change to one Compose file lints that file alone.
    write(root, "deploy/compose.prod.yaml", "services:\n  web:\n    image: nginx:1.28\n");
    git(["add", "deploy/compose.prod.yaml"], root, env);
    const one = sh("pre-commit", ["run"], root, env);
    expect(one.status, one.stdout + one.stderr).toBe(0);
    expect(reportedFiles(one.stdout + one.stderr, root)).toEqual(["deploy/compose.prod.yaml"]);
  });

  it("installs and runs the published definition (language: node, entry: docklint) from the packed repository, offline", () => {
    const home = tempDir();
    const env = isolatedEnv(home);
    // The hook repository: what `npm pack` makes of this repository's root (the bundle as the
    // `docklint` bin), unpacked, with the real .pre-commit-hooks.yaml, and without the parts that
    // need the registry (devDependencies, workspaces, the prepack build): pre-commit's own
    // `npm install` in a clone fetches those, which scripts/pre-commit-from-clone.sh runs in CI.
    const hookRepo = path.join(home, "hook-repo");
    fs.mkdirSync(hookRepo, { recursive: true });
    const tarball = packRoot(home);
    const untar = sh("tar", ["-xzf", tarball, "-C", hookRepo, "--strip-components=1"], home, env);
    expect(untar.status, untar.stderr).toBe(0);
    const { devDependencies: _devDependencies, workspaces: _workspaces, scripts: _scripts, ...manifest } = JSON.parse(
      fs.readFileSync(path.join(hookRepo, "package.json"), "utf8"),
    ) as Record<string, unknown>;
    write(hookRepo, "package.json", JSON.stringify(manifest, null, 2));
    write(hookRepo, ".pre-commit-hooks.yaml", fs.readFileSync(HOOKS_FILE, "utf8"));
    git(["init", "-q", "-b", "main"], hookRepo, env);
    git(["add", "-A"], hookRepo, env);
    git(["commit", "-q", "-m", "hook"], hookRepo, env);
    const rev = sh("git", ["rev-parse", "HEAD"], hookRepo, env).stdout.trim();

    const config = { repos: [{ repo: hookRepo, rev, hooks: [{ id: "docklint", args: ["--format", "json"], verbose: true }] }] };
    const root = scratchProject(home, env, JSON.stringify(config, null, 2));
    const result = sh("pre-commit", ["run", "--all-files"], root, env);
    const output = result.stdout + result.stderr;
    expect(output).not.toContain("An unexpected error has occurred");
    expect(result.status, output).toBe(1);
    expect(output).toMatch(/docklint\.+Failed/);
    expect(reportedFiles(output, root)).toEqual(EXPECTED_FILES);
  });
});
