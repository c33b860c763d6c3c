import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    // Corpus and conformance suites read hundreds of files; keep one fork per core.
    pool: "forks",
    testTimeout: 60_000,
    reporters: ["default"],
  },
});
