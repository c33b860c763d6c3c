/**
 * Shared by the rules that judge what RUN scripts do (no-unsuitable-commands,
 * no-curl-and-wget, no-shell-relink, require-wget-progress, no-pipe-to-shell,
 * no-disabled-tls-verification, no-unverified-packages, no-credentials-in-run):
 * walking the simple commands of every RUN (ONBUILD triggers, heredoc bodies and
 * exec form included) with wrappers removed, the option tables of the download tools,
 * pipelines, and where a value on a command line comes from (a literal, a build
 * argument, an ENV, a secret mount).
 */
import { InstructionCache } from "../../dockerfile/instruction-cache.js";
import { RecentCache } from "../../util/recent-cache.js";
import type { DockerfileModel, Instruction, RunScript } from "../../dockerfile/model.js";
import { runInstructions } from "../../dockerfile/queries.js";
import { parseOptions, unwrapCommand, type ParsedArgs } from "../../shell/helpers.js";
import { pathBaseName } from "../../util/posix-path.js";
import type { ShellCommand, ShellPipe, ShellWord } from "../../shell/types.js";
import { partitionPoint } from "../../util/partition-point.js";

/** One simple command of a RUN, with the context rules need. */
export interface RunCommand {
  /** The RUN, or the `RUN` trigger of an `ONBUILD`. */
  run: Instruction;
  script: RunScript;
  /** The command as written. */
  raw: ShellCommand;
  /** The command with wrappers (`sudo`, `env X=1`, `xargs`, `busybox`, …) removed. */
  command: ShellCommand;
  /** Program name of `command`: base name, lower-cased, `.exe` dropped; undefined when not literal. */
  name: string | undefined;
  /** Index of `raw` in `script.script.commands`. */
  index: number;
}

/** `/usr/bin/Curl.exe` → `curl`; undefined for a name built from an expansion. */
export function programName(word: ShellWord | undefined): string | undefined {
  if (!word || word.hasExpansion || word.value === "") return undefined;
  const name = pathBaseName(word.value, true).toLowerCase();
  return name.endsWith(".exe") ? name.slice(0, -4) : name;
}

/** The file being linted and its commands: one slot, not a WeakMap keyed by model (see util/recent-cache.ts). */
const commandsOfModel = new RecentCache<DockerfileModel, readonly RunCommand[]>(1);

/**
 * Every simple command of every RUN (and ONBUILD RUN), in file order. Foreign heredoc bodies
 * (python, …) have none. One array per file, not a generator: three rules walk it, and each
 * step of a generator allocates its result. Callers must not change the array.
 */
export function runCommands(model: DockerfileModel): readonly RunCommand[] {
  return commandsOfModel.lookup(model, (m) => {
    const all: RunCommand[] = [];
    for (const run of runInstructions(m)) for (const site of commandsOfRun(m, run)) all.push(site);
    return all;
  });
}

/** The simple commands of one RUN. */
export function commandsOfRun(model: DockerfileModel, run: Instruction): readonly RunCommand[] {
  return commandsCache.lookup(run, () => {
    const found: RunCommand[] = [];
    for (const script of model.shellOf(run).scripts) {
      const commands = script.script.commands;
      for (let index = 0; index < commands.length; index++) {
        const raw = commands[index];
        if (!raw) continue;
        const command = unwrapCommand(raw);
        found.push({ run, script, raw, command, name: programName(command.name), index });
      }
    }
    return found;
  });
}

/** Computed once per RUN: a dozen rules walk the commands of every RUN. */
const commandsCache = new InstructionCache<RunCommand[]>();

// ------------------------------------------------------------------ shells and interpreters

const POSIX_SHELLS = new Set(["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox", "rbash", "yash", "fish", "tcsh", "csh"]);

/** A shell that runs a script given as a file, on stdin, or with `-c`. */
export function isShellName(name: string | undefined): boolean {
  return name !== undefined && (POSIX_SHELLS.has(name) || /^(?:ba|da|[azk])?sh\d*(?:\.\d+)*$/.test(name));
}

