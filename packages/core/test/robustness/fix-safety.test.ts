/**
 * Fix safety as properties: fixing twice equals fixing once, a fixed file parses again, fixes never
 * touch bytes outside their ranges, and LF, CRLF, mixed line endings and a byte order mark survive.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyFixes } from "../../src/fix.js";
import type { FileKind, Fix } from "../../src/types.js";
import { hasShared, sharedDir, skipMessage } from "../support/shared.js";
import { corpusSample, fixProblems, lintChecked, mutate, mutationsArb, withLineEndings, type LineEnding } from "./harness.js";

const SEED = 20261130;

/** Text with many fixable findings: lower-case instructions, MAINTAINER, apt, relative WORKDIR, shell-form CMD. */
const FIXABLE_DOCKERFILE = [
  "from ubuntu:22.04 as build",
  "maintainer someone@example.com",
  "run apt update && apt install -y curl",
  "workdir app",
  "expose 80/TCP",
  "env A 1",
  "copy a.txt b.txt dest",
  "cmd npm start",
  "",
].join("\n");
const FIXABLE_COMPOSE = [
  "version: '3.8'",
  "services:",
  "  web:",
  "    ports:",
  "      - 80:80",
  "    image: nginx:1.25",
  "    depends_on: [db, cache]",
  "  db:",
  "    image: postgres:16",
  "    volumes:",
  '      - "data:/var/lib/postgresql/data"',
  "  cache:",
  "    image: redis:7",
  "volumes:",
  "  data: {}",
  "",
].join("\n");

const endingArb = fc.constantFrom<LineEnding>("lf", "crlf", "mixed");

describe("applyFixes", () => {
  it.each([
    { name: "fixes apart", ranges: [[0, 1], [2, 3]], output: "XbYd", applied: 2 },
    { name: "a fix starting where the last one ends (ESLint's rule)", ranges: [[0, 1], [1, 2]], output: "Xbcd", applied: 1 },
    { name: "two insertions at one offset", ranges: [[1, 1], [1, 1]], output: "aXbcd", applied: 1 },
    { name: "overlapping fixes", ranges: [[0, 2], [1, 3]], output: "Xcd", applied: 1 },
  ] as const)("leaves $name for the next pass as ESLint does", ({ ranges, output, applied }) => {
    const fixes: Fix[] = ranges.map((range, index) => ({ range, text: index === 0 ? "X" : "Y" }));
    expect(applyFixes("abcd", fixes)).toEqual({ output, applied, skipped: ranges.length - applied });
  });

  it("keeps every character outside the fixes it applies, and applies every fix that overlaps or touches no earlier one", () => {
    const fixArb = (length: number) =>
      fc.array(
        fc.tuple(fc.integer({ min: 0, max: length }), fc.integer({ min: 0, max: 8 })).map(([start, size]) => [start, Math.min(length, start + size)] as const),
        { maxLength: 8 },
      );
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }).chain((text) => fc.tuple(fc.constant(text), fixArb(text.length))),
        ([text, ranges]) => {
          // Each replacement is a marker that cannot occur in the text, so it can be found in the output.
          const fixes: Fix[] = ranges.map((range, index) => ({ range, text: `\uE000${index}\uE000` }));
          const { output, applied, skipped } = applyFixes(text, fixes);
          expect(applied + skipped).toBe(fixes.length);
          const used = [...output.matchAll(/\uE000(\d+)\uE000/g)].map((m) => Number(m[1]));
          expect(used.length).toBe(applied);
          const kept = used.map((index) => ranges[index] as readonly [number, number]);
          // Applied fixes neither overlap nor touch (ESLint's rule), and come in the order of the file.
          for (let i = 1; i < kept.length; i++) expect((kept[i] as readonly [number, number])[0]).toBeGreaterThan((kept[i - 1] as readonly [number, number])[1]);
          let outside = "";
          let cursor = 0;
          for (const [start, end] of kept) {
            outside += text.slice(cursor, start);
            cursor = end;
          }
          outside += text.slice(cursor);
          expect(output.replace(/\uE000\d+\uE000/g, "")).toBe(outside);
          // A fix is skipped only for starting inside or at the end of one applied before it, in the order of their starts.
          for (const [index, range] of ranges.entries()) {
            if (used.includes(index)) continue;
            const before = ([start, end]: readonly [number, number]): boolean => start < range[0] || (start === range[0] && end <= range[1]);
            expect(kept.some((fix) => before(fix) && range[0] <= fix[1])).toBe(true);
          }
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe("fixes through the engine", () => {
  for (const [kind, text] of [
    ["dockerfile", FIXABLE_DOCKERFILE],
    ["compose", FIXABLE_COMPOSE],
  ] as const) {
    it(`a ${kind} with many fixable findings: fixed once is fixed for good, it parses, and every line ending and the BOM survive`, () => {
      expect(lintChecked(text, kind).result?.messages.filter((m) => m.fix).length).toBeGreaterThan(2);
      fc.assert(
        fc.property(endingArb, fc.boolean(), fc.integer(), (ending, bom, seed) => {
          const input = withLineEndings(text, ending, bom, seed);
          expect(fixProblems(input, kind)).toEqual([]);
          const fixed = lintChecked(input, kind, { fix: true }).result?.output;
          expect(fixed).toBeDefined();
          if (ending === "crlf") expect(fixed?.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
          if (ending === "lf") expect(fixed).not.toContain("\r");
        }),
        { seed: SEED, numRuns: 12 },
      );
    });
  }

  it("a fix that removes the first line leaves the byte order mark in place", () => {
    const fixed = lintChecked("\uFEFFversion: '3.8'\nservices:\n  web:\n    image: nginx:1.25\n", "compose", { fix: true }).result?.output;
    expect(fixed).toBe("\uFEFFservices:\n  web:\n    image: nginx:1.25\n");
  });

  it("mutated fixable files keep the fix properties", () => {
    fc.assert(
      fc.property(fc.constantFrom<[FileKind, string]>(["dockerfile", FIXABLE_DOCKERFILE], ["compose", FIXABLE_COMPOSE]), mutationsArb, endingArb, fc.boolean(), ([kind, text], mutations, ending, bom) => {
        const input = withLineEndings(mutate(text, mutations), ending, bom);
        expect(fixProblems(input, kind), JSON.stringify(input)).toEqual([]);
      }),
      { seed: SEED, numRuns: 80 },
    );
  });
});

describe.skipIf(!hasShared)(hasShared ? "fixes on real files" : skipMessage("fixes on corpus files"), () => {
  const seeds = hasShared ? { dockerfile: corpusSample(`${sharedDir}/corpus`, "dockerfile", 40), compose: corpusSample(`${sharedDir}/corpus`, "compose", 20) } : { dockerfile: [], compose: [] };
  for (const kind of ["dockerfile", "compose"] as const) {
    it(`corpus ${kind}s in LF, CRLF and mixed line endings, with and without a BOM, keep the fix properties`, () => {
      const files = seeds[kind];
      fc.assert(
        fc.property(fc.nat({ max: files.length - 1 }), endingArb, fc.boolean(), (index, ending, bom) => {
          const input = withLineEndings(files[index] as string, ending, bom, index);
          expect(fixProblems(input, kind)).toEqual([]);
        }),
        { seed: SEED, numRuns: 30 },
      );
    });
  }
});
