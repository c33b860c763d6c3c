/**
 * Security of the tool itself (SECURITY.md): linting never runs anything from the linted files,
 * never reads environment variables for Compose interpolation, never opens a network connection,
 * and runs JavaScript config only from the project's own config locations.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { builtinRules } from "@docklint/core";
import { CLEAN, FAILING, run, runJson, tempDir, write } from "./helpers.js";

const BIN = fileURLToPath(new URL("../bin/docklint.js", import.meta.url));
const built = fs.existsSync(fileURLToPath(new URL("../dist/main.js", import.meta.url)));
if (!built) console.warn("Skipping the spawned security tests: packages/cli/dist is missing; run pnpm run build first.");

/**
 * Preloaded into the CLI process: every way Node opens a connection, resolves a name or starts a
 * process is replaced by one that records the attempt (and fails it), so a test sees any of them.
 */
const GUARD = `
import { appendFileSync } from "node:fs";
import { syncBuiltinESMExports, createRequire } from "node:module";
const require = createRequire(import.meta.url);
const log = process.env.DOCKLINT_GUARD_LOG;
const record = (what) => { appendFileSync(log, what + "\\n"); };
const deny = (name) => (...args) => { record(name + " " + String(args[0])); throw new Error("blocked by the test guard: " + name); };
const net = require("node:net"), dns = require("node:dns"), http = require("node:http"), https = require("node:https"), tls = require("node:tls"), dgram = require("node:dgram"), cp = require("node:child_process");
for (const name of ["connect", "createConnection"]) net[name] = deny("net." + name);
net.Socket.prototype.connect = deny("net.Socket.connect");
for (const name of ["lookup", "resolve", "resolve4", "resolve6"]) dns[name] = deny("dns." + name);
dns.promises.lookup = deny("dns.promises.lookup");
for (const mod of [http, https]) { mod.request = deny("http.request"); mod.get = deny("http.get"); }
tls.connect = deny("tls.connect");
dgram.createSocket = deny("dgram.createSocket");
globalThis.fetch = deny("fetch");
// Processes are recorded with their program, and allowed: the test decides which programs are fine.
for (const name of ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"]) {
  const original = cp[name];
  cp[name] = (...args) => { record("process " + name + " " + String(args[0])); return original(...args); };
}
syncBuiltinESMExports();
`;

function guardedRun(args: string[], cwd: string, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string; attempts: string[] } {
  const guard = path.join(cwd, ".guard.mjs");
  const log = path.join(cwd, ".guard.log");
  fs.writeFileSync(guard, GUARD);
  fs.writeFileSync(log, "");
  const base: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", DOCKLINT_GUARD_LOG: log, ...env };
  delete base["FORCE_COLOR"];
  const result = spawnSync(process.execPath, ["--import", guard, BIN, ...args], { cwd, encoding: "utf8", env: base, timeout: 60_000 });
  const attempts = fs.readFileSync(log, "utf8").split("\n").filter(Boolean);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, attempts };
}

/** Files that would do something if anything ran them: a marker file appears when they run. */
function hostileProject(marker: string): Record<string, string> {
  const touch = `touch ${marker}`;
  return {
    Dockerfile: [
      "# syntax=docker/dockerfile:1",
      "FROM alpine:3.19",
      `RUN ${touch}`,
      `RUN <<EOF\n${touch}\nEOF`,
      `HEALTHCHECK CMD ${touch}`,
      `CMD ["sh", "-c", "${touch}"]`,
      `ADD https://example.invalid/payload.tar.gz /opt/`,
      "USER 10001",
      "",
    ].join("\n"),
    "compose.yaml": [
      "services:",
      "  web:",
      "    image: ${IMAGE:-nginx:1.25}",
      `    command: sh -c "${touch}"`,
      "    build:",
      "      context: https://example.invalid/repo.git",
      "    healthcheck:",
      `      test: ["CMD-SHELL", "${touch}"]`,
      "    env_file: .env",
      "    labels:",
      "      - traefik.http.routers.web.rule=Host(`$(touch " + marker + ")`)",
      "",
    ].join("\n"),
    ".env": `IMAGE=$(${touch})\n`,
    "daemon.json": JSON.stringify({ "registry-mirrors": ["https://example.invalid"], hosts: ["tcp://example.invalid:2375"] }),
  };
}

