import { knownValue } from "../../compose/interpolation.js";
import { isMap, isScalar } from "../../compose/yaml-lazy.js";
import { shortPortProblem } from "../../compose/port-spec.js";
import { parseShortPort } from "../../compose/syntax.js";
import type { ComposeModel, ComposeService } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { areAlternatives, listEntries, unknownVariables, writtenForm } from "./_d1-compose.js";
import { appendTo } from "../../util/append-to.js";

/** One host binding a `ports` entry asks for, interpolated. */
interface Binding {
  service: ComposeService;
  /** The entry as written (`8080:80`, or `published: 8080` for the long syntax). */
  entry: string;
  /** `*` (no host IP: every interface), the address in lower case without brackets, or `$` and the text as written when unknown. */
  ip: string;
  protocol: string;
  low: number;
  high: number;
  /** Container port(s), for telling a repeated entry from a clash. */
  target: string;
  /** A host range for one container port (`8000-8010:80`): Docker takes one free port of the range. */
  pickOne: boolean;
  /** The host port as written when it depends on a variable without a default (`low`/`high` are then 0). */
  variable?: string;
  range: OffsetRange;
}

const MAX_PORT = 65535;

function portRange(text: string): [number, number] | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  if (high < low || high > MAX_PORT) return undefined;
  return [low, high];
}

function normaliseIp(ip: string | undefined): string {
  const text = (ip ?? "").trim().toLowerCase();
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  return bare === "" ? "*" : bare;
}

/**
 * Two host addresses share a port: the same address, or one is a wildcard that covers the other
 * (no host IP binds every interface; `0.0.0.0` every IPv4 one, `::` every IPv6 one).
 */
function ipsOverlap(a: string, b: string): boolean {
  if (a.startsWith("$") || b.startsWith("$")) return a === b;
  if (a === "*" || b === "*" || a === b) return true;
  const isV6 = (ip: string) => ip.includes(":");
  if (a === "0.0.0.0") return !isV6(b);
  if (b === "0.0.0.0") return !isV6(a);
  if (a === "::") return isV6(b);
  if (b === "::") return isV6(a);
  return false;
}

/** A part of an entry: its value, or, when a variable without a default leaves it unknown, its text as written. */
type Part = { known: string } | { written: string };

function part(text: string): Part {
  const known = knownValue(text);
  return known === undefined ? { written: writtenForm(text) } : { known };
}

/**
 * The binding of one `ports` entry; undefined without a fixed host port. A host port or IP that
 * depends on a variable without a default is kept as written: the same text in two places is the
 * same port in every environment that sets the variable.
 */
function bindingOf(service: ComposeService, node: unknown, range: OffsetRange, document: ComposeModel["document"]): Binding | undefined {
  let entry: string;
  let published: Part | undefined;
  let target: Part;
  let hostIp: Part | undefined;
  let protocol: Part | undefined;
  if (isScalar(node)) {
    entry = node.value === null ? "" : String(node.value);
    const value = knownValue(entry);
    // Not a port Compose reads: valid-ports reports it, and it binds nothing.
    if (value !== undefined && shortPortProblem(value.trim()) !== undefined) return undefined;
    const port = parseShortPort((value ?? entry).trim());
    published = port.published === undefined ? undefined : part(port.published);
    target = part(port.target);
    hostIp = port.hostIp === undefined ? undefined : part(port.hostIp);
    protocol = port.protocol === undefined ? undefined : part(port.protocol);
  } else if (isMap(node)) {
    let plain: unknown;
    try {
      plain = node.toJS(document);
    } catch {
      return undefined;
    }
    if (typeof plain !== "object" || plain === null) return undefined;
    const fields = plain as Record<string, unknown>;
    const field = (key: string): Part | undefined => {
      const value = fields[key];
      if (value === undefined || value === null) return undefined;
      return typeof value === "string" ? part(value) : { known: String(value) };
    };
    published = field("published");
    if (published === undefined) return undefined;
    entry = `published: ${String(fields["published"])}`;
    target = field("target") ?? { known: "" };
    hostIp = field("host_ip");
    protocol = field("protocol");
  } else return undefined;
  if (published === undefined || (protocol !== undefined && "written" in protocol)) return undefined;
  const ip = hostIp === undefined ? "*" : "known" in hostIp ? normaliseIp(hostIp.known) : `$${hostIp.written}`;
  const protocolName = (protocol?.known ?? "tcp").trim().toLowerCase() || "tcp";
  const targetText = "known" in target ? target.known.trim() : target.written;
  // Object literals rather than spreads of a shared part: see bracedPart in compose/interpolation.ts.
  if ("written" in published) {
    return { service, entry, ip, protocol: protocolName, target: targetText, range, low: 0, high: 0, pickOne: false, variable: published.written };
  }
  const hostPorts = portRange(published.known);
  const targetPorts = "known" in target ? portRange(target.known) : undefined;
  // Port 0 asks Docker for any free port; an unparsable value is the schema's business.
  if (!hostPorts || hostPorts[0] === 0) return undefined;
  const hostSize = hostPorts[1] - hostPorts[0];
  const targetSize = targetPorts ? targetPorts[1] - targetPorts[0] : 0;
  return { service, entry, ip, protocol: protocolName, target: targetText, range, low: hostPorts[0], high: hostPorts[1], pickOne: hostSize > 0 && targetSize === 0 };
}

