import type { ComposeModel } from "../../compose/model.js";
import { composeSchemaValidator } from "./_schema-hook.js";
import type { Node } from "yaml";
import { goYamlValue } from "../../compose/go-scalars.js";
import { documentNodes } from "../../compose/yaml-walk.js";
import { isAlias, isMap, isScalar, isSeq, resolveAlias } from "../../compose/yaml-lazy.js";
import { isComposeLayerName } from "../../kind.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { isMergeKey } from "../../compose/yaml-lazy.js";

const KIND_NAMES: Readonly<Record<string, string>> = { int: "a number", float: "a number", bool: "a boolean", null: "null" };
/** The plain words go-yaml reads as a boolean or null. */
const NOT_STRING_WORDS = new Set(["true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL"]);

/**
 * compose-go's convertToStringKeysRecursive refuses a map whose keys go-yaml reads as other than
 * strings (`1:`, `true:`, `~:`, a list or map as key), anywhere in the file, `x-` sections included.
 */
function reportNonStringKeys(model: ComposeModel, text: string, report: (descriptor: ReportDescriptor) => void): void {
  for (const pair of documentNodes(model.document).pairs) {
    const key: unknown = pair.key;
    const range = (key as Node | null)?.range;
    if (!range) continue;
    let kind: string | undefined;
    if (isScalar(key)) {
      // Most keys are plain words: only a quoteless key that starts like a number, or is a YAML
      // boolean or null, can be one.
      if (key.type !== "PLAIN" || (typeof key.source === "string" && /^[a-z_/]/i.test(key.source) && !NOT_STRING_WORDS.has(key.source))) continue;
      kind = KIND_NAMES[goYamlValue(key)?.kind ?? "string"];
    }
    else if (isMap(key) || isSeq(key)) kind = isMap(key) ? "a mapping" : "a list";
    if (kind === undefined) continue;
    const written = text.slice(range[0], range[1]);
    report({
      messageId: "nonStringKey",
      data: { key: written, kind },
      range: [range[0], range[1]],
      ...(isScalar(key) ? { suggestions: [{ desc: `Quote the key: "${written}"`, fix: { range: [range[0], range[1]] as [number, number], text: JSON.stringify(written) } }] } : {}),
    });
  }
}

/** How a node that is no mapping is named in a message. */
function describeNode(node: unknown): string {
  if (isSeq(node)) return "a list that holds something other than mappings";
  if (isScalar(node)) return node.value === null ? "null" : `the scalar \`${String(node.value)}\``;
  return "no mapping";
}

/** go-yaml's merge: the value of `<<` (through its alias) must be a mapping or a list of mappings. */
function reportBadMergeSources(model: ComposeModel, report: (descriptor: ReportDescriptor) => void): void {
  const resolved = (node: unknown): unknown => (isAlias(node) ? resolveAlias(node, model.document) : node);
  for (const pair of documentNodes(model.document).pairs) {
    if (!isMergeKey(pair.key)) continue;
    const value = resolved(pair.value);
    const range = (pair.value as Node | null)?.range ?? (pair.key as Node | null)?.range;
    if (!range || isMap(value)) continue;
    if (isSeq(value) && value.items.every((item) => isMap(resolved(item)))) continue;
    report({ messageId: "badMergeSource", data: { what: describeNode(value) }, range: [range[0], range[1]] });
  }
}

/** `/services/web/ports/0` → `["services", "web", "ports", "0"]` (RFC 6901 escapes undone). */
function pointerPath(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export default defineRule<ComposeModel>({
  meta: {
    id: "valid-schema",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Require Compose files to match the Compose Specification schema.",
    presets: ["recommended"],
    hasSuggestions: true,
    messages: {
      schema: "{{message}}",
      nonStringKey:
        "The key `{{key}}` is read by docker compose's YAML parser as {{kind}}, and docker compose refuses a key that is not a string (\"non-string key in …: {{key}}\"); quote it: `\"{{key}}\":`.",
      badMergeSource:
        "The merge key `<<` takes {{what}} here, and docker compose's YAML parser refuses it (\"map merge requires map or sequence of maps as the value\"); merge a mapping (an anchor on a map: `&base`), or a list of them.",
      emptyFile:
        "This Compose file holds {{what}}, and docker compose refuses a project with nothing in it (\"empty compose file\"); define `services:`, or delete the file.",
      legacyV1:
        "This is a Compose file format v1 file (services at the top level, no `services:` key), which Compose v2 no longer runs; move the services under a top-level `services:` key.",
    },
    references: {},
  },
  check({ model, filePath, source, report }) {
    if (model.isLegacyV1) {
      // One clear finding instead of an "unknown key" error per service.
      const first = model.topLevelKeys[0];
      report({ messageId: "legacyV1", level: "info", range: first?.range ?? [0, 0] });
      return;
    }
    // Without what `!reset` tags, which compose-go drops before it checks the schema (`ports: !reset null` is valid).
    const data = model.toPlain();
    // compose-go drops `version` and then refuses an empty project; an override or -f layer adds
    // to its base, and may be empty (the CLI lints an empty layer the same way).
    const keys = data !== null && typeof data === "object" && !Array.isArray(data) ? Object.keys(data).filter((key) => key !== "version") : undefined;
    if ((data === null || data === undefined || keys?.length === 0) && !(filePath !== undefined && isComposeLayerName(filePath))) {
      const what = data === null || data === undefined ? "no YAML value (only comments, or nothing)" : Object.keys(data).length === 0 ? "an empty mapping" : "only the obsolete `version`";
      report({ messageId: "emptyFile", data: { what }, range: model.topLevelKeys[0]?.range ?? [0, 0] });
      return;
    }
    reportNonStringKeys(model, source.text, report);
    reportBadMergeSources(model, report);
    const validate = composeSchemaValidator();
    if (!validate) return;
    if (data === null || data === undefined) return;
    for (const problem of validate(data)) {
      const place = model.locate(pointerPath(problem.pointer));
      const range = problem.keyword === "additionalProperties" ? (place?.keyRange ?? place?.range) : place?.range;
      report({ messageId: "schema", data: { message: problem.message }, range: range ?? [0, 0] });
    }
  },
});
