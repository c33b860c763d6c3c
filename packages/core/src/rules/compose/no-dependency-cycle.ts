import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { isRecord } from "../../util/is-record.js";
import { dependencyName, NAMESPACE_KEYS, serviceReferences, type DependencyKey } from "./_b-refs.js";

interface Edge {
  from: number;
  to: number;
  range: OffsetRange;
  key: string;
}

/** An edge of the services as the files merge: written in this file (with its range), or only in the files before it. */
interface MergedEdge {
  from: number;
  to: number;
  key: string;
  range: OffsetRange | undefined;
}

/** Elementary cycles reported per file at most; a file with more is pathological and the first ones say enough. */
const MAX_CYCLES = 50;
/** Bound on the search, so that a dense dependency graph cannot make the rule slow. */
const MAX_STEPS = 200_000;

/** Strongly connected components (Tarjan), each a list of node indexes. Iterative, so deep chains cannot overflow the stack. */
function components(count: number, next: readonly (readonly { to: number }[])[]): number[][] {
  const index = new Array<number>(count).fill(-1);
  const low = new Array<number>(count).fill(0);
  const onStack = new Array<boolean>(count).fill(false);
  const stack: number[] = [];
  const result: number[][] = [];
  let counter = 0;
  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    const work: { node: number; edge: number }[] = [{ node: root, edge: 0 }];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (!frame) break;
      const edges = next[frame.node] ?? [];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++]?.to ?? 0;
        if (index[to] === -1) {
          index[to] = low[to] = counter++;
          stack.push(to);
          onStack[to] = true;
          work.push({ node: to, edge: 0 });
        } else if (onStack[to]) low[frame.node] = Math.min(low[frame.node] ?? 0, index[to] ?? 0);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent.node] = Math.min(low[parent.node] ?? 0, low[frame.node] ?? 0);
      if (low[frame.node] === index[frame.node]) {
        const component: number[] = [];
        for (;;) {
          const node = stack.pop();
          if (node === undefined) break;
          onStack[node] = false;
          component.push(node);
          if (node === frame.node) break;
        }
        result.push(component);
      }
    }
  }
  return result;
}

/**
 * The elementary cycles of one component, each as its edges, found once: a cycle is searched
 * from its lowest node, through nodes above it only.
 */
function cyclesIn<E extends { from: number; to: number }>(component: readonly number[], next: readonly (readonly E[])[], limit: { cycles: number; steps: number }): E[][] {
  const members = new Set(component);
  const sorted = [...component].sort((a, b) => a - b);
  const cycles: E[][] = [];
  for (const start of sorted) {
    const path: E[] = [];
    const onPath = new Set<number>([start]);
    const walk = (node: number): void => {
      for (const edge of next[node] ?? []) {
        if (limit.cycles <= 0 || limit.steps-- <= 0) return;
        if (!members.has(edge.to) || edge.to < start) continue;
        if (edge.to === start) {
          if (path.length > 0 || edge.from !== start) {
            cycles.push([...path, edge]);
            limit.cycles--;
          }
          continue;
        }
        if (onPath.has(edge.to)) continue;
        onPath.add(edge.to);
        path.push(edge);
        walk(edge.to);
        path.pop();
        onPath.delete(edge.to);
      }
    };
    walk(start);
  }
  return cycles;
}

/**
 * The services a merged service (a plain value, not interpolated) depends on, with the key of each:
 * what `serviceReferences` reads from a file's own services, read off the merge of the files.
 */
function mergedDependencies(service: unknown): Map<string, DependencyKey> {
  const names = new Map<string, DependencyKey>();
  if (!isRecord(service)) return names;
  const add = (written: unknown, key: DependencyKey): void => {
    const name = typeof written === "string" ? dependencyName(key, written) : undefined;
    if (name !== undefined && !names.has(name)) names.set(name, key);
  };
  const dependsOn = service["depends_on"];
  if (Array.isArray(dependsOn)) for (const name of dependsOn) add(name, "depends_on");
  else if (isRecord(dependsOn)) for (const name of Object.keys(dependsOn)) add(name, "depends_on");
  for (const key of ["links", "volumes_from"] as const) {
    const entries = service[key];
    if (Array.isArray(entries)) for (const entry of entries) add(entry, key);
  }
  for (const key of NAMESPACE_KEYS) add(service[key], key);
  return names;
}

/** How a cycle reads in a message: `a → b → a`, with the keys when they are not all `depends_on`. */
function spellCycle(names: readonly string[], keys: readonly string[]): string {
  const distinct = [...new Set(keys)];
  return `\`${names.join(" → ")}\`${distinct.length === 1 && distinct[0] === "depends_on" ? "" : ` (through ${distinct.map((k) => `\`${k}\``).join(", ")})`}`;
}

/**
 * Cycles of the services as this file and the files it is layered on merge (an override file
 * over `compose.yaml`, a later file of `settings.composeFiles`) that need an edge of this file and
 * one of an earlier file: neither file alone has them, and compose-go refuses the merged project.
 * Each is reported at its first edge written here. Not when the merge cannot see whole services
 * (a file that includes others).
 */
