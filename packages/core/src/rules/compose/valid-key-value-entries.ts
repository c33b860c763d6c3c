import { knownValue } from "../../compose/interpolation.js";
import type { ComposeModel } from "../../compose/model.js";
import { isScalar } from "../../compose/yaml-lazy.js";
import { defineRule } from "../../rule.js";
import { nodeRange } from "./_b-key-values.js";
import { listScalars } from "./_d1-compose.js";

/** The lists compose-go reads as `key=value` entries, and how it refuses one. */
const LISTS = {
  // types.MappingWithEquals: an entry may have no `=` (no value), but its key no trailing blank.
  environment: ["environment"],
  args: ["build", "args"],
  // transform.transformKeyValue: every entry needs `=`.
  contexts: ["build", "additional_contexts"],
  // transform.transformSSH: `id=path`, or `default` alone.
  ssh: ["build", "ssh"],
} as const;

export default defineRule<ComposeModel>({
  meta: {
    id: "valid-key-value-entries",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Require `key=value` list entries that Compose can read: no blank before `=` in `environment` and `build.args`, a `=` in `build.additional_contexts`, and `id=path` in `build.ssh`.",
    presets: ["recommended"],
    messages: {
      trailingSpace:
        "Service `{{service}}` has the `{{key}}` entry `{{entry}}`{{evaluated}}, whose name `{{name}}` ends in a blank, which docker compose refuses (\"environment variable {{name}} is declared with a trailing space\"); remove the blank before `=`.",
      noEquals:
        "Service `{{service}}` has the `{{key}}` entry `{{entry}}`{{evaluated}} without `=`, which docker compose refuses (\"invalid value {{entry}}, expected key=value\"); write `name=context`, e.g. `{{example}}=../{{example}}`.",
      sshWithoutPath:
        "Service `{{service}}` has the `build.ssh` entry `{{entry}}`{{evaluated}} without `=`, which docker compose refuses (\"invalid ssh key\"): only `default` may stand alone; write `{{entry}}=/path/to/key`, or `default`.",
    },
    references: {},
  },
  check({ model, report }) {
    for (const [kind, path] of Object.entries(LISTS) as [keyof typeof LISTS, readonly string[]][]) {
      for (const { service, key, node } of listScalars(model, [path])) {
        // Numbers and other non-strings are valid-schema's; an unknown variable may hold anything.
        if (!isScalar(node) || typeof node.value !== "string") continue;
        // A name written without a variable is the name whatever the value's variables hold.
        const rawEquals = node.value.indexOf("=");
        const rawName = rawEquals < 0 ? node.value : node.value.slice(0, rawEquals);
        const text = (kind === "environment" || kind === "args") && !rawName.includes("$") ? node.value : knownValue(node.value);
        if (text === undefined) continue;
        const equals = text.indexOf("=");
        const evaluated = text === node.value ? "" : ` (\`${text}\` once interpolated)`;
        const data = { service: service.name, key, entry: node.value, evaluated };
        const range = nodeRange(node);
        if (kind === "environment" || kind === "args") {
          const name = equals < 0 ? text : text.slice(0, equals);
          if (name !== "" && /\s$/u.test(name)) report({ messageId: "trailingSpace", data: { ...data, name }, range });
        } else if (equals < 0 && kind === "contexts") {
          report({ messageId: "noEquals", data: { ...data, example: /^[\w.-]+$/.test(text) ? text : "shared" }, range });
        } else if (equals < 0 && text !== "default") {
          report({ messageId: "sshWithoutPath", data, range });
        }
      }
    }
  },
});
