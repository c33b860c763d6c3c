import type { Scalar } from "yaml";
import { isPair, isScalar, visit } from "../../compose/yaml-lazy.js";
import type { ComposeModel } from "../../compose/model.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import type { Fix } from "../../types.js";
import { describeChars, hasTypographic, scanHazards, type Hazard } from "../../util/typographic.js";

/** Keys whose values are free text: dashes and quoted text there are prose. */
const PROSE_KEYS = new Set(["labels", "annotations", "description"]);

/**
 * Where each hazard of the value is in the file: the n-th occurrence of that character in the
 * value is the n-th in the scalar's source (typographic characters are rarely escaped). Undefined
 * when they do not line up (written as `\u201c` escapes).
 */
function locate(hazards: readonly Hazard[], value: string, raw: string, base: number): number[] | undefined {
  const offsets: number[] = [];
  for (const hazard of hazards) {
    let n = 0;
    for (let i = value.indexOf(hazard.char); i !== -1 && i < hazard.index; i = value.indexOf(hazard.char, i + 1)) n++;
    let at = -1;
    for (let k = 0; k <= n; k++) {
      at = raw.indexOf(hazard.char, at + 1);
      if (at === -1) return undefined;
    }
    offsets.push(base + at);
  }
  return offsets;
}

/** The replacement as the scalar's YAML style needs it, or undefined when it would change the YAML structure. */
function yamlReplacement(node: Scalar, raw: string, offsetInRaw: number, text: string): string | undefined {
  switch (node.type) {
    case "QUOTE_DOUBLE":
      return text === '"' ? '\\"' : text;
    case "QUOTE_SINGLE":
      return text === "'" ? "''" : text;
    case "PLAIN":
      // A quote first in a plain scalar would start a quoted scalar; a space before `#` would start a comment.
      if ((text === '"' || text === "'") && offsetInRaw === 0) return undefined;
      if (text === " " && (raw.charAt(offsetInRaw + 1) === "#" || raw.charAt(offsetInRaw - 1) === ":")) return undefined;
      return text;
    default:
      return text;
  }
}

export default defineRule<ComposeModel>({
  meta: {
    id: "no-typographic-characters",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Disallow typographic dashes, quotes and spaces pasted from formatted text where ASCII syntax was meant.",
    presets: ["recommended"],
    fixable: true,
    hasSuggestions: true,
    messages: {
      dash: "`{{word}}` starts with {{char}} where a flag was meant (`{{meant}}`): the program gets the literal text `{{word}}` and fails or ignores it; type the ASCII `{{dashes}}`.",
      quote:
        "`{{key}}` uses {{chars}} where ASCII quotes were meant: Compose and the program take them as part of the value, not as quotes; replace them with `\"` or `'`.",
      space:
        "`{{key}}` contains {{chars}} where a plain space was meant: it does not separate words, so the words on either side become one; replace it with a space.",
      invisible:
        "`{{key}}` contains the invisible {{chars}}: the value is not what it looks like (a different name, flag, path or key); delete it.",
    },
    references: {},
  },
  check({ model, source, report }) {
    const text = source.text;
    if (!hasTypographic(text)) return;
    visit(model.document, {
      Scalar(key, node, path) {
        if (typeof node.value !== "string" || !node.range || !hasTypographic(node.value)) return;
        // The key this scalar belongs to, and whether it is under a prose key (`labels:`).
        let prose = false;
        let owner = "";
        for (let i = path.length - 1; i >= 0; i--) {
          const ancestor = path[i];
          if (!isPair(ancestor) || !isScalar(ancestor.key)) continue;
          const name = String(ancestor.key.value);
          if (owner === "") owner = key === "key" && i === path.length - 1 ? "" : name;
          if (PROSE_KEYS.has(name)) prose = true;
        }
        const shownKey = key === "key" ? node.value : owner || "value";
        const value = node.value;
        const isProse = prose && key !== "key";
        // In a label's text even quote marks are prose: YAML and Compose give them no meaning.
        const hazards = scanHazards(value, { prose: isProse }).filter((h) => !(isProse && h.kind === "quote"));
        if (hazards.length === 0) return;
        const [start, end] = node.range;
        const raw = text.slice(start, end);
        const offsets = locate(hazards, value, raw, start);
        const at = (h: Hazard): number => offsets?.[hazards.indexOf(h)] ?? start;
        const fixFor = (h: Hazard, replacement: string): Fix | undefined => {
          if (!offsets) return undefined;
          const yaml = yamlReplacement(node, raw, at(h) - start, replacement);
          return yaml === undefined ? undefined : { range: [at(h), at(h) + h.char.length], text: yaml };
        };
        for (const hazard of hazards.filter((h) => h.kind === "dash")) {
          const meant = hazard.meantWord ?? "";
          const guess = meant.slice(0, meant.length - (hazard.word ?? "").length + 1);
          const descriptor: ReportDescriptor = {
            messageId: "dash",
            data: { word: hazard.word ?? hazard.char, char: hazard.label, meant, dashes: meant.startsWith("--") ? "--" : "-" },
            range: offsets ? [at(hazard), at(hazard) + 1] : [start, end],
          };
          const fix = fixFor(hazard, hazard.replacement ?? guess);
          if (fix && hazard.replacement !== undefined) descriptor.fix = fix;
          else if (fix) descriptor.suggestions = [{ desc: `Replace it with \`${guess}\` (\`${meant}\`)`, fix }];
          report(descriptor);
        }
        for (const kind of ["quote", "space", "invisible"] as const) {
          const group = hazards.filter((h) => h.kind === kind);
          const first = group[0];
          const last = group.at(-1);
          if (!first || !last) continue;
          const fixes = group.map((h) => fixFor(h, h.replacement ?? ""));
          const descriptor: ReportDescriptor = {
            messageId: kind,
            data: { key: shownKey, chars: describeChars(group) },
            range: offsets ? [at(first), at(last) + last.char.length] : [start, end],
          };
          if (fixes.every((f) => f !== undefined)) descriptor.fix = fixes;
          else if (kind === "quote" && node.type === "PLAIN" && offsets && wholeQuoted(raw, group, group.map(at), start)) {
            // `image: “nginx:1.27”`: the whole scalar was meant to be a quoted string.
            descriptor.fix = group.map((h) => ({ range: [at(h), at(h) + h.char.length] as const, text: h.replacement ?? "" }));
          }
          report(descriptor);
        }
      },
    });
  },
});

/** A plain scalar wrapped in typographic quotes, first and last character, with no ASCII quote or backslash inside. */
function wholeQuoted(raw: string, group: readonly Hazard[], offsets: readonly number[], start: number): boolean {
  if (group.length !== 2) return false;
  const [a, b] = [offsets[0] ?? -1, offsets[1] ?? -1];
  const replacement = group[0]?.replacement;
  if (a - start !== 0 || b - start !== raw.trimEnd().length - 1 || replacement !== group[1]?.replacement) return false;
  return !/["'\\]/.test(raw.slice(1, -1));
}
