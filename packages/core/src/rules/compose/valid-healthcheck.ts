import type { Node } from "yaml";
import { knownValue } from "../../compose/interpolation.js";
import type { ComposeModel } from "../../compose/model.js";
import { isAlias, isScalar, isSeq, resolveAlias } from "../../compose/yaml-lazy.js";
import { defineRule } from "../../rule.js";
import { nodeRange } from "./_b-key-values.js";

/** What compose-go's `checkConsistency` takes as the first item of a `test` list, case-sensitive. */
const FIRST = new Set(["CMD", "CMD-SHELL", "NONE"]);

export default defineRule<ComposeModel>({
  meta: {
    id: "valid-healthcheck",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Require a `healthcheck.test` list to start with `CMD`, `CMD-SHELL` or `NONE`, as Compose does.",
    presets: ["recommended"],
    fixable: true,
    messages: {
      lowercase:
        "Service `{{service}}` starts `healthcheck.test` with `{{first}}`, which docker compose refuses (`healthcheck.test must start either by \"CMD\", \"CMD-SHELL\" or \"NONE\"`: the check is case-sensitive); write `{{upper}}`.",
      badFirst:
        "Service `{{service}}` starts `healthcheck.test` with `{{first}}`{{evaluated}}, which docker compose refuses (`healthcheck.test must start either by \"CMD\", \"CMD-SHELL\" or \"NONE\"`); put `CMD` first to run the list as a command (`[\"CMD\", \"curl\", \"-f\", \"http://localhost/\"]`), or write the test as one string, which runs in a shell.",
    },
    references: {},
  },
  check({ model, source, report }) {
    // A list shared through an anchor is checked once, where it is written.
    const seen = new Set<Node>();
    for (const service of model.services) {
      const found = service.get(["healthcheck", "test"]);
      // A string test is CMD-SHELL's command; what `extends` brings in is checked in the base service.
      if (!found || found.viaExtends === true || !isSeq(found.node) || seen.has(found.node)) continue;
      seen.add(found.node);
      const item: unknown = found.node.items[0];
      const node: unknown = isAlias(item) ? resolveAlias(item, model.document) : item;
      // An empty list is accepted; a first item that is not a string is valid-schema's.
      if (!isScalar(node) || typeof node.value !== "string") continue;
      const written = node.value;
      const first = knownValue(written);
      if (first === undefined || FIRST.has(first)) continue;
      const range = nodeRange(node);
      const upper = first.toUpperCase();
      if (first === written && FIRST.has(upper)) {
        // Quotes are not letters: upper-casing the written text keeps its style.
        const text = source.text.slice(range[0], range[1]);
        const fixable = text.toUpperCase().replace(/^(["']?)(.*)\1$/, "$2") === upper;
        report({ messageId: "lowercase", data: { service: service.name, first, upper }, range, ...(fixable ? { fix: { range, text: text.toUpperCase() } } : {}) });
        continue;
      }
      const evaluated = first === written ? "" : ` (\`${first}\` once interpolated)`;
      report({ messageId: "badFirst", data: { service: service.name, first: written, evaluated }, range });
    }
  },
});
