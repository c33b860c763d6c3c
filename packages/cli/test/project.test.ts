import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { builtinRules } from "@docklint/core";
import { fileServices, listDirectory } from "../src/lint.js";
import { runJson, tempDir, type JsonResult } from "./helpers.js";

/**
 * The project view through the CLI: examples/project/shop (a Compose app with two builds, a
 * `.dockerignore` per context, a daemon.json) linted as a directory, and small projects in
 * temporary directories for the build-context plumbing.
 */
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const SHOP = "examples/project/shop";
/** `recommended`, plus the two rules of the issue that only `strict`/`cis` turn on. */
const ARGS = ["--no-config-lookup", "--rule", "require-healthcheck: warn", "--rule", "require-userns-remap: error"];

/** [file relative to `base`, rule, line, column] of every finding, in output order. */
function findings(results: readonly JsonResult[], base: string): [string, string | null, number, number][] {
  return results.flatMap((r) => r.messages.map((m): [string, string | null, number, number] => [path.relative(base, r.filePath).split(path.sep).join("/"), m.ruleId, m.line, m.column]));
}

function messageOf(results: readonly JsonResult[], file: string, ruleId: string): string {
  const result = results.find((r) => r.filePath.endsWith(file));
  return result?.messages.find((m) => m.ruleId === ruleId)?.message ?? "";
}

describe("examples/project/shop", () => {
  it("lints each file once and pins every finding, cross-file ones included", async () => {
    const { code, results } = await runJson([SHOP, ...ARGS], { cwd: REPO, rules: builtinRules });
    const base = path.join(REPO, SHOP);
    // api/Dockerfile is built by two services with the same context: one result.
    expect(results.map((r) => path.relative(base, r.filePath).split(path.sep).join("/"))).toEqual(["api/Dockerfile", "compose.override.yaml", "compose.yaml", "daemon.json", "worker/Dockerfile"]);
    expect(findings(results, base)).toEqual([
      // The development override, read merged over compose.yaml: a repeated `security_opt`
      // entry, a misspelt service with no image anywhere, an `extends` of compose.yaml's service.
      ["compose.override.yaml", "no-conflicting-keys", 8, 9],
      ["compose.override.yaml", "require-image-or-build", 13, 3],
      ["compose.override.yaml", "no-undefined-reference", 18, 14],
      // `migrate` overrides the api Dockerfile's USER 10001 with root: at `user: root`.
      ["compose.yaml", "require-non-root-user", 32, 11],
      // `worker` builds a Dockerfile without HEALTHCHECK or USER: at the service.
      ["compose.yaml", "require-healthcheck", 38, 3],
      ["compose.yaml", "require-non-root-user", 38, 3],
      ["daemon.json", "require-userns-remap", 1, 1],
      ["daemon.json", "no-insecure-daemon-socket", 2, 44],
      ["worker/Dockerfile", "require-healthcheck", 1, 1],
      ["worker/Dockerfile", "require-non-root-user", 1, 1],
      // COPY . . with .env and id_rsa in the context, not excluded by worker/.dockerignore.
      ["worker/Dockerfile", "no-secret-files-in-context", 4, 6],
    ]);
    expect(code).toBe(1);
  });

  it("says where the cross-file facts come from", async () => {
    const { results } = await runJson([SHOP, ...ARGS], { cwd: REPO, rules: builtinRules });
    expect(messageOf(results, "compose.yaml", "require-non-root-user")).toContain("overriding `USER 10001` of `api/Dockerfile`");
    const compose = results.find((r) => r.filePath.endsWith("compose.yaml"));
    const worker = compose?.messages.filter((m) => m.line === 38).map((m) => m.message) ?? [];
    expect(worker.some((m) => m.includes("`worker/Dockerfile`") && m.includes("never sets USER"))).toBe(true);
    expect(worker.some((m) => m.includes("neither `healthcheck:` nor `worker/Dockerfile`"))).toBe(true);
    const secret = messageOf(results, path.join("worker", "Dockerfile"), "no-secret-files-in-context");
    expect(secret).toContain("`.env` (environment file), `id_rsa` (SSH private key)");
    expect(secret).toContain("`.dockerignore`");
  });

  it("says what the override makes docker compose refuse, with the fix", async () => {
    const { results } = await runJson([SHOP, ...ARGS], { cwd: REPO, rules: builtinRules });
    expect(messageOf(results, "compose.override.yaml", "no-conflicting-keys")).toContain('"services.api.security_opt array items[0,1] must be unique"');
    expect(messageOf(results, "compose.override.yaml", "require-image-or-build")).toContain("(`worker`?)");
    expect(messageOf(results, "compose.override.yaml", "no-undefined-reference")).toContain("write `extends: {file: compose.yaml, service: worker}`");
  });

  it("reports nothing about `api`: its Dockerfile sets USER and HEALTHCHECK, its context's .dockerignore is at the root", async () => {
    const { results } = await runJson([SHOP, ...ARGS], { cwd: REPO, rules: builtinRules });
    const api = results.find((r) => r.filePath.endsWith(path.join("api", "Dockerfile")));
    expect(api?.messages).toEqual([]);
    const compose = results.find((r) => r.filePath.endsWith("compose.yaml"));
    // Lines 17-24 are the `api` service.
    expect(compose?.messages.filter((m) => m.line >= 17 && m.line <= 24)).toEqual([]);
  });
});

