import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { serviceReferences } from "./_b-refs.js";

interface Edge {
  from: number;
  to: number;
  range: OffsetRange;
  key: string;
}

/** Elementary cycles reported per file at most; a file with more is pathological and the first ones say enough. */
const MAX_CYCLES = 50;
/** Bound on the search, so that a dense dependency graph cannot make the rule slow. */
const MAX_STEPS = 200_000;

/** Strongly connected components (Tarjan), each a list of node indexes. Iterative, so deep chains cannot overflow the stack. */
function components(count: number, next: readonly (readonly Edge[])[]): number[][] {
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
function cyclesIn(component: readonly number[], next: readonly (readonly Edge[])[], limit: { cycles: number; steps: number }): Edge[][] {
  const members = new Set(component);
  const sorted = [...component].sort((a, b) => a - b);
  const cycles: Edge[][] = [];
  for (const start of sorted) {
    const path: Edge[] = [];
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
      self: "Service `{{service}}` depends on itself (`{{key}}: {{service}}`), so Compose refuses the project (\"dependency cycle detected\"): remove the entry.",
    },
    references: {},
  },
  check({ model, report }) {
    const services = model.services;
    const indexOf = new Map(services.map((service, i) => [service.name, i]));
    const next: Edge[][] = services.map(() => []);
    let edgeCount = 0;
    services.forEach((service, from) => {
      const written = serviceReferences(service, model.document);
      if (written.length === 0) return;
      const seen = new Set<number>();
      // One edge per pair: the first entry that names the service (compose-go keeps one dependency per name).
      const refs = written.length === 1 ? written : [...written].sort((a, b) => a.range[0] - b.range[0]);
      for (const ref of refs) {
        const to = indexOf.get(ref.name);
        if (to === undefined || seen.has(to)) continue;
        seen.add(to);
        next[from]?.push({ from, to, range: ref.range, key: ref.key });
        edgeCount++;
      }
    });
    // Most files have no dependency between their services: nothing to search.
    if (edgeCount === 0) return;

    for (const [from, edges] of next.entries()) {
      for (const edge of edges) {
        if (edge.to !== from) continue;
        report({ messageId: "self", data: { service: services[from]?.name ?? "", key: edge.key }, range: edge.range });
      }
    }

    const limit = { cycles: MAX_CYCLES, steps: MAX_STEPS };
    const cycles = components(services.length, next)
      .filter((component) => component.length > 1)
      .flatMap((component) => cyclesIn(component, next, limit));
    for (const cycle of cycles) {
      // Spelled from the edge written first in the file, and reported there.
      const first = cycle.reduce((best, edge, i) => ((cycle[best]?.range[0] ?? 0) <= edge.range[0] ? best : i), 0);
      const ordered = [...cycle.slice(first), ...cycle.slice(0, first)];
      const names = [...ordered.map((edge) => services[edge.from]?.name ?? ""), services[ordered[0]?.from ?? 0]?.name ?? ""];
      const keys = [...new Set(ordered.map((edge) => edge.key))];
      const spelled = `\`${names.join(" → ")}\`${keys.length === 1 && keys[0] === "depends_on" ? "" : ` (through ${keys.map((k) => `\`${k}\``).join(", ")})`}`;
      report({ messageId: "cycle", data: { cycle: spelled }, range: ordered[0]?.range ?? [0, 0] });
    }
  },
});
