import { describe, expect, it } from "vitest";
import { formatMessage } from "./rule.js";

describe("formatMessage", () => {
  const cases: [template: string, data: Record<string, string | number> | undefined, expected: string][] = [
    ["`{{image}}` has no tag; pin it.", { image: "ubuntu" }, "`ubuntu` has no tag; pin it."],
    ["{{a}}{{b}}", { a: 1, b: "2" }, "12"],
    ["{{ a }} and {{a}} again", { a: "x" }, "x and x again"],
    ["keeps {{unknown}} visible", { known: "k" }, "keeps {{unknown}} visible"],
    ["keeps {{ spaced }} as written", {}, "keeps {{ spaced }} as written"],
    ["no placeholders", { a: "x" }, "no placeholders"],
    ["{{a}} without data", undefined, "{{a}} without data"],
    ["a value with {{a}} is not re-read", { a: "{{b}}", b: "no" }, "a value with {{b}} is not re-read"],
    ["{{not a placeholder}} {{a}}", { a: "yes" }, "{{not a placeholder}} yes"],
    ["{{a}}", { a: "$& and $1" }, "$& and $1"],
  ];
  it.each(cases)("%s", (template, data, expected) => {
    expect(formatMessage(template, data)).toBe(expected);
    // The split template is remembered: a second use gives the same text.
    expect(formatMessage(template, data)).toBe(expected);
  });
});
