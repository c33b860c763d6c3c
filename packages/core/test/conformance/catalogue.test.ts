import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRules } from "../../src/rules/index.js";
import type { PeerName } from "../../src/types.js";
import { hasShared, sharedDir, skipMessage } from "../support/shared.js";

/**
 * Every Dockerfile check in the peers' rule tables is either referenced by a docklint rule or
 * listed in `not-implemented.json` with the reason it is deliberately left out.
 */
const TABLES: { peer: PeerName; file: string; row: RegExp }[] = [
  { peer: "hadolint", file: "hadolint/rules.md", row: /^\| (DL\d{4}) \|/gm },
  { peer: "buildkit", file: "buildkit/rules.md", row: /^\| ([A-Z][A-Za-z]+) \|(?! What)/gm },
  { peer: "trivy", file: "trivy/rules.md", row: /^\| (DS-\d{4}) \|/gm },
  { peer: "checkov", file: "checkov/rules.md", row: /^\| (CKV2?_DOCKER_\d+) \|/gm },
  { peer: "kics", file: "kics-dockerfile/rules.md", row: /^\| `([0-9a-f-]{36})` \|/gm },
];

const notImplemented = JSON.parse(readFileSync(join(import.meta.dirname, "not-implemented.json"), "utf8")) as Record<string, string>;

describe.skipIf(!hasShared)("rule catalogue against the peers' rule tables", () => {
  if (!hasShared) {
    it.skip(skipMessage("catalogue coverage"), () => undefined);
    return;
  }
  for (const { peer, file, row } of TABLES) {
    it(`${peer}: every check is implemented or deliberately left out`, () => {
      const table = readFileSync(join(sharedDir, "peers", file), "utf8");
      const ids = [...new Set([...table.matchAll(row)].map((m) => m[1] ?? ""))].filter((id) => id !== "Rule");
      expect(ids.length).toBeGreaterThan(5);
      const referenced = new Set(builtinRules.flatMap((rule) => rule.meta.references[peer] ?? []));
      const missing = ids.filter((id) => !referenced.has(id) && !(`${peer}:${id}` in notImplemented));
      const stale = ids.filter((id) => referenced.has(id) && `${peer}:${id}` in notImplemented);
      const covered = ids.filter((id) => referenced.has(id)).length;
      console.log(`${peer}: ${covered}/${ids.length} checks referenced by docklint rules`);
      expect({ missing, stale }).toEqual({ missing: [], stale: [] });
    });
  }
  it("references only ids that exist in the peers' tables", () => {
    const known = new Map<PeerName, Set<string>>();
    for (const { peer, file, row } of TABLES) {
      const table = readFileSync(join(sharedDir, "peers", file), "utf8");
      known.set(peer, new Set([...table.matchAll(row)].map((m) => m[1] ?? "")));
    }
    known.get("hadolint")?.add("SC");
    // KICS's Compose queries live in the Compose peer table; the Compose rules reference them.
    const composeTable = readFileSync(join(sharedDir, "peers", "compose", "rules.md"), "utf8");
    for (const match of composeTable.matchAll(/`([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`/g)) known.get("kics")?.add(match[1] ?? "");
    const unknown = builtinRules.flatMap((rule) =>
      [...known.keys()].flatMap((peer) =>
        (rule.meta.references[peer] ?? []).filter((id) => !known.get(peer)?.has(id)).map((id) => `${rule.meta.id} → ${peer} ${id}`),
      ),
    );
    expect(unknown).toEqual([]);
  });
});
