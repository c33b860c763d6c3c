import type { DockerfileModel, Instruction, InstructionFlag } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import type { OffsetRange, SourceText } from "../../source.js";
import { goDuration } from "../../util/go-duration.js";
import { suggestName } from "../../util/suggest-name.js";
import {
  csvFields,
  FLAGS_IGNORED,
  INSTRUCTION_FLAGS,
  INSTRUCTION_KEYWORDS,
  MOUNT_BARE_KEYS,
  MOUNT_KEYS,
  MOUNT_SHARING,
  MOUNT_TYPES,
  type FlagSpec,
} from "./_buildkit-flags.js";

/** A flag as BuildKit extracts it: a leading `--word` of the instruction, up to a `--` word. */
interface Flag {
  name: string;
  value: string | undefined;
  range: OffsetRange;
  nameRange: OffsetRange;
  valueRange: OffsetRange | undefined;
  /** The model's flag, with parsed `--mount` options (undefined for flags the model keeps as arguments). */
  model: InstructionFlag | undefined;
}

/**
 * dockerfile-ast gives flags for FROM, COPY, ADD, RUN and HEALTHCHECK, but also takes `--` and the
 * words after it as flags; BuildKit stops at `--`. Other instructions keep their leading `--words`
 * as arguments, though BuildKit extracts them as flags too (and rejects them).
 */
function flagsOf(instruction: Instruction, source: SourceText): Flag[] {
  const flags: Flag[] = [];
  if (instruction.flags.length > 0) {
    for (const flag of instruction.flags) {
      if (flag.name === "" || source.slice(flag.range) === "--") break;
      const nameStart = flag.range[0] + 2;
      flags.push({ name: flag.name, value: flag.value, range: flag.range, nameRange: [nameStart, nameStart + flag.name.length], valueRange: flag.valueRange, model: flag });
    }
    return flags;
  }
  // Without a leading `--` word there is none to read (and a long RUN's words stay unlexed).
  if (instruction.form === "exec" || !instruction.firstArg?.value.startsWith("--")) return flags;
  for (const arg of instruction.args) {
    if (!arg.value.startsWith("--") || arg.value === "--") break;
    const eq = arg.value.indexOf("=");
    const name = arg.value.slice(2, eq < 0 ? undefined : eq);
    const nameStart = arg.range[0] + 2;
    flags.push({
      name,
      value: eq < 0 ? undefined : arg.value.slice(eq + 1),
      range: arg.range,
      nameRange: [nameStart, nameStart + name.length],
      valueRange: eq < 0 ? undefined : [arg.range[0] + eq + 1, arg.range[1]],
      model: undefined,
    });
  }
  return flags;
}

function owners(name: string, except: string): string[] {
  return [...INSTRUCTION_FLAGS.entries()].filter(([keyword, specs]) => keyword !== except && specs.has(name)).map(([keyword]) => keyword);
}

function quotedList(values: readonly string[]): string {
  return values.map((v) => `\`${v}\``).join(", ");
}

/** The file range of a part of a flag value, when the value is written exactly as the model read it. */
function valuePart(flag: Flag, source: SourceText, start: number, end: number): OffsetRange {
  const range = flag.valueRange;
  if (!range || flag.value === undefined || source.slice(range) !== flag.value) return flag.range;
  return [range[0] + start, range[0] + end];
}

