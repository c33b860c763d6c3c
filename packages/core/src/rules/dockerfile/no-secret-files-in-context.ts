import type { DockerfileModel, Instruction, Stage } from "../../dockerfile/model.js";
import { stageChain } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import type { SourceText } from "../../source.js";
import { buildContextDir, compilePattern, excludingPattern, matchTokens, parseDockerIgnore, readIgnoreFile, type DockerIgnore } from "../../util/dockerignore.js";
import { cleanPath, pathBaseName } from "../../util/posix-path.js";
import { BoundedCache } from "../../util/bounded-cache.js";
import { ownValue } from "../../util/own-value.js";
import { copyOperands, hasGlob, isRemoteSource } from "./_copy-operands.js";

interface Options {
  /** Context paths (`.dockerignore` pattern syntax) that hold no secret: a public `certs/ca.pem`. */
  allow: string[];
}

/** Suffixes of the committed template an env file is made from: not a secret. */
const ENV_TEMPLATE = /\.(?:example|sample|template|tmpl|dist|defaults?|schema)$/i;

/** Directories whose mere presence is the leak: their whole content is credentials or history. */
const SECRET_DIRS: Readonly<Record<string, string>> = {
  ".git": "repository history, which keeps every secret ever committed",
  ".aws": "AWS credentials",
  ".ssh": "SSH keys",
  ".gnupg": "GPG keys",
  ".kube": "Kubernetes credentials",
};

/** Files known by name. */
const SECRET_NAMES: Readonly<Record<string, string>> = {
  ".npmrc": "npm credentials",
  ".pypirc": "PyPI credentials",
  ".netrc": "login credentials",
  ".pgpass": "PostgreSQL passwords",
  ".htpasswd": "password hashes",
  ".git-credentials": "Git credentials",
  "credentials.json": "credentials",
  "terraform.tfstate": "Terraform state, which holds secrets in clear",
  "terraform.tfstate.backup": "Terraform state, which holds secrets in clear",
};

/** What a context path is, when it is a secret (`path` without a trailing `/`). */
function secretKind(path: string, isDir: boolean): string | undefined {
  const name = pathBaseName(path);
  if (isDir) return ownValue(SECRET_DIRS, name);
  if (path === ".docker/config.json" || path.endsWith("/.docker/config.json")) return "registry credentials";
  const known = ownValue(SECRET_NAMES, name);
  if (known) return known;
  const lower = name.toLowerCase();
  if ((lower === ".env" || lower.startsWith(".env.")) && !ENV_TEMPLATE.test(lower)) return "environment file";
  if (/^id_(?:rsa|dsa|ecdsa|ed25519)/.test(lower) && !lower.endsWith(".pub")) return "SSH private key";
  if (/\.(?:pem|key)$/.test(lower)) return "private key";
  if (/\.(?:p12|pfx|jks|keystore)$/.test(lower)) return "key store";
  return undefined;
}

interface Secret {
  /** Context path, without a trailing `/`. */
  path: string;
  what: string;
}

/** A listed entry that is a secret by its name, as `secretKind` judges it. */
interface Candidate {
  /** Relative to the listed directory, without a trailing `/`. */
  entry: string;
  isDir: boolean;
  what: string;
}

/**
 * The entries of a listing that are secrets by their names, in sorted order, by listing: the CLI
 * lists a directory once per run and hands every lint the same array, so the Dockerfiles that
 * share a context (a monorepo's services built from its root) judge its names once. 200 of them
 * over a 5,000-entry root: 1,000,000 names judged, a third of the run. A host that lists afresh
 * for each lint only misses; the bound keeps what it leaves here small.
 */
const candidatesByListing = new BoundedCache<readonly string[], readonly Candidate[]>(16);

function secretCandidates(listing: readonly string[]): readonly Candidate[] {
  return candidatesByListing.lookup(listing, () => {
    const candidates: Candidate[] = [];
    for (const entry of [...listing].sort()) {
      const isDir = entry.endsWith("/");
      const path = isDir ? entry.slice(0, -1) : entry;
      if (path === "") continue;
      const what = secretKind(path, isDir);
      if (what !== undefined) candidates.push({ entry: path, isDir, what });
    }
    return candidates;
  });
}

