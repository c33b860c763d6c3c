import type { DockerfileModel, Heredoc, Instruction } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange, SourceText } from "../../source.js";

/** The instructions whose `<<WORD` BuildKit reads as a here-document (frontend/dockerfile/parser: heredocDirectives). */
const HEREDOC_KEYWORDS = new Set(["RUN", "COPY", "ADD"]);

/**
 * A word BuildKit takes for a here-document's opener (its reHeredoc, `^(\d*)<<(-?)\s*([^<]*)$`,
 * with a name after the `<<`): `<<<word` is a here-string, not a heredoc.
 */
const HEREDOC_OPENER = /^\d*<<-?\s*[^<\s][^<]*$/;

/**
 * The first line at or after `from` (from the next line's start, when `from` is inside a line) that
 * would close the heredoc but for blanks around the name: where the author meant the body to end.
 */
function nearMiss(source: SourceText, heredoc: Heredoc, from: number): { line: number; range: OffsetRange; text: string } | undefined {
  const text = source.text;
  let start = from;
  if (start > 0 && text.charCodeAt(start - 1) !== 10) {
    const newline = text.indexOf("\n", start);
    if (newline < 0) return undefined;
    start = newline + 1;
  }
  while (start < text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const line = text.slice(start, lineEnd);
    if (line !== heredoc.name && line.trim() === heredoc.name) return { line: source.positionAt(start).line, range: [start, lineEnd], text: line };
    if (newline < 0) break;
    start = newline + 1;
  }
  return undefined;
}

/** The opener word (`<<EOF`, `<<-"EOF"`) as written, when BuildKit reads it as one. */
function openerOf(instruction: Instruction, heredoc: Heredoc): { value: string; range: OffsetRange } | undefined {
  const word = instruction.args.find((arg) => arg.range[0] === heredoc.range[0]);
  return word && HEREDOC_OPENER.test(word.value) ? word : undefined;
}

/**
 * Whether BuildKit reads the line at `to` as part of the instruction whose keyword is at `from`:
 * every line before it ends with a continuation as BuildKit's parser has it (the escape character,
 * blanks after it, and not a second escape character before it), or is a comment or blank line
 * inside the continuation. The model, as dockerfile-ast, also continues a line that ends in an
 * escaped escape character (`C:\dir\\`), which BuildKit ends there: a `<<` on the line after it
 * is no heredoc of BuildKit's.
 */
function continuesTo(text: string, from: number, to: number, escapeChar: string): boolean {
  const escape = escapeChar.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
  const continuation = new RegExp(`(?:^|[^${escape}])${escape}[ \\t]*$`);
  let lineStart = text.lastIndexOf("\n", from - 1) + 1;
  for (let first = true; ; first = false) {
    const newline = text.indexOf("\n", lineStart);
    if (newline < 0 || newline >= to) return true;
    const line = text.slice(lineStart, newline).replace(/\r$/, "");
    const skipped = !first && (line.trim() === "" || /^\s*#/.test(line));
    if (!skipped && !continuation.test(line)) return false;
    lineStart = newline + 1;
  }
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-unterminated-heredoc",
    kind: "dockerfile",
    category: "correctness",
    severity: "error",
    docs: "Disallow here-documents that no delimiter line closes (`RUN <<EOF` without `EOF`): the build fails with \"unterminated heredoc\".",
    presets: ["recommended"],
    hasSuggestions: true,
    messages: {
      unterminated:
        "The heredoc `{{opener}}` is never closed: no line after it is exactly `{{name}}`{{tabs}}, so the build fails (\"unterminated heredoc\"){{swallowed}}; end the body with a line `{{name}}`.",
      nearMiss:
        "The heredoc `{{opener}}` is never closed: line {{line}} (`{{written}}`) is not exactly `{{name}}`{{tabs}}, so it does not end the body, and the build fails (\"unterminated heredoc\"); remove the blanks around `{{name}}` on line {{line}}.",
    },
    references: {},
  },
  check({ model, source, report }) {
    for (const instruction of withTriggers(model.instructions)) {
      if (!HEREDOC_KEYWORDS.has(instruction.keyword) || instruction.form === "exec") continue;
      // BuildKit reads the bodies one after the other: each starts after the one before has ended.
      let bodiesEnd = 0;
      for (const heredoc of instruction.heredocs) {
        const searchFrom = Math.max(heredoc.contentRange[0], bodiesEnd);
        bodiesEnd = heredoc.range[1];
        if (heredoc.terminated) continue;
        const opener = openerOf(instruction, heredoc);
        if (!opener || !continuesTo(source.text, instruction.keywordRange[0], opener.range[0], model.escapeChar)) continue;
        const tabs = opener.value.startsWith("<<-") ? " (after leading tabs)" : "";
        const data = { opener: opener.value, name: heredoc.name, tabs };
        const missed = nearMiss(source, heredoc, searchFrom);
        if (missed) {
          report({
            messageId: "nearMiss",
            data: { ...data, line: missed.line, written: missed.text },
            range: opener.range,
            suggestions: [{ desc: `Make line ${missed.line} exactly \`${heredoc.name}\``, fix: { range: missed.range, text: heredoc.name } }],
          });
        } else {
          // Other rules read what follows as the body: say so, which explains their findings there.
          const swallowed = heredoc.contentRange[1] > heredoc.contentRange[0] ? ", and every line below it is read as its body" : "";
          report({ messageId: "unterminated", data: { ...data, swallowed }, range: opener.range });
        }
        // BuildKit stops at the first: the body runs to the end of the file, and no line is left for the heredocs after it.
        break;
      }
    }
  },
});
