/**
 * What the robustness suites feed the linter: texts biased towards each kind's syntax, corpus
 * samples, mutations and line endings. Free of core's code, so that the ESLint plugin's fuzz test
 * draws the same inputs without loading a second copy of core.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { filesUnder } from "../support/shared.js";
import type { FileKind } from "../../src/types.js";

/** Every `step`-th file of a corpus folder, read once: a deterministic sample across all projects. */
export function corpusSample(corpusDir: string, folder: "dockerfile" | "compose", step: number): string[] {
  return filesUnder(join(corpusDir, folder))
    .filter((_, index) => index % step === 0)
    .map((file) => readFileSync(file, "utf8"));
}

/** Small daemon.json seeds (there is no daemon corpus): every kind of JSON value the schema knows. */
export const DAEMON_SEEDS: readonly string[] = [
  '{\n  "log-driver": "json-file",\n  "log-opts": { "max-size": "10m", "max-file": "3" },\n  "live-restore": true\n}\n',
  '{\r\n  "insecure-registries": ["registry.local:5000", "10.0.0.0/8"],\r\n  "hosts": ["tcp://0.0.0.0:2375", "unix:///var/run/docker.sock"],\r\n  "icc": false\r\n}\r\n',
  '\uFEFF{ "userns-remap": "default", "no-new-privileges": true, "default-ulimits": { "nofile": { "Name": "nofile", "Hard": 64000, "Soft": 64000 } } }',
  '{ "experimental": true, "debug": true, "tls": false, "tlsverify": false, "storage-driver": "overlay2", "registry-mirrors": ["http://mirror"], "default-address-pools": [{"base": "172.80.0.0/16", "size": 24}] }\n',
  // The values dockerd parses at start, and the names a lookup table must not take from Object.prototype.
  '{"log-driver": "fluentd", "log-opts": {"fluentd-address": "tcp://h:24224", "fluentd-retry-wait": "1s", "mode": "non-blocking", "max-buffer-size": "4m"}, "default-runtime": "crun", "runtimes": {"crun": {"path": "/usr/bin/crun"}, "constructor": {"runtimeType": "io.containerd.runc.v2", "options": {"SystemdCgroup": true}}}}',
  '{"log-driver": "syslog", "log-opts": {"syslog-facility": "daemon", "syslog-address": "udp://[::1]:514"}, "labels": ["a=b", "a=c"], "dns": ["fe80::1%eth0"], "bip": "10.0.0.1/24", "bridge": "br0", "builder": {"gc": {"enabled": true, "defaultKeepStorage": "10GB", "policy": [{"keepStorage": "1GB", "filter": ["unused-for=1h"]}]}}}',
  '{"exec-opts": ["native.cgroupdriver=systemd"], "cgroup-parent": "x", "host-gateway-ips": ["192.0.2.1", "2001:db8::1"], "bridge-accept-fwmark": "0x1/0xff", "hosts": ["tcp://[::1]:2376"], "insecure-registries": ["[::1]:5000"], "min-api-version": "1.44", "nri-opts": {"enable": true}}',
];

/** Characters that most often flip a parser's state: quotes, brackets, escapes, YAML and shell syntax. */
export const SYNTAX_CHARACTERS = ["\"", "'", "`", "[", "]", "{", "}", "(", ")", "\\", "$", "${", "#", ":", "- ", "&a ", "*a", "<<: ", "|", ">", "&&", "\n", "\r\n", "\r", "\t", "  ", "<<EOF\n", "\nEOF\n", "\uFEFF", "\u00a0", "\u201c", ","];

export type Mutation =
  | { op: "drop"; at: number; length: number }
  | { op: "duplicate"; at: number; length: number }
  | { op: "swap"; at: number; other: number }
  | { op: "insert"; at: number; text: string }
  | { op: "shuffleLines"; seed: number }
  | { op: "truncate"; at: number };

