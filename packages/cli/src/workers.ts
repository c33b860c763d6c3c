/**
 * `--concurrency <n|auto|off>`: lints a large tree on worker threads. Linting is CPU-bound and
 * one file never depends on another's result, so files are handed out in batches to N workers,
 * each running the same `runLint` as a serial run, and the results are put back in the jobs'
 * order: the output is byte for byte the serial run's. Fixes stay safe: every file is one job,
 * so exactly one worker reads, fixes and writes it.
 *
 * Each worker imports this module and calls `serveBatches`. Nothing here runs on import, and
 * node:worker_threads and node:os are loaded only when workers are used: a small run pays nothing.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import type * as Os from "node:os";
import { fileURLToPath } from "node:url";
import type * as WorkerThreads from "node:worker_threads";
import { ConfigError, builtinRules, createLintTimes, type LintResult, type LintTimes } from "@docklint/core";
import { addLintTimes } from "./timing.js";
import type { Dependency } from "./cache.js";
import { maxFileBytes, setMaxFileBytes } from "./files.js";
import { FileCache, runLint, type LintJob, type LintJobOptions, type LintRun } from "./lint.js";

const requireBuiltin = createRequire(import.meta.url);

/** `off`: one thread; `auto`: workers for trees of at least AUTO_MIN_FILES files; a number: that many workers. */
export type Concurrency = "off" | "auto" | number;

/**
 * Below this many files, starting workers (each loads docklint and warms up its own JIT) costs more
 * than it saves. Measured on 2 CPUs against a serial run, which leaves the second core to V8's
 * compiler (scripts/bundle-launcher.mjs, serialLintV8Flags), medians of 7 interleaved runs: 300
 * corpus Dockerfiles 438 ms serial against 473 ms with workers, 500 613 against 596 ms, 1,000 1.27
 * against 1.17 s.
 */
export const AUTO_MIN_FILES = 500;
/** Files per message to a worker: large enough to make messaging cheap, small enough to balance the load. */
const BATCH_SIZE = 32;
const MAX_WORKERS = 64;
/** Batches sent ahead to each worker, so that it never waits for the main thread between two. */
const BATCHES_QUEUED_PER_WORKER = 2;

/** Parses the flag's value; undefined when it is not one of the accepted forms. */
export function parseConcurrency(value: string): Concurrency | undefined {
  const trimmed = value.trim().toLowerCase();
  if (trimmed === "off" || trimmed === "auto") return trimmed;
  if (!/^\d+$/.test(trimmed)) return undefined;
  const count = Number(trimmed);
  return count >= 1 && count <= MAX_WORKERS ? count : undefined;
}

/** How many workers a run gets; 0 means lint on this thread. */
export function workerCount(concurrency: Concurrency, files: number, parallelism = availableParallelism()): number {
  if (concurrency === "off") return 0;
  if (concurrency === "auto") return files >= AUTO_MIN_FILES && parallelism > 1 ? Math.min(parallelism, Math.ceil(files / BATCH_SIZE)) : 0;
  // `1` is one worker: the user asked for it (it keeps the main thread free), so it is honoured.
  return Math.min(concurrency, Math.max(1, Math.ceil(files / BATCH_SIZE)));
}

function availableParallelism(): number {
  const os = requireBuiltin("node:os") as typeof Os;
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}

/**
 * The module a worker imports: this one, compiled (dist/workers.js; in the bundle, its workers.js
 * entry beside the chunk this code is in). Missing when running from TypeScript sources (the
 * unit tests): then there are no workers.
 */
