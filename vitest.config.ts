import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    // Corpus and conformance suites read hundreds of files; keep one fork per core. Vitest's own
    // default is one fewer than the cores, which on CI's 2 cores runs the test files one at a
    // time: 541 s for the tests there, 345 s with a fork per core (the same machine, within the hour).
    pool: "forks",
    maxWorkers: availableParallelism(),
    testTimeout: 60_000,
    reporters: ["default"],
    // A TIMING=1 left in the developer's shell (ESLint's and docklint's per-rule timing) would add a
    // table to the standard error of every CLI the tests start; the timing tests set it themselves.
    env: { TIMING: "" },
  },
});
