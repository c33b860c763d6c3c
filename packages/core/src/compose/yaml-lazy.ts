/**
 * The yaml package as the Compose rules use it, without loading it. Every rule module is imported
 * on every run (the rule index is one list), so a rule that imported "yaml" would make a
 * Dockerfile-only run load the whole YAML library (DESIGN.md, "Performance budget").
 *
 * - The node guards need no yaml code: yaml tags each node with a `Symbol.for` key and its own
 *   isMap/isSeq/… compare exactly that, so these answer the same for nodes of any yaml copy.
 * - The parser entry points are handed over by the Compose parser (compose/parse.ts), which has
 *   loaded yaml before any Compose rule can run: a Compose rule runs on a parsed Compose file.
 */
import type * as Yaml from "yaml";
import { documentMemo } from "./file-memo.js";

const NODE_TYPE = Symbol.for("yaml.node.type");
const ALIAS = Symbol.for("yaml.alias");
const MAP = Symbol.for("yaml.map");
const PAIR = Symbol.for("yaml.pair");
const SCALAR = Symbol.for("yaml.scalar");
const SEQ = Symbol.for("yaml.seq");

function nodeType(node: unknown): symbol | undefined {
  return typeof node === "object" && node !== null ? ((node as Record<symbol, unknown>)[NODE_TYPE] as symbol | undefined) : undefined;
}

export const isAlias: typeof Yaml.isAlias = (node: unknown): node is Yaml.Alias => nodeType(node) === ALIAS;
export const isMap: typeof Yaml.isMap = <K, V>(node: unknown): node is Yaml.YAMLMap<K, V> => nodeType(node) === MAP;
export const isPair: typeof Yaml.isPair = <K, V>(node: unknown): node is Yaml.Pair<K, V> => nodeType(node) === PAIR;
export const isScalar: typeof Yaml.isScalar = <T>(node: unknown): node is Yaml.Scalar<T> => nodeType(node) === SCALAR;
export const isSeq: typeof Yaml.isSeq = <T>(node: unknown): node is Yaml.YAMLSeq<T> => nodeType(node) === SEQ;

/**
 * A YAML merge key: yaml (with `merge: true`) makes the key of a plain `<<`, or of a `!!merge`
 * tagged one, the symbol `<<`. A quoted `"<<"` is an ordinary string key, as go-yaml reads it too
 * (its parser gives a quoted scalar the `!!str` tag, and isMerge asks for the merge tag), so
 * `docker compose` merges nothing there and refuses the key: comparing the key's source text
 * (`"<<"` has the source `<<`) took it for a merge.
 */
export function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value: unknown = key.value;
  return typeof value === "symbol" && value.description === "<<";
}

/**
 * yaml's options for every Compose document docklint reads: merge keys, duplicate keys kept for
 * no-duplicate-keys to report, and `logLevel: "error"`: errors are still thrown by `parse()` (with
 * "silent" it would drop them), but warnings are not logged. yaml logs them as Node process warnings,
 * which Node prints to standard error beside the report: `parse()` logs each warning of a document
 * (Compose's own `!reset` and `!override` tags are "unresolved" to yaml), and a collection as a key
 * (`? [a, b]`) when a document becomes plain values, as `--fix` does. Both reach the user's
 * terminal; the warnings stay on each document for the rules that read them.
 */
export const YAML_OPTIONS = { merge: true, uniqueKeys: false, logLevel: "error" } as const;

/**
 * What the Compose parser hands over: the parts of yaml that do real work, and its own reading
 * of a document as plain values (`plain`: aliases and merge keys resolved as Compose resolves them).
 */
export type YamlRuntime = Pick<typeof Yaml, "parse" | "parseDocument" | "visit"> & { plain(document: Yaml.Document): unknown };

let runtime: YamlRuntime | undefined;

/** Called by compose/parse.ts when it loads; idempotent. */
export function provideYaml(yaml: YamlRuntime): void {
  runtime = yaml;
}

