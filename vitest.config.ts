import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * core's unit tests (packages/core/src: the rules, parsers and models, 206 files) share their
 * workers' module registry: each of them imported core's sources afresh, which was most of a run
 * (import 260 of 410 s in a fresh-clone CI run on 2 cores). They call the library's functions and
 * mock nothing; what core keeps between lints (caches keyed by text) depends on the text alone.
 * The integration suites (CLI, ESLint plugin, playground, corpus) keep one module registry per
 * file: some mock modules (`vi.mock`) or start from a fresh process state.
 */
const SHARED_MODULES = ["packages/core/src/**/*.test.ts"];

export default defineConfig({
  test: {
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
    projects: [
      { extends: true, test: { name: "unit", include: SHARED_MODULES, isolate: false } },
      {
        extends: true,
        test: { name: "integration", include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "test/**/*.test.ts"], exclude: [...SHARED_MODULES, "**/node_modules/**"] },
      },
    ],
  },
});
