import type { Node } from "yaml";
import { knownValue } from "../../compose/interpolation.js";
import type { ComposeModel } from "../../compose/model.js";
import { isAlias, isMap, isScalar, isSeq, resolveAlias } from "../../compose/yaml-lazy.js";
import { defineRule } from "../../rule.js";
import { nodeRange } from "./_b-key-values.js";
import { mapEntries } from "./_c-nodes.js";

/** compose-go's `cleanup` (types/hostList.go): a name must be there, and hold neither separator. */
function isBadHost(host: string): boolean {
  return host === "" || host.includes(":") || host.includes("=");
}

export default defineRule<ComposeModel>({
  meta: {
    id: "valid-extra-hosts",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Require `extra_hosts` entries that Compose can read: a host name without `:` or `=`, and an IP address.",
    presets: ["recommended"],
    messages: {
      missingIp:
        "Service `{{service}}` has the `{{key}}` entry `{{entry}}`{{evaluated}} without an IP address, which docker compose refuses (\"invalid additional host, missing IP\"); write `name=IP`, e.g. `{{example}}=10.0.0.5`, or `{{example}}=host-gateway` for the Docker host.",
      badHost:
        "Service `{{service}}` maps the host name `{{host}}` in `{{key}}`, which docker compose refuses (\"bad host name '{{host}}'\": a name must not be empty nor hold `:` or `=`); write `name=IP`, e.g. `db.internal=10.0.0.5`.",
    },
    references: {},
  },
  check({ model, report }) {
    // A list or map shared through an anchor is checked once, where it is written.
    const seen = new Set<Node>();
    for (const service of model.services) {
      for (const path of [["extra_hosts"], ["build", "extra_hosts"]]) {
        const found = service.get(path);
        // What `extends` brings in is checked in the base service.
        if (!found || found.viaExtends === true || seen.has(found.node)) continue;
        seen.add(found.node);
        const key = path.join(".");
        if (isMap(found.node)) {
          // Keys are not interpolated; an empty key is valid-schema's (the schema wants `.+`).
          for (const entry of mapEntries(model, found.node, undefined)) {
            if (entry.key !== "" && isBadHost(entry.key)) report({ messageId: "badHost", data: { service: service.name, key, host: entry.key }, range: entry.range });
          }
          continue;
        }
        if (!isSeq(found.node)) continue;
        for (const item of found.node.items) {
          const node: unknown = isAlias(item) ? resolveAlias(item, model.document) : item;
          // Numbers and other non-strings are valid-schema's.
          if (!isScalar(node) || typeof node.value !== "string") continue;
          const text = knownValue(node.value);
          if (text === undefined) continue;
          // `NewHostsList`: the first `=` separates the name from the addresses, else the first `:`.
          const separator = text.includes("=") ? "=" : text.includes(":") ? ":" : undefined;
          const range = nodeRange(node);
          const evaluated = text === node.value ? "" : ` (\`${text}\` once interpolated)`;
          if (separator === undefined) {
            const example = /^[\w.-]+$/.test(text) ? text : "db.internal";
            report({ messageId: "missingIp", data: { service: service.name, key, entry: node.value, evaluated, example }, range });
            continue;
          }
          const host = text.slice(0, text.indexOf(separator));
          if (isBadHost(host)) report({ messageId: "badHost", data: { service: service.name, key, host }, range });
        }
      }
    }
  },
});
