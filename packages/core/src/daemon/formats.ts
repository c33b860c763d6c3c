/**
 * The string values dockerd parses when it starts, each checked as dockerd checks it (the Go
 * function is named at each): a value it cannot parse stops the daemon, which is why
 * `valid-daemon-config` reports it as an error. Written from moby's daemon (v29).
 */
import { goParseInt, ramInBytes } from "../util/go-strconv.js";
import { parseGoUrl, urlPort } from "../util/go-url.js";
import { isIP, isIPv4, isIPv6, isIPWithZone, splitHostPort } from "../util/ip-address.js";

/** What dockerd refuses about a value, and how to write it instead. */
export interface FormatProblem {
  /** Why dockerd refuses it, naming the value: `"8.8.8" is not an IP address`. */
  problem: string;
  fix: string;
}

export type StringFormat =
  | "ip"
  | "ip-or-zone"
  | "cidr"
  | "ipv6-cidr"
  | "prefix"
  | "size"
  | "disk-size"
  | "host"
  | "mirror"
  | "insecure-registry"
  | "label"
  | "dns-search"
  | "generic-resource"
  | "exec-opt"
  | "userns-remap"
  | "fwmark"
  | "api-version"
  | "absolute-path";

const quoted = (value: string): string => JSON.stringify(value);

/** `net.ParseCIDR` / `netip.ParsePrefix`: an address, `/`, and a prefix length its family allows. */
function prefixOf(text: string): { v6: boolean } | undefined {
  const slash = text.indexOf("/");
  if (slash < 0) return undefined;
  const address = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  if (!/^(?:0|[1-9]\d{0,2})$/.test(bits)) return undefined;
  if (isIPv4(address)) return Number(bits) <= 32 ? { v6: false } : undefined;
  if (isIPv6(address)) return Number(bits) <= 128 ? { v6: true } : undefined;
  return undefined;
}

/** reference.DomainRegexp: the `host[:port]` of an image reference. */
const DOMAIN = /^(?:(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])(?:\.(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9]))*|\[[a-f0-9:]+\])(?::\d+)?$/i;

/** pkg/opts validateDomain's pattern (the `:?` are literal in dockerd's regexp, as written there). */
const DNS_DOMAIN = /^(:?(:?[a-z0-9]|(:?[a-z0-9][a-z0-9-]*[a-z0-9]))(:?\.(:?[a-z0-9]|(:?[a-z0-9][a-z0-9-]*[a-z0-9])))*)\.?\s*$/i;

const ipProblem = (value: string): FormatProblem => ({ problem: `${quoted(value)} is not an IP address`, fix: "write an IPv4 address such as 192.0.2.1 or an IPv6 address" });
const cidrProblem = (value: string): FormatProblem => ({
  problem: `${quoted(value)} is not an address with a prefix length (CIDR)`,
  fix: `write it as address/length, e.g. ${value.includes(":") ? "fd00:1::1/64" : "172.26.0.1/16"}`,
});

function checkHost(value: string): FormatProblem | undefined {
  const host = value.trim();
  // An empty host means the default socket (pkg/opts ValidateHost).
  if (host === "") return undefined;
  const fix = "write unix:///var/run/docker.sock, tcp://HOST:PORT (with TLS), fd:// or npipe://";
  const separator = host.indexOf("://");
  const proto = separator < 0 ? "tcp" : host.slice(0, separator);
  const address = separator < 0 ? host : host.slice(separator + 3);
  switch (proto) {
    case "tcp": {
      // pkg/opts parseTCPAddr: url.Parse of tcp://ADDRESS; no path, and a port that strconv.Atoi reads as other than 0.
      const url = parseGoUrl(`tcp://${address}`);
      if (typeof url === "string") return { problem: `${quoted(value)} is not a valid TCP address: ${url}`, fix: "write tcp://HOST:PORT, e.g. tcp://127.0.0.1:2376" };
      if (url.path !== "") return { problem: `${quoted(value)} holds a path, which a TCP address may not`, fix: `write tcp://${url.host}` };
      const port = urlPort(url.host);
      const number = port === "" ? undefined : goParseInt(port, 10);
      if (number !== undefined && !("value" in number && number.value !== 0n)) {
        return { problem: `${quoted(value)} has the port ${quoted(port)}, which is not a port number`, fix: "write a port from 1 to 65535, e.g. tcp://127.0.0.1:2376" };
      }
      return undefined;
    }
    case "unix":
    case "npipe":
      return address.includes("://") ? { problem: `${quoted(value)} is not a valid ${proto} address`, fix } : undefined;
    case "fd":
      return undefined;
    default:
      return { problem: `${quoted(value)} uses the protocol ${quoted(proto)}, which dockerd cannot listen on`, fix };
  }
}

