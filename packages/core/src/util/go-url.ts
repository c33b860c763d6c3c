/**
 * Go's net/url.Parse (as of Go 1.26), as much of it as dockerd's checks of daemon.json read: the
 * log drivers' addresses (daemon/log-opts.ts) and the registry mirrors and TCP hosts
 * (daemon/formats.ts). Each parse gives the URL's parts or why Go refuses it.
 */
import { isIPv6WithZone } from "./ip-address.js";

function q(text: string): string {
  return JSON.stringify(text);
}

/** The parts of a Go *url.URL that dockerd's checks read. */
export interface GoUrl {
  scheme: string;
  /** Host and port, unescaped. */
  host: string;
  /** Unescaped; "" for an opaque URL ("unix:foo"). */
  path: string;
  /** What follows `?` (RawQuery), escapes kept. */
  query: string;
  /** What follows `#`, unescaped. */
  fragment: string;
  /** Whether the authority holds user information (`user:password@`): URL.User is not nil. */
  hasUser: boolean;
}

/**
 * net/url.Parse as of Go 1.26: errors for control characters, a missing scheme before ":", a
 * colon in a first relative segment, bad %-escapes, characters a host cannot hold, a bad port,
 * and brackets around anything but an IPv6 address. Userinfo is checked as Go does.
 */
export function parseGoUrl(raw: string): GoUrl | string {
  const hash = raw.indexOf("#");
  const beforeHash = hash < 0 ? raw : raw.slice(0, hash);
  const url = parseWithoutFragment(beforeHash);
  if (typeof url === "string") return url;
  if (hash >= 0) {
    const bad = unescape(raw.slice(hash + 1), "other");
    if (bad !== undefined) return bad;
    return { ...url, fragment: decodePercent(raw.slice(hash + 1)) };
  }
  return url;
}

function parseWithoutFragment(raw: string): GoUrl | string {
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return "it contains a control character";
  }
  if (raw === "*") return { scheme: "", host: "", path: "*", query: "", fragment: "", hasUser: false };
  let scheme = "";
  let rest = raw;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (/^[a-z]$/i.test(c)) continue;
    if (/^[0-9+.-]$/.test(c)) {
      if (i === 0) break;
      continue;
    }
    if (c === ":") {
      if (i === 0) return "it has no scheme before the colon";
      scheme = raw.slice(0, i).toLowerCase();
      rest = raw.slice(i + 1);
    }
    break;
  }
  let query = "";
  const questionMark = rest.indexOf("?");
  if (questionMark >= 0) {
    query = rest.slice(questionMark + 1);
    rest = rest.slice(0, questionMark);
  }
  if (!rest.startsWith("/")) {
    if (scheme !== "") return { scheme, host: "", path: "", query, fragment: "", hasUser: false };
    if ((rest.split("/")[0] as string).includes(":")) return "it has a colon in its first path segment (no scheme)";
  }
  let host = "";
  let hasUser = false;
  if (rest.startsWith("//") && (scheme !== "" || !rest.startsWith("///"))) {
    let authority = rest.slice(2);
    rest = "";
    const slash = authority.indexOf("/");
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const at = authority.lastIndexOf("@");
    const parsed = parseGoHost(scheme, at < 0 ? authority : authority.slice(at + 1));
    if (parsed.error !== undefined) return parsed.error;
    host = parsed.host;
    if (at >= 0) {
      hasUser = true;
      const userinfo = authority.slice(0, at);
      if (!/^[\w\-.:~!$&'()*+,;=%@]*$/.test(userinfo)) return "its user information holds a character that must be escaped";
      const bad = unescape(userinfo, "other");
      if (bad !== undefined) return bad;
    }
  }
  const bad = unescape(rest, "other");
  if (bad !== undefined) return bad;
  return { scheme, host, path: decodePercent(rest), query, fragment: "", hasUser };
}

/** net/url parseHost: Go 1.26 keeps the last colon as the port separator for schemes other than http(s). */
function parseGoHost(scheme: string, host: string): { host: string; error?: undefined } | { host?: undefined; error: string } {
  const open = host.lastIndexOf("[");
  if (open > 0) return { error: `the host ${q(host)} has a "[" inside it` };
  if (open === 0) {
    const close = host.lastIndexOf("]");
    if (close < 0) return { error: `the host ${q(host)} lacks its "]"` };
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) return { error: `${q(colonPort)} after the host is not a port` };
    const name = host.slice(1, close);
    const zone = name.indexOf("%25");
    const bad = zone >= 0 ? (unescape(name.slice(0, zone), "host") ?? unescape(name.slice(zone), "zone")) : unescape(name, "host");
    if (bad !== undefined) return { error: bad };
    const address = decodePercent(name);
    if (!isIPv6WithZone(address)) return { error: `${q(address)} in brackets is not an IPv6 address` };
    return { host: `[${address}]${colonPort}` };
  }
  const first = host.indexOf(":");
  if (first >= 0) {
    const last = host.lastIndexOf(":");
    const colonPort = host.slice(scheme === "http" || scheme === "https" ? first : last);
    if (!validOptionalPort(colonPort)) return { error: `${q(colonPort.slice(1))} is not a port number` };
  }
  const bad = unescape(host, "host");
  return bad === undefined ? { host: decodePercent(host) } : { error: bad };
}

function validOptionalPort(port: string): boolean {
  return port === "" || /^:\d*$/.test(port);
}

/** net/url shouldEscape in host mode. */
function hostNeedsEscape(code: number): boolean {
  return !/^[\w\-.~!$&'()*+,;=:[\]<>"]$/.test(String.fromCharCode(code));
}

/** Why net/url's unescape refuses `text`, or undefined. "other": paths, fragments and user information, where only %-escapes are checked. */
function unescape(text: string, mode: "host" | "zone" | "other"): string | undefined {
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (code === 0x25) {
      const escape = text.slice(i, i + 3);
      if (!/^%[0-9a-f]{2}$/i.test(escape)) return `${q(escape)} is not a %-escape`;
      const byte = parseInt(escape.slice(1), 16);
      // A host may %-escape only non-ASCII bytes (and %25 before an IPv6 zone).
      if (mode === "host" && byte < 0x80 && escape !== "%25") return `a host cannot escape ASCII (${escape})`;
      if (mode === "zone" && escape !== "%25" && byte !== 0x20 && hostNeedsEscape(byte)) return `a zone cannot hold ${escape}`;
      i += 3;
      continue;
    }
    if (mode !== "other" && code < 0x80 && hostNeedsEscape(code)) return `a host cannot hold ${q(text[i] as string)}`;
    i++;
  }
  return undefined;
}

function decodePercent(text: string): string {
  return text.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** url.URL.Port: the digits after the last colon, when they are all digits. */
export function urlPort(host: string): string {
  const colon = host.lastIndexOf(":");
  return colon >= 0 && validOptionalPort(host.slice(colon)) ? host.slice(colon + 1) : "";
}
