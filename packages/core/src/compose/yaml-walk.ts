/**
 * The nodes of a parsed Compose document, gathered by one walk and shared by the parser and the
 * rules that would otherwise each walk the document with yaml's `visit` (which copies the ancestor
 * path at every node): in a CPU profile of the Compose corpus, those walks took 6% of the lint
 * time, this one 1.3%. Needs no yaml code at run time (see yaml-lazy.ts).
 */
import type { Document, Pair, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { documentMemo } from "./file-memo.js";
import { isAlias, isMap, isPair, isScalar, isSeq } from "./yaml-lazy.js";

export interface DocumentNodes {
  /** Every mapping, in yaml's `visit` order (a node before its children, a pair's key before its value). */
  readonly maps: readonly YAMLMap[];
  /** Every sequence, in the same order. */
  readonly seqs: readonly YAMLSeq[];
  /** Every map entry, in the same order. */
  readonly pairs: readonly Pair[];
  /** Every scalar that is not the key of a pair (what Compose interpolates), in the same order. */
  readonly valueScalars: readonly Scalar[];
  /** The document's size as parse.ts's checkExpansion measures it, exact when it has no alias. */
  readonly nodeCount: number;
  readonly hasAlias: boolean;
}

/** Where a document keeps its nodes (see file-memo.ts for why not a WeakMap). */
const NODES = Symbol("docklint.documentNodes");

export function documentNodes(document: Document): DocumentNodes {
  return documentMemo(document, NODES, () => walkDocument(document));
}

function walkDocument(document: Document): DocumentNodes {
  const maps: YAMLMap[] = [];
  const seqs: YAMLSeq[] = [];
  const pairs: Pair[] = [];
  const valueScalars: Scalar[] = [];
  let nodeCount = 0;
  let hasAlias = false;
  // Recursion depth is the YAML nesting depth, which yaml's own composer already recursed through.
  // `counted` follows checkExpansion's measure in parse.ts: a pair written as a list item (`[a: b]`)
  // counts as one node, without its key and value.
  const walk = (node: unknown, isKey: boolean, counted: boolean): void => {
    if (isScalar(node)) {
      if (counted) nodeCount++;
      if (!isKey) valueScalars.push(node);
    } else if (isMap(node)) {
      if (counted) nodeCount++;
      maps.push(node);
      for (const item of node.items) walk(item, false, counted);
    } else if (isSeq(node)) {
      if (counted) nodeCount++;
      seqs.push(node);
      for (const item of node.items) {
        if (isPair(item)) {
          if (counted) nodeCount++;
          walk(item, false, false);
        } else walk(item, false, counted);
      }
    } else if (isPair(node)) {
      pairs.push(node);
      walk(node.key, true, counted);
      walk(node.value, false, counted);
    } else if (isAlias(node)) {
      hasAlias = true;
    }
  };
  walk(document.contents, false, true);
  return { maps, seqs, pairs, valueScalars, nodeCount, hasAlias };
}
