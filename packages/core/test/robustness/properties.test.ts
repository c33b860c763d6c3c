/**
 * Property-based robustness: arbitrary text and corpus files mutated at random go through every
 * parser and every rule (`extends: all`) of the three kinds. No exception escapes, every range
 * lies inside the file, every message has a rule id or is a fatal parse message. Seeds are fixed
 * and runs bounded so CI stays fast; scripts/fuzz.mjs runs the same properties far longer.
 */
import { Ajv } from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinRules } from "../../src/rules/index.js";
import type { FileKind } from "../../src/types.js";
import { hasShared, sharedDir, skipMessage } from "../support/shared.js";
import { DAEMON_SEEDS, corpusSample, fixProblems, lintChecked, mutate, mutationsArb, parseEverything, projectFor, projectProblems, textFor } from "./harness.js";
import { configArb, valuesOf } from "./options.js";

const SEED = 20261129;

function expectClean(text: string, kind: FileKind): void {
  expect(lintChecked(text, kind).problems, JSON.stringify(text.slice(0, 2000))).toEqual([]);
}

describe("arbitrary text through every parser and every rule", () => {
  it("no parser throws, and a parse error points inside the file", () => {
    const anyText = fc.oneof(textFor("dockerfile"), textFor("compose"), textFor("daemon"), fc.string({ unit: "binary", maxLength: 200 }));
    fc.assert(
      fc.property(anyText, (text) => {
        expect(parseEverything(text), JSON.stringify(text)).toEqual([]);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  for (const kind of ["dockerfile", "compose", "daemon"] as const) {
    it(`lints arbitrary ${kind} text: no exception, every range inside, every message owned`, () => {
      fc.assert(
        fc.property(textFor(kind), (text) => expectClean(text, kind)),
        { seed: SEED, numRuns: kind === "compose" ? 150 : 250 },
      );
    });
  }
});

describe.skipIf(!hasShared)(hasShared ? "corpus files mutated at random" : skipMessage("mutated corpus files"), () => {
  // Every 25th Dockerfile and every 12th Compose file: about 100 and 80 real seeds from all projects.
  const seeds = hasShared ? { dockerfile: corpusSample(`${sharedDir}/corpus`, "dockerfile", 25), compose: corpusSample(`${sharedDir}/corpus`, "compose", 12) } : { dockerfile: [], compose: [] };

  for (const kind of ["dockerfile", "compose"] as const) {
    it(`${kind}s with bytes dropped, duplicated, swapped, lines shuffled, quotes and brackets unbalanced lint cleanly`, () => {
      const files = seeds[kind];
      expect(files.length).toBeGreaterThan(50);
      fc.assert(
        fc.property(fc.nat({ max: files.length - 1 }), mutationsArb, (index, mutations) => expectClean(mutate(files[index] as string, mutations), kind)),
        { seed: SEED, numRuns: 200 },
      );
    });
  }
});

describe("projects: the files a Compose file or a Dockerfile reaches, present or not, broken or not", () => {
  // Real seeds where ../shared is present; the generated texts and references run everywhere.
  const seeds = hasShared ? { dockerfile: corpusSample(`${sharedDir}/corpus`, "dockerfile", 50), compose: corpusSample(`${sharedDir}/corpus`, "compose", 24) } : { dockerfile: [], compose: [] };

  for (const kind of ["compose", "dockerfile"] as const) {
    it(`a ${kind} whose includes, extends, env files, build contexts and .dockerignore are anything lints cleanly`, () => {
      fc.assert(
        fc.property(projectFor(kind, seeds), (project) => {
          expect(projectProblems(project), JSON.stringify(project).slice(0, 2000)).toEqual([]);
        }),
        { seed: SEED, numRuns: 150 },
      );
    });
  }
});

describe("mutated daemon.json files", () => {
  it("lint cleanly with every rule", () => {
    fc.assert(
      fc.property(fc.constantFrom(...DAEMON_SEEDS), mutationsArb, (seed, mutations) => expectClean(mutate(seed, mutations), "daemon")),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe("rule options and settings: any value the schemas accept", () => {
  const optioned = builtinRules.filter((rule) => rule.meta.options);

  it("the generator draws only values each rule's schema accepts", () => {
    expect(optioned.length).toBeGreaterThan(30);
    const ajv = new Ajv({ strict: false });
    for (const rule of optioned) {
      const schema = rule.meta.options?.schema ?? {};
      const valid = ajv.compile(schema);
      for (const value of fc.sample(valuesOf(schema), { seed: SEED, numRuns: 60 })) {
        expect(valid(value), `${rule.meta.kind} ${rule.meta.id}: ${JSON.stringify(value)?.slice(0, 300)} ${ajv.errorsText(valid.errors)}`).toBe(true);
      }
    }
  });

  const seeds = hasShared ? { dockerfile: corpusSample(`${sharedDir}/corpus`, "dockerfile", 40), compose: corpusSample(`${sharedDir}/corpus`, "compose", 20) } : { dockerfile: [], compose: [] };
  for (const kind of ["dockerfile", "compose"] as const) {
    it(`${kind}: every rule on, some with any options their schema accepts, any settings: lints and fixes cleanly`, () => {
      const texts = seeds[kind].length > 0 ? fc.oneof(textFor(kind), fc.constantFrom(...seeds[kind])) : textFor(kind);
      fc.assert(
        fc.property(texts, configArb(builtinRules, kind), (text, config) => {
          expect(fixProblems(text, kind, config), `${JSON.stringify(config).slice(0, 1500)}\n${JSON.stringify(text.slice(0, 1500))}`).toEqual([]);
        }),
        { seed: SEED, numRuns: 120 },
      );
    });

    it(`${kind}: projects, with any options and settings (a build context anywhere), lint cleanly`, () => {
      fc.assert(
        fc.property(projectFor(kind, seeds), configArb(builtinRules, kind), (project, config) => {
          expect(projectProblems(project, config), `${JSON.stringify(config).slice(0, 1500)}\n${JSON.stringify(project).slice(0, 1500)}`).toEqual([]);
        }),
        { seed: SEED, numRuns: 60 },
      );
    });
  }
});
