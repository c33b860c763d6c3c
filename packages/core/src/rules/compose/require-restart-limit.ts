import type { ComposeModel, ComposeService, ScalarFound } from "../../compose/model.js";
import { evaluate } from "../../compose/interpolation.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { keyRange } from "./_c-nodes.js";

interface Options {
  maxRetries: number;
  allowAlways: boolean;
}

/** The interpolated text, or undefined when it depends on an unset variable. */
function known(found: ScalarFound): string | undefined {
  const result = evaluate(found.text);
  return result.unknown.length > 0 || result.required.length > 0 ? undefined : result.value.trim();
}

/** A non-negative decimal count, as Docker parses it; undefined for anything else. */
function count(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

type Report = (messageId: string, range: OffsetRange, data: Record<string, string | number>) => void;

/** `restart:` — Docker's policy: `no`, `always`, `unless-stopped`, `on-failure[:N]` (N = 0 or none: no limit). */
function checkRestart(service: ComposeService, options: Options, report: Report): void {
  const found = service.restart;
  if (!found) return;
  const text = known(found);
  if (text === undefined) return;
  const data = { service: service.name, value: found.text, max: options.maxRetries };
  if (text === "always" || text === "unless-stopped") {
    if (!options.allowAlways) report("always", found.range, data);
    return;
  }
  if (text === "on-failure") {
    report("unlimited", found.range, data);
    return;
  }
  const match = /^on-failure:(.*)$/.exec(text);
  const retries = match ? count((match[1] ?? "").trim()) : undefined;
  if (retries === undefined) return;
  if (retries === 0) report("unlimited", found.range, data);
  else if (retries > options.maxRetries) report("tooMany", found.range, { ...data, count: retries });
}

/**
 * `deploy.restart_policy` (Swarm, and `docker compose` when `restart:` is absent): `condition`
 * defaults to `any` and `max_attempts` to 0, which means no limit.
 */
function checkDeploy(model: ComposeModel, service: ComposeService, options: Options, report: Report): void {
  const policy = service.get(["deploy", "restart_policy"]);
  if (!policy || typeof policy.value !== "object" || policy.value === null || Array.isArray(policy.value)) return;
  const conditionFound = service.scalar(["deploy", "restart_policy", "condition"]);
  const condition = conditionFound ? known(conditionFound) : "any";
  if (condition === undefined || condition === "none" || condition === "no") return;
  const forever = condition === "any" || condition === "always" || condition === "unless-stopped";
  if (!forever && condition !== "on-failure") return;
  // Restarting forever is accepted, so is any finite number of attempts.
  if (forever && options.allowAlways) return;
  const attemptsFound = service.scalar(["deploy", "restart_policy", "max_attempts"]);
  const data = { service: service.name, condition: conditionFound?.text ?? "any", max: options.maxRetries };
  if (attemptsFound) {
    const text = known(attemptsFound);
    const attempts = text === undefined ? undefined : count(text);
    if (attempts === undefined) return;
    if (attempts > options.maxRetries) {
      report("deployTooMany", attemptsFound.range, { ...data, value: attemptsFound.text, count: attempts });
      return;
    }
    // max_attempts: 0 is no limit, like leaving it out.
    if (attempts === 0) report("deployUnlimited", attemptsFound.range, data);
    return;
  }
  const range = conditionFound?.range ?? keyRange(model, service, ["deploy", "restart_policy"]) ?? policy.range;
  report("deployUnlimited", range, data);
}

export default defineRule<ComposeModel, Options>({
  meta: {
    id: "require-restart-limit",
    kind: "compose",
    category: "best-practice",
    severity: "warning",
    docs: "Require Compose restart policies to give up after a bounded number of retries (`on-failure:5`).",
    presets: ["cis"],
    messages: {
      tooMany:
        "Service `{{service}}` is restarted up to {{count}} times (`restart: {{value}}`), more than {{max}}: a container that keeps crashing burns CPU and floods the logs before anyone notices; use `restart: on-failure:{{max}}`.",
      unlimited:
        "Service `{{service}}` uses `restart: {{value}}` without a retry limit, so Docker restarts a crashing container forever; use `restart: on-failure:{{max}}`.",
      always:
        "Service `{{service}}` uses `restart: {{value}}`: a container that crashes at start is restarted forever, burning CPU and hiding the failure; use `restart: on-failure:{{max}}` (or set the rule's `allowAlways` option for long-running daemons).",
      deployTooMany:
        "Service `{{service}}` allows {{count}} restart attempts (`deploy.restart_policy.max_attempts: {{value}}`), more than {{max}}: a crashing task keeps being rescheduled; set `max_attempts: {{max}}`.",
      deployUnlimited:
        "Service `{{service}}` restarts on `{{condition}}` with no `max_attempts` limit (`deploy.restart_policy`), so a crashing task is rescheduled forever; add `max_attempts: {{max}}`.",
    },
    options: {
      schema: {
        type: "object",
        properties: {
          maxRetries: { type: "integer", minimum: 1, description: "Most restart attempts allowed (CIS: 5)." },
          allowAlways: {
            type: "boolean",
            description: "Accept `restart: always`/`unless-stopped` and `deploy.restart_policy` without `max_attempts` (condition `any`).",
          },
        },
        additionalProperties: false,
      },
      defaults: { maxRetries: 5, allowAlways: false },
    },
    references: {
      kics: ["2fc99041-ddad-49d5-853f-e35e70a48391"],
      cis: ["5.15"],
    },
  },
  check({ model, options, report }) {
    const emit: Report = (messageId, range, data) => report({ messageId, range, data });
    for (const service of model.services) {
      checkRestart(service, options, emit);
      checkDeploy(model, service, options, emit);
    }
  },
});