/** Positions are taken modulo the current length, so any number applies to any text. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const size = out.length;
    const at = size === 0 ? 0 : ("at" in m ? m.at : 0) % (size + 1);
    switch (m.op) {
      case "drop":
        out = out.slice(0, at) + out.slice(at + m.length);
        break;
      case "duplicate":
        out = out.slice(0, at + m.length) + out.slice(at, at + m.length) + out.slice(at + m.length);
        break;
      case "swap": {
        if (size < 2) break;
        const a = Math.min(at, size - 1);
        const b = m.other % size;
        const chars = [...out];
        if (chars.length !== size) {
          out = out.slice(0, a) + out.slice(b, b + 1) + out.slice(a + 1);
          break;
        }
        [chars[a], chars[b]] = [chars[b] as string, chars[a] as string];
        out = chars.join("");
        break;
      }
      case "insert":
        out = out.slice(0, at) + m.text + out.slice(at);
        break;
      case "shuffleLines": {
        const lines = out.split("\n");
        // A seeded Fisher–Yates (xorshift): the same seed gives the same order on every run.
        let state = m.seed | 1;
        for (let i = lines.length - 1; i > 0; i--) {
          state ^= state << 13;
          state ^= state >>> 17;
          state ^= state << 5;
          const j = (state >>> 0) % (i + 1);
          [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
        }
        out = lines.join("\n");
        break;
      }
      case "truncate":
        out = out.slice(0, at);
        break;
    }
  }
  return out;
}

/**
 * Names of Object.prototype's members: as an image, a key or a file name they found the member in
 * a lookup table written as an object literal (`FROM constructor` crashed no-undefined-variable).
 */
export const PROTOTYPE_KEYS = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"];

/** Text biased towards the syntax of a kind: its keywords, syntax characters, line breaks and random strings. */
export function textFor(kind: FileKind): fc.Arbitrary<string> {
  const words: Record<FileKind, string[]> = {
    dockerfile: ["FROM", "RUN", "COPY", "ADD", "ARG", "ENV", "USER", "HEALTHCHECK", "CMD", "ENTRYPOINT", "ONBUILD", "SHELL", "EXPOSE", "WORKDIR", "LABEL", "from", "run", "AS", "--from=", "--chown=", "--mount=type=cache,target=", "# syntax=", "# escape=`", "# check=", "apt-get install -y", "apt-get update", "yum install", "curl -k https://", "alpine:3.19", "ubuntu", "\\\n", " && ", "<<EOF", "EOF", "MAINTAINER x", "# docklint-disable-next-line ", "# docklint-disable ", "# docklint-enable", "# docklint-disable-file", "no-sudo", "require-non-root-user", "-- reason", "# hadolint ignore=DL3008", "# hadolint global ignore=DL3002,SC2086", "# checkov:skip=CKV_DOCKER_3: x", "# check=skip=all", ...PROTOTYPE_KEYS],
    compose: ["services:", "  web:", "    image:", "    build:", "    ports:", "      - ", "volumes:", "networks:", "x-base: &base", "<<: *base", "*base", "${VAR:-x}", "$${X}", "privileged: true", "user: root", "extends:", "include:", "healthcheck:", "version: '3'", "---", "? ", "!!str", "{", "}", "[", "]", "# docklint-disable-next-line ", "# docklint-disable ", "# docklint-enable", "no-privileged", "require-cap-drop-all", ...PROTOTYPE_KEYS],
    daemon: ["{", "}", "[", "]", '"hosts"', '"insecure-registries"', '"log-opts"', '"tls"', ": ", ", ", "true", "false", "null", "1e999", '"\\u0000"', '"x"', "-0", "//", "/*", ...PROTOTYPE_KEYS.map((key) => `"${key}"`)],
  };
  const piece = fc.oneof(fc.constantFrom(...words[kind]), fc.constantFrom(...SYNTAX_CHARACTERS), fc.string({ maxLength: 8 }), fc.string({ unit: "grapheme", maxLength: 4 }));
  return fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(""));
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("drop" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant("duplicate" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ op: fc.constant("swap" as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), text: fc.constantFrom(...SYNTAX_CHARACTERS) }),
  fc.record({ op: fc.constant("shuffleLines" as const), seed: fc.integer() }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
);
export const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 6 });