function checkMount(flag: Flag, source: SourceText, report: (d: ReportDescriptor) => void): void {
  const value = flag.value ?? "";
  let type = "bind";
  /** Keys to check against the mount type; `at` is the type when BuildKit read the key, for the two it checks on the spot. */
  const seen: { key: string; range: OffsetRange; at: string | undefined }[] = [];
  for (const field of csvFields(value)) {
    const text = field.text;
    if (text.trim() === "") continue;
    const eq = text.indexOf("=");
    const key = (eq < 0 ? text : text.slice(0, eq)).toLowerCase();
    const fieldValue = eq < 0 ? undefined : text.slice(eq + 1);
    const keyRange = field.quoted ? valuePart(flag, source, field.start, field.end) : valuePart(flag, source, field.start, field.start + (eq < 0 ? text.length : eq));
    const wholeRange = valuePart(flag, source, field.start, field.end);
    if (fieldValue === undefined) {
      if (!MOUNT_BARE_KEYS.has(key)) {
        report({ messageId: "mountBareField", data: { field: text }, range: wholeRange });
        continue;
      }
    } else if (!MOUNT_KEYS.includes(key)) {
      const suggestion = suggestName(key, MOUNT_KEYS, { caseSensitive: false });
      report({
        messageId: "mountKey",
        data: { key, hint: suggestion ? `; did you mean \`${suggestion}\`?` : "" },
        range: keyRange,
        ...(suggestion && !field.quoted ? { suggestions: [{ desc: `Replace \`${key}\` with \`${suggestion}\``, fix: { range: keyRange, text: suggestion } }] } : {}),
      });
      continue;
    }
    const dynamic = fieldValue?.includes("$") ?? false;
    if (key === "type" && fieldValue !== undefined && !dynamic) {
      const lower = fieldValue.toLowerCase();
      if (!MOUNT_TYPES.includes(lower)) {
        const suggestion = suggestName(lower, MOUNT_TYPES, { caseSensitive: false });
        report({
          messageId: "mountType",
          data: { value: fieldValue, hint: suggestion ? `; did you mean \`type=${suggestion}\`?` : "" },
          range: wholeRange,
        });
        continue;
      }
      type = lower;
    }
    // BuildKit checks these two against the type read so far: `type=` has to come first.
    const at = key === "required" || key === "size" ? type : undefined;
    seen.push({ key, range: keyRange, at });
    if (at !== undefined && !(allowedFor(key) ?? []).includes(at)) continue;
    if (fieldValue !== undefined && !dynamic) {
      const invalid = invalidMountValue(key, fieldValue);
      if (invalid) report({ messageId: "mountValue", data: { key, value: fieldValue, expected: invalid }, range: wholeRange });
    }
  }
  for (const { key, range, at } of seen) {
    const allowed = allowedFor(key);
    if (!allowed || allowed.includes(at ?? type)) continue;
    const orderMatters = at !== undefined && allowed.includes(type);
    report({
      messageId: "mountKeyForType",
      data: {
        key,
        type: at ?? type,
        allowed: allowed.join(", "),
        order: orderMatters ? " (BuildKit reads the options in order, so `type=` has to come before it)" : "",
      },
      range,
    });
  }
}

/** Mount types a key is limited to; undefined for keys every type takes. */
function allowedFor(key: string): readonly string[] | undefined {
  switch (key) {
    case "required":
      return ["secret", "ssh"];
    case "size":
      return ["tmpfs"];
    case "mode":
    case "uid":
    case "gid":
      return ["secret", "ssh", "cache"];
    case "sharing":
      return ["cache"];
    case "from":
      return ["bind", "cache", "tmpfs", "ssh"];
    default:
      return undefined;
  }
}

function invalidMountValue(key: string, value: string): string | undefined {
  switch (key) {
    case "readonly":
    case "ro":
    case "readwrite":
    case "rw":
    case "required":
      return /^(?:[1t0f]|true|false)$/i.test(value) ? undefined : "expected true or false";
    case "sharing":
      return MOUNT_SHARING.includes(value.toLowerCase()) ? undefined : `expected ${MOUNT_SHARING.join(", ")}`;
    case "mode":
      return /^[0-7]+$/.test(value) ? undefined : "expected an octal mode like 0400";
    case "uid":
    case "gid":
      return /^\d+$/.test(value) ? undefined : "expected a numeric id";
    default:
      return undefined;
  }
}

