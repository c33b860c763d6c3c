#!/usr/bin/env node
// Measures µs per RUN for docklint's shell parser and, when they are installed,
// for shell-quote and mvdan-sh (not project dependencies).
//
//   pnpm --filter @docklint/core build
//   node bench/shell/shell-parse.bench.mjs
//
// Environment:
//   PEERS_DIR     folder whose node_modules holds shell-quote / mvdan-sh (default: bench/, then the repo)
//                 (e.g. `npm install --prefix /tmp/peers shell-quote mvdan-sh`, then PEERS_DIR=/tmp/peers)
//   CORPUS_DIR    Dockerfile corpus (default: ../shared/corpus/dockerfile next to the repo)
//   SHELL_PARSER  module to load instead of packages/core/dist/shell/index.js
//   BENCH_MS      measuring time per case in ms, split in 5 rounds (default 2500)
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import { loadCorpus } from './corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const BENCH_MS = Number(process.env.BENCH_MS ?? 2500);

// ---------------------------------------------------------------- loading

const parserPath = resolve(process.env.SHELL_PARSER ?? join(repo, 'packages/core/dist/shell/index.js'));
if (!existsSync(parserPath)) {
  console.error(`${parserPath} not found: run \`pnpm --filter @docklint/core build\` first (or set SHELL_PARSER).`);
  process.exit(2);
}
const t0 = performance.now();
const { parseShell } = await import(pathToFileURL(parserPath).href);
const ownLoadMs = performance.now() - t0;

// Default: bench/node_modules, then the repo's (Node's lookup walks up from bench/).
const peersDir = process.env.PEERS_DIR ? resolve(process.env.PEERS_DIR) : join(repo, 'bench');
const peerRequire = createRequire(join(peersDir, 'package.json'));
function loadPeer(name) {
  try {
    const start = performance.now();
    const mod = peerRequire(name);
    return { mod, loadMs: performance.now() - start };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- inputs

/** A typical RUN: 147 characters, three continuations. */
const TYPICAL_FILE =
  'FROM debian:bookworm\nRUN set -eux; \\\n    apt-get update; \\\n' +
  '    apt-get install -y --no-install-recommends ca-certificates curl gnupg wget; \\\n' +
  '    rm -rf /var/lib/apt/lists/*\n';
const TYPICAL = { text: TYPICAL_FILE, start: TYPICAL_FILE.indexOf('set -eux'), end: TYPICAL_FILE.length - 1 };

const corpusDir = resolve(process.env.CORPUS_DIR ?? join(repo, '..', 'shared', 'corpus', 'dockerfile'));
const { regions: corpus, windowsFiles, found: corpusFound } = loadCorpus(corpusDir);

// Peers get the script as the shell sees it (continuations joined, as Docker does); that
// preparation is not timed.
const prepared = (regions) => regions.map((r) => parseShell(r.text, r.start, r.end).script);

// ---------------------------------------------------------------- timing

/**
 * µs per item: the best of 5 rounds, so that other processes on a small
 * machine inflate the result as little as possible.
 */
function measure(fn, items) {
  // Warm-up so the JIT has settled.
  const warmUntil = performance.now() + Math.min(400, BENCH_MS / 3);
  while (performance.now() < warmUntil) for (const it of items) fn(it);
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    let count = 0;
    const start = performance.now();
    const until = start + BENCH_MS / 5;
    let now = start;
    while (now < until) {
      for (const it of items) fn(it);
      count += items.length;
      now = performance.now();
    }
    best = Math.min(best, ((now - start) * 1000) / count);
  }
  return best;
}

function firstCall(fn, item) {
  const s = performance.now();
  fn(item);
  return performance.now() - s;
}

const peers = [
  {
    name: 'shell-quote',
    load: () => loadPeer('shell-quote'),
    make: (mod) => (src) => {
      try {
        mod.parse(src);
      } catch {
        // "Bad substitution" on ${X//a/b} and friends
      }
    },
  },
  {
    name: 'mvdan-sh',
    load: () => loadPeer('mvdan-sh'),
    make: (mod) => {
      const parser = mod.syntax.NewParser();
      return (src) => {
        try {
          parser.Parse(src, 'run.sh');
        } catch {
          // syntax errors count as a parse
        }
      };
    },
  },
];

const fmt = (x) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));

console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${BENCH_MS} ms per case, best of 5 rounds`);
console.log(`parser: ${parserPath} (import ${fmt(ownLoadMs)} ms)`);
const chars = corpus.reduce((a, r) => a + (r.end - r.start), 0);
if (corpusFound) {
  console.log(`corpus: ${corpus.length} shell-form RUNs from ${corpusDir}, mean ${Math.round(chars / corpus.length)} chars (${windowsFiles} Windows Dockerfiles left out)`);
} else {
  console.log(`corpus: ${corpusDir} not found, corpus case skipped`);
}
console.log(`typical RUN: ${TYPICAL.end - TYPICAL.start} chars\n`);

const rows = [];
{
  const fn = (r) => parseShell(r.text, r.start, r.end);
  const typical = measure(fn, [TYPICAL]);
  const all = corpus.length > 0 ? measure(fn, corpus) : undefined;
  let errors = 0;
  for (const r of corpus) if (fn(r).errors.length > 0) errors++;
  rows.push({ name: 'docklint (hand-written)', load: ownLoadMs, typical, all, perKb: all && (all * corpus.length) / (chars / 1024), note: `${errors} RUNs with parse errors` });
}

const typicalScript = prepared([TYPICAL]);
const corpusScripts = prepared(corpus);
for (const peer of peers) {
  const loaded = peer.load();
  if (loaded === null) {
    console.log(`${peer.name}: not installed, skipped (set PEERS_DIR)`);
    continue;
  }
  const fn = peer.make(loaded.mod);
  const first = firstCall(fn, typicalScript[0]);
  const typical = measure(fn, typicalScript);
  const all = corpusScripts.length > 0 ? measure(fn, corpusScripts) : undefined;
  rows.push({ name: peer.name, load: loaded.loadMs, typical, all, perKb: all && (all * corpus.length) / (chars / 1024), note: `first call ${fmt(first)} ms` });
}

console.log('');
console.log('| parser | load (ms) | typical RUN (µs) | corpus mean (µs/RUN) | µs per KB | note |');
console.log('| --- | ---: | ---: | ---: | ---: | --- |');
for (const r of rows) {
  console.log(`| ${r.name} | ${fmt(r.load)} | ${fmt(r.typical)} | ${r.all === undefined ? '–' : fmt(r.all)} | ${r.perKb === undefined ? '–' : fmt(r.perKb)} | ${r.note} |`);
}