/** The same text with every line break written one way, or each break chosen at random (mixed). */
export type LineEnding = "lf" | "crlf" | "mixed";
export function withLineEndings(text: string, ending: LineEnding, bom: boolean, seed = 1): string {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  let state = seed | 1;
  const breakAt = (): string => {
    if (ending === "lf") return "\n";
    if (ending === "crlf") return "\r\n";
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % 2 === 0 ? "\n" : "\r\n";
  };
  return (bom ? "\uFEFF" : "") + lines.map((line, index) => (index < lines.length - 1 ? line + breakAt() : line)).join("");
}

/**
 * A project as files by path, `/`-separated, relative to the linted file's directory: the files a
 * Compose file reaches through `include`, `extends.file`, `env_file` and build contexts, or a
 * Dockerfile's `.dockerignore` and context. Its first key is the file linted.
 */
export type Project = Record<string, string>;

/** Top-level `include` entries: nested, with a project directory, missing, out of the project, a cycle. */
const PROJECT_INCLUDES = [
  "",
  "include:\n  - other/compose.yaml\n",
  "include:\n  - path: [base.yaml, compose.yaml]\n    env_file: .env\n    project_directory: other\n",
  "include: [missing.yaml, other/compose.yaml, ../outside.yaml]\n",
  "include:\n  - compose.yaml\n",
];

/** A service's lines that reach other files: extends (other files, itself, cycles), env files, build contexts, bind mounts. */
const SERVICE_REFERENCES = [
  "    image: app\n",
  "    extends:\n      file: base.yaml\n      service: web\n",
  "    extends: { file: compose.yaml, service: web }\n",
  "    extends: { file: other/compose.yaml, service: api }\n",
  "    extends: api\n",
  "    extends: web\n",
  "    env_file: [.env, missing.env, { path: other/.env, required: false }]\n",
  "    env_file: .env\n",
  "    build: ./app\n",
  "    build:\n      context: other\n      dockerfile: ../app/Dockerfile\n",
  '    build: { context: ., dockerfile_inline: "FROM alpine" }\n',
  "    build: { context: ../outside }\n",
  "    image: ${IMAGE:-api}\n",
  "    volumes: [./data:/data, .env:/x]\n",
  // What the rules about a missing setting read of the other layers, with Compose's merge tags.
  "    cap_drop: [ALL]\n    security_opt: [no-new-privileges:true]\n    mem_limit: 1g\n",
  "    cap_drop: !reset []\n",
  "    cap_drop: !override [NET_RAW]\n",
  '    security_opt: !reset ["no-new-privileges:true"]\n',
  "    deploy: !reset {}\n",
  "    deploy: { resources: { limits: !override { memory: 1g, pids: 9 } } }\n",
  "    mem_limit: !reset\n    pids_limit: !override 100\n",
  '    healthcheck: !reset\n      test: ["CMD", "true"]\n',
  "    privileged: !reset true\n    user: !reset root\n    read_only: !override false\n",
];

const ENV_LINES = ["IMAGE=nginx:1.27", "export X=1", "PASSWORD=hunter2", "# c", "BAD LINE", "Q=\"a b", "=", "K='v'", "\\", "${X}"];
const IGNORE_LINES = ["*", "!app", "**/*.env", ".env", "node_modules", "# c", "!", "[", "\\", "app/../x", "/abs"];
/** `.gitignore` lines (git's syntax, broken ones too), read for a missing env file. */
const GITIGNORE_LINES = [".env", "missing.env", "*.env", "!missing.env", "other/", "/app", "**", "missing.*", "# c", "!", "[", "\\", "\\!x", "a/**/b"];
/** `.gitmodules` texts, for a build context or file in a submodule that is not checked out. */
const GITMODULES = ['[submodule "other"]\n\tpath = other\n', "path = ./app/\n", "path=\n", "path = ../outside\n", "[submodule]\ngarbage = = =\n"];

