import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinRules } from "../rules/index.js";
import { compareRuleIds } from "./compare-rule-ids.js";

// The reference is the root collation ("en"), the order localeCompare gave before this helper.
const collator = new Intl.Collator("en");
const sign = (n: number): number => Math.sign(n);

describe("compareRuleIds", () => {
  it.each([
    ["no-add", "no-add-remote", -1],
    ["a-b", "ab", -1],
    ["rule-10", "rule-2", -1],
    ["no-2", "no-a", -1],
    ["same", "same", 0],
    ["", "a", -1],
    // Not plain ids: localeCompare decides (capitals, plugin namespaces).
    ["B-rule", "a-rule", 1],
    ["my/rule", "my-rule", 1],
  ])("%j vs %j → %i", (a, b, expected) => {
    expect(sign(compareRuleIds(a, b))).toBe(expected);
    expect(sign(compareRuleIds(a, b))).toBe(sign(collator.compare(a, b)));
  });

  it("orders every built-in rule id as the collator does", () => {
    const ids = [...new Set(builtinRules.map((rule) => rule.meta.id))];
    expect([...ids].sort(compareRuleIds)).toEqual([...ids].sort((a, b) => collator.compare(a, b)));
  });

  it("agrees with the collator on any ids of lowercase letters, digits and hyphens", () => {
    const id = fc.stringMatching(/^[a-z0-9-]{0,8}$/);
    fc.assert(fc.property(id, id, (a, b) => sign(compareRuleIds(a, b)) === sign(collator.compare(a, b))));
  });
});
