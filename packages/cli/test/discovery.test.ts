import { builtinRules } from "@docklint/core";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { classify, discoverFiles } from "../src/files.js";
import { CLEAN, FAILING, relativePaths, run, runJson, tempDir } from "./helpers.js";

describe("directory discovery", () => {
  const dir = tempDir({
    Dockerfile: CLEAN,
    "Dockerfile.prod": CLEAN,
    ".docker/Dockerfile-alpine": CLEAN,
    "tests/Dockerfile_tidyverse_4.0.0": CLEAN,
    "api.Dockerfile": CLEAN,
    "web.dockerfile": CLEAN,
    Containerfile: CLEAN,
    "Containerfile.dev": CLEAN,
    ".devcontainer/Dockerfile": CLEAN,
    "services/worker/Dockerfile": CLEAN,
    "compose.yaml": "services: {}\n",
    "docker-compose.yml": "services: {}\n",
    "deploy/compose.override.yaml": "services: {}\n",
    "deploy/docker-compose.prod.yml": "services: {}\n",
    "docker-compose-tls.yml": "services: {}\n",
    "deploy/compose-mysql.yaml": "services: {}\n",
    // Not Dockerfiles or Compose files, or not searched:
    "Dockerfile.dockerignore": "node_modules\n",
    "Dockerfile.template": "FROM {{ .from }}\n",
    "redis/Dockerfile.tmpl": "{{ template \"base\" . }}\n",
    "Dockerfile.j2": "FROM {{ base_image }}\n",
    "api.Dockerfile.in": "FROM @BASE@\n",
    "api.Dockerfile.dockerignore": "dist\n",
    dockerfile: CLEAN,
    "MyDockerfile": CLEAN,
    "api.Dockerfile.bak": CLEAN,
    "README.md": "# hi\n",
    "app-composer.yml": "services: {}\n",
    "Compose.yaml": "services: {}\n",
    "compose.json": "{}\n",
    "compose.yaml.bak": "services: {}\n",
    "docker-compose.yml.orig": "services: {}\n",
    "daemon.json": "{}\n",
    "node_modules/pkg/compose.yaml": "services: {}\n",
    "node_modules/pkg/Dockerfile": FAILING,
    "services/worker/node_modules/dep/Dockerfile": FAILING,
    ".git/Dockerfile": FAILING,
  });
  fs.mkdirSync(path.join(dir, "Dockerfile.d"));

  const found: [string, string][] = [
    [".devcontainer/Dockerfile", "dockerfile"],
    [".docker/Dockerfile-alpine", "dockerfile"],
    ["Containerfile", "dockerfile"],
    ["Containerfile.dev", "dockerfile"],
    ["Dockerfile", "dockerfile"],
    ["Dockerfile.prod", "dockerfile"],
    ["api.Dockerfile", "dockerfile"],
    ["compose.yaml", "compose"],
    ["daemon.json", "daemon"],
    ["deploy/compose-mysql.yaml", "compose"],
    ["deploy/compose.override.yaml", "compose"],
    ["deploy/docker-compose.prod.yml", "compose"],
    ["docker-compose-tls.yml", "compose"],
    ["docker-compose.yml", "compose"],
    ["services/worker/Dockerfile", "dockerfile"],
    ["tests/Dockerfile_tidyverse_4.0.0", "dockerfile"],
    ["web.dockerfile", "dockerfile"],
  ];

  it("finds Dockerfiles and Compose files by their Docker names, sorted, skipping node_modules and .git", async () => {
    const { code, results, stderr } = await runJson(["."], { cwd: dir });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(results.map((r) => [path.relative(dir, r.filePath), r.kind])).toEqual(found);
    expect(results.every((r) => r.fatalErrorCount === 0)).toBe(true);
  });

  it("searches the current directory when no path is given", async () => {
    const { results } = await runJson([], { cwd: dir });
    expect(relativePaths(results, dir)).toEqual(found.map(([file]) => file));
  });

  it("classifies base names case-sensitively and excludes .dockerignore files", () => {
    expect(classify("Dockerfile")).toBe("dockerfile");
    expect(classify("Containerfile.arm64")).toBe("dockerfile");
    expect(classify("x.dockerfile")).toBe("dockerfile");
    expect(classify("dockerfile")).toBeUndefined();
    expect(classify("DOCKERFILE")).toBeUndefined();
    expect(classify("Dockerfile.dockerignore")).toBeUndefined();
    // redpanda's tools/docker/Dockerfile.ignore (`**`, `!install-dependencies.sh`) is an ignore file.
    expect(classify("Dockerfile.ignore")).toBeUndefined();
  });

  it("leaves out the templates a generator renders, and only those", () => {
    for (const name of ["Dockerfile.template", "Dockerfile.tmpl", "Dockerfile.tpl", "Dockerfile.j2", "Dockerfile.jinja2", "Dockerfile.erb", "Dockerfile.in", "api.Dockerfile.gotmpl", "Containerfile.hbs", "Dockerfile.tt", "Dockerfile.ncl"]) {
      expect(classify(name), name).toBeUndefined();
    }
    for (const name of ["Dockerfile.main", "Dockerfile.bin", "Dockerfile.example", "Dockerfile.alpine", "Dockerfile.templates-builder", "Dockerfile-alpine", "Dockerfile_dev", "Containerfile-arm64", "Dockerfile.tty", "Dockerfile.ignored-files"]) {
      expect(classify(name), name).toBe("dockerfile");
    }
  });

  it("classifies the Compose names docker compose uses and their -f variants", () => {
    for (const name of [
      "compose.yaml",
      "compose.yml",
      "compose.override.yaml",
      "compose.prod.yml",
      "docker-compose.yaml",
      "docker-compose.yml",
      "docker-compose.override.yml",
      "docker-compose.prod.yaml",
      "docker-compose.ci.test.yml",
      "compose-prod.yml",
      "docker-compose-prod.yml",
      "docker-compose-tls.yaml",
      "app-compose.yml",
      "seaweedfs-compose.yaml",
      "dev.docker-compose.yml",
      "mysql-docker-compose.yml",
      "stack.compose.yaml",
    ]) {
      expect(classify(name), name).toBe("compose");
    }
    for (const name of [
      "app-composer.yml",
      "mycompose.yaml",
      "Compose.yaml",
      "docker-compose.YML",
      "compose.json",
      "compose.yaml.bak",
      "compose.yaml.d",
      "docker-compose",
      "daemon.json.bak",
      "my-daemon.json",
    ]) {
      expect(classify(name), name).toBeUndefined();
    }
  });

  it("takes a custom discovery table (adding a kind is one entry)", async () => {
    const { targets, problems } = await discoverFiles(["."], {
      cwd: dir,
      errorOnUnmatchedPattern: true,
      discovery: [{ kind: "daemon", patterns: ["daemon.json"] }],
    });
    expect(problems).toEqual([]);
    expect(targets.map((t) => [path.relative(dir, t.path), t.kind])).toEqual([["daemon.json", "daemon"]]);
  });

  it("searches a node_modules directory that is named explicitly", async () => {
    const { results } = await runJson(["node_modules"], { cwd: dir });
    expect(relativePaths(results, dir)).toEqual(["node_modules/pkg/Dockerfile", "node_modules/pkg/compose.yaml"]);
  });
});

