import type { DockerfileModel, Instruction, KeyValue } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import type { SourceText } from "../../source.js";
import type { Fix } from "../../types.js";
import { argDeclarations, type ArgDeclaration } from "./_buildkit-lexer.js";

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

/** Names shown in a message before the rest is only counted. */
const MAX_NAMED = 8;

function listNames(names: readonly string[]): string {
  const named = names.slice(0, MAX_NAMED).map((name) => `\`${name}\``);
  return names.length > MAX_NAMED ? `${named.join(", ")}, … ${names.length} in all` : named.join(", ");
}

/** A moved comment that reads `# name=value` would become a parser directive (`# syntax=…`, `# check=…`). */
const DIRECTIVE_LIKE = /^#\s*[\w-]+\s*=/;

/**
 * Moving the "comment" from `start` to `end` to its own line above the instruction, as one edit, or
 * undefined when the instruction spans several lines (where the comment ends is then unclear), or
 * nothing would stay before the comment.
 */
function moveCommentAbove(instruction: Instruction, source: SourceText, start: number, end: number): Fix | undefined {
  const text = source.text;
  const outer = instruction.onbuild ?? instruction;
  if (/[\r\n]/.test(text.slice(outer.range[0], end))) return undefined;
  let keep = start;
  while (keep > 0 && (text[keep - 1] === " " || text[keep - 1] === "\t")) keep--;
  const args = instruction.argsRange;
  if (!args || keep <= args[0]) return undefined;
  const comment = text.slice(start, end).trimEnd();
  if (DIRECTIVE_LIKE.test(comment)) return undefined;
  const lineStart = text.lastIndexOf("\n", outer.range[0] - 1) + 1;
  const indent = text.slice(lineStart, outer.range[0]);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  let tail = end;
  while (text[tail] === " " || text[tail] === "\t") tail++;
  const newline = text[text.indexOf("\n", end) - 1] === "\r" ? "\r\n" : "\n";
  return { range: [lineStart, tail], text: `${indent}${comment}${newline}${text.slice(lineStart, keep)}` };
}

/**
 * A Dockerfile has no inline comments ("a # marker anywhere else in a line is treated as an
 * argument"): jenkinsci/docker-agent's windows/windowsservercore/Dockerfile has
 * `ARG TOOLS_WINDOWS_VERSION # Empty (only used on nanoserver)`, which declares seven build
 * arguments. One finding for the words from the first `#` word on, instead of one per pair of them.
 */
function argCommentReport(instruction: Instruction, declarations: readonly ArgDeclaration[], hash: number, source: SourceText, escapeChar: string): ReportDescriptor | undefined {
  const first = declarations[hash];
  const args = instruction.argsRange;
  if (!first || !args) return undefined;
  const range: [number, number] = [first.nameRange[0], args[1]];
  const fix = moveCommentAbove(instruction, source, range[0], range[1]);
  return {
    messageId: "argComment",
    data: { text: shown(source.slice(args), escapeChar), hash: first.name, words: listNames(declarations.slice(hash).map((d) => d.name)) },
    range,
    ...(fix ? { suggestions: [{ desc: "Move the comment to its own line above the ARG", fix }] } : {}),
  };
}

/** `ENV A=1 # comment`: the words from `#` on are more pairs, and the first without `=` fails the build. */
function pairCommentReport(instruction: Instruction, pairs: readonly KeyValue[], hash: number, source: SourceText, escapeChar: string): ReportDescriptor | undefined {
  const first = pairs[hash];
  const last = pairs.at(-1);
  const failing = pairs.slice(hash).find((pair) => pair.legacyForm);
  const args = instruction.argsRange;
  if (!first || !last || !failing || !args) return undefined;
  const range: [number, number] = [first.keyRange[0], Math.max(last.range[1], args[1])];
  const keyword = instruction.keyword;
  const fix = moveCommentAbove(instruction, source, range[0], range[1]);
  return {
    messageId: "pairComment",
    data: { keyword, text: shown(source.slice(args), escapeChar), hash: first.key, key: failing.key },
    range,
    ...(fix ? { suggestions: [{ desc: `Move the comment to its own line above the ${keyword}`, fix }] } : {}),
  };
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
      argComment:
        "`#` starts no comment inside an instruction, so `ARG {{text}}` declares every word from `{{hash}}` on as a build argument ({{words}}); move the comment to its own line above the ARG.",
      pairComment:
        "`#` starts no comment inside an instruction, so `{{keyword}} {{text}}` reads every word from `{{hash}}` on as another `key=value` pair, and the build fails (\"can't find = in {{key}}\"); move the comment to its own line above the {{keyword}}.",
    },
    references: { buildkit: ["LegacyKeyValueFormat"] },
    referencesByMessage: {
      legacy: { buildkit: ["LegacyKeyValueFormat"] },
      missingValue: {},
      missingEquals: {},
      argValue: {},
      argComment: {},
      pairComment: {},
    },
  },
  check({ model, source, report }) {
    const escapeChar = model.escapeChar;
    for (const instruction of withTriggers(model.instructions)) {
      const keyword = instruction.keyword;
      if (keyword === "ARG") {
        const declarations = argDeclarations(source.text, instruction, escapeChar);
        const hash = declarations.findIndex((declaration) => declaration.name.startsWith("#"));
        const genuine = hash < 0 ? declarations.length : hash;
        for (let k = 1; k < genuine; k++) {
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
        const comment = hash < 0 ? undefined : argCommentReport(instruction, declarations, hash, source, escapeChar);
        if (comment) report(comment);
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
      const hash = instruction.pairs.findIndex((pair, i) => i > 0 && pair.key.startsWith("#"));
      const comment = hash < 0 ? undefined : pairCommentReport(instruction, instruction.pairs, hash, source, escapeChar);
      if (comment) report(comment);
      for (const pair of comment ? instruction.pairs.slice(1, hash) : rest) {
        if (pair.legacyForm) report({ messageId: "missingEquals", data: { keyword, key: pair.key }, range: pair.keyRange });
      }
    }
  },
});