function checkMirror(value: string): FormatProblem | undefined {
  // registry.ValidateMirror: a scheme before `://`, then url.Parse.
  const separator = value.indexOf("://");
  if (separator <= 0) return { problem: `${quoted(value)} has no scheme`, fix: `write https://${value.replace(/^[^:/]*:\/\//, "")}` };
  const url = parseGoUrl(value);
  if (typeof url === "string") return { problem: `${quoted(value)} is not a valid URL: ${url}`, fix: "write the mirror as https://HOST[:PORT][/PATH]" };
  if (url.scheme !== "http" && url.scheme !== "https") {
    return { problem: `${quoted(value)} uses the scheme ${quoted(url.scheme)}`, fix: "a mirror is an https:// (or http://) URL" };
  }
  if (url.query !== "" || url.fragment !== "") return { problem: `${quoted(value)} ends in a query or fragment`, fix: "remove what follows `?` or `#`" };
  if (url.hasUser) return { problem: `${quoted(value)} holds a user name or password`, fix: "remove the credentials from the URL (dockerd reads registry credentials from `docker login`)" };
  return undefined;
}

function checkInsecureRegistry(value: string): FormatProblem | undefined {
  // registry loadInsecureRegistries: ValidateIndexName, then an http(s):// prefix is dropped, then a CIDR or host[:port].
  const fix = "write a host[:port] (registry.example.com:5000) or a CIDR (10.1.0.0/16)";
  if (value.startsWith("-") || value.endsWith("-")) return { problem: `${quoted(value)} begins or ends with a hyphen`, fix };
  let entry = value;
  const separator = entry.indexOf("://");
  if (separator >= 0) {
    const scheme = entry.slice(0, separator).toLowerCase();
    if (scheme !== "http" && scheme !== "https") return { problem: `${quoted(value)} holds \`://\` with the scheme ${quoted(scheme)}`, fix };
    entry = entry.slice(separator + 3);
  }
  if (prefixOf(entry)) return undefined;
  // validateHostPort: Go's net.SplitHostPort, or the whole entry as the host when it cannot split.
  const split = splitHostPort(entry);
  const { host, port } = typeof split === "string" ? { host: entry, port: "" } : split;
  if (!DOMAIN.test(entry) && !isIP(host)) return { problem: `${quoted(value)} is not a host[:port] or a CIDR`, fix };
  if (port !== "" && (!/^\d+$/.test(port) || Number(port) > 65535)) return { problem: `${quoted(value)} has the port ${quoted(port)}`, fix };
  return undefined;
}

function checkLabel(value: string): FormatProblem | undefined {
  // pkg/opts ValidateLabel
  if (!value.includes("=")) return { problem: `${quoted(value)} is not key=value`, fix: `write it as key=value, e.g. "${value || "com.example.role"}=…"` };
  const lowered = value.toLowerCase();
  const reserved = ["com.docker.", "io.docker.", "org.dockerproject."].find((namespace) => lowered.startsWith(namespace));
  if (reserved) return { problem: `${quoted(value)} is in the namespace ${reserved}*, which Docker reserves`, fix: "namespace the key with a domain you own instead (com.example.…)" };
  return undefined;
}

function checkDnsSearch(value: string): FormatProblem | undefined {
  // pkg/opts ValidateDNSSearch
  let start = 0;
  let end = value.length;
  while (start < end && value[start] === " ") start++;
  while (end > start && value[end - 1] === " ") end--;
  const trimmed = value.slice(start, end);
  if (trimmed === ".") return undefined;
  const match = /[a-z]/i.test(trimmed) ? DNS_DOMAIN.exec(trimmed) : null;
  if (match && (match[1] as string).length < 255) return undefined;
  return { problem: `${quoted(value)} is not a domain name`, fix: "write a domain such as example.com (letters, digits, `-` and `.`)" };
}

function checkGenericResource(value: string): FormatProblem | undefined {
  // swarmkit genericresource.Parse: each term is NAME=VALUE.
  const equals = value.indexOf("=");
  if (equals <= 0 || equals === value.length - 1) return { problem: `${quoted(value)} is not NAME=VALUE`, fix: 'write e.g. "NVIDIA-GPU=UUID1" or "SSD=3"' };
  return undefined;
}

/** An `exec-opts` entry as config parseExecOptions reads it: `opt=value`, trimmed, the option lower-cased. */
export function execOpt(value: string): { option: string; setting: string } | undefined {
  const equals = value.indexOf("=");
  if (equals < 0) return undefined;
  return { option: value.slice(0, equals).trim().toLowerCase(), setting: value.slice(equals + 1).trim() };
}

