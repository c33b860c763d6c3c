import { knownValue } from "../../compose/interpolation.js";
import type { Scalar } from "yaml";
import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { MAX_PORT, exposeProblem, longPortFieldProblem, shortPortProblem, type LongPortField } from "../../compose/port-spec.js";
import { isScalar } from "../../compose/yaml-lazy.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { ownValue } from "../../util/own-value.js";
import { nodeRange } from "./_b-key-values.js";
import { mapEntries } from "./_c-nodes.js";
import { listNodes } from "./_d1-compose.js";

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
      noTarget:
        "Service `{{service}}` has a long-syntax `ports` entry without `target`, which docker compose refuses (\"service ports … is missing a target port\"); add `target:` with the container port, e.g. `target: 80`.",
    },
    references: {},
  },
  check({ model, report }) {
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
    for (const { service, key, node } of listNodes(model, ["ports", "expose"])) {
      if (key === "expose") {
        if (isScalar(node)) reportScalar(service, node, "expose");
        continue;
      }
      if (isScalar(node)) {
        reportScalar(service, node, "short");
        continue;
      }
      // compose-go indexes long entries by `target` before it reads anything else (`portIndexer`).
      if (!mapEntries(model, node, undefined).some((entry) => entry.key === "target")) report({ messageId: "noTarget", data: { service: service.name }, range: nodeRange(node) });
      for (const pair of node.items) {
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
  },
});
