import { describe, expect, it } from "vitest";
import { ConfigError } from "./config.js";
import type { ComposeModel } from "./compose/model.js";
import type { DockerfileModel } from "./dockerfile/model.js";
import { chooseFixes, createLintTimes, lintText, parseForLint } from "./linter.js";
import { builtinRules } from "./rules/index.js";
import { dockerfileLanguage } from "./dockerfile/language.js";
import { parseDockerfile } from "./dockerfile/parse.js";
import { templateTags } from "./dockerfile/template.js";
import type { LintMessage } from "./types.js";
import { defineRule, type Rule, type RuleMeta } from "./rule.js";

/** Reports every RUN and offers to upper-case `run` keywords; enough to exercise the engine. */
const baseMeta: RuleMeta = {
  id: "test-every-run",
  kind: "dockerfile",
  category: "style",
  severity: "warning",
  docs: "Test rule.",
  presets: ["recommended"],
  fixable: true,
  messages: { run: "RUN {{what}}" },
  references: { hadolint: ["DL9999"] },
};

const everyRun = defineRule<DockerfileModel>({
  meta: baseMeta,
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== "RUN") continue;
      const fix = instruction.keywordText === "RUN" ? undefined : { range: instruction.keywordRange, text: "RUN" };
      report({ messageId: "run", data: { what: instruction.argsText }, range: instruction.keywordRange, ...(fix ? { fix } : {}) });
    }
  },
}) as Rule;

const crashing = defineRule<DockerfileModel>({
  meta: { ...baseMeta, id: "test-crash", fixable: false, references: {} },
  check() {
    throw new Error("boom");
  },
}) as Rule;

const lint = (text: string, extra: Parameters<typeof lintText>[1] = {}) =>
  lintText(text, { filePath: "Dockerfile", rules: [everyRun, crashing], config: { rules: { "test-every-run": "warn" } }, ...extra });

