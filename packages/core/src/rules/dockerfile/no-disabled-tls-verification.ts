import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { runInstructions, withTriggers } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { parseOptions, positionalArgs, wordRange } from "../../shell/helpers.js";
import type { ShellCommand, ShellWord } from "../../shell/types.js";
import type { OffsetRange } from "../../source.js";
import { commandsOfRun, curlArgs, scriptVariables, secretMounts, wgetArgs, writtenRange, writtenTexts, type RunCommand } from "./_run-commands.js";
import { PIP_OPTIONS_WITH_VALUE } from "./_package-managers.js";

type Report = (messageId: string, data: Record<string, string>, range: OffsetRange) => void;

// ------------------------------------------------------------------ environment variables

interface EnvSetting {
  matches: (name: string) => boolean;
  messageId: string;
  /** Whether this value turns verification off; `undefined` is a value not known here (a build argument without default). */
  disables: (value: string | undefined) => boolean;
  tool: string;
}

const FALSE = /^(?:false|0|no|off)$/i;
const known = (test: (value: string) => boolean) => (value: string | undefined) => value !== undefined && test(value);

const ENV_SETTINGS: readonly EnvSetting[] = [
  { matches: (n) => n === "PYTHONHTTPSVERIFY", messageId: "pythonHttpsVerify", disables: known((v) => v === "0"), tool: "Python" },
  { matches: (n) => n === "NODE_TLS_REJECT_UNAUTHORIZED", messageId: "nodeTls", disables: known((v) => v === "0"), tool: "Node.js" },
  // npm reads `npm_config_*` case-insensitively; nopt takes "false", "0" and "null" for false.
  { matches: (n) => n.toLowerCase() === "npm_config_strict_ssl", messageId: "npmStrictSslEnv", disables: known((v) => /^(?:false|0|null)$/.test(v)), tool: "npm" },
  // git only asks whether the variable is set: GIT_SSL_NO_VERIFY=0 or "" turn verification off too.
  { matches: (n) => n === "GIT_SSL_NO_VERIFY", messageId: "gitSslNoVerify", disables: () => true, tool: "git" },
  { matches: (n) => n === "PIP_TRUSTED_HOST", messageId: "pipTrustedHostEnv", disables: (v) => v !== "", tool: "pip" },
  { matches: (n) => n === "YARN_STRICT_SSL" || n === "YARN_ENABLE_STRICT_SSL", messageId: "insecureEnv", disables: known((v) => FALSE.test(v)), tool: "Yarn" },
  { matches: (n) => n === "CONDA_SSL_VERIFY", messageId: "insecureEnv", disables: known((v) => FALSE.test(v)), tool: "conda" },
  { matches: (n) => n === "GOINSECURE", messageId: "insecureEnv", disables: (v) => v !== "", tool: "Go" },
  { matches: (n) => n === "UV_INSECURE_HOST", messageId: "insecureEnv", disables: (v) => v !== "", tool: "uv" },
  { matches: (n) => n === "MAVEN_OPTS" || n === "MAVEN_ARGS", messageId: "insecureEnv", disables: known((v) => MAVEN_INSECURE.test(v)), tool: "Maven" },
];

const MAVEN_INSECURE = /-D(?:maven\.wagon\.http\.ssl\.(?:insecure|allowall)=true|aether\.connector\.https\.securityMode=insecure)\b/;

/** Judges one `NAME=value` wherever it is set (ENV, ARG default, RUN assignment, `export`, `env`). */
function checkSetting(name: string, value: string | undefined, shown: string, range: OffsetRange, report: Report): void {
  const setting = ENV_SETTINGS.find((s) => s.matches(name));
  if (!setting || !setting.disables(value)) return;
  report(setting.messageId, { name, value: value ?? "", setting: shown, tool: setting.tool }, range);
}

/** Whether a variable name is one `checkSetting` judges: most are not, and their values need not be resolved. */
function isSetting(name: string): boolean {
  return ENV_SETTINGS.some((s) => s.matches(name));
}

