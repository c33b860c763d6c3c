import { describe, expect, it } from "vitest";
import type { ComposeModel } from "../../src/compose/model.js";
import { defineRule, type Rule } from "../../src/rule.js";
import type { LintMessage } from "../../src/types.js";
import { blockEnds, judgeCompose, pairs, type ComposePeerCase } from "./compose-peers.js";

/**
 * The Compose replay's own rules, checked with made-up rules and cases, so that a verdict of the
 * real replay means what conformance.test.ts says it means.
 */

interface MarkOptions {
  marker: string;
}

/**
 * Reports every occurrence of `BAD` (or the configured marker) as `bad`, and of `ODD` as `odd`;
 * `FIXME` is fixed to `fixed`; `CRASH` makes it throw.
 */
const markRule = defineRule<ComposeModel, MarkOptions>({
  meta: {
    id: "test-mark",
    kind: "compose",
    category: "style",
    severity: "warning",
    docs: "Test rule.",
    presets: [],
    fixable: true,
    messages: { bad: "Marker `{{marker}}`.", odd: "Odd marker." },
    options: { schema: { type: "object", properties: { marker: { type: "string" } }, additionalProperties: false }, defaults: { marker: "BAD" } },
    references: { kics: ["q-1"], dclint: ["d-1", "d-2"], semgrep: ["s-1"] },
    referencesByMessage: { bad: { kics: ["q-1"], dclint: ["d-1", "d-2"], semgrep: ["s-1"] }, odd: { kics: [] } },
  },
  check({ source, options, report }) {
    const text = source.text;
    if (text.includes("CRASH")) throw new Error("boom");
    for (const [marker, messageId] of [
      [options.marker, "bad"],
      ["ODD", "odd"],
    ] as const) {
      for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
        report({ messageId, data: { marker }, range: [at, at + marker.length] });
      }
    }
    for (let at = text.indexOf("FIXME"); at >= 0; at = text.indexOf("FIXME", at + 1)) {
      report({ messageId: "bad", data: { marker: "FIXME" }, range: [at, at + 5], fix: { range: [at, at + 5], text: "fixed" } });
    }
  },
}) as Rule;

const rules = [markRule];

const TEXT = ["services:", "  web:", "    image: nginx", "    volumes:", "      - BAD:/x", "      - BAD:/y", "      - ./ok:/z", "  db:", "    image: postgres", ""].join("\n");

function kics(partial: Partial<ComposePeerCase>): ComposePeerCase {
  return { id: "kics:test", peer: "kics", peerRule: "q-1", kind: "compose", text: TEXT, expect: "flags", ...partial };
}

const verdict = (testCase: ComposePeerCase) => {
  const [only] = judgeCompose(testCase, rules);
  if (!only) throw new Error("no verdict");
  return only;
};

describe("blockEnds and pairs", () => {
  const ends = blockEnds(TEXT);
  const at = (line: number): LintMessage => ({ ruleId: "r", severity: 1, level: "warning", message: "", line, column: 1 });

  it("spans a key's block value and a list entry's own lines", () => {
    expect(ends.get(2)).toBe(7); // `web:` → its last entry
    expect(ends.get(4)).toBe(7); // `volumes:` → its last item
    expect(ends.get(5)).toBe(5);
    expect(blockEnds("a:\n  - source: /x\n    target: /y\nb: 1\n").get(2)).toBe(3);
  });

  it("pairs a key line with findings inside its block, one finding per expected entry", () => {
    expect(pairs([4, 4], [at(5), at(6)], ends)).toEqual({ unmatchedLines: [], unmatchedMessages: [] });
    expect(pairs([4, 4], [at(5)], ends).unmatchedLines).toEqual([4]);
    expect(pairs([4], [at(5), at(6)], ends).unmatchedMessages.map((m) => m.line)).toEqual([6]);
    // A finding above the peer's line, or after its block, is not on it.
    expect(pairs([5], [at(4)], ends).unmatchedLines).toEqual([5]);
    expect(pairs([4], [at(9)], ends).unmatchedLines).toEqual([4]);
  });

  it("leaves over the line nothing points at when the pairing cannot be complete", () => {
    // Line 4's block holds the finding at 5, but the finding is right on line 5.
    expect(pairs([4, 5], [at(5)], ends).unmatchedLines).toEqual([4]);
    expect(pairs([5, 4], [at(5)], ends).unmatchedLines).toEqual([4]);
  });

  it("finds the pairing when a greedy choice would miss it", () => {
    // Line 4's block holds 5 and 6; line 5's holds only 5: 4 must take 6.
    expect(pairs([4, 5], [at(5), at(6)], ends)).toEqual({ unmatchedLines: [], unmatchedMessages: [] });
  });

  it("survives text that is not YAML", () => {
    expect(blockEnds("a: [\n").size).toBeGreaterThanOrEqual(0);
  });
});

