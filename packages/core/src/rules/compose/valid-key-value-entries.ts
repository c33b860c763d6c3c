import { knownValue } from "../../compose/interpolation.js";
import type { ComposeModel } from "../../compose/model.js";
import { isAlias, isScalar, isSeq, resolveAlias } from "../../compose/yaml-lazy.js";
import type { Node } from "yaml";
import { defineRule } from "../../rule.js";
import { nodeRange } from "./_b-key-values.js";
import { listScalars } from "./_d1-compose.js";
import { writtenHooks } from "./_c-hooks.js";
import { mapEntries } from "./_c-nodes.js";

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
    docs: "Require `key=value` list entries that Compose can read: no blank before `=` in `environment` (of services and their lifecycle hooks) and `build.args`, a `=` in `build.additional_contexts`, and `id=path` in `build.ssh`.",
    presets: ["recommended"],
    messages: {
      trailingSpace:
        "Service `{{service}}` has the `{{key}}` entry `{{entry}}`{{evaluated}}, whose name `{{name}}` ends in a blank, which docker compose refuses (\"environment variable {{name}} is declared with a trailing space\"); remove the blank before `=`.",
      trailingSpaceHook:
        "Hook `{{hook}}` has the `environment` entry `{{entry}}`{{evaluated}}, whose name `{{name}}` ends in a blank, which docker compose refuses (\"environment variable {{name}} is declared with a trailing space\"); remove the blank before `=`.",
      noEquals:
        "Service `{{service}}` has the `{{key}}` entry `{{entry}}`{{evaluated}} without `=`, which docker compose refuses (\"invalid value {{entry}}, expected key=value\"); write `name=context`, e.g. `{{example}}=../{{example}}`.",
      sshWithoutPath:
        "Service `{{service}}` has the `build.ssh` entry `{{entry}}`{{evaluated}} without `=`, which docker compose refuses (\"invalid ssh key\"): only `default` may stand alone; write `{{entry}}=/path/to/key`, or `default`.",
    },
    references: {},
  },
  check({ model, report }) {
    // Environment entries already read, so that a list shared by a service and a hook is read once.
    const readEnvironment = new Set<Node>();
    for (const [kind, path] of Object.entries(LISTS) as [keyof typeof LISTS, readonly string[]][]) {
      for (const { service, key, node } of listScalars(model, [path])) {
        if (kind === "environment") readEnvironment.add(node);
        // Numbers and other non-strings are valid-schema's; an unknown variable may hold anything.
        if (!isScalar(node) || typeof node.value !== "string") continue;
        const mapping = kind === "environment" || kind === "args";
        const text = mapping ? mappingText(node.value) : knownValue(node.value);
        if (text === undefined) continue;
        const equals = text.indexOf("=");
        const data = { service: service.name, key, entry: node.value, evaluated: evaluatedNote(node.value, text) };
        const range = nodeRange(node);
        if (mapping) {
          const name = blankEndedName(text);
          if (name !== undefined) report({ messageId: "trailingSpace", data: { ...data, name }, range });
        } else if (equals < 0 && kind === "contexts") {
          report({ messageId: "noEquals", data: { ...data, example: /^[\w.-]+$/.test(text) ? text : "shared" }, range });
        } else if (equals < 0 && text !== "default") {
          report({ messageId: "sshWithoutPath", data, range });
        }
      }
    }
    // A hook's `environment` list is a MappingWithEquals too, refused the same way.
    for (const hook of writtenHooks(model)) {
      const env = mapEntries(model, hook.node, undefined).find((entry) => entry.key === "environment")?.value;
      if (!isSeq(env)) continue;
      for (const item of env.items) {
        const node: unknown = isAlias(item) ? resolveAlias(item, model.document) : item;
        if (!isScalar(node) || typeof node.value !== "string" || readEnvironment.has(node)) continue;
        readEnvironment.add(node);
        const text = mappingText(node.value);
        const name = text === undefined ? undefined : blankEndedName(text);
        if (text === undefined || name === undefined) continue;
        report({ messageId: "trailingSpaceHook", data: { hook: hook.name, entry: node.value, evaluated: evaluatedNote(node.value, text), name }, range: nodeRange(node) });
      }
    }
  },
});

/**
 * A `NAME=value` entry of a MappingWithEquals as compose-go reads it: a name written without a
 * variable is the name whatever the value's variables hold, so the entry is read as written;
 * else interpolated (undefined when a variable without a default leaves it unknown).
 */
function mappingText(value: string): string | undefined {
  const equals = value.indexOf("=");
  const name = equals < 0 ? value : value.slice(0, equals);
  return name.includes("$") ? knownValue(value) : value;
}

/** The entry's name when it ends in a blank (`types.MappingWithEquals`' refusal), else undefined. */
function blankEndedName(text: string): string | undefined {
  const equals = text.indexOf("=");
  const name = equals < 0 ? text : text.slice(0, equals);
  return name !== "" && /\s$/u.test(name) ? name : undefined;
}

function evaluatedNote(written: string, text: string): string {
  return text === written ? "" : ` (\`${text}\` once interpolated)`;
}