describe.skipIf(!built)(built ? "linting runs nothing and connects nowhere (built CLI, guarded)" : "guarded CLI (skipped: not built)", () => {
  it("with the recommended rules: no process, no connection, no name lookup, and nothing from the files runs", () => {
    const dir = tempDir();
    const marker = path.join(dir, "RAN");
    for (const [name, content] of Object.entries(hostileProject(marker))) write(dir, name, content);
    const { status, stdout, attempts } = guardedRun(["--format", "json", "."], dir);
    expect(status).toBe(1);
    expect(JSON.parse(stdout)).toHaveLength(3);
    expect(attempts).toEqual([]);
    expect(fs.existsSync(marker)).toBe(false);
  });

  it("with every rule on: the only program started is ShellCheck (given the scripts as files to read), and nothing connects", () => {
    const dir = tempDir({ "docklint.config.json": JSON.stringify({ extends: ["all"] }) });
    const marker = path.join(dir, "RAN");
    for (const [name, content] of Object.entries(hostileProject(marker))) write(dir, name, content);
    const { status, attempts } = guardedRun(["--format", "json", "."], dir);
    expect(status).toBe(1);
    const programs = attempts.map((line) => line.split(" ")[2] ?? line);
    expect(attempts.filter((line) => !line.startsWith("process "))).toEqual([]);
    for (const program of programs) expect(path.basename(program)).toBe("shellcheck");
    expect(fs.existsSync(marker)).toBe(false);
  });

  it("gives the same result whatever the environment holds: Compose interpolation never reads process.env", () => {
    const dir = tempDir({ "compose.yaml": "services:\n  web:\n    image: ${IMAGE:-nginx:1.25}\n    privileged: ${PRIVILEGED:-false}\n    user: ${RUN_AS:-10001}\n" });
    const plain = guardedRun(["--format", "json", "compose.yaml"], dir);
    const hostile = guardedRun(["--format", "json", "compose.yaml"], dir, { IMAGE: "nginx:latest", PRIVILEGED: "true", RUN_AS: "root" });
    expect(hostile.stdout).toBe(plain.stdout);
    expect(hostile.status).toBe(plain.status);
  });

  it("reads the env files a Compose file names only to check them: a finding names the line, never a value", () => {
    const secret = "hunter2-s3cr3t";
    const dir = tempDir({
      "compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    env_file: [app.env, raw.env]\n",
      "app.env": `USER=app\nPASSWORD="${secret}\n`,
      "raw.env": `=${secret}\n`,
    });
    const result = guardedRun(["--format", "json", "compose.yaml"], dir);
    expect(result.stdout).toContain("valid-env-files");
    expect(result.stdout).toContain("line 2");
    expect(result.stdout).not.toContain(secret);
  });
});

