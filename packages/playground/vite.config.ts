import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { noNodeBuiltins } from "./build/no-node-builtins.js";
import { ruleDocs } from "./build/rule-docs.js";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..", "..");

export default defineConfig({
  // Relative URLs: the site works from any folder (GitHub Pages, a file server, a temp dir in tests).
  base: "./",
  plugins: [noNodeBuiltins(), ruleDocs(resolve(repoRoot, "docs", "rules"))],
  server: { fs: { allow: [repoRoot] } },
  build: {
    target: "es2022",
    manifest: true,
    // The core chunk is large by nature (every rule); the measured sizes are in README.md.
    chunkSizeWarningLimit: 1024,
  },
});
