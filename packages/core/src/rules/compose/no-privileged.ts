import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { isComposeTrue } from "./_a-values.js";
import { hookField, serviceHooks } from "./_c-hooks.js";

export default defineRule<ComposeModel>({
  meta: {
    id: "no-privileged",
    kind: "compose",
    category: "security",
    severity: "error",
    docs: "Disallow `privileged: true` on Compose services and their lifecycle hooks.",
    presets: ["recommended"],
    messages: {
      privileged:
        "Service `{{service}}` runs privileged (`privileged: {{value}}`): it gets every capability, every host device and no seccomp/AppArmor confinement, so root in the container is root on the host; remove it and grant only the `cap_add`/`devices` the service needs.",
      privilegedPreStart:
        "Hook `{{hook}}` runs a privileged container (`privileged: {{value}}`) with the volumes of service `{{service}}`: it gets every capability, every host device and no seccomp/AppArmor confinement, so root in it is root on the host; remove `privileged` from the hook: changing files in the service's volumes, the usual job of a `pre_start` step, needs no privileges.",
      privilegedExec:
        "Hook `{{hook}}` runs its command privileged in the container of service `{{service}}` (`privileged: {{value}}`, as `docker exec --privileged`): the command gets every capability, whatever the service's `cap_add`/`cap_drop` leave it; remove `privileged` from the hook, and add to the service's `cap_add` only the capability the command needs.",
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
      if (found && isComposeTrue(found.value)) {
        report({ messageId: "privileged", data: { service: service.name, value: found.text }, range: found.range });
      }
      // A hook's `privileged` is read by compose-go's toBoolean too (mapstructure's cast hook).
      for (const hook of serviceHooks(model, service)) {
        const flag = hookField(model, hook, "privileged");
        if (!flag || !isComposeTrue(flag.value)) continue;
        const messageId = hook.key === "pre_start" ? "privilegedPreStart" : "privilegedExec";
        report({ messageId, data: { hook: hook.name, service: service.name, value: String(flag.value) }, range: flag.range });
      }
    }
  },
});