/** Services whose own network settings make `ports` meaningless (host network) or refused. */
function publishes(service: ComposeService): boolean {
  const mode = service.networkMode;
  if (!mode) return true;
  const value = knownValue(mode.text);
  return !(value === "host" || value?.startsWith("service:") || value?.startsWith("container:"));
}

function canClash(a: Binding, b: Binding): boolean {
  return a.protocol === b.protocol && ipsOverlap(a.ip, b.ip) && !areAlternatives(a.service, b.service);
}

/** Host ports in common: numeric ranges that overlap, or the same text as written when a variable decides. */
function portsOverlap(a: Binding, b: Binding): boolean {
  if (a.variable !== undefined || b.variable !== undefined) return a.variable === b.variable;
  return a.low <= b.high && b.low <= a.high;
}

/** Ranges wider than this are not indexed port by port; they are few, and checked against every binding. */
const WIDE_RANGE = 256;

/**
 * The bindings seen so far, indexed by host port and by variable, so that each new binding is
 * compared with the few that share a port rather than with all of them: a file with thousands of
 * published ports stays linear. `overlapping` returns, in file order, every earlier binding whose
 * host ports may overlap (a superset of those `portsOverlap` accepts).
 */
class EarlierBindings {
  private readonly all: Binding[] = [];
  private readonly byPort = new Map<number, number[]>();
  private readonly byVariable = new Map<string, number[]>();
  private readonly wide: number[] = [];
  private readonly identities = new Set<string>();
  private readonly serviceIds = new Map<ComposeService, number>();

  /** Compared with `hasIdentical`, then recorded by `add`: computed once per binding by the caller. */
  identity(binding: Binding): string {
    let id = this.serviceIds.get(binding.service);
    if (id === undefined) this.serviceIds.set(binding.service, (id = this.serviceIds.size));
    // Identical: same service, host IP, protocol, host ports, variable and target. `variable` is a
    // string or undefined, so null stands for undefined.
    return JSON.stringify([id, binding.ip, binding.protocol, binding.low, binding.high, binding.variable ?? null, binding.target]);
  }

  hasIdentical(identity: string): boolean {
    return this.identities.has(identity);
  }

  overlapping(binding: Binding): Binding[] {
    let indices: number[];
    if (binding.variable !== undefined) {
      indices = this.byVariable.get(binding.variable) ?? [];
    } else if (binding.low === binding.high && this.wide.length === 0) {
      // One port and no wide range (most bindings): its list is already in file order, without repeats.
      indices = this.byPort.get(binding.low) ?? [];
    } else if (binding.high - binding.low <= WIDE_RANGE) {
      const found = new Set<number>(this.wide);
      for (let port = binding.low; port <= binding.high; port++) for (const index of this.byPort.get(port) ?? []) found.add(index);
      indices = [...found].sort((a, b) => a - b);
    } else {
      indices = this.all.flatMap((earlier, index) => (earlier.variable === undefined ? [index] : []));
    }
    return indices.map((index) => this.all[index] as Binding);
  }

  add(binding: Binding, identity: string): void {
    const index = this.all.length;
    this.all.push(binding);
    this.identities.add(identity);
    if (binding.variable !== undefined) appendTo(this.byVariable, binding.variable, index);
    else if (binding.high - binding.low <= WIDE_RANGE) for (let port = binding.low; port <= binding.high; port++) appendTo(this.byPort, port, index);
    else this.wide.push(index);
  }
}

