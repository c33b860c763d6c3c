import type { DockerfileModel } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";

interface Options {
  /** Port spec (`22`, `22/tcp`, `137-139/udp`) → service name. A spec without protocol matches every protocol. */
  ports: Readonly<Record<string, string>>;
  /** Port specs never reported, e.g. `["22/tcp"]` in an SFTP server image. */
  allow: readonly (string | number)[];
}

const PROTOCOLS = new Set(["tcp", "udp", "sctp"]);
const MAX_PORT = 65535;

/**
 * Remote-administration, daemon-control and legacy cleartext/unauthenticated network
 * services: an application image has no business advertising them. Database and cache
 * ports are left out on purpose: an image of that database exposes them by design.
 */
export const DEFAULT_SENSITIVE_PORTS: Readonly<Record<string, string>> = {
  "21/tcp": "FTP (cleartext logins)",
  "22/tcp": "SSH",
  "23/tcp": "Telnet",
  "69/udp": "TFTP (no authentication)",
  "111": "rpcbind/portmapper",
  "135/tcp": "Microsoft RPC endpoint mapper",
  "137-138/udp": "NetBIOS",
  "139/tcp": "NetBIOS session (SMB)",
  "161/udp": "SNMP",
  "445/tcp": "SMB",
  "512/tcp": "rexec",
  "513/tcp": "rlogin",
  "514/tcp": "rsh",
  "2375/tcp": "the Docker Engine API (unencrypted)",
  "2376/tcp": "the Docker Engine API",
  "2379/tcp": "the etcd client API",
  "2380/tcp": "the etcd peer API",
  "3389": "RDP",
  "5900-5903/tcp": "VNC",
  "5985/tcp": "WinRM (HTTP)",
  "5986/tcp": "WinRM (HTTPS)",
  "6000/tcp": "X11",
  "6443/tcp": "the Kubernetes API server",
  "10250/tcp": "the kubelet API",
  "10255/tcp": "the kubelet read-only API",
  "11211/udp": "memcached over UDP (a DDoS amplifier)",
};

/** A port or port range with an optional protocol, as EXPOSE and the options write it. */
interface PortSpec {
  start: number;
  end: number;
  /** Lower-cased; undefined when not written. */
  protocol: string | undefined;
}

type Parsed = { ok: true; spec: PortSpec } | { ok: false; problem: "malformed" | "outOfRange"; detail: string };

/** `80`, `80/tcp`, `8000-8010/udp`. */
function parsePortSpec(text: string): Parsed {
  const match = /^(\d+)(?:-(\d+))?(?:\/([^/]*))?$/.exec(text);
  if (!match) return { ok: false, problem: "malformed", detail: "expected `<port>[-<port>][/tcp|udp|sctp]`" };
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  const protocol = match[3]?.toLowerCase();
  if (protocol !== undefined && !PROTOCOLS.has(protocol)) {
    return { ok: false, problem: "malformed", detail: `protocol "${match[3] ?? ""}" is not tcp, udp or sctp` };
  }
  for (const [bound, text] of [
    [start, match[1]],
    [end, match[2]],
  ] as const) {
    if (text !== undefined && (bound < 1 || bound > MAX_PORT)) {
      return { ok: false, problem: "outOfRange", detail: text };
    }
  }
  if (end < start) return { ok: false, problem: "malformed", detail: `the range ends (${end}) before it starts (${start})` };
  return { ok: true, spec: { start, end, protocol } };
}

interface CompiledEntry {
  spec: PortSpec;
  service: string;
}

function compileEntries(entries: Readonly<Record<string, string>>): CompiledEntry[] {
  const compiled: CompiledEntry[] = [];
  for (const [key, service] of Object.entries(entries)) {
    const parsed = parsePortSpec(key.trim());
    if (parsed.ok) compiled.push({ spec: parsed.spec, service });
  }
  return compiled;
}

function overlaps(a: PortSpec, b: PortSpec): boolean {
  // EXPOSE without a protocol is tcp; an option entry without one matches every protocol.
  const protocolsMatch = b.protocol === undefined || (a.protocol ?? "tcp") === b.protocol;
  return protocolsMatch && a.start <= b.end && b.start <= a.end;
}

