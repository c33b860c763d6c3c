/**
 * Labels as the build sets them (keys and values with variables expanded) and the label schema
 * of `settings.labelSchema` (hadolint's `label-schema`), read defensively: settings come from a
 * user's JSON file and core does not validate them.
 */
import type { Instruction, KeyValue } from "../../dockerfile/model.js";
import type { Settings } from "../../rule.js";
import type { OffsetRange } from "../../source.js";

export const LABEL_TYPES = ["text", "url", "semver", "hash", "rfc3339", "spdx", "email"] as const;
export type LabelType = (typeof LABEL_TYPES)[number];

/** Label name → type; an empty or unknown type is `text` (only "present and not empty" is checked). */
export function labelSchema(settings: Settings): Map<string, LabelType> | undefined {
  const raw = settings.labelSchema;
  if (raw === undefined || raw === null || typeof raw !== "object" || Array.isArray(raw)) return undefined;
  const schema = new Map<string, LabelType>();
  for (const [name, type] of Object.entries(raw)) {
    const lower = typeof type === "string" ? type.trim().toLowerCase() : "";
    schema.set(name, (LABEL_TYPES as readonly string[]).includes(lower) ? (lower as LabelType) : "text");
  }
  return schema;
}

export interface Label {
  /** The key with variables expanded (keys are case-sensitive). */
  key: string;
  /** Variables of the key the build's scope could not resolve. */
  keyUnresolved: string[];
  /** The value with variables expanded; `""` for `LABEL key=` and for a legacy pair without value. */
  value: string;
  valueUnresolved: string[];
  keyRange: OffsetRange;
  /** Where the value is written, or the key's range when there is no value text. */
  valueRange: OffsetRange;
  pair: KeyValue;
  instruction: Instruction;
}

/** The labels of one LABEL instruction (or `ONBUILD LABEL` trigger). */
export function labelsOf(instruction: Instruction): Label[] {
  if (instruction.keyword !== "LABEL") return [];
  return instruction.pairs.map((pair) => {
    const key = instruction.scope.expand(pair.key);
    const value = instruction.scope.expand(pair.value ?? "");
    return {
      key: key.value,
      keyUnresolved: key.unresolved,
      value: value.value,
      valueUnresolved: value.unresolved,
      keyRange: pair.keyRange,
      valueRange: pair.valueRange && pair.valueRange[1] > pair.valueRange[0] ? pair.valueRange : pair.keyRange,
      pair,
      instruction,
    };
  });
}

/** `org.opencontainers.*` style globs: `*` matches any run of characters. */
export function labelGlob(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`);
}

/** `a`, `a and b`, `a, b and 2 more` for messages. */
export function listed(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  if (quoted.length <= 1) return quoted.join("");
  if (quoted.length <= 3) return `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1) ?? ""}`;
  return `${quoted.slice(0, 2).join(", ")} and ${quoted.length - 2} more`;
}
