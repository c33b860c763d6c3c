/**
 * Reordering the entries of a YAML map or sequence by moving their text, for the `order-*` rules.
 *
 * The yaml library is used to find where things are, never to write: an entry's text is cut out
 * of the file as written and put back in another slot, so comments, quoting, anchors, blank lines
 * and line endings (CRLF stays CRLF) are kept byte for byte. A fix is offered only when the text
 * can be delimited cleanly and the reordered file, parsed again, holds the same data as before
 * with only those entries permuted (maps compared without regard to key order); otherwise the
 * rule reports without a fix.
 *
 * Block collections. Each entry owns whole lines:
 *   - its key line (map) or `-` line (sequence), which must start the line at the collection's
 *     indentation;
 *   - the lines of its value, up to the end the parser gives, plus comment lines indented deeper
 *     than the entry that follow it (commented-out parts of the value);
 *   - the comment lines directly above it (no blank line between) indented no deeper than it.
 * What lies between two entries (blank lines, comments that belong to neither) is a separator and
 * stays where it is, so the layout of the block (one blank line between services, say) is kept.
 *
 * Flow collections (`[b, a]`, `{b: 1, a: 2}`) are reordered item by item when they hold no
 * comment; the commas and spaces between items stay in place.
 */
import { documentMemo } from "../../compose/file-memo.js";
import { aliasesResolve, isAlias, isMap, isMergeKey, isScalar, isSeq, parseDocument, plainValue, visit, YAML_OPTIONS } from "../../compose/yaml-lazy.js";
import type { Document, Node, Pair, YAMLMap, YAMLSeq } from "yaml";
import type { ComposeModel } from "../../compose/model.js";
import type { OffsetRange, SourceText } from "../../source.js";
import type { Fix } from "../../types.js";
import { partitionPoint } from "../../util/partition-point.js";

/** Where each entry's text is, and the text between entries, which stays in place. */
export interface Layout {
  /** Offsets of the first entry's start and the last entry's end. */
  range: OffsetRange;
  entries: OffsetRange[];
  /** `separators[i]` lies between entry i and entry i + 1. */
  separators: string[];
}

export type Collection = YAMLMap | YAMLSeq;

/**
 * `Intl.Collator` once: `localeCompare` with a locale builds a collator on every call. Made on first
 * use, not when the module loads: the first collator starts ICU, ~6 ms that a Dockerfile-only run
 * (which loads the Compose rules but never sorts) would otherwise pay at start-up (issue 7).
 */
let text: Intl.Collator | undefined;
let numeric: Intl.Collator | undefined;

/** `localeCompare` order, as dclint sorts names (`b-service` before `backend`, `web10` before `web2`). */
export function compareText(a: string, b: string): number {
  return (text ??= new Intl.Collator("en")).compare(a, b);
}

/** `localeCompare` with numbers compared by value (`80` before `443`, `3000-3005` before `8080`). */
export function compareNumeric(a: string, b: string): number {
  return (numeric ??= new Intl.Collator("en", { numeric: true })).compare(a, b);
}

/** The text of a scalar key (`undefined` for a complex or missing key). */
export function pairKey(pair: Pair): string | undefined {
  const key = pair.key;
  if (!isScalar(key)) return undefined;
  const value: unknown = key.value;
  if (value === null || value === undefined || typeof value === "symbol") return undefined;
  return String(value);
}

/** The last own pair named `name` (Compose keeps the last of duplicate keys); merge keys are not own pairs. */
export function ownPair(map: YAMLMap, name: string): Pair | undefined {
  let found: Pair | undefined;
  for (const pair of map.items) {
    if (!isMergeKey(pair.key) && pairKey(pair) === name) found = pair;
  }
  return found;
}

export function nodeRange(node: unknown): OffsetRange | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? [range[0], range[1]] : undefined;
}

/**
 * For each entry that should come before an earlier one, that earlier entry: among the earlier
 * entries that sort after it, the one that sorts first (where it belongs). An entry is out of
 * place exactly when a stable sort would move something, so the check and the fix agree.
 */
