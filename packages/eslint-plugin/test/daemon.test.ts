import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRules, lintText } from "@docklint/core";
import "@docklint/core/daemon";
import plugin, { DAEMON_FILES } from "../src/index.js";
import { eslintRuleId, finding, MAJORS, repoRoot, tempDir } from "./helpers.js";

const INSECURE = fs.readFileSync(path.join(repoRoot, "examples", "insecure", "daemon", "daemon.json"), "utf8");
const HARDENED = fs.readFileSync(path.join(repoRoot, "examples", "hardened", "daemon", "daemon.json"), "utf8");
const BROKEN = '{\n  "icc": false,\n  "debug": true,\n}\n';

/** Core's findings for a daemon.json with every rule on, named as ESLint names them. */
function coreFindings(text: string, filePath = "<text>") {
  return lintText(text, { kind: "daemon", filePath, config: { extends: ["all"] } }).messages.map((m) => finding({ ...m, ruleId: eslintRuleId(m) }));
}

const byPosition = (a: { line: number; column: number; ruleId: string | null; message: string }, b: typeof a) =>
  a.line - b.line || a.column - b.column || (a.ruleId ?? "").localeCompare(b.ruleId ?? "") || a.message.localeCompare(b.message);

const daemonRuleIds = builtinRules.filter((r) => r.meta.kind === "daemon").map((r) => `docklint/${r.meta.id}`);

describe("the docklint/daemon language and configs", () => {
  it("offers the language, an adapter rule for each of core's 14 daemon rules, and a daemon object in every config", () => {
    expect(Object.keys(plugin.languages).sort()).toEqual(["compose", "daemon", "dockerfile"]);
    expect(daemonRuleIds).toHaveLength(14);
    for (const id of daemonRuleIds) {
      const rule = plugin.rules[id.slice("docklint/".length)];
      expect(rule, id).toBeDefined();
      expect(rule?.meta?.languages, id).toContain("docklint/daemon");
      expect(rule?.meta?.fixable, id).toBeUndefined();
    }
    for (const preset of ["recommended", "strict", "cis", "all"] as const) {
      const daemon = plugin.configs[preset].find((c) => c.language === "docklint/daemon");
      expect(daemon, preset).toMatchObject({ name: `docklint/${preset}/daemon`, files: ["**/daemon.json"] });
      expect(daemon?.ignores, preset).toBeUndefined();
      expect(Object.keys(daemon?.rules ?? {}).every((id) => daemonRuleIds.includes(id) || id === "docklint/directives"), preset).toBe(true);
    }
    expect(DAEMON_FILES).toEqual(["**/daemon.json"]);
    expect(Object.keys(plugin.configs.all.find((c) => c.language === "docklint/daemon")?.rules ?? {}).sort()).toEqual([...daemonRuleIds, "docklint/directives"].sort());
    expect(plugin.configs.recommended.find((c) => c.language === "docklint/daemon")?.rules).toMatchObject({ "docklint/valid-daemon-config": "error" });
  });

  it("shares a rule id with Compose (require-no-new-privileges) in one adapter for both languages", () => {
    expect(plugin.rules["require-no-new-privileges"]?.meta?.languages).toEqual(["docklint/compose", "docklint/daemon"]);
  });
});