/** The value of a word as the build would see it: ARG/ENV substituted; undefined when it is computed or unknown. */
function resolved(word: ShellWord | undefined, run: Instruction, locals: () => ReadonlyMap<string, unknown>): string | undefined {
  if (!word) return "";
  if (!word.hasExpansion) return word.value;
  if (/\$\(|`/.test(word.value)) return undefined;
  if ([...word.value.matchAll(/\$\{?(\w+)/g)].some((m) => locals().has(m[1] ?? ""))) return undefined;
  const expanded = run.scope.expand(word.value);
  return expanded.unresolved.length > 0 ? undefined : expanded.value;
}

// ------------------------------------------------------------------ commands

const NPM_LIKE = new Set(["npm", "pnpm", "yarn"]);

/** `pip …`, `pip3.12 …`, `python3 -m pip …`: the pip command line, as a command whose args start after `pip`. */
function pipCommand(name: string, command: ShellCommand): ShellCommand | undefined {
  if (/^pip[\d.]*$/.test(name)) return command;
  if (!/^python[\d.]*$/.test(name)) return undefined;
  const index = command.args.findIndex((a, i) => (a.value === "-m" && command.args[i + 1]?.value === "pip") || a.value === "-mpip");
  if (index < 0) return undefined;
  return { ...command, args: command.args.slice(index + (command.args[index]?.value === "-mpip" ? 1 : 2)) };
}

/** Generic options of other tools that turn certificate checks off: present (`--insecure-skip-tls-verify`) or set to false (`--tls-verify=false`). */
const INSECURE_SWITCHES = new Set(["--insecure-skip-tls-verify", "--tls-skip-verify", "--skip-tls-verify", "--skip-ssl-validation"]);
/** Tools whose own options turn certificate checks off (only their options are read: `echo --insecure` is text). */
const OTHER_TOOLS = new Set(["helm", "kubectl", "oc", "skopeo", "podman", "buildah", "aria2c", "vault", "cf", "yt-dlp", "youtube-dl", "crane", "regctl", "flux", "argocd"]);
const VERIFY_OPTIONS = new Set(["--tls-verify", "--src-tls-verify", "--dest-tls-verify", "--check-certificate", "--insecure-skip-tls-verify"]);

function checkCommand(site: RunCommand, report: Report): void {
  const { command, name } = site;
  if (!name || !command.name) return;

  if (name === "curl") {
    for (const option of curlArgs(command).options) {
      if (option.name === "-k" || option.name === "--insecure" || option.name === "--proxy-insecure" || option.name === "--doh-insecure") {
        report("curlInsecure", { option: option.word.value }, wordRange(option.word));
        return;
      }
    }
    return;
  }
  if (name === "wget") {
    for (const option of wgetArgs(command).options) {
      const execute = (option.name === "-e" || option.name === "--execute") && /^\s*check_?certificate\s*=\s*(?:off|false|no|0)\s*$/i.test(option.value?.value ?? "");
      if (option.name === "--no-check-certificate" || (option.name === "--check-certificate" && FALSE.test(option.value?.value ?? "")) || execute) {
        const end = execute && option.value && option.value !== option.word ? option.value.end : option.word.end;
        report("wgetNoCheck", { option: option.word.value + (execute ? ` ${option.value?.value ?? ""}` : "") }, [option.word.start, end]);
        return;
      }
    }
    return;
  }
  const pip = pipCommand(name, command);
  if (pip) {
    const parsed = parseOptions(pip, { withValue: PIP_OPTIONS_WITH_VALUE });
    const trusted = parsed.options.find((o) => o.name === "--trusted-host");
    if (trusted) {
      report("pipTrustedHost", { host: trusted.value?.value ?? "" }, [trusted.word.start, trusted.value && trusted.value !== trusted.word ? trusted.value.end : trusted.word.end]);
      return;
    }
    // `pip config set global.trusted-host pypi.example.com`
    const [verb, action, key, value] = parsed.positionals;
    if (verb?.value === "config" && action?.value === "set" && key && /(?:^|\.)trusted-host$/.test(key.value)) {
      report("insecureSetting", { setting: `pip config set ${key.value} ${value?.value ?? ""}`.trim(), tool: "pip" }, [key.start, (value ?? key).end]);
    }
    return;
  }
  if (name === "uv") {
    const option = parseOptions(command).options.find((o) => o.name === "--allow-insecure-host" || o.name === "--trusted-host");
    if (option) report("insecureSetting", { setting: option.word.value, tool: "uv" }, wordRange(option.word));
    return;
  }
  if (NPM_LIKE.has(name)) {
    // `npm config set strict-ssl false`, `npm set strict-ssl=false`, `yarn config set enableStrictSsl false`.
    const words = positionalArgs(command, ["--location", "-L", "--userconfig", "--globalconfig", "--registry", "--cwd"]);
    let i = 0;
    if (words[i]?.value === "config" || words[i]?.value === "c") i++;
    if (words[i]?.value === "set") {
      const key = words[i + 1];
      const eq = key?.value.indexOf("=") ?? -1;
      const keyName = key ? (eq >= 0 ? key.value.slice(0, eq) : key.value) : "";
      const value = key && eq >= 0 ? key.value.slice(eq + 1) : words[i + 2]?.value;
      const end = key && eq >= 0 ? key.end : (words[i + 2] ?? key)?.end;
      if (key && end !== undefined && (keyName === "strict-ssl" || keyName === "enableStrictSsl") && value !== undefined && /^(?:false|0|null)$/.test(value)) {
        report("npmStrictSslConfig", { command: `${name} config set ${keyName} ${value}`, tool: name }, [key.start, end]);
        return;
      }
    }
    for (const option of parseOptions(command).options) {
      if ((option.name === "--strict-ssl" && /^(?:false|0|null)$/.test(option.value?.value ?? "")) || option.name === "--no-strict-ssl") {
        report("insecureSetting", { setting: option.word.value, tool: name }, wordRange(option.word));
        return;
      }
    }
    return;
  }
  if (name === "git") {
    // `git -c http.sslVerify=false clone …`
    const args = command.args;
    for (let i = 0; i < args.length; i++) {
      const word = args[i];
      const next = args[i + 1];
      if (word?.value === "-c" && next && /^http\.(?:.+\.)?sslverify=(?:false|no|off|0)?$/i.test(next.value)) {
        report("gitConfig", { setting: `git -c ${next.value}` }, wordRange(next));
        return;
      }
    }
    // `git config [--global] http.sslVerify false`, `git config set http.sslVerify false`
    const words = positionalArgs(command, ["-c", "-C", "--file", "-f", "--blob", "--type", "--default", "--comment", "--git-dir", "--work-tree"]);
    const config = words.findIndex((w) => w.value === "config");
    if (config < 0) return;
    let rest = words.slice(config + 1);
    if (rest[0]?.value === "set") rest = rest.slice(1);
    const [key, value] = rest;
    if (key && value && /^http\.(?:.+\.)?sslverify$/i.test(key.value) && FALSE.test(value.value)) {
      report("gitConfig", { setting: `git config ${key.value} ${value.value}` }, [key.start, value.end]);
    }
    return;
  }
  if (name === "conda" || name === "mamba" || name === "micromamba") {
    const set = parseOptions(command, { withValue: ["--set", "--file", "--env", "--name", "-n", "--prefix", "-p"] }).options.find((o) => o.name === "--set");
    if (set?.value?.value === "ssl_verify") {
      const value = command.args[command.args.indexOf(set.value) + 1];
      if (value && FALSE.test(value.value)) report("insecureSetting", { setting: `${name} config --set ssl_verify ${value.value}`, tool: name }, [set.word.start, value.end]);
    }
    return;
  }
  if (name === "composer") {
    const words = positionalArgs(command, ["-d", "--working-dir"]);
    const config = words.findIndex((w) => w.value === "config");
    const key = words[config + 1];
    const value = words[config + 2];
    if (config >= 0 && key && value && ((key.value === "disable-tls" && /^(?:true|1)$/.test(value.value)) || (key.value === "secure-http" && /^(?:false|0)$/.test(value.value)))) {
      report("insecureSetting", { setting: `composer config ${key.value} ${value.value}`, tool: "Composer" }, [key.start, value.end]);
    }
    return;
  }
  if (name === "mvn" || name === "mvnw") {
    const word = command.args.find((a) => MAVEN_INSECURE.test(a.value));
    if (word) report("insecureSetting", { setting: word.value, tool: "Maven" }, wordRange(word));
    return;
  }
  if (!OTHER_TOOLS.has(name)) return;
  for (const option of parseOptions(command).options) {
    if (!option.name.startsWith("--")) continue;
    const value = option.value?.value;
    if ((INSECURE_SWITCHES.has(option.name) && (value === undefined || /^(?:true|1)$/i.test(value))) || (VERIFY_OPTIONS.has(option.name) && !INSECURE_SWITCHES.has(option.name) && value !== undefined && FALSE.test(value)) || option.name === "--no-check-certificate") {
      report("insecureSetting", { setting: option.word.value, tool: name }, wordRange(option.word));
      return;
    }
  }
}

/** Settings written into config files: `~/.curlrc`, wgetrc, `.npmrc`, `.gitconfig`, `pip.conf`, `.condarc`. */
const FILE_SETTINGS: readonly { pattern: RegExp; file?: RegExp; tool: string }[] = [
  // Line starts are real newlines or the `\n` of an `echo -e`/`printf` format.
  { pattern: /(?:^|\\n)[ \t]*(-k|--insecure|insecure)[ \t]*(?=$|\\n)/m, file: /(^|\/)(\.?curlrc|_curlrc)$/, tool: "curl" },
  { pattern: /\bcheck_?certificate\s*=\s*(off|false|no|0)\b/i, tool: "wget" },
  { pattern: /\bstrict-ssl\s*=\s*(false|0)\b/, tool: "npm" },
  { pattern: /\bsslverify\s*=\s*(false|no|off|0)\b/i, file: /(^|\/)(\.gitconfig|gitconfig|config)$/, tool: "git" },
  { pattern: /(?:^|\\n)[ \t]*trusted-host\s*=[ \t]*[^\s\\]+/m, file: /(^|\/)pip\.(conf|ini)$/, tool: "pip" },
  { pattern: /(?:^|\\n)[ \t]*ssl_verify\s*:\s*(false|no)\b/m, file: /(^|\/)\.?condarc$/, tool: "conda" },
  { pattern: /(?:^|\\n)[ \t]*enableStrictSsl\s*:\s*false\b/m, file: /\.yarnrc\.yml$/, tool: "Yarn" },
];

function checkWritten(model: DockerfileModel, instruction: Instruction, report: Report): void {
  for (const written of writtenTexts(model, instruction)) {
    for (const { pattern, file, tool } of FILE_SETTINGS) {
      if (file && !written.targets.some((t) => file.test(t))) continue;
      const match = pattern.exec(written.text);
      if (!match) continue;
      const lead = /^(?:\\n)?\s*/.exec(match[0])?.[0].length ?? 0;
      const index = match.index + lead;
      const text = match[0].slice(lead).trim();
      report("insecureSetting", { setting: text, tool }, writtenRange(written, index, text.length));
    }
  }
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-disabled-tls-verification",
    kind: "dockerfile",
    category: "security",
    severity: "error",
    docs: "Disallow turning off TLS certificate verification (curl -k, wget --no-check-certificate, NODE_TLS_REJECT_UNAUTHORIZED=0, …).",
    presets: ["recommended"],
    messages: {
      curlInsecure:
        "`curl {{option}}` turns off TLS certificate verification, so anyone on the network path can hand the build a different file; remove it, and if the server uses a private CA, trust that CA (`--cacert <file>` or the system store).",
      wgetNoCheck:
        "`wget {{option}}` turns off TLS certificate verification, so anyone on the network path can hand the build a different file; remove it, and if the server uses a private CA, trust that CA (`--ca-certificate=<file>` or the system store).",
      pipTrustedHost:
        "`pip --trusted-host {{host}}` accepts {{host}} without a valid certificate (or over plain HTTP), so anyone on the network path can swap the packages; remove it and give pip the CA with `--cert <file>` (or `PIP_CERT`).",
      pipTrustedHostEnv:
        "`{{name}}={{value}}` makes pip accept those hosts without a valid certificate (or over plain HTTP), so anyone on the network path can swap the packages; remove it and give pip the CA with `PIP_CERT=<file>`.",
      pythonHttpsVerify:
        "`{{name}}={{value}}` turns off certificate verification in Python's standard HTTPS clients, so anyone on the network path can impersonate the servers; remove it and point `SSL_CERT_FILE` at the CA bundle if a private CA is involved.",
      nodeTls:
        "`{{name}}={{value}}` makes Node.js accept any TLS certificate, so anyone on the network path can impersonate the servers; remove it and add a private CA with `NODE_EXTRA_CA_CERTS=<file>`.",
      npmStrictSslEnv:
        "`{{name}}={{value}}` turns off npm's certificate verification, so anyone on the network path can swap the packages; remove it and give npm the CA with `NPM_CONFIG_CAFILE=<file>`.",
      npmStrictSslConfig:
        "`{{command}}` turns off {{tool}}'s certificate verification, so anyone on the network path can swap the packages; remove it and give {{tool}} the CA with `{{tool}} config set cafile <file>`.",
      gitSslNoVerify:
        "`{{name}}` is set, which turns off git's certificate verification whatever its value (even 0), so anyone on the network path can swap the sources; remove it and set `GIT_SSL_CAINFO=<file>` for a private CA.",
      gitConfig:
        "`{{setting}}` turns off git's certificate verification, so anyone on the network path can swap the sources; remove it and set `http.sslCAInfo` to the CA bundle for a private CA.",
      insecureEnv:
        "`{{name}}={{value}}` turns off {{tool}}'s TLS certificate verification, so anyone on the network path can impersonate the servers; remove it and trust the server's CA instead.",
      insecureSetting:
        "`{{setting}}` turns off {{tool}}'s TLS certificate verification, so anyone on the network path can impersonate the servers; remove it and trust the server's CA instead.",
    },
    references: {
      checkov: ["CKV2_DOCKER_2", "CKV2_DOCKER_3", "CKV2_DOCKER_4", "CKV2_DOCKER_5", "CKV2_DOCKER_6", "CKV2_DOCKER_12", "CKV2_DOCKER_13", "CKV2_DOCKER_14", "CKV2_DOCKER_16"],
    },
    referencesByMessage: {
      curlInsecure: { checkov: ["CKV2_DOCKER_2"] },
      wgetNoCheck: { checkov: ["CKV2_DOCKER_3"] },
      pipTrustedHost: { checkov: ["CKV2_DOCKER_4"] },
      pythonHttpsVerify: { checkov: ["CKV2_DOCKER_5"] },
      nodeTls: { checkov: ["CKV2_DOCKER_6"] },
      npmStrictSslEnv: { checkov: ["CKV2_DOCKER_12"] },
      npmStrictSslConfig: { checkov: ["CKV2_DOCKER_13"] },
      gitSslNoVerify: { checkov: ["CKV2_DOCKER_14"] },
      pipTrustedHostEnv: { checkov: ["CKV2_DOCKER_16"] },
      gitConfig: {},
      insecureEnv: {},
      insecureSetting: {},
    },
  },
  check({ model, report: emit }) {
    const report: Report = (messageId, data, range) => emit({ messageId, data, range });

    // ENV and ARG defaults (ONBUILD ones too).
    for (const instruction of withTriggers(model.instructions)) {
      if (instruction.keyword === "ENV" || instruction.keyword === "ARG") {
        for (const pair of instruction.pairs) {
          if (pair.value === undefined || !isSetting(pair.key)) continue;
          const expanded = instruction.scope.expand(pair.value);
          const value = expanded.unresolved.length > 0 ? undefined : expanded.value;
          checkSetting(pair.key, value, `${pair.key}=${pair.value}`, pair.range, report);
        }
      } else if (instruction.keyword === "COPY" || instruction.keyword === "ADD") {
        checkWritten(model, instruction, report);
      }
    }

    for (const run of runInstructions(model)) {
      const mounts = secretMounts(run);
      for (const site of commandsOfRun(model, run)) {
        // Looked up only for a value with an expansion, which few commands have.
        const locals = () => scriptVariables(site.script, mounts);
        const { command, name } = site;
        // `X=0 cmd`, `X=0`, `env X=0 cmd` (the unwrapped view lists env's assignments too).
        for (const assignment of command.assignments) {
          if (!isSetting(assignment.name)) continue;
          checkSetting(assignment.name, resolved(assignment.value, run, locals), `${assignment.name}=${assignment.value?.value ?? ""}`, [assignment.start, assignment.end], report);
        }
        // `export X=0`, `declare -x X=0`, `go env -w X=y`
        const declares = name === "export" || name === "declare" || name === "typeset" || (name === "go" && command.args[0]?.value === "env");
        if (declares) {
          for (const arg of command.args) {
            const match = /^([A-Z_]\w*)=(.*)$/is.exec(arg.value);
            if (!match?.[1] || !isSetting(match[1])) continue;
            const value = arg.hasExpansion ? resolved({ ...arg, value: match[2] ?? "" }, run, locals) : (match[2] ?? "");
            checkSetting(match[1], value, arg.value, [arg.start, arg.end], report);
          }
        }
        checkCommand(site, report);
      }
      checkWritten(model, run, report);
    }
  },
});
