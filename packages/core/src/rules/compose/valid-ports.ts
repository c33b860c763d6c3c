import { knownValue } from "../../compose/interpolation.js";
import type { Node, Scalar, YAMLMap, YAMLSeq } from "yaml";
import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { MAX_PORT, exposeProblem, longPortFieldProblem, shortPortProblem, type LongPortField } from "../../compose/port-spec.js";
import { isAlias, isMap, isScalar, isSeq, resolveAlias } from "../../compose/yaml-lazy.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { ownValue } from "../../util/own-value.js";
import { nodeRange } from "./_b-key-values.js";

/** What each field of a long-syntax entry holds, for the message. */
const LONG_FIELD_HINTS: Readonly<Record<LongPortField, string>> = {
  target: "`target` is the container port, a whole number up to 65535",
  published: "`published` is the host port or a range such as `8000-8010` (an address goes in `host_ip`)",
  host_ip: "`host_ip` is an IPv4 or IPv6 address such as `127.0.0.1`",
  protocol: "`protocol` is `tcp`, `udp` or `sctp`",
};

/** An interpolated text and how the message shows the interpolation; undefined when a variable without default decides it. */
function interpolated(text: string): { value: string; evaluated: string } | undefined {
  const value = knownValue(text);
  if (value === undefined) return undefined;
  return { value, evaluated: value === text ? "" : ` (\`${value}\` once interpolated)` };
}

/** Why a number YAML read cannot be a port, or undefined; non-finite numbers are valid-schema's (not a number to JSON). */
function numberProblem(value: number, what: string): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  if (!Number.isInteger(value)) return `the ${what} ${value} is not a whole number`;
  if (value < 0) return `the ${what} ${value} is negative`;
  if (value > MAX_PORT) return `the ${what} ${value} is above ${MAX_PORT}, the highest port`;
  return undefined;
}

export default defineRule<ComposeModel>({
  meta: {
    id: "valid-ports",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Require `ports` and `expose` entries that Compose and Docker can read: ports up to 65535, valid ranges, addresses and protocols.",
    presets: ["recommended"],
    messages: {
      short:
        "Service `{{service}}` publishes `{{entry}}`{{evaluated}}, which Compose cannot read as a port mapping ({{reason}}), so `docker compose up` fails; write `[host_ip:][host_port:]container_port[/protocol]` with ports up to 65535, e.g. `127.0.0.1:8080:80`.",
      expose:
        "Service `{{service}}` exposes `{{entry}}`{{evaluated}}, which is not a container port ({{reason}}), so Docker refuses the container; write a port or a range up to 65535, with an optional `/tcp`, `/udp` or `/sctp`, e.g. `8080` or `9000-9010/udp`.",
      long:
        "Service `{{service}}` has `{{field}}: {{entry}}`{{evaluated}} in a `ports` entry, which Docker cannot use ({{reason}}); {{hint}}.",
    },
    references: {},
  },
  check({ model, report }) {
    // An entry shared through an anchor is checked once, where it is written.
    const seen = new Set<Node>();
    const entries = (service: ComposeService, key: string): Node[] => {
      const found = service.get([key]);
      // What `extends` brings in is written in the base service and checked there.
      if (!found || found.viaExtends === true || !isSeq(found.node)) return [];
      const nodes: Node[] = [];
      for (const item of (found.node as YAMLSeq).items) {
        const node: unknown = isAlias(item) ? resolveAlias(item, model.document) : item;
        if ((isScalar(node) || isMap(node)) && !seen.has(node)) {
          seen.add(node);
          nodes.push(node);
        }
      }
      return nodes;
    };
    const reportScalar = (service: ComposeService, node: Scalar, messageId: "short" | "expose"): void => {
      const value: unknown = node.value;
      let entry: string;
      let evaluated = "";
      let reason: string | undefined;
      if (typeof value === "number") {
        entry = String(value);
        reason = numberProblem(value, messageId === "short" ? "container port" : "port");
      } else if (typeof value === "string") {
        const text = interpolated(value);
        if (text === undefined) return;
        entry = value;
        evaluated = text.evaluated;
        reason = messageId === "short" ? shortPortProblem(text.value) : exposeProblem(text.value);
      } else return; // null, booleans: valid-schema's.
      if (reason !== undefined) report({ messageId, data: { service: service.name, entry, evaluated, reason }, range: nodeRange(node) });
    };
    for (const service of model.services) {
      for (const node of entries(service, "ports")) {
        if (isScalar(node)) {
          reportScalar(service, node, "short");
          continue;
        }
        for (const pair of (node as YAMLMap).items) {
          const field = isScalar(pair.key) ? pair.key.value : undefined;
          const hint = typeof field === "string" ? ownValue<string>(LONG_FIELD_HINTS, field) : undefined;
          if (typeof field !== "string" || hint === undefined || !isScalar(pair.value)) continue;
          const name = field as LongPortField;
          const scalar = pair.value;
          const value: unknown = scalar.value;
          let text: { value: string; evaluated: string } | undefined;
          let reason: string | undefined;
          if (typeof value === "number" && (field === "target" || field === "published")) {
            text = { value: String(value), evaluated: "" };
            reason = numberProblem(value, field === "target" ? "container port" : "host port");
          } else if (typeof value === "string") {
            text = interpolated(value);
            // Empty: no host port (a random one), no address, the default protocol.
            if (text === undefined || text.value === "") continue;
            reason = longPortFieldProblem(name, text.value);
          }
          if (text === undefined || reason === undefined) continue;
          const descriptor: ReportDescriptor = {
            messageId: "long",
            data: { service: service.name, field, entry: String(value), evaluated: text.evaluated, reason, hint },
            range: nodeRange(scalar),
          };
          report(descriptor);
        }
      }
      for (const node of entries(service, "expose")) if (isScalar(node)) reportScalar(service, node, "expose");
    }
  },
});
