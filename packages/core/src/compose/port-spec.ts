/**
 * Which `ports` and `expose` values Compose and Docker refuse, and why. The short syntax follows
 * docker/go-connections' `nat.ParsePortSpec`, which compose-go runs on every string or integer
 * entry while loading the file (`transform/ports.go`): `docker compose config` fails on the first
 * entry it refuses. The JSON schema checks none of this (its `ports` format checker accepts
 * anything), so these values are checked here.
 */

import { knownValue } from "./interpolation.js";
import type { ComposePort } from "./model.js";
import { isIP } from "../util/ip-address.js";

export const MAX_PORT = 65535;

const PROTOCOLS = new Set(["tcp", "udp", "sctp"]);

/**
 * Why `text` is not a port or a port range (`8000-8010`) as `nat.ParsePortRange` reads it, or
 * undefined. `what` names the part in the reason: "host port", "container port".
 */
export function portRangeProblem(text: string, what: string): string | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) return text === "" ? `the ${what} is empty` : `the ${what} \`${text}\` is not a number or a range such as \`8000-8010\``;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  if (start > MAX_PORT || end > MAX_PORT) return `the ${what} \`${text}\` is above ${MAX_PORT}, the highest port`;
  if (end < start) return `the ${what} range \`${text}\` ends before it starts`;
  return undefined;
}

/**
 * `80/udp` split at its first `/`, as Docker splits it: the port, and why the protocol after it
 * is refused (none when it is absent or empty: tcp).
 */
function splitProtocol(text: string): { port: string; problem: string | undefined } {
  const slash = text.indexOf("/");
  if (slash < 0) return { port: text, problem: undefined };
  const protocol = text.slice(slash + 1);
  return { port: text.slice(0, slash), problem: protocol === "" ? undefined : protocolProblem(protocol) };
}

/** Why an `expose` entry (interpolated) is not `port[-end][/protocol]`, or undefined. */
export function exposeProblem(text: string): string | undefined {
  const { port, problem } = splitProtocol(text);
  if (problem) return problem;
  if (port.includes(":")) return "`expose` takes container ports only (publish host ports with `ports`)";
  return portRangeProblem(port, "port");
}

/** Why `text` is not one container port (the long syntax's `target`), or undefined. */
export function containerPortProblem(text: string): string | undefined {
  return /^\d+$/.test(text) ? portRangeProblem(text, "container port") : `\`${text}\` is not a port number`;
}

/** Why `text` is not a protocol Docker knows (`tcp`, `udp`, `sctp`, in any case), or undefined. */
export function protocolProblem(text: string): string | undefined {
  return PROTOCOLS.has(text.toLowerCase()) ? undefined : `the protocol \`${text}\` is not one of tcp, udp and sctp`;
}

/** An IP address Docker accepts for a port binding: IPv4, or IPv6 with or without brackets. */
export function isIpAddress(text: string): boolean {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  return isIP(bare);
}

/** `8000-8010` → its size less one; a single port → 0. Only for texts `portRangeProblem` accepts. */
function span(text: string): number {
  const dash = text.indexOf("-");
  return dash < 0 ? 0 : Number(text.slice(dash + 1)) - Number(text.slice(0, dash));
}

/**
 * Why Compose refuses the short-syntax entry `[[host_ip:]host_port:]container_port[/protocol]`
 * (already interpolated), or undefined. The parts are split as `nat.ParsePortSpec` splits them:
 * the container port after the last `:`, the host port before it, and the address is the rest.
 */
export function shortPortProblem(text: string): string | undefined {
  const parts = text.split(":");
  const hostPort = parts.length >= 2 ? (parts[parts.length - 2] ?? "") : "";
  const address = parts.length >= 3 ? parts.slice(0, -2).join(":") : "";
  const { port: container, problem } = splitProtocol(parts[parts.length - 1] ?? "");
  if (problem) return problem;
  if (address !== "" && !isIpAddress(address)) {
    return address.includes(":") && !address.startsWith("[")
      ? `the host address \`${address}\` is not an IP address; an IPv6 address goes in brackets, \`[::1]:8080:80\``
      : `the host address \`${address}\` is not an IP address`;
  }
  if (container === "") return "it names no container port";
  const containerProblem = portRangeProblem(container, "container port");
  if (containerProblem) return containerProblem;
  if (hostPort !== "") {
    const hostProblem = portRangeProblem(hostPort, "host port");
    if (hostProblem) return hostProblem;
    // A host range for one container port lets Docker pick a free port of the range.
    if (span(container) !== 0 && span(container) !== span(hostPort)) {
      return `the host range \`${hostPort}\` and the container range \`${container}\` differ in size`;
    }
  }
  return undefined;
}

/** The fields of a long-syntax `ports` entry whose values Docker reads. */
export type LongPortField = "target" | "published" | "host_ip" | "protocol";

/** Why a field of a long-syntax `ports` entry (interpolated, not empty) is refused, or undefined. */
export function longPortFieldProblem(field: LongPortField, text: string): string | undefined {
  switch (field) {
    case "target":
      return containerPortProblem(text);
    case "published":
      return /[.:[]/.test(text) ? `\`${text}\` is not a port: it looks like an address` : portRangeProblem(text, "host port");
    case "host_ip":
      return isIpAddress(text) ? undefined : `\`${text}\` is not an IP address`;
    case "protocol":
      return protocolProblem(text);
  }
}

/** A short-syntax entry as one text again, from the parts the model split it into (before interpolation). */
export function shortPortText(port: ComposePort): string {
  const host = port.hostIp === undefined ? "" : `${port.hostIp.includes(":") && !port.hostIp.includes("${") ? `[${port.hostIp}]` : port.hostIp}:`;
  const published = port.published === undefined ? (host === "" ? "" : ":") : `${port.published}:`;
  const protocol = port.protocol === undefined ? "" : `/${port.protocol}`;
  return `${host}${published}${port.target}${protocol}`;
}

/**
 * Why Compose or Docker refuses a `ports` entry of the model once interpolated, or undefined
 * (also when a variable without a default decides it). Rules about published ports skip such an
 * entry: valid-ports reports it, and it publishes nothing.
 */
export function composePortProblem(port: ComposePort): string | undefined {
  if (port.syntax === "short") {
    // The model splits the entry before interpolation; Compose interpolates it whole.
    const whole = knownValue(shortPortText(port));
    return whole === undefined ? undefined : shortPortProblem(whole.trim());
  }
  const fields: readonly (readonly [LongPortField, string | undefined])[] = [
    ["target", port.target],
    ["published", port.published],
    ["host_ip", port.hostIp],
    ["protocol", port.protocol],
  ];
  for (const [field, text] of fields) {
    const value = text === undefined ? undefined : knownValue(text);
    const problem = value === undefined || value === "" ? undefined : longPortFieldProblem(field, value);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
