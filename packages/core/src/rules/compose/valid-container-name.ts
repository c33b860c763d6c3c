import { knownValue } from "../../compose/interpolation.js";
import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";

/** Docker's own pattern (daemon `validContainerNamePattern`): one optional leading `/`, then at least two characters. */
const VALID = /^\/?[a-z0-9][\w.-]+$/i;
const ALLOWED = /^[\w.-]$/;

/** Why `name` fails Docker's pattern, in words. */
function reason(name: string): string {
  const body = name.startsWith("/") ? name.slice(1) : name;
  const chars = [...body];
  const bad = chars.find((c) => !ALLOWED.test(c));
  if (bad !== undefined) return `it contains ${JSON.stringify(bad)}, and only letters, digits, \`_\`, \`.\` and \`-\` are allowed`;
  const first = chars[0] ?? "";
  if (!/^[a-z0-9]$/i.test(first)) return `it starts with ${JSON.stringify(first)}, and the first character must be a letter or a digit`;
  return "it has a single character, and Docker needs at least two";
}

export default defineRule<ComposeModel>({
  meta: {
    id: "valid-container-name",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Require `container_name` to be a name Docker accepts: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`.",
    presets: ["recommended"],
    messages: {
      invalid:
        "Service `{{service}}` sets `container_name: {{value}}`{{evaluated}}, which Docker refuses ({{reason}}): the container cannot be created; use letters, digits, `_`, `.` and `-`, starting with a letter or a digit.",
    },
    references: { dclint: ["service-container-name-regex"] },
  },
  check({ model, report }) {
    for (const service of model.services) {
      const found = service.scalar(["container_name"]);
      if (!found || found.value === null) continue;
      const name = knownValue(found.text);
      // Unknown variable: no guess. Empty: Compose names the container itself.
      if (name === undefined || name === "" || VALID.test(name)) continue;
      const evaluated = name === found.text ? "" : ` (\`${name}\` once interpolated)`;
      report({ messageId: "invalid", data: { service: service.name, value: found.text, evaluated, reason: reason(name) }, range: found.range });
    }
  },
});
