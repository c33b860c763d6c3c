/**
 * Sensitive ports: remote administration, daemon control and legacy cleartext services.
 * Shared by the Dockerfile (`EXPOSE`) and Compose (`expose:`, `ports:`) `no-sensitive-port`
 * rules, which share one id and therefore one options object (`ports`, `allow`).
 */

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

const PROTOCOLS = new Set(["tcp", "udp", "sctp"]);
const MAX_PORT = 65535;

/** A port or port range with an optional protocol, as EXPOSE, Compose and the options write it. */
export interface PortSpec {
  start: number;
  end: number;
  /** Lower-cased; undefined when not written. */
  protocol: string | undefined;
}

export type ParsedPortSpec = { ok: true; spec: PortSpec } | { ok: false; problem: "malformed" | "outOfRange"; detail: string };

/** `80`, `80/tcp`, `8000-8010/udp`. */
export function parsePortSpec(text: string): ParsedPortSpec {
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

export interface CompiledPortEntry {
  spec: PortSpec;
  service: string;
}

/** The option values are the same objects from file to file: each is parsed once, and the result shared (do not modify it). */
const compiledEntries = new WeakMap<object, CompiledPortEntry[]>();
const compiledAllowed = new WeakMap<object, CompiledPortEntry[]>();

/** The `ports` option (spec → service name) parsed; entries that do not parse are ignored. */
export function compilePortEntries(entries: Readonly<Record<string, string>>): CompiledPortEntry[] {
  const known = compiledEntries.get(entries);
  if (known) return known;
  const compiled: CompiledPortEntry[] = [];
  for (const [key, service] of Object.entries(entries)) {
    const parsed = parsePortSpec(key.trim());
    if (parsed.ok) compiled.push({ spec: parsed.spec, service });
  }
  compiledEntries.set(entries, compiled);
  return compiled;
}

/** The `allow` option (port specs) parsed. */
export function compileAllowedPorts(allow: readonly (string | number)[]): CompiledPortEntry[] {
  const known = compiledAllowed.get(allow);
  if (known) return known;
  const compiled = compilePortEntries(Object.fromEntries(allow.map((spec) => [String(spec), ""])));
  compiledAllowed.set(allow, compiled);
  return compiled;
}

function overlaps(a: PortSpec, b: PortSpec): boolean {
  // A port without a protocol is tcp; an option entry without one matches every protocol.
  const protocolsMatch = b.protocol === undefined || (a.protocol ?? "tcp") === b.protocol;
  return protocolsMatch && a.start <= b.end && b.start <= a.end;
}

/** The sensitive services a port or range hits, minus the allowed ports, as `SSH (22/tcp)`. */
export function sensitiveServices(exposed: PortSpec, sensitive: readonly CompiledPortEntry[], allowed: readonly CompiledPortEntry[]): string[] {
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

/** Options of `no-sensitive-port`, shared by its Dockerfile and Compose rules (one id, one options object). */
export interface SensitivePortOptions {
  /** Port spec (`22`, `22/tcp`, `137-139/udp`) → service name. A spec without protocol matches every protocol. */
  ports: Readonly<Record<string, string>>;
  /** Port specs never reported, e.g. `["22/tcp"]` in an SFTP server image. */
  allow: readonly (string | number)[];
}

export const SENSITIVE_PORT_OPTIONS = {
  schema: {
    type: "object",
    properties: {
      ports: { type: "object", additionalProperties: { type: "string" } },
      allow: { type: "array", items: { type: ["string", "integer"] } },
    },
    additionalProperties: false,
  },
  defaults: { ports: DEFAULT_SENSITIVE_PORTS, allow: [] },
} as const satisfies { schema: Record<string, unknown>; defaults: SensitivePortOptions };