function textOfLines(lines: readonly string[]): fc.Arbitrary<string> {
  return fc.array(fc.oneof(fc.constantFrom(...lines), fc.string({ maxLength: 12 })), { maxLength: 8 }).map((parts) => parts.join("\n"));
}

/**
 * A Compose text that refers to other files of a project: mostly a well-formed skeleton of
 * services with references, now and then mutated, sometimes kind-biased noise or a corpus seed
 * with an include.
 */
function projectCompose(seeds: readonly string[]): fc.Arbitrary<string> {
  const service = (name: string) => fc.array(fc.constantFrom(...SERVICE_REFERENCES), { maxLength: 3 }).map((lines) => `  ${name}:\n${lines.join("") || "    image: x\n"}`);
  const skeleton = fc.tuple(fc.constantFrom(...PROJECT_INCLUDES), service("web"), service("api"), fc.option(service("db"), { nil: "" })).map(([include, ...services]) => `${include}services:\n${services.join("")}`);
  const withSeed = seeds.length > 0 ? fc.tuple(fc.constantFrom(...PROJECT_INCLUDES), fc.constantFrom(...seeds)).map(([include, seed]) => include + seed) : skeleton;
  const text = fc.oneof({ weight: 6, arbitrary: skeleton }, { weight: 2, arbitrary: withSeed }, { weight: 1, arbitrary: textFor("compose") });
  return fc.tuple(text, fc.array(mutationArb, { maxLength: 2 })).map(([compose, mutations]) => mutate(compose, mutations));
}

/**
 * A project around a Compose file (`compose.yaml`, or an override of it) or a Dockerfile: each
 * other file present or not, any of them broken, cycles and paths out of the project included.
 */
export function projectFor(kind: "compose" | "dockerfile", seeds: { compose: readonly string[]; dockerfile: readonly string[] }): fc.Arbitrary<Project> {
  const dockerfile = seeds.dockerfile.length > 0 ? fc.oneof(textFor("dockerfile"), fc.constantFrom(...seeds.dockerfile)) : textFor("dockerfile");
  const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined });
  const others = fc.record({
    "base.yaml": maybe(projectCompose(seeds.compose)),
    // The override loaded with compose.yaml (when that is the linted file).
    "compose.override.yaml": maybe(projectCompose(seeds.compose)),
    "other/compose.yaml": maybe(projectCompose(seeds.compose)),
    ".env": maybe(textOfLines(ENV_LINES)),
    "other/.env": maybe(textOfLines(ENV_LINES)),
    "app/Dockerfile": maybe(dockerfile),
    "app/.dockerignore": maybe(textOfLines(IGNORE_LINES)),
    ".dockerignore": maybe(textOfLines(IGNORE_LINES)),
    "app/.env": maybe(textOfLines(ENV_LINES)),
    // The repository around the project: what git ignores, and submodules not checked out.
    ".git/HEAD": maybe(fc.constant("ref: refs/heads/main\n")),
    ".gitignore": maybe(textOfLines(GITIGNORE_LINES)),
    "other/.gitignore": maybe(textOfLines(GITIGNORE_LINES)),
    ".gitmodules": maybe(fc.constantFrom(...GITMODULES)),
  });
  const root =
    kind === "dockerfile"
      ? dockerfile.map((text) => ["Dockerfile", text] as const)
      : fc.tuple(fc.constantFrom("compose.yaml", "compose.override.yaml"), projectCompose(seeds.compose)).map(([name, text]) => [name, text] as const);
  return fc.tuple(root, others, maybe(projectCompose(seeds.compose))).map(([[name, text], rest, base]) => {
    const project: Project = { [name]: text };
    for (const [path, content] of Object.entries(rest)) if (content !== undefined && path !== name) project[path] = content;
    // An override's base, when the linted file is the override.
    if (name === "compose.override.yaml" && base !== undefined) project["compose.yaml"] = base;
    return project;
  });
}