export function findMisplaced<T>(items: readonly T[], compare: (a: T, b: T) => number): { index: number; before: number }[] {
  const out: { index: number; before: number }[] = [];
  // The distinct items seen so far, sorted, each with the index where it first appeared: the
  // smallest earlier item greater than the current one is found by binary search, so a list of
  // 50,000 ports costs n log n comparisons, not n².
  const seen: { item: T; index: number }[] = [];
  items.forEach((item, index) => {
    const low = partitionPoint(seen.length, (i) => compare((seen[i] as { item: T }).item, item) <= 0);
    const greater = seen[low];
    if (greater !== undefined) out.push({ index, before: greater.index });
    // Equal items keep the first index: the earliest of the smallest greater items is the one reported.
    const previous = seen[low - 1];
    if (previous === undefined || compare(previous.item, item) !== 0) seen.splice(low, 0, { item, index });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Lines

function isBlankLine(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

function isCommentLine(line: string): boolean {
  return /^[ \t]*#/.test(line);
}

/** Leading blanks of a line. */
function indentOf(line: string): number {
  const match = /^[ \t]*/.exec(line);
  return match ? match[0].length : 0;
}

/** The 1-based line containing `offset`. */
function lineOf(source: SourceText, offset: number): number {
  return source.positionAt(offset).line;
}

/** Offset of the first character of a 1-based line, past a BOM on the first line. */
function lineStart(source: SourceText, line: number): number {
  const start = source.lineStarts[line - 1] ?? source.text.length;
  return line === 1 && source.hasBom ? start + 1 : start;
}

/** The text of a 1-based line without its line break (and without a BOM). */
function lineText(source: SourceText, line: number): string {
  return source.text.slice(lineStart(source, line), source.lineEnd(line));
}

/** Props (`&anchor`, `!tag`) that may stand between the indentation and the node on a line. */
const PROPS = /^(?:[&!][^\s,[\]{}]*[ \t]+)*$/;

// ---------------------------------------------------------------------------------------------
// Layouts

interface Span {
  /** Where the entry's own node starts (the key, or the item): must be on its first content line. */
  anchor: number;
  /** Where the entry's value ends (the parser's end of the value). */
  end: number;
}

/**
 * Where a node's own content ends. The parser's end of a block collection runs on over the
 * comments and blank lines after its last entry (up to the next line's indentation), so it is
 * taken from the last entry instead.
 */
function contentEnd(node: unknown): number | undefined {
  const range = nodeRange(node);
  if (!range) return undefined;
  if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length > 0) {
    const last: unknown = node.items[node.items.length - 1];
    if (isMap(node)) {
      const pair = last as Pair;
      const keyEnd = nodeRange(pair.key)?.[1];
      const valueEnd = contentEnd(pair.value);
      return Math.max(keyEnd ?? range[0], valueEnd ?? range[0]);
    }
    return contentEnd(last) ?? range[1];
  }
  return range[1];
}

function spanOfPair(pair: Pair): Span | undefined {
  const key = nodeRange(pair.key);
  if (!key) return undefined;
  return { anchor: key[0], end: Math.max(key[1], contentEnd(pair.value) ?? 0) };
}

function spanOfItem(item: unknown): Span | undefined {
  const range = nodeRange(item);
  const end = contentEnd(item);
  return range && end !== undefined ? { anchor: range[0], end } : undefined;
}

/** Layout of a block map or block sequence, or undefined when an entry cannot be delimited by whole lines. */
function blockLayout(source: SourceText, spans: readonly Span[], kind: "map" | "seq"): Layout | undefined {
  const text = source.text;
  const lastLineOfFile = source.lineCount;
  const keyLines: number[] = [];
  let column: number | undefined;
  for (const span of spans) {
    const line = lineOf(source, span.anchor);
    const content = lineText(source, line);
    const indent = indentOf(content);
    if (column === undefined) column = indent;
    if (indent !== column) return undefined;
    const before = text.slice(lineStart(source, line) + indent, span.anchor);
    if (kind === "map") {
      // `? key` (explicit key), `- key:` (a map inside a sequence item), document markers.
      if (/^\?(?:[ \t]|$)/.test(before) || /^-(?:[ \t]|$)/.test(content.slice(indent))) return undefined;
      if (/^(?:---|\.\.\.)(?:[ \t]|$)/.test(content)) return undefined;
      if (!PROPS.test(before)) return undefined;
    } else {
      // `- value`, `- &anchor value`, `- - nested`: the item starts on its `-` line.
      if (!/^-[ \t]/.test(before) || !PROPS.test(before.slice(1).replace(/^[ \t]+/, ""))) return undefined;
    }
    const previous = keyLines[keyLines.length - 1];
    if (previous !== undefined && line <= previous) return undefined;
    keyLines.push(line);
  }
  if (column === undefined) return undefined;
  const indent = column;

  // Last line of each entry: its value, then deeper comment lines that follow it.
  const lastLines: number[] = [];
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as Span;
    const keyLine = keyLines[i] as number;
    let last = Math.max(keyLine, lineOf(source, Math.max(span.anchor, span.end - 1)));
    const limit = i + 1 < spans.length ? (keyLines[i + 1] as number) - 1 : lastLineOfFile;
    if (last > limit) return undefined;
    for (let line = last + 1; line <= limit; line++) {
      const content = lineText(source, line);
      if (isBlankLine(content)) continue;
      if (isCommentLine(content) && indentOf(content) > indent) {
        last = line;
        continue;
      }
      break;
    }
    lastLines.push(last);
  }

  // First line of each entry: the comment lines directly above it, no deeper than it.
  const firstLines: number[] = [];
  for (let i = 0; i < spans.length; i++) {
    const floor = i > 0 ? (lastLines[i - 1] as number) : 0;
    let first = keyLines[i] as number;
    while (first - 1 > floor) {
      const content = lineText(source, first - 1);
      if (!isCommentLine(content) || indentOf(content) > indent) break;
      first--;
    }
    firstLines.push(first);
  }

  const entries: OffsetRange[] = spans.map((_, i) => [lineStart(source, firstLines[i] as number), source.lineEnd(lastLines[i] as number)]);
  const separators: string[] = [];
  for (let i = 0; i + 1 < spans.length; i++) {
    // Between two entries, only blank lines and comments that belong to neither.
    for (let line = (lastLines[i] as number) + 1; line < (firstLines[i + 1] as number); line++) {
      const content = lineText(source, line);
      if (!isBlankLine(content) && !isCommentLine(content)) return undefined;
    }
    separators.push(text.slice((entries[i] as OffsetRange)[1], (entries[i + 1] as OffsetRange)[0]));
  }
  const first = entries[0] as OffsetRange;
  const last = entries[entries.length - 1] as OffsetRange;
  return { range: [first[0], last[1]], entries, separators };
}

/** Layout of a flow collection without comments: items between the commas. */
function flowLayout(model: ComposeModel, collection: Collection, spans: readonly Span[]): Layout | undefined {
  const text = model.source.text;
  const range = nodeRange(collection);
  if (!range) return undefined;
  const open = text[range[0]];
  const close = open === "[" ? "]" : open === "{" ? "}" : undefined;
  if (close === undefined) return undefined;
  if (model.comments.some((comment) => comment.range[0] >= range[0] && comment.range[0] < range[1])) return undefined;
  const entries: OffsetRange[] = [];
  let cursor = range[0] + 1;
  for (const span of spans) {
    let start = cursor;
    while (start < span.anchor && /\s/.test(text[start] ?? "")) start++;
    if (!PROPS.test(text.slice(start, span.anchor))) return undefined;
    let end = span.end;
    while (end > span.anchor && /\s/.test(text[end - 1] ?? "")) end--;
    entries.push([start, end]);
    let next = end;
    while (next < range[1] && /\s/.test(text[next] ?? "")) next++;
    if (text[next] === ",") next++;
    else if (text[next] !== close) return undefined;
    cursor = next;
  }
  const separators: string[] = [];
  for (let i = 0; i + 1 < entries.length; i++) {
    const separator = text.slice((entries[i] as OffsetRange)[1], (entries[i + 1] as OffsetRange)[0]);
    if (!/^\s*,\s*$/.test(separator)) return undefined;
    separators.push(separator);
  }
  const first = entries[0] as OffsetRange;
  const last = entries[entries.length - 1] as OffsetRange;
  return { range: [first[0], last[1]], entries, separators };
}

/** Where the entries of a map or sequence are written, or undefined when they cannot be moved as text. */
export function layoutOf(model: ComposeModel, collection: Collection): Layout | undefined {
  const spans: Span[] = [];
  for (const item of collection.items as unknown[]) {
    const span = isMap(collection) ? spanOfPair(item as Pair) : isAlias(item) || isScalar(item) || isMap(item) || isSeq(item) ? spanOfItem(item) : undefined;
    if (!span) return undefined;
    spans.push(span);
  }
  if (spans.length < 2) return undefined;
  return collection.flow ? flowLayout(model, collection, spans) : blockLayout(model.source, spans, isMap(collection) ? "map" : "seq");
}

// ---------------------------------------------------------------------------------------------
// Checking a fix

/** Deep equality of plain data; object keys compared as sets (order does not matter in a map). */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameData(item, b[i]));
  }
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameData((a as Record<string, unknown>)[key], bRecord[key]));
}

