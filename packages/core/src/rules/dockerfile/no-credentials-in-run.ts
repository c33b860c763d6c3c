import type { DockerfileModel, Instruction, RunScript } from "../../dockerfile/model.js";
import { runInstructions } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { parseOptions, positionalArgs, unwrapCommand } from "../../shell/helpers.js";
import type { ShellCommand, ShellWord } from "../../shell/types.js";
import type { OffsetRange } from "../../source.js";
import { secretNameMatch } from "../../util/secret-names.js";
import {
  commandsInside,
  commandsOfRun,
  curlArgs,
  mentionsSecretFile,
  pipelineBefore,
  pipesInto,
  programName,
  scriptVariables,
  secretMounts,
  valueOrigin,
  wgetArgs,
  type RunCommand,
  type SecretMounts,
  type ValueOrigin,
} from "./_run-commands.js";

/** What one RUN knows about where values come from. */
interface Context {
  source: string;
  run: Instruction;
  script: RunScript;
  mounts: SecretMounts;
  locals: ReadonlyMap<string, "secret" | "other">;
  report: (messageId: string, data: Record<string, string>, range: OffsetRange) => void;
}

class ScriptContext implements Context {
  constructor(
    readonly source: string,
    readonly run: Instruction,
    readonly script: RunScript,
    readonly mounts: SecretMounts,
    readonly report: Context["report"],
  ) {}

  /** Few commands need to know where a value comes from: the script's own variables are looked up only then. */
  get locals(): ReadonlyMap<string, "secret" | "other"> {
    return scriptVariables(this.script, this.mounts);
  }
}

/** Where a leaked value ends up, for the message. */
function originText(origin: ValueOrigin): string | undefined {
  switch (origin.kind) {
    case "literal":
      return "as a literal in the RUN line, which anyone with the image can read with `docker history`";
    case "arg":
      return `from build argument \`${origin.name}\`, whose value is recorded in the image history`;
    case "env":
      return `from ENV \`${origin.name}\`, which is stored in the image configuration`;
    default:
      return undefined;
  }
}

function originOf(text: string, word: ShellWord, context: Context): ValueOrigin {
  return valueOrigin(text, word.hasExpansion, context.run, context.mounts, context.locals);
}

/** Reports `what` given to `command` when it comes from the Dockerfile (a literal, an ARG, an ENV); not from a secret or computed. */
function reportValue(context: Context, messageId: string, command: string, what: string, text: string, word: ShellWord, range?: OffsetRange): void {
  if (text === "") return;
  const origin = originText(originOf(text, word, context));
  if (!origin) return;
  context.report(messageId, { command, what, origin }, range ?? [word.start, word.end]);
}

// ------------------------------------------------------------------ passwords of local accounts

/** The echo/printf (or here-string, heredoc) text a command reads on stdin, with the words it comes from. */
interface StdinText {
  text: string;
  words: ShellWord[];
  /** A file it reads instead (`< file`, `cat file |`). */
  file?: ShellWord;
}

