import { isMap, isScalar, isSeq } from "../../compose/yaml-lazy.js";
import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { RecentCache } from "../../util/recent-cache.js";
import type { Fix } from "../../types.js";

/**
 * Edits for suggestions that add a setting to a service (`cap_drop: [ALL]`,
 * `no-new-privileges:true`): shown to the user, never applied by `--fix`, since they change
 * what the container may do. Each returns undefined where the text cannot be edited plainly
 * (flow-style services, values that come through a merge key or `extends`).
 */

/** For the model being linted (see compose/file-memo.ts for why not a WeakMap). */
const lineEndings = new RecentCache<ComposeModel, string>(1);

/** Memoized per model: a scan of the whole text per service made a file quadratic (18% of a 100k-line file's lint time, bench/scaling.mjs). */
function lineEnding(model: ComposeModel): string {
  return lineEndings.lookup(model, () => (model.source.text.includes("\r\n") ? "\r\n" : "\n"));
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** A new `key:` with one list item, as the service's first key, in the service's own indentation. */
export function addServiceKey(model: ComposeModel, service: ComposeService, key: string, item: string): Fix | undefined {
  const text = model.source.text;
  const node = service.node;
  if (!isMap(node) || node.flow === true || node.items.length === 0) return undefined;
  // A key written already (under `!reset`, which compose-go drops) would be written twice.
  if (node.items.some((pair) => isScalar(pair.key) && pair.key.value === key)) return undefined;
  const firstKey = node.items[0]?.key;
  if (!isScalar(firstKey) || !firstKey.range) return undefined;
  const keyStart = firstKey.range[0];
  const lineStart = lineStartOf(text, keyStart);
  const indent = text.slice(lineStart, keyStart);
  // The first key must start its own line (not `web: {…}` nor `- web:` shapes).
  if (!/^ +$/.test(indent)) return undefined;
  // After the service's key line, so that comments above the first key stay with it.
  const serviceLineEnd = text.indexOf("\n", service.keyRange[1]);
  if (serviceLineEnd < 0 || serviceLineEnd + 1 > lineStart) return undefined;
  const eol = lineEnding(model);
  return { range: [serviceLineEnd + 1, serviceLineEnd + 1], text: `${indent}${key}:${eol}${indent}  - ${item}${eol}` };
}

/** `item` added first to the service's own list at `key` (block or flow). */
export function addListItem(model: ComposeModel, service: ComposeService, key: string, item: string): Fix | undefined {
  const found = service.get([key]);
  if (!found || found.viaMerge || found.viaExtends === true || !isSeq(found.node) || !found.node.range) return undefined;
  const text = model.source.text;
  const seq = found.node;
  if (seq.flow === true) {
    const open = seq.range?.[0] ?? -1;
    if (text[open] !== "[") return undefined;
    return { range: [open + 1, open + 1], text: seq.items.length === 0 ? item : `${item}, ` };
  }
  const first = seq.items[0] as { range?: [number, number, number] | null } | undefined;
  if (!first?.range) return undefined;
  const lineStart = lineStartOf(text, first.range[0]);
  const prefix = text.slice(lineStart, first.range[0]);
  if (!/^ *- +$/.test(prefix)) return undefined;
  return { range: [lineStart, lineStart], text: `${prefix}${item}${lineEnding(model)}` };
}
