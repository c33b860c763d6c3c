import type { DockerfileModel, Instruction, Stage } from "../../dockerfile/model.js";
import { stageChain, workdirBefore } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import type { SourceText } from "../../source.js";
import { buildContextDir, compilePattern, excludingPattern, matchTokens, parseDockerIgnore, readIgnoreFile, type DockerIgnore } from "../../util/dockerignore.js";
import { cleanPath, pathBaseName } from "../../util/posix-path.js";
import { BoundedCache } from "../../util/bounded-cache.js";
import { ownValue } from "../../util/own-value.js";
import { contextSources, copyOperands, hasGlob } from "./_copy-operands.js";
import { coversDirectory, localVariables, removedPaths } from "./_package-managers.js";
import { commandsOfRun } from "./_run-commands.js";

interface Options {
  /** Context paths (`.dockerignore` pattern syntax) that hold no secret: a test fixture's `test/server.key`. */
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

const PRIVATE_KEY = "private key";

/** Words of a certificate's file name (`cert.pem`, `server-cert.pem`, `cacert.pem`, `ca.pem`, `fullchain.pem`, `server.crt.pem`). */
function isCertificateWord(word: string): boolean {
  return word === "ca" || word === "rootca" || word === "crt" || word === "cer" || word === "chain" || word === "fullchain" || word.startsWith("cert") || word.endsWith("cert") || word.endsWith("certs");
}

/**
 * What a `*.pem` or `*.key` file is by its name: a private key unless the name says public
 * material. Any `priv`/`secret` word decides for a key, then any `pub` word for public
 * (`public.pem`, `jwt-public.key`, `id.pub.pem`, `pubkey.pem`), then any `key` word for a key
 * (`ca-key.pem`, `cakey.pem`, `server-key.pem`), and for `.pem` a certificate's word for public
 * (`cert.pem`, `ca.pem`, `fullchain.pem`, as `*.crt` files are). A `.key` is a key whatever its
 * name says of certificates: `ca.key` is the CA's private key.
 */
function keyFileKindByName(lower: string): string | undefined {
  const pem = lower.endsWith(".pem");
  const words = lower.slice(0, -4).split(/[^a-z0-9]+/);
  if (words.some((word) => word.includes("priv") || word.includes("secret"))) return PRIVATE_KEY;
  if (words.some((word) => word === "pub" || word === "pubkey" || word.startsWith("public"))) return undefined;
  if (!pem || words.some((word) => word.includes("key"))) return PRIVATE_KEY;
  return words.some(isCertificateWord) ? undefined : PRIVATE_KEY;
}

/** PEM labels of public material (`-----BEGIN CERTIFICATE-----`): a file holding only these is no secret. */
const PUBLIC_PEM_LABELS: ReadonlySet<string> = new Set([
  "PUBLIC KEY",
  "RSA PUBLIC KEY",
  "CERTIFICATE",
  "TRUSTED CERTIFICATE",
  "X509 CRL",
  "CERTIFICATE REQUEST",
  "NEW CERTIFICATE REQUEST",
  "PKCS7",
  "DH PARAMETERS",
  "EC PARAMETERS",
  "PGP PUBLIC KEY BLOCK",
]);

const PEM_BEGIN = "-----BEGIN ";

/**
 * What the PEM blocks of a file's text hold: "private" when any is a private key (`PRIVATE KEY`,
 * `RSA PRIVATE KEY`, `OPENSSH PRIVATE KEY`, `PGP PRIVATE KEY BLOCK`…), "public" when all are
 * public material, undefined when there are none (a DER file, unreadable) or one not known here.
 */
function pemMaterial(text: string): "private" | "public" | undefined {
  let known = true;
  let blocks = 0;
  for (let at = text.indexOf(PEM_BEGIN); at >= 0; at = text.indexOf(PEM_BEGIN, at + PEM_BEGIN.length)) {
    const start = at + PEM_BEGIN.length;
    const end = text.indexOf("-----", start);
    if (end < 0) break;
    const label = text.slice(start, end);
    if (label.includes("PRIVATE KEY")) return "private";
    blocks++;
    if (!PUBLIC_PEM_LABELS.has(label)) known = false;
  }
  return blocks > 0 && known ? "public" : undefined;
}

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
  if (isKeyFile(lower)) return keyFileKindByName(lower);
  if (/\.(?:p12|pfx|jks|keystore)$/.test(lower)) return "key store";
  return undefined;
}

interface Secret {
  /** Context path, without a trailing `/`. */
  path: string;
  what: string;
}

/** `*.pem`, `*.key`: files whose content, when it can be read, says whether they hold a private key. */
function isKeyFile(lowerName: string): boolean {
  return lowerName.endsWith(".pem") || lowerName.endsWith(".key");
}