function stdinOf(context: Context, raw: ShellCommand, model: DockerfileModel): StdinText | undefined {
  const { script } = context;
  for (const redirect of raw.redirects) {
    if (redirect.op === "<<<" && redirect.target) return { text: redirect.target.value, words: [redirect.target] };
    if ((redirect.op === "<<" || redirect.op === "<<-") && redirect.heredoc) {
      const body = redirect.heredoc;
      return { text: body.body, words: [{ value: body.body, start: body.start, end: body.end, quoted: body.quoted, hasExpansion: !body.quoted && /[$`]/.test(body.body), unquotedExpansion: false }] };
    }
    if ((redirect.op === "<<" || redirect.op === "<<-") && redirect.target) {
      // `RUN chpasswd <<EOF`: the Dockerfile heredoc is its stdin.
      const heredoc = model.shellOf(context.run).scripts.find((s) => s.heredoc?.name === redirect.target?.value)?.heredoc;
      if (heredoc) {
        const word = { value: heredoc.content, start: heredoc.contentRange[0], end: heredoc.contentRange[1], quoted: heredoc.quoted, hasExpansion: !heredoc.quoted && /[$`]/.test(heredoc.content), unquotedExpansion: false };
        return { text: heredoc.content, words: [word] };
      }
    }
    if (redirect.op === "<" && redirect.target) return { text: "", words: [], file: redirect.target };
  }
  // The nearest element before it in its pipeline: `echo x | tr a b | chpasswd` is fed by tr, not echo.
  const feeder = pipelineBefore(script, script.script.commands.indexOf(raw)).find((c) => pipesInto(script, c, raw));
  if (!feeder) return undefined;
  const command = unwrapCommand(feeder);
  const name = programName(command.name);
  if (name === "echo" || name === "printf") {
    const words = command.args.filter((w, i) => !(i === 0 && /^-[neE]+$/.test(w.value)));
    const text = words.map((w) => w.value).join(" ");
    return { text: name === "printf" || command.args[0]?.value.includes("e") ? text.replace(/\\n/g, "\n") : text, words };
  }
  if (name === "cat") {
    const file = positionalArgs(command)[0];
    if (file) return { text: "", words: [], file };
  }
  return undefined;
}

/** The word that holds `text[index]` of a StdinText, and where that character is inside the word's value. */
function wordAt(stdin: StdinText, index: number): { word: ShellWord; offset: number } | undefined {
  let at = 0;
  for (const word of stdin.words) {
    if (index < at + word.value.length + 1) return { word, offset: index - at };
    at += word.value.length + 1;
  }
  return undefined;
}

/** The range of `value[from…to]` of a word: exact when the word is written verbatim (a heredoc body), else the whole word. */
function rangeIn(source: string, word: ShellWord, from: number, to: number): OffsetRange {
  if (source.slice(word.start, word.end) !== word.value) return [word.start, word.end];
  return [word.start + from, word.start + to];
}

const LOCKED = new Set(["*", "!", "!!", "x", "!*"]);

function checkChpasswd(context: Context, raw: ShellCommand, command: ShellCommand, model: DockerfileModel): void {
  const stdin = stdinOf(context, raw, model);
  if (!stdin) return;
  if (stdin.file) {
    const file = stdin.file;
    if (!mentionsSecretFile(file.value, context.mounts) && !file.hasExpansion) context.report("chpasswdFile", { file: file.value }, [file.start, file.end]);
    return;
  }
  const encrypted = parseOptions(command, { withValue: ["-c", "--crypt-method", "-s", "--sha-rounds", "-R", "--root", "-P", "--prefix"] }).options.some((o) => o.name === "-e" || o.name === "--encrypted");
  let offset = 0;
  for (const line of stdin.text.split("\n")) {
    const colon = line.indexOf(":");
    const start = offset;
    offset += line.length + 1;
    if (colon < 0) continue;
    const user = line.slice(0, colon).trim();
    const password = line.slice(colon + 1).trim();
    const found = wordAt(stdin, start + colon + 1);
    if (!found) continue;
    const { word, offset: inWord } = found;
    // The `user:password` line: exact inside a heredoc body, the whole word in an echo.
    const lineStart = inWord - colon - 1;
    const range = rangeIn(context.source, word, lineStart, lineStart + line.trimEnd().length);
    if (password === "" || LOCKED.has(password)) {
      if (password === "") context.report("emptyPassword", { command: "chpasswd", user }, range);
      continue;
    }
    reportValue(context, "chpasswd", "chpasswd", `${encrypted ? "the password hash" : "the password"} for \`${user}\``, password, word, range);
  }
}

function checkPasswd(context: Context, raw: ShellCommand, command: ShellCommand, model: DockerfileModel): void {
  const stdin = stdinOf(context, raw, model);
  if (!stdin || stdin.file) return;
  const user = positionalArgs(command).at(-1)?.value ?? "root";
  const password = stdin.text.split("\n")[0]?.trim() ?? "";
  const word = stdin.words[0];
  if (word) reportValue(context, "password", "passwd", `the password for \`${user}\``, password, word);
}

/** `useradd -p HASH`, `usermod --password HASH`: a literal hash, or `$(openssl passwd -1 secret)`. */
function checkPasswordOption(context: Context, name: string, command: ShellCommand): void {
  const option = parseOptions(command, { withValue: ["-p", "--password", "-c", "--comment", "-d", "--home", "--home-dir", "-e", "--expiredate", "-f", "--inactive", "-g", "--gid", "-G", "--groups", "-k", "--skel", "-K", "--key", "-s", "--shell", "-u", "--uid", "-R", "--root", "-P", "--prefix", "-Z", "--selinux-user", "-b", "--base-dir", "-l", "--login"] }).options.find(
    (o) => o.name === "-p" || o.name === "--password",
  );
  const value = option?.value;
  if (!value || LOCKED.has(value.value) || value.value === "") return;
  const user = positionalArgs(command, ["-p", "--password", "-c", "--comment", "-d", "--home", "--home-dir", "-e", "--expiredate", "-f", "--inactive", "-g", "--gid", "-G", "--groups", "-k", "--skel", "-K", "--key", "-s", "--shell", "-u", "--uid", "-R", "--root", "-P", "--prefix", "-Z", "--selinux-user", "-b", "--base-dir", "-l", "--login"]).at(-1)?.value ?? "the user";
  // `-p "$(openssl passwd -1 secret)"`: the password itself is on the command line.
  const openssl = commandsInside(context.script, value).find((c) => programName(c.name) === "openssl" && c.args[0]?.value === "passwd");
  if (openssl) {
    const plain = positionalArgs(openssl, ["-salt", "-in"]).slice(1).at(-1);
    if (plain) reportValue(context, "password", name, `the password for \`${user}\``, plain.value, plain);
    return;
  }
  reportValue(context, "password", name, `the password hash for \`${user}\``, value.value, value);
}

// ------------------------------------------------------------------ cloud and registry logins

const AWS_SECRET_KEY = /(?:^|\.)(?:aws_secret_access_key|aws_access_key_id|aws_session_token)$/i;

function optionValue(command: ShellCommand, names: readonly string[], withValue: readonly string[]): ShellWord | undefined {
  return parseOptions(command, { withValue: [...names, ...withValue] }).options.filter((o) => names.includes(o.name)).at(-1)?.value;
}

const CLOUD_CLIENTS = new Set(["aws", "gcloud", "az", "doctl"]);

function checkCloud(context: Context, name: string, command: ShellCommand): boolean {
  // Every command reaches here: only the cloud clients are worth the option walk.
  if (!CLOUD_CLIENTS.has(name)) return false;
  const words = positionalArgs(command, ["--profile", "--region", "--output", "--endpoint-url", "--project", "--account", "--configuration", "--subscription", "-t", "--access-token", "--context", "-u", "--username", "-p", "--password", "--tenant", "--key-file", "--cred-file"]);
  const sub = words.map((w) => w.value);
  if (name === "aws" && sub[0] === "configure" && sub[1] === "set") {
    const key = words[2];
    const value = words[3];
    if (key && value && AWS_SECRET_KEY.test(key.value)) reportValue(context, "cloudLogin", "aws configure set", `\`${key.value.replace(/^.*\./, "")}\``, value.value, value);
    return true;
  }
  if (name === "gcloud" && sub[0] === "auth" && (sub[1] === "activate-service-account" || sub[1] === "login")) {
    const file = optionValue(command, ["--key-file", "--cred-file"], []);
    if (file && !mentionsSecretFile(file.value, context.mounts) && file.value !== "-") {
      const origin = originOf(file.value, file, context);
      if (origin.kind !== "secret" && origin.kind !== "unknown") context.report("keyFile", { command: `gcloud auth ${sub[1]}`, file: file.value }, [file.start, file.end]);
    }
    return true;
  }
  if (name === "az" && sub[0] === "login") {
    const password = optionValue(command, ["-p", "--password"], ["-u", "--username", "-t", "--tenant", "--scope", "--federated-token"]);
    if (password) reportValue(context, "cloudLogin", "az login", "the password or client secret", password.value, password);
    return true;
  }
  if (name === "doctl" && sub[0] === "auth" && sub[1] === "init") {
    const token = optionValue(command, ["-t", "--access-token"], ["--context", "-c", "--config"]);
    if (token) reportValue(context, "cloudLogin", "doctl auth init", "the access token", token.value, token);
    return true;
  }
  return false;
}

const REGISTRY_CLIENTS = new Set(["docker", "podman", "buildah", "skopeo", "nerdctl", "helm", "oras", "crane", "regctl"]);

function checkRegistryLogin(context: Context, name: string, raw: ShellCommand, command: ShellCommand, model: DockerfileModel): void {
  const words = positionalArgs(command, ["-u", "--username", "-p", "--password", "--authfile", "--cert-dir"]);
  const login = words.findIndex((w) => w.value === "login");
  if (login < 0 || login > 2) return;
  const parsed = parseOptions(command, { withValue: ["-u", "--username", "-p", "--password", "--authfile", "--cert-dir"] });
  const password = parsed.options.filter((o) => o.name === "-p" || o.name === "--password").at(-1)?.value;
  if (password) {
    reportValue(context, "credential", `${name} login`, "the registry password", password.value, password);
    return;
  }
  if (parsed.options.some((o) => o.name === "--password-stdin")) {
    const stdin = stdinOf(context, raw, model);
    const word = stdin?.words[0];
    if (stdin && !stdin.file && word) reportValue(context, "credential", `${name} login --password-stdin`, "the registry password", stdin.text.trim(), word);
  }
}

// ------------------------------------------------------------------ HTTP clients and URLs

const AUTH_HEADER = /^\s*(authorization|proxy-authorization|private-token|job-token|deploy-token|x-api-key|api-key|x-auth-token|x-vault-token|x-jfrog-art-api|x-gitlab-token)\s*:\s*(?:(?:bearer|basic|token|digest)\s+)?(\S.*)?$/i;

function checkHeader(context: Context, command: string, word: ShellWord | undefined): void {
  if (!word) return;
  const match = AUTH_HEADER.exec(word.value);
  const secret = match?.[2]?.trim();
  if (match && secret) reportValue(context, "credential", command, `the \`${match[1]}\` header`, secret, word);
}

/** `user:password` of `curl -u`: the password part. */
function checkUserPassword(context: Context, command: string, word: ShellWord | undefined): void {
  if (!word) return;
  const colon = word.value.indexOf(":");
  if (colon < 0) return;
  reportValue(context, "credential", command, "the password", word.value.slice(colon + 1), word);
}

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*):\/\/([^\s/@:'"]*)(?::([^\s/@'"]*))?@/gi;
const TOKEN_PREFIX = /^(?:ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|glpat-|xox[abposr]-|npm_[A-Za-z0-9]{20})/;

/** `https://user:token@host/…`, `https://${GITHUB_TOKEN}@github.com/…`, `https://x-access-token:$TOKEN@…`. */
function checkUrls(context: Context, command: string, word: ShellWord): void {
  for (const match of word.value.matchAll(URL_CREDENTIALS)) {
    const user = match[2] ?? "";
    const password = match[3];
    if (password !== undefined && password !== "") {
      if (/^(?:anonymous|guest)$/i.test(password)) continue;
      reportValue(context, "credential", command, "a password or token in a URL", password, word);
      return;
    }
    // A token given as the user name: a secret-looking variable or a well-known token prefix.
    const variable = /^\$\{?([A-Z_]\w*)/i.exec(user)?.[1];
    if ((variable && secretNameMatch(variable)) || (!word.hasExpansion && TOKEN_PREFIX.test(user))) {
      reportValue(context, "credential", command, "a token in a URL", user, word);
      return;
    }
  }
}

function checkHttpClient(context: Context, name: string, command: ShellCommand): void {
  if (name === "curl") {
    for (const option of curlArgs(command).options) {
      if (option.name === "-u" || option.name === "--user" || option.name === "-U" || option.name === "--proxy-user") checkUserPassword(context, `curl ${option.name}`, option.value);
      else if (option.name === "-H" || option.name === "--header" || option.name === "--proxy-header") checkHeader(context, `curl ${option.name}`, option.value);
      else if (option.name === "--oauth2-bearer" && option.value) reportValue(context, "credential", "curl --oauth2-bearer", "the bearer token", option.value.value, option.value);
    }
  } else if (name === "wget") {
    for (const option of wgetArgs(command).options) {
      if (["--password", "--http-password", "--ftp-password", "--proxy-password"].includes(option.name) && option.value) {
        reportValue(context, "credential", `wget ${option.name}`, "the password", option.value.value, option.value);
      } else if (option.name === "--header") checkHeader(context, "wget --header", option.value);
    }
  }
}

// ------------------------------------------------------------------ other tools with passwords on the command line

function checkOtherTools(context: Context, name: string, command: ShellCommand): void {
  if (name === "sshpass") {
    const option = parseOptions(command, { withValue: ["-p", "-f", "-d", "-P"], stopAtPositional: true }).options.find((o) => o.name === "-p");
    if (option?.value) reportValue(context, "credential", "sshpass -p", "the SSH password", option.value.value, option.value);
  } else if (/^(?:mysql|mariadb|mysqladmin|mysqldump|mariadb-admin|mariadb-dump)$/.test(name)) {
    // `-psecret` / `--password=secret` (a bare `-p` prompts); `mysqladmin … password NEW`.
    for (const arg of command.args) {
      const attached = /^-p(.+)$/.exec(arg.value)?.[1] ?? /^--password=(.+)$/.exec(arg.value)?.[1];
      if (attached !== undefined) {
        reportValue(context, "credential", name, "the database password", attached, arg);
        return;
      }
    }
    const positionals = positionalArgs(command, ["-u", "--user", "-h", "--host", "-P", "--port", "-e", "--execute", "-D", "--database", "-S", "--socket"]);
    const index = positionals.findIndex((w) => w.value === "password");
    const value = index >= 0 ? positionals[index + 1] : undefined;
    if (name.includes("admin") && value) reportValue(context, "credential", `${name} password`, "the new database password", value.value, value);
  } else if (name === "htpasswd") {
    const parsed = parseOptions(command);
    if (parsed.options.some((o) => o.name === "-b") && !parsed.options.some((o) => o.name === "-D")) {
      const password = parsed.positionals.at(-1);
      if (password && parsed.positionals.length >= 3) reportValue(context, "credential", "htpasswd -b", "the password", password.value, password);
    }
  } else if (name === "openssl") {
    for (const [i, arg] of command.args.entries()) {
      if (!/^-(?:passin|passout|pass|password|k|kfile)$/.test(arg.value) || arg.value === "-kfile") continue;
      const value = command.args[i + 1];
      const secret = value && (arg.value === "-k" ? value.value : /^pass:(.*)$/.exec(value.value)?.[1]);
      if (value && secret) reportValue(context, "credential", `openssl ${arg.value}`, "the key password", secret, value);
    }
  } else if (name === "npm" || name === "yarn" || name === "pnpm") {
    const words = positionalArgs(command, ["--location", "-L", "--userconfig", "--registry"]);
    let i = 0;
    if (words[i]?.value === "config" || words[i]?.value === "c") i++;
    if (words[i]?.value !== "set") return;
    const key = words[i + 1];
    if (!key) return;
    const eq = key.value.indexOf("=");
    const keyName = eq >= 0 ? key.value.slice(0, eq) : key.value;
    const valueWord = eq >= 0 ? key : words[i + 2];
    const value = eq >= 0 ? key.value.slice(eq + 1) : words[i + 2]?.value;
    if (valueWord && value !== undefined && /(?:^|:)(?:_authToken|_auth|_password|npmAuthToken|npmAuthIdent)$/.test(keyName)) {
      reportValue(context, "credential", `${name} config set ${keyName}`, "the registry token", value, valueWord);
    }
  }
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-credentials-in-run",
    kind: "dockerfile",
    category: "security",
    severity: "error",
    docs: "Disallow passwords, tokens and keys on RUN command lines, where the image history keeps them; use secret mounts.",
    presets: ["recommended"],
    messages: {
      chpasswd: "`chpasswd` gets {{what}} {{origin}}; feed it from a secret mount instead (`RUN --mount=type=secret,id=passwd chpasswd < /run/secrets/passwd`), or lock the account.",
      chpasswdFile:
        "`chpasswd` reads passwords from `{{file}}`, a file that has to be in an image layer (or the build context); mount it as a secret instead (`RUN --mount=type=secret,id=passwd chpasswd < /run/secrets/passwd`).",
      emptyPassword: "`{{command}}` gives `{{user}}` an empty password, so anyone can become {{user}} without one; lock the account (`passwd -l {{user}}`) instead.",
      password: "`{{command}}` gets {{what}} {{origin}}; feed it from a secret mount instead (`RUN --mount=type=secret,id=passwd …`), or lock the account.",
      cloudLogin:
        "`{{command}}` gets {{what}} {{origin}}; pass it with a secret mount instead (`RUN --mount=type=secret,id=…,env=…`), and delete the credentials file the tool writes before the RUN ends.",
      keyFile:
        "`{{command}}` reads a credential key from `{{file}}`, which has to be in an image layer for this to work; mount it as a secret instead (`RUN --mount=type=secret,id=key,target={{file}} …`).",
      credential: "`{{command}}` gets {{what}} {{origin}}; pass it with a secret mount instead (`RUN --mount=type=secret,id=…,env=…` and use the variable).",
    },
    references: {
      checkov: ["CKV2_DOCKER_17"],
      trivy: ["DS-0031"],
    },
    referencesByMessage: {
      chpasswd: { checkov: ["CKV2_DOCKER_17"] },
      chpasswdFile: { checkov: ["CKV2_DOCKER_17"] },
      emptyPassword: { checkov: ["CKV2_DOCKER_17"] },
      password: {},
      cloudLogin: { trivy: ["DS-0031"] },
      keyFile: { trivy: ["DS-0031"] },
      credential: {},
    },
  },
  check({ model, report: emit }) {
    for (const run of runInstructions(model)) {
      const mounts = secretMounts(run);
      const report: Context["report"] = (messageId, data, range) => emit({ messageId, data, range });
      let context: Context | undefined;
      for (const site of commandsOfRun(model, run)) {
        const { command, raw, name, script } = site;
        if (context?.script !== script) {
          context = new ScriptContext(model.source.text, run, script, mounts, report);
        }
        checkSite(context, site, name, raw, command, model);
      }
    }
  },
});

function checkSite(context: Context, site: RunCommand, name: string | undefined, raw: ShellCommand, command: ShellCommand, model: DockerfileModel): void {
  if (!name || !command.name) return;
  if (name === "chpasswd") checkChpasswd(context, raw, command, model);
  else if (name === "passwd") checkPasswd(context, raw, command, model);
  else if (name === "useradd" || name === "usermod" || name === "adduser") checkPasswordOption(context, name, command);
  else if (checkCloud(context, name, command)) return;
  else if (REGISTRY_CLIENTS.has(name)) checkRegistryLogin(context, name, raw, command, model);
  else if (name === "curl" || name === "wget") checkHttpClient(context, name, command);
  else checkOtherTools(context, name, command);
  // Credentials in URLs, whatever the command (git clone, pip install git+https://…, go get, npm install, …).
  for (const word of command.args) {
    if (word.value.includes("@") && word.value.includes("://")) checkUrls(context, programName(site.command.name) ?? name, word);
  }
}
