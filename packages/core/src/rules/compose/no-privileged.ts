import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { isComposeTrue } from "./_a-values.js";

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
        isComposeTrue(found.value);
      if (!enabled) continue;
      report({ messageId: "privileged", data: { service: service.name, value: found.text }, range: found.range });
    }
  },
});
