#!/usr/bin/env node
// Differential check of docklint's shell parser against mvdan-sh (the Go
// shell parser compiled to JS) on every shell-form RUN of the corpus:
//
// 1. the same simple commands, in the same order, with the same number of
//    words and the same literal values (where both sides have a literal);
// 2. the same word offsets in the joined script;
// 3. with Dockerfile continuations, each word's file range, with Docker's
//    joining applied, is exactly the word's text in the joined script.
//
//   npm install --prefix /tmp/peers mvdan-sh
//   pnpm --filter @docklint/core build
//   PEERS_DIR=/tmp/peers node bench/shell/compare-mvdan.mjs
//
// Exits 1 on any difference. mvdan-sh reports `export`/`local`/`declare`/
// `readonly`/`typeset`/`let` and `time` as their own node types, not as
// calls, so those commands are left out of the comparison.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadCorpus } from './corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const parserPath = resolve(process.env.SHELL_PARSER ?? join(repo, 'packages/core/dist/shell/index.js'));
if (!existsSync(parserPath)) {
  console.error(`${parserPath} not found: run \`pnpm --filter @docklint/core build\` first (or set SHELL_PARSER).`);
  process.exit(2);
}
const { parseShell } = await import(pathToFileURL(parserPath).href);

let syntax;
try {
  syntax = createRequire(join(resolve(process.env.PEERS_DIR ?? join(repo, 'bench')), 'package.json'))('mvdan-sh').syntax;
} catch {
  console.log('mvdan-sh: not installed, skipped (set PEERS_DIR)');
  process.exit(0);
}

const corpusDir = resolve(process.env.CORPUS_DIR ?? join(repo, '..', 'shared', 'corpus', 'dockerfile'));
const { regions, found } = loadCorpus(corpusDir);
if (!found) {
  console.log(`corpus: ${corpusDir} not found, skipped`);
  process.exit(0);
}

const NOT_CALLS = new Set(['export', 'local', 'declare', 'readonly', 'typeset', 'let', 'time']);

/** mvdan word → literal value after quote removal, or null if it has an expansion. */
function literal(word) {
  let s = '';
  for (const part of word.Parts) {
    const t = syntax.NodeType(part);
    if (t === 'Lit') s += part.Value.replace(/\\(.)/gs, '$1');
    else if (t === 'SglQuoted' && !part.Dollar) s += part.Value;
    else if (t === 'DblQuoted' && !part.Dollar) {
      for (const q of part.Parts) {
        if (syntax.NodeType(q) !== 'Lit') return null;
        s += q.Value.replace(/\\([$`"\\])/g, '$1').replace(/\\\n/g, '');
      }
    } else return null;
  }
  return s;
}

/** Docker's joining, written independently of the parser: escape + blanks + newline, then blank and comment lines. */
const dockerJoin = (s) => s.replace(/\\[ \t]*\r?\n(?:[ \t\r]*(?:#[^\n]*)?\n)*/g, '');

let runs = 0, skipped = 0, commands = 0, words = 0;
const failures = [];
const fail = (r, what) => {
  if (failures.length < 20) failures.push(`${r.file}: ${what}`);
};

for (const r of regions) {
  const inFile = parseShell(r.text, r.start, r.end);
  const script = inFile.script;
  const plain = parseShell(script, 0, script.length, { dockerfileContinuations: false });
  let file;
  try {
    file = syntax.NewParser().Parse(script, 'run.sh');
  } catch {
    skipped++;
    continue;
  }
  runs++;
  const theirs = [];
  syntax.Walk(file, (node) => {
    if (node && syntax.NodeType(node) === 'CallExpr' && node.Args.length > 0) {
      theirs.push(node.Args.map((w) => ({ value: literal(w), start: w.Pos().Offset(), end: w.End().Offset() })));
    }
    return true;
  });
  const calls = (res) => res.commands.filter((c) => c.name && !NOT_CALLS.has(c.name.value)).map((c) => [c.name, ...c.args]);
  const ours = calls(plain);
  const oursInFile = calls(inFile);
  commands += ours.length;
  if (ours.length !== theirs.length) {
    fail(r, `${ours.length} commands, mvdan-sh has ${theirs.length}`);
    continue;
  }
  for (let i = 0; i < ours.length; i++) {
    const a = ours[i], b = theirs[i], f = oursInFile[i];
    if (a.length !== b.length) {
      fail(r, `command ${i}: ${a.length} words, mvdan-sh has ${b.length}`);
      break;
    }
    for (let j = 0; j < a.length; j++) {
      words++;
      if (!a[j].hasExpansion && b[j].value !== null && a[j].value !== b[j].value) fail(r, `word ${JSON.stringify(a[j].value)} ≠ ${JSON.stringify(b[j].value)}`);
      if (a[j].start !== b[j].start || a[j].end !== b[j].end) fail(r, `word ${JSON.stringify(a[j].value)} at [${a[j].start}, ${a[j].end}), mvdan-sh [${b[j].start}, ${b[j].end})`);
      const raw = dockerJoin(r.text.slice(f[j].start, f[j].end));
      if (raw !== script.slice(a[j].start, a[j].end)) fail(r, `file range of ${JSON.stringify(a[j].value)} is ${JSON.stringify(raw)}`);
    }
  }
}

console.log(`${runs} RUNs compared (${skipped} rejected by mvdan-sh), ${commands} commands, ${words} words`);
if (failures.length > 0) {
  console.log(`${failures.length}${failures.length === 20 ? '+' : ''} differences:`);
  for (const f of failures) console.log('  ' + f);
  process.exit(1);
}
console.log('no differences');
