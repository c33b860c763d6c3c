// Projects: Compose files that reach other files, linted through the CLI. Every lint of a file
// that extends another reads that file again; these trees show what that costs per run.
//
//   node bench/projects.mjs [name ...]
//
// - "one base for many": 500 Compose files in directories of their own, each extending a service
//   of one 2,100-line base file (a monorepo's shared definitions);
// - "a chain of files": 2,000 Compose files, each extending a service of the next;
// - "one .dockerignore for many": 500 Dockerfiles in one directory with a 300-line .dockerignore
//   and 2,000 files of context;
// - "services built from the root": a Compose file of 200 services, each built from the root
//   (5,000 files, a few secrets among them) with a Dockerfile of its own;
// - "a .gitignore of 2,000 patterns": 20,000 directories of a git repository, a Dockerfile in each,
//   beside a .gitignore of 2,000 patterns that match none of them (literal names, `*.ext`,
//   anchored paths, `**/dir/**`); "the same tree with --no-ignore" is what reading it costs.
//
// Each tree is generated in a temporary directory and linted once by `bin/docklint.js` with
// `--format json --concurrency off` (run `pnpm build` first); prints the wall time, the files
// linted and the messages. Not part of run.mjs or of any test.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// BENCH_DOCKLINT_BIN: another build's bin/docklint.js (a worktree of an older commit), for a comparison.
const bin = process.env.BENCH_DOCKLINT_BIN ?? resolve(dirname(fileURLToPath(import.meta.url)), "../packages/cli/bin/docklint.js");

function write(root, path, text) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

const PROJECTS = {
  "one base for many": (root) => {
    let base = "services:\n";
    for (let i = 0; i < 300; i++) {
      base += `  svc${i}:\n    image: registry.example.com/app${i}:1.0.0\n    environment:\n      A: "1"\n      B: "2"\n    volumes:\n      - ./d${i}:/data\n`;
    }
    write(root, "common/base.yml", base);
    for (let app = 0; app < 500; app++) {
      write(root, `app${app}/compose.yaml`, `services:\n  web:\n    extends:\n      file: ../common/base.yml\n      service: svc${app % 300}\n    ports:\n      - "127.0.0.1:8080:80"\n`);
    }
    return ["."];
  },
  "a chain of files": (root) => {
    const files = 2000;
    for (let i = 0; i < files; i++) {
      const next = i + 1 < files ? `    extends:\n      file: c${i + 1}.yaml\n      service: s\n` : "    image: alpine:3.19\n";
      write(root, `c${i}.yaml`, `services:\n  s:\n${next}    read_only: true\n`);
    }
    return ["*.yaml", "--kind", "compose"];
  },
  "one .dockerignore for many": (root) => {
    let ignore = "";
    for (let i = 0; i < 300; i++) ignore += i % 3 === 0 ? `**/*.tmp${i}\n` : i % 3 === 1 ? `build${i}/\n` : `!keep${i}.txt\n`;
    write(root, ".dockerignore", ignore);
    for (let d = 0; d < 40; d++) for (let f = 0; f < 50; f++) write(root, `src${d}/f${f}.js`, "x");
    for (let i = 0; i < 500; i++) write(root, `svc${i}.Dockerfile`, `FROM node:24-alpine\nWORKDIR /app\nCOPY src${i % 40}/ ./src/\nCOPY package.json ./\nRUN npm ci\nUSER node\n`);
    return ["."];
  },
  "services built from the root": (root) => {
    write(root, ".dockerignore", ".git\n.env\n");
    for (let d = 0; d < 100; d++) for (let f = 0; f < 50; f++) write(root, `lib${d}/f${f}.js`, "x");
    for (const secret of [".env", "keys/id_rsa", "lib3/server.pem", "lib3/.ssh/id_ed25519"]) write(root, secret, "x");
    let compose = "services:\n";
    for (let i = 0; i < 200; i++) {
      write(root, `svc${i}/Dockerfile`, `FROM node:24-alpine\nWORKDIR /app\nCOPY . .\nCOPY lib${i % 100}/ ./lib/\nRUN npm ci\nUSER node\n`);
      compose += `  s${i}:\n    build:\n      context: .\n      dockerfile: svc${i}/Dockerfile\n    read_only: true\n`;
    }
    write(root, "compose.yaml", compose);
    return ["."];
  },
  "a .gitignore of 2,000 patterns": (root) => {
    gitignoreTree(root);
    return ["."];
  },
  "the same tree with --no-ignore": (root) => {
    gitignoreTree(root);
    return [".", "--no-ignore"];
  },
};

function gitignoreTree(root) {
  // A `.git` directory makes the root the repository's top, where ignore files start applying.
  mkdirSync(join(root, ".git"));
  const shapes = [(i) => `*.ext${i}`, (i) => `build${i}/`, (i) => `/generated/out${i}`, (i) => `**/tmp${i}/**`, (i) => `logs${i}.txt`];
  write(root, ".gitignore", Array.from({ length: 2000 }, (_, i) => shapes[i % shapes.length](i)).join("\n") + "\n");
  for (let d = 0; d < 400; d++) for (let s = 0; s < 50; s++) write(root, `pkg${d}/sub${s}/Dockerfile`, "FROM alpine:3.20\n");
}

const chosen = process.argv.slice(2);
for (const [name, generate] of Object.entries(PROJECTS)) {
  if (chosen.length > 0 && !chosen.includes(name)) continue;
  const root = mkdtempSync(join(tmpdir(), "docklint-bench-project-"));
  try {
    const patterns = generate(root);
    const start = performance.now();
    const child = spawnSync(process.execPath, [bin, ...patterns, "--format", "json", "--concurrency", "off"], { cwd: root, encoding: "utf8", maxBuffer: 1 << 30 });
    const seconds = (performance.now() - start) / 1000;
    if (child.status !== 0 && child.status !== 1) throw new Error(`${name}: docklint exited with ${child.status}: ${child.stderr}`);
    const results = JSON.parse(child.stdout);
    const messages = results.reduce((sum, result) => sum + result.messages.length, 0);
    console.log(`${name}: ${seconds.toFixed(2)} s, ${results.length} files, ${messages} messages`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
