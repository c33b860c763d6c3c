import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { evaluate } from "../../compose/interpolation.js";
import { parseSecurityOpt } from "../../compose/syntax.js";
import { defineRule } from "../../rule.js";
import { addListItem, addServiceKey } from "./_insert-suggestions.js";
import { completesAnotherFile, otherLayerGives, reportDroppedLayerValue } from "./_p-layers.js";
import type { KeptPath } from "./_p-layers.js";

/** Go's strconv.ParseBool spellings, which Docker uses for the `no-new-privileges` value. */
const TRUE_TEXTS = new Set(["1", "t", "T", "true", "TRUE", "True"]);

/** The service's `security_opt` entries about `no-new-privileges`, interpolated and parsed. */
function noNewPrivilegesEntries(service: ComposeService): { entry: ComposeService["securityOpt"][number]; parsed: ReturnType<typeof parseSecurityOpt> }[] {
  return service.securityOpt.map((entry) => ({ entry, parsed: parseSecurityOpt(evaluate(entry.raw).value) })).filter(({ parsed }) => parsed.key === "no-new-privileges");
}

/** The service writes a `no-new-privileges` entry, true or not (a false one is reported in its own file). */
function setsNoNewPrivileges(service: ComposeService, kept: KeptPath): boolean {
  return kept(["security_opt"]) && noNewPrivilegesEntries(service).length > 0;
}

export default defineRule<ComposeModel>({
  meta: {
    id: "require-no-new-privileges",
    kind: "compose",
    category: "security",
    severity: "error",
    docs: "Require `security_opt: [no-new-privileges:true]` on Compose services.",
    presets: ["recommended"],
    hasSuggestions: true,
    messages: {
      missing:
        "Service `{{service}}` does not set `no-new-privileges`: a setuid binary in the image can still raise a process's privileges; add `security_opt: [\"no-new-privileges:true\"]`.",
      missingInList:
        "The `security_opt` of service `{{service}}` has no `no-new-privileges:true`: a setuid binary in the image can still raise a process's privileges; add `- no-new-privileges:true` to the list.",
      disabled:
        "Service `{{service}}` sets `{{entry}}`, which turns the protection off; use `no-new-privileges:true`.",
      dropped:
        "`{{key}}: {{tag}}` drops the `no-new-privileges` that `{{file}}` gives service `{{service}}`, so a setuid binary in the image can raise a process's privileges again; remove `{{tag}}`, or write `no-new-privileges:true` in this file's `security_opt` without it.",
    },
    references: {
      kics: ["27fcc7d6-c49b-46e0-98f1-6c082a6a2750", "610e266e-6c12-4bca-9925-1ed0cd29742b"],
      semgrep: ["no-new-privileges"],
      cis: ["5.26"],
    },
    // KICS splits the check: Security Opt Not Set for a service without `security_opt`, No New
    // Privileges Not Set for a `security_opt` list without the entry.
    referencesByMessage: {
      missing: { kics: ["610e266e-6c12-4bca-9925-1ed0cd29742b"], semgrep: ["no-new-privileges"], cis: ["5.26"] },
      missingInList: { kics: ["27fcc7d6-c49b-46e0-98f1-6c082a6a2750"], semgrep: ["no-new-privileges"], cis: ["5.26"] },
      disabled: { kics: ["27fcc7d6-c49b-46e0-98f1-6c082a6a2750"], semgrep: ["no-new-privileges"], cis: ["5.26"] },
      dropped: { semgrep: ["no-new-privileges"], cis: ["5.26"] },
    },
  },
  check({ model, filePath, report }) {
    for (const service of model.services) {
      const relevant = noNewPrivilegesEntries(service);
      if (relevant.some(({ parsed }) => parsed.value === undefined || TRUE_TEXTS.has(parsed.value))) continue;
      // A written `:false` is reported whatever another layer adds: the two then contradict.
      if (relevant.length === 0 && otherLayerGives(model, service, setsNoNewPrivileges)) continue;
      if (relevant.length === 0 && reportDroppedLayerValue(model, service, setsNoNewPrivileges, report, "dropped")) continue;
      if (relevant.length > 0) {
        for (const { entry } of relevant) {
          report({ messageId: "disabled", data: { service: service.name, entry: entry.raw }, range: entry.range });
        }
        continue;
      }
      const list = service.get(["security_opt"]);
      if (list) {
        const place = model.locate(["services", service.name, "security_opt"]);
        const range = list.viaMerge ? list.range : (place?.keyRange ?? list.range);
        const fix = addListItem(model, service, "security_opt", "no-new-privileges:true");
        report({ messageId: "missingInList", data: { service: service.name }, range, ...(fix ? { suggestions: [{ desc: "Add `no-new-privileges:true` to `security_opt`.", fix }] } : {}) });
        continue;
      }
      // The file that defines the service (an override's base) may set it.
      if (completesAnotherFile(service, filePath)) continue;
      const fix = addServiceKey(model, service, "security_opt", "no-new-privileges:true");
      report({ messageId: "missing", data: { service: service.name }, range: service.keyRange, ...(fix ? { suggestions: [{ desc: "Add `security_opt: [no-new-privileges:true]` to the service.", fix }] } : {}) });
    }
  },
});
