import type { DockerfileModel, Heredoc, Instruction } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange, SourceText } from "../../source.js";
import { logicalLineEnd, scannerLineAt } from "./_continuation-lines.js";

/** The instructions whose `<<WORD` BuildKit reads as a here-document (frontend/dockerfile/parser: heredocDirectives). */
const HEREDOC_KEYWORDS = new Set(["RUN", "COPY", "ADD"]);

/**
 * A word BuildKit takes for a here-document's opener (its reHeredoc, `^(\d*)<<(-?)\s*([^<]*)$`,
 * with a name after the `<<`): `<<<word` is a here-string, not a heredoc.
 */
const HEREDOC_OPENER = /^\d*<<-?\s*[^<\s][^<]*$/;

/** A line of a heredoc's body that would close it but for blanks around the name: where the author meant the body to end. */
interface NearMiss {
  line: number;
  range: OffsetRange;
  text: string;
}

/**
 * Reads the body of a heredoc from `from` (a line's start) as BuildKit does: raw lines, up to one
 * that is exactly the name (after leading tabs, for `<<-`). `closedAt`: where the line after the
 * delimiter line starts; without one, the first line that is the name with blanks around it.
 */
function readBody(source: SourceText, from: number, name: string, stripTabs: boolean): { closedAt: number } | { nearMiss: NearMiss | undefined } {
  const text = source.text;
  let nearMiss: NearMiss | undefined;
  for (let start = from; start < text.length; ) {
    const line = scannerLineAt(text, start);
    const content = text.slice(line.start, line.end);
    if ((stripTabs ? content.replace(/^\t+/, "") : content) === name) return { closedAt: line.next };
    if (!nearMiss && content.trim() === name) nearMiss = { line: source.positionAt(start).line, range: [line.start, line.end], text: content };
    start = line.next;
  }
  return { nearMiss };
}

/**
 * Each heredoc with its opener word as written (`<<EOF`, `<<-"EOF"`), where BuildKit reads that
 * word as one, in file order. The arguments and the heredocs are both in file order: one walk over
 * both (a search of the arguments for each heredoc made a RUN of 60,000 heredocs quadratic).
 */
function openersOf(instruction: Instruction, before: number): { heredoc: Heredoc; opener: { value: string; range: OffsetRange } }[] {
  const found: { heredoc: Heredoc; opener: { value: string; range: OffsetRange } }[] = [];
  const args = instruction.args;
  let at = 0;
  for (const heredoc of instruction.heredocs) {
    const start = heredoc.range[0];
    if (start >= before) break;
    while (at < args.length && (args[at]?.range[0] ?? Infinity) < start) at++;
    const word = args[at];
    if (word && word.range[0] === start && HEREDOC_OPENER.test(word.value)) found.push({ heredoc, opener: word });
  }
  return found;
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
    const text = source.text;
    for (const instruction of withTriggers(model.instructions)) {
      if (instruction.heredocs.length === 0 || !HEREDOC_KEYWORDS.has(instruction.keyword) || instruction.form === "exec") continue;
      // The openers on the instruction's own lines (before its heredoc bodies), and where their bodies start.
      const lastLineEnd = logicalLineEnd(text, instruction.keywordRange[0], model.escapeChar);
      const openers = openersOf(instruction, lastLineEnd);
      let position = Math.min(lastLineEnd + 1, text.length);
      // BuildKit reads the bodies one after the other, each from the line after the one before ended.
      for (const { heredoc, opener } of openers) {
        const body = readBody(source, position, heredoc.name, heredoc.stripTabs);
        if ("closedAt" in body) {
          position = body.closedAt;
          continue;
        }
        const tabs = heredoc.stripTabs ? " (after leading tabs)" : "";
        const data = { opener: opener.value, name: heredoc.name, tabs };
        const missed = body.nearMiss;
        if (missed) {
          report({
            messageId: "nearMiss",
            data: { ...data, line: missed.line, written: missed.text },
            range: opener.range,
            suggestions: [{ desc: `Make line ${missed.line} exactly \`${heredoc.name}\``, fix: { range: missed.range, text: heredoc.name } }],
          });
        } else {
          // Other rules read what follows as the body: say so, which explains their findings there.
          const swallowed = position < text.length ? ", and every line below it is read as its body" : "";
          report({ messageId: "unterminated", data: { ...data, swallowed }, range: opener.range });
        }
        // BuildKit stops at the first: no line is left for the heredocs after it.
        break;
      }
    }
  },
});
