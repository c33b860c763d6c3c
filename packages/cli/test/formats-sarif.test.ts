import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { builtinRules, lintText, listRules, type Config, type LintMessage, type LintResult } from "@docklint/core";
import { FORMATTERS, rulesMetaFor, type FormatterContext } from "../src/formatters/index.js";
import { toSarif } from "../src/formatters/sarif.js";
import { run, tempDir } from "./helpers.js";

// The SARIF 2.1.0 schema (rtm.5, the version GitHub code scanning and the SARIF SDK validate
// against) as Microsoft's SARIF SDK ships it in @microsoft/jest-sarif (MIT); it is draft-04 JSON Schema.
const require = createRequire(import.meta.url);
const SCHEMA_PATH = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const AjvDraft04 = require("ajv-draft-04") as new (options: object) => {
  compile(schema: unknown): ((data: unknown) => boolean) & { errors?: unknown[] | null };
};
const addFormats = require("ajv-formats") as (ajv: unknown) => void;
// unicodeRegExp: false — the schema's `language` pattern has a stray "]" that only non-Unicode regular expressions accept.
const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_PATH, "utf8")));

function expectValidSarif(log: unknown): void {
  const valid = validateSarif(log);
  expect(validateSarif.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

/** Rules set explicitly: new rules in the presets must not change these reports. */
const RULES: Config["rules"] = {
  "consistent-instruction-casing": "warn",
  "no-maintainer": "warn",
  "require-non-root-user": "error",
  "require-no-install-recommends": "info",
  "require-non-interactive-install": "error",
  "no-sudo": "error",
  "require-pinned-image": "warn",
  "require-cap-drop-all": "warn",
};
const CONFIG: Config = { extends: [], rules: RULES };

const DOCKERFILE = "from alpine:3.19\nMAINTAINER Jo <jo@example.com>\nRUN apt-get install curl\n# docklint-disable-next-line no-sudo\nRUN sudo ls\n";
const COMPOSE = "services:\n  web:\n    image: nginx:latest\n";
const DOCS = "https://github.com/docklint/docklint/blob/main/docs/rules/";

/** Lints files the way the CLI does (core, with the file's text as `source`) and builds the formatter context. */
async function lintTree(files: Record<string, string>): Promise<{ dir: string; results: LintResult[]; context: FormatterContext }> {
  await import("@docklint/core/compose");
  const dir = tempDir(files);
  const results = Object.keys(files)
    .sort()
    .map((name) => ({ ...lintText(files[name] ?? "", { filePath: path.join(dir, name), config: CONFIG }), source: files[name] }));
  return { dir, results, context: { cwd: dir, rulesMeta: rulesMetaFor(results, listRules(builtinRules)), color: false } };
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: Record<string, unknown>[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: Record<string, unknown>[]; toolConfigurationNotifications?: Record<string, unknown>[] }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
      partialFingerprints: Record<string, string>;
      fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: { charOffset: number; charLength: number }; insertedContent: { text: string } }[] }[] }[];
      suppressions?: { kind: string }[];
    }[];
  }[];
}

function sarifOf(results: readonly LintResult[], context: FormatterContext): SarifLog {
  const text = FORMATTERS.sarif(results, context);
  return JSON.parse(text) as SarifLog;
}

/** Applies SARIF replacements (one artifact) to a text, last first. */
function applyReplacements(text: string, replacements: { deletedRegion: { charOffset: number; charLength: number }; insertedContent: { text: string } }[]): string {
  let out = text;
  for (const r of [...replacements].sort((a, b) => b.deletedRegion.charOffset - a.deletedRegion.charOffset)) {
    out = out.slice(0, r.deletedRegion.charOffset) + r.insertedContent.text + out.slice(r.deletedRegion.charOffset + r.deletedRegion.charLength);
  }
  return out;
}

