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
  const percent = text.indexOf("%");
  if (percent < 0) return isIP(text);
  return percent < text.length - 1 && isIPv6(text.slice(0, percent));
}