function workerModule(): URL | undefined {
  const url = new URL("./workers.js", import.meta.url);
  return url.protocol === "file:" && existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * Why these jobs cannot go to workers, or undefined when they can: workers get copies of the
 * jobs (structured clone) and use the built-in rules, so custom rule lists, plugins (rules are
 * functions), host services (a ShellCheck runner) and configs holding functions stay on this thread.
 */
function serialOnly(jobs: readonly LintJob[], options: LintJobOptions): string | undefined {
  if (options.rules !== builtinRules) return "custom rules";
  if (options.services && Object.keys(options.services).length > 0) return "host services";
  const seen = new Set<unknown>();
  for (const job of jobs) {
    if (seen.has(job.config)) continue;
    seen.add(job.config);
    if (job.config.plugins !== undefined) return "plugins";
    try {
      structuredClone(job.config);
    } catch {
      return "a config that cannot be copied to a worker";
    }
  }
  return undefined;
}

interface BatchRequest {
  batch: number;
  jobs: LintJob[];
  fix: boolean;
  fixDryRun: boolean;
  /** --max-file-size: each worker thread has its own copy of the module state that holds it. */
  maxFileBytes: number;
  /** --cache: send back what each lint read beside its file. */
  recordDependencies: boolean;
  /** `TIMING=1`: send back the batch's time in parsing and in each rule. */
  timing: boolean;
}

interface BatchResponse {
  batch: number;
  results?: LintResult[];
  writeErrors?: string[];
  dependencies?: (Dependency[] | undefined)[];
  times?: LintTimes;
  /** A failure outside any one file (a bad config reaches here as a ConfigError): rethrown on the main thread. */
  error?: { name: string; message: string; path?: string };
}

/**
 * Lints the jobs on worker threads when `concurrency` says so and the jobs allow it; returns
 * undefined when they should be linted on this thread (the caller then runs `runLint`).
 */
export async function runLintInWorkers(jobs: readonly LintJob[], options: LintJobOptions, concurrency: Concurrency): Promise<LintRun | undefined> {
  const count = workerCount(concurrency, jobs.length);
  if (count === 0) return undefined;
  const module = workerModule();
  if (!module || serialOnly(jobs, options) !== undefined) return undefined;
  const { Worker } = requireBuiltin("node:worker_threads") as typeof WorkerThreads;
  const workerCode = `import(${JSON.stringify(module.href)}).then((workers) => workers.serveBatches());`;

  const batches: LintJob[][] = [];
  for (let start = 0; start < jobs.length; start += BATCH_SIZE) batches.push(jobs.slice(start, start + BATCH_SIZE));
  const results: LintResult[][] = new Array(batches.length);
  const writeErrors: string[][] = new Array(batches.length);
  const dependencies: (Dependency[] | undefined)[][] = new Array(batches.length);
  let nextBatch = 0;
  const workers: WorkerThreads.Worker[] = [];
  const finished = new WeakSet<WorkerThreads.Worker>();

  try {
    await new Promise<void>((resolve, reject) => {
      let running = count;
      let failed = false;
      const fail = (error: unknown): void => {
        if (failed) return;
        failed = true;
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      const inFlight = new Map<WorkerThreads.Worker, number>();
      const send = (worker: WorkerThreads.Worker): boolean => {
        if (nextBatch >= batches.length) return false;
        const batch = nextBatch++;
        const request: BatchRequest = { batch, jobs: batches[batch] as LintJob[], fix: options.fix, fixDryRun: options.fixDryRun, maxFileBytes: maxFileBytes(), recordDependencies: options.recordDependencies === true, timing: options.times !== undefined };
        worker.postMessage(request);
        inFlight.set(worker, (inFlight.get(worker) ?? 0) + 1);
        return true;
      };
      const retireIfDone = (worker: WorkerThreads.Worker): void => {
        if ((inFlight.get(worker) ?? 0) > 0 || nextBatch < batches.length) return;
        finished.add(worker);
        void worker.terminate();
        if (--running === 0) resolve();
      };
      for (let i = 0; i < count; i++) {
        const worker = new Worker(workerCode, { eval: true });
        workers.push(worker);
        worker.on("message", (response: BatchResponse) => {
          if (response.error) {
            fail(rebuildError(response.error));
            return;
          }
          results[response.batch] = response.results ?? [];
          writeErrors[response.batch] = response.writeErrors ?? [];
          // One entry per job even if a worker sent none: a shorter list would give files each other's records.
          dependencies[response.batch] = response.dependencies ?? (batches[response.batch] ?? []).map(() => undefined);
          if (response.times && options.times) addLintTimes(options.times, response.times);
          inFlight.set(worker, (inFlight.get(worker) ?? 1) - 1);
          if (!send(worker)) retireIfDone(worker);
        });
        worker.on("error", fail);
        worker.on("exit", (code) => {
          if (!finished.has(worker)) fail(new Error(`A lint worker stopped (exit code ${code}) before its files were linted.`));
        });
        // Two batches queued per worker: it starts the second while the main thread takes in the first's results.
        for (let queued = 0; queued < BATCHES_QUEUED_PER_WORKER; queued++) send(worker);
        retireIfDone(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return { results: results.flat(), writeErrors: writeErrors.flat(), ...(options.recordDependencies ? { dependencies: dependencies.flat() } : {}) };
}

/** A worker's failure as the serial run would have thrown it: a ConfigError stays one (the CLI reports it with exit code 2). */
function rebuildError(error: NonNullable<BatchResponse["error"]>): Error {
  const rebuilt = error.path !== undefined ? new ConfigError(error.path, "") : new Error();
  rebuilt.message = error.message;
  rebuilt.name = error.name;
  return rebuilt;
}

/** The worker side: lint each batch as a serial run would, with the languages its files need. */
export function serveBatches(): void {
  const port = (requireBuiltin("node:worker_threads") as typeof WorkerThreads).parentPort;
  if (!port) return;
  let composeLoaded = false;
  let daemonLoaded = false;
  // A worker lives for one run: its batches share one cache, as a serial run's files do.
  const fileCache = new FileCache();
  port.on("message", (request: BatchRequest) => {
    void (async () => {
      try {
        // The same lazy loading as runPlan: a Dockerfile-only tree never loads YAML code here either.
        if (!composeLoaded && request.jobs.some((job) => job.kind !== "dockerfile" && job.kind !== "daemon")) {
          await import("@docklint/core/compose");
          composeLoaded = true;
        }
        if (!daemonLoaded && request.jobs.some((job) => job.kind === "daemon" || job.kind === undefined)) {
          await import("@docklint/core/daemon");
          daemonLoaded = true;
        }
        setMaxFileBytes(request.maxFileBytes);
        const times = request.timing ? createLintTimes() : undefined;
        const run = await runLint(request.jobs, {
          fix: request.fix,
          fixDryRun: request.fixDryRun,
          rules: builtinRules,
          services: {},
          recordDependencies: request.recordDependencies,
          ...(request.fix ? {} : { fileCache }),
          ...(times ? { times } : {}),
        });
        const response: BatchResponse = {
          batch: request.batch,
          results: run.results,
          writeErrors: run.writeErrors,
          ...(run.dependencies ? { dependencies: run.dependencies } : {}),
          ...(times ? { times } : {}),
        };
        port.postMessage(response);
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        const response: BatchResponse = {
          batch: request.batch,
          error: { name: failure.name, message: failure.message, ...(failure instanceof ConfigError ? { path: failure.path } : {}) },
        };
        port.postMessage(response);
      }
    })();
  });
}
