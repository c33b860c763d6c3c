import type { ComposeModel } from "../../compose/model.js";
import { evaluate } from "../../compose/interpolation.js";
import { defineRule } from "../../rule.js";

/** Go's strconv.ParseBool true spellings, which compose-go accepts for a string boolean. */
const TRUE_TEXTS = new Set(["1", "t", "T", "true", "TRUE", "True"]);

export default defineRule<ComposeModel>({
  meta: {
    id: "no-privileged",
    kind: "compose",
    category: "security",
    severity: "error",
    docs: "Disallow `privileged: true` on Compose services.",
    presets: ["recommended"],
    messages: {
      privileged:
        "Service `{{service}}` runs privileged (`privileged: {{value}}`): it gets every capability, every host device and no seccomp/AppArmor confinement, so root in the container is root on the host; remove it and grant only the `cap_add`/`devices` the service needs.",
    },
    references: {
      kics: ["ae5b6871-7f45-42e0-bb4c-ab300c4d2026"],
      semgrep: ["privileged-service"],
      cis: ["5.5"],
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      const found = service.privileged;
      if (!found) continue;
      const enabled =
        found.value === true || (typeof found.value === "string" && TRUE_TEXTS.has(evaluate(found.value).value.trim()));
      if (!enabled) continue;
      report({ messageId: "privileged", data: { service: service.name, value: found.text }, range: found.range });
    }
  },
});