describe("lintText", () => {
  it("returns an ESLint-shaped result with 1-based positions", () => {
    const result = lint("FROM a\nRUN x\n");
    expect(result).toMatchObject({ filePath: "Dockerfile", kind: "dockerfile", errorCount: 0, warningCount: 1, fixableWarningCount: 0 });
    expect(result.messages[0]).toMatchObject({ ruleId: "test-every-run", severity: 1, level: "warning", message: "RUN x", line: 2, column: 1, endLine: 2, endColumn: 4 });
  });

  it("maps levels: error → 2, info → 1 counted as info", () => {
    expect(lint("FROM a\nRUN x\n", { config: { rules: { "test-every-run": "error" } } }).messages[0]?.severity).toBe(2);
    const info = lint("FROM a\nRUN x\n", { config: { rules: { "test-every-run": "info" } } });
    expect(info).toMatchObject({ infoCount: 1, warningCount: 0 });
  });

  it("reports a crashing rule as its own error and still runs the others", () => {
    const result = lint("FROM a\nRUN x\n", { config: { rules: { "test-every-run": "warn", "test-crash": "error" } } });
    expect(result.messages.map((m) => m.ruleId)).toEqual(["test-crash", "test-every-run"]);
    expect(result.messages[0]?.message).toContain("boom");
  });

  it("gives each rule its own options and level, and drops a report that comes after its rule's check", () => {
    let stray: ((descriptor: { messageId: string; data: Record<string, string>; range: [number, number] }) => void) | undefined;
    const optioned = (id: string): Rule =>
      defineRule<DockerfileModel, { word: string }>({
        meta: { ...baseMeta, id, fixable: false, references: {}, options: { schema: { type: "object", properties: { word: { type: "string" } }, additionalProperties: false }, defaults: { word: id } } },
        check({ report, options }) {
          stray ??= report;
          report({ messageId: "run", data: { what: options.word }, range: [0, 4] });
        },
      }) as Rule;
    const rules = [optioned("test-a"), optioned("test-b")];
    const result = lintText("FROM a\n", { filePath: "Dockerfile", rules, config: { rules: { "test-a": ["error", { word: "one" }], "test-b": "warn" } } });
    expect(result.messages.map((m) => [m.ruleId, m.severity, m.message])).toEqual([
      ["test-a", 2, "RUN one"],
      ["test-b", 1, "RUN test-b"],
    ]);
    stray?.({ messageId: "run", data: { what: "late" }, range: [0, 4] });
    expect(result.messages).toHaveLength(2);
  });

  it("gives binary files and unknown kinds one fatal message", () => {
    expect(lint("FROM a\0").messages).toMatchObject([{ fatal: true, ruleId: null, severity: 2 }]);
    const unknown = lintText("hello", { filePath: "notes.txt" });
    expect(unknown.fatalErrorCount).toBe(1);
  });

  it("throws ConfigError for unknown rules, presets and severities, with a suggestion", () => {
    expect(() => lint("FROM a\n", { config: { rules: { "test-every-rn": "warn" } } })).toThrow(/did you mean "test-every-run"/);
    expect(() => lint("FROM a\n", { config: { extends: ["recomended"] } })).toThrow(ConfigError);
    expect(() => lint("FROM a\n", { config: { rules: { "test-every-run": "loud" as "warn" } } })).toThrow(/rules.test-every-run/);
  });

  it("applies fixes until stable and reports what is left", () => {
    const result = lint("FROM a\nrun x\nRun y\n", { fix: true });
    expect(result.output).toBe("FROM a\nRUN x\nRUN y\n");
    expect(result.messages.every((m) => !m.fix)).toBe(true);
  });

  it("keeps CRLF and BOM through fixes", () => {
    const result = lint("\uFEFFFROM a\r\nrun x\r\n", { fix: true });
    expect(result.output).toBe("\uFEFFFROM a\r\nRUN x\r\n");
  });

  it("drops a fix that would leave a file that no longer parses, says why, and applies the others", async () => {
    await import("./compose/index.js");
    // One rule fixes the key's name (fine), the other opens a flow map it never closes (breaks YAML).
    const rename = defineRule<ComposeModel>({
      meta: { ...baseMeta, id: "test-rename", kind: "compose", messages: { m: "rename" }, references: {} },
      check({ model, report }) {
        for (const service of model.services) if (service.name === "Web") report({ messageId: "m", range: service.keyRange, fix: { range: service.keyRange, text: "web" } });
      },
    });
    const breaker = defineRule<ComposeModel>({
      meta: { ...baseMeta, id: "test-breaker", kind: "compose", messages: { m: "break" }, references: {} },
      check({ model, report }) {
        const image = model.services[0]?.image;
        if (image && image.text === "nginx") report({ messageId: "m", range: image.range, fix: { range: [image.range[0], image.range[0]], text: "{ " } });
      },
    });
    const result = lintText("services:\n  Web:\n    image: nginx\n", {
      filePath: "compose.yaml",
      kind: "compose",
      rules: [rename, breaker],
      config: { rules: { "test-rename": "warn", "test-breaker": "warn" } },
      fix: true,
    });
    expect(result.output).toBe("services:\n  web:\n    image: nginx\n");
    const notes = result.messages.filter((m) => m.ruleId === "test-breaker" && m.message.startsWith("The fix for this test-breaker finding was not applied"));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ line: 3, column: 12, severity: 1 });
  });

  it("puts the note for a dropped fix at its finding in the fixed text, once, when a fix above it removes a line", async () => {
    await import("./compose/index.js");
    // Found by the long fuzz run (seed 20261901): no-version-field removes line 1, and the fix of
    // the no-break space that starts line 9 would leave YAML that no longer parses. The note came
    // twice, at 9:1 (the first pass's text) and 8:1, and 9:1 lay past the fixed file's last line.
    const text = '\uFEFFversion: "3.8"\nservices:\n  tile38:\n    image: easypi/tile38-arm\n    volumes:\n      - ./data:/data\n\u00a0    restart: unless-stopped\n';
    const result = lintText(text, { filePath: "compose.yaml", kind: "compose", config: { rules: { "no-version-field": "error", "no-typographic-characters": "error" } }, fix: true });
    expect(result.output).toBe('\uFEFFservices:\n  tile38:\n    image: easypi/tile38-arm\n    volumes:\n      - ./data:/data\n\u00a0    restart: unless-stopped\n');
    const notes = result.messages.filter((m) => m.message.startsWith("The fix for this no-typographic-characters finding was not applied"));
    expect(notes.map((m) => [m.line, m.column, m.endLine, m.endColumn])).toEqual([[6, 1, 6, 2]]);
    const finding = result.messages.find((m) => m.ruleId === "no-typographic-characters" && !notes.includes(m));
    expect(finding).toMatchObject({ line: 6, column: 1 });
  });
});