/**
 * Secrets of a listing that the ignore file lets into the context, outermost only (`.ssh`, not
 * `.ssh/id_rsa`), as context paths: `prefix` is the listed directory's path in the context, with a
 * trailing `/` (or "" for the context root).
 */
function secretsInContext(listing: readonly string[], prefix: string, ignore: DockerIgnore | undefined, allow: readonly ReturnType<typeof compilePattern>[]): Secret[] {
  const secrets: Secret[] = [];
  const secretDirs: string[] = [];
  for (const { entry, isDir, what } of secretCandidates(listing)) {
    const path = `${prefix}${entry}`;
    if (secretDirs.some((dir) => path.startsWith(`${dir}/`))) continue;
    if (ignore && excludingPattern(ignore, path)) continue;
    if (allow.some((tokens) => tokens !== undefined && matchTokens(tokens, path))) continue;
    if (isDir) secretDirs.push(path);
    secrets.push({ path, what });
  }
  return secrets;
}

/** The directory a COPY writes to, absolute and cleaned; undefined when a variable hides it. */
function destinationDir(instruction: Instruction, destination: string, chain: readonly Stage[]): string | undefined {
  if (destination.startsWith("/")) return cleanPath(destination);
  let workdir = "/";
  // WORKDIRs accumulate from the root stage down to this instruction.
  for (const stage of [...chain].reverse()) {
    for (const candidate of stage.instructions) {
      if (candidate === instruction) break;
      if (candidate.keyword !== "WORKDIR") continue;
      const expanded = candidate.scope.expand(candidate.argsText.trim());
      if (expanded.unresolved.length > 0) return undefined;
      workdir = expanded.value.startsWith("/") ? expanded.value : `${workdir}/${expanded.value}`;
    }
  }
  return cleanPath(`${workdir}/${destination}`);
}

function isUnder(path: string, dir: string): boolean {
  return dir === "/" || path === dir || path.startsWith(`${dir}/`);
}

/**
 * Whether what a COPY writes at `destination` in `stage` ends up in the image that ships: the
 * stage is the final one or one it builds on, or a stage of that chain copies (`COPY --from`)
 * a directory that holds `destination`. A build stage whose output is only partly copied
 * (`COPY --from=build /app/dist …`) keeps the secret in its own layers, which are not pushed.
 */
function ships(stage: Stage, destination: string | undefined, model: DockerfileModel, source: SourceText): boolean {
  const final = model.stages.at(-1);
  if (!final) return false;
  const chain = stageChain(final);
  if (chain.includes(stage)) return true;
  for (const shipped of chain) {
    for (const instruction of shipped.instructions) {
      if (instruction.keyword !== "COPY" && instruction.keyword !== "ADD") continue;
      const from = instruction.flags.find((flag) => flag.name.toLowerCase() === "from")?.value;
      if (from === undefined) continue;
      const named = from.toLowerCase() === stage.name?.toLowerCase() || from === String(stage.index);
      if (!named) continue;
      const { sources } = copyOperands(instruction, source, model.escapeChar);
      for (const operand of sources) {
        if (operand.unresolved.length > 0) continue;
        const copied = cleanPath(`/${operand.value}`);
        // An unknown destination is judged by a copy of the whole stage only.
        if (destination === undefined ? copied === "/" : isUnder(destination, copied)) return true;
      }
    }
  }
  return false;
}

