import type { ComposeModel, ComposePort, ComposeService } from "../../compose/model.js";
import { evaluate, knownValue } from "../../compose/interpolation.js";
import { shortPortText } from "../../compose/port-spec.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { itemAt, itemField, seqItems } from "./_c-nodes.js";
import { serviceSysctls } from "./_c-sysctls.js";

interface Options {
  checkContainerPorts: boolean;
}

const PRIVILEGED_BELOW = 1024;

/**
 * The lowest port of `80`, `8000-8010` or `${PORT:-80}`; undefined when the text depends on an
 * unset variable or is not a port. Port 0 asks for an ephemeral port, so it is not a privileged one.
 */
function lowestPort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = knownValue(text);
  if (value === undefined) return undefined;
  const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(value);
  if (!match) return undefined;
  const first = Number(match[1]);
  const last = match[2] === undefined ? first : Number(match[2]);
  const low = Math.min(first, last);
  if (low === 0) return undefined;
  return low;
}

function capName(name: string): string {
  return evaluate(name).value.trim().toUpperCase().replace(/^CAP_/, "");
}

/**
 * The process can no longer bind privileged ports (`cap_drop: [NET_BIND_SERVICE]` or `ALL`), or
 * the service lowers the privileged range itself (`net.ipv4.ip_unprivileged_port_start`).
 */
function containerPortIsFine(model: ComposeModel, service: ComposeService, port: number): boolean {
  if (service.capDrop.some(({ name }) => ["NET_BIND_SERVICE", "ALL"].includes(capName(name)))) return true;
  const start = serviceSysctls(model, service).find((s) => s.name === "net.ipv4.ip_unprivileged_port_start");
  return start?.value !== undefined && /^\d+$/.test(start.value.trim()) && Number(start.value.trim()) <= port;
}

function longValueRange(model: ComposeModel, service: ComposeService, port: ComposePort, key: string): OffsetRange {
  if (port.syntax !== "long") return port.range;
  const item = itemAt(seqItems(model, service, ["ports"]), port.range);
  return (item ? itemField(model, item, [key])?.range : undefined) ?? port.range;
}

function entryText(port: ComposePort): string {
  if (port.syntax === "long") return `published: ${port.published ?? "(none)"}, target: ${port.target}`;
  return shortPortText(port);
}

export default defineRule<ComposeModel, Options>({
  meta: {
    id: "no-privileged-host-port",
    kind: "compose",
    category: "security",
    severity: "warning",
    docs: "Disallow publishing Compose service ports below 1024 on the host.",
    presets: ["strict", "cis"],
    messages: {
      hostPort:
        "Service `{{service}}` publishes the privileged host port {{port}} (`{{entry}}`): ports below 1024 are reserved for the host's system services, which a container holding one can impersonate; publish a port of 1024 or above (for example {{example}}) and let a reverse proxy or load balancer own the low port.",
      containerPort:
        "Service `{{service}}` maps the privileged container port {{port}} (`{{entry}}`): listening on it takes root or the NET_BIND_SERVICE capability on Docker before 20.10 and in Kubernetes; make the service listen on a port of 1024 or above (for example {{example}}), or add `cap_drop: [NET_BIND_SERVICE]` to show it runs without that privilege.",
    },
    options: {
      schema: {
        type: "object",
        properties: {
          checkContainerPorts: {
            type: "boolean",
            description: "Also report container-side ports below 1024 (at level info), as KICS does.",
          },
        },
        additionalProperties: false,
      },
      defaults: { checkContainerPorts: true },
    },
    references: {
      kics: ["bc2908f3-f73c-40a9-8793-c1b7d5544f79"],
      cis: ["5.8"],
    },
    referencesByMessage: {
      hostPort: { kics: ["bc2908f3-f73c-40a9-8793-c1b7d5544f79"], cis: ["5.8"] },
      containerPort: { kics: ["bc2908f3-f73c-40a9-8793-c1b7d5544f79"] },
    },
  },
  check({ model, options, report }) {
    for (const service of model.services) {
      for (const port of service.ports) {
        const entry = entryText(port);
        const host = lowestPort(port.published);
        if (host !== undefined && host < PRIVILEGED_BELOW) {
          report({
            messageId: "hostPort",
            data: { service: service.name, port: host, entry, example: String(host + 8000) },
            range: longValueRange(model, service, port, "published"),
          });
          continue;
        }
        if (!options.checkContainerPorts) continue;
        const target = lowestPort(port.target);
        if (target === undefined || target >= PRIVILEGED_BELOW || containerPortIsFine(model, service, target)) continue;
        report({
          messageId: "containerPort",
          // A weaker signal than a host port (Docker 20.10+ lets any user bind them in a container).
          level: "info",
          data: { service: service.name, port: target, entry, example: String(target + 8000) },
          range: longValueRange(model, service, port, "target"),
        });
      }
    }
  },
});