describe("JavaScript config only from the project's own config locations", () => {
  /** A config module that leaves a marker file when it is imported. */
  function markingConfig(marker: string): string {
    return `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "ran");\nexport default { extends: [], rules: { "require-non-root-user": "error" } };\n`;
  }

  it("refuses to run a docklint.config.mjs found beside a file outside the current directory, and lints with it from its own directory", async () => {
    const root = tempDir();
    const marker = path.join(root, "RAN");
    write(root, "project/Dockerfile", CLEAN);
    write(root, "download/Dockerfile", FAILING);
    write(root, "download/docklint.config.mjs", markingConfig(marker));
    const outside = await run(["../download/Dockerfile"], { cwd: path.join(root, "project"), rules: builtinRules });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('Config file "');
    expect(outside.stderr).toContain("download/docklint.config.mjs\" is JavaScript, and it lies outside this project");
    expect(fs.existsSync(marker)).toBe(false);

    const inside = await runJson(["Dockerfile"], { cwd: path.join(root, "download"), rules: builtinRules });
    expect(inside.code).toBe(1);
    expect(fs.existsSync(marker)).toBe(true);
  });

  it("runs it when named with --config, and from a parent of the current directory (a monorepo root)", async () => {
    const root = tempDir();
    const marker = path.join(root, "RAN");
    write(root, "docklint.config.mjs", markingConfig(marker));
    write(root, "services/api/Dockerfile", FAILING);
    const fromBelow = await runJson(["Dockerfile"], { cwd: path.join(root, "services/api"), rules: builtinRules });
    expect(fromBelow.code).toBe(1);
    expect(fs.existsSync(marker)).toBe(true);
    // Another module (an imported one is not evaluated twice in one process), named from elsewhere.
    const trusted = tempDir();
    const namedMarker = path.join(trusted, "RAN");
    write(trusted, "shared.config.mjs", markingConfig(namedMarker));
    const other = tempDir({ Dockerfile: FAILING });
    const named = await runJson(["--config", path.join(trusted, "shared.config.mjs"), "Dockerfile"], { cwd: other, rules: builtinRules });
    expect(named.code).toBe(1);
    expect(fs.existsSync(namedMarker)).toBe(true);
  });

  it("refuses a JavaScript config inside node_modules, and plugins named by a JSON config outside the project", async () => {
    const root = tempDir();
    const marker = path.join(root, "RAN");
    write(root, "project/node_modules/pkg/Dockerfile", FAILING);
    write(root, "project/node_modules/pkg/docklint.config.mjs", markingConfig(marker));
    const vendored = await run(["node_modules/pkg/Dockerfile"], { cwd: path.join(root, "project"), rules: builtinRules });
    expect(vendored.code).toBe(2);
    expect(vendored.stderr).toContain("is JavaScript, and it lies outside this project");

    write(root, "other/Dockerfile", FAILING);
    write(root, "other/plugin.mjs", `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "ran");\nexport default { rules: [] };\n`);
    write(root, "other/docklint.config.json", JSON.stringify({ plugins: ["./plugin.mjs"] }));
    const plugin = await run(["../other/Dockerfile"], { cwd: path.join(root, "project"), rules: builtinRules });
    expect(plugin.code).toBe(2);
    expect(plugin.stderr).toContain('loads plugins (in "');
    expect(fs.existsSync(marker)).toBe(false);
  });

  it("still reads JSON and YAML configs outside the project: they are data, not code", async () => {
    const root = tempDir();
    write(root, "project/.keep", "");
    write(root, "other/Dockerfile", FAILING);
    write(root, "other/docklint.config.yaml", "extends: []\nrules:\n  require-non-root-user: off\n");
    const { code, results } = await runJson(["../other/Dockerfile"], { cwd: path.join(root, "project"), rules: builtinRules });
    expect(code).toBe(0);
    expect(results[0]?.errorCount).toBe(0);
  });
});

