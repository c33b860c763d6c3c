import fs from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { builtinRules, lintText, listRules, type Config, type LintMessage, type LintResult } from "@docklint/core";
import {
  FORMATTERS,
  FORMATTER_DESCRIPTIONS,
  FORMATTER_NAMES,
  formatReports,
  formatResults,
  isFormatterName,
  loadFormatter,
  rulesMetaFor,
  type FormatterContext,
} from "../src/formatters/index.js";
import { escapeData, escapeProperty } from "../src/formatters/github.js";
import { run, tempDir } from "./helpers.js";

/** Rules set explicitly: new rules in the presets must not change these reports. */
const CONFIG: Config = {
  extends: [],
  rules: {
    "consistent-instruction-casing": "warn",
    "no-maintainer": "warn",
    "require-non-root-user": "error",
    "require-no-install-recommends": "info",
    "no-sudo": "error",
    "require-pinned-image": "warn",
  },
};
const DOCKERFILE = "from alpine:3.19\nMAINTAINER Jo <jo@example.com>\nRUN apt-get install curl\n# docklint-disable-next-line no-sudo\nRUN sudo ls\n";
const CLEAN = "FROM alpine:3.19\nUSER 10001\n";
const BINARY = "FROM a\u0000b\n";
const DOCS = "https://github.com/docklint/docklint/blob/main/docs/rules/";

async function lintTree(files: Record<string, string>): Promise<{ dir: string; results: LintResult[]; context: FormatterContext }> {
  await import("@docklint/core/compose");
  const dir = tempDir(files);
  const results = Object.keys(files)
    .sort()
    .map((name) => ({ ...lintText(files[name] ?? "", { filePath: path.join(dir, name), config: CONFIG }), source: files[name] }));
  return { dir, results, context: { cwd: dir, rulesMeta: rulesMetaFor(results, listRules(builtinRules)), color: false } };
}

/** A result built by hand, with text no rule would produce: every character that needs escaping somewhere. */
function nastyResult(filePath: string): LintResult {
  const message: LintMessage = {
    ruleId: "require-non-root-user",
    severity: 2,
    level: "error",
    message: `100% <bad> & "quoted" 'too' ]]> a NUL \u0000 here,\r\nnext: line`,
    line: 2,
    column: 3,
    endLine: 2,
    endColumn: 9,
  };
  return { filePath, kind: "dockerfile", messages: [message], suppressedMessages: [], errorCount: 1, warningCount: 0, infoCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, source: "FROM a\nRUN sudo x\n" };
}
const NASTY_META = rulesMetaFor([nastyResult("/x/Dockerfile")], listRules(builtinRules));

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseAttributeValue: false,
  parseTagValue: false,
  cdataPropName: "#cdata",
  // Character references (&#10;) decoded, as every XML reader does.
  htmlEntities: true,
  isArray: (_name, jpath) => ["checkstyle.file", "checkstyle.file.error", "testsuites.testsuite", "testsuites.testsuite.testcase"].includes(String(jpath)),
});

function parseXml(xml: string): Record<string, unknown> {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Record<string, unknown>;
}

type Attrs = Record<string, string | undefined>;

