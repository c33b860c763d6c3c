import { isMap, isScalar } from "../../compose/yaml-lazy.js";
import type { Node, Pair } from "yaml";
import type { ComposeModel } from "../../compose/model.js";
import type { Fix } from "../../types.js";
import { defineRule } from "../../rule.js";
import { hasAnchor } from "./_d1-compose.js";

/**
 * Deletes the whole lines a `version:` entry takes (key, value, a comment after the value),
 * or nothing when the entry shares a line with anything else (a flow map) or holds an anchor
 * that an alias elsewhere may use.
 */
function deletion(text: string, pair: Pair): Fix | undefined {
  const key = pair.key as Node;
  const value = pair.value as Node | null;
  if (!key.range || hasAnchor(key) || (value && hasAnchor(value))) return undefined;
  const keyStart = key.range[0];
  const lineStart = text.lastIndexOf("\n", keyStart - 1) + 1;
  if (text.slice(lineStart, keyStart).trim() !== "") return undefined;
  const end = Math.max(key.range[1], value?.range?.[1] ?? 0);
  // A block scalar (`version: |`) ends after its line break already.
  if (text[end - 1] === "\n") return { range: [lineStart, end], text: "" };
  const newline = text.indexOf("\n", end);
  const lineEnd = newline < 0 ? text.length : newline;
  if (!/^[ \t]*(?:#[^\n]*)?\r?$/.test(text.slice(end, lineEnd))) return undefined;
  return { range: [lineStart, newline < 0 ? text.length : newline + 1], text: "" };
}

export default defineRule<ComposeModel>({
  meta: {
    id: "no-version-field",
    kind: "compose",
    category: "best-practice",
    severity: "warning",
    docs: "Disallow the obsolete top-level `version` key in Compose files.",
    presets: ["recommended"],
    fixable: true,
    messages: {
      obsolete:
        "The top-level `version:{{value}}` is obsolete: Compose v2 ignores it, reads the file with the current Compose Specification and warns about it on every run; delete the line.",
    },
    references: { dclint: ["no-version-field"] },
  },
  check({ model, report }) {
    const text = model.source.text;
    const contents = model.document.contents;
    let own = false;
    if (isMap(contents)) {
      for (const pair of contents.items) {
        if (!isScalar(pair.key) || pair.key.value !== "version" || !pair.key.range) continue;
        own = true;
        const valueRange = (pair.value as Node | null)?.range;
        const written = valueRange ? text.slice(valueRange[0], valueRange[1]) : "";
        const value = written === "" ? "" : ` ${written.includes("\n") ? "…" : written}`;
        const fix = deletion(text, pair as Pair);
        report({ messageId: "obsolete", data: { value }, range: [pair.key.range[0], pair.key.range[1]], ...(fix ? { fix } : {}) });
      }
    }
    if (own) return;
    // Pulled in through a root merge key (`<<: *base`): reported at the merge, where it is decided.
    const merged = model.topLevelKeys.find((key) => key.name === "version");
    if (merged && model.version !== undefined) report({ messageId: "obsolete", data: { value: ` ${model.version}` }, range: merged.range });
  },
});
