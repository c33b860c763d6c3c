import type { Node } from "yaml";
import { knownValue } from "../../compose/interpolation.js";
import type { ComposeModel } from "../../compose/model.js";
import { isMap } from "../../compose/yaml-lazy.js";
import { defineRule } from "../../rule.js";
import { nodeRange } from "./_b-key-values.js";
import { mapEntries } from "./_c-nodes.js";
import { listScalars } from "./_d1-compose.js";

const PATHS = [["extra_hosts"], ["build", "extra_hosts"]] as const;

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
    // The map form: keys are not interpolated; an empty key is valid-schema's (the schema wants `.+`).
    // A map shared through an anchor is checked once, where it is written; what `extends` brings
    // in is checked in the base service.
    const seenMaps = new Set<Node>();
    for (const service of model.services) {
      for (const path of PATHS) {
        const found = service.get(path);
        if (!found || found.viaExtends === true || !isMap(found.node) || seenMaps.has(found.node)) continue;
        seenMaps.add(found.node);
        for (const entry of mapEntries(model, found.node, undefined)) {
          if (entry.key !== "" && isBadHost(entry.key)) report({ messageId: "badHost", data: { service: service.name, key: path.join("."), host: entry.key }, range: entry.range });
        }
      }
    }
    // The list form, by the walk the other list rules share (entries reached through an alias once).
    for (const { service, key, node } of listScalars(model, PATHS)) {
      // Numbers and other non-strings are valid-schema's.
      if (typeof node.value !== "string") continue;
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
  },
});