/**
 * The node in `clone` (a `Document.clone()` of the tree under `original`) at the place of each of
 * `targets` in `original`: one walk of both trees side by side. A walk down from the root for each
 * target made the check of 2,000 sorted sequences (the depends_on lists of 2,000 services) quadratic.
 */
function counterparts(original: unknown, clone: unknown, targets: ReadonlySet<unknown>): Map<unknown, unknown> {
  const found = new Map<unknown, unknown>();
  const stack: [unknown, unknown][] = [[original, clone]];
  while (stack.length > 0 && found.size < targets.size) {
    const [node, copy] = stack.pop() as [unknown, unknown];
    if (targets.has(node)) found.set(node, copy);
    if (isMap(node) && isMap(copy)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i] as Pair;
        const pairCopy = copy.items[i] as Pair | undefined;
        stack.push([pair.value, pairCopy?.value], [pair.key, pairCopy?.key]);
      }
    } else if (isSeq(node) && isSeq(copy)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push([node.items[i], copy.items[i]]);
    }
  }
  return found;
}

/** An anchor name defined twice: which one an alias means depends on positions, so nothing is moved. */
function hasRedefinedAnchor(document: Document): boolean {
  const seen = new Set<string>();
  let twice = false;
  visit(document, {
    Node(_, node) {
      const anchor = (node as { anchor?: string }).anchor;
      if (anchor === undefined) return undefined;
      if (seen.has(anchor)) {
        twice = true;
        return visit.BREAK;
      }
      seen.add(anchor);
      return undefined;
    },
  });
  return twice;
}