describe("Go's vendor directory", () => {
  const dir = tempDir({
    Dockerfile: CLEAN,
    "vendor/modules.txt": "# github.com/acme/lib v1.0.0\n",
    "vendor/github.com/acme/lib/Dockerfile": FAILING,
    "tools/vendor/Dockerfile": CLEAN,
  });

  it("is skipped by a directory search and a glob, as node_modules is; a vendor/ without modules.txt is searched", async () => {
    for (const args of [["."], ["**/Dockerfile"]]) {
      const { results } = await runJson(args, { cwd: dir });
      expect(relativePaths(results, dir), args.join(" ")).toEqual(["Dockerfile", "tools/vendor/Dockerfile"]);
    }
  });

  it("is searched when named, or when the glob starts inside it", async () => {
    for (const args of [["vendor"], ["vendor/**/Dockerfile"]]) {
      const { results } = await runJson(args, { cwd: dir });
      expect(relativePaths(results, dir), args.join(" ")).toEqual(["vendor/github.com/acme/lib/Dockerfile"]);
    }
  });
});

describe("Compose files in directory searches", () => {
  const ONLY_NON_ROOT_AND_SCHEMA = builtinRules.filter((rule) => rule.meta.id === "require-non-root-user" || rule.meta.id === "valid-schema");

  it("lints both the Dockerfile and the compose.yaml of a directory, each with its own language", async () => {
    const dir = tempDir({ Dockerfile: FAILING, "compose.yaml": "services:\n  web:\n    build: .\n    imagee: web\n" });
    const { code, results, stderr } = await runJson([], { cwd: dir, rules: ONLY_NON_ROOT_AND_SCHEMA });
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(results.map((r) => [path.relative(dir, r.filePath), r.kind])).toEqual([
      ["Dockerfile", "dockerfile"],
      ["compose.yaml", "compose"],
    ]);
    expect(results[0]?.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([["require-non-root-user", 1, 1]]);
    // The project view: `web` builds the Dockerfile beside it, which never sets USER.
    expect(results[1]?.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([
      ["require-non-root-user", 2, 3],
      ["valid-schema", 4, 5],
    ]);
  });

  it("finds compose.override.yaml, docker-compose.prod.yml and app-compose.yml, but not app-composer.yml", async () => {
    const dir = tempDir({
      "compose.override.yaml": "services:\n  web:\n    environment: [A=1]\n",
      "ops/docker-compose.prod.yml": "services:\n  web:\n    image: nginx:1.27\n",
      "app-compose.yml": "services:\n  web:\n    image: nginx:1.27\n",
      "app-composer.yml": "services:\n  web:\n    image: nginx:1.27\n",
    });
    const { code, results } = await runJson(["."], { cwd: dir, rules: ONLY_NON_ROOT_AND_SCHEMA });
    expect(code).toBe(0);
    expect(results.map((r) => [path.relative(dir, r.filePath), r.kind, r.messages.length])).toEqual([
      ["app-compose.yml", "compose", 0],
      ["compose.override.yaml", "compose", 0],
      ["ops/docker-compose.prod.yml", "compose", 0],
    ]);
  });

  it("is a match: a directory holding only a Compose file does not fail as empty", async () => {
    const dir = tempDir({ "stack/docker-compose.yml": "services:\n  web:\n    image: nginx:1.27\n" });
    const { code, stderr, results } = await runJson(["stack"], { cwd: dir });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(relativePaths(results, dir)).toEqual(["stack/docker-compose.yml"]);
  });

  it("a glob without --kind picks the Compose files among the YAML files it matches", async () => {
    const dir = tempDir({
      "a/compose.yaml": "services: {}\n",
      "a/values.yaml": "replicas: 2\n",
      "b/docker-compose.ci.yml": "services: {}\n",
      "b/composer.yml": "services: {}\n",
    });
    const { results } = await runJson(["**/*.y*ml"], { cwd: dir });
    expect(results.map((r) => [path.relative(dir, r.filePath), r.kind])).toEqual([
      ["a/compose.yaml", "compose"],
      ["b/docker-compose.ci.yml", "compose"],
    ]);
  });
});

describe("explicit files", () => {
  it("lints a file of any name, detecting the kind from its content", async () => {
    const dir = tempDir({ "build/app.txt": FAILING });
    const { code, results } = await runJson(["build/app.txt"], { cwd: dir });
    expect(code).toBe(1);
    expect(results).toHaveLength(1);
    expect(results[0]?.kind).toBe("dockerfile");
    expect(results[0]?.messages[0]?.ruleId).toBe("require-non-root-user");
  });

  it("lints an explicitly named .dockerignore-looking or lowercase file too", async () => {
    const dir = tempDir({ dockerfile: FAILING });
    const { code, results } = await runJson(["dockerfile"], { cwd: dir });
    expect(code).toBe(1);
    expect(results[0]?.kind).toBe("dockerfile");
  });

  it("gives a fatal result when neither name nor content tells the kind, and --kind settles it", async () => {
    const dir = tempDir({ "notes.txt": "# just a comment\nMAINTAINER me\nUSER 1\n" });
    const unknown = await runJson(["notes.txt"], { cwd: dir });
    expect(unknown.code).toBe(1);
    expect(unknown.results[0]?.messages[0]?.fatal).toBe(true);
    expect(unknown.results[0]?.messages[0]?.message).toMatch(/kind/);

    const known = await runJson(["notes.txt", "--kind", "dockerfile"], { cwd: dir });
    expect(known.results[0]?.kind).toBe("dockerfile");
    expect(known.results[0]?.fatalErrorCount).toBe(0);
  });

  it("lints each file once even when named several times, in path order", async () => {
    const dir = tempDir({ Dockerfile: FAILING, "b/Dockerfile": CLEAN, "a/Dockerfile": CLEAN });
    const { results } = await runJson(["Dockerfile", "./Dockerfile", "b", ".", path.join(dir, "Dockerfile")], { cwd: dir });
    expect(relativePaths(results, dir)).toEqual(["Dockerfile", "a/Dockerfile", "b/Dockerfile"]);
  });

  it("lints an explicitly named compose file with the Compose language (loaded on demand)", async () => {
    const dir = tempDir({ "compose.yaml": "services:\n  web:\n    imagee: nginx\n", "ok/compose.yaml": "services:\n  web:\n    image: nginx:1.27\n" });
    const rules = builtinRules.filter((rule) => rule.meta.id === "valid-schema");
    const { code, results } = await runJson(["compose.yaml"], { cwd: dir, rules });
    expect(code).toBe(1);
    expect(results[0]?.kind).toBe("compose");
    expect(results[0]?.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([["valid-schema", 3, 5]]);
    const clean = await runJson(["ok/compose.yaml"], { cwd: dir, rules });
    expect(clean.results[0]?.messages.filter((m) => m.ruleId === "valid-schema")).toEqual([]);
  });
});

describe("glob patterns", () => {
  const dir = tempDir({
    Dockerfile: CLEAN,
    "Dockerfile.prod": FAILING,
    "Dockerfile.dockerignore": "x\n",
    "sub/Dockerfile": CLEAN,
    "node_modules/x/Dockerfile": FAILING,
    "build/app.txt": CLEAN,
    "build/other.txt": CLEAN,
  });

  it("lints the recognised files a glob matches", async () => {
    const { code, results } = await runJson(["**/Dockerfile*"], { cwd: dir });
    expect(code).toBe(1);
    expect(relativePaths(results, dir)).toEqual(["Dockerfile", "Dockerfile.prod", "sub/Dockerfile"]);
  });

  it("reads a backslash as a path separator, as a glob typed in a Windows shell (so it cannot escape)", async () => {
    const { results } = await runJson(["**\\Dockerfile", "sub\\Docker*"], { cwd: dir });
    expect(relativePaths(results, dir)).toEqual(["Dockerfile", "sub/Dockerfile"]);
  });

  it("lints every match with --kind", async () => {
    const { results } = await runJson(["build/*.txt", "--kind", "dockerfile"], { cwd: dir });
    expect(relativePaths(results, dir)).toEqual(["build/app.txt", "build/other.txt"]);
    expect(results.every((r) => r.kind === "dockerfile" && r.errorCount === 0)).toBe(true);
  });

  it("fails with exit code 2 when a glob matches nothing, unless told not to", async () => {
    const none = await run(["**/*.Containerfile"], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stdout).toBe("");
    expect(none.stderr).toContain('No files matching the pattern "**/*.Containerfile"');

    const allowed = await run(["**/*.Containerfile", "--no-error-on-unmatched-pattern", "-f", "json"], { cwd: dir });
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout)).toEqual([]);
  });
});

describe("paths that find nothing", () => {
  it("exits 2 naming a path that does not exist, and still lints the others", async () => {
    const dir = tempDir({ Dockerfile: FAILING });
    const { code, results, stderr } = await runJson(["Dockerfile", "missing/Dockerfile"], { cwd: dir });
    expect(code).toBe(2);
    expect(relativePaths(results, dir)).toEqual(["Dockerfile"]);
    expect(results[0]?.messages[0]?.ruleId).toBe("require-non-root-user");
    expect(stderr).toBe('docklint: No such file or directory: "missing/Dockerfile".\n');
  });

  it("exits 2 when a directory holds no Dockerfile, Compose file or daemon.json", async () => {
    const dir = tempDir({ "README.md": "hi\n", "app-composer.yml": "services: {}\n", "daemon.json.bak": "{}\n", "node_modules/x/Dockerfile": FAILING });
    const { code, stderr } = await run([], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/"\." is a directory and holds no Dockerfile, Compose file or daemon.json docklint looks for \(Dockerfile, /);
    expect(stderr).toContain("--no-error-on-unmatched-pattern");
  });

  it("reports every pattern that finds nothing, not only the first", async () => {
    const dir = tempDir({ "a/Dockerfile": CLEAN, "empty/README.md": "x\n" });
    const { code, results, stderr } = await runJson(["nope", "a", "empty", "**/*.Containerfile"], { cwd: dir });
    expect(code).toBe(2);
    expect(relativePaths(results, dir)).toEqual(["a/Dockerfile"]);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('docklint: No such file or directory: "nope".');
    expect(lines[1]).toMatch(/^docklint: "empty" is a directory and holds no Dockerfile, Compose file or daemon.json/);
    expect(lines[2]).toMatch(/^docklint: No files matching the pattern "\*\*\/\*\.Containerfile" were found/);
  });
});

describe("symbolic links", () => {
  it("survives a directory loop and does not enter symlinked directories", async () => {
    const dir = tempDir({ "a/Dockerfile": CLEAN, "real/Dockerfile": CLEAN });
    fs.symlinkSync("..", path.join(dir, "a/loop"));
    fs.symlinkSync(path.join(dir, "a"), path.join(dir, "a/self"));
    fs.symlinkSync("real", path.join(dir, "linked"));
    const { code, results } = await runJson(["."], { cwd: dir });
    expect(code).toBe(0);
    expect(relativePaths(results, dir)).toEqual(["a/Dockerfile", "real/Dockerfile"]);
    // A glob walks the same tree without following the loop either.
    const globbed = await runJson(["**/Dockerfile"], { cwd: dir });
    expect(relativePaths(globbed.results, dir)).toEqual(["a/Dockerfile", "real/Dockerfile"]);
    // A loop named on the command line ends in ELOOP: named, exit 2, the rest still linted.
    fs.symlinkSync("spin", path.join(dir, "spin"));
    const named = await runJson(["spin/Dockerfile", "a"], { cwd: dir });
    expect(named.code).toBe(2);
    expect(named.stderr).toBe('docklint: Cannot access "spin/Dockerfile": too many levels of symbolic links.\n');
    expect(relativePaths(named.results, dir)).toEqual(["a/Dockerfile"]);
  });

  it("lints a symlinked Dockerfile, gives a broken one a fatal result, and skips a link to a directory", async () => {
    const dir = tempDir({ "build/prod.df": FAILING });
    fs.symlinkSync("build/prod.df", path.join(dir, "Dockerfile"));
    fs.symlinkSync("nowhere", path.join(dir, "Dockerfile.gone"));
    fs.mkdirSync(path.join(dir, "ctx"));
    fs.symlinkSync("ctx", path.join(dir, "Dockerfile.d"));
    const { results } = await runJson(["."], { cwd: dir });
    expect(relativePaths(results, dir)).toEqual(["Dockerfile", "Dockerfile.gone"]);
    expect(results[0]?.messages[0]?.ruleId).toBe("require-non-root-user");
    expect(results[1]?.messages[0]).toMatchObject({ fatal: true, line: 1, column: 1 });
  });

  it("lints a file that a search finds under its own name and through a link once, under its own name", async () => {
    // vaultwarden's Dockerfile -> docker/Dockerfile.debian: every finding was reported twice.
    const dir = tempDir({ "docker/Dockerfile.debian": FAILING, "other/Dockerfile": CLEAN });
    fs.symlinkSync("docker/Dockerfile.debian", path.join(dir, "Dockerfile"));
    fs.symlinkSync("../docker/Dockerfile.debian", path.join(dir, "other/Dockerfile.debian"));
    for (const args of [["."], ["**/*"]]) {
      const { results } = await runJson(args, { cwd: dir });
      expect(relativePaths(results, dir), args.join(" ")).toEqual(["docker/Dockerfile.debian", "other/Dockerfile"]);
    }
    // Searched through the link's directory only, or named: the link is what there is to lint.
    expect(relativePaths((await runJson(["other"], { cwd: dir })).results, dir)).toEqual(["other/Dockerfile", "other/Dockerfile.debian"]);
    expect(relativePaths((await runJson([".", "Dockerfile"], { cwd: dir })).results, dir)).toEqual(["Dockerfile", "docker/Dockerfile.debian", "other/Dockerfile"]);
  });

  it("follows a symlinked directory named on the command line", async () => {
    const dir = tempDir({ "real/Dockerfile": CLEAN });
    fs.symlinkSync("real", path.join(dir, "link"));
    const { results } = await runJson(["link"], { cwd: dir });
    expect(relativePaths(results, dir)).toEqual(["link/Dockerfile"]);
  });
});
