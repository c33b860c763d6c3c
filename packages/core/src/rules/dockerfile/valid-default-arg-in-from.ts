import type { DockerfileModel } from "../../dockerfile/model.js";
import { parseImageReference } from "../../image/reference.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { globalArgs, lexWord, logicalRegion, PREDEFINED_GLOBAL_ARGS } from "./_buildkit-lexer.js";

/** BuildKit's reference.ParseNormalizedNamed: the whole text must be one valid reference. */
function validImage(text: string): boolean {
  const ref = parseImageReference(text);
  return ref !== undefined && ref.problems.length === 0 && !ref.hasVariables;
}

function expand(model: DockerfileModel, range: OffsetRange, lookup: (name: string) => string | undefined) {
  const logical = logicalRegion(model.source.text, range[0], range[1], model.escapeChar);
  return lexWord(logical, 0, logical.text.length, { escapeChar: model.escapeChar, lookup });
}

function list(names: readonly string[]): string {
  const quoted = names.map((n) => `\`${n}\``);
  return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1) ?? ""}`;
}

/** What to change: the names without a default, or the defaults that produce the bad value. */
function advice(culprits: readonly string[], values: ReadonlyMap<string, string>, declared: ReadonlyMap<string, unknown>): string {
  const predefinedEmpty = culprits.filter((n) => !declared.has(n) && PREDEFINED_GLOBAL_ARGS.get(n) === "");
  if (predefinedEmpty.length > 0) {
    const first = predefinedEmpty[0] ?? "";
    return `${list(predefinedEmpty)} ${predefinedEmpty.length > 1 ? "are" : "is"} empty when building for linux/amd64; write \`\${${first}:-<value>}\``;
  }
  const missing = culprits.filter((n) => !values.has(n));
  if (missing.length > 0) {
    const first = missing[0] ?? "";
    return `give ${list(missing)} a default (\`ARG ${first}=<value>\`) or write \`\${${first}:-<value>}\``;
  }
  return `fix the default${culprits.length > 1 ? "s" : ""} of ${culprits.map((n) => `\`${n}\` ("${values.get(n) ?? ""}")`).join(" and ")}`;
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "valid-default-arg-in-from",
    kind: "dockerfile",
    category: "correctness",
    severity: "warning",
    docs: "Require FROM to name a valid image (and platform) with only the default values of the global ARGs.",
    presets: ["recommended"],
    messages: {
      invalidImage:
        "With only the ARG defaults, `{{written}}` becomes `{{value}}`, which is not a valid image reference, so a plain `docker build` fails; {{advice}}.",
      emptyImage: "With only the ARG defaults, `{{written}}` is empty, so a plain `docker build` fails (\"base name should not be blank\"); {{advice}}.",
      emptyPlatform: "With only the ARG defaults, `--platform={{written}}` is empty, so a plain `docker build` fails (\"empty platform value\"); {{advice}}.",
    },
    references: { buildkit: ["InvalidDefaultArgInFrom"] },
    referencesByMessage: {
      invalidImage: { buildkit: ["InvalidDefaultArgInFrom"] },
      emptyImage: { buildkit: ["InvalidDefaultArgInFrom"] },
      emptyPlatform: {},
    },
  },
  check({ model, source, report }) {
    const globals = globalArgs(model);
    const values = globals.values;
    // Global ARGs and BuildKit's predefined platform args; undeclared names are no-undefined-arg-in-from's finding.
    const known = (name: string): boolean => globals.declared.has(name) || PREDEFINED_GLOBAL_ARGS.has(name);
    const lookup = (name: string): string | undefined => values.get(name);
    for (const stage of model.stages) {
      const imageRange = stage.imageRange;
      if (imageRange && source.slice(imageRange).includes("$")) {
        const result = expand(model, imageRange, lookup);
        const culprits = [...new Set(result.refs.map((r) => r.name).filter(known))];
        // Only a problem of the defaults if some values would make a valid reference (`busybox:${TAG}` with TAG=v1).
        const plausible = expand(model, imageRange, (name) => (known(name) ? "v1" : values.get(name)));
        if (culprits.length > 0 && result.error === undefined && !validImage(result.value) && validImage(plausible.value)) {
          report({
            messageId: result.value === "" ? "emptyImage" : "invalidImage",
            data: { written: source.slice(imageRange), value: result.value, advice: advice(culprits, values, globals.declared) },
            range: imageRange,
          });
        }
      }
      const platform = stage.platform?.valueRange;
      if (platform && source.slice(platform).includes("$")) {
        const result = expand(model, platform, lookup);
        const culprits = [...new Set(result.refs.map((r) => r.name).filter(known))];
        if (culprits.length > 0 && result.error === undefined && result.value === "") {
          report({ messageId: "emptyPlatform", data: { written: source.slice(platform), advice: advice(culprits, values, globals.declared) }, range: platform });
        }
      }
    }
  },
});
