import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRules, defineRule, parseDockerfile, type Rule } from "@docklint/core";
import { MAX_FILE_BYTES } from "../src/files.js";
import { FileCache, inferredBuildContext, siblingLister, siblingReader } from "../src/lint.js";
import { relativePaths, runJson, tempDir } from "./helpers.js";

const isRoot = process.getuid?.() === 0;

function hasMkfifo(): boolean {
  try {
    execFileSync("mkfifo", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const ONLY_IGNORED = builtinRules.filter((rule) => rule.meta.id === "no-copy-ignored-file");
const DOCKERFILE = "FROM scratch\nCOPY secret.txt /x\n";

describe("the .dockerignore beside a Dockerfile", () => {
  it("is read, so COPY of an ignored file is reported", async () => {
    const dir = tempDir({ Dockerfile: DOCKERFILE, ".dockerignore": "secret.txt\n" });
    const { results } = await runJson([], { cwd: dir, rules: ONLY_IGNORED });
    expect(results).toHaveLength(1);
    expect(results[0]?.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([["no-copy-ignored-file", 2, 6]]);
  });

  it("prefers <name>.dockerignore next to the Dockerfile", async () => {
    const dir = tempDir({ "app/Dockerfile": DOCKERFILE, "app/Dockerfile.dockerignore": "other\n", "app/.dockerignore": "secret.txt\n" });
    const { results } = await runJson(["app/Dockerfile"], { cwd: dir, rules: ONLY_IGNORED });
    expect(results[0]?.messages).toEqual([]);
  });

  it("is not looked for when the Dockerfile comes on standard input without a name", async () => {
    const dir = tempDir({ ".dockerignore": "secret.txt\n" });
    const { results } = await runJson(["--stdin"], { cwd: dir, stdin: DOCKERFILE, rules: ONLY_IGNORED });
    expect(results[0]?.messages).toEqual([]);
  });

  it("is read beside --stdin-filename", async () => {
    const dir = tempDir({ "svc/.dockerignore": "secret.txt\n" });
    const { results } = await runJson(["--stdin", "--stdin-filename", "svc/Dockerfile"], { cwd: dir, stdin: DOCKERFILE, rules: ONLY_IGNORED });
    expect(results[0]?.messages.map((m) => m.ruleId)).toEqual(["no-copy-ignored-file"]);
  });
});

describe("the build context of a Dockerfile nothing else names, from what it copies", () => {
  const COPIES = "FROM scratch\nCOPY requirements/ /req/\nCOPY app/main.py /app/\nCOPY . /src\n";

  it("is the directory above that holds every source when the Dockerfile's own holds none (docker build -f docker/Dockerfile .)", async () => {
    const dir = tempDir({ ".git/HEAD": "x\n", "docker/app.Dockerfile": COPIES, "requirements/base.txt": "", "app/main.py": "", ".dockerignore": "app\n" });
    const { results } = await runJson(["docker/app.Dockerfile"], { cwd: dir, rules: ONLY_IGNORED });
    expect(results[0]?.messages.map((m) => m.message)).toEqual([expect.stringContaining("by `app` (../.dockerignore line 1)")]);
    const files = new FileCache();
    expect(inferredBuildContext(path.join(dir, "docker/app.Dockerfile"), parseDockerfile(COPIES), files)).toBe(dir);
  });

  it("stays the Dockerfile's own directory when that holds a source, an ancestor lacks one, or the sources are above the repository", () => {
    const own = tempDir({ ".git/HEAD": "x\n", "docker/Dockerfile": COPIES, "docker/requirements/base.txt": "", "requirements/base.txt": "", "app/main.py": "" });
    expect(inferredBuildContext(path.join(own, "docker/Dockerfile"), parseDockerfile(COPIES), new FileCache())).toBeUndefined();
    const partial = tempDir({ ".git/HEAD": "x\n", "docker/Dockerfile": COPIES, "requirements/base.txt": "" });
    expect(inferredBuildContext(path.join(partial, "docker/Dockerfile"), parseDockerfile(COPIES), new FileCache())).toBeUndefined();
    const above = tempDir({ "repo/.git/HEAD": "x\n", "repo/docker/Dockerfile": COPIES, "requirements/base.txt": "", "app/main.py": "" });
    expect(inferredBuildContext(path.join(above, "repo/docker/Dockerfile"), parseDockerfile(COPIES), new FileCache())).toBeUndefined();
    // Globs, `.`, `--from`, URLs and unknown variables are no evidence; with nothing else there is none.
    const noEvidence = "FROM scratch\nARG V\nCOPY *.txt /x/\nCOPY . /src\nCOPY --from=build /out /out\nADD https://example.com/a.tgz /\nCOPY $V /v\n";
    const bare = tempDir({ ".git/HEAD": "x\n", "docker/Dockerfile": noEvidence });
    expect(inferredBuildContext(path.join(bare, "docker/Dockerfile"), parseDockerfile(noEvidence), new FileCache())).toBeUndefined();
  });

  it("gives way to a build context the config names", async () => {
    const dir = tempDir({
      ".git/HEAD": "x\n",
      "docker/app.Dockerfile": COPIES,
      "docker/.dockerignore": "nothing\n",
      "requirements/base.txt": "",
      "app/main.py": "",
      ".dockerignore": "app\n",
      "docklint.config.json": JSON.stringify({ overrides: [{ files: ["docker/*"], settings: { buildContext: "." } }] }),
    });
    const { results } = await runJson(["docker/app.Dockerfile"], { cwd: dir, rules: ONLY_IGNORED });
    expect(results[0]?.messages).toEqual([]);
  });
});

describe("siblingReader", () => {
  it("reads files in the linted file's directory and below", () => {
    const dir = tempDir({ "a/Dockerfile": "", "a/.dockerignore": "x\n", "a/sub/f": "y" });
    const read = siblingReader(path.join(dir, "a/Dockerfile"));
    expect(read?.(".dockerignore")).toBe("x\n");
    expect(read?.("sub/f")).toBe("y");
    expect(read?.("missing")).toBeUndefined();
    expect(read?.("sub")).toBeUndefined();
  });

  it("refuses paths that leave the directory or are absolute", () => {
    const dir = tempDir({ "a/Dockerfile": "", secret: "s" });
    const read = siblingReader(path.join(dir, "a/Dockerfile"));
    expect(fs.existsSync(path.join(dir, "secret"))).toBe(true);
    expect(read?.("../secret")).toBeUndefined();
    expect(read?.("sub/../../secret")).toBeUndefined();
    expect(read?.(path.join(dir, "secret"))).toBeUndefined();
    expect(read?.("")).toBeUndefined();
  });

  it("with a run's FileCache, answers as without one, each path read once per run", () => {
    const dir = tempDir({ "a/Dockerfile": "", "a/Dockerfile.prod": "", "a/.dockerignore": "x\n", "a/sub/f": "y", "a/Sub.txt": "z" });
    const cache = new FileCache();
    const first = siblingReader(path.join(dir, "a/Dockerfile"), "dockerfile", undefined, cache);
    const second = siblingReader(path.join(dir, "a/Dockerfile.prod"), "dockerfile", undefined, cache);
    for (const name of [".dockerignore", "sub/f", "Sub.txt", "missing", "sub", "Dockerfile.dockerignore", "sub/missing"]) {
      expect(first?.(name), name).toBe(siblingReader(path.join(dir, "a/Dockerfile"))?.(name));
    }
    // The second Dockerfile of the directory gets the answers the first one's lint read.
    fs.writeFileSync(path.join(dir, "a/.dockerignore"), "changed\n");
    expect(second?.(".dockerignore")).toBe("x\n");
    expect(siblingLister(path.join(dir, "a/Dockerfile"), "dockerfile", undefined, cache)?.("sub")).toEqual(["f"]);
    fs.writeFileSync(path.join(dir, "a/sub/g"), "");
    expect(siblingLister(path.join(dir, "a/Dockerfile.prod"), "dockerfile", undefined, cache)?.("sub")).toEqual(["f"]);
  });

  it("gives unnamed standard input no reader", () => {
    expect(siblingReader("<text>")).toBeUndefined();
    expect(siblingReader("<text>", "compose")).toBeUndefined();
  });

  it("keeps a Dockerfile inside its directory whatever kind is passed, except compose", () => {
    const dir = tempDir({ "a/Dockerfile": "", "a/.dockerignore": "x\n", secret: "s" });
    for (const kind of ["dockerfile", "daemon", undefined] as const) {
      const read = siblingReader(path.join(dir, "a/Dockerfile"), kind);
      expect(read?.(".dockerignore"), kind).toBe("x\n");
      expect(read?.("../secret"), kind).toBeUndefined();
      expect(read?.(path.join(dir, "secret")), kind).toBeUndefined();
    }
  });
});

describe("siblingReader for Compose files", () => {
  it("follows relative paths that go up, and absolute paths, as Compose resolves extends.file, include and env_file", () => {
    const dir = tempDir({
      "deploy/prod/compose.yaml": "",
      "deploy/prod/app.env": "A=1\n",
      "deploy/common/base.yaml": "services: {}\n",
      "shared.env": "B=2\n",
    });
    const read = siblingReader(path.join(dir, "deploy/prod/compose.yaml"), "compose");
    expect(read?.("app.env")).toBe("A=1\n");
    expect(read?.("./app.env")).toBe("A=1\n");
    expect(read?.("../common/base.yaml")).toBe("services: {}\n");
    expect(read?.("../../shared.env")).toBe("B=2\n");
    expect(read?.("sub/../../common/base.yaml")).toBe("services: {}\n");
    expect(read?.(path.join(dir, "shared.env"))).toBe("B=2\n");
  });

  it("gives undefined for a directory, a missing file, an empty path, a Windows drive path and a file over the size cap", () => {
    const dir = tempDir({ "compose.yaml": "", "env/app.env": "A=1\n" });
    const read = siblingReader(path.join(dir, "compose.yaml"), "compose");
    expect(read?.("env/app.env")).toBe("A=1\n");
    expect(read?.("env")).toBeUndefined();
    expect(read?.("..")).toBeUndefined();
    expect(read?.(".")).toBeUndefined();
    expect(read?.("")).toBeUndefined();
    expect(read?.("missing.env")).toBeUndefined();
    expect(read?.("../missing/x.env")).toBeUndefined();
    expect(read?.("C:\\stack\\app.env")).toBeUndefined();
    const big = path.join(dir, "big.env");
    fs.writeFileSync(big, "");
    // Sparse: nothing is written, the size is what stat reports.
    fs.truncateSync(big, MAX_FILE_BYTES + 1);
    expect(read?.("big.env")).toBeUndefined();
    fs.truncateSync(big, 4);
    expect(read?.("big.env")).toBe("\0\0\0\0");
  });

  it.skipIf(!hasMkfifo())("does not block on a FIFO and refuses devices", () => {
    const dir = tempDir({ "compose.yaml": "" });
    execFileSync("mkfifo", [path.join(dir, "pipe.env")]);
    const read = siblingReader(path.join(dir, "compose.yaml"), "compose");
    expect(read?.("pipe.env")).toBeUndefined();
    if (fs.existsSync("/dev/zero")) expect(read?.("/dev/zero")).toBeUndefined();
  });

  it.skipIf(isRoot)("gives undefined for a file it may not read", () => {
    const dir = tempDir({ "compose.yaml": "", "secret.env": "S=1\n" });
    fs.chmodSync(path.join(dir, "secret.env"), 0o000);
    const read = siblingReader(path.join(dir, "compose.yaml"), "compose");
    expect(read?.("secret.env")).toBeUndefined();
    fs.chmodSync(path.join(dir, "secret.env"), 0o600);
  });
});

/**
 * No built-in rule reads other files of a Compose file yet: a test rule per kind reads the paths listed in
 * `# read: <path>` comments and reports what it got, so the whole path from a job's kind to the reader is exercised.
 */
function readingRule(kind: "dockerfile" | "compose"): Rule {
  return defineRule<unknown>({
    meta: {
      id: `test-read-${kind}`,
      kind,
      category: "correctness",
      severity: "error",
      docs: "Report what the referenced files contain.",
      presets: ["recommended"],
      messages: { read: "{{path}}: {{content}}" },
      references: {},
    },
    check({ source, services, report }) {
      for (const match of source.text.matchAll(/^# read: (.+)$/gm)) {
        const relativePath = match[1] ?? "";
        const content = services.readFile ? (services.readFile(relativePath)?.trim() ?? "(unreadable)") : "(no reader)";
        report({ messageId: "read", data: { path: relativePath, content }, range: [match.index, match.index + match[0].length] });
      }
    },
  }) as Rule;
}
const READING_RULES = [readingRule("dockerfile"), readingRule("compose")];

describe("the files a linted file refers to, end to end", () => {
  const files = {
    "shared.env": "from-parent\n",
    "app/local.env": "from-beside\n",
    "app/compose.yaml": "# read: ../shared.env\n# read: local.env\nservices: {}\n",
    "app/stack.yml": "# read: ../shared.env\nservices: {}\n",
    "app/Dockerfile": "# read: ../shared.env\n# read: local.env\nFROM scratch\n",
  };
  const messages = (results: { messages: { message: string }[] }[]): string[][] => results.map((r) => r.messages.map((m) => m.message));

  it("lets a Compose file found by directory search read ../, while a Dockerfile stays in its directory", async () => {
    const dir = tempDir(files);
    const { results } = await runJson(["app"], { cwd: dir, rules: READING_RULES });
    expect(relativePaths(results, dir)).toEqual(["app/Dockerfile", "app/compose.yaml"]);
    expect(messages(results)).toEqual([
      ["../shared.env: (unreadable)", "local.env: from-beside"],
      ["../shared.env: from-parent", "local.env: from-beside"],
    ]);
  });

  it("uses the Compose reader for a Compose file whose kind comes from its content or from --kind", async () => {
    const dir = tempDir(files);
    const sniffed = await runJson(["app/stack.yml"], { cwd: dir, rules: READING_RULES });
    expect(sniffed.results[0]?.kind).toBe("compose");
    expect(messages(sniffed.results)).toEqual([["../shared.env: from-parent"]]);
    const stdin = await runJson(["--stdin", "--stdin-filename", "app/stack.yml"], { cwd: dir, stdin: files["app/stack.yml"], rules: READING_RULES });
    expect(messages(stdin.results)).toEqual([["../shared.env: from-parent"]]);
    const unnamed = await runJson(["--stdin", "--kind", "compose"], { cwd: dir, stdin: files["app/stack.yml"], rules: READING_RULES });
    expect(messages(unnamed.results)).toEqual([["../shared.env: (no reader)"]]);
  });
  it("gives core's Compose loader the files an `extends.file` names in a parent directory", async () => {
    const dir = tempDir({
      "common/base.yaml": "services:\n  base:\n    image: nginx:1.27\n    privileged: true\n",
      "app/compose.yaml": "services:\n  web:\n    extends:\n      file: ../common/base.yaml\n      service: base\n",
    });
    const onlyPrivileged = builtinRules.filter((rule) => rule.meta.id === "no-privileged");
    const { code, results } = await runJson(["app"], { cwd: dir, rules: onlyPrivileged });
    expect(code).toBe(1);
    // Inherited from the other file: reported at this service's `extends:` key, the line to edit here.
    expect(results[0]?.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([["no-privileged", 3, 5]]);
  });
});
