import { knownValue } from "../../compose/interpolation.js";
import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { nodeRange } from "./_b-key-values.js";
import { listScalars } from "./_d1-compose.js";

export default defineRule<ComposeModel>({
  meta: {
    id: "valid-devices",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Require `devices` entries that Compose can read: `host-path[:container-path[:permissions]]`, at most three parts.",
    presets: ["recommended"],
    messages: {
      tooManyParts:
        "Service `{{service}}` has the `devices` entry `{{entry}}`{{evaluated}} of {{parts}} `:`-separated parts, which docker compose refuses (\"confusing device mapping, please use long syntax\"); write `host-path:container-path:permissions` (e.g. `/dev/ttyUSB0:/dev/ttyUSB0:rwm`), or the long syntax (`source`, `target`, `permissions`).",
    },
    references: {},
  },
  check({ model, report }) {
    for (const { service, node } of listScalars(model, ["devices"])) {
      // Numbers and other non-strings are valid-schema's; an unknown variable may hold anything.
      if (typeof node.value !== "string") continue;
      const text = knownValue(node.value);
      if (text === undefined) continue;
      // transform.transformDeviceMapping splits at every `:`, Windows paths and CDI names included.
      const parts = text.split(":").length;
      if (parts <= 3) continue;
      const evaluated = text === node.value ? "" : ` (\`${text}\` once interpolated)`;
      report({ messageId: "tooManyParts", data: { service: service.name, entry: node.value, evaluated, parts: String(parts) }, range: nodeRange(node) });
    }
  },
});
