import { describe, expect, it } from "vitest";
import { resolveRules, rulesWithPlugins } from "./config.js";
import { defineRule, type Rule } from "./rule.js";

const rule = (id: string, presets: Rule["meta"]["presets"], extra: Partial<Rule["meta"]> = {}): Rule =>
  defineRule({
    meta: { id, kind: "dockerfile", category: "security", severity: "error", docs: "", presets, messages: {}, references: {}, ...extra },
    check: () => undefined,
  }) as Rule;

const pinned = rule("pinned", ["recommended"], {
  options: { schema: { type: "object", properties: { requireDigest: { type: "boolean" }, other: { type: "string" } } }, defaults: { requireDigest: false, other: "x" } },
  presetOptions: { strict: { requireDigest: true } },
});
const strictOnly = rule("strict-only", ["strict"]);
const cisRef = rule("cis-ref", [], { references: { cis: ["4.1"] } });
const composeRule = rule("pinned", ["recommended"], { kind: "compose" });
const rules = [pinned, strictOnly, cisRef, composeRule];

const summary = (config: Parameters<typeof resolveRules>[0]) =>
  resolveRules(config, rules, "dockerfile").map((r) => [r.rule.meta.id, r.level, r.options]);

describe("resolveRules", () => {
  it("applies presets in order: recommended ⊂ strict, cis by references, all", () => {
    expect(summary({ extends: ["recommended"] }).map((r) => r[0])).toEqual(["pinned"]);
    expect(summary({ extends: ["strict"] }).map((r) => r[0])).toEqual(["pinned", "strict-only"]);
    expect(summary({ extends: ["cis"] }).map((r) => r[0])).toEqual(["cis-ref"]);
    expect(summary({ extends: "all" }).map((r) => r[0])).toEqual(["pinned", "strict-only", "cis-ref"]);
  });
  it("lets a preset set options, and the user's options win over both", () => {
    expect(summary({ extends: ["strict"] })[0]).toEqual(["pinned", "error", { requireDigest: true, other: "x" }]);
    expect(summary({ extends: ["strict"], rules: { pinned: ["warn", { other: "y" }] } })[0]).toEqual([
      "pinned",
      "warning",
      { requireDigest: true, other: "y" },
    ]);
    expect(summary({ rules: { pinned: "info" } })[0]).toEqual(["pinned", "info", { requireDigest: false, other: "x" }]);
  });
  it("turns a rule off for every kind that shares its id", () => {
    expect(summary({ extends: ["all"], rules: { pinned: "off" } }).map((r) => r[0])).toEqual(["strict-only", "cis-ref"]);
    expect(resolveRules({ extends: ["recommended"] }, rules, "compose").map((r) => r.rule)).toEqual([composeRule]);
  });
  it("rejects unknown options with the known ones named", () => {
    expect(() => summary({ rules: { pinned: ["error", { requireDigets: true }] } })).toThrow(/rules.pinned\[1\].requireDigets: .*did you mean "requireDigest"/);
    expect(() => summary({ rules: { "strict-only": ["error", { x: 1 }] } })).toThrow(/this rule has no options/);
  });
});

describe("config shape", () => {
  it.each([
    [{ extends: 3 }, /extends: expected a preset name/],
    [{ rules: [] }, /rules: expected an object/],
    [{ rule: {} }, /rule: unknown key; did you mean "rules"/],
    [{ reportUnusedSuppressions: "loud" }, /reportUnusedSuppressions/],
    [[], /expected an object/],
  ])("%j is a ConfigError", (config, message) => {
    expect(() => resolveRules(config as never, rules, "dockerfile")).toThrow(message);
  });
});

describe("plugins in the config", () => {
  const own = rule("no-foo", ["recommended"], {
    options: { schema: { type: "object", properties: { level: { type: "number" } } }, defaults: { level: 1 } },
  });
  const plugins = { acme: { rules: [own] } };

  it("adds the plugin's rules under <namespace>/<id>, enabled by presets and configurable", () => {
    const ids = (config: Parameters<typeof resolveRules>[0]) => resolveRules(config, rules, "dockerfile").map((r) => r.rule.meta.id);
    expect(ids({ extends: ["recommended"], plugins })).toEqual(["pinned", "acme/no-foo"]);
    expect(ids({ extends: [], plugins })).toEqual([]);
    expect(ids({ extends: ["recommended"], plugins, rules: { "acme/no-foo": "off" } })).toEqual(["pinned"]);
    const resolved = resolveRules({ extends: [], plugins, rules: { "acme/no-foo": ["warn", { level: 3 }] } }, rules, "dockerfile");
    expect(resolved.map((r) => [r.rule.meta.id, r.level, r.options])).toEqual([["acme/no-foo", "warning", { level: 3 }]]);
  });

  it("keeps one identity per rule and namespace, and does not rename the plugin's own object", () => {
    const a = resolveRules({ plugins }, rules, "dockerfile").find((r) => r.rule.meta.id === "acme/no-foo");
    const b = resolveRules({ plugins }, rules, "dockerfile").find((r) => r.rule.meta.id === "acme/no-foo");
    expect(a?.rule).toBe(b?.rule);
    expect(own.meta.id).toBe("no-foo");
    expect(rulesWithPlugins({ plugins }, rules).map((r) => r.meta.id)).toEqual(["pinned", "strict-only", "cis-ref", "pinned", "acme/no-foo"]);
    expect(rulesWithPlugins({}, rules)).toBe(rules);
  });

  it("fills the meta a hand-written plugin rule may leave out", () => {
    const bare = { meta: { id: "bare", kind: "dockerfile", severity: "error", messages: { m: "x" } }, check: () => undefined } as unknown as Rule;
    const resolved = resolveRules({ extends: ["cis"], plugins: { p: { rules: [bare] } }, rules: { "p/bare": "error" } }, rules, "dockerfile");
    expect(resolved.map((r) => r.rule.meta.id)).toEqual(["cis-ref", "p/bare"]);
  });

  it("names an unknown plugin rule and rejects a malformed plugin", () => {
    expect(() => resolveRules({ plugins, rules: { "acme/no-fo": "error" } }, rules, "dockerfile")).toThrow(/rules.acme\/no-fo: unknown rule "acme\/no-fo"; did you mean "acme\/no-foo"/);
    expect(() => resolveRules({ plugins: { acme: {} } } as never, rules, "dockerfile")).toThrow(/plugins.acme: expected a loaded plugin/);
    expect(() => resolveRules({ plugins: { acme: { rules: [{}] } } } as never, rules, "dockerfile")).toThrow(/plugins.acme.rules\[0\]: expected a rule/);
    expect(() => resolveRules({ plugins: [] } as never, rules, "dockerfile")).toThrow(/plugins: expected an object/);
  });
});