type Plain = { ok: true; value: unknown } | { ok: false };

function plain(document: Document): Plain {
  try {
    // An alias above its anchor (after the move, or as written: `password: ******` is an alias)
    // names nothing: no data to compare. Alias bombs were refused when the file was parsed; the
    // reordered file has the same aliases.
    return aliasesResolve(document) ? { ok: true, value: plainValue(document) } : { ok: false };
  } catch {
    return { ok: false };
  }
}

/** Where a document keeps its plain value as parsed (see compose/file-memo.ts for why not a WeakMap). */
const ORIGINAL_PLAIN = Symbol("docklint.originalPlain");

function originalPlain(document: Document): Plain {
  return documentMemo(document, ORIGINAL_PLAIN, () => plain(document));
}

// ---------------------------------------------------------------------------------------------
// Sorting

/** A reordering of one collection: the permutation and the text edit that performs it. */
export interface SortPlan {
  collection: Collection;
  /** `order[slot]` is the index of the entry that goes to `slot`. */
  order: readonly number[];
  fix: Fix;
}

/**
 * The edit that puts the entries of `collection` in stable `compare` order (indexes into its
 * items), with a `<<` merge key first; undefined when nothing moves or the text cannot be moved
 * safely: multi-document file, entries that cannot be delimited, duplicate or complex keys, two
 * merge keys. The data is checked separately (`verifyPlans`).
 */