// ------------------------------------------------------------------ download tools

/** curl options that take a value (curl(1)); the others are switches. */
export const CURL_OPTIONS_WITH_VALUE: readonly string[] = [
  "-A", "-b", "-c", "-C", "-d", "-D", "-e", "-E", "-F", "-H", "-K", "-m", "-o", "-P", "-Q", "-r", "-t", "-T", "-u", "-U",
  "-w", "-x", "-X", "-y", "-Y", "-z",
  "--abstract-unix-socket", "--alt-svc", "--aws-sigv4", "--cacert", "--capath", "--cert", "--cert-type", "--ciphers",
  "--config", "--connect-timeout", "--connect-to", "--continue-at", "--cookie", "--cookie-jar", "--create-file-mode",
  "--crlfile", "--curves", "--data", "--data-ascii", "--data-binary", "--data-raw", "--data-urlencode", "--delegation",
  "--dns-interface", "--dns-ipv4-addr", "--dns-ipv6-addr", "--dns-servers", "--doh-url", "--dump-header", "--ech",
  "--egd-file", "--engine", "--etag-compare", "--etag-save", "--expect100-timeout", "--form", "--form-string",
  "--ftp-account", "--ftp-alternative-to-user", "--ftp-method", "--ftp-port", "--ftp-ssl-ccc-mode", "--happy-eyeballs-timeout-ms",
  "--haproxy-clientip", "--header", "--hostpubmd5", "--hostpubsha256", "--hsts", "--interface", "--ip-tos", "--ipfs-gateway",
  "--json", "--keepalive-time", "--key", "--key-type", "--krb", "--libcurl", "--limit-rate", "--local-port", "--login-options",
  "--mail-auth", "--mail-from", "--mail-rcpt", "--max-filesize", "--max-redirs", "--max-time", "--netrc-file", "--noproxy",
  "--oauth2-bearer", "--output", "--output-dir", "--parallel-max", "--pass", "--pinnedpubkey", "--preproxy", "--proto",
  "--proto-default", "--proto-redir", "--proxy", "--proxy-cacert", "--proxy-capath", "--proxy-cert", "--proxy-cert-type",
  "--proxy-ciphers", "--proxy-crlfile", "--proxy-header", "--proxy-key", "--proxy-key-type", "--proxy-pass",
  "--proxy-pinnedpubkey", "--proxy-service-name", "--proxy-tls13-ciphers", "--proxy-tlsauthtype", "--proxy-tlspassword",
  "--proxy-tlsuser", "--proxy-user", "--proxy1.0", "--pubkey", "--quote", "--random-file", "--range", "--rate", "--referer",
  "--request", "--request-target", "--resolve", "--retry", "--retry-delay", "--retry-max-time", "--sasl-authzid",
  "--service-name", "--socks4", "--socks4a", "--socks5", "--socks5-gssapi-service", "--socks5-hostname", "--speed-limit",
  "--speed-time", "--stderr", "--telnet-option", "--tftp-blksize", "--time-cond", "--tls-max", "--tls13-ciphers",
  "--tlsauthtype", "--tlspassword", "--tlsuser", "--trace", "--trace-ascii", "--trace-config", "--unix-socket", "--upload-file",
  "--url", "--url-query", "--user", "--user-agent", "--variable", "--write-out",
];

/**
 * GNU wget options that take a value (wget(1)); `-n` takes the letters after it
 * (`-nv`, `-nc`, `-nd`), which is how getopt reads them too.
 */
