import { describe, expect, it } from "vitest";
import { configFileText, enabledRuleIds, withRule } from "../src/config.js";
import type { PlaygroundConfig } from "../src/state.js";

const RECOMMENDED: PlaygroundConfig = { extends: ["recommended"], rules: {} };

describe("playground config", () => {
  it("turns a preset's rule off with one entry, and back on by removing it", () => {
    expect(enabledRuleIds(RECOMMENDED, "dockerfile").has("no-maintainer")).toBe(true);
    const off = withRule(RECOMMENDED, "no-maintainer", false, "dockerfile");
    expect(off).toEqual({ extends: ["recommended"], rules: { "no-maintainer": "off" } });
    expect(enabledRuleIds(off, "dockerfile").has("no-maintainer")).toBe(false);
    expect(withRule(off, "no-maintainer", true, "dockerfile")).toEqual(RECOMMENDED);
  });

  it("turns on a rule outside the presets at its default severity", () => {
    const none: PlaygroundConfig = { extends: [], rules: {} };
    expect(enabledRuleIds(none, "dockerfile").size).toBe(0);
    const on = withRule(none, "no-maintainer", true, "dockerfile");
    expect(on.rules).toEqual({ "no-maintainer": "warn" });
    expect([...enabledRuleIds(on, "dockerfile")]).toEqual(["no-maintainer"]);
  });

  it("writes the docklint.config.json a user would save, rules sorted and omitted when empty", () => {
    expect(configFileText(RECOMMENDED)).toBe('{\n  "extends": [\n    "recommended"\n  ]\n}\n');
    const text = configFileText({ extends: ["strict"], rules: { "no-sudo": "off", "no-apt": "error" } });
    expect(JSON.parse(text)).toEqual({ extends: ["strict"], rules: { "no-apt": "error", "no-sudo": "off" } });
    expect(Object.keys(JSON.parse(text).rules)).toEqual(["no-apt", "no-sudo"]);
  });
});