describe("parseForLint and lintText's parsed option", () => {
  const text = "FROM a\nrun x\n";
  const options = { kind: "dockerfile" as const, rules: [everyRun], config: { rules: { "test-every-run": "warn" as const } } };

  it("gives the model of a file, or the fatal message lintText reports", () => {
    const parsed = parseForLint(text, { kind: "dockerfile" });
    expect(parsed.ok && (parsed.model as DockerfileModel).instructions.length).toBe(2);
    expect(parseForLint("FROM a\0", { kind: "dockerfile" })).toMatchObject({ ok: false, line: 1, column: 1, message: expect.stringMatching(/NUL bytes/) });
  });

  it("uses a parse of the same text, and ignores one of another text", () => {
    const plain = lintText(text, options).messages;
    expect(lintText(text, { ...options, parsed: parseForLint(text, { kind: "dockerfile" }) }).messages).toEqual(plain);
    expect(lintText(text, { ...options, parsed: parseForLint("FROM b\n", { kind: "dockerfile" }) }).messages).toEqual(plain);
    expect(plain.map((m) => m.line)).toEqual([2]);
  });
});

describe("chooseFixes", () => {
  // A toy grammar: a text "parses" while its brackets balance.
  const balanced = (text: string): boolean => {
    let depth = 0;
    for (const char of text) {
      depth += char === "[" ? 1 : char === "]" ? -1 : 0;
      if (depth < 0) return false;
    }
    return depth === 0;
  };
  const fixAt = (id: string, at: number, text: string): LintMessage => ({ ruleId: id, severity: 1, level: "warning", message: id, line: 1, column: at + 1, fix: { range: [at, at], text } });
  const ids = (messages: readonly LintMessage[]) => messages.map((m) => m.ruleId);

  // Together, the toy also refuses a text with both an x and a y: fixes that parse alone but not together.
  const together = (text: string): boolean => balanced(text) && !(text.includes("x") && text.includes("y"));

  it.each([
    { name: "all fixes when the fixed text parses", fixes: [fixAt("a", 0, "x"), fixAt("b", 4, "z")], output: "xab[]z", applied: ["a", "b"], refused: [] },
    { name: "all but those that break the text on their own", fixes: [fixAt("a", 0, "x"), fixAt("open", 1, "[")], output: "xab[]", applied: ["a"], refused: ["open"] },
    { name: "none when the fixes parse alone but not together", fixes: [fixAt("a", 0, "x"), fixAt("b", 4, "y")], output: "ab[]", applied: [], refused: ["a", "b"] },
  ])("keeps $name", ({ fixes, output, applied, refused }) => {
    const choice = chooseFixes("ab[]", fixes, { parsesTogether: together, parsesAlone: balanced });
    expect({ output: choice.output, applied: ids(choice.applied), refused: ids(choice.refused) }).toEqual({ output, applied, refused });
  });
});