function checkExecOpt(value: string): FormatProblem | undefined {
  // config parseExecOptions and validatePlatformExecOpt (Linux), then daemon verifyCgroupDriver.
  const { option, setting } = execOpt(value) ?? { option: "", setting: "" };
  if (option === "" || setting === "") return { problem: `${quoted(value)} is not opt=value`, fix: 'write e.g. "native.cgroupdriver=systemd"' };
  if (option === "isolation") return { problem: `${quoted(value)} sets \`isolation\`, which only Windows daemons read`, fix: "remove it" };
  if (option !== "native.cgroupdriver") return { problem: `${quoted(value)} sets the unknown option ${quoted(option)}`, fix: "the only exec-opt on Linux is native.cgroupdriver" };
  if (setting === "none") return { problem: `${quoted(value)} selects the driver \`none\`, which dockerd uses internally only`, fix: 'use "cgroupfs" or "systemd"' };
  if (setting !== "cgroupfs" && setting !== "systemd") return { problem: `${quoted(value)} names the cgroup driver ${quoted(setting)}`, fix: 'use "cgroupfs" or "systemd"' };
  return undefined;
}

function checkFwMark(value: string): FormatProblem | undefined {
  // config validateFwMarkMask: mark[/mask], each strconv.ParseUint(s, 0, 32).
  if (value === "") return undefined;
  const slash = value.indexOf("/");
  const parts = slash < 0 ? [value] : [value.slice(0, slash), value.slice(slash + 1)];
  const uint32 = (text: string): boolean => {
    const match = /^(?:0x([0-9a-f]+)|0b([01]+)|0o?([0-7]*)|([1-9]\d*))$/i.exec(text);
    if (!match) return false;
    const [, hex, binary, octal, decimal] = match;
    const number = hex !== undefined ? parseInt(hex, 16) : binary !== undefined ? parseInt(binary, 2) : octal !== undefined ? parseInt(octal || "0", 8) : Number(decimal);
    return number <= 0xffffffff;
  };
  if (parts.every(uint32)) return undefined;
  return { problem: `${quoted(value)} is not a firewall mark (a 32-bit number, with an optional /mask)`, fix: 'write e.g. "0x1" or "0x1/0xff"' };
}

function checkApiVersion(value: string): FormatProblem | undefined {
  // server/middleware NewVersionMiddleware: at least the oldest API version dockerd still serves.
  const match = /^(\d+)\.(\d+)$/.exec(value);
  if (match && (Number(match[1]) > 1 || (Number(match[1]) === 1 && Number(match[2]) >= 24))) return undefined;
  return { problem: `${quoted(value)} is below 1.24, the oldest API version dockerd serves${match ? "" : ", or not a version"}`, fix: 'write a version such as "1.44"' };
}

/** The checks of each format; an empty string leaves most settings at their default. */
export const STRING_FORMATS: Readonly<Record<StringFormat, (value: string) => FormatProblem | undefined>> = {
  // net.IP's UnmarshalText
  ip: (value) => (value === "" || isIP(value) ? undefined : ipProblem(value)),
  // netip.Addr's UnmarshalText
  "ip-or-zone": (value) => (value === "" || isIPWithZone(value) ? undefined : ipProblem(value)),
  // net.ParseCIDR (daemon getDefaultBridgeIPAMConf)
  cidr: (value) => (value === "" || prefixOf(value) ? undefined : cidrProblem(value)),
  // bridge.ValidateFixedCIDRV6
  "ipv6-cidr": (value) => {
    if (value === "") return undefined;
    const prefix = prefixOf(value);
    if (!prefix) return cidrProblem(value);
    return prefix.v6 ? undefined : { problem: `${quoted(value)} is not an IPv6 subnet`, fix: "write an IPv6 prefix such as fd00:1::/64" };
  },
  // netip.ParsePrefix (PoolsOpt)
  prefix: (value) => (prefixOf(value) ? undefined : { problem: `${quoted(value)} is not a subnet (CIDR)`, fix: "write it as address/length, e.g. 172.80.0.0/16" }),
  // opts.MemBytes: units.RAMInBytes, and unlike most settings an empty string is refused.
  size: (value) => ("bytes" in ramInBytes(value) ? undefined : { problem: `${quoted(value)} is not a size`, fix: 'write a number with a unit, e.g. "64m" or "1g"' }),
  // builder-next parseGCPolicy: units.RAMInBytes, where an empty string means unset.
  "disk-size": (value) => (value === "" || "bytes" in ramInBytes(value) ? undefined : { problem: `${quoted(value)} is not a size`, fix: 'write a number with a unit, e.g. "20GB"' }),
  host: checkHost,
  mirror: checkMirror,
  "insecure-registry": checkInsecureRegistry,
  label: checkLabel,
  "dns-search": checkDnsSearch,
  "generic-resource": checkGenericResource,
  "exec-opt": checkExecOpt,
  // daemon parseRemappedRoot: user[:group], or "default".
  "userns-remap": (value) =>
    value.split(":").length > 2 ? { problem: `${quoted(value)} has more than two parts`, fix: 'write "default", a user, or user:group' } : undefined,
  fwmark: checkFwMark,
  // config verifyUserlandProxyConfig (an empty string keeps the default path).
  "absolute-path": (value) => (value === "" || value.startsWith("/") ? undefined : { problem: `${quoted(value)} is not an absolute path`, fix: `write the full path, e.g. /usr/bin/${value.split("/").pop() || "docker-proxy"}` }),
  "api-version": checkApiVersion,
};
