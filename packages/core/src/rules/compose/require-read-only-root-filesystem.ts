import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { composeBoolean } from "../../compose/go-scalars.js";
import { resolveScalar } from "./_a-values.js";
import { completesAnotherFile, otherLayerGives, reportDroppedLayerValue } from "./_p-layers.js";
import type { KeptPath } from "./_p-layers.js";

/** Another layer's service writes `read_only` (a `false` is reported in its own file). */
function givesReadOnly(other: ComposeService, kept: KeptPath): boolean {
  return kept(["read_only"]) && (other.readOnly?.value ?? null) !== null;
}

export default defineRule<ComposeModel>({
  meta: {
    id: "require-read-only-root-filesystem",
    kind: "compose",
    category: "security",
    severity: "warning",
    docs: "Require Compose services to run with a read-only root filesystem (`read_only: true`).",
    presets: ["strict"],
    messages: {
      missing:
        "Service `{{service}}` can write anywhere in its own filesystem, so an intruder can change its programs and drop tools there; add `read_only: true` and give the paths it writes a volume or a `tmpfs` (e.g. `tmpfs: [/tmp]`).",
      disabled:
        "Service `{{service}}` sets `read_only: {{value}}`, so an intruder can change its programs and drop tools in its filesystem; use `read_only: true` and give the paths it writes a volume or a `tmpfs`.",
      dropped:
        "`{{key}}: {{tag}}` drops the `read_only` that `{{file}}` gives service `{{service}}`, so the merged service can write anywhere in its own filesystem; remove `{{tag}}`, or set `read_only: true` here without it.",
    },
    references: { semgrep: ["writable-filesystem-service"], cis: ["5.13"] },
  },
  check({ model, filePath, report }) {
    for (const service of model.services) {
      const found = service.readOnly;
      if (found && found.value !== null) {
        const resolved = resolveScalar(found);
        // `read_only: ${READONLY}`: chosen where the file is run; a non-boolean is valid-schema's business.
        if (resolved.known && composeBoolean(resolved.value) === false) {
          report({ messageId: "disabled", data: { service: service.name, value: found.text }, range: found.range });
        }
        continue;
      }
      // Another layer of the project that writes `read_only` decides it (a `false` is reported there).
      if (otherLayerGives(model, service, givesReadOnly) || reportDroppedLayerValue(model, service, givesReadOnly, report, "dropped")) continue;
      if (completesAnotherFile(service, filePath)) continue;
      report({ messageId: "missing", data: { service: service.name }, range: service.keyRange });
    }
  },
});