describe("KICS and dclint verdicts", () => {
  it("compares KICS's lines as a set, and says when the findings do not pair off one to one", () => {
    for (const lines of [[5, 6], [4, 4]]) {
      const oneToOne = verdict(kics({ lines }));
      expect(oneToOne.agrees).toBe(true);
      expect(oneToOne.onlyAsSet).toBeUndefined();
    }
    // One KICS finding at `volumes:`, two docklint findings on its entries.
    expect(verdict(kics({ lines: [4] }))).toMatchObject({ agrees: true, onlyAsSet: "peer lines 4, docklint lines 5, 6" });
    // Nested lines: KICS at the service and at `volumes:` for one problem.
    expect(verdict(kics({ lines: [2, 4, 5] })).agrees).toBe(true);
    const elsewhere = verdict(kics({ lines: [8] }));
    expect(elsewhere.agrees).toBe(false);
    expect(elsewhere.problem).toBe("docklint reports on lines 5, 6; nothing is on peer line(s) 8; no peer line for docklint's line(s) 5, 6");
    expect(verdict(kics({ lines: [5] })).problem).toBe("docklint reports on lines 5, 6; no peer line for docklint's line(s) 6");
  });

  it("compares dclint's lines as a multiset", () => {
    const base: ComposePeerCase = { id: "dclint:l", peer: "dclint", peerRule: "d-1", kind: "compose", text: TEXT, expect: "flags", count: 2 };
    expect(verdict({ ...base, lines: [4, 4] }).agrees).toBe(true);
    expect(verdict({ ...base, lines: [5, 6] }).agrees).toBe(true);
    expect(verdict({ ...base, lines: [4, 5] }).agrees).toBe(true);
    const twice = verdict({ ...base, lines: [5, 5] });
    expect(twice.agrees).toBe(false);
    expect(twice.problem).toBe("docklint reports on lines 5, 6; nothing pairs with peer line(s) 5; no peer line for docklint's line(s) 6");
  });

  it("reads flags without lines as 'reports something', clean as 'reports nothing'", () => {
    expect(verdict(kics({})).agrees).toBe(true);
    expect(verdict(kics({ expect: "clean" })).agrees).toBe(false);
    expect(verdict(kics({ expect: "clean", text: "services:\n  web:\n    image: nginx\n" })).agrees).toBe(true);
  });

  it("counts only the messages mapped to the peer rule", () => {
    // `odd` is not KICS q-1: a clean case with only ODD markers agrees.
    expect(verdict(kics({ expect: "clean", text: "services:\n  web:\n    image: ODD\n" })).agrees).toBe(true);
  });

  it("never agrees when the rule throws or the text does not parse", () => {
    const crash = verdict(kics({ text: "services:\n  web:\n    image: CRASH\n" }));
    expect(crash).toMatchObject({ covered: true, agrees: false });
    expect(crash.problem).toContain("failed on this file");
    const broken = verdict(kics({ expect: "clean", text: "services:\n  web: [\n" }));
    expect(broken).toMatchObject({ covered: true, agrees: false });
    expect(broken.problem).toContain("could not parse");
  });

  it("is not covered when no rule references the peer rule", () => {
    expect(verdict(kics({ peerRule: "q-2" }))).toMatchObject({ covered: false, notCovered: "no docklint rule references it" });
  });

  it("checks dclint's exact count", () => {
    const base: ComposePeerCase = { id: "dclint:t", peer: "dclint", peerRule: "d-2", kind: "compose", text: TEXT, expect: "flags", count: 2 };
    expect(verdict(base).agrees).toBe(true);
    expect(verdict({ ...base, count: 1 }).agrees).toBe(false);
  });

  it("passes dclint options through DCLINT_OPTION_MAPPERS only", () => {
    const withOptions: ComposePeerCase = { id: "dclint:o", peer: "dclint", peerRule: "d-2", kind: "compose", text: TEXT, expect: "clean", options: { marker: "NOPE" } };
    const noMapper = verdict(withOptions);
    expect(noMapper.covered).toBe(false);
    expect(noMapper.notCovered).toContain("no DCLINT_OPTION_MAPPERS entry for d-2");
    // The mapper of a real dclint rule gives an option this rule does not have.
    const mapped = judgeCompose({ ...withOptions, peerRule: "no-build-and-image", options: { checkPullPolicy: false } }, [
      { ...markRule, meta: { ...markRule.meta, references: { dclint: ["no-build-and-image"] }, referencesByMessage: undefined } } as Rule,
    ])[0];
    expect(mapped?.covered).toBe(false);
    expect(mapped?.notCovered).toContain("gives option(s) checkPullPolicy, which test-mark does not have");
  });

  it("compares fixed text whitespace-normalized, trimmed, or by substring assertions", () => {
    const fix: ComposePeerCase = { id: "dclint:f", peer: "dclint", peerRule: "d-2", kind: "compose", text: "services:\n  web:\n    image: FIXME\n", expect: "fix" };
    expect(verdict({ ...fix, fixed: "services:\n  web:\n      image:   fixed", fixCompare: "whitespace-normalized (…)" }).agrees).toBe(true);
    expect(verdict({ ...fix, fixed: "services:\n  web:\n    image: FIXME\n", fixCompare: "whitespace-normalized (…)" }).agrees).toBe(false);
    expect(verdict({ ...fix, fixed: fix.text, fixCompare: "trimmed-equal (fix must leave the text unchanged)" }).agrees).toBe(false);
    expect(verdict({ ...fix, text: TEXT, fixed: `${TEXT}\n\n`, fixCompare: "trimmed-equal (fix must leave the text unchanged)" }).agrees).toBe(true);
    expect(verdict({ ...fix, fixAssert: { contains: ["image: fixed"], notContains: ["FIXME"] } }).agrees).toBe(true);
    const failed = verdict({ ...fix, fixAssert: { contains: ["image: other"], notContains: ["image"] } });
    expect(failed.agrees).toBe(false);
    expect(failed.problem).toBe('fixed text lacks "image: other"; fixed text still contains "image"');
  });
});

