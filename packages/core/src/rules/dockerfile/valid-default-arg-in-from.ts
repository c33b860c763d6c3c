import type { DockerfileModel } from "../../dockerfile/model.js";
import { parseImageReference } from "../../image/reference.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { type GlobalArgs, globalArgs, type LexResult, lexWord, type LogicalText, logicalRegion, PREDEFINED_GLOBAL_ARGS } from "./_buildkit-lexer.js";

/** BuildKit's reference.ParseNormalizedNamed: the whole text must be one valid reference. */
function validImage(text: string): boolean {
  const ref = parseImageReference(text);
  return ref !== undefined && ref.problems.length === 0 && !ref.hasVariables;
}

function expand(model: DockerfileModel, range: OffsetRange, lookup: (name: string) => string | undefined) {
  const logical = logicalRegion(model.source.text, range[0], range[1], model.escapeChar);
  return lexWord(logical, 0, logical.text.length, { escapeChar: model.escapeChar, lookup });
}

/**
 * BuildKit's errors for how a substitution is written (shell/lex.go processDollar): the word fails
 * whatever the values, where `${X:?}` fails only for an unset X.
 */
const SYNTAX_ERROR = /^(?:syntax error: |unsupported modifier )/;

/**
 * BuildKit's errors for a word: those of SYNTAX_ERROR, an unclosed quote, `${X?message}` on an
 * unset X. Not the lexer's own bound on a value's growth, which BuildKit does not have.
 */
const BUILDKIT_ERROR = /^(?:syntax error: |unsupported modifier |unexpected end of statement |[\p{L}_][\p{L}\p{N}_]*: )/u;

/**
 * The `${…}` of logical text [from, to) that fails with `error` when lexed alone: the lexer says
 * what failed, not where, and the message should show the substitution at fault rather than the
 * whole word. The first `${` (not escaped) whose balanced braces, lexed alone, give that error;
 * undefined when none does (an unclosed quote).
 */
function failingSubstitution(logical: LogicalText, from: number, to: number, escapeChar: string, error: string, lookup: (name: string) => string | undefined): string | undefined {
  const text = logical.text;
  for (let start = text.indexOf("${", from); start >= 0 && start < to; start = text.indexOf("${", start + 1)) {
    let escapes = 0;
    while (text[start - 1 - escapes] === escapeChar) escapes++;
    if (escapes % 2 === 1) continue;
    let depth = 0;
    let end = start;
    while (end < to) {
      if (text.startsWith("${", end)) {
        depth++;
        end += 2;
        continue;
      }
      if (text[end++] === "}" && --depth === 0) break;
    }
    if (lexWord(logical, start, end, { escapeChar, lookup }).error === error) return text.slice(start, end);
  }
  return undefined;
}

/** A global ARG whose default BuildKit cannot expand. */
interface BrokenDefault {
  /** The ARG whose default fails; for `ARG B=${A}` after a broken A, that A. */
  name: string;
  /** The part of the default at fault: the failing substitution, or the whole default. */
  fault: string;
  error: string;
}

/**
 * The global ARGs whose default fails to expand with only the defaults. BuildKit expands every
 * global default before the first stage (dockerfile2llb buildMetaArgs) and stops the build at the
 * first that fails, unless `--build-arg` gives that ARG: the vscode-dev-containers templates'
 * `ARG VARIANT=${templateOption:imageVariant}` fails with "unsupported modifier (:i) in
 * substitution", where the lexer's value after the error (`mageVariant}`) means nothing.
 */
function brokenDefaults(model: DockerfileModel, globals: GlobalArgs): ReadonlyMap<string, BrokenDefault> {
  const broken = new Map<string, BrokenDefault>();
  // The substitution at fault is looked up with the values the default was lexed with: those before it.
  const values = new Map(PREDEFINED_GLOBAL_ARGS);
  const lookup = (name: string): string | undefined => values.get(name);
  for (const { arg, lexed } of globals.defaults) {
    if (!broken.has(arg.name)) {
      if (lexed.error !== undefined && BUILDKIT_ERROR.test(lexed.error)) {
        const fault = failingSubstitution(arg.logical, arg.valueFrom, arg.valueTo, model.escapeChar, lexed.error, lookup) ?? arg.rawValue ?? "";
        broken.set(arg.name, { name: arg.name, fault, error: lexed.error });
      } else {
        const inherited = lexed.refs.map((ref) => broken.get(ref.name)).find((entry) => entry !== undefined);
        if (inherited) broken.set(arg.name, inherited);
      }
    }
    values.set(arg.name, lexed.value);
  }
  return broken;
}

