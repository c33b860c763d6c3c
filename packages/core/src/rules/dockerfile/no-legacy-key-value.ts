import type { DockerfileModel, Instruction, KeyValue } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import type { SourceText } from "../../source.js";
import { argDeclarations } from "./_buildkit-lexer.js";

const NAME = /^[A-Z_]\w*$/i;
const MAX_SHOWN = 60;

/** Compiled once per escape character (there are two), not once per report. */
const continuations = new Map<string, RegExp>();

function continuationPattern(escapeChar: string): RegExp {
  let pattern = continuations.get(escapeChar);
  if (!pattern) {
    const esc = escapeChar.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
    pattern = new RegExp(`${esc}[ \\t]*\\r?\\n(?:[ \\t]*(?:#[^\\n]*)?\\r?\\n)*`, "g");
    continuations.set(escapeChar, pattern);
  }
  return pattern;
}

function shown(text: string, escapeChar: string): string {
  const oneLine = text.replace(continuationPattern(escapeChar), " ").replace(/\s+/g, " ");
  return oneLine.length > MAX_SHOWN ? `${oneLine.slice(0, MAX_SHOWN - 1)}…` : oneLine;
}

/** Length of a continuation (escape + blanks + newline, then the dropped comment and blank lines) at `i`, or 0. */
function continuationLength(text: string, i: number, end: number, escapeChar: string): number {
  if (text[i] !== escapeChar) return 0;
  let j = i + 1;
  while (j < end && (text[j] === " " || text[j] === "\t")) j++;
  if (text[j] === "\r" && text[j + 1] === "\n") j++;
  if (text[j] !== "\n" && text[j] !== "\r") return 0;
  j++;
  for (;;) {
    let k = j;
    while (k < end && (text[k] === " " || text[k] === "\t")) k++;
    if (k < end && (text[k] === "#" || text[k] === "\n" || text[k] === "\r")) {
      const newline = text.indexOf("\n", k);
      if (newline < 0 || newline >= end) return end - i;
      j = newline + 1;
      continue;
    }
    return j - i;
  }
}

/**
 * The legacy value text [start, end) rewritten as one double-quoted word that BuildKit's lexer
 * turns into exactly the same value: quotes are re-expressed, escapes kept or dropped as the
 * original lexing would, `$` expansions and line continuations (with their dropped comment
 * lines) copied as they are — the parser joins lines before the lexer sees quotes.
 */
export function asDoubleQuoted(text: string, start: number, end: number, escapeChar: string): string {
  let out = "";
  let state: "plain" | "single" | "double" = "plain";
  let i = start;
  while (i < end) {
    const continuation = continuationLength(text, i, end, escapeChar);
    if (continuation > 0) {
      out += text.slice(i, i + continuation);
      i += continuation;
      continue;
    }
    const c = text[i] ?? "";
    if (state === "single") {
      if (c === "'") state = "plain";
      else out += c === '"' || c === "$" || c === escapeChar ? escapeChar + c : c;
      i++;
      continue;
    }
    if (state === "double") {
      if (c === '"') state = "plain";
      else if (c === escapeChar && i + 1 < end) {
        out += c + (text[i + 1] ?? "");
        i += 2;
        continue;
      } else out += c;
      i++;
      continue;
    }
    if (c === '"') state = "double";
    else if (c === "'") state = "single";
    else if (c === escapeChar && i + 1 < end) {
      const next = text[i + 1] ?? "";
      out += next === '"' || next === "$" || next === escapeChar ? escapeChar + next : next;
      i += 2;
      continue;
    } else out += c;
    i++;
  }
  return `"${out}"`;
}

/** Where the legacy value starts: the first character after the key and the blanks (and continuations) after it. */
function valueStart(text: string, from: number, end: number, escapeChar: string): number {
  let i = from;
  while (i < end) {
    if (text[i] === " " || text[i] === "\t") {
      i++;
      continue;
    }
    const continuation = continuationLength(text, i, end, escapeChar);
    if (continuation === 0) break;
    i += continuation;
  }
  return i;
}

