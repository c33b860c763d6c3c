import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");

/** `../shared` beside the checkout (read-only peer facts and corpus); absent on a plain clone. */
export const sharedDir = process.env["DOCKLINT_SHARED_DIR"] ?? join(repoRoot, "..", "shared");
export const hasShared = existsSync(join(sharedDir, "peers"));

export function skipMessage(what: string): string {
  return `${what}: skipped, because ${sharedDir} is absent (set DOCKLINT_SHARED_DIR to the shared folder to run it)`;
}

/** Every file below `dir`, sorted, without descending into the directories named in `skip`. */
export function filesUnder(dir: string, skip: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.has(entry.name)) out.push(...filesUnder(path, skip));
    } else out.push(path);
  }
  return out.sort();
}
