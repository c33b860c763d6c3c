import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");

/** `../shared` beside the checkout (read-only peer facts and corpus); absent on a plain clone. */
export const sharedDir = process.env["DOCKLINT_SHARED_DIR"] ?? join(repoRoot, "..", "shared");
export const hasShared = existsSync(join(sharedDir, "peers"));

export function skipMessage(what: string): string {
  return `${what}: skipped, because ${sharedDir} is absent (set DOCKLINT_SHARED_DIR to the shared folder to run it)`;
}