export const WGET_OPTIONS_WITH_VALUE: readonly string[] = [
  "-a", "-A", "-B", "-D", "-e", "-I", "-i", "-l", "-n", "-o", "-O", "-P", "-Q", "-R", "-t", "-T", "-U", "-w", "-X",
  "--accept", "--accept-regex", "--append-output", "--base", "--bind-address", "--ca-certificate", "--ca-directory",
  "--certificate", "--certificate-type", "--config", "--cut-dirs", "--default-page", "--directory-prefix", "--dns-timeout",
  "--domains", "--exclude-directories", "--exclude-domains", "--execute", "--ftp-password", "--ftp-user", "--header",
  "--http-password", "--http-user", "--include-directories", "--input-file", "--level", "--limit-rate", "--load-cookies",
  "--local-encoding", "--output-document", "--output-file", "--password", "--post-data", "--post-file", "--private-key",
  "--private-key-type", "--progress", "--proxy-password", "--proxy-user", "--quota", "--read-timeout", "--referer",
  "--reject", "--reject-regex", "--remote-encoding", "--restrict-file-names", "--save-cookies", "--secure-protocol",
  "--timeout", "--tries", "--user", "--user-agent", "--wait", "--waitretry", "--warc-file", "--body-data", "--body-file",
  "--method", "--connect-timeout", "--crl-file", "--pinnedpubkey", "--random-file", "--egd-file", "--ciphers",
  "--report-speed", "--use-askpass", "--retry-on-http-error", "--hsts-file", "--compression", "--prefer-family",
];

/** Parsed once per command: four rules read the options of every curl and wget command. Callers only read the result. */
export function curlArgs(command: ShellCommand): ParsedArgs {
  return curlArgsCache.lookup(command, (c) => parseOptions(c, { withValue: CURL_VALUE_OPTIONS }));
}

export function wgetArgs(command: ShellCommand): ParsedArgs {
  return wgetArgsCache.lookup(command, (c) => parseOptions(c, { withValue: WGET_VALUE_OPTIONS }));
}

// The last commands asked about, not a WeakMap (see util/recent-cache.ts): a RUN has few downloads.
const curlArgsCache = new RecentCache<ShellCommand, ParsedArgs>(32);
// Sets: the lists have ~200 entries, and each option of each command is looked up.
const CURL_VALUE_OPTIONS: ReadonlySet<string> = new Set(CURL_OPTIONS_WITH_VALUE);
const WGET_VALUE_OPTIONS: ReadonlySet<string> = new Set(WGET_OPTIONS_WITH_VALUE);
const wgetArgsCache = new RecentCache<ShellCommand, ParsedArgs>(32);

/** Whether a download command writes what it fetched to stdout (so it can feed a pipe or a substitution). */
export function downloadsToStdout(name: string, command: ShellCommand): boolean {
  if (name === "curl") {
    const { options } = curlArgs(command);
    for (const option of options) {
      if (option.name === "-O" || option.name === "--remote-name" || option.name === "--remote-name-all") return false;
      if ((option.name === "-o" || option.name === "--output") && option.value && !isStdout(option.value.value)) return false;
    }
    return true;
  }
  if (name === "wget") {
    const { options } = wgetArgs(command);
    return options.some((o) => (o.name === "-O" || o.name === "--output-document") && o.value !== undefined && isStdout(o.value.value));
  }
  if (name === "fetch") {
    return parseOptions(command, { withValue: ["-o", "-B", "-N", "-S", "-T", "--output"] }).options.some(
      (o) => (o.name === "-o" || o.name === "--output") && o.value !== undefined && isStdout(o.value.value),
    );
  }
  // httpie (`http`, `https`) and xh print the body by default.
  return name === "http" || name === "https" || name === "xh" || name === "xhs";
}

function isStdout(path: string): boolean {
  return path === "-" || path === "/dev/stdout" || path === "/proc/self/fd/1" || path === "/dev/fd/1";
}

export const DOWNLOADERS: ReadonlySet<string> = new Set(["curl", "wget", "fetch", "http", "https", "xh", "xhs"]);

/**
 * The file a curl (`-o`, `--output`) or wget (`-O`, `--output-document`) download writes, as
 * written; undefined for standard output, another downloader, or a name from an expansion.
 */
export function downloadedFile(name: string, command: ShellCommand): string | undefined {
  const options = name === "curl" ? curlArgs(command).options : name === "wget" ? wgetArgs(command).options : [];
  const names = name === "curl" ? ["-o", "--output"] : ["-O", "--output-document"];
  const file = options.find((option) => names.includes(option.name))?.value;
  return file && !file.hasExpansion && !isStdout(file.value) ? file.value : undefined;
}