/** The first of `culprits`' broken defaults in file order: BuildKit stops at that ARG. */
function firstBroken(culprits: readonly string[], broken: ReadonlyMap<string, BrokenDefault>): BrokenDefault | undefined {
  const order = [...broken.keys()];
  return culprits
    .map((name) => broken.get(name))
    .filter((entry): entry is BrokenDefault => entry !== undefined)
    .sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name))[0];
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
      invalidDefault:
        "`{{written}}` uses `{{name}}`, whose default BuildKit cannot expand (`{{fault}}`: \"{{error}}\"), so a plain `docker build` fails at that ARG; write a valid default for `{{name}}`, or always pass `--build-arg {{name}}=…`.",
      invalidSubstitution:
        "`{{written}}` has a substitution BuildKit cannot expand, `{{fault}}` (\"{{error}}\"), so the build fails whatever the build arguments; write a plain value or a supported form (`${NAME}`, `${NAME:-default}`).",
    },
    references: { buildkit: ["InvalidDefaultArgInFrom"] },
    referencesByMessage: {
      invalidImage: { buildkit: ["InvalidDefaultArgInFrom"] },
      emptyImage: { buildkit: ["InvalidDefaultArgInFrom"] },
      emptyPlatform: {},
      // BuildKit's check gives up on a word it cannot expand: the build fails instead.
      invalidDefault: {},
      invalidSubstitution: {},
    },
  },
  check({ model, source, report }) {
    const globals = globalArgs(model);
    const values = globals.values;
    // Global ARGs and BuildKit's predefined platform args; undeclared names are no-undefined-arg-in-from's finding.
    const known = (name: string): boolean => globals.declared.has(name) || PREDEFINED_GLOBAL_ARGS.has(name);
    const lookup = (name: string): string | undefined => values.get(name);
    let broken: ReadonlyMap<string, BrokenDefault> | undefined;
    for (const stage of model.stages) {
      // One failure per FROM: BuildKit stops at the first word it cannot expand.
      let failed = false;
      const reportUnexpandable = (range: OffsetRange, written: string, result: LexResult, culprits: readonly string[]): boolean => {
        if (failed) return true;
        // A substitution written wrong fails whatever the values, an undeclared name's included
        // (vscode-dev-containers' azure-bicep template: `FROM …/dotnet:0-${templateOption:imageVariant}`).
        if (result.error !== undefined && SYNTAX_ERROR.test(result.error)) {
          const logical = logicalRegion(source.text, range[0], range[1], model.escapeChar);
          const fault = failingSubstitution(logical, 0, logical.text.length, model.escapeChar, result.error, lookup) ?? written;
          report({ messageId: "invalidSubstitution", data: { written, fault, error: result.error }, range });
          return (failed = true);
        }
        const culprit = culprits.length > 0 ? firstBroken(culprits, (broken ??= brokenDefaults(model, globals))) : undefined;
        if (culprit) {
          report({ messageId: "invalidDefault", data: { written, name: culprit.name, fault: culprit.fault, error: culprit.error }, range });
          return (failed = true);
        }
        return false;
      };
      const imageRange = stage.imageRange;
      if (imageRange && source.slice(imageRange).includes("$")) {
        const written = source.slice(imageRange);
        const result = expand(model, imageRange, lookup);
        const culprits = [...new Set(result.refs.map((r) => r.name).filter(known))];
        // Only a problem of the defaults if some values would make a valid reference (`busybox:${TAG}` with TAG=v1).
        const plausible = expand(model, imageRange, (name) => (known(name) ? "v1" : values.get(name)));
        if (!reportUnexpandable(imageRange, written, result, culprits) && culprits.length > 0 && result.error === undefined && !validImage(result.value) && validImage(plausible.value)) {
          report({
            messageId: result.value === "" ? "emptyImage" : "invalidImage",
            data: { written, value: result.value, advice: advice(culprits, values, globals.declared) },
            range: imageRange,
          });
        }
      }
      const platform = stage.platform?.valueRange;
      if (platform && source.slice(platform).includes("$")) {
        const result = expand(model, platform, lookup);
        const culprits = [...new Set(result.refs.map((r) => r.name).filter(known))];
        if (!reportUnexpandable(platform, `--platform=${source.slice(platform)}`, result, culprits) && culprits.length > 0 && result.error === undefined && result.value === "") {
          report({ messageId: "emptyPlatform", data: { written: source.slice(platform), advice: advice(culprits, values, globals.declared) }, range: platform });
        }
      }
    }
  },
});