describe("a linted file's control characters reach no terminal", () => {
  // A file in a pull request can hold escape sequences that retitle the reviewer's terminal, erase
  // the lines above (hiding findings) or clear the screen; its name can hold them too.
  const hostileDockerfile = [
    "FROM alpine:3.19",
    "MAINTAINER bob\u001b]0;pwned\u0007",
    "USER r\u001b[2Kt",
    'RUN sudo echo "\u001b[1A\u001b[2K\u009b31m"',
    "ADD http://x\u001b[2J/a /a",
    "",
  ].join("\n");
  const hostileCompose = 'services:\n  "w\\e[2Jb":\n    image: "x\\e]0;t\\ay:latest"\n    privileged: true\n';
  const hostileName = "Dockerfile.\u001b[2Jred";
  /** The control characters of a report but line breaks and tabs, and with colour on, docklint's own colour codes and iTerm hint. */
  /* eslint-disable no-control-regex -- control characters are what the test looks for */
  const controls = (output: string, colour = false): string[] => {
    const text = colour ? output.replace(/\u001b\[[\d;]*m/g, "").replace(/\u001b\]1337;CurrentDir=[^\u0007]*\u0007/g, "") : output;
    return [...text.matchAll(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g)].map((m) => JSON.stringify(m[0]));
  };
  /* eslint-enable no-control-regex */

  it.each(["friendly", "compact", "github", "checkstyle", "junit"])("--format %s, with and without colour, on stdout and stderr", async (format) => {
    const dir = tempDir({ Dockerfile: hostileDockerfile, "compose.yaml": hostileCompose, [hostileName]: hostileDockerfile, ".dockerignore": "x\u001b[2J\n" });
    for (const colour of ["--color", "--no-color"]) {
      const { code, stdout, stderr } = await run([".", "--format", format, colour], { cwd: dir, rules: builtinRules });
      expect(code).toBe(1);
      expect(controls(stdout, colour === "--color")).toEqual([]);
      expect(controls(stderr)).toEqual([]);
      expect(stdout).toContain("\u241b");
    }
  });

  it("messages show them as signs in every format, and --fix leaves the file's bytes as they were", async () => {
    const dir = tempDir({ Dockerfile: hostileDockerfile.replace("MAINTAINER", "maintainer") });
    const { results } = await runJson(["Dockerfile"], { cwd: dir, rules: builtinRules });
    const messages = results[0]?.messages.map((m) => m.message) ?? [];
    expect(messages.some((m) => m.includes("bob\u241b]0;pwned\u2407"))).toBe(true);
    expect(messages.flatMap((m) => controls(m))).toEqual([]);
    await run(["Dockerfile", "--fix"], { cwd: dir, rules: builtinRules });
    const fixed = fs.readFileSync(path.join(dir, "Dockerfile"), "utf8");
    expect(fixed).toContain("\u001b]0;pwned\u0007");
    expect(fixed).not.toContain("\u241b");
  });

  it("the machine formats keep a file name's C1, DEL and bidirectional controls exact, as escapes, never raw", async () => {
    // U+009B is a one-byte CSI to a terminal that reads C1 controls; JSON.stringify and XML leave it raw.
    const name = "Dockerfile.\u009b2J\u007f\u202egnp.exe";
    const dir = tempDir({ [name]: "FROM alpine:3.19\nUSER root\n# \u009b31m\u2066\u2028\n" });
    /* eslint-disable-next-line no-control-regex -- control characters are what the test looks for */
    const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", htmlEntities: true });
    for (const format of ["json", "sarif", "gitlab", "checkstyle", "junit"]) {
      const { code, stdout } = await run([name, "--format", format], { cwd: dir, rules: builtinRules });
      expect(code, format).toBe(1);
      expect(raw.exec(stdout), format).toBeNull();
      if (format === "json") {
        const [result] = JSON.parse(stdout) as { filePath: string; source: string }[];
        expect(result?.filePath).toBe(path.join(dir, name));
        expect(result?.source).toContain("\u009b31m\u2066\u2028");
      } else if (format === "sarif") {
        expect(stdout).toContain(encodeURIComponent(name).replace(/%2E/g, "."));
      } else if (format === "gitlab") {
        expect((JSON.parse(stdout) as { location: { path: string } }[])[0]?.location.path).toBe(name);
      } else if (format === "checkstyle") {
        expect((xml.parse(stdout) as { checkstyle: { file: { name: string } } }).checkstyle.file.name).toBe(path.join(dir, name));
      } else {
        const suites = xml.parse(stdout) as { testsuites: { testsuite: { name: string } } };
        expect(suites.testsuites.testsuite.name).toBe(name);
        expect(stdout).toContain("Dockerfile.\ufffd2J\u2421\ufffdgnp.exe:");
      }
    }
  });
});
