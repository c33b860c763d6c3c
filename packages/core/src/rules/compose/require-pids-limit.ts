import type { ComposeModel, ComposeService, ScalarFound } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { leadingNumber, limitsPlace, resolveScalar } from "./_a-values.js";
import { completesAnotherFile, otherLayerGives, OWN_VALUES, reportDroppedLayerValue } from "./_p-layers.js";
import type { KeptPath } from "./_p-layers.js";

/** 0 and -1 mean "unlimited" to Docker (`--pids-limit`); undefined when the value is not known here. */
function isUnlimited(found: ScalarFound): boolean | undefined {
  const resolved = resolveScalar(found);
  if (!resolved.known) return undefined;
  const text = resolved.value.trim();
  if (text === "") return true;
  const number = leadingNumber(text);
  // A malformed value is valid-schema's business.
  return number === undefined ? false : number <= 0;
}

const PIDS_LIMIT = ["pids_limit"];
const DEPLOY_PIDS = ["deploy", "resources", "limits", "pids"];

/** The pids limits the service writes (not null), of the values `kept` lets through. */
function pidsSettings(service: ComposeService, kept: KeptPath): { key: string; found: ScalarFound }[] {
  return [
    { key: "pids_limit", found: kept(PIDS_LIMIT) ? service.pidsLimit : undefined },
    { key: "deploy.resources.limits.pids", found: kept(DEPLOY_PIDS) ? service.limits.pids : undefined },
  ].flatMap(({ key, found }) => (found && found.value !== null ? [{ key, found }] : []));
}

/** Another layer's service writes a pids limit (a -1 is reported in its own file). */
function givesPidsLimit(other: ComposeService, kept: KeptPath): boolean {
  return pidsSettings(other, kept).length > 0;
}

export default defineRule<ComposeModel>({
  meta: {
    id: "require-pids-limit",
    kind: "compose",
    category: "security",
    severity: "warning",
    docs: "Require a limit on the number of processes of every Compose service (`pids_limit`).",
    presets: ["strict"],
    messages: {
      missing:
        "Service `{{service}}` has no PIDs limit, so a fork bomb or a runaway worker pool in it can exhaust the host's process table; set `pids_limit` (or `deploy.resources.limits.pids`), e.g. `pids_limit: 200`.",
      unlimited: "Service `{{service}}` sets `{{key}}: {{value}}`, which Docker reads as no PIDs limit; set a positive number such as `200`.",
      dropped:
        "`{{key}}: {{tag}}` drops the PIDs limit that `{{file}}` gives service `{{service}}`, so a fork bomb in it can exhaust the host's process table; remove `{{tag}}`, or set `pids_limit` here without it.",
    },
    references: { kics: ["221e0658-cb2a-44e3-b08a-db96a341d6fa"], cis: ["5.29"] },
  },
  check({ model, filePath, report }) {
    for (const service of model.services) {
      const written = pidsSettings(service, OWN_VALUES).map(({ key, found }) => ({ key, found, unlimited: isUnlimited(found) }));
      if (written.some((w) => w.unlimited !== true)) continue;
      const first = written[0];
      if (first) {
        report({ messageId: "unlimited", data: { service: service.name, key: first.key, value: first.found.text }, range: first.found.range });
        continue;
      }
      // Another layer of the project that sets a limit limits the service (a -1 is reported there).
      if (otherLayerGives(model, service, givesPidsLimit) || reportDroppedLayerValue(model, service, givesPidsLimit, report, "dropped")) continue;
      if (completesAnotherFile(service, filePath)) continue;
      report({ messageId: "missing", data: { service: service.name }, range: limitsPlace(model, service) });
    }
  },
});