describe("--format checkstyle", () => {
  it("is well-formed checkstyle XML with rule id, severity, exact range and doc URL per message", async () => {
    const { dir, results, context } = await lintTree({ Dockerfile: DOCKERFILE, "ok/Dockerfile": CLEAN, "bin/Dockerfile": BINARY });
    const xml = FORMATTERS.checkstyle(results, context);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const doc = parseXml(xml) as { checkstyle: { version: string; file: (Attrs & { error?: Attrs[] })[] } };
    expect(doc.checkstyle.version).toBe("4.3");
    const files = doc.checkstyle.file;
    expect(files.map((f) => f.name)).toEqual([path.join(dir, "Dockerfile"), path.join(dir, "bin/Dockerfile"), path.join(dir, "ok/Dockerfile")]);
    const errors = files[0]?.error ?? [];
    expect(errors.map((e) => e.source)).toEqual([
      "docklint.rules.consistent-instruction-casing",
      "docklint.rules.require-non-root-user",
      "docklint.rules.no-maintainer",
      "docklint.rules.require-no-install-recommends",
    ]);
    expect(errors[1]).toEqual({
      line: "1",
      column: "1",
      endLine: "1",
      endColumn: "17",
      severity: "error",
      message: expect.stringMatching(/never sets USER.* \(require-non-root-user\)$/),
      source: "docklint.rules.require-non-root-user",
      url: `${DOCS}require-non-root-user.md`,
    });
    expect(errors.map((e) => e.severity)).toEqual(["warning", "error", "warning", "info"]);
    // A fatal error has no rule and no URL; a clean file is an empty <file>.
    expect(files[1]?.error?.[0]).toMatchObject({ severity: "error", source: "", message: expect.stringContaining("looks binary") });
    expect(files[1]?.error?.[0]).not.toHaveProperty("url");
    expect(files[2]?.error).toBeUndefined();
  });

  it("escapes messages and paths so that any text stays well-formed", () => {
    const xml = FORMATTERS.checkstyle([nastyResult('/x/<a & "b">/Dockerfile')], { cwd: "/x", rulesMeta: NASTY_META, color: false });
    const doc = parseXml(xml) as { checkstyle: { file: (Attrs & { error: Attrs[] })[] } };
    expect(doc.checkstyle.file[0]?.name).toBe('/x/<a & "b">/Dockerfile');
    expect(doc.checkstyle.file[0]?.error[0]?.message).toBe(`100% <bad> & "quoted" 'too' ]]> a NUL \ufffd here,\r\nnext: line (require-non-root-user)`);
  });
});

describe("--format junit", () => {
  it("has one test suite per file and one test case per finding, failures for findings and errors for fatal ones", async () => {
    const { results, context } = await lintTree({ Dockerfile: DOCKERFILE, "ok/Dockerfile": CLEAN, "bin/Dockerfile": BINARY });
    const xml = FORMATTERS.junit(results, context);
    const doc = parseXml(xml) as {
      testsuites: Attrs & { testsuite: (Attrs & { testcase: (Attrs & { failure?: Attrs & { "#cdata": string }; error?: Attrs & { "#cdata": string } })[] })[] };
    };
    expect(doc.testsuites).toMatchObject({ name: "docklint", tests: "6", failures: "4", errors: "1" });
    const [main, bin, ok] = doc.testsuites.testsuite;
    expect(main).toMatchObject({ name: "Dockerfile", tests: "4", failures: "4", errors: "0" });
    expect(main?.testcase.map((t) => t.name)).toEqual([
      "consistent-instruction-casing at 1:1",
      "require-non-root-user at 1:1",
      "no-maintainer at 2:1",
      "require-no-install-recommends at 3:5",
    ]);
    const nonRoot = main?.testcase[1];
    expect(nonRoot?.classname).toBe("Dockerfile");
    expect(nonRoot?.failure?.type).toBe("error");
    expect(nonRoot?.failure?.message).toMatch(/never sets USER/);
    expect(nonRoot?.failure?.["#cdata"]).toMatch(
      new RegExp(`^Dockerfile: line 1, col 1 to line 1, col 17, Error - The final stage .* \\(require-non-root-user\\)\\n${DOCS}require-non-root-user\\.md$`),
    );
    expect(main?.testcase[3]?.failure?.["#cdata"]).toMatch(/, Info - /);
    expect(bin).toMatchObject({ name: "bin/Dockerfile", tests: "1", failures: "0", errors: "1" });
    expect(bin?.testcase[0]?.name).toBe("fatal at 1:1");
    expect(bin?.testcase[0]?.error?.["#cdata"]).toMatch(/looks binary/);
    expect(ok).toMatchObject({ name: "ok/Dockerfile", tests: "1", failures: "0", errors: "0" });
    expect(ok?.testcase).toEqual([{ name: "ok/Dockerfile", classname: "ok/Dockerfile", time: "0" }]);
  });

  it("keeps any message intact inside CDATA, including ]]>", () => {
    const xml = FORMATTERS.junit([nastyResult("/x/Dockerfile")], { cwd: "/x", rulesMeta: NASTY_META, color: false });
    const doc = parseXml(xml) as { testsuites: { testsuite: { testcase: { failure: Attrs & { "#cdata": string | string[] } }[] }[] } };
    const failure = doc.testsuites.testsuite[0]?.testcase[0]?.failure;
    const text = ([] as string[]).concat(failure?.["#cdata"] ?? []).join("");
    // XML turns \r\n into \n inside CDATA; everything else arrives as written (NUL replaced).
    expect(text).toBe(`Dockerfile: line 2, col 3 to line 2, col 9, Error - 100% <bad> & "quoted" 'too' ]]> a NUL \ufffd here,\nnext: line (require-non-root-user)\n${DOCS}require-non-root-user.md`);
    expect(failure?.message).toBe(`100% <bad> & "quoted" 'too' ]]> a NUL \ufffd here,\r\nnext: line`);
  });

  it("is a valid report with no suites for no files", () => {
    const doc = parseXml(FORMATTERS.junit([], { cwd: "/", rulesMeta: {}, color: false })) as { testsuites: Attrs };
    expect(doc.testsuites).toMatchObject({ tests: "0", failures: "0", errors: "0" });
  });
});