function yaml(): YamlRuntime {
  if (!runtime) throw new Error("yaml is used before the Compose language is loaded: import @docklint/core/compose first");
  return runtime;
}

export const parse = ((...args: Parameters<typeof Yaml.parse>) => yaml().parse(...args)) as typeof Yaml.parse;
export const parseDocument = ((...args: Parameters<typeof Yaml.parseDocument>) => yaml().parseDocument(...args)) as typeof Yaml.parseDocument;

/**
 * A document as plain values, by the Compose parser's resolver, which reads each merge source
 * once: yaml's `toJS` converts a merged map again for every map that merges it, so a chain of
 * merges (`&a1 {<<: *a0}`, `&a2 {<<: *a1}`, …) cost it cubic time (700 links: 5 s).
 */
export const plainValue = (document: Yaml.Document): unknown => yaml().plain(document);

/** yaml's `visit`, with its BREAK / SKIP / REMOVE markers (yaml's own symbols, read when used). */
export const visit = Object.defineProperties(((...args: Parameters<typeof Yaml.visit>) => yaml().visit(...args)) as typeof Yaml.visit, {
  BREAK: { get: () => yaml().visit.BREAK },
  SKIP: { get: () => yaml().visit.SKIP },
  REMOVE: { get: () => yaml().visit.REMOVE },
});

/** Where a document keeps its aliases' targets (see file-memo.ts for why not a WeakMap). */
const ALIAS_TARGETS = Symbol("docklint.aliasTargets");

/**
 * `alias.resolve(document)`, answered from one walk of the document. yaml's own resolve walks the
 * whole document for every alias it resolves, which makes a file with many aliases (getsentry's
 * has hundreds) quadratic. Same answer: the last node before the alias, in document order, that
 * carries its anchor. The document must not change afterwards (a linted document never does).
 */
export function resolveAlias(alias: Yaml.Alias, document: Yaml.Document): Yaml.Scalar | Yaml.YAMLMap | Yaml.YAMLSeq | undefined {
  const targets = aliasTargets(document);
  // An alias not seen by the walk (added to the document later) is resolved by yaml itself.
  return targets.has(alias) ? targets.get(alias) : alias.resolve(document);
}

/** Whether every alias of the document names an anchor above it (`*x` without `&x` before it does not). */
export function aliasesResolve(document: Yaml.Document): boolean {
  for (const target of aliasTargets(document).values()) if (target === undefined) return false;
  return true;
}

/** Each alias of the document and the node it names (undefined: none), from one walk. */
function aliasTargets(document: Yaml.Document): Map<Yaml.Alias, Yaml.Scalar | Yaml.YAMLMap | Yaml.YAMLSeq | undefined> {
  return documentMemo(document, ALIAS_TARGETS, () => {
    const known = new Map<Yaml.Alias, Yaml.Scalar | Yaml.YAMLMap | Yaml.YAMLSeq | undefined>();
    const anchored = new Map<string, Yaml.Scalar | Yaml.YAMLMap | Yaml.YAMLSeq>();
    // yaml's visit order: a node, then a collection's items, a pair's key, then its value.
    const walk = (node: unknown): void => {
      const type = nodeType(node);
      if (type === ALIAS) {
        const found = node as Yaml.Alias;
        known.set(found, anchored.get(found.source));
      } else if (type === SCALAR || type === MAP || type === SEQ) {
        const anchor = (node as Yaml.Scalar).anchor;
        if (anchor) anchored.set(anchor, node as Yaml.Scalar | Yaml.YAMLMap | Yaml.YAMLSeq);
        if (type !== SCALAR) for (const item of (node as Yaml.YAMLMap | Yaml.YAMLSeq).items) walk(item);
      } else if (type === PAIR) {
        walk((node as Yaml.Pair).key);
        walk((node as Yaml.Pair).value);
      }
    };
    walk(document.contents);
    return known;
  });
}
