import type { ComposeModel } from "../../compose/model.js";
import { composeSchemaValidator } from "./_schema-hook.js";
import { isComposeLayerName } from "../../kind.js";
import { defineRule } from "../../rule.js";

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
    messages: {
      schema: "{{message}}",
      emptyFile:
        "This Compose file holds {{what}}, and docker compose refuses a project with nothing in it (\"empty compose file\"); define `services:`, or delete the file.",
      legacyV1:
        "This is a Compose file format v1 file (services at the top level, no `services:` key), which Compose v2 no longer runs; move the services under a top-level `services:` key.",
    },
    references: {},
  },
  check({ model, filePath, report }) {
    if (model.isLegacyV1) {
      // One clear finding instead of an "unknown key" error per service.
      const first = model.topLevelKeys[0];
      report({ messageId: "legacyV1", level: "info", range: first?.range ?? [0, 0] });
      return;
    }
    const data = model.toPlain();
    // compose-go drops `version` and then refuses an empty project; an override or -f layer adds
    // to its base, and may be empty (the CLI lints an empty layer the same way).
    const keys = data !== null && typeof data === "object" && !Array.isArray(data) ? Object.keys(data).filter((key) => key !== "version") : undefined;
    if ((data === null || data === undefined || keys?.length === 0) && !(filePath !== undefined && isComposeLayerName(filePath))) {
      const what = data === null || data === undefined ? "no YAML value (only comments, or nothing)" : Object.keys(data).length === 0 ? "an empty mapping" : "only the obsolete `version`";
      report({ messageId: "emptyFile", data: { what }, range: model.topLevelKeys[0]?.range ?? [0, 0] });
      return;
    }
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