export function planSort(model: ComposeModel, collection: Collection, compare: (a: number, b: number) => number): SortPlan | undefined {
  if (model.extraDocuments > 0) return undefined;
  const indexes = collection.items.map((_, index) => index);
  // A `<<` merge key goes first: explicit keys override merged ones wherever they are written
  // (YAML 1.1 merge, as Compose and the yaml library read it), and first is where readers look.
  let merges: number[] = [];
  if (isMap(collection)) {
    merges = indexes.filter((index) => isMergeKey((collection.items[index] as Pair).key));
    if (merges.length > 1) return undefined;
    const names = collection.items.filter((pair) => !isMergeKey(pair.key)).map((pair) => pairKey(pair));
    if (names.some((name) => name === undefined) || new Set(names).size !== names.length) return undefined;
  }
  const rest = indexes.filter((index) => !merges.includes(index)).sort((a, b) => compare(a, b) || a - b);
  const order = [...merges, ...rest];
  if (order.every((value, i) => value === i)) return undefined;
  const layout = layoutOf(model, collection);
  if (!layout) return undefined;
  const text = model.source.text;
  let out = "";
  order.forEach((from, slot) => {
    const entry = layout.entries[from] as OffsetRange;
    out += text.slice(entry[0], entry[1]);
    if (slot < layout.separators.length) out += layout.separators[slot] as string;
  });
  return { collection, order, fix: { range: layout.range, text: out } };
}

/**
 * The plans apply (together) to text that holds exactly the original data with each collection's
 * entries permuted: the expected data comes from the original document with the same
 * permutations made in a clone (for maps alone, the original data, since key order does not
 * count), the actual data from parsing the edited text; aliases and merge keys are resolved.
 */
function keepsData(model: ComposeModel, plans: readonly SortPlan[]): boolean {
  const document = model.document;
  let expected: Plain;
  if (plans.every((plan) => isMap(plan.collection))) expected = originalPlain(document);
  else {
    const clone = document.clone();
    const found = counterparts(document.contents, clone.contents, new Set(plans.map((plan) => plan.collection)));
    const copies = plans.map((plan) => found.get(plan.collection));
    for (const [i, copy] of copies.entries()) {
      if (!isMap(copy) && !isSeq(copy)) return false;
      const items = copy.items as unknown[];
      copy.items = (plans[i] as SortPlan).order.map((from) => items[from]) as typeof copy.items;
    }
    expected = plain(clone);
  }
  if (!expected.ok) return false;

  const text = model.source.text;
  let after = "";
  let cursor = 0;
  for (const { fix } of [...plans].sort((a, b) => a.fix.range[0] - b.fix.range[0])) {
    if (fix.range[0] < cursor) return false;
    after += text.slice(cursor, fix.range[0]) + fix.text;
    cursor = fix.range[1];
  }
  after += text.slice(cursor);
  const afterDocument = parseDocument(after, YAML_OPTIONS);
  if (afterDocument.errors.length > 0) return false;
  const actual = plain(afterDocument);
  return actual.ok && sameData(expected.value, actual.value);
}

/**
 * The plans whose edits keep the data. Plans of one rule touch disjoint collections, and with no
 * anchor defined twice an edit inside one collection cannot change what an alias elsewhere
 * means, so all are checked in one parse first; when that fails, each is checked alone.
 */
export function verifyPlans(model: ComposeModel, plans: readonly SortPlan[]): Set<SortPlan> {
  if (plans.length === 0 || hasRedefinedAnchor(model.document)) return new Set();
  if (plans.length > 1 && keepsData(model, plans)) return new Set(plans);
  return new Set(plans.filter((plan) => keepsData(model, [plan])));
}

/** `planSort` checked by `verifyPlans`: the fix, or undefined when none is safe. */
export function sortFix(model: ComposeModel, collection: Collection, compare: (a: number, b: number) => number): Fix | undefined {
  const plan = planSort(model, collection, compare);
  return plan && verifyPlans(model, [plan]).has(plan) ? plan.fix : undefined;
}
