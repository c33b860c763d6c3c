import type { DockerfileModel } from "../../dockerfile/model.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { scannerLineAt } from "./_continuation-lines.js";

/** The directives BuildKit reads (frontend/dockerfile/parser/directives.go); any other comment ends them. */
const DIRECTIVES = new Set(["syntax", "escape", "check"]);

/** Go's `\s` (RE2): ASCII blanks only. */
function isGoSpace(c: string | undefined): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\f" || c === "\r";
}

/**
 * BuildKit's `^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` on a line after its `#` and the blanks
 * after that, read by hand: as a pattern, its blanks around the value backtrack on a long line.
 */
function matchDirective(line: string): { name: string; value: string; valueStart: number } | undefined {
  if (!/[a-z]/i.test(line[0] ?? "")) return undefined;
  let i = 1;
  while (i < line.length && /[a-z0-9]/i.test(line[i] ?? "")) i++;
  const name = line.slice(0, i);
  while (isGoSpace(line[i])) i++;
  if (line[i] !== "=") return undefined;
  i++;
  while (isGoSpace(line[i])) i++;
  let end = line.length;
  while (end > i && isGoSpace(line[end - 1])) end--;
  return end > i ? { name, value: line.slice(i, end), valueStart: i } : undefined;
}

interface DirectiveLine {
  name: string;
  value: string;
  range: OffsetRange;
  valueRange: OffsetRange;
}

/**
 * The parser directives as BuildKit reads them: lines at the top of the file (leading blanks and a
 * BOM aside) that are `# name=value` with a name it knows, up to the first line that is not one.
 * Read here rather than from the model, which follows dockerfile-ast: it takes any name, and stops
 * at a repeated one where BuildKit fails.
 */
function directiveLines(text: string): DirectiveLine[] {
  const lines: DirectiveLine[] = [];
  for (let start = text.charCodeAt(0) === 0xfeff ? 1 : 0; start < text.length; ) {
    const line = scannerLineAt(text, start);
    const content = text.slice(line.start, line.end);
    const hash = content.search(/\S/);
    if (hash < 0 || content[hash] !== "#") break;
    const afterHash = content.slice(hash + 1);
    const blanks = afterHash.search(/\S|$/);
    const match = matchDirective(afterHash.slice(blanks));
    const name = match?.name.toLowerCase();
    if (!match || name === undefined || !DIRECTIVES.has(name)) break;
    const valueStart = start + hash + 1 + blanks + match.valueStart;
    lines.push({ name, value: match.value, range: [start + hash, line.end], valueRange: [valueStart, valueStart + match.value.length] });
    start = line.next;
  }
  return lines;
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "valid-parser-directive",
    kind: "dockerfile",
    category: "correctness",
    severity: "error",
    docs: "Disallow parser directives the build refuses: an escape character other than `\\` or `` ` ``, and a directive given twice.",
    presets: ["recommended"],
    messages: {
      escape: "`# escape={{value}}` names an escape character other than `\\` or `` ` ``, so the build fails (\"invalid escape token '{{value}}' does not match ` or \\\"); write `# escape=\\` or `` # escape=` ``.",
      repeated: "The `{{name}}` parser directive is already set on line {{line}}, so the build fails (\"only one {{name}} parser directive can be used\"); keep one of them.",
    },
    references: {},
  },
  check({ model, source, report }) {
    const text = source.text;
    // The model reads any `# name = value` at the top (a name of word characters and dashes), which
    // every line BuildKit takes for a directive is: a file where it found none has none. Most files.
    if (model.directives.length === 0) return;
    const seen = new Map<string, DirectiveLine>();
    for (const directive of directiveLines(text)) {
      const first = seen.get(directive.name);
      if (first) {
        // BuildKit stops at the first error: the lines after it are not read.
        report({ messageId: "repeated", data: { name: directive.name, line: source.positionAt(first.range[0]).line }, range: directive.range });
        return;
      }
      seen.set(directive.name, directive);
      if (directive.name === "escape" && directive.value !== "\\" && directive.value !== "`") {
        report({ messageId: "escape", data: { value: directive.value }, range: directive.valueRange });
        return;
      }
    }
  },
});
