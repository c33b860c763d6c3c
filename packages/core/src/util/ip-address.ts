/**
 * IP addresses as Go's parsers read them (net.ParseIP, netip.ParseAddr), which dockerd and
 * compose-go call: no leading zeros in IPv4 (Go refuses them since 1.17, where other tools read
 * them as octal), hex groups and one `::` in IPv6, maybe a dotted IPv4 tail.
 */

export function isIPv4(text: string): boolean {
  const parts = text.split(".");
  return parts.length === 4 && parts.every((part) => /^(?:0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255);
}

/** An IPv6 address without a zone. */
export function isIPv6(text: string): boolean {
  const halves = text.split("::");
  if (halves.length > 2) return false;
  const groups = (half: string | undefined): string[] => (half === undefined || half === "" ? [] : half.split(":"));
  const all = [...groups(halves[0]), ...groups(halves[1])];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes(".")) {
    // Only the address's last part may be dotted: `::ffff:1.2.3.4`, not `1.2.3.4::`.
    if (halves[halves.length - 1] === "" || !isIPv4(last)) return false;
    all.pop();
    count++;
  }
  if (!all.every((group) => /^[\da-f]{1,4}$/i.test(group))) return false;
  return halves.length === 2 ? count < 8 : count === 8;
}

/** `net.ParseIP`: IPv4 or IPv6, no zone. */
export function isIP(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}

/** `netip.ParseAddr`: an IPv6 address may name a zone (`fe80::1%eth0`). */
export function isIPWithZone(text: string): boolean {
  return isIPv4(text) || isIPv6WithZone(text);
}

/** An IPv6 address as `netip.ParseAddr` reads it: a zone after `%` allowed, not empty. */
export function isIPv6WithZone(text: string): boolean {
  const percent = text.indexOf("%");
  if (percent < 0) return isIPv6(text);
  return percent < text.length - 1 && isIPv6(text.slice(0, percent));
}

/** net.SplitHostPort's error, or its host and port. */
export function splitHostPort(hostport: string): { host: string; port: string } | string {
  const colon = hostport.lastIndexOf(":");
  if (colon < 0) return "missing port in address";
  let j = 0;
  let k = 0;
  let host: string;
  if (hostport.startsWith("[")) {
    const end = hostport.indexOf("]");
    if (end < 0) return "missing ']' in address";
    if (end + 1 === hostport.length) return "missing port in address";
    if (end + 1 !== colon) return hostport[end + 1] === ":" ? "too many colons in address" : "missing port in address";
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, colon);
    if (host.includes(":")) return "too many colons in address";
  }
  if (hostport.indexOf("[", j) >= 0) return "unexpected '[' in address";
  if (hostport.indexOf("]", k) >= 0) return "unexpected ']' in address";
  return { host, port: hostport.slice(colon + 1) };
}