function checkValue(flag: Flag, spec: FlagSpec, keyword: string, report: (d: ReportDescriptor) => void): void {
  const name = flag.name;
  const value = flag.value;
  const valueRange = flag.valueRange ?? flag.range;
  if (spec.type === "bool") {
    if (value === undefined) return;
    if (value === "") report({ messageId: "missingValue", data: { name }, range: flag.range });
    else if (!value.includes("$") && !/^(?:true|false)$/i.test(value)) report({ messageId: "badBoolean", data: { name, value }, range: valueRange });
    return;
  }
  if (value === undefined) {
    report({ messageId: "missingValue", data: { name }, range: flag.range });
    return;
  }
  if (value.includes("$")) return;
  if (spec.values && !spec.values.includes(value)) {
    report({ messageId: "badValue", data: { name, value, allowed: quotedList(spec.values) }, range: valueRange });
  } else if (spec.duration) {
    const nanos = goDuration(value);
    if (nanos === undefined) {
      report({ messageId: "badDuration", data: { name, value, detail: /^\d+(?:\.\d*)?$/.test(value) ? `missing unit in duration "${value}"` : `invalid duration "${value}"` }, range: valueRange });
    } else if (nanos !== 0 && nanos < 1e6) {
      // BuildKit's parseOptInterval: 0 means the default; anything else must be at least a millisecond.
      report({ messageId: "shortDuration", data: { name, value }, range: valueRange });
    }
  } else if (spec.count && !/^\+?\d+$/.test(value)) {
    report({ messageId: "badCount", data: { name, value, keyword }, range: valueRange });
  }
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-unknown-flag",
    kind: "dockerfile",
    category: "correctness",
    severity: "error",
    docs: "Disallow instruction flags and `--mount` options that Docker does not know or rejects (`COPY --chwon`, `RUN --mount=type=cahce`).",
    presets: ["recommended"],
    hasSuggestions: true,
    messages: {
      unknown: "`--{{name}}` is not a flag of {{keyword}}, so the build fails (\"unknown flag: {{name}}\"){{hint}}.",
      elsewhere: "`--{{name}}` is a flag of {{owner}}, not of {{keyword}}, so the build fails (\"unknown flag: {{name}}\"); {{keyword}} accepts {{accepted}}.",
      noFlags: "{{keyword}} takes no flags, so `--{{name}}` right after it makes the build fail (\"unknown flag: {{name}}\"); remove it{{hint}}.",
      ignored: "{{keyword}} ignores flags, so `--{{name}}` has no effect; remove it.",
      missingValue: "`--{{name}}` needs a value (`--{{name}}=<value>`), so the build fails (\"missing a value on flag: {{name}}\").",
      badBoolean: "`--{{name}}={{value}}` is not true or false, so the build fails; write `--{{name}}` or `--{{name}}=false`.",
      badValue: "`--{{name}}={{value}}` is not one of {{allowed}}, so the build fails.",
      badDuration: "`--{{name}}={{value}}` is not a duration with a unit (`30s`, `1m30s`), so the build fails ({{detail}}).",
      shortDuration:
        "`--{{name}}={{value}}` is under a millisecond, so the build fails (\"Interval \"{{name}}\" cannot be less than 1ms\"); write at least `1ms`, or `0` for Docker's default.",
      badCount: "`--{{name}}={{value}}` is not a whole number of attempts, so the build fails.",
      duplicate: "`--{{name}}` is given twice, but {{keyword}} takes it once, so the build fails (\"duplicate flag specified: {{name}}\").",
      labs: "`--{{name}}` is only in the labs Dockerfile frontend, so the build fails without `# syntax=docker/dockerfile:1-labs` at the top of the file.",
      misplaced: "`{{word}}` comes after a source path, where {{keyword}} takes it as a file name, not a flag; move it right after {{keyword}}.",
      mountType: "`type={{value}}` is not a mount type (bind, cache, tmpfs, secret, ssh), so the build fails{{hint}}.",
      mountKey: "`{{key}}` is not a `--mount` option, so the build fails (\"unexpected key '{{key}}'\"){{hint}}.",
      mountKeyForType: "`{{key}}` is not valid for a `{{type}}` mount (only {{allowed}}){{order}}, so the build fails.",
      mountBareField: "`{{field}}` in `--mount` needs a value (`{{field}}=<value>`), so the build fails (\"invalid field '{{field}}' must be a key=value pair\").",
      mountValue: "`{{key}}={{value}}` in `--mount` is not valid ({{expected}}), so the build fails.",
    },
    references: {},
  },
  check({ model, source, report }) {
    const labs = model.directives.some((d) => d.name === "syntax" && /labs/i.test(d.value));
    for (const instruction of withTriggers(model.instructions)) {
      const keyword = instruction.keyword;
      if (!INSTRUCTION_KEYWORDS.has(keyword) || keyword === "ONBUILD") continue;
      const flags = flagsOf(instruction, source);
      const specs = INSTRUCTION_FLAGS.get(keyword);
      const healthcheckNone = keyword === "HEALTHCHECK" && instruction.args[0]?.value.toUpperCase() === "NONE";
      // Most instructions have no flags: the set of names seen is made for the first one.
      let used: Set<string> | undefined;
      for (const flag of flags) {
        const name = flag.name;
        if (FLAGS_IGNORED.has(keyword) || healthcheckNone) {
          report({ messageId: "ignored", data: { keyword: healthcheckNone ? "HEALTHCHECK NONE" : keyword, name }, range: flag.range });
          continue;
        }
        if (!specs) {
          const hint = keyword === "CMD" || keyword === "ENTRYPOINT" ? ", or use exec form if it is an argument of the command" : "";
          report({ messageId: "noFlags", data: { keyword, name, hint }, range: flag.range });
          continue;
        }
        const spec = specs.get(name);
        if (!spec) {
          const suggestion = suggestName(name, specs.keys(), { caseSensitive: false });
          const elsewhere = owners(name, keyword);
          const fix = suggestion ? [{ desc: `Replace \`--${name}\` with \`--${suggestion}\``, fix: { range: flag.nameRange, text: suggestion } }] : [];
          if (elsewhere.length > 0 && !suggestion) {
            report({
              messageId: "elsewhere",
              data: { name, owner: elsewhere.join(" and "), keyword, accepted: quotedList([...specs.keys()].map((n) => `--${n}`)) },
              range: flag.nameRange,
            });
          } else {
            report({
              messageId: "unknown",
              data: { name, keyword, hint: suggestion ? `; did you mean \`--${suggestion}\`?` : `; ${keyword} accepts ${quotedList([...specs.keys()].map((n) => `--${n}`))}` },
              range: flag.nameRange,
              suggestions: fix,
            });
          }
          continue;
        }
        if (spec.type !== "strings" && used?.has(name)) {
          report({ messageId: "duplicate", data: { name, keyword }, range: flag.range });
          continue;
        }
        (used ??= new Set()).add(name);
        if (spec.labs && !labs) report({ messageId: "labs", data: { name }, range: flag.nameRange });
        checkValue(flag, spec, keyword, report);
        if (keyword === "RUN" && name === "mount" && flag.value !== undefined) checkMount(flag, source, report);
      }
      if ((keyword === "COPY" || keyword === "ADD") && specs) {
        const terminated = instruction.flags.some((f) => f.name === "" || source.slice(f.range) === "--");
        if (terminated) continue;
        const end = instruction.heredocs[0]?.range[0] ?? Number.POSITIVE_INFINITY;
        for (const arg of instruction.args) {
          if (arg.range[0] >= end || !arg.value.startsWith("--")) continue;
          const name = arg.value.slice(2).split("=")[0] ?? "";
          if (specs.has(name)) report({ messageId: "misplaced", data: { word: arg.value, keyword }, range: arg.range });
        }
      }
    }
  },
});