function legacyReport(instruction: Instruction, pair: KeyValue, source: SourceText, escapeChar: string): ReportDescriptor {
  const keyword = instruction.keyword;
  const end = instruction.argsRange?.[1] ?? pair.range[1];
  const start = valueStart(source.text, pair.keyRange[1], end, escapeChar);
  const raw = source.text.slice(start, end);
  if (raw.trim() === "") return { messageId: "missingValue", data: { keyword, key: pair.key }, range: pair.keyRange };
  const plain = raw !== "" && !/[\s"'\\`]/.test(raw) && !raw.includes(escapeChar);
  const value = plain ? raw : asDoubleQuoted(source.text, start, end, escapeChar);
  const key = source.slice(pair.keyRange);
  const descriptor: ReportDescriptor = {
    messageId: "legacy",
    data: { keyword, key: pair.key, replacement: shown(`${key}=${value}`, escapeChar) },
    range: pair.keyRange,
  };
  // A quoted legacy key (`LABEL "a b" c`) is split by BuildKit at the first blank: no safe rewrite.
  if (!/["'`\\]/.test(key) && !key.includes(escapeChar)) descriptor.fix = { range: [pair.keyRange[1], end], text: `=${value}` };
  return descriptor;
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-legacy-key-value",
    kind: "dockerfile",
    category: "maintainability",
    severity: "warning",
    docs: "Disallow the legacy `ENV key value` / `LABEL key value` form; write `key=value`.",
    presets: ["recommended"],
    fixable: true,
    hasSuggestions: true,
    messages: {
      legacy:
        "`{{keyword}} {{key}} …` uses the legacy whitespace form, where the whole rest of the line is the value and only one variable can be set; write `{{keyword}} {{replacement}}`.",
      missingValue: "`{{keyword}} {{key}}` has no value, so the build fails (\"{{keyword}} must have two arguments\"); write `{{keyword}} {{key}}=<value>`.",
      missingEquals:
        "`{{key}}` has no `=` while the other pairs of this {{keyword}} do, so the build fails (\"can't find = in {{key}}\"); write `{{key}}=<value>`.",
      argValue:
        "`ARG {{name}} {{value}}` declares two build arguments, `{{name}}` and `{{value}}`, both without a default; if `{{value}}` is meant as the default of `{{name}}`, write `ARG {{name}}={{value}}`.",
    },
    references: { buildkit: ["LegacyKeyValueFormat"] },
    referencesByMessage: {
      legacy: { buildkit: ["LegacyKeyValueFormat"] },
      missingValue: {},
      missingEquals: {},
      argValue: {},
    },
  },
  check({ model, source, report }) {
    const escapeChar = model.escapeChar;
    for (const instruction of withTriggers(model.instructions)) {
      const keyword = instruction.keyword;
      if (keyword === "ARG") {
        const declarations = argDeclarations(source.text, instruction, escapeChar);
        for (let k = 1; k < declarations.length; k++) {
          const previous = declarations[k - 1];
          const current = declarations[k];
          if (!previous || !current || previous.rawValue !== undefined || current.rawValue !== undefined) continue;
          // `ARG TARGETOS TARGETARCH` declares two arguments on purpose; `ARG VERSION 1.2.3` cannot.
          if (NAME.test(current.name) || !NAME.test(previous.name)) continue;
          const between: [number, number] = [previous.nameRange[1], current.nameRange[0]];
          const gap = source.slice(between);
          report({
            messageId: "argValue",
            data: { name: previous.name, value: current.name },
            range: current.nameRange,
            ...(/^[ \t]+$/.test(gap)
              ? { suggestions: [{ desc: `Make \`${current.name}\` the default: \`ARG ${previous.name}=${current.name}\``, fix: { range: between, text: "=" } }] }
              : {}),
          });
        }
        continue;
      }
      if (instruction.keyword !== "ENV" && instruction.keyword !== "LABEL") continue;
      const [first, ...rest] = instruction.pairs;
      if (!first) continue;
      if (first.legacyForm) {
        // BuildKit: the first word decides the form; `ENV key` alone has no value at all.
        report(legacyReport(instruction, first, source, escapeChar));
        continue;
      }
      for (const pair of rest) {
        if (pair.legacyForm) report({ messageId: "missingEquals", data: { keyword, key: pair.key }, range: pair.keyRange });
      }
    }
  },
});
