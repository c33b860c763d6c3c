/**
 * Validators for the typed labels of a label schema (hadolint's `label-schema` types). All
 * patterns are anchored and free of nested quantifiers that could backtrack, and values longer
 * than any sensible label are refused before matching.
 */
import { isSpdxExpression } from "./_spdx.js";

const MAX_LENGTH = 2048;

const SCHEME = /^[A-Z][A-Z0-9+.-]*:/i;
/** RFC 3986 characters: unreserved, reserved and `%`. */
const URI_CHARS = /^[\w\-.~:/?#[\]@!$&'()*+,;=%]*$/;
const HOST = /^(?:\[[0-9A-F:.]+\]|[\w\-.~%!$&'()*+,;=]+)$/i;

/**
 * An absolute URI (RFC 3986 `scheme ":" hier-part`), as hadolint's `parseURI`; for the
 * schemes that address a host (http, https, ftp, git, ssh, …) a non-empty host is required.
 */
export function isUrl(value: string): boolean {
  if (value.length > MAX_LENGTH || !SCHEME.test(value) || !URI_CHARS.test(value)) return false;
  if (/%(?![0-9A-F]{2})/i.test(value)) return false;
  const scheme = value.slice(0, value.indexOf(":")).toLowerCase();
  const rest = value.slice(scheme.length + 1);
  if (rest.startsWith("//")) {
    const authority = rest.slice(2).split(/[/?#]/)[0] ?? "";
    const host = authority.slice(authority.lastIndexOf("@") + 1).replace(/:\d*$/, "");
    if (["http", "https", "ftp", "ftps", "git", "ssh", "ws", "wss"].includes(scheme) && host === "") return false;
    return host === "" || HOST.test(host);
  }
  return !["http", "https", "ftp", "ftps", "ws", "wss"].includes(scheme) && rest !== "";
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|([+-])(\d{2}):(\d{2}))$/i;

/** An RFC 3339 `date-time` (section 5.6), with calendar ranges checked (leap seconds allowed). */
export function isRfc3339(value: string): boolean {
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (days === undefined || day < 1 || day > days) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (m[7] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return false;
  return true;
}

const SEMVER_IDENTIFIER = /^(?:0|[1-9]\d*|\d*[A-Z-][0-9A-Z-]*)$/i;
const BUILD_IDENTIFIER = /^[0-9A-Z-]+$/i;
const CORE = /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)$/;

/** A Semantic Versioning 2.0.0 version (`1.2.3`, `2.0.1-rc.1+build.5`), no leading `v`. */
export function isSemver(value: string): boolean {
  if (value.length > 256) return false;
  const plus = value.indexOf("+");
  const withoutBuild = plus >= 0 ? value.slice(0, plus) : value;
  const build = plus >= 0 ? value.slice(plus + 1) : undefined;
  const dash = withoutBuild.indexOf("-");
  const core = dash >= 0 ? withoutBuild.slice(0, dash) : withoutBuild;
  const pre = dash >= 0 ? withoutBuild.slice(dash + 1) : undefined;
  if (!CORE.test(core)) return false;
  if (pre !== undefined && !pre.split(".").every((id) => SEMVER_IDENTIFIER.test(id))) return false;
  if (build !== undefined && !build.split(".").every((id) => BUILD_IDENTIFIER.test(id))) return false;
  return true;
}

/**
 * A git commit id: 7 to 40 lower-case hex digits (git abbreviates to 7 or more), or 64 for a
 * SHA-256 repository. hadolint accepts exactly 7 or 40.
 */
export function isGitHash(value: string): boolean {
  return /^(?:[0-9a-f]{7,40}|[0-9a-f]{64})$/.test(value);
}

const ATOM = /^[\w!#$%&'*+/=?^`{|}~-]+$/;
const QUOTED_LOCAL = /^"(?:[^"\\\r\n]|\\.)*"$/;
const DOMAIN_LABEL = /^[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?$/i;
const DOMAIN_LITERAL = /^\[[^[\]\\\s]+\]$/;

/** RFC 5322 `addr-spec` (dot-atom or quoted local part; host name or `[literal]` domain), RFC 5321 lengths. */
export function isAddrSpec(value: string): boolean {
  const at = value.lastIndexOf("@");
  if (at <= 0 || at === value.length - 1 || value.length > 254) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64) return false;
  const localOk = QUOTED_LOCAL.test(local) || local.split(".").every((part) => ATOM.test(part));
  if (!localOk) return false;
  if (DOMAIN_LITERAL.test(domain)) return true;
  const labels = domain.split(".");
  return labels.length >= 2 && labels.every((label) => DOMAIN_LABEL.test(label)) && !/^\d+$/.test(labels.at(-1) ?? "");
}

/** An e-mail address: an `addr-spec`, or an RFC 5322 `name-addr` (`Jane Doe <jane@example.com>`). */
export function isEmail(value: string): boolean {
  if (isAddrSpec(value)) return true;
  const m = /^([^<>]*)<([^<>]+)>$/.exec(value);
  if (!m) return false;
  const name = (m[1] ?? "").trim();
  const phraseOk = name === "" || /^"(?:[^"\\]|\\.)*"$/.test(name) || /^[^"(),:;<>@[\]\\]+$/.test(name);
  return phraseOk && isAddrSpec(m[2] ?? "");
}

export function isSpdx(value: string, extra: ReadonlySet<string>): boolean {
  return isSpdxExpression(value, extra);
}
