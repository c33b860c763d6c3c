/**
 * Test support for the `order-*` rules (used by their tests only): the rule tester's table, plus
 * for every case with an `output` a check, independent of the rule's own, that the fixed text
 * holds the same data as the original, parsed by the yaml library with aliases and merge keys
 * resolved. Maps are compared without regard to key order (`deepStrictEqual` does not look at
 * it); the lists a rule reorders on purpose (`lists`: `depends_on`, `ports`) are compared as
 * multisets.
 */
import assert from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import type { Rule } from "../../src/rule.js";
import { createRuleTester } from "../../src/testing/rule-tester.js";
import type { InvalidCase, TestFramework, ValidCase } from "../../src/testing/rule-tester.js";

/** Every document of `text` as plain data; throws on a YAML error or an alias that does not resolve. */
export function yamlData(text: string): unknown[] {
  const documents = parseAllDocuments(text, { merge: true, uniqueKeys: false });
  if (!Array.isArray(documents)) return [];
  return documents.map((document) => {
    const error = document.errors[0];
    if (error) throw error;
    return document.toJS({ maxAliasCount: -1 }) as unknown;
  });
}

/** Lists under a key in `lists` become sorted arrays of their items' JSON, so that their order does not count. */
function normalize(value: unknown, lists: ReadonlySet<string>, key?: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => normalize(item, lists));
    return key !== undefined && lists.has(key) ? items.map((item) => JSON.stringify(item)).sort() : items;
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, normalize(item, lists, name)]));
  }
  return value;
}

export function assertSameData(before: string, after: string, lists: readonly string[] = []): void {
  const set = new Set(lists);
  assert.deepStrictEqual(normalize(yamlData(after), set), normalize(yamlData(before), set), "the fix changed the data");
}

export function runOrderTests(
  framework: TestFramework,
  rule: Rule,
  cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] },
  options: { lists?: readonly string[] } = {},
): void {
  createRuleTester(framework).run(rule, cases);
  framework.describe(`${rule.meta.id}: fixes keep the data`, () => {
    for (const testCase of cases.invalid) {
      const output = testCase.output;
      if (typeof output !== "string") continue;
      framework.it(testCase.name ?? testCase.code.replace(/\s+/g, " ").slice(0, 70), () => {
        assertSameData(testCase.code, output, options.lists);
      });
    }
  });
}