/** GitLab's documented Code Quality issue shape (docs: ci/testing/code_quality, "Code Quality report format"). */
const GITLAB_SCHEMA = {
  type: "array",
  items: {
    type: "object",
    required: ["description", "check_name", "fingerprint", "severity", "location"],
    properties: {
      description: { type: "string", minLength: 1 },
      check_name: { type: "string", minLength: 1 },
      fingerprint: { type: "string", minLength: 1 },
      severity: { enum: ["info", "minor", "major", "critical", "blocker"] },
      location: {
        type: "object",
        required: ["path", "lines"],
        properties: {
          path: { type: "string", minLength: 1, not: { pattern: "^/" } },
          lines: { type: "object", required: ["begin"], properties: { begin: { type: "integer", minimum: 1 }, end: { type: "integer", minimum: 1 } } },
        },
      },
    },
  },
};
const require = createRequire(import.meta.url);
const Ajv = require("ajv") as new (options: object) => { compile(schema: unknown): ((data: unknown) => boolean) & { errors?: unknown[] | null } };
const validateGitlab = new Ajv({ allErrors: true }).compile(GITLAB_SCHEMA);

interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  content: { body: string };
  categories: string[];
  location: { path: string; lines: { begin: number; end: number } };
}

describe("--format gitlab", () => {
  it("matches GitLab's documented Code Quality shape, with severities, relative paths and doc URLs", async () => {
    const { results, context } = await lintTree({ Dockerfile: DOCKERFILE, "ok/Dockerfile": CLEAN, "bin/Dockerfile": BINARY, "deploy/compose.yaml": "services:\n  web:\n    image: nginx:latest\n" });
    const issues = JSON.parse(FORMATTERS.gitlab(results, context)) as GitlabIssue[];
    expect(validateGitlab(issues)).toBe(true);
    expect(issues.map((i) => [i.location.path, i.check_name, i.severity])).toEqual([
      ["Dockerfile", "consistent-instruction-casing", "minor"],
      ["Dockerfile", "require-non-root-user", "major"],
      ["Dockerfile", "no-maintainer", "minor"],
      ["Dockerfile", "require-no-install-recommends", "info"],
      ["bin/Dockerfile", "fatal", "critical"],
      ["deploy/compose.yaml", "require-pinned-image", "minor"],
    ]);
    const nonRoot = issues[1];
    expect(nonRoot?.description).toMatch(/never sets USER.* \(require-non-root-user\)$/);
    expect(nonRoot?.location.lines).toEqual({ begin: 1, end: 1 });
    expect(nonRoot?.content.body).toContain("line 1, col 1 to line 1, col 17");
    expect(nonRoot?.content.body).toContain(`[require-non-root-user](${DOCS}require-non-root-user.md)`);
    expect(nonRoot?.categories).toEqual(["Security"]);
    expect(issues[5]?.location.lines.begin).toBe(3);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
  });

  it("gives the same fingerprints on every run and after lines move, and none based on line numbers", async () => {
    const a = await lintTree({ Dockerfile: DOCKERFILE });
    const b = await lintTree({ Dockerfile: `# header\n\n\n${DOCKERFILE}` });
    const printsOf = (r: Awaited<ReturnType<typeof lintTree>>): Record<string, string> =>
      Object.fromEntries((JSON.parse(FORMATTERS.gitlab(r.results, r.context)) as GitlabIssue[]).map((i) => [i.check_name, i.fingerprint]));
    expect(printsOf(a)).toEqual(printsOf(a));
    // Same rule, same path, same line text: same fingerprint, though the line number changed.
    expect(printsOf(b)["no-maintainer"]).toBe(printsOf(a)["no-maintainer"]);
    expect(printsOf(b)["require-no-install-recommends"]).toBe(printsOf(a)["require-no-install-recommends"]);
    // Different line text: a different finding.
    const c = await lintTree({ Dockerfile: DOCKERFILE.replace("Jo <jo@example.com>", "Al <al@example.com>") });
    expect(printsOf(c)["no-maintainer"]).not.toBe(printsOf(a)["no-maintainer"]);
  });

  it("gives two equal findings on equal lines distinct fingerprints, and prints [] for a clean run", async () => {
    const { results, context } = await lintTree({ "compose.yaml": "services:\n  web:\n    image: nginx\n  db:\n    image: nginx\n" });
    const issues = JSON.parse(FORMATTERS.gitlab(results, context)) as GitlabIssue[];
    expect(issues.map((i) => i.check_name)).toEqual(["require-pinned-image", "require-pinned-image"]);
    expect(issues[0]?.fingerprint).not.toBe(issues[1]?.fingerprint);
    const clean = await lintTree({ Dockerfile: CLEAN });
    expect(JSON.parse(FORMATTERS.gitlab(clean.results, clean.context))).toEqual([]);
  });
});