describe("Semgrep verdicts", () => {
  const text = ["version: '3'", "services:", "  # ruleid: s-1", "  web:", "    image: BAD", "  # ok: s-1", "  db:", "    image: postgres", "  # ruleid: s-1", "  api:", "    image: node", ""].join("\n");
  const semgrep: ComposePeerCase = { id: "semgrep:s-1:test", peer: "semgrep", peerRule: "s-1", kind: "compose", text, expect: "flags", lines: [4, 10], okLines: [7] };

  it("judges each annotated line on its own", () => {
    const verdicts = judgeCompose(semgrep, rules);
    expect(verdicts.map((v) => [v.id, v.agrees])).toEqual([
      ["semgrep:s-1:test#L4", true],
      ["semgrep:s-1:test#L10", false],
      ["semgrep:s-1:test#L7", true],
    ]);
  });

  it("fails an ok line that has a finding in its block, and notes findings on no ruleid line", () => {
    const verdicts = judgeCompose({ ...semgrep, text: text.replace("postgres", "BAD") }, rules);
    expect(verdicts.find((v) => v.id.endsWith("#L7"))).toMatchObject({ agrees: false, problem: "docklint reports on line(s) 8" });
    expect(verdicts[0]?.extra?.map((m) => m.line)).toEqual([8]);
  });
});
