import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { isComposeTrue, keyRange, resolve } from "./_a-values.js";
import { addListItem, addServiceKey } from "./_insert-suggestions.js";
import { completesAnotherFile, dropsLayerValue, otherLayerGives, OWN_VALUES, reportDroppedLayerValue } from "./_p-layers.js";
import type { KeptPath } from "./_p-layers.js";

const KICS = "ce76b7d0-9e77-464d-b86f-c5c48e03e22d";

/** The service drops every capability (in the values `kept` lets through). */
function dropsAll(service: ComposeService, kept: KeptPath): boolean {
  // Docker accepts `ALL` in any case (not `CAP_ALL`); `cap_drop: [${DROP}]` without a default may well be ALL.
  return (
    kept(["cap_drop"]) &&
    service.capDrop.some((entry) => {
      const resolved = resolve(entry.name);
      return !resolved.known || resolved.value.trim().toUpperCase() === "ALL";
    })
  );
}

/** The service is privileged (in the values `kept` lets through). */
function givesPrivileged(service: ComposeService, kept: KeptPath): boolean {
  const privileged = service.privileged;
  return privileged !== undefined && kept(["privileged"]) && isComposeTrue(privileged.value);
}

/** The service drops every capability, or gets them all as a privileged container. */
function capabilitiesSettled(service: ComposeService, kept: KeptPath): boolean {
  // A privileged container gets every capability and Docker applies no `cap_drop` to it (moby's
  // TweakCapabilities returns them all before it looks at adds and drops): neither "keeps the
  // defaults" nor `cap_drop: [ALL]` as the fix holds. no-privileged reports it.
  return givesPrivileged(service, kept) || dropsAll(service, kept);
}

export default defineRule<ComposeModel>({
  meta: {
    id: "require-cap-drop-all",
    kind: "compose",
    category: "security",
    severity: "warning",
    docs: "Require Compose services to drop every Linux capability (`cap_drop: [ALL]`) and add back only what they need.",
    presets: ["recommended"],
    hasSuggestions: true,
    messages: {
      missing:
        "Service `{{service}}` keeps Docker's default capabilities (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW, …), which most programs never use; add `cap_drop: [ALL]` and give back only what it needs with `cap_add` (e.g. `NET_BIND_SERVICE`).",
      missingAll:
        "The `cap_drop` of service `{{service}}` does not drop `ALL`, so every default capability it does not list stays; use `cap_drop: [ALL]` and give back only what the service needs with `cap_add`.",
      dropped:
        "`{{key}}: {{tag}}` drops the `cap_drop: [ALL]` that `{{file}}` gives service `{{service}}`, so the merged service keeps Docker's default capabilities (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW, …); remove `{{tag}}`, or write `cap_drop: [ALL]` here without it.",
    },
    references: { kics: [KICS], cis: ["5.4"] },
    referencesByMessage: {
      // KICS reports a service without `cap_drop`, not a `cap_drop` that lacks ALL.
      missing: { kics: [KICS], cis: ["5.4"] },
      missingAll: { cis: ["5.4"] },
      dropped: { cis: ["5.4"] },
    },
  },
  check({ model, filePath, report }) {
    for (const service of model.services) {
      // The other layers' `cap_drop` lists are appended to this one's: an `ALL` in them is the merged service's.
      if (capabilitiesSettled(service, OWN_VALUES) || otherLayerGives(model, service, capabilitiesSettled)) continue;
      // A `privileged` that this file resets is not reported at its tag: the service is safer without it.
      if (reportDroppedLayerValue(model, service, dropsAll, report, "dropped")) continue;
      const list = keyRange(model, service, ["cap_drop"]);
      if (list) {
        const fix = addListItem(model, service, "cap_drop", "ALL");
        report({ messageId: "missingAll", data: { service: service.name }, range: list, ...(fix ? { suggestions: [{ desc: "Add `ALL` to `cap_drop`.", fix }] } : {}) });
        continue;
      }
      // A service that completes a privileged base's and resets `privileged` is the merged service's
      // only file without it: the base, privileged, gets no cap_drop finding (no-privileged's instead).
      if (completesAnotherFile(service, filePath) && !dropsLayerValue(model, service, givesPrivileged)) continue;
      const fix = addServiceKey(model, service, "cap_drop", "ALL");
      report({ messageId: "missing", data: { service: service.name }, range: service.keyRange, ...(fix ? { suggestions: [{ desc: "Add `cap_drop: [ALL]` to the service.", fix }] } : {}) });
    }
  },
});
