import type { DockerfileModel, Instruction, KeyValue } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange, SourceText } from "../../source.js";
import { referencesIn } from "./_buildkit-lexer.js";

/** The value of a pair as written: after `key=` (quotes included), or the rest of a legacy `ENV key value`. */
function valueRange(pair: KeyValue, source: SourceText): OffsetRange | undefined {
  if (pair.legacyForm) return pair.valueRange;
  const eq = pair.keyRange[1];
  return source.text[eq] === "=" ? [eq + 1, pair.range[1]] : pair.valueRange;
}

/** `V=$V` / `V=${V}` / `V="$V"`: the pair sets V to the value it already has. */
function isIdentity(pair: KeyValue, source: SourceText, escapeChar: string): boolean {
  const range = valueRange(pair, source);
  if (!range) return false;
  const text = source.slice(range).replace(/^"(.*)"$/s, "$1");
  const references = referencesIn(source.text, range, escapeChar);
  return references.length === 1 && references[0]?.name === pair.key && (text === `$${pair.key}` || text === `\${${pair.key}}`);
}

/** What `$name` stands for when the ENV runs: the value from before the instruction, or nothing. */
function previousValue(instruction: Instruction, name: string): string {
  if (instruction.onbuild) return `the value ${name} has in the child build before this ENV`;
  return instruction.scope.lookup(name) === undefined
    ? `the value ${name} had before this ENV (empty unless the base image sets it)`
    : `the value ${name} had before this ENV`;
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-env-self-reference",
    kind: "dockerfile",
    category: "correctness",
    severity: "error",
    docs: "Disallow an ENV value that refers to a variable set earlier in the same ENV instruction.",
    presets: ["recommended"],
    hasSuggestions: true,
    messages: {
      sameInstruction:
        "`{{reference}}` in the value of {{key}} refers to {{name}}, which this same ENV sets just before, but all values of one ENV are expanded before any is assigned, so {{key}} gets {{previous}}; set {{name}} in an ENV of its own first.",
    },
    references: { hadolint: ["DL3044"] },
  },
  check({ model, source, report }) {
    for (const instruction of withTriggers(model.instructions)) {
      if (instruction.keyword !== "ENV" || instruction.pairs.length < 2) continue;
      const pairs = instruction.pairs;
      // The keys set by the pairs before the current one, grown pair by pair (made anew for every
      // pair, an ENV of 8,000 pairs took 5 s). `ENV V=$V W=$V`: re-setting a variable to its own
      // value changes nothing for the pairs after it, so it is not counted.
      const earlier = new Set<string>();
      const judge = (pair: KeyValue, index: number): void => {
        const range = valueRange(pair, source);
        if (!range) return;
        for (const reference of referencesIn(source.text, range, model.escapeChar)) {
          if (!earlier.has(reference.name)) continue;
          const previous = pairs[index - 1];
          const gap: OffsetRange | undefined = previous ? [previous.range[1], pair.range[0]] : undefined;
          const splittable = gap !== undefined && /^[ \t]+$/.test(source.slice(gap));
          report({
            messageId: "sameInstruction",
            data: { reference: source.slice(reference.range), key: pair.key, name: reference.name, previous: previousValue(instruction, reference.name) },
            range: reference.range,
            ...(splittable && gap
              ? {
                  suggestions: [
                    {
                      desc: `Start a new ENV at ${pair.key}, so that it sees the new ${reference.name}`,
                      fix: { range: gap, text: `${source.eol}${instruction.onbuild ? `${instruction.onbuild.keywordText} ` : ""}${instruction.keywordText} ` },
                    },
                  ],
                }
              : {}),
          });
        }
      };
      pairs.forEach((pair, index) => {
        if (earlier.size > 0) judge(pair, index);
        if (!isIdentity(pair, source, model.escapeChar)) earlier.add(pair.key);
      });
    }
  },
});