describe("--format github", () => {
  it("prints one workflow command per finding with file, exact range, title and the doc URL", async () => {
    const { results, context } = await lintTree({ Dockerfile: DOCKERFILE, "ok/Dockerfile": CLEAN, "bin/Dockerfile": BINARY });
    const lines = FORMATTERS.github(results, context).trimEnd().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(
      new RegExp(
        `^::error file=Dockerfile,line=1,col=1,endLine=1,endColumn=17,title=require-non-root-user::The final stage .*never sets USER.* \\(require-non-root-user\\)%0A${DOCS.replace(/[.:/]/g, "\\$&")}require-non-root-user\\.md$`,
      ),
    );
    expect(lines[0]).toMatch(/^::warning file=Dockerfile,line=1,col=1,endLine=1,endColumn=5,title=consistent-instruction-casing::/);
    expect(lines[3]).toMatch(/^::notice file=Dockerfile,line=3,col=5,endLine=3,endColumn=20,title=require-no-install-recommends::/);
    expect(lines[4]).toMatch(/^::error file=bin\/Dockerfile,line=1,col=1,endLine=1,endColumn=1,title=fatal::.*looks binary/);
    expect(FORMATTERS.github([results[2] as LintResult], context)).toBe("");
  });

  it("escapes %, CR and LF in messages and also , and : in properties", () => {
    const out = FORMATTERS.github([nastyResult("/x/a,b:c%d/Dockerfile")], { cwd: "/x", rulesMeta: NASTY_META, color: false });
    expect(out).toBe(
      `::error file=a%2Cb%3Ac%25d/Dockerfile,line=2,col=3,endLine=2,endColumn=9,title=require-non-root-user::100%25 <bad> & "quoted" 'too' ]]> a NUL \u0000 here,%0D%0Anext: line (require-non-root-user)%0A${DOCS}require-non-root-user.md\n`,
    );
    expect(escapeData("a%b\r\nc")).toBe("a%25b%0D%0Ac");
    expect(escapeProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
  });

  it("gives a range over several lines as line/endLine and states the columns in the message", () => {
    const result = nastyResult("/x/Dockerfile");
    const message = { ...(result.messages[0] as LintMessage), message: "m", endLine: 4, endColumn: 2 };
    const out = FORMATTERS.github([{ ...result, messages: [message] }], { cwd: "/x", rulesMeta: {}, color: false });
    expect(out).toBe("::error file=Dockerfile,line=2,endLine=4,title=require-non-root-user::m (line 2, col 3 to line 4, col 2) (require-non-root-user)\n");
  });
});

describe("formatter registry", () => {
  it("lists every format once, with a description and a formatter, and keeps loadFormatter working", async () => {
    expect(FORMATTER_NAMES).toEqual(["friendly", "json", "compact", "sarif", "checkstyle", "junit", "gitlab", "github"]);
    for (const name of FORMATTER_NAMES) {
      expect(typeof FORMATTERS[name]).toBe("function");
      expect(FORMATTER_DESCRIPTIONS[name]).toMatch(/\w/);
      expect(await loadFormatter(name)).toBe(FORMATTERS[name]);
      expect(isFormatterName(name)).toBe(true);
    }
    expect(isFormatterName("stylish")).toBe(false);
    expect(isFormatterName("toString")).toBe(false);
    await expect(loadFormatter("stylish" as never)).rejects.toThrow(/Unknown formatter "stylish"; formatters: friendly, json/);
  });

  it("formats the same results several times, once per requested report, colour per destination", async () => {
    const { results, context } = await lintTree({ Dockerfile: DOCKERFILE });
    const reports = formatReports(
      [{ format: "sarif", outputFile: "a.sarif" }, { format: "friendly" }, { format: "github" }],
      results,
      { cwd: context.cwd, rulesMeta: context.rulesMeta, color: (request) => request.outputFile === undefined && request.format === "friendly" },
    );
    expect(reports.map((r) => [r.format, r.outputFile])).toEqual([["sarif", "a.sarif"], ["friendly", undefined], ["github", undefined]]);
    expect(JSON.parse(reports[0]?.text ?? "").version).toBe("2.1.0");
    // eslint-disable-next-line no-control-regex -- ANSI colour
    expect(reports[1]?.text).toMatch(/\u001b\[/);
    expect(reports[2]?.text).toBe(formatResults("github", results, context));
    expect(() => formatResults("nope" as never, results, context)).toThrow(/Unknown formatter "nope"/);
  });

  it("gives a JSON report in pieces, one per result, that join to the formatter's text (none for no results: [])", async () => {
    const { results, context } = await lintTree({ Dockerfile: DOCKERFILE, "bin/Dockerfile": BINARY, "ok/Dockerfile": CLEAN });
    const [report] = formatReports([{ format: "json" }], results, { cwd: context.cwd, rulesMeta: context.rulesMeta, color: () => false });
    const pieces = [...(report?.chunks() ?? [])];
    expect(pieces).toHaveLength(results.length + 2);
    expect(pieces.join("")).toBe(FORMATTERS.json(results, context));
    expect(report?.text).toBe(FORMATTERS.json(results, context));
    const [empty] = formatReports([{ format: "json" }], [], { cwd: context.cwd, rulesMeta: {}, color: () => false });
    expect(empty?.text).toBe("[]");
  });

  it("gives every message's doc URL in the json format too, and none to messages without a rule", async () => {
    const { results, context } = await lintTree({ Dockerfile: DOCKERFILE, "bin/Dockerfile": BINARY });
    const json = JSON.parse(FORMATTERS.json(results, context)) as { messages: (LintMessage & { docsUrl?: string })[] }[];
    // "Dockerfile" sorts before "bin/Dockerfile".
    expect(json[1]?.messages[0]).toMatchObject({ ruleId: null, fatal: true });
    expect(json[1]?.messages[0]).not.toHaveProperty("docsUrl");
    expect(json[0]?.messages.length).toBeGreaterThan(0);
    for (const message of json[0]?.messages ?? []) expect(message.docsUrl).toBe(`${DOCS}${message.ruleId}.md`);
  });
});

describe("docklint --format <ci format> (CLI)", () => {
  async function cli(format: string, extra: string[] = []): Promise<{ dir: string; code: number; stdout: string; stderr: string }> {
    const dir = tempDir({ "docklint.config.json": JSON.stringify(CONFIG), Dockerfile: DOCKERFILE, "ok/Dockerfile": CLEAN });
    return { dir, ...(await run(["--format", format, ...extra], { cwd: dir, rules: builtinRules })) };
  }

  it("checkstyle", async () => {
    const { dir, code, stdout, stderr } = await cli("checkstyle");
    expect([code, stderr]).toEqual([1, ""]);
    const doc = parseXml(stdout) as { checkstyle: { file: (Attrs & { error?: Attrs[] })[] } };
    expect(doc.checkstyle.file.map((f) => path.relative(dir, f.name ?? ""))).toEqual(["Dockerfile", "ok/Dockerfile"]);
    expect(doc.checkstyle.file[0]?.error?.map((e) => e.source)).toContain("docklint.rules.require-non-root-user");
  });

  it("junit", async () => {
    const { code, stdout } = await cli("junit");
    expect(code).toBe(1);
    const doc = parseXml(stdout) as { testsuites: Attrs & { testsuite: Attrs[] } };
    expect(doc.testsuites.testsuite.map((s) => s.name)).toEqual(["Dockerfile", "ok/Dockerfile"]);
  });

  it("gitlab", async () => {
    const { code, stdout } = await cli("gitlab");
    expect(code).toBe(1);
    const issues = JSON.parse(stdout) as GitlabIssue[];
    expect(validateGitlab(issues)).toBe(true);
    expect(issues.map((i) => i.check_name)).toContain("require-non-root-user");
  });

  it("github", async () => {
    const { code, stdout } = await cli("github", ["--quiet"]);
    expect(code).toBe(1);
    expect(stdout.trimEnd().split("\n")).toEqual([expect.stringMatching(/^::error file=Dockerfile,line=1,col=1,endLine=1,endColumn=17,title=require-non-root-user::/)]);
  });

  it("writes a report to --output-file", async () => {
    const { dir, code, stdout } = await cli("junit", ["--output-file", "reports/junit.xml"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    parseXml(fs.readFileSync(path.join(dir, "reports/junit.xml"), "utf8"));
  });
});

const BIN = fileURLToPath(new URL("../bin/docklint.js", import.meta.url));
const built = fs.existsSync(fileURLToPath(new URL("../dist/formatters/sarif.js", import.meta.url)));
if (!built) console.warn('Skipping the built-binary format test: packages/cli/dist/formatters/sarif.js is missing; run "pnpm run build" first.');

describe.skipIf(!built)("the docklint binary", () => {
  it("prints each CI format", () => {
    const dir = tempDir({ "docklint.config.json": JSON.stringify(CONFIG), Dockerfile: DOCKERFILE });
    for (const format of ["sarif", "checkstyle", "junit", "gitlab", "github"]) {
      const result = spawnSync(process.execPath, [BIN, "--format", format], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 30_000 });
      expect([format, result.status, result.stderr]).toEqual([format, 1, ""]);
      expect(result.stdout).toContain("require-non-root-user");
    }
  });
});