/** A listed entry that is a secret by its name, as `secretKind` judges it, or a key file whatever its name says. */
interface Candidate {
  /** Relative to the listed directory, without a trailing `/`. */
  entry: string;
  isDir: boolean;
  /** Undefined for a key file whose name says public material. */
  what: string | undefined;
  /** A `*.pem`/`*.key` file: its content decides when it can be read. */
  keyFile: boolean;
}

/** What a key file is: its content decides when it holds PEM blocks all known here, else its name. */
function keyFileKind(material: "private" | "public" | undefined, byName: string | undefined): string | undefined {
  if (material === "private") return PRIVATE_KEY;
  return material === "public" ? undefined : byName;
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
      const keyFile = !isDir && isKeyFile(pathBaseName(path).toLowerCase());
      if (what !== undefined || keyFile) candidates.push({ entry: path, isDir, what, keyFile });
    }
    return candidates;
  });
}

/**
 * Secrets of a listing that the ignore file lets into the context, outermost only (`.ssh`, not
 * `.ssh/id_rsa`), as context paths: `prefix` is the listed directory's path in the context, with a
 * trailing `/` (or "" for the context root). `read` gives a context file's text, undefined when it
 * cannot be read; only the key files that would go into the image are read.
 */
function secretsInContext(listing: readonly string[], prefix: string, ignore: DockerIgnore | undefined, allow: readonly ReturnType<typeof compilePattern>[], read: (path: string) => string | undefined): Secret[] {
  const secrets: Secret[] = [];
  const secretDirs: string[] = [];
  for (const { entry, isDir, what, keyFile } of secretCandidates(listing)) {
    const path = `${prefix}${entry}`;
    if (secretDirs.some((dir) => path.startsWith(`${dir}/`))) continue;
    if (ignore && excludingPattern(ignore, path)) continue;
    if (allow.some((tokens) => tokens !== undefined && matchTokens(tokens, path))) continue;
    const kind = keyFile ? keyFileKind(pemMaterial(read(path) ?? ""), what) : what;
    if (kind === undefined) continue;
    if (isDir) secretDirs.push(path);
    secrets.push({ path, what: kind });
  }
  return secrets;
}

/** The directory a COPY writes to, absolute and cleaned; undefined when a variable hides it. */
function destinationDir(instruction: Instruction, destination: string): string | undefined {
  if (destination.startsWith("/")) return cleanPath(destination);
  const workdir = workdirBefore(instruction);
  return workdir === undefined ? undefined : cleanPath(`${workdir}/${destination}`);
}

/**
 * The paths (absolute, globs kept) that `rm` or `find -delete` removes in the RUNs of `stage`
 * after `after`. Relative paths are read from the WORKDIR of their RUN; a path that cannot be
 * resolved is left out (nothing is assumed deleted).
 */
function removedLaterInStage(model: DockerfileModel, stage: Stage, after: Instruction): string[] {
  const removed: string[] = [];
  const start = stage.instructions.indexOf(after);
  for (const run of stage.instructions.slice(start + 1)) {
    if (run.keyword !== "RUN") continue;
    for (const { raw, script } of commandsOfRun(model, run)) {
      for (const path of removedPaths(raw, run, localVariables(script))) {
        const absolute = destinationDir(run, path);
        if (absolute !== undefined) removed.push(absolute);
      }
    }
  }
  return removed;
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
      for (const instruction of stage.instructions) {
        const sources = contextSources(instruction, model);
        if (sources.length === 0) continue;
        const { destination } = copyOperands(instruction, source, model.escapeChar);
        if (!destination || destination.unresolved.length > 0) continue;
        for (const { operand, path } of sources) {
          if (hasGlob(path)) continue;
          const target = destinationDir(instruction, destination.value);
          // Copying a directory writes its content into the destination directory.
          if (!ships(stage, target, model, source)) continue;
          if (ignoreFile === null) ignoreFile = readIgnoreFile(filePath, context, readFile);
          const ignore = ignoreFile ? parseDockerIgnore(ignoreFile.text) : undefined;
          const { listing, prefix } = listed(path);
          let secrets = secretsInContext(listing, prefix, ignore, allow, (file) => readFile(`${context}${file}`));
          // A stage that ships only through COPY --from gives its final filesystem: what a later
          // RUN of it deletes is not copied (healthchecks copies `.` into its builder stage, then
          // `rm -rf /opt/healthchecks/.git`, then the final stage copies the directory).
          if (secrets.length > 0 && target !== undefined && !stageChain(model.stages.at(-1) ?? stage).includes(stage)) {
            const removed = removedLaterInStage(model, stage, instruction);
            if (removed.length > 0) secrets = secrets.filter((secret) => !removed.some((pattern) => coversDirectory(pattern, `${target === "/" ? "" : target}/${secret.path.slice(prefix.length)}`)));
          }
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