function crossFileCycles(
  model: ComposeModel,
  written: ReadonlyMap<string, { range: OffsetRange; key: string }>,
  limit: { cycles: number; steps: number },
): { cycle: string; files: string; range: OffsetRange }[] {
  const layered = model.layered;
  if (!layered?.complete) return [];
  const names = Object.keys(layered.services);
  const indexOf = new Map(names.map((name, i) => [name, i]));
  const next: MergedEdge[][] = names.map(() => []);
  let earlierEdges = 0;
  names.forEach((name, from) => {
    for (const [dependency, key] of mergedDependencies(layered.services[name])) {
      const to = indexOf.get(dependency);
      if (to === undefined || to === from) continue;
      const here = written.get(`${name}\u0000${dependency}`);
      if (!here) earlierEdges++;
      next[from]?.push({ from, to, key: here?.key ?? key, range: here?.range });
    }
  });
  if (earlierEdges === 0) return [];
  const found: { cycle: string; files: string; range: OffsetRange }[] = [];
  for (const component of components(names.length, next)) {
    if (component.length < 2) continue;
    for (const cycle of cyclesIn(component, next, limit)) {
      const ownEdges = cycle.filter((edge) => edge.range !== undefined);
      // A cycle of this file's edges alone is reported above; one of the earlier files' alone, in them.
      if (ownEdges.length === 0 || ownEdges.length === cycle.length) continue;
      const firstOwn = ownEdges.reduce((best, edge) => ((best.range?.[0] ?? 0) <= (edge.range?.[0] ?? 0) ? best : edge));
      const at = cycle.indexOf(firstOwn);
      const ordered = [...cycle.slice(at), ...cycle.slice(0, at)];
      const spelled = spellCycle([...ordered.map((edge) => names[edge.from] ?? ""), names[ordered[0]?.from ?? 0] ?? ""], ordered.map((edge) => edge.key));
      found.push({ cycle: spelled, files: layered.bases.map((file) => `\`${file}\``).join(", "), range: firstOwn.range ?? [0, 0] });
    }
  }
  return found;
}

export default defineRule<ComposeModel>({
  meta: {
    id: "no-dependency-cycle",
    kind: "compose",
    category: "correctness",
    severity: "error",
    docs: "Disallow services that depend on each other in a cycle (`depends_on`, `links`, `volumes_from`, `network_mode: service:…`).",
    presets: ["recommended"],
    messages: {
      cycle:
        "Services depend on each other in a cycle: {{cycle}}; Compose cannot tell which to start first and refuses the project (\"dependency cycle detected\"): remove one of these dependencies.",
      crossFile:
        "Services depend on each other in a cycle once this file is merged over {{files}}: {{cycle}}; neither file alone has it, but Compose refuses the merged project (\"dependency cycle detected\"): remove one of these dependencies.",
      self: "Service `{{service}}` depends on itself (`{{key}}: {{service}}`), so Compose refuses the project (\"dependency cycle detected\"): remove the entry.",
    },
    references: {},
  },
  check({ model, report }) {
    const services = model.services;
    const indexOf = new Map(services.map((service, i) => [service.name, i]));
    const next: Edge[][] = services.map(() => []);
    let edgeCount = 0;
    /** Every dependency written here, by `from\0to`, whether this file defines the service named or not. */
    const written = new Map<string, { range: OffsetRange; key: string }>();
    services.forEach((service, from) => {
      const references = serviceReferences(service, model.document);
      if (references.length === 0) return;
      // One edge per pair: the first entry that names the service (compose-go keeps one dependency per name).
      const refs = references.length === 1 ? references : [...references].sort((a, b) => a.range[0] - b.range[0]);
      for (const ref of refs) {
        const pair = `${service.name}\u0000${ref.name}`;
        if (written.has(pair)) continue;
        written.set(pair, { range: ref.range, key: ref.key });
        const to = indexOf.get(ref.name);
        if (to === undefined) continue;
        next[from]?.push({ from, to, range: ref.range, key: ref.key });
        edgeCount++;
      }
    });
    // Most files have no dependency between their services: nothing to search.
    if (written.size === 0) return;

    for (const [from, edges] of next.entries()) {
      for (const edge of edges) {
        if (edge.to !== from) continue;
        report({ messageId: "self", data: { service: services[from]?.name ?? "", key: edge.key }, range: edge.range });
      }
    }

    const limit = { cycles: MAX_CYCLES, steps: MAX_STEPS };
    const cycles = edgeCount === 0 ? [] : components(services.length, next)
      .filter((component) => component.length > 1)
      .flatMap((component) => cyclesIn(component, next, limit));
    for (const cycle of cycles) {
      // Spelled from the edge written first in the file, and reported there.
      const first = cycle.reduce((best, edge, i) => ((cycle[best]?.range[0] ?? 0) <= edge.range[0] ? best : i), 0);
      const ordered = [...cycle.slice(first), ...cycle.slice(0, first)];
      const names = [...ordered.map((edge) => services[edge.from]?.name ?? ""), services[ordered[0]?.from ?? 0]?.name ?? ""];
      report({ messageId: "cycle", data: { cycle: spellCycle(names, ordered.map((edge) => edge.key)) }, range: ordered[0]?.range ?? [0, 0] });
    }
    for (const found of crossFileCycles(model, written, limit)) {
      report({ messageId: "crossFile", data: { cycle: found.cycle, files: found.files }, range: found.range });
    }
  },
});