describe("--format sarif", () => {
  it("validates against the SARIF 2.1.0 schema, with Dockerfile, Compose, suppressed, fatal and clean files", async () => {
    const { results, context } = await lintTree({
      Dockerfile: DOCKERFILE,
      "deploy/compose.yaml": COMPOSE,
      "we#ird dir/Dockerfile": "FROM alpine:3.19\nUSER 10001\n",
      "bin/Dockerfile": "FROM a\u0000b\n",
      "c/Dockerfile": "FROM alpine:3.19\n# docklint-disable-next-line not-a-rule\nUSER 1\n",
    });
    const log = sarifOf(results, context);
    expectValidSarif(log);
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    const [runLog] = log.runs;
    expect(runLog?.tool.driver).toMatchObject({ name: "docklint", version: "0.1.0", informationUri: "https://github.com/docklint/docklint" });
    expect(runLog?.results.length).toBeGreaterThan(5);
  });

  it("describes each rule that appears: descriptions, help URI, default level, category and peers' ids as tags", async () => {
    const { results, context } = await lintTree({ Dockerfile: DOCKERFILE });
    const rules = sarifOf(results, context).runs[0]?.tool.driver.rules ?? [];
    const ids = rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    // Suppressed findings keep their rule in the table.
    expect(ids).toContain("no-sudo");
    const nonRoot = rules.find((r) => r.id === "require-non-root-user");
    expect(nonRoot).toMatchObject({
      shortDescription: { text: expect.any(String) },
      fullDescription: { text: expect.stringContaining("hadolint DL3002") },
      helpUri: `${DOCS}require-non-root-user.md`,
      help: { markdown: expect.stringContaining(`(${DOCS}require-non-root-user.md)`) },
      defaultConfiguration: { level: "error" },
    });
    const tags = (nonRoot?.["properties"] as { tags: string[] }).tags;
    expect(tags[0]).toBe("security");
    expect(tags).toContain("hadolint:DL3002");
    const info = rules.find((r) => r.id === "require-no-install-recommends");
    expect(info?.["helpUri"]).toBe(`${DOCS}require-no-install-recommends.md`);
  });

  it("gives every result its rule id and index, level, message and exact region relative to %SRCROOT%", async () => {
    const { dir, results, context } = await lintTree({ Dockerfile: DOCKERFILE, "we#ird dir/Dockerfile": "FROM alpine\nUSER 1\n" });
    const log = sarifOf(results, context);
    const runLog = log.runs[0];
    expect(runLog?.originalUriBaseIds["%SRCROOT%"]?.uri).toBe(`${pathToFileURL(dir).href}/`);
    const rules = runLog?.tool.driver.rules ?? [];
    for (const result of runLog?.results ?? []) {
      expect(rules[result.ruleIndex]?.["id"]).toBe(result.ruleId);
    }
    const nonRoot = runLog?.results.find((r) => r.ruleId === "require-non-root-user");
    expect(nonRoot).toMatchObject({
      level: "error",
      message: { text: expect.stringContaining("never sets USER") },
      locations: [{ physicalLocation: { artifactLocation: { uri: "Dockerfile", uriBaseId: "%SRCROOT%" }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 17 } } }],
    });
    expect(runLog?.results.find((r) => r.ruleId === "require-no-install-recommends")?.level).toBe("note");
    expect(runLog?.results.find((r) => r.ruleId === "no-maintainer")?.level).toBe("warning");
    const weird = runLog?.results.find((r) => r.locations[0]?.physicalLocation.artifactLocation.uri.startsWith("we"));
    expect(weird?.locations[0]?.physicalLocation.artifactLocation.uri).toBe("we%23ird%20dir/Dockerfile");
  });

  it("turns safe fixes and suggestions into SARIF fixes that reproduce docklint's own edits", async () => {
    const { results, context } = await lintTree({ Dockerfile: DOCKERFILE });
    const runLog = sarifOf(results, context).runs[0];
    const maintainer = runLog?.results.find((r) => r.ruleId === "no-maintainer");
    expect(maintainer?.fixes).toHaveLength(1);
    const change = maintainer?.fixes?.[0]?.artifactChanges[0];
    expect(change?.artifactLocation.uri).toBe("Dockerfile");
    expect(maintainer?.fixes?.[0]?.description.text).toContain("docklint --fix");
    expect(applyReplacements(DOCKERFILE, change?.replacements ?? []).split("\n")[1]).toBe('LABEL org.opencontainers.image.authors="Jo <jo@example.com>"');
    const casing = runLog?.results.find((r) => r.ruleId === "consistent-instruction-casing");
    expect(casing?.fixes?.[0]?.artifactChanges[0]?.replacements).toEqual([{ deletedRegion: { charOffset: 0, charLength: 4 }, insertedContent: { text: "FROM" } }]);
    // A suggestion is offered as a fix, described as one that --fix does not apply.
    const recommends = runLog?.results.find((r) => r.ruleId === "require-no-install-recommends");
    expect(recommends?.fixes?.[0]?.description.text).toMatch(/^Suggestion/);
    expect(applyReplacements(DOCKERFILE, recommends?.fixes?.[0]?.artifactChanges[0]?.replacements ?? [])).toContain("--no-install-recommends");
    // No fix, no `fixes`.
    expect(runLog?.results.find((r) => r.ruleId === "require-non-root-user")).not.toHaveProperty("fixes");
  });

  it("marks suppressed findings as suppressed in source", async () => {
    const { results, context } = await lintTree({ Dockerfile: DOCKERFILE });
    const runLog = sarifOf(results, context).runs[0];
    const sudo = runLog?.results.filter((r) => r.ruleId === "no-sudo") ?? [];
    expect(sudo).toHaveLength(1);
    expect(sudo[0]?.suppressions).toEqual([{ kind: "inSource" }]);
    expect(sudo[0]?.locations[0]?.physicalLocation.region).toMatchObject({ startLine: 5 });
    expect(runLog?.results.filter((r) => r.suppressions)).toHaveLength(1);
  });

  it("reports fatal errors as tool execution notifications and other rule-less messages as configuration notifications", async () => {
    const { results, context } = await lintTree({
      "bin/Dockerfile": "FROM a\u0000b\n",
      "c/Dockerfile": "FROM alpine:3.19\n# docklint-disable-next-line not-a-rule\nUSER 1\n",
    });
    const log = sarifOf(results, context);
    expectValidSarif(log);
    const invocation = log.runs[0]?.invocations[0];
    expect(invocation?.executionSuccessful).toBe(false);
    expect(invocation?.toolExecutionNotifications).toEqual([
      {
        level: "error",
        message: { text: expect.stringContaining("looks binary") },
        locations: [{ physicalLocation: { artifactLocation: { uri: "bin/Dockerfile", uriBaseId: "%SRCROOT%" }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } } }],
      },
    ]);
    expect(invocation?.toolConfigurationNotifications).toHaveLength(1);
    expect(invocation?.toolConfigurationNotifications?.[0]).toMatchObject({ level: "warning", message: { text: expect.stringContaining("not-a-rule") } });
    expect(log.runs[0]?.results.every((r) => typeof r.ruleId === "string")).toBe(true);
  });

  it("is a valid, empty log for a clean run, and successful", async () => {
    const { results, context } = await lintTree({ Dockerfile: "FROM alpine:3.19\nUSER 10001\n" });
    const log = sarifOf(results, context);
    expectValidSarif(log);
    expect(log.runs[0]?.results).toEqual([]);
    expect(log.runs[0]?.tool.driver.rules).toEqual([]);
    expect(log.runs[0]?.invocations).toEqual([{ executionSuccessful: true }]);
    expectValidSarif(JSON.parse(FORMATTERS.sarif([], context)));
  });

  it("gives a file outside the working directory an absolute file URI, and survives hand-made results", () => {
    const message: LintMessage = { ruleId: "custom-rule", severity: 1, level: "warning", message: "m", line: 0, column: 0 };
    const hand = { filePath: "/elsewhere/Dockerfile", kind: undefined, messages: [message], errorCount: 0, warningCount: 1, infoCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 } as unknown as LintResult;
    const log = toSarif([hand], { cwd: "/work/project", rulesMeta: {}, color: false }) as unknown as SarifLog;
    expectValidSarif(log);
    const result = log.runs[0]?.results[0];
    // A rule without meta is listed by id alone; positions are clamped to 1.
    expect(log.runs[0]?.tool.driver.rules).toEqual([{ id: "custom-rule" }]);
    expect(result?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: "file:///elsewhere/Dockerfile" }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } });
  });

  it("keeps fingerprints stable when lines move, and distinct for two findings of one rule on one line", async () => {
    const first = await lintTree({ Dockerfile: DOCKERFILE });
    const moved = await lintTree({ Dockerfile: `# a comment\n\n${DOCKERFILE}` });
    const prints = (log: SarifLog, id: string): string[] => log.runs[0]?.results.filter((r) => r.ruleId === id).map((r) => r.partialFingerprints["docklint/v1"] ?? "") ?? [];
    const a = sarifOf(first.results, { ...first.context, cwd: first.dir });
    const b = sarifOf(moved.results, { ...moved.context, cwd: moved.dir });
    expect(prints(a, "no-maintainer")).toEqual(prints(b, "no-maintainer"));
    expect(prints(a, "no-maintainer")[0]).toMatch(/^[0-9a-f]{64}$/);
    const { results, context } = await lintTree({ "compose.yaml": "services:\n  web:\n    image: nginx\n  db:\n    image: nginx\n" });
    const all = sarifOf(results, context).runs[0]?.results.map((r) => r.partialFingerprints["docklint/v1"]) ?? [];
    expect(new Set(all).size).toBe(all.length);
  });
});

