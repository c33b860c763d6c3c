/**
 * The long fuzz run behind scripts/fuzz.mjs: the properties of properties.test.ts and
 * fix-safety.test.ts, fed many more inputs, counting failures instead of stopping at the first.
 */
import fc from "fast-check";
import { builtinRules } from "../../src/rules/index.js";
import type { Config } from "../../src/config.js";
import type { FileKind } from "../../src/types.js";
import { configArb } from "./options.js";
import { DAEMON_SEEDS, corpusSample, fixProblems, lintChecked, mutate, mutationsArb, parseEverything, projectFor, projectProblems, textFor, withLineEndings } from "./harness.js";

export interface FuzzOptions {
  runs: number;
  seed: number;
  /** ../shared/corpus, or undefined to fuzz without real seeds. */
  corpusDir: string | undefined;
  /** Only the properties whose name contains this text. */
  only?: string;
  /** Called every few thousand inputs with the count so far. */
  progress?: (done: number, failures: number) => void;
}

export interface FuzzFailure {
  property: string;
  kind: FileKind | "any";
  problems: string[];
  input: string;
}

export interface FuzzSummary {
  inputs: number;
  failures: FuzzFailure[];
  perProperty: Record<string, number>;
}

interface Property {
  name: string;
  /** Share of the runs, relative to the others. */
  weight: number;
  arbitrary: fc.Arbitrary<{ kind: FileKind | "any"; text: string }>;
  check: (kind: FileKind | "any", text: string) => string[];
}

const BATCH = 200;

export function runFuzz(options: FuzzOptions): FuzzSummary {
  const corpus = options.corpusDir ? { dockerfile: corpusSample(options.corpusDir, "dockerfile", 1), compose: corpusSample(options.corpusDir, "compose", 1) } : undefined;
  const lint = (kind: FileKind | "any", text: string): string[] => lintChecked(text, kind as FileKind).problems;
  const properties: Property[] = [
    {
      name: "parsers on arbitrary text",
      weight: 1,
      arbitrary: fc.oneof(textFor("dockerfile"), textFor("compose"), textFor("daemon"), fc.string({ unit: "binary", maxLength: 400 })).map((text) => ({ kind: "any" as const, text })),
      check: (_kind, text) => parseEverything(text),
    },
    ...(["dockerfile", "compose", "daemon"] as const).map((kind) => ({
      name: `${kind}: arbitrary text, every rule`,
      weight: 1,
      arbitrary: textFor(kind).map((text) => ({ kind, text })),
      check: lint,
    })),
    {
      name: "daemon: mutated seeds, every rule",
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...DAEMON_SEEDS), mutationsArb).map(([seed, mutations]) => ({ kind: "daemon" as const, text: mutate(seed, mutations) })),
      check: lint,
    },
  ];
  // A project travels as the JSON of its files (path → text), which is also how a failure records it.
  for (const kind of ["compose", "dockerfile"] as const) {
    properties.push({
      name: `${kind}: projects (includes, extends, env files, build contexts, .dockerignore, .gitignore, submodules), every rule`,
      weight: 1,
      arbitrary: projectFor(kind, corpus ?? { dockerfile: [], compose: [] }).map((project) => ({ kind, text: JSON.stringify(project) })),
      check: (_kind, text) => projectProblems(JSON.parse(text) as Record<string, string>),
    });
  }
  // Text and config travel as the JSON of both, which is also how a failure records them.
  for (const kind of ["dockerfile", "compose"] as const) {
    const files = corpus?.[kind] ?? [];
    const texts = files.length > 0 ? fc.oneof(textFor(kind), fc.tuple(fc.nat({ max: files.length - 1 }), mutationsArb).map(([index, mutations]) => mutate(files[index] as string, mutations))) : textFor(kind);
    properties.push({
      name: `${kind}: any options and settings the schemas accept, every rule, fix safety`,
      weight: 1,
      arbitrary: fc.tuple(texts, configArb(builtinRules, kind)).map(([text, config]) => ({ kind, text: JSON.stringify({ text, config }) })),
      check: (k, input) => {
        const { text, config } = JSON.parse(input) as { text: string; config: Config };
        return fixProblems(text, k as FileKind, config);
      },
    });
  }
  if (corpus) {
    for (const kind of ["dockerfile", "compose"] as const) {
      const files = corpus[kind];
      const mutated = fc.tuple(fc.nat({ max: files.length - 1 }), mutationsArb).map(([index, mutations]) => ({ kind, text: mutate(files[index] as string, mutations) }));
      properties.push({ name: `${kind}: mutated corpus files, every rule`, weight: 4, arbitrary: mutated, check: lint });
      properties.push({
        name: `${kind}: fix safety on mutated corpus files, any line endings and BOM`,
        weight: 1,
        arbitrary: fc
          .tuple(mutated, fc.constantFrom("lf" as const, "crlf" as const, "mixed" as const), fc.boolean(), fc.integer())
          .map(([input, ending, bom, seed]) => ({ kind, text: withLineEndings(input.text, ending, bom, seed) })),
        check: (k, text) => fixProblems(text, k as FileKind),
      });
    }
  }
  const chosen = options.only === undefined ? properties : properties.filter((property) => property.name.includes(options.only as string));
  if (chosen.length === 0) throw new Error(`no fuzz property's name contains "${options.only}": ${properties.map((p) => p.name).join("; ")}`);
  const totalWeight = chosen.reduce((sum, p) => sum + p.weight, 0);
  const failures: FuzzFailure[] = [];
  const perProperty: Record<string, number> = {};
  let inputs = 0;
  let batch = 0;
  for (const property of chosen) {
    // Rounded up, so that a run of N inputs feeds at least N.
    const share = Math.max(1, Math.ceil((options.runs * property.weight) / totalWeight));
    perProperty[property.name] = 0;
    for (let done = 0; done < share; done += BATCH) {
      const samples = fc.sample(property.arbitrary, { seed: options.seed + batch++, numRuns: Math.min(BATCH, share - done) });
      for (const { kind, text } of samples) {
        let problems: string[];
        try {
          problems = property.check(kind, text);
        } catch (error) {
          problems = [`the check threw ${String(error)}`];
        }
        inputs++;
        perProperty[property.name] = (perProperty[property.name] ?? 0) + 1;
        if (problems.length > 0) failures.push({ property: property.name, kind, problems, input: text });
        if (inputs % 5000 === 0) options.progress?.(inputs, failures.length);
      }
    }
  }
  return { inputs, failures, perProperty };
}