describe("suppression comments", () => {
  const ids = (text: string, extra: Parameters<typeof lintText>[1] = {}) => lint(text, extra).messages.map((m) => `${m.line}:${m.ruleId ?? m.message}`);

  it("docklint-disable-next-line covers the whole next instruction", () => {
    expect(ids("FROM a\n# docklint-disable-next-line test-every-run\nRUN x \\\n  y\nRUN z\n")).toEqual(["5:test-every-run"]);
  });
  it("without rule ids, disables every rule", () => {
    expect(ids("FROM a\n# docklint-disable-next-line\nRUN x\n")).toEqual([]);
  });
  it("docklint-disable / enable blocks", () => {
    expect(ids("FROM a\n# docklint-disable test-every-run\nRUN x\nRUN y\n# docklint-enable test-every-run\nRUN z\n")).toEqual(["6:test-every-run"]);
  });
  it("docklint-disable-file", () => {
    expect(ids("FROM a\nRUN x\n# docklint-disable-file\n")).toEqual([]);
  });
  it("accepts a -- reason after the rule list", () => {
    expect(ids("FROM a\n# docklint-disable-next-line test-every-run -- vendor script\nRUN x\n")).toEqual([]);
  });
  it("honours hadolint ignore through references.hadolint, next instruction only", () => {
    expect(ids("FROM a\n# hadolint ignore=DL9999\nRUN x\nRUN y\n")).toEqual(["4:test-every-run"]);
    expect(ids("FROM a\n# hadolint ignore=DL3000 # why\nRUN x\n")).toEqual(["3:test-every-run"]);
    // hadolint keys the pragma to the line after it: a blank or another comment between hides nothing.
    expect(ids("FROM a\n# hadolint ignore=DL9999\n# install the tools\nRUN x\n")).toEqual(["4:test-every-run"]);
    expect(ids("FROM a\n# hadolint ignore=DL9999\n\nRUN x\n")).toEqual(["4:test-every-run"]);
    // docklint's own directive takes the next instruction, comments and blanks between.
    expect(ids("FROM a\n# docklint-disable-next-line test-every-run\n# install the tools\nRUN x\n")).toEqual([]);
    expect(ids("# hadolint global ignore=DL9999\nFROM a\nRUN x\n")).toEqual([]);
  });
  it("warns about unknown rule ids in docklint comments", () => {
    const messages = lint("FROM a\n# docklint-disable-next-line no-such-rule\nRUN x\n").messages;
    expect(messages[0]).toMatchObject({ ruleId: null, line: 2, column: 30, endColumn: 42, severity: 1 });
    expect(messages[0]?.message).toContain('"no-such-rule"');
  });
  it("reports unused suppressions when asked", () => {
    const messages = lint("FROM a\n# docklint-disable-next-line test-every-run\nUSER 1\n", {
      config: { rules: { "test-every-run": "warn" }, reportUnusedSuppressions: "error" },
    }).messages;
    expect(messages).toMatchObject([{ ruleId: null, line: 2, severity: 2 }]);
  });
  it("keeps suppressed findings in suppressedMessages", () => {
    expect(lint("FROM a\n# docklint-disable-next-line\nRUN x\n").suppressedMessages).toHaveLength(1);
  });
  it("reads each peer's directive after blanks and in the letter case its tool accepts, and passes prose over", () => {
    const withPeers = defineRule<DockerfileModel>({ ...everyRun, meta: { ...baseMeta, references: { hadolint: ["DL9999"], buildkit: ["TestRun"], checkov: ["CKV_TEST_1"] } } }) as Rule;
    const suppressed = (text: string): number => lintText(text, { filePath: "Dockerfile", rules: [withPeers], config: { rules: { "test-every-run": "warn" } } }).suppressedMessages.length;
    expect(suppressed("FROM a\n#    hadolint ignore=DL9999\nRUN x\n")).toBe(1);
    expect(suppressed("#  CHECK=skip=TestRun\nFROM a\nRUN x\n")).toBe(1);
    expect(suppressed("FROM a\n# CHECKOV:skip=CKV_TEST_1: vendor\nRUN x\n")).toBe(1);
    expect(suppressed("FROM a\n#\tBridgecrew:skip=CKV_TEST_1\nRUN x\n")).toBe(1);
    expect(suppressed("FROM a\n# Cortex:skip=CKV_TEST_1\nRUN x\n")).toBe(1);
    expect(suppressed("FROM a\n# build it: hadolint ignore=DL9999\nRUN x\n# Docklint-disable-next-line\nRUN y\n")).toBe(0);
  });
});

describe("BuildKit's # check= directive", () => {
  const run = (text: string, config: NonNullable<Parameters<typeof lintText>[1]>["config"] = { extends: ["recommended"] }) =>
    lintText(text, { filePath: "Dockerfile", config }).messages.map((m) => `${m.line}:${m.ruleId ?? "-"}:${m.severity}`);

  it("error=true turns the findings of BuildKit checks into errors, and only those", () => {
    const text = "# check=error=true\nFROM alpine:3.20 as build\nUSER 1000\n";
    expect(run(text)).toContain("2:from-as-casing:2");
    expect(run("FROM alpine:3.20 as build\nUSER 1000\n")).toContain("1:from-as-casing:1");
  });
  it("experimental= turns on an experimental check that no preset has, and skip=all does not turn it off", () => {
    const text = "# check=skip=all;experimental=InvalidDefinitionDescription\n\n# wrong description\nFROM alpine:3.20 AS base\nUSER 1000\n";
    expect(run(text).filter((m) => m.includes("require-definition-description"))).toHaveLength(1);
    expect(run(text.replace("experimental=InvalidDefinitionDescription", "experimental=all")).some((m) => m.includes("require-definition-description"))).toBe(true);
    expect(run(text, { extends: ["recommended"], rules: { "require-definition-description": "off" } }).some((m) => m.includes("require-definition-description"))).toBe(false);
  });
  it("skip=all silences BuildKit checks", () => {
    expect(run("# check=skip=all\nFROM alpine:3.20 as build\nUSER 1000\n").some((m) => m.includes("from-as-casing"))).toBe(false);
  });
  it("reports options BuildKit rejects", () => {
    const messages = lintText("# check=skip=x;colour=red;error=maybe\nFROM alpine:3.20\nUSER 1000\n", { filePath: "Dockerfile" }).messages;
    expect(messages.filter((m) => m.ruleId === null).map((m) => m.message)).toEqual([
      'Invalid "# check=" directive: unknown option "colour" (BuildKit knows skip, error and experimental); the build rejects it.',
      'Invalid "# check=" directive: error="maybe" is not a boolean; the build rejects it.',
    ]);
  });
});

