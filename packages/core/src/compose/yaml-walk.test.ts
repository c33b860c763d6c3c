import { describe, expect, it } from "vitest";
import { isScalar, parseDocument, visit } from "yaml";
import type { Document } from "yaml";
import { parseCompose } from "./parse.js";
import { documentNodes } from "./yaml-walk.js";

const YAML_OPTIONS = { merge: true, uniqueKeys: false } as const;

/** What yaml's own `visit` finds, in its order: the walk must find the same nodes in the same order. */
function byVisit(document: Document): { maps: unknown[]; seqs: unknown[]; pairs: unknown[]; valueScalars: unknown[] } {
  const found = { maps: [] as unknown[], seqs: [] as unknown[], pairs: [] as unknown[], valueScalars: [] as unknown[] };
  visit(document, {
    Map: (_key, node) => void found.maps.push(node),
    Seq: (_key, node) => void found.seqs.push(node),
    Pair: (_key, node) => void found.pairs.push(node),
    Scalar: (key, node) => {
      if (key !== "key" && isScalar(node)) found.valueScalars.push(node);
    },
  });
  return found;
}

/** `nodeCount`: the smallest `maxExpandedNodes` that parse.ts accepted for the file before the walk existed. */
const CASES: { name: string; text: string; nodeCount: number | undefined; hasAlias: boolean }[] = [
  { name: "empty document", text: "", nodeCount: 0, hasAlias: false },
  { name: "one scalar", text: "hello\n", nodeCount: 1, hasAlias: false },
  { name: "nested maps and lists", text: "services:\n  web:\n    image: nginx\n    ports: ['80:80', 443]\n", nodeCount: 11, hasAlias: false },
  { name: "pair as a list item", text: "list: [a: b, c]\n", nodeCount: 7, hasAlias: false },
  { name: "complex key", text: "? [a, b]\n: value\n", nodeCount: 5, hasAlias: false },
  { name: "empty values", text: "a:\nb: ~\n", nodeCount: 5, hasAlias: false },
  // With an alias the count is not the expanded size: parse.ts measures that itself.
  { name: "aliases and merge keys", text: "x: &x {a: 1}\ny:\n  <<: *x\n  b: 2\n", nodeCount: undefined, hasAlias: true },
];

describe("documentNodes", () => {
  it.each(CASES)("finds what yaml's visit finds: $name", ({ text, nodeCount, hasAlias }) => {
    const document = parseDocument(text, YAML_OPTIONS);
    const nodes = documentNodes(document);
    const expected = byVisit(document);
    expect(nodes.maps).toEqual(expected.maps);
    expect(nodes.seqs).toEqual(expected.seqs);
    expect(nodes.pairs).toEqual(expected.pairs);
    expect(nodes.valueScalars).toEqual(expected.valueScalars);
    if (nodeCount !== undefined) expect(nodes.nodeCount).toBe(nodeCount);
    expect(nodes.hasAlias).toBe(hasAlias);
  });

  it("walks a document once and answers again from the cache", () => {
    const document = parseDocument("a: [1, 2]\n", YAML_OPTIONS);
    expect(documentNodes(document)).toBe(documentNodes(document));
  });

  it("bounds a file without aliases by its node count, with the alias-bomb message", () => {
    const text = `list: [${Array.from({ length: 20 }, (_, i) => i).join(", ")}]\n`;
    // The map, the key, the list and its 20 items.
    expect(parseCompose(text, { maxExpandedNodes: 23 }).ok).toBe(true);
    const refused = parseCompose(text, { maxExpandedNodes: 22 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain("aliases expand this file to more than 22 YAML nodes");
  });
});
