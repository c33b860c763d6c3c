import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const playgroundDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Builds the site with the package's own Vite config into a new temporary folder, and returns it. */
export function buildSite(): string {
  const outDir = mkdtempSync(join(tmpdir(), "docklint-playground-"));
  const viteBin = join(dirname(createRequire(join(playgroundDir, "package.json")).resolve("vite/package.json")), "bin", "vite.js");
  execFileSync(process.execPath, [viteBin, "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "error"], { cwd: playgroundDir, stdio: "pipe" });
  return outDir;
}