describe("the build context of a Compose service", () => {
  const project = (): string =>
    tempDir({
      "compose.yaml": "services:\n  app:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n    user: \"10001\"\n",
      "docker/Dockerfile": "FROM alpine:3.20\nCOPY . /app\nUSER 10001\n",
      ".env": "X=fake\n",
      "app.sh": "echo hi\n",
    });
  const ONLY = builtinRules.filter((rule) => rule.meta.id === "no-secret-files-in-context");

  it("lints the Dockerfile with the service's context, not its own directory", async () => {
    const dir = project();
    const { results } = await runJson([".", "--no-config-lookup"], { cwd: dir, rules: ONLY });
    expect(findings(results, dir)).toEqual([["docker/Dockerfile", "no-secret-files-in-context", 2, 6]]);
    expect(results[1]?.messages[0]?.message).toContain("`.env` (environment file)");
    expect(results[1]?.messages[0]?.message).toContain("a new `../.dockerignore`");
  });

  it("reads the context's .dockerignore", async () => {
    const dir = project();
    const { results } = await runJson([".", "--no-config-lookup"], { cwd: dir, rules: ONLY });
    expect(results).toHaveLength(2);
    const withIgnore = tempDir({
      "compose.yaml": "services:\n  app:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n",
      "docker/Dockerfile": "FROM alpine:3.20\nCOPY . /app\n",
      ".env": "X=fake\n",
      ".dockerignore": ".env\n",
    });
    const clean = await runJson([".", "--no-config-lookup"], { cwd: withIgnore, rules: ONLY });
    expect(findings(clean.results, withIgnore)).toEqual([]);
  });

  it("alone, the Dockerfile's own directory is its context", async () => {
    const dir = project();
    const { results } = await runJson(["docker/Dockerfile", "--no-config-lookup"], { cwd: dir, rules: ONLY });
    // docker/ holds nothing secret, but no .dockerignore either.
    expect(results[0]?.messages.map((m) => [m.ruleId, m.line, m.column, m.level])).toEqual([["no-secret-files-in-context", 2, 6, "warning"]]);
  });

  it("adds a built Dockerfile the search does not find, and one named by a Compose file given explicitly", async () => {
    const dir = tempDir({
      "compose.yaml": "services:\n  app:\n    build:\n      context: src\n      dockerfile: ../build/app.containerdef\n",
      "build/app.containerdef": "FROM alpine:3.20\nCOPY . /app\n",
      "src/.env.local": "X=fake\n",
      "src/.dockerignore": "node_modules\n",
    });
    for (const target of [".", "compose.yaml"]) {
      const { results } = await runJson([target, "--no-config-lookup"], { cwd: dir, rules: ONLY });
      expect(findings(results, dir)).toEqual([["build/app.containerdef", "no-secret-files-in-context", 2, 6]]);
      expect(results.map((r) => r.kind)).toEqual(["compose", "dockerfile"]);
    }
  });

  it("does not add a Dockerfile an ignore file hides, unless --no-ignore", async () => {
    const dir = tempDir({
      "compose.yaml": "services:\n  app:\n    build:\n      context: src\n      dockerfile: ../build/app.containerdef\n",
      "build/app.containerdef": "FROM alpine:3.20\nCOPY . /app\n",
      "src/.env": "X=fake\n",
      ".docklintignore": "build/\n",
    });
    const hidden = await runJson(["compose.yaml", "--no-config-lookup"], { cwd: dir, rules: ONLY });
    expect(hidden.results.map((r) => r.kind)).toEqual(["compose"]);
    const shown = await runJson(["compose.yaml", "--no-config-lookup", "--no-ignore"], { cwd: dir, rules: ONLY });
    expect(findings(shown.results, dir)).toEqual([["build/app.containerdef", "no-secret-files-in-context", 2, 6]]);
  });

  it("a Compose file included with `project_directory: .` builds from the including file's directory (laradock)", async () => {
    const dir = tempDir({
      "docker-compose.yml": "include:\n  - path: adminer/compose.yml\n    project_directory: .\n",
      "adminer/compose.yml": "services:\n  adminer:\n    build:\n      context: ./adminer\n      dockerfile: ../build/adminer.containerdef\n",
      "build/adminer.containerdef": "FROM adminer:4\nCOPY . /app\n",
      "adminer/.env": "X=fake\n",
    });
    const rules = builtinRules.filter((rule) => ["valid-file-references", "no-secret-files-in-context"].includes(rule.meta.id));
    for (const target of [".", "adminer/compose.yml"]) {
      const { results } = await runJson([target, "--no-config-lookup"], { cwd: dir, rules });
      // The Dockerfile is found from the project directory and linted with the context `adminer/`.
      expect(findings(results, dir)).toEqual([["build/adminer.containerdef", "no-secret-files-in-context", 2, 6]]);
      expect(messageOf(results, "adminer.containerdef", "no-secret-files-in-context")).toContain("`.env` (environment file)");
    }
  });

  it("judges the stages Compose services build with `target:` as images, and caches by them", async () => {
    const dir = tempDir({
      "compose.yaml": "services:\n  dev:\n    build: {context: ., target: Development}\n  web:\n    build: .\n  worker:\n    build: {context: ., target: development}\n",
      Dockerfile: "FROM node:20 AS development\nRUN npm ci\nFROM node:20-slim\nUSER 10001\n",
    });
    const rules = builtinRules.filter((rule) => rule.meta.id === "require-non-root-user" && rule.meta.kind === "dockerfile");
    const cache = ["--cache", "--cache-location", path.join(dir, ".cache")];
    // Alone, the Dockerfile's image is its last stage.
    const alone = await runJson(["Dockerfile", "--no-config-lookup", ...cache], { cwd: dir, rules });
    expect(findings(alone.results, dir)).toEqual([]);
    for (let run = 0; run < 2; run++) {
      const { results } = await runJson([".", "--no-config-lookup", ...cache], { cwd: dir, rules });
      expect(findings(results, dir)).toEqual([["Dockerfile", "require-non-root-user", 1, 1]]);
      expect(messageOf(results, "Dockerfile", "require-non-root-user")).toMatch(/^The build target `development` \(image "node:20"\) never sets USER/);
    }
  });

  it("reads the names of `additional_contexts` as named build contexts of the Dockerfile, and caches by them", async () => {
    // Compose's documented way to build one image on another: `FROM base` reads the service `base`.
    const dir = tempDir({
      "compose.yaml":
        "services:\n  base:\n    build: ./base\n    user: \"10001\"\n  app:\n    build:\n      context: ./app\n      additional_contexts:\n        base: service:base\n    user: \"10001\"\n  tool:\n    build:\n      context: ./app\n      additional_contexts: [assets=./assets]\n    user: \"10001\"\n",
      "base/Dockerfile": "FROM alpine:3.20\nUSER 10001\n",
      "app/Dockerfile": "FROM base\nCOPY --from=assets /dist /srv\n",
      "assets/dist/index.html": "",
    });
    const ids = new Set(["no-undefined-stage", "require-pinned-image", "require-non-root-user"]);
    const rules = builtinRules.filter((rule) => ids.has(rule.meta.id));
    const cache = ["--cache", "--cache-location", path.join(dir, ".cache")];
    // Alone, `base` is an unpinned root image and `assets` a stage that is not there.
    const alone = await runJson(["app/Dockerfile", "--no-config-lookup", ...cache], { cwd: dir, rules });
    expect(findings(alone.results, dir)).toEqual([
      ["app/Dockerfile", "require-non-root-user", 1, 1],
      ["app/Dockerfile", "require-pinned-image", 1, 6],
      ["app/Dockerfile", "no-undefined-stage", 2, 13],
      ["app/Dockerfile", "require-pinned-image", 2, 13],
    ]);
    expect(messageOf(alone.results, "app/Dockerfile", "require-non-root-user")).toContain("so the container runs as root");
    for (let run = 0; run < 2; run++) {
      const { results } = await runJson([".", "--no-config-lookup", ...cache], { cwd: dir, rules });
      // Each service's names count: `base` from one, `assets` from the other. The base's user is the context's.
      expect(findings(results, dir)).toEqual([["app/Dockerfile", "require-non-root-user", 1, 1]]);
      expect(messageOf(results, "app/Dockerfile", "require-non-root-user")).toContain("root unless it names another");
    }
  });

  it("gives a Dockerfile built through a symbolic link its context, linted once under its own name", async () => {
    const dir = tempDir({
      "compose.yaml": "services:\n  app:\n    build: .\n    user: \"10001\"\n",
      "docker/Dockerfile.debian": "FROM debian:12\nCOPY . /app\nUSER 10001\n",
      ".env": "TOKEN=x\n",
    });
    fs.symlinkSync("docker/Dockerfile.debian", path.join(dir, "Dockerfile"));
    const rules = builtinRules.filter((rule) => rule.meta.id === "no-secret-files-in-context");
    const { results } = await runJson([".", "--no-config-lookup"], { cwd: dir, rules });
    expect(results.map((r) => path.relative(dir, r.filePath).split(path.sep).join("/"))).toEqual(["compose.yaml", "docker/Dockerfile.debian"]);
    // The context is the service's (the project's top), not docker/: its .env is copied.
    expect(findings(results, dir)).toEqual([["docker/Dockerfile.debian", "no-secret-files-in-context", 2, 6]]);
  });

  it("does not add a Dockerfile that does not exist (valid-file-references reports it)", async () => {
    const dir = tempDir({ "compose.yaml": "services:\n  app:\n    build: ./missing\n" });
    const rules = builtinRules.filter((rule) => rule.meta.id === "valid-file-references");
    const { results } = await runJson([".", "--no-config-lookup"], { cwd: dir, rules });
    expect(findings(results, dir)).toEqual([["compose.yaml", "valid-file-references", 3, 12]]);
  });
});

