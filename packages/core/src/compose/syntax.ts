/**
 * The short syntaxes of Compose values (`ports`, `volumes`, `security_opt`), parsed the way
 * Compose splits them. Kept apart from the parser so `merge.ts` can use them too.
 */
import type { ComposePort, ComposeSecurityOpt, ComposeVolumeMount } from "./model.js";

/** Splits on `separator` outside `${…}` and `[…]`, so `${PORT:-8080}:80` and `[::1]:80:80` split where Compose splits them. */
export function splitOutside(text: string, separator: string): string[] {
  const parts: string[] = [];
  let braces = 0;
  let brackets = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "$" && text[i + 1] === "{") {
      braces++;
      i++;
    } else if (c === "}" && braces > 0) braces--;
    else if (c === "[" && braces === 0) brackets++;
    else if (c === "]" && braces === 0 && brackets > 0) brackets--;
    else if (c === separator && braces === 0 && brackets === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function isDriveLetter(part: string | undefined, next: string | undefined): boolean {
  if (part?.length !== 1 || next === undefined) return false;
  const code = part.toLowerCase().charCodeAt(0);
  return code >= 97 && code <= 122 && (next.startsWith("\\") || next.startsWith("/"));
}

/** Short port syntax: `[[host_ip:]published:]target[/protocol]`, published and target possibly ranges. */
export function parseShortPort(text: string): Omit<ComposePort, "range" | "syntax"> {
  const slash = splitOutside(text, "/");
  const protocol = slash.length > 1 ? slash[slash.length - 1] : undefined;
  const body = slash.length > 1 ? slash.slice(0, -1).join("/") : text;
  const parts = splitOutside(body, ":");
  const target = parts[parts.length - 1] ?? "";
  const port: Omit<ComposePort, "range" | "syntax"> = { target };
  if (parts.length >= 2) {
    const published = parts[parts.length - 2] ?? "";
    if (published !== "") port.published = published;
  }
  if (parts.length >= 3) {
    let hostIp = parts.slice(0, -2).join(":");
    if (hostIp.startsWith("[") && hostIp.endsWith("]")) hostIp = hostIp.slice(1, -1);
    if (hostIp !== "") port.hostIp = hostIp;
  }
  if (protocol !== undefined) port.protocol = protocol;
  return port;
}

function isVolumeName(text: string): boolean {
  // Compose's rule: a source that is not a path is a named volume. Interpolated sources
  // (`${DATA}:/data`) are taken as paths, which is what they almost always hold.
  return /^[a-z0-9][\w.-]*$/i.test(text);
}

/** Short volume syntax: `[source:]target[:mode]`, with Windows drive letters kept whole. */
export function parseShortVolume(text: string): Omit<ComposeVolumeMount, "range" | "syntax"> {
  const raw = splitOutside(text, ":");
  const parts: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const part = raw[i] ?? "";
    if (isDriveLetter(part, raw[i + 1])) {
      parts.push(`${part}:${raw[i + 1] ?? ""}`);
      i++;
    } else parts.push(part);
  }
  if (parts.length === 1) return { type: "volume", target: parts[0] ?? "", readOnly: false, options: [] };
  const source = parts[0] ?? "";
  const target = parts[1] ?? "";
  const modes = parts.length > 2 ? parts.slice(2).join(":").split(",").filter((m) => m !== "") : [];
  return {
    type: isVolumeName(source) ? "volume" : "bind",
    source,
    target,
    readOnly: modes.includes("ro"),
    options: modes.filter((m) => m !== "ro" && m !== "rw"),
  };
}

/** `seccomp:unconfined`, `seccomp=unconfined`, `no-new-privileges`: split at the first `:` or `=`. */
export function parseSecurityOpt(text: string): Omit<ComposeSecurityOpt, "range"> {
  const colon = text.indexOf(":");
  const equals = text.indexOf("=");
  const at = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
  if (at < 0) return { key: text.trim(), value: undefined, raw: text, separator: undefined };
  return { key: text.slice(0, at).trim(), value: text.slice(at + 1).trim(), raw: text, separator: text[at] === ":" ? ":" : "=" };
}