describe("lintText's times (TIMING=1)", () => {
  const dockerfile = "FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl\nONBUILD RUN apt update\nUSER app\n";

  it("adds up the time of every rule that ran, and of parsing, over the lints given it", () => {
    const times = createLintTimes();
    const config = { extends: ["recommended"] };
    const first = lintText(dockerfile, { filePath: "Dockerfile", config, times });
    const ran = new Set(builtinRules.filter((rule) => rule.meta.kind === "dockerfile" && rule.meta.presets.includes("recommended")).map((rule) => rule.meta.id));
    expect(new Set(times.rules.keys())).toEqual(ran);
    for (const ms of [...times.rules.values(), times.parse]) expect(Number.isFinite(ms) && ms >= 0).toBe(true);
    const after = new Map(times.rules);
    const parse = times.parse;
    lintText(dockerfile, { filePath: "Dockerfile", config, times });
    for (const [rule, ms] of times.rules) expect(ms, rule).toBeGreaterThanOrEqual(after.get(rule) ?? 0);
    expect(times.parse).toBeGreaterThanOrEqual(parse);
    // Measuring changes nothing found, though the shell analysis is then done before the rules.
    expect(first.messages).toEqual(lintText(dockerfile, { filePath: "Dockerfile", config }).messages);
  });

  it("lints as without timing when the language's analysis before the rules throws (the rules meet the failure as before)", () => {
    const analyse = dockerfileLanguage.analyse;
    dockerfileLanguage.analyse = () => {
      throw new Error("analysis failed");
    };
    try {
      const config = { extends: ["recommended"] };
      const timed = lintText(dockerfile, { filePath: "Dockerfile", config, times: createLintTimes() });
      expect(timed.messages).toEqual(lintText(dockerfile, { filePath: "Dockerfile", config }).messages);
    } finally {
      dockerfileLanguage.analyse = analyse;
    }
  });
});

describe("a generator's template named as a Dockerfile", () => {
  const template = '{{\n\tdef pm:\n\t\t"apt-get"\n-}}\nFROM debian:{{ .version }}\nRUN {{ pm }} install curl\nRUN apt-get install curl\n';

  it("drops the findings on its tags, keeps the others and the one that says it is a template", () => {
    const result = lintText(template, { filePath: "Dockerfile", config: { extends: ["all"] } });
    const findings = result.messages.map((m) => `${m.ruleId}:${m.line}`);
    expect(findings).toContain("no-unknown-instruction:1");
    // The FROM's image and the first RUN's command are tags; the last RUN is plain text.
    expect(findings.filter((f) => f.endsWith(":5") || f.endsWith(":6"))).toEqual([]);
    expect(findings).toContain("require-non-interactive-install:7");
    expect(result.messages.filter((m) => m.ruleId === "no-unknown-instruction")).toHaveLength(1);
  });

  it("is a template when a FROM's image holds a tag (cookiecutter-django, Rails' ERB)", () => {
    for (const text of ["FROM docker.io/postgres:{{ cookiecutter.postgresql_version }}\nCOPY a /a\n", "ARG RUBY_VERSION=<%= v %>\nFROM ruby:<%= v %>-slim\nCOPY a /a\n"]) {
      const result = lintText(text, { filePath: "Dockerfile", config: { extends: ["all"] } });
      const onTags = result.messages.filter((m) => ["valid-instruction-arguments", "require-non-root-user", "require-healthcheck", "valid-default-arg-in-from"].includes(m.ruleId ?? ""));
      expect(onTags, text).toEqual([]);
    }
  });

  it("is a Dockerfile when braces appear only inside instructions", () => {
    const text = "FROM debian:12\nRUN docker inspect --format '{{ .Id }}' x\nRUN apt-get install curl\n";
    expect(templateTags(parseDockerfile(text))).toBeUndefined();
    expect(templateTags(parseDockerfile(`{{ header }}\n${text}`))).toEqual([
      [0, 12],
      [57, 66],
    ]);
  });
});