const REPO = fileURLToPath(new URL("../../..", import.meta.url));

describe("docklint --format sarif (CLI)", () => {
  it("gives a valid log for the repository's insecure examples (Dockerfiles and Compose files, fixes and suggestions)", async () => {
    const { code, stdout } = await run(["examples/insecure", "--format", "sarif"], { cwd: REPO, rules: builtinRules });
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as SarifLog;
    expectValidSarif(log);
    const runLog = log.runs[0];
    const uris = new Set(runLog?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri));
    expect(uris).toContain("examples/insecure/apache/Dockerfile");
    expect(uris).toContain("examples/insecure/stack/docker-compose.yml");
    for (const result of runLog?.results ?? []) expect(runLog?.tool.driver.rules[result.ruleIndex]?.["id"]).toBe(result.ruleId);
    expect(runLog?.results.some((r) => (r.fixes ?? []).length > 0)).toBe(true);
  });


  it("writes a valid SARIF log with the run's findings and exit code", async () => {
    const dir = tempDir({ "docklint.config.json": JSON.stringify(CONFIG), Dockerfile: DOCKERFILE, "ok/Dockerfile": "FROM alpine:3.19\nUSER 10001\n" });
    const { code, stdout, stderr } = await run(["--format", "sarif"], { cwd: dir, rules: builtinRules });
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as SarifLog;
    expectValidSarif(log);
    expect(log.runs[0]?.results.map((r) => r.ruleId)).toContain("require-non-root-user");
    expect(log.runs[0]?.tool.driver.rules.find((r) => r.id === "require-non-root-user")?.["helpUri"]).toBe(`${DOCS}require-non-root-user.md`);
  });
});
