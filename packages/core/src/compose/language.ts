import { isMap, isPair, isSeq } from "yaml";
import type { Language } from "../language.js";
import type { ComposeModel } from "./model.js";
import { RecentCache } from "../util/recent-cache.js";
import { parseCompose } from "./parse.js";
import { documentNodes } from "./yaml-walk.js";
import { partitionPoint } from "../util/partition-point.js";

/** Start and end offsets of every map entry (`key: value`) and sequence item, sorted by start. */
const statementCache = new RecentCache<ComposeModel, { start: number; end: number }[]>(1);

function statements(model: ComposeModel): { start: number; end: number }[] {
  return statementCache.lookup(model, findStatements);
}

function findStatements(model: ComposeModel): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const nodes = documentNodes(model.document);
  for (const pair of nodes.pairs) {
    const key = pair.key as { range?: [number, number, number] } | null;
    const value = pair.value as { range?: [number, number, number] } | null;
    if (!key?.range) continue;
    out.push({ start: key.range[0], end: value?.range ? value.range[1] : key.range[1] });
  }
  for (const seq of nodes.seqs) {
    // A list item is an entry too (`- SYS_ADMIN`), so a comment above it silences only that item.
    for (const item of seq.items) {
      const range = (item as { range?: [number, number, number] } | null)?.range;
      if (range && !isPair(item) && !isMap(item) && !isSeq(item)) out.push({ start: range[0], end: range[1] });
    }
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  return out;
}

export const composeLanguage: Language<ComposeModel> = {
  kind: "compose",
  parse: (text, context) => parseCompose(text, context ? { context } : {}),
  source: (model) => model.source,
  comments: (model) =>
    model.comments.map((comment) => ({
      text: comment.text,
      line: comment.line,
      column: model.source.positionAt(comment.range[0]).column,
      range: comment.range,
    })),
  /** The YAML entry that starts at or after `line`: the outermost one starting on the first such line. */
  statementAfter(model, line) {
    const list = statements(model);
    const from = model.source.offsetAt(line, 1);
    const at = partitionPoint(list.length, (i) => (list[i]?.start ?? 0) < from);
    const first = list[at];
    if (!first) return undefined;
    const startLine = model.source.positionAt(first.start).line;
    // Entries starting on the same line (a key and its flow value) are covered by the widest.
    let end = first.end;
    for (let i = at + 1; i < list.length; i++) {
      const next = list[i];
      if (!next || model.source.positionAt(next.start).line !== startLine) break;
      end = Math.max(end, next.end);
    }
    const endLine = model.source.positionAt(Math.max(first.start, end - 1)).line;
    return { startLine, endLine };
  },
};
