import { isMap, isScalar } from "../../compose/yaml-lazy.js";
import type { Node } from "yaml";
import type { ComposeModel } from "../../compose/model.js";
import { evaluate } from "../../compose/interpolation.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { entryValueRange, mapEntries, scalarText } from "./_c-nodes.js";

const TRUE_TEXTS = new Set(["1", "t", "T", "true", "TRUE", "True"]);

/** The interpolated text, or undefined when it depends on an unset variable. */
function known(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const result = evaluate(text);
  return result.unknown.length > 0 || result.required.length > 0 ? undefined : result.value.trim();
}

/**
 * A top-level network that is Docker's default bridge: `external: true` with the name `bridge`
 * (from `name:`, the legacy `external: {name: bridge}`, or the key itself). Returns where to report.
 */
function defaultBridgeNetwork(model: ComposeModel, key: string, node: Node | null, keyRange: OffsetRange): OffsetRange | undefined {
  if (node === null || !isMap(node)) return undefined;
  const entries = mapEntries(model, node, undefined);
  const external = entries.find((e) => e.key === "external");
  if (!external || external.value === null) return undefined;
  let name: { text: string | undefined; range: OffsetRange } = { text: key, range: keyRange };
  if (isMap(external.value)) {
    // Compose file format 3.x: `external: {name: bridge}`.
    const legacy = mapEntries(model, external.value, undefined).find((e) => e.key === "name");
    if (legacy) name = { text: scalarText(legacy.value), range: entryValueRange(legacy) };
  } else {
    if (!isScalar(external.value)) return undefined;
    const flag: unknown = external.value.value;
    if (flag !== true && !(typeof flag === "string" && TRUE_TEXTS.has(known(flag) ?? ""))) return undefined;
  }
  const named = entries.find((e) => e.key === "name");
  if (named) name = { text: scalarText(named.value), range: entryValueRange(named) };
  return known(name.text) === "bridge" ? name.range : undefined;
}

export default defineRule<ComposeModel>({
  meta: {
    id: "no-default-bridge",
    kind: "compose",
    category: "security",
    severity: "warning",
    docs: "Disallow attaching Compose services to Docker's default bridge network.",
    presets: ["strict", "cis"],
    messages: {
      networkMode:
        "Service `{{service}}` joins Docker's default bridge network (`network_mode: {{value}}`): every container on the host that uses it can reach this one, and service names do not resolve there; remove `network_mode` so that Compose attaches the service to the project's own network (or list user-defined `networks:`).",
      externalNetwork:
        "Network `{{network}}` is Docker's default bridge (`external: true`, name `bridge`): every container on the host that uses it can reach the services attached to it; remove it and let Compose create the project's own network, or declare a user-defined one.",
    },
    references: {
      cis: ["5.30"],
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      const found = service.networkMode;
      if (!found || typeof found.value !== "string") continue;
      const mode = known(found.value);
      // `default` is the engine's name for its default network mode, the bridge on Linux.
      if (mode !== "bridge" && mode !== "default") continue;
      report({ messageId: "networkMode", data: { service: service.name, value: found.text }, range: found.range });
    }
    for (const [name, network] of model.networks) {
      const range = defaultBridgeNetwork(model, name, network.node, network.keyRange);
      if (range) report({ messageId: "externalNetwork", data: { network: name }, range });
    }
  },
});
