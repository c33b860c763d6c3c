import type { ComposeModel, ComposeService, ScalarFound } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { leadingNumber, limitsPlace, resolveScalar } from "./_a-values.js";
import { completesAnotherFile, otherLayerGives } from "./_p-layers.js";

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

/** The pids limits the service writes (not null). */
function pidsSettings(service: ComposeService): { key: string; found: ScalarFound }[] {
  return [
    { key: "pids_limit", found: service.pidsLimit },
    { key: "deploy.resources.limits.pids", found: service.limits.pids },
  ].flatMap(({ key, found }) => (found && found.value !== null ? [{ key, found }] : []));
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
    },
    references: { kics: ["221e0658-cb2a-44e3-b08a-db96a341d6fa"], cis: ["5.29"] },
  },
  check({ model, filePath, report }) {
    for (const service of model.services) {
      const written = pidsSettings(service).map(({ key, found }) => ({ key, found, unlimited: isUnlimited(found) }));
      if (written.some((w) => w.unlimited !== true)) continue;
      const first = written[0];
      if (first) {
        report({ messageId: "unlimited", data: { service: service.name, key: first.key, value: first.found.text }, range: first.found.range });
        continue;
      }
      // Another layer of the project that sets a limit limits the service (a -1 is reported there).
      if (completesAnotherFile(service, filePath) || otherLayerGives(model, service, (other) => pidsSettings(other).length > 0)) continue;
      report({ messageId: "missing", data: { service: service.name }, range: limitsPlace(model, service) });
    }
  },
});