function span(low: number, high: number): string {
  return low === high ? String(low) : `${low}-${high}`;
}

export default defineRule<ComposeModel>({
  meta: {
    id: "no-duplicate-exported-ports",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Disallow publishing the same host port (same host IP and protocol) twice in a Compose file.",
    presets: ["recommended"],
    messages: {
      duplicate:
        "Service `{{service}}` publishes host port {{port}}/{{protocol}}{{ip}} (`{{entry}}`), which service `{{other}}` already publishes (`{{otherEntry}}`): the second container cannot bind it and fails to start; publish a different host port, or bind the two to different host IPs.",
      duplicateInService:
        "Service `{{service}}` publishes host port {{port}}/{{protocol}}{{ip}} twice (`{{otherEntry}}` and `{{entry}}`): the container cannot bind it a second time and fails to start; publish a different host port for one of the two.",
      duplicateWhenSet:
        "Service `{{service}}` publishes host port `{{port}}`/{{protocol}}{{ip}} (`{{entry}}`), which {{other}} also publishes (`{{otherEntry}}`): whenever {{variables}} set, the second binding fails and the container does not start; publish a different host port.",
      rangeTaken:
        "Service `{{service}}` publishes one port of the host range {{port}}/{{protocol}} (`{{entry}}`), but other services already publish every port of that range ({{others}}): the container finds no free port and fails to start; widen the range or move the other ports.",
    },
    references: { dclint: ["no-duplicate-exported-ports"] },
  },
  check({ model, report }) {
    const bindings: Binding[] = [];
    for (const service of model.services) {
      if (!publishes(service)) continue;
      for (const { node, range } of listEntries(service, "ports", model.document)) {
        const binding = bindingOf(service, node, range, model.document);
        if (binding) bindings.push(binding);
      }
    }
    // A clash needs two bindings.
    if (bindings.length < 2) return;
    const fixed = bindings.filter((b) => !b.pickOne);
    const earlierBindings = new EarlierBindings();
    fixed.forEach((binding) => {
      const candidates = earlierBindings.overlapping(binding);
      const identity = earlierBindings.identity(binding);
      const repeated = earlierBindings.hasIdentical(identity);
      earlierBindings.add(binding, identity);
      // Compose keeps one of two identical entries of a service (`- 80:80` twice): the repeat binds nothing.
      if (repeated) return;
      for (const earlier of candidates) {
        if (!canClash(earlier, binding) || !portsOverlap(earlier, binding)) continue;
        const sameService = earlier.service === binding.service;
        const data = {
          service: binding.service.name,
          protocol: binding.protocol,
          ip: binding.ip === "*" ? "" : ` on ${binding.ip.replace(/^\$/, "")}`,
          entry: binding.entry,
          other: earlier.service.name,
          otherEntry: earlier.entry,
        };
        if (binding.variable !== undefined) {
          const variables = unknownVariables(`${binding.variable} ${binding.ip.startsWith("$") ? binding.ip.slice(1) : ""}`);
          report({
            messageId: "duplicateWhenSet",
            data: { ...data, port: binding.variable, variables, other: sameService ? "this service" : `service \`${earlier.service.name}\`` },
            range: binding.range,
          });
        } else {
          const port = span(Math.max(earlier.low, binding.low), Math.min(earlier.high, binding.high));
          report({ messageId: sameService ? "duplicateInService" : "duplicate", data: { ...data, port }, range: binding.range });
        }
        break;
      }
    });
    for (const binding of bindings.filter((b) => b.pickOne)) {
      const blockers = fixed.filter((other) => other.service !== binding.service && canClash(other, binding) && portsOverlap(other, binding));
      const covered = blockers.map((b) => [Math.max(b.low, binding.low), Math.min(b.high, binding.high)] as const).sort((x, y) => x[0] - y[0]);
      let next = binding.low;
      for (const [low, high] of covered) {
        if (low > next) break;
        next = Math.max(next, high + 1);
      }
      if (next <= binding.high) continue;
      report({
        messageId: "rangeTaken",
        data: {
          service: binding.service.name,
          port: span(binding.low, binding.high),
          protocol: binding.protocol,
          entry: binding.entry,
          others: [...new Set(blockers.map((b) => `\`${b.service.name}\``))].join(", "),
        },
        range: binding.range,
      });
    }
  },
});
