import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintText, type FileKind } from "@docklint/core";
import "@docklint/core/compose";
import { classify } from "docklint";
import plugin from "../src/index.js";
import { eslintRuleId, finding, MAJORS, tempDir } from "./helpers.js";

const DOCKERFILE = "FROM ubuntu:22.04\nRUN apt-get install -y curl=1.2\nMAINTAINER me\nRUN sudo ls\n";
const COMPOSE = "services:\n  web:\n    image: nginx\n    privileged: true\n";

/** Core's findings for a text with every rule on, named as ESLint names them. */
function coreFindings(text: string, kind: FileKind, filePath = "<text>") {
  return lintText(text, { kind, filePath, config: { extends: ["all"] } }).messages.map((m) => finding({ ...m, ruleId: eslintRuleId(m) }));
}

const byPosition = (a: { line: number; column: number; ruleId: string | null; message: string }, b: typeof a) =>
  a.line - b.line || a.column - b.column || (a.ruleId ?? "").localeCompare(b.ruleId ?? "") || a.message.localeCompare(b.message);

describe.each(MAJORS)("ESLint $major Node API", ({ ESLint }) => {
  const eslintFor = (cwd: string, extra: object[] = [], options: object = {}) =>
    new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [...plugin.configs.all, ...extra] as never, ...options });

  it("reports core's findings for a Dockerfile and a Compose file, rule for rule and position for position", async () => {
    const dir = tempDir({ Dockerfile: DOCKERFILE, "compose.yaml": COMPOSE });
    const results = await eslintFor(dir).lintFiles(["."]);
    const docker = results.find((r) => r.filePath.endsWith("Dockerfile"));
    const compose = results.find((r) => r.filePath.endsWith("compose.yaml"));
    expect(docker?.messages.map(finding).sort(byPosition)).toEqual(coreFindings(DOCKERFILE, "dockerfile").sort(byPosition));
    expect(compose?.messages.map(finding).sort(byPosition)).toEqual(coreFindings(COMPOSE, "compose").sort(byPosition));
    expect(docker?.messages.map((m) => m.ruleId)).toContain("docklint/no-maintainer");
    expect(compose?.messages.find((m) => m.ruleId === "docklint/no-privileged")).toMatchObject({ line: 4, column: 17 });
  });

  it("never touches JavaScript files nor Dockerfile.dockerignore", async () => {
    const dir = tempDir({ Dockerfile: DOCKERFILE, "index.js": 'const from = "FROM ubuntu";\nexport default from;\n', "Dockerfile.dockerignore": "MAINTAINER me\n" });
    const results = await eslintFor(dir).lintFiles(["."]);
    expect(results.map((r) => path.basename(r.filePath)).sort()).toEqual(["Dockerfile", "index.js"]);
    expect(results.find((r) => r.filePath.endsWith("index.js"))?.messages).toEqual([]);
  });

  it("gives its languages exactly the files the CLI's directory search picks up", async () => {
    const names = [
      "Dockerfile", "Dockerfile.prod", "api.Dockerfile", "web.dockerfile", "Containerfile", "Containerfile.arm64",
      "Dockerfile.dockerignore", "Dockerfile.template", "Dockerfile.tmpl", "Dockerfile.j2", "Dockerfile.in", "Dockerfile.main", "Dockerfile.example",
      "Dockerfile-alpine", "Dockerfile_dev", "Dockerfile-debian.template", "MyDockerfile",
      "compose.yaml", "compose.prod.yml", "compose-mysql.yaml", "docker-compose.yml", "docker-compose.override.yml", "docker-compose-tls.yml",
      "app-compose.yml", "compose.json", "daemon.json", "my-daemon.json", "index.js",
    ];
    const eslint = eslintFor(tempDir({}));
    // The calculated config holds the language object itself, which names its kind.
    const kinds = Object.fromEntries(await Promise.all(names.map(async (name) => [name, ((await eslint.calculateConfigForFile(`sub/${name}`)) as { language?: { kind?: string } } | undefined)?.language?.kind] as const)));
    const expected = Object.fromEntries(names.map((name) => [name, classify(name)]));
    expect(kinds).toEqual(expected);
  });

  it("applies core's fixes with fix: true, as core's own --fix does", async () => {
    const dir = tempDir({ Dockerfile: DOCKERFILE });
    const [result] = await eslintFor(dir, [], { fix: true }).lintFiles(["Dockerfile"]);
    const expected = lintText(DOCKERFILE, { kind: "dockerfile", config: { extends: ["all"] }, fix: true }).output;
    expect(result?.output).toBe(expected);
    expect(result?.output).toContain('LABEL org.opencontainers.image.authors="me"');
    await ESLint.outputFixes([result as never]);
    expect(fs.readFileSync(path.join(dir, "Dockerfile"), "utf8")).toBe(expected);
  });

  it("does not offer a fix that would leave the file unparseable, which core's --fix refuses too", async () => {
    // Dropping the invisible U+FEFF turns the plain scalar `\uFEFF{x` into an unclosed flow mapping.
    const text = "services:\n  web:\n    image: \uFEFF{x\n";
    const dir = tempDir({ "compose.yaml": text });
    const [result] = await eslintFor(dir, [], { fix: true }).lintFiles(["compose.yaml"]);
    expect(result?.output).toBeUndefined();
    expect(result?.fatalErrorCount).toBe(0);
    expect(result?.messages.find((m) => m.ruleId === "docklint/no-typographic-characters")).toMatchObject({ line: 3, column: 12 });
    expect(lintText(text, { kind: "compose", config: { extends: ["all"] }, fix: true }).output).toBeUndefined();
  });

  it("offers core's suggestions as ESLint suggestions, never applied by --fix", async () => {
    const dir = tempDir({ Dockerfile: DOCKERFILE });
    const [result] = await eslintFor(dir, [], { fix: true }).lintFiles(["Dockerfile"]);
    const message = result?.messages.find((m) => m.ruleId === "docklint/require-no-install-recommends");
    expect(message?.suggestions).toHaveLength(1);
    const suggestion = message?.suggestions?.[0];
    expect(suggestion?.desc).toMatch(/^Add `--no-install-recommends` after `install`/);
    expect(result?.output).not.toContain("--no-install-recommends");
    const fix = suggestion?.fix;
    const applied = fix ? DOCKERFILE.slice(0, fix.range[0]) + fix.text + DOCKERFILE.slice(fix.range[1]) : "";
    expect(applied).toBe("FROM ubuntu:22.04\nRUN apt-get install --no-install-recommends -y curl=1.2\nMAINTAINER me\nRUN sudo ls\n");
  });

  it("honours # eslint-disable-next-line and # eslint-disable / # eslint-enable blocks", async () => {
    const text = [
      "FROM ubuntu:22.04",
      "# eslint-disable-next-line docklint/no-maintainer -- legacy image",
      "MAINTAINER me",
      "# eslint-disable docklint/no-sudo",
      "RUN sudo ls",
      "RUN sudo id",
      "# eslint-enable docklint/no-sudo",
      "RUN sudo pwd",
      "",
    ].join("\n");
    const dir = tempDir({ Dockerfile: text });
    const [result] = await eslintFor(dir).lintFiles(["Dockerfile"]);
    const ids = result?.messages.map((m) => `${m.ruleId}@${m.line}`) ?? [];
    expect(ids).not.toContain("docklint/no-maintainer@3");
    expect(ids).not.toContain("docklint/no-sudo@5");
    expect(ids).not.toContain("docklint/no-sudo@6");
    expect(ids).toContain("docklint/no-sudo@8");
    expect(result?.suppressedMessages.map((m) => `${m.ruleId}@${m.line}`).sort()).toEqual(["docklint/no-maintainer@3", "docklint/no-sudo@5", "docklint/no-sudo@6"]);
    expect(result?.suppressedMessages.find((m) => m.ruleId === "docklint/no-maintainer")?.suppressions).toEqual([{ kind: "directive", justification: "legacy image" }]);
  });

  it("honours disable comments in Compose files, trailing ones included", async () => {
    const text = "services:\n  web:\n    image: nginx:1.27\n    privileged: true # eslint-disable-line docklint/no-privileged\n";
    const dir = tempDir({ "compose.yaml": text });
    const [result] = await eslintFor(dir).lintFiles(["compose.yaml"]);
    expect(result?.messages.map((m) => m.ruleId)).not.toContain("docklint/no-privileged");
    expect(result?.suppressedMessages.map((m) => m.ruleId)).toEqual(["docklint/no-privileged"]);
  });

  it("reports unused disable directives, with ESLint's fix removing them", async () => {
    const text = "FROM ubuntu:22.04\n# eslint-disable-next-line docklint/no-sudo\nRUN echo hi\n";
    const dir = tempDir({ Dockerfile: text });
    const [result] = await eslintFor(dir, [{ linterOptions: { reportUnusedDisableDirectives: "error" } }], { fix: true }).lintFiles(["Dockerfile"]);
    const unused = result?.messages.find((m) => m.ruleId === null);
    // Fixed away by --fix, so ask once more without fixing for the report itself.
    const [report] = await eslintFor(dir, [{ linterOptions: { reportUnusedDisableDirectives: "error" } }]).lintFiles(["Dockerfile"]);
    expect(unused).toBeUndefined();
    expect(report?.messages.find((m) => m.ruleId === null)).toMatchObject({
      line: 2,
      column: 1,
      severity: 2,
      message: "Unused eslint-disable directive (no problems were reported from 'docklint/no-sudo').",
    });
    expect(result?.output).toBe("FROM ubuntu:22.04\n \nRUN echo hi\n");
  });

  it("applies # eslint rule configuration comments", async () => {
    const text = "# eslint docklint/no-maintainer: off\nFROM ubuntu:22.04\nMAINTAINER me\n";
    const dir = tempDir({ Dockerfile: text });
    const [result] = await eslintFor(dir).lintFiles(["Dockerfile"]);
    expect(result?.messages.map((m) => m.ruleId)).not.toContain("docklint/no-maintainer");
    expect(result?.messages.length).toBeGreaterThan(0);
  });

  it("still honours docklint's and hadolint's own suppression comments, as the CLI does", async () => {
    const text = "FROM ubuntu:22.04\n# docklint-disable-next-line no-maintainer\nMAINTAINER me\n# hadolint ignore=DL3004\nRUN sudo ls\n";
    const dir = tempDir({ Dockerfile: text });
    const [result] = await eslintFor(dir).lintFiles(["Dockerfile"]);
    expect(result?.messages.map((m) => m.ruleId)).not.toContain("docklint/no-maintainer");
    expect(result?.messages.map((m) => m.ruleId)).not.toContain("docklint/no-sudo");
    expect(result?.messages.map(finding).sort(byPosition)).toEqual(coreFindings(text, "dockerfile").sort(byPosition));
  });

  it("turns a syntax error into a fatal parsing error at core's 1-based position", async () => {
    const text = "services:\n  web: [\n";
    const dir = tempDir({ "compose.yaml": text });
    const [result] = await eslintFor(dir).lintFiles(["compose.yaml"]);
    const core = lintText(text, { kind: "compose", config: {} }).messages[0];
    expect(result?.fatalErrorCount).toBe(1);
    expect(result?.messages).toHaveLength(1);
    expect(result?.messages[0]).toMatchObject({ ruleId: null, fatal: true, severity: 2, line: core?.line, column: core?.column, message: core?.message });
    expect(result?.messages[0]?.message).toMatch(/^Parsing error: YAML syntax error: /);
    expect(result?.messages[0]?.line).toBe(3);
  });

  it("reports binary content as a fatal error instead of linting it", async () => {
    const dir = tempDir({ Dockerfile: "FROM a\0b\n" });
    const [result] = await eslintFor(dir).lintFiles(["Dockerfile"]);
    expect(result?.messages).toEqual([expect.objectContaining({ fatal: true, line: 1, column: 1, message: expect.stringContaining("NUL bytes") })]);
  });

  it("passes rule options through, with core's defaults, and rejects unknown options by name", async () => {
    const dir = tempDir({ Dockerfile: "FROM ubuntu:22.04\nUSER 10001\n" });
    const withDigest = await eslintFor(dir, [{ files: ["**/Dockerfile"], rules: { "docklint/require-pinned-image": ["error", { requireDigest: true }] } }]).lintFiles(["Dockerfile"]);
    const plain = await eslintFor(dir).lintFiles(["Dockerfile"]);
    expect(withDigest[0]?.messages.some((m) => m.ruleId === "docklint/require-pinned-image")).toBe(true);
    expect(plain[0]?.messages.some((m) => m.ruleId === "docklint/require-pinned-image")).toBe(false);
    await expect(eslintFor(dir, [{ files: ["**/Dockerfile"], rules: { "docklint/require-pinned-image": ["error", { requireDigests: true }] } }]).lintFiles(["Dockerfile"])).rejects.toThrow(
      /docklint\/require-pinned-image.*requireDigests|requireDigests.*docklint\/require-pinned-image|should NOT have additional properties|must NOT have additional properties/s,
    );
  });

  it("lints text without a file on disk (editor buffers) through lintText", async () => {
    const results = await eslintFor(tempDir()).lintText(DOCKERFILE, { filePath: "Dockerfile" });
    expect(results[0]?.messages.map(finding).sort(byPosition)).toEqual(coreFindings(DOCKERFILE, "dockerfile").sort(byPosition));
  });

  it("gives every rule its docs URL in the results' rule metadata", async () => {
    const dir = tempDir({ Dockerfile: DOCKERFILE });
    const eslint = eslintFor(dir);
    const results = await eslint.lintFiles(["Dockerfile"]);
    const meta = eslint.getRulesMetaForResults(results) as Record<string, { docs?: { url?: string } }>;
    expect(meta["docklint/no-maintainer"]?.docs?.url).toBe("https://github.com/docklint/docklint/blob/main/docs/rules/no-maintainer.md");
  });
});
