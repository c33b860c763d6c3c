import { closest } from "../../config.js";
import { describeNode, type DaemonModel, type JsonMember, type JsonNode } from "../../daemon/model.js";
import { DAEMON_KEYS, REMOVED_DAEMON_KEYS, type ValueSchema } from "../../daemon/schema.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { ownValue } from "../../util/own-value.js";

const EXPECTED: Record<ValueSchema["type"], string> = {
  boolean: "a boolean (true or false)",
  string: "a string",
  integer: "a whole number",
  array: "an array",
  object: "an object",
  any: "any value",
};

/** `liveRestore`, `live_restore`, `Live-Restore` → `live-restore`. */
function normalized(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/[_\s]+/g, "-")
    .toLowerCase();
}

function suggestion(key: string, known: readonly string[]): string | undefined {
  const plain = normalized(key);
  if (plain !== key && known.includes(plain)) return plain;
  return closest(key, known) ?? closest(plain, known);
}

/** How to write the value in the right type, when the intent is plain. */
function howToFix(schema: ValueSchema, node: JsonNode): string {
  if (schema.type === "boolean" && node.type === "string" && /^(?:true|false)$/i.test(node.value.trim())) {
    return `write ${node.value.trim().toLowerCase()} without quotes`;
  }
  if (schema.type === "integer" && node.type === "string" && /^-?\d+$/.test(node.value.trim())) return `write ${node.value.trim()} without quotes`;
  // Not for 1e309 (Infinity to JavaScript) or 1e300: no whole number near them fits dockerd's integers.
  if (schema.type === "integer" && node.type === "number" && Math.abs(node.value) <= Number.MAX_SAFE_INTEGER) return `write a whole number such as ${Math.trunc(node.value)}`;
  if (schema.type === "string" && (node.type === "number" || node.type === "boolean")) {
    const text = node.type === "number" ? node.text : String(node.value);
    return `write "${text}" in quotes`;
  }
  if (schema.type === "array" && node.type === "string") return `write a list: [${JSON.stringify(node.value)}]`;
  return `write ${EXPECTED[schema.type]}`;
}

function matches(schema: ValueSchema, node: JsonNode): boolean {
  switch (schema.type) {
    case "any":
      return true;
    case "integer":
      // Go's decoder refuses `3.0` and `1e3` for an int field, and so does dockerd.
      return node.type === "number" && /^-?\d+$/.test(node.text);
    default:
      return node.type === schema.type;
  }
}

export default defineRule<DaemonModel>({
  meta: {
    id: "valid-daemon-config",
    kind: "daemon",
    category: "correctness",
    severity: "error",
    docs: "Require daemon.json settings that dockerd knows, with values of the right type.",
    presets: ["recommended"],
    messages: {
      unknownKey: "`{{path}}` is not a daemon.json setting, and dockerd refuses to start with an unknown key; did you mean `{{suggestion}}`?",
      unknownKeyNoSuggestion:
        "`{{path}}` is not a daemon.json setting, and dockerd refuses to start with an unknown key; check the name against the dockerd reference or remove it.",
      removedKey: "`{{path}}` is no longer a daemon.json setting, and current dockerd releases refuse to start with it; {{hint}}.",
      wrongType: "`{{path}}` must be {{expected}}, but it is {{actual}}, and dockerd refuses to start; {{fix}}.",
      badValue: "`{{path}}` is {{actual}}, which dockerd does not accept; use one of {{allowed}}.",
      duplicateKey: "`{{path}}` is set again here (first on line {{line}}); dockerd keeps only the last value: remove one of them.",
    },
    references: {},
  },
  check({ model, source, report }) {
    const reportAt = (descriptor: ReportDescriptor): void => report(descriptor);

    const checkValue = (path: string, schema: ValueSchema, node: JsonNode): void => {
      if (!matches(schema, node)) {
        reportAt({
          messageId: "wrongType",
          data: { path, expected: EXPECTED[schema.type], actual: describeNode(node), fix: howToFix(schema, node) },
          range: node.range,
        });
        return;
      }
      // An empty string leaves the setting at its default, as the reference's full example shows.
      if (schema.type === "string" && schema.enum && node.type === "string" && node.value !== "" && !schema.enum.includes(node.value)) {
        reportAt({ messageId: "badValue", data: { path, actual: describeNode(node), allowed: schema.enum.map((v) => `"${v}"`).join(", ") }, range: node.range });
      } else if (schema.type === "array" && node.type === "array") {
        node.items.forEach((item, index) => checkValue(`${path}[${index}]`, schema.items, item));
      } else if (schema.type === "object" && node.type === "object") {
        checkMembers(path, node.members, schema.properties ?? {}, schema.values, {});
      }
    };

    const checkMembers = (
      prefix: string,
      members: readonly JsonMember[],
      properties: Readonly<Record<string, ValueSchema>>,
      values: ValueSchema | undefined,
      removed: Readonly<Record<string, string>>,
    ): void => {
      const seen = new Map<string, JsonMember>();
      const known = Object.keys(properties);
      for (const member of members) {
        const path = prefix === "" ? member.key : `${prefix}.${member.key}`;
        const first = seen.get(member.key);
        if (first) {
          reportAt({ messageId: "duplicateKey", data: { path, line: source.positionAt(first.keyRange[0]).line }, range: member.keyRange });
        } else seen.set(member.key, member);
        const schema = ownValue(properties, member.key) ?? values;
        if (schema) {
          checkValue(path, schema, member.value);
          continue;
        }
        const hint = ownValue(removed, member.key);
        if (hint !== undefined) {
          reportAt({ messageId: "removedKey", data: { path, hint }, range: member.keyRange });
          continue;
        }
        const close = suggestion(member.key, known);
        const suggested = close === undefined ? undefined : prefix === "" ? close : `${prefix}.${close}`;
        reportAt(
          suggested !== undefined
            ? { messageId: "unknownKey", data: { path, suggestion: suggested }, range: member.keyRange }
            : { messageId: "unknownKeyNoSuggestion", data: { path }, range: member.keyRange },
        );
      }
    };

    checkMembers("", model.root.members, DAEMON_KEYS, undefined, REMOVED_DAEMON_KEYS);
  },
});
