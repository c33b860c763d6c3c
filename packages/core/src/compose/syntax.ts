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

/** Why compose-go's `format.ParseVolume` refuses a short-syntax volume. */
export type ShortVolumeProblem = "empty" | "empty-section" | "too-many-colons";

export interface ShortVolume {
  mount: Omit<ComposeVolumeMount, "range" | "syntax">;
  /** Set when Compose refuses the entry; `mount` then holds what was read before the fault. */
  problem?: ShortVolumeProblem;
}

/** A single letter (Go's `unicode.IsLetter`) before a `:` is a Windows drive, kept in the section. */
function isDriveBuffer(buffer: string): boolean {
  return buffer.length <= 2 && /^\p{L}$/u.test(buffer);
}

/** compose-go's `isFilePath`: what makes a short-syntax source a bind mount rather than a volume name. */
function isFilePath(source: string): boolean {
  if (source === "") return false;
  const first = source[0];
  if (first === "." || first === "/" || first === "~" || source.startsWith("\\\\")) return true;
  const letter = source.codePointAt(0) ?? 0;
  const next = source[letter > 0xffff ? 2 : 1];
  return next === ":" && /^\p{L}$/u.test(String.fromCodePoint(letter));
}

/** At most 2 bytes in UTF-8: compose-go takes such a spec whole as the target. */
function isTwoBytesAtMost(text: string): boolean {
  if (text.length > 2) return false;
  if (text.length === 2) return text.charCodeAt(0) < 0x80 && text.charCodeAt(1) < 0x80;
  return text.length === 0 || text.charCodeAt(0) < 0x800;
}

/**
 * Short volume syntax `[source:]target[:mode]`, read as compose-go's `format.ParseVolume` does:
 * sections end at a `:` outside `${…}`, a one-letter section before a `:` is a Windows drive
 * (`C:\data:/data`, but also `c:ro`: a quirk kept, since it is Compose's), a third `:` or an empty
 * section is refused, and unknown modes are ignored. Run on the text as written, `${…}` stays
 * whole; run on the interpolated text, it gives what `docker compose` reads.
 */
export function readShortVolume(spec: string): ShortVolume {
  if (spec === "") return { mount: { type: "volume", target: "", readOnly: false, options: [] }, problem: "empty" };
  if (isTwoBytesAtMost(spec)) return { mount: { type: "volume", target: spec, readOnly: false, options: [] } };
  let source = "";
  let target = "";
  let readOnly = false;
  const options: string[] = [];
  let buffer = "";
  let depth = 0;
  let problem: ShortVolumeProblem | undefined;
  for (let i = 0; i <= spec.length && problem === undefined; i++) {
    const end = i === spec.length;
    const char = end ? "" : (spec[i] ?? "");
    if (char === "$" && spec[i + 1] === "{") {
      depth++;
      buffer += char;
      continue;
    }
    if (char === "}" && depth > 0) {
      depth--;
      buffer += char;
      continue;
    }
    if (char === ":" && isDriveBuffer(buffer)) buffer += char;
    else if ((char === ":" || end) && depth === 0) {
      if (buffer === "") problem = "empty-section";
      else if (source === "" && end) target = buffer;
      else if (source === "") source = buffer;
      else if (target === "") target = buffer;
      else if (!end) problem = "too-many-colons";
      else {
        for (const option of buffer.split(",")) {
          if (option === "ro") readOnly = true;
          else if (option === "rw") readOnly = false;
          else if (option !== "") options.push(option);
        }
      }
      buffer = "";
    } else buffer += char;
  }
  // Compose decides on the interpolated source; written with a variable, it is almost always a path.
  const mount: ShortVolume["mount"] =
    source === ""
      ? { type: "volume", target, readOnly, options }
      : { type: isFilePath(source) || source.includes("$") ? "bind" : "volume", source, target, readOnly, options };
  return problem === undefined ? { mount } : { mount, problem };
}

/** Short volume syntax: `[source:]target[:mode]`, as Compose reads it (see `readShortVolume`). */
export function parseShortVolume(text: string): Omit<ComposeVolumeMount, "range" | "syntax"> {
  return readShortVolume(text).mount;
}

/** `seccomp:unconfined`, `seccomp=unconfined`, `no-new-privileges`: split at the first `:` or `=`. */
export function parseSecurityOpt(text: string): Omit<ComposeSecurityOpt, "range"> {
  const colon = text.indexOf(":");
  const equals = text.indexOf("=");
  const at = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
  if (at < 0) return { key: text.trim(), value: undefined, raw: text, separator: undefined };
  return { key: text.slice(0, at).trim(), value: text.slice(at + 1).trim(), raw: text, separator: text[at] === ":" ? ":" : "=" };
}