describe.each(MAJORS)("ESLint $major with daemon.json", ({ ESLint }) => {
  const eslintFor = (cwd: string, extra: object[] = [], options: object = {}) =>
    new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [...plugin.configs.all, ...extra] as never, ...options });

  it("reports core's findings for examples/insecure/daemon/daemon.json, rule for rule and position for position", async () => {
    const dir = tempDir({ "etc/docker/daemon.json": INSECURE });
    const results = await eslintFor(dir).lintFiles(["."]);
    expect(results.map((r) => path.relative(dir, r.filePath))).toEqual([path.join("etc", "docker", "daemon.json")]);
    const messages = results[0]?.messages ?? [];
    const expected = coreFindings(INSECURE).sort(byPosition);
    expect(expected.length).toBeGreaterThan(5);
    expect(messages.map(finding).sort(byPosition)).toEqual(expected);
    expect(messages.map((m) => m.ruleId)).toEqual(expect.arrayContaining(["docklint/no-insecure-daemon-socket", "docklint/no-aufs-storage-driver", "docklint/valid-daemon-config"]));
    expect(results[0]?.fatalErrorCount).toBe(0);
  });

  it("reports nothing for examples/hardened/daemon/daemon.json", async () => {
    expect(coreFindings(HARDENED)).toEqual([]);
    const dir = tempDir({ "daemon.json": HARDENED });
    const [result] = await eslintFor(dir).lintFiles(["daemon.json"]);
    expect(result?.messages).toEqual([]);
  });

  it("applies the recommended config's levels on daemon.json", async () => {
    const dir = tempDir({ "daemon.json": INSECURE });
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: plugin.configs.recommended as never });
    const [result] = await eslint.lintFiles(["daemon.json"]);
    const ids = new Set(result?.messages.map((m) => m.ruleId));
    expect(ids.has("docklint/no-aufs-storage-driver")).toBe(true);
    // Not in recommended.
    expect(ids.has("docklint/require-live-restore")).toBe(false);
  });

  it("never lints other JSON files", async () => {
    const dir = tempDir({ "daemon.json": HARDENED, "package.json": '{ "name": "x", "storage-driver": "aufs" }\n', "config.json": INSECURE });
    const results = await eslintFor(dir).lintFiles(["."]);
    expect(results.map((r) => path.basename(r.filePath))).toEqual(["daemon.json"]);
    const [explicit] = await eslintFor(dir).lintFiles(["config.json"]);
    expect(explicit?.messages).toEqual([expect.objectContaining({ ruleId: null, severity: 1, message: expect.stringMatching(/no matching configuration/) })]);
  });

  it("turns a JSON syntax error into a fatal parsing error at core's 1-based position", async () => {
    const dir = tempDir({ "daemon.json": BROKEN });
    const [result] = await eslintFor(dir).lintFiles(["daemon.json"]);
    const core = lintText(BROKEN, { kind: "daemon", config: {} }).messages[0];
    expect(core?.fatal).toBe(true);
    expect(result?.fatalErrorCount).toBe(1);
    expect(result?.messages).toHaveLength(1);
    expect(result?.messages[0]).toMatchObject({ ruleId: null, fatal: true, severity: 2, line: core?.line, column: core?.column, message: core?.message });
    expect(result?.messages[0]?.message).toMatch(/^Parsing error: /);
    expect(result?.messages[0]?.line).toBe(4);
  });

  it("has no fixes: fix: true leaves daemon.json as it is", async () => {
    const dir = tempDir({ "daemon.json": INSECURE });
    const [result] = await eslintFor(dir, [], { fix: true }).lintFiles(["daemon.json"]);
    expect(result?.output).toBeUndefined();
    expect(result?.fixableErrorCount).toBe(0);
    expect(result?.fixableWarningCount).toBe(0);
    expect(lintText(INSECURE, { kind: "daemon", config: { extends: ["all"] }, fix: true }).output ?? INSECURE).toBe(INSECURE);
  });

  it("lints text without a file on disk through lintText", async () => {
    const results = await eslintFor(tempDir()).lintText(INSECURE, { filePath: "daemon.json" });
    expect(results[0]?.messages.map(finding).sort(byPosition)).toEqual(coreFindings(INSECURE).sort(byPosition));
  });

  it("visits one Setting node per top-level key, for selector-based rules", async () => {
    const seen: string[] = [];
    const probe = {
      rules: {
        settings: {
          meta: { type: "suggestion" as const, schema: [] },
          create: () => ({ Setting: (node: { name: string }) => void seen.push(node.name) }),
        },
      },
    };
    const dir = tempDir({ "daemon.json": HARDENED });
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [{ files: ["**/daemon.json"], plugins: { docklint: plugin, probe }, language: "docklint/daemon", rules: { "probe/settings": "error" } }] as never,
    });
    await eslint.lintFiles(["daemon.json"]);
    expect(seen).toEqual(Object.keys(JSON.parse(HARDENED) as object));
  });
});
