/** A service's `sysctls:` (list of `name=value` or map), interpolated, for helper C's rules. */
import { isMap, isSeq } from "../../compose/yaml-lazy.js";
import { evaluate } from "../../compose/interpolation.js";
import type { ComposeModel, ComposeService } from "../../compose/model.js";
import type { OffsetRange } from "../../source.js";
import { isOwn, mapEntries, seqItems } from "./_c-nodes.js";

export interface Sysctl {
  /** Dotted name as the runtime reads it (`net/ipv4/ip_forward` → `net.ipv4.ip_forward`). */
  name: string;
  /** Interpolated value; undefined when it depends on an unset variable or is not given. */
  value: string | undefined;
  range: OffsetRange;
}

/** runc accepts `/`-separated names and swaps `.` and `/` when the first separator is a `/`. */
export function normaliseSysctlName(name: string): string {
  const first = name.search(/[./]/);
  if (first < 0 || name[first] === ".") return name;
  return name.replace(/[./]/g, (c) => (c === "/" ? "." : "/"));
}

function known(text: string): string | undefined {
  const result = evaluate(text);
  return result.unknown.length > 0 || result.required.length > 0 ? undefined : result.value;
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === "object" ? undefined : String(value);
}

/**
 * The sysctls as Compose merges them (map or list, `extends` included), each at its key or list
 * entry when written in the service, else at the merge/alias/extends site. Entries whose name
 * depends on an unset variable are left out: their name is unknown here.
 */
export function serviceSysctls(model: ComposeModel, service: ComposeService): Sysctl[] {
  const found = service.get(["sysctls"]);
  if (!found) return [];
  const positions = new Map<string, OffsetRange>();
  if (isOwn(found) && isMap(found.node)) {
    for (const entry of mapEntries(model, found.node, undefined)) positions.set(entry.key.trim(), entry.range);
  } else if (isOwn(found) && isSeq(found.node)) {
    for (const item of seqItems(model, service, ["sysctls"])) {
      const written = text(item.value);
      if (written === undefined) continue;
      // A name written twice: Compose keeps the last one.
      positions.set(written.split("=")[0]?.trim() ?? "", item.range);
    }
  }
  const fallback = isOwn(found) ? (service.extends?.range ?? found.range) : found.range;
  const pairs: [string, string | undefined][] = [];
  if (Array.isArray(found.value)) {
    for (const item of found.value as unknown[]) {
      const written = text(item);
      if (written === undefined) continue;
      const equals = written.indexOf("=");
      pairs.push(equals < 0 ? [written, undefined] : [written.slice(0, equals), written.slice(equals + 1)]);
    }
  } else if (typeof found.value === "object" && found.value !== null) {
    for (const [name, value] of Object.entries(found.value)) pairs.push([name, text(value)]);
  }
  const out: Sysctl[] = [];
  for (const [rawName, rawValue] of pairs) {
    const written = rawName.trim();
    const name = known(written);
    if (name === undefined || name.trim() === "") continue;
    out.push({
      name: normaliseSysctlName(name.trim()),
      value: rawValue === undefined ? undefined : known(rawValue.trim())?.trim(),
      range: positions.get(written) ?? fallback,
    });
  }
  return out;
}
