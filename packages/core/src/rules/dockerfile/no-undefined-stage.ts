import type { DockerfileModel, Stage } from "../../dockerfile/model.js";
import { unquote } from "../../dockerfile/parse.js";
import { namedContextMatcher } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { MAX_SUGGESTION_CANDIDATES } from "../../util/suggest-name.js";
import { closest, describeValue, resolveReference, stageReferences, variableName, type StageReference } from "./_stage-refs.js";

interface Options {
  /** Names passed at build time with `--build-context name=…`; `COPY --from=<name>` may use them (as `settings.buildContexts` does for every rule). */
  buildContexts: string[];
}

function what(reference: StageReference): string {
  return reference.kind === "copy" ? `COPY --from=${describeValue(reference)}` : `RUN --mount from=${describeValue(reference)}`;
}

function target(stage: Stage, byIndex: boolean): string {
  return byIndex ? `stage ${stage.index}${stage.name ? ` ("${stage.name}")` : ""}` : `stage "${stage.name ?? stage.index}"`;
}

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "no-undefined-stage",
    kind: "dockerfile",
    category: "correctness",
    severity: "error",
    docs: "Disallow `COPY --from`, `RUN --mount from=` and `FROM` references to stages that are not defined above them.",
    presets: ["recommended"],
    hasSuggestions: true,
    messages: {
      missing:
        "`{{what}}` names no stage of this Dockerfile, so the build looks for an image called \"{{name}}\" instead; define the stage above (`FROM … AS {{name}}`) or, if an image is meant, write it with its tag (`{{name}}:<version>`).",
      missingTypo:
        "`{{what}}` names no stage of this Dockerfile (did you mean stage \"{{suggestion}}\"?), so the build looks for an image called \"{{name}}\" instead; use the stage's exact name.",
      noSuchIndex:
        "`{{what}}` refers to stage index {{index}}, but {{available}}; stage indexes count the FROMs from 0, so name the stage (`FROM … AS build`) and copy from that name.",
      later:
        "`{{what}}` refers to {{target}}, defined after this instruction on line {{line}}; only BuildKit accepts a forward reference (the legacy builder and other tools look for an image instead), so move that stage above this one.",
      fromLater:
        "`FROM {{value}}` does not build on the stage \"{{name}}\" defined below it on line {{line}}: a FROM only sees the stages above it, so the build pulls an image called \"{{value}}\"; move that stage above this FROM, or give the image a tag if the image is meant.",
      empty: "`{{what}}` has no value, so the build fails; write the stage or image after `=` (`--from=build`).",
      variable:
        "`{{what}}` uses the variable ${{name}}, but the build does not expand variables in `--from` and fails (\"variable expansion is not supported for --from\"); declare `ARG {{name}}` before the first FROM, add a stage `FROM ${{{name}}} AS {{stage}}` and use `--from={{stage}}`.",
    },
    options: {
      schema: {
        type: "object",
        properties: { buildContexts: { type: "array", items: { type: "string" } } },
        additionalProperties: false,
      },
      defaults: { buildContexts: [] },
    },
    references: { hadolint: ["DL3022"] },
    referencesByMessage: {
      missing: { hadolint: ["DL3022"] },
      missingTypo: { hadolint: ["DL3022"] },
      noSuchIndex: { hadolint: ["DL3022"] },
      later: { hadolint: ["DL3022"] },
      variable: { hadolint: ["DL3022"] },
      fromLater: {},
      empty: {},
    },
  },
  check({ model, source, options, settings, report }) {
    const isNamedContext = namedContextMatcher(settings, options.buildContexts);
    for (const reference of stageReferences(model, source)) {
      const resolution = resolveReference(model, reference);
      const flagWhat = reference.kind === "copy" ? "COPY --from" : "RUN --mount from=";
      switch (resolution.kind) {
        case "empty":
          report({ messageId: "empty", data: { what: flagWhat }, range: reference.range });
          break;
        case "variable": {
          const name = variableName(reference.value) ?? "X";
          const stage = name.toLowerCase().replace(/_/g, "-");
          report({ messageId: "variable", data: { what: what(reference), name, stage }, range: reference.range });
          break;
        }
        case "missing": {
          const name = reference.value;
          if (isNamedContext(name)) break;
          const before = reference.instruction.stage?.index ?? -1;
          // Past suggestName's limit the names are not even listed: listed for every reference, they made a file of many stages quadratic.
          const earlierNames =
            before > MAX_SUGGESTION_CANDIDATES ? [] : model.stages.slice(0, Math.max(0, before)).flatMap((stage) => (stage.name === undefined ? [] : [stage.name]));
          const suggestion = closest(name, earlierNames);
          if (suggestion === undefined) {
            report({ messageId: "missing", data: { what: what(reference), name }, range: reference.range });
            break;
          }
          report({
            messageId: "missingTypo",
            data: { what: what(reference), name, suggestion },
            range: reference.range,
            ...(reference.exact
              ? { suggestions: [{ desc: `Copy from stage "${suggestion}"`, fix: { range: reference.range, text: suggestion } }] }
              : {}),
          });
          break;
        }
        case "noSuchIndex": {
          const before = reference.instruction.stage?.index ?? 0;
          const available =
            before === 0
              ? "no stage comes before this one"
              : before === 1
                ? "only stage 0 comes before this one"
                : `only stages 0 to ${before - 1} come before this one`;
          report({ messageId: "noSuchIndex", data: { what: what(reference), index: resolution.index, available }, range: reference.range });
          break;
        }
        case "later":
          report({
            messageId: "later",
            data: { what: what(reference), target: target(resolution.stage, resolution.byIndex), line: resolution.stage.from.line },
            range: reference.range,
          });
          break;
        default:
          break;
      }
    }

    // `FROM x` where x is the name of a stage further down: the build never looks forward.
    // Stages by lowercase name, in file order, so that a file of many stages is not searched
    // once per stage (100,000 lines, ~1,000 stages: 169 → 3 ns per line, issue 7 scaling).
    const stagesNamed = new Map<string, Stage[]>();
    for (const stage of model.stages) {
      const key = stage.name?.toLowerCase();
      if (key === undefined) continue;
      const named = stagesNamed.get(key);
      if (named) named.push(stage);
      else stagesNamed.set(key, [stage]);
    }
    for (const stage of model.stages) {
      if (stage.parent || !stage.imageRange) continue;
      const expanded = stage.from.scope.expand(unquote(stage.imageText));
      if (expanded.unresolved.length > 0) continue;
      const name = expanded.value.toLowerCase();
      const later = stagesNamed.get(name)?.find((other) => other.index > stage.index);
      // A named build context of that name is what the FROM reads.
      if (!later || isNamedContext(name)) continue;
      report({ messageId: "fromLater", data: { value: stage.imageText, name: later.name ?? name, line: later.from.line }, range: stage.imageRange });
    }
  },
});