/** The first URL-looking positional argument of a download command, for messages. */
export function downloadUrl(name: string, command: ShellCommand): ShellWord | undefined {
  const positionals =
    name === "curl" ? curlArgs(command).positionals : name === "wget" ? wgetArgs(command).positionals : command.args.filter((a) => !a.value.startsWith("-"));
  const url = curlArgs(command).options.find((o) => o.name === "--url")?.value;
  return positionals.find((w) => /^[a-z][a-z0-9+.-]*:\/\//i.test(w.value)) ?? url ?? positionals[0];
}

// ------------------------------------------------------------------ pipelines

const PIPE_CONNECTORS = new Set(["|", "|&"]);

/**
 * Whether `left` writes into the pipeline that `right` reads from: both are elements (or
 * inside elements) of one pipeline, `left` before `right`. `curl … | tee x | sh`, `curl … |
 * (cd /tmp && sh)` and `curl … | sudo bash` are; `curl … && sh x` and `curl … | tar x; sh`
 * are not.
 */
export function pipesInto(script: RunScript, left: ShellCommand, right: ShellCommand): boolean {
  if (left.start >= right.start || !left.inPipeline || !right.inPipeline) return false;
  const commands = script.script.commands;
  // The pipe right before `right`: `curl … | (a | sh)` feeds `a`, not `sh`.
  const pipe = lastPipeBefore(script, right.start);
  if (!pipe || pipe.start < left.end || pipe.depth > left.depth || pipe.depth > right.depth) return false;
  // Any `&&`, `||`, `;`, `&` or newline at the pipeline's level between them ends the pipeline.
  for (let i = commands.indexOf(left) + 1; i < commands.length; i++) {
    const command = commands[i];
    if (!command || command.start > right.start) break;
    if (command.depth <= pipe.depth && command.connector !== undefined && !PIPE_CONNECTORS.has(command.connector)) return false;
  }
  return true;
}

/** The last `|` that ends at or before `position` (pipes are in source order). */
function lastPipeBefore(script: RunScript, position: number): ShellPipe | undefined {
  const pipes = script.script.pipes;
  const ended = partitionPoint(pipes.length, (i) => (pipes[i]?.end ?? Infinity) <= position);
  return ended > 0 ? pipes[ended - 1] : undefined;
}

/**
 * The commands before `commands[index]` that may write into its stdin through a pipe, nearest
 * first (the earlier elements of its pipeline, nested commands included); each still needs
 * `pipesInto` to be sure. Walks back only to the start of that pipeline.
 */
export function pipelineBefore(script: RunScript, index: number): ShellCommand[] {
  const commands = script.script.commands;
  const right = commands[index];
  if (!right?.inPipeline) return [];
  const pipe = lastPipeBefore(script, right.start);
  if (!pipe || pipe.depth > right.depth) return [];
  const out: ShellCommand[] = [];
  for (let i = index - 1; i >= 0; i--) {
    const command = commands[i];
    if (!command || command.depth < pipe.depth) break;
    if (command.start < pipe.start) out.push(command);
    // The first element of the pipeline (or of its list) ends the walk.
    if (command.depth === pipe.depth && (command.connector === undefined || !PIPE_CONNECTORS.has(command.connector))) break;
  }
  return out;
}

/**
 * The commands after `commands[index]` that may read its output through a pipe (the rest of its
 * pipeline, nested elements included); each still needs `pipesInto` to be sure. Stops at the
 * first command that starts a new list item at the same or an outer level, so that a long
 * script is not scanned for every command.
 */
export function pipelineAfter(script: RunScript, index: number): ShellCommand[] {
  const commands = script.script.commands;
  const first = commands[index];
  if (!first?.inPipeline) return [];
  const out: ShellCommand[] = [];
  for (let i = index + 1; i < commands.length; i++) {
    const command = commands[i];
    if (!command) break;
    if (command.depth <= first.depth && (command.connector === undefined || !PIPE_CONNECTORS.has(command.connector))) break;
    out.push(command);
  }
  return out;
}

/** Commands whose source lies inside a word (the commands of `<(curl …)` or `"$(curl …)"`). */
export function commandsInside(script: RunScript, word: ShellWord): ShellCommand[] {
  return script.script.commands.filter((c) => c.inSubstitution && c.start >= word.start && c.end <= word.end);
}

// ------------------------------------------------------------------ secret mounts and where values come from

export interface SecretMounts {
  /** Files the RUN's `--mount=type=secret` flags make readable (`/run/secrets/<id>` unless `target=` says otherwise). */
  paths: readonly string[];
  /** Variables set from secrets (`--mount=type=secret,id=x,env=TOKEN`). */
  envs: ReadonlySet<string>;
}

/** The secret mounts of a RUN, computed once per RUN (two rules ask for each; callers only read them). */
export function secretMounts(run: Instruction): SecretMounts {
  return secretMountsCache.lookup(run, readSecretMounts);
}

const secretMountsCache = new InstructionCache<SecretMounts>();

function readSecretMounts(run: Instruction): SecretMounts {
  const paths: string[] = [];
  const envs = new Set<string>();
  for (const flag of run.flags) {
    if (flag.name.toLowerCase() !== "mount" || flag.options.get("type") !== "secret") continue;
    const id = flag.options.get("id");
    const target = flag.options.get("target") ?? flag.options.get("dst") ?? flag.options.get("destination");
    const env = flag.options.get("env");
    if (env) envs.add(env);
    if (target) paths.push(target);
    else if (!env || id) paths.push(`/run/secrets/${id ?? ""}`);
  }
  return { paths, envs };
}

/** Whether a text names a file a secret mount provides (or any `/run/secrets/` file). */
export function mentionsSecretFile(text: string, mounts: SecretMounts): boolean {
  if (text.includes("/run/secrets/")) return true;
  return mounts.paths.some((path) => path !== "" && text.includes(path));
}

export type ValueOrigin =
  | { kind: "literal" }
  /** A build argument or ENV of the Dockerfile: its value is recorded in the image history (ARG) or config (ENV). */
  | { kind: "arg" | "env"; name: string }
  /** Read from a secret mount (`$(cat /run/secrets/x)`, an `env=` secret, a variable the script set from one). */
  | { kind: "secret" }
  /** Computed at build time or unknown here (a command substitution, a variable the script sets, an undeclared variable). */
  | { kind: "unknown" };

/** Variables a script assigns itself, and whether the value came from a secret mount. */
export function scriptVariables(script: RunScript, mounts: SecretMounts): ReadonlyMap<string, "secret" | "other"> {
  const cached = scriptVariablesCache.get(script);
  if (cached?.mounts === mounts) return cached.names;
  const names = findScriptVariables(script, mounts);
  scriptVariablesCache.remember(script, { mounts, names });
  return names;
}

/** Keyed by the script, valid for the mounts it was computed with (`secretMounts` gives each RUN one object). */
const scriptVariablesCache = new RecentCache<RunScript, { mounts: SecretMounts; names: ReadonlyMap<string, "secret" | "other"> }>(32);

function findScriptVariables(script: RunScript, mounts: SecretMounts): Map<string, "secret" | "other"> {
  const names = new Map<string, "secret" | "other">();
  const note = (name: string, value: string | undefined) => {
    const fromSecret = value !== undefined && (mentionsSecretFile(value, mounts) || referencedVariables(value).some((v) => mounts.envs.has(v) || names.get(v) === "secret"));
    if (names.get(name) !== "secret") names.set(name, fromSecret ? "secret" : "other");
  };
  for (const command of script.script.commands) {
    for (const assignment of command.assignments) note(assignment.name, assignment.value?.value);
    const name = command.name?.value;
    if (name === "export" || name === "local" || name === "declare" || name === "typeset" || name === "readonly" || name === "read") {
      for (const arg of command.args) {
        const match = /^([A-Z_]\w*)(?:=(.*))?$/is.exec(arg.value);
        if (match?.[1]) note(match[1], match[2]);
      }
    }
  }
  // `for NAME in …` is a compound command: its variable is no command word.
  for (const match of script.script.script.matchAll(/\b(?:for|select)\s+([A-Za-z_]\w*)\s/g)) {
    if (match[1] && !names.has(match[1])) names.set(match[1], "other");
  }
  return names;
}

/** `$X`, `${X}`, `${X:-y}` names in a text. */
export function referencedVariables(text: string): string[] {
  return [...text.matchAll(/\$\{?([A-Z_]\w*)/gi)].map((m) => m[1] ?? "");
}

/**
 * Where the text of (part of) a word comes from. `expands` says whether `$` in it is an
 * expansion (false inside single quotes: `'$6$salt$hash'` is a literal).
 */
export function valueOrigin(
  text: string,
  expands: boolean,
  run: Instruction,
  mounts: SecretMounts,
  locals: ReadonlyMap<string, "secret" | "other">,
): ValueOrigin {
  if (!expands || !/[$`]/.test(text)) return { kind: "literal" };
  if (mentionsSecretFile(text, mounts)) return { kind: "secret" };
  const names = referencedVariables(text);
  if (names.some((name) => mounts.envs.has(name) || locals.get(name) === "secret")) return { kind: "secret" };
  for (const name of names) {
    if (locals.has(name)) continue;
    const origin = run.scope.origin(name);
    if (origin) return { kind: origin.kind === "ARG" ? "arg" : "env", name };
  }
  return { kind: "unknown" };
}

// ------------------------------------------------------------------ text written to files

/** One piece of text a Dockerfile writes into the image: echo/printf arguments, a here-document, a `sed s///` replacement, a COPY heredoc. */
export interface WrittenText {
  /** The instruction that writes it. */
  instruction: Instruction;
  /** The text; pieces of several words are joined with one space. */
  text: string;
  /** Where each character range of `text` is in the file: `[textStart, fileStart, length]`, one entry per word or body. */
  parts: readonly { at: number; start: number; end: number; verbatim: boolean }[];
  /** Files the text goes to, as written (`>`, `>>`, `tee`, COPY destination, `sed -i` operands); may be empty. */
  targets: string[];
  /** The command writing it (`echo`, `printf`, `cat`, `tee`, `sed`, `COPY`, …). */
  writer: string;
}

const REDIRECT_OUT = /^\d*(?:>|>>|>\||&>|&>>)$/;

/** The range in the file of `text[index…index+length]`, exact when that piece is verbatim, else the whole piece. */
export function writtenRange(written: WrittenText, index: number, length: number): [number, number] {
  const part = [...written.parts].reverse().find((p) => p.at <= index) ?? written.parts[0];
  if (!part) return [0, 0];
  if (!part.verbatim) return [part.start, part.end];
  const start = part.start + (index - part.at);
  return [start, Math.min(part.end, start + length)];
}

function fromWords(instruction: Instruction, words: readonly ShellWord[], source: string, targets: string[], writer: string): WrittenText | undefined {
  if (words.length === 0) return undefined;
  const parts: WrittenText["parts"][number][] = [];
  let text = "";
  for (const word of words) {
    if (text !== "") text += " ";
    parts.push({ at: text.length, start: word.start, end: word.end, verbatim: source.slice(word.start, word.end) === word.value });
    text += word.value;
  }
  return { instruction, text, parts, targets, writer };
}

function fromBody(instruction: Instruction, body: string, start: number, end: number, source: string, targets: string[], writer: string): WrittenText {
  return { instruction, text: body, parts: [{ at: 0, start, end, verbatim: source.slice(start, end) === body }], targets, writer };
}

/** `s/pat/repl/flags` expressions of a sed command: their replacement parts (the text sed writes). */
function sedReplacements(expression: ShellWord): ShellWord[] {
  const out: ShellWord[] = [];
  for (const script of expression.value.split(/\n|;(?=\s*s)/)) {
    const match = /^\s*(?:\S+\s*)?s(.)/.exec(script);
    if (!match?.[1] || /[\w\s\\]/.test(match[1])) continue;
    const delimiter = match[1];
    const fields: string[] = [];
    let current = "";
    for (let i = match[0].length; i < script.length; i++) {
      const c = script[i];
      if (c === "\\" && i + 1 < script.length) {
        current += c + script[i + 1];
        i++;
      } else if (c === delimiter) {
        fields.push(current);
        current = "";
      } else current += c;
    }
    const replacement = fields[1];
    if (replacement !== undefined) out.push({ ...expression, value: replacement });
  }
  return out;
}

/** Output files of a command: `> f`, `>> f`, and `tee [-a] f…` operands. */
function outputTargets(command: ShellCommand, name: string | undefined): string[] {
  const targets = command.redirects.filter((r) => REDIRECT_OUT.test(r.op) && r.target).map((r) => r.target?.value ?? "");
  if (name === "tee") targets.push(...parseOptions(command).positionals.map((w) => w.value));
  return targets;
}

/** What a RUN (or COPY/ADD heredoc) writes into files, for rules that look for settings in repository and config files. */
export function writtenTexts(model: DockerfileModel, instruction: Instruction): readonly WrittenText[] {
  // Several rules ask for every instruction; most write nothing, and finding that out is the cost.
  return writtenTextsCache.lookup(instruction, (i) => findWrittenTexts(model, i));
}

const writtenTextsCache = new InstructionCache<WrittenText[]>();

/** The first command (and its script) that reads a heredoc on stdin (`cat > f <<EOF`). */
interface HeredocReader {
  line: RunScript;
  reader: ShellCommand;
}

/**
 * Each heredoc name's first reader, in script and command order: one pass over the RUN's commands
 * (searched again for every heredoc body, a RUN of 8,000 heredocs took half a second).
 */
function heredocReaders(scripts: readonly RunScript[]): Map<string, HeredocReader> {
  const readers = new Map<string, HeredocReader>();
  for (const line of scripts) {
    for (const reader of line.script.commands) {
      for (const redirect of reader.redirects) {
        const name = redirect.target?.value;
        if ((redirect.op === "<<" || redirect.op === "<<-") && name !== undefined && !readers.has(name)) readers.set(name, { line, reader });
      }
    }
  }
  return readers;
}

function findWrittenTexts(model: DockerfileModel, instruction: Instruction): WrittenText[] {
  const source = model.source.text;
  const out: WrittenText[] = [];
  if (instruction.keyword === "COPY" || instruction.keyword === "ADD") {
    // The model's `args` of a heredoc COPY run on into the heredoc bodies (engine bug): the
    // destination is the last argument on the instruction's own line.
    const bodyStart = instruction.heredocs[0]?.contentRange[0] ?? Infinity;
    const dest = instruction.args.filter((a) => a.range[1] <= bodyStart).at(-1)?.value;
    for (const heredoc of instruction.heredocs) {
      out.push(fromBody(instruction, heredoc.content, heredoc.contentRange[0], heredoc.contentRange[1], source, dest ? [dest] : [], instruction.keyword));
    }
    return out;
  }
  if (instruction.keyword !== "RUN") return out;
  // The commands of `commandsOfRun` (already unwrapped for the other RUN rules) come script by script, in order.
  const sites = commandsOfRun(model, instruction);
  let next = 0;
  let readers: ReadonlyMap<string, HeredocReader> | undefined;
  // One command may read many heredocs (`cat <<A <<B …`): its targets, found once, serve them all
  // (found for each, 8,000 heredocs of one `cat` took 1.3 s). Made for a RUN with a heredoc only.
  let targetsOfReader: Map<ShellCommand, string[]> | undefined;
  for (const script of model.shellOf(instruction).scripts) {
    for (; next < sites.length && sites[next]?.script === script; next++) {
      const site = sites[next];
      if (site) writtenByCommand(instruction, site, source, out);
    }
    // `RUN cat > /etc/apt/sources.list.d/x.list <<EOF`: the Dockerfile heredoc is the reader's stdin.
    if (script.foreign && script.heredoc) {
      const heredoc = script.heredoc;
      readers ??= heredocReaders(model.shellOf(instruction).scripts);
      const found = readers.get(heredoc.name);
      const line = found?.line;
      const reader = found?.reader;
      const readerName = reader ? programName(unwrapCommand(reader).name) : undefined;
      if (line && reader && (readerName === "cat" || readerName === "tee" || readerName === "dd")) {
        targetsOfReader ??= new Map();
        let targets = targetsOfReader.get(reader);
        if (!targets) {
          const tees = pipelineAfter(line, line.script.commands.indexOf(reader)).filter((c) => programName(unwrapCommand(c).name) === "tee" && pipesInto(line, reader, c));
          targets = [...outputTargets(unwrapCommand(reader), readerName), ...tees.flatMap((t) => outputTargets(unwrapCommand(t), "tee"))];
          targetsOfReader.set(reader, targets);
        }
        out.push(fromBody(instruction, heredoc.content, heredoc.contentRange[0], heredoc.contentRange[1], source, targets, readerName));
      }
    }
  }
  return out;
}

function hasHeredocRedirect(command: ShellCommand): boolean {
  for (const redirect of command.redirects) if (redirect.heredoc) return true;
  return false;
}

/** What one command of a RUN writes: echo/printf into files, sed replacements, apt repositories, shell here-documents. */
function writtenByCommand(instruction: Instruction, site: RunCommand, source: string, out: WrittenText[]): void {
  const { script, raw, command, name, index } = site;
  const writes = name === "echo" || name === "printf" || hasHeredocRedirect(raw);
  // Most commands write nothing: only these are worth the pipeline and option walks below.
  if (!writes && name !== "sed" && name !== "add-apt-repository" && name !== "apt-add-repository") return;
  // `echo … | tee -a file` writes to tee's files.
  const pipedTo = writes ? pipelineAfter(script, index).filter((c) => programName(unwrapCommand(c).name) === "tee" && pipesInto(script, raw, c)) : [];
  const targets = [...outputTargets(command, name), ...pipedTo.flatMap((t) => outputTargets(unwrapCommand(t), "tee"))];
  // Text that is only printed is not written anywhere.
  if ((name === "echo" || name === "printf") && targets.length > 0) {
    const words = command.args.filter((w, i) => !(name === "echo" && i === 0 && /^-[neE]+$/.test(w.value)));
    const written = fromWords(instruction, words, source, targets, name);
    if (written) out.push(written);
  } else if (name === "sed") {
    const parsed = parseOptions(command, { withValue: ["-e", "--expression", "-f", "--file", "-l", "--line-length", "-s", "--separate"] });
    const explicit = parsed.options.filter((o) => o.name === "-e" || o.name === "--expression").map((o) => o.value);
    const expressions = explicit.length > 0 ? explicit : parsed.positionals.slice(0, 1);
    const files = explicit.length > 0 ? parsed.positionals : parsed.positionals.slice(1);
    for (const expression of expressions) {
      if (!expression) continue;
      for (const replacement of sedReplacements(expression)) {
        // The replacement's own position inside the expression word is not tracked: report the expression.
        out.push({ instruction, text: replacement.value, parts: [{ at: 0, start: expression.start, end: expression.end, verbatim: false }], targets: files.map((f) => f.value), writer: "sed" });
      }
    }
  } else if (name === "add-apt-repository" || name === "apt-add-repository") {
    const written = fromWords(instruction, parseOptions(command, { withValue: ["-k", "--keyserver", "-c", "--component", "-p", "--pocket", "-S", "--sourceslist", "-U", "--uri", "-s"] }).positionals, source, ["/etc/apt/sources.list.d/"], name);
    if (written) out.push(written);
  }
  // Shell here-documents (inside a `RUN <<EOF` script): `cat > /etc/yum.repos.d/x.repo <<'R' … R`.
  for (const redirect of raw.redirects) {
    if (redirect.heredoc) out.push(fromBody(instruction, redirect.heredoc.body, redirect.heredoc.start, redirect.heredoc.end, source, targets, name ?? ""));
  }
}
