import { describe, expect, it } from "vitest";
import { resolveRules } from "./config.js";
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
