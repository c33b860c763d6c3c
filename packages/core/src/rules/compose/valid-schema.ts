import type { ComposeModel } from "../../compose/model.js";
import { composeSchemaValidator } from "./_schema-hook.js";
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
      legacyV1:
        "This is a Compose file format v1 file (services at the top level, no `services:` key), which Compose v2 no longer runs; move the services under a top-level `services:` key.",
    },
    references: {},
  },
  check({ model, report }) {
    if (model.isLegacyV1) {
      // One clear finding instead of an "unknown key" error per service.
      const first = model.topLevelKeys[0];
      report({ messageId: "legacyV1", level: "info", range: first?.range ?? [0, 0] });
      return;
    }
    const validate = composeSchemaValidator();
    if (!validate) return;
    const data = model.toPlain();
    if (data === null || data === undefined) return;
    for (const problem of validate(data)) {
      const place = model.locate(pointerPath(problem.pointer));
      const range = problem.keyword === "additionalProperties" ? (place?.keyRange ?? place?.range) : place?.range;
      report({ messageId: "schema", data: { message: problem.message }, range: range ?? [0, 0] });
    }
  },
});
