import { describe, expect, it } from "vitest";
import { defineRule } from "../rule.js";
import type { DockerfileModel } from "../dockerfile/model.js";
import { createRuleTester } from "./rule-tester.js";

/** Reports the first instruction with a message whose `{{word}}` comes from `data` (or not at all). */
function quoting(data: Record<string, string> | undefined) {
  return defineRule<DockerfileModel>({
    meta: { id: "test-quoting", kind: "dockerfile", category: "style", severity: "warning", docs: "test", presets: [], messages: { quote: "`{{word}}` quoted" }, references: {} },
    check({ model, report }) {
      const first = model.instructions[0];
      if (first) report({ messageId: "quote", ...(data ? { data } : {}), range: first.keywordRange });
    },
  });
}

/** Runs the tester's cases at once, so that a failed assertion is an exception here. */
const immediate = { describe: (_name: string, body: () => void) => body(), it: (_name: string, body: () => void) => body() };

describe("the rule tester's placeholder check", () => {
  it("fails a message whose placeholder no data fills", () => {
    expect(() => createRuleTester(immediate).run(quoting(undefined), { valid: [], invalid: [{ code: "FROM x\n", errors: [{ messageId: "quote", line: 1 }] }] })).toThrow(/unfilled placeholder/);
  });

  it("passes a message that quotes `{{` itself (a template's tag)", () => {
    expect(() => createRuleTester(immediate).run(quoting({ word: "{{" }), { valid: [], invalid: [{ code: "FROM x\n", errors: [{ messageId: "quote", line: 1 }] }] })).not.toThrow();
  });
});