/** The sensitive services an exposed port or range hits, minus the allowed ports, as `SSH (22/tcp)`. */
function sensitiveServices(exposed: PortSpec, sensitive: readonly CompiledEntry[], allowed: readonly CompiledEntry[]): string[] {
  const protocol = exposed.protocol ?? "tcp";
  const services: string[] = [];
  for (const entry of sensitive) {
    if (!overlaps(exposed, entry.spec)) continue;
    const ports: number[] = [];
    // The intersection is at most the entry's own size (a handful of ports for the defaults).
    for (let port = Math.max(exposed.start, entry.spec.start); port <= Math.min(exposed.end, entry.spec.end); port++) {
      const single = { start: port, end: port, protocol };
      if (!allowed.some((allow) => overlaps(single, allow.spec))) ports.push(port);
    }
    if (ports.length === 0) continue;
    const first = ports[0] ?? 0;
    const last = ports.at(-1) ?? first;
    const span = ports.length === last - first + 1 && ports.length > 1 ? `${first}-${last}` : ports.join(", ");
    services.push(`${entry.service} (${span}/${protocol})`);
  }
  return services;
}

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "no-sensitive-port",
    kind: "dockerfile",
    category: "security",
    severity: "error",
    docs: "Disallow EXPOSE of remote-administration and other sensitive ports, and of invalid ports.",
    presets: ["recommended"],
    messages: {
      sensitive:
        "EXPOSE {{value}} advertises {{services}}; an application image should not offer remote administration or legacy daemons (`docker run -P` publishes every exposed port): remove it and use `docker exec` for administration, or allow the port in this rule's options if the image is that service.",
      outOfRange: "EXPOSE {{value}}: port {{port}} is outside 1–65535; use a port number from 1 to 65535.",
      malformed: "EXPOSE {{value}} is not a valid port ({{detail}}); the build fails on it: write `<port>`, `<port>/<protocol>` or `<from>-<to>`.",
    },
    options: {
      schema: {
        type: "object",
        properties: {
          ports: { type: "object", additionalProperties: { type: "string" } },
          allow: { type: "array", items: { type: ["string", "integer"] } },
        },
        additionalProperties: false,
      },
      defaults: { ports: DEFAULT_SENSITIVE_PORTS, allow: [] },
    },
    references: {
      hadolint: ["DL3011"],
      trivy: ["DS-0004", "DS-0008"],
      checkov: ["CKV_DOCKER_1"],
      kics: ["5907595b-5b6d-4142-b173-dbb0e73fbff8", "71bf8cf8-f0a1-42fa-b9d2-d10525e0a38e"],
      cis: ["5.7"],
    },
    referencesByMessage: {
      sensitive: {
        trivy: ["DS-0004"],
        checkov: ["CKV_DOCKER_1"],
        kics: ["5907595b-5b6d-4142-b173-dbb0e73fbff8"],
        cis: ["5.7"],
      },
      outOfRange: { hadolint: ["DL3011"], trivy: ["DS-0008"], kics: ["71bf8cf8-f0a1-42fa-b9d2-d10525e0a38e"] },
      malformed: { hadolint: ["DL3011"], trivy: ["DS-0008"], kics: ["71bf8cf8-f0a1-42fa-b9d2-d10525e0a38e"] },
    },
  },
  check({ model, options, report }) {
    const sensitive = compileEntries(options.ports);
    const allowed = compileEntries(Object.fromEntries(options.allow.map((spec) => [String(spec), ""])));

    for (const instruction of withTriggers(model.instructions)) {
      if (instruction.keyword !== "EXPOSE") continue;
      for (const arg of instruction.args) {
        const expansion = instruction.scope.expand(arg.value);
        // `EXPOSE ${PORT}` with an ARG without default: the builder's choice, judged when built.
        if (expansion.unresolved.length > 0) continue;
        const shown = expansion.value === arg.value ? arg.value : `${arg.value} (= ${expansion.value})`;
        // The build removes quotes, and a variable may hold several ports.
        const items = expansion.value.replace(/["']/g, "").split(/\s+/).filter((item) => item !== "");
        for (const item of items) {
          // `127.0.0.1:80:80` / `8080:80` mappings are BuildKit's ExposeInvalidFormat, a separate concern.
          if (item.includes(":")) continue;
          const parsed = parsePortSpec(item);
          if (!parsed.ok) {
            report(
              parsed.problem === "outOfRange"
                ? { messageId: "outOfRange", data: { value: shown, port: parsed.detail }, range: arg.range }
                : { messageId: "malformed", data: { value: shown, detail: parsed.detail }, range: arg.range },
            );
            continue;
          }
          const services = sensitiveServices(parsed.spec, sensitive, allowed);
          if (services.length === 0) continue;
          report({ messageId: "sensitive", data: { value: shown, services: services.join(", ") }, range: arg.range });
        }
      }
    }
  },
});
