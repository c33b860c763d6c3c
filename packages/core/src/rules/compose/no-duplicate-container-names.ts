import { knownValue } from "../../compose/interpolation.js";
import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { areAlternatives, unknownVariables, writtenForm } from "./_d1-compose.js";

export default defineRule<ComposeModel>({
  meta: {
    id: "no-duplicate-container-names",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Disallow two Compose services with the same `container_name`.",
    presets: ["recommended"],
    messages: {
      duplicate:
        "Service `{{service}}` sets `container_name: {{name}}`, which service `{{other}}` already uses: Docker refuses a second container with that name, so one of the two fails to start; give each service its own `container_name` or remove the key and let Compose name the containers.",
      duplicateWhenSet:
        "Service `{{service}}` sets `container_name: {{name}}`, like service `{{other}}`: whenever {{variables}} set, both get the same name, Docker refuses the second container and one of the two fails to start; give each service its own `container_name`.",
    },
    references: { dclint: ["no-duplicate-container-names"] },
  },
  check({ model, report }) {
    const seen = new Map<string, ComposeService[]>();
    for (const service of model.services) {
      const found = service.scalar(["container_name"]);
      if (!found || found.value === null) continue;
      const evaluated = knownValue(found.text);
      // A name that depends on a variable without a default is compared as written: the same text
      // is the same name in every environment that sets the variable.
      const key = evaluated === undefined ? `$${writtenForm(found.text)}` : `=${evaluated.replace(/^\//, "")}`;
      // An empty name means "let Compose choose".
      if (key === "=") continue;
      const earlier = seen.get(key) ?? [];
      const clash = earlier.find((other) => !areAlternatives(service, other));
      if (clash) {
        const data = { service: service.name, name: found.text, other: clash.name };
        if (evaluated === undefined) report({ messageId: "duplicateWhenSet", data: { ...data, variables: unknownVariables(found.text) }, range: found.range });
        else report({ messageId: "duplicate", data, range: found.range });
      }
      seen.set(key, [...earlier, service]);
    }
  },
});