describe("listing a build context (core's listFiles service)", () => {
  it("lists files and directories, sorted, without walking node_modules/ and .git/ or following links", () => {
    const dir = tempDir({ "a.txt": "", "src/index.js": "", "node_modules/x/package.json": "{}", ".git/HEAD": "ref", ".env": "" });
    fs.symlinkSync(path.join(dir, "src"), path.join(dir, "link"));
    expect(listDirectory(dir)).toEqual([".env", ".git/", "a.txt", "link", "node_modules/", "src/", "src/index.js"]);
    expect(listDirectory(path.join(dir, "a.txt"))).toBeUndefined();
    expect(listDirectory(path.join(dir, "missing"))).toBeUndefined();
  });

  it("lets a Dockerfile list its own directory, and outside it only its build context", () => {
    const dir = tempDir({ "docker/Dockerfile": "FROM scratch\n", ".env": "", "other/x": "" });
    const dockerfile = path.join(dir, "docker", "Dockerfile");
    expect(fileServices(dockerfile, "dockerfile").listFiles?.("")).toEqual(["Dockerfile"]);
    expect(fileServices(dockerfile, "dockerfile").listFiles?.("..")).toBeUndefined();
    const withContext = fileServices(dockerfile, "dockerfile", { buildContext: ".." });
    expect(withContext.listFiles?.("..")).toEqual([".env", "docker/", "docker/Dockerfile", "other/", "other/x"]);
    expect(withContext.readFile?.("../.env")).toBe("");
    expect(fileServices(dockerfile, "dockerfile").readFile?.("../.env")).toBeUndefined();
    expect(fileServices(path.join(dir, "daemon.json"), "daemon")).toEqual({});
  });
});
