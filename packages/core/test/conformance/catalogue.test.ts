import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRules } from "../../src/rules/index.js";
import type { FileKind, PeerName } from "../../src/types.js";
import { hasShared, sharedDir, skipMessage } from "../support/shared.js";

/**
 * Every check in the peers' rule tables (Dockerfile and Compose) is either referenced by a
 * docklint rule or listed in `not-implemented.json` (key `<peer>:<id>`) with the reason it is
 * deliberately left out.
 */
interface Table {
  /** How the test names it (KICS has a Dockerfile table and a Compose table). */
  label: string;
  /** The kind of file the peer's checks are about; a rule's references are checked against the tables of its kind. */
  kind: FileKind;
  peer: PeerName;
  file: string;
  /** Only the text between these two markers (the Compose file holds three peers' tables). */
  section?: readonly [start: string, end: string | undefined];
  /** Group 1: the id; group 2, when present: the check's name, shown next to a missing id. */
  row: RegExp;
}

const TABLES: readonly Table[] = [
  { label: "hadolint", kind: "dockerfile", peer: "hadolint", file: "hadolint/rules.md", row: /^\| (DL\d{4}) \|/gm },
  { label: "buildkit", kind: "dockerfile", peer: "buildkit", file: "buildkit/rules.md", row: /^\| ([A-Z][A-Za-z]+) \|(?! What)/gm },
  { label: "trivy", kind: "dockerfile", peer: "trivy", file: "trivy/rules.md", row: /^\| (DS-\d{4}) \|(?: [A-Z]+ \| ([^|]*))?/gm },
  { label: "checkov", kind: "dockerfile", peer: "checkov", file: "checkov/rules.md", row: /^\| (CKV2?_DOCKER_\d+) \|(?: (?:[A-Z_]+ \| )?([^|`]*))?/gm },
  { label: "kics (dockerfile)", kind: "dockerfile", peer: "kics", file: "kics-dockerfile/rules.md", row: /^\| `([0-9a-f-]{36})` \| ([^|]+) \|/gm },
  // Compose: dclint's rule table (not its built-in YAML and schema checks), KICS's Compose queries, Semgrep's rules.
  { label: "dclint", kind: "compose", peer: "dclint", file: "compose/rules.md", section: ["### Rules", "There are also three built-in checks"], row: /^\| `([a-z][a-z-]+)` \| ([^|]+) \|/gm },
  { label: "kics (compose)", kind: "compose", peer: "kics", file: "compose/rules.md", section: ["## B. KICS", "## C. "], row: /^\| `([0-9a-f-]{36})` \| ([^|]+) \|/gm },
  { label: "semgrep", kind: "compose", peer: "semgrep", file: "compose/rules.md", section: ["## C. Semgrep", undefined], row: /^\| `([a-z][a-z-]+)` \| (?:INFO|WARNING|ERROR) \|/gm },
];

/** The table's ids with their names, in table order. */
function readTable({ file, section, row }: Table): Map<string, string> {
  let text = readFileSync(join(sharedDir, "peers", file), "utf8");
  if (section) {
    const start = text.indexOf(section[0]);
    if (start < 0) throw new Error(`${file}: section "${section[0]}" not found; the table layout changed`);
    const end = section[1] === undefined ? -1 : text.indexOf(section[1], start);
    text = text.slice(start, end < 0 ? undefined : end);
  }
  const ids = new Map<string, string>();
  for (const match of text.matchAll(row)) {
    const id = match[1] ?? "";
    if (id !== "Rule" && !ids.has(id)) ids.set(id, (match[2] ?? "").trim());
  }
  return ids;
}

const notImplemented = JSON.parse(readFileSync(join(import.meta.dirname, "not-implemented.json"), "utf8")) as Record<string, string>;

describe.skipIf(!hasShared)("rule catalogue against the peers' rule tables", () => {
  if (!hasShared) {
    it.skip(skipMessage("catalogue coverage"), () => undefined);
    return;
  }
  for (const table of TABLES) {
    it(`${table.label}: every check is implemented or deliberately left out`, () => {
      const { peer } = table;
      const ids = readTable(table);
      expect(ids.size).toBeGreaterThan(5);
      const referenced = new Set(builtinRules.flatMap((rule) => rule.meta.references[peer] ?? []));
      const named = (id: string): string => `${peer}:${id}${ids.get(id) ? ` (${ids.get(id)})` : ""}`;
      // Listed as `<peer>:<id> (name)`: add a rule that references the id, or the `<peer>:<id>` key to not-implemented.json.
      const missing = [...ids.keys()].filter((id) => !referenced.has(id) && !(`${peer}:${id}` in notImplemented)).map(named);
      const implementedButListedAsNotImplemented = [...ids.keys()].filter((id) => referenced.has(id) && `${peer}:${id}` in notImplemented).map(named);
      const covered = [...ids.keys()].filter((id) => referenced.has(id)).length;
      console.log(`${table.label}: ${covered}/${ids.size} checks referenced by docklint rules`);
      expect({ missing, implementedButListedAsNotImplemented }).toEqual({ missing: [], implementedButListedAsNotImplemented: [] });
    });
  }
  it("references only ids that exist in the peers' tables", () => {
    // Per kind: a Compose rule's KICS ids are Compose queries, a Dockerfile rule's are Dockerfile queries.
    const known = new Map<string, Set<string>>();
    for (const table of TABLES) {
      const key = `${table.kind} ${table.peer}`;
      const ids = known.get(key) ?? new Set<string>();
      for (const id of readTable(table).keys()) ids.add(id);
      known.set(key, ids);
    }
    known.get("dockerfile hadolint")?.add("SC");
    const unknown: string[] = [];
    const unchecked: string[] = [];
    for (const rule of builtinRules) {
      const byMessage = Object.values(rule.meta.referencesByMessage ?? {});
      for (const peer of Object.keys(rule.meta.references) as PeerName[]) {
        if (peer === "cis") continue;
        const ids = known.get(`${rule.meta.kind} ${peer}`);
        for (const id of new Set([...(rule.meta.references[peer] ?? []), ...byMessage.flatMap((refs) => refs[peer] ?? [])])) {
          const where = `${rule.meta.id} (${rule.meta.kind}) → ${peer} ${id}`;
          if (!ids) unchecked.push(where);
          else if (!ids.has(id)) unknown.push(where);
        }
      }
    }
    // Peers without a rule table for that kind (Semgrep's bash rules for Dockerfile RUN lines) are not checked.
    if (unchecked.length > 0) console.log(`references to peers without a table for the rule's kind (not checked):\n  ${unchecked.join("\n  ")}`);
    expect(unknown).toEqual([]);
  });
  it("lists in not-implemented.json only ids that exist in the peers' tables", () => {
    const known = new Set(TABLES.flatMap((table) => [...readTable(table).keys()].map((id) => `${table.peer}:${id}`)));
    expect(Object.keys(notImplemented).filter((key) => !known.has(key))).toEqual([]);
  });
});