function describe(secrets: readonly Secret[]): string {
  const shown = secrets.slice(0, 3).map((s) => `\`${s.path}${ownValue(SECRET_DIRS, pathBaseName(s.path)) ? "/" : ""}\` (${s.what})`);
  const more = secrets.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "no-secret-files-in-context",
    kind: "dockerfile",
    category: "security",
    severity: "error",
    docs: "Disallow COPY/ADD of the build context (or a directory of it) that would put secret files (`.env`, keys, `.git`) into the image.",
    presets: ["recommended"],
    messages: {
      secretFiles:
        "{{keyword}} `{{source}}` copies {{files}} from the build context into the image: anyone who can pull the image can read {{them}}, even if a later step deletes {{them}}; exclude {{them}} in {{ignoreFile}} (e.g. `{{pattern}}`), or copy only what the build needs.",
      missingIgnoreFile:
        "{{keyword}} `{{source}}` copies the whole build context and there is no `{{ignoreFile}}`: whatever lands in the directory later (`.env`, keys, `.git`) is shipped in the image, and any change busts the layer cache; add a `.dockerignore` (at least `.git`, `.env*`, `*.pem`, `*.key`), or copy only what the build needs.",
    },
    options: {
      schema: { type: "object", properties: { allow: { type: "array", items: { type: "string" } } }, additionalProperties: false },
      defaults: { allow: [] },
    },
    references: {},
  },
  check({ model, source, filePath, settings, options, services, report }) {
    const readFile = services.readFile;
    const context = buildContextDir(settings.buildContext);
    if (!readFile || context === undefined) return;
    let ignoreFile: ReturnType<typeof readIgnoreFile> | null = null;
    // What a directory of the context holds (its path relative to the context, `.` for the root).
    const listed = (dir: string): { listing: readonly string[]; prefix: string } => {
      const prefix = dir === "." ? "" : `${dir}/`;
      return { listing: services.listFiles?.(`${context}${prefix}`.replace(/\/$/, "")) ?? [], prefix };
    };
    const allow = options.allow.map((pattern) => compilePattern(cleanPath(pattern.replace(/^\/+/, ""))));
    let reportedMissing = false;
    // ONBUILD triggers are left out: they run in a child image's build, with that build's context.
    for (const stage of model.stages) {
      const chain = stageChain(stage);
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== "COPY" && instruction.keyword !== "ADD") continue;
        if (instruction.flags.some((flag) => flag.name.toLowerCase() === "from")) continue;
        const { sources, destination } = copyOperands(instruction, source, model.escapeChar);
        if (!destination || destination.unresolved.length > 0) continue;
        for (const operand of sources) {
          if (operand.heredoc || operand.unresolved.length > 0 || operand.value === "" || isRemoteSource(operand.value)) continue;
          const slashed = model.escapeChar === "`" ? operand.value.replace(/\\/g, "/") : operand.value;
          if (hasGlob(slashed)) continue;
          // The context root is `/` as much as `.`; `..` cannot leave the context.
          const path = cleanPath(`/${slashed}`).slice(1) || ".";
          const target = destinationDir(instruction, destination.value, chain);
          // Copying a directory writes its content into the destination directory.
          if (!ships(stage, target, model, source)) continue;
          if (ignoreFile === null) ignoreFile = readIgnoreFile(filePath, context, readFile);
          const ignore = ignoreFile ? parseDockerIgnore(ignoreFile.text) : undefined;
          const { listing, prefix } = listed(path);
          const secrets = secretsInContext(listing, prefix, ignore, allow);
          if (secrets.length > 0) {
            const first = secrets[0] as Secret;
            report({
              messageId: "secretFiles",
              data: {
                keyword: instruction.keyword,
                source: operand.value,
                files: describe(secrets),
                them: secrets.length === 1 ? "it" : "them",
                ignoreFile: ignoreFile ? `\`${ignoreFile.name}\`` : `a new \`${context}.dockerignore\``,
                pattern: first.path,
              },
              range: operand.range,
            });
          } else if (path === "." && !ignoreFile && !reportedMissing) {
            reportedMissing = true;
            // Nothing secret is there today; the advice is about tomorrow's files, so it is milder.
            report({ messageId: "missingIgnoreFile", level: "warning", data: { keyword: instruction.keyword, source: operand.value, ignoreFile: `${context}.dockerignore` }, range: operand.range });
          }
        }
      }
    }
  },
});
