import type { DockerfileModel } from "../../dockerfile/model.js";
import { defineRule } from "../../rule.js";
import { parseOptions, unwrapCommand } from "../../shell/helpers.js";
import type { ShellCommand, ShellWord } from "../../shell/types.js";
import { commandsInside, DOWNLOADERS, downloadsToStdout, downloadUrl, isShellName, pipelineBefore, pipesInto, programName, runCommands } from "./_run-commands.js";
import { BoundedCache } from "../../util/bounded-cache.js";

/** How an interpreter is told to run code: from a file operand, from stdin, or from an option's value. */
interface InterpreterSpec {
  /** Options that take a value (so the value is not taken for the script file). */
  withValue: readonly string[];
  /** Options whose value is the program text (`-c`, `-e`, `-r`). */
  code: readonly string[];
  /** Options that make it read the program from stdin whatever the operands (`sh -s`). */
  stdin?: readonly string[];
  /** Options that run something else, not a script (`python -m pip`). */
  other?: readonly string[];
}

const SHELL_SPEC: InterpreterSpec = { withValue: ["-o", "+o", "-O", "+O", "--rcfile", "--init-file"], code: ["-c"], stdin: ["-s"] };
const PYTHON_SPEC: InterpreterSpec = { withValue: ["-W", "-X", "--check-hash-based-pycs"], code: ["-c"], other: ["-m"] };
const PERL_SPEC: InterpreterSpec = { withValue: ["-I", "-M", "-m", "-x", "-i"], code: ["-e", "-E"] };
const RUBY_SPEC: InterpreterSpec = { withValue: ["-I", "-r", "-C", "-E", "--encoding", "-F", "-0"], code: ["-e"] };
const NODE_SPEC: InterpreterSpec = { withValue: ["-r", "--require", "--import", "--loader", "--experimental-loader", "--input-type", "-C", "--conditions"], code: ["-e", "--eval", "-p", "--print"] };
const PHP_SPEC: InterpreterSpec = { withValue: ["-c", "-d", "-z"], code: ["-r"], other: ["-f", "-S", "-t", "-a", "-l", "-m", "-i", "-v", "--ini"] };

/** Every command name of every RUN is looked up, and names repeat: remember the answer (bounded). */
const specsByName = new BoundedCache<string, InterpreterSpec | undefined>(4096);

function interpreterSpec(name: string): InterpreterSpec | undefined {
  if (!mayBeInterpreter(name)) return undefined;
  return specsByName.lookup(name, findInterpreterSpec);
}

/**
 * False for names findInterpreterSpec cannot match: every shell name but busybox contains "sh",
 * and the other interpreters start with b, d, n, p or r. Most command names (apt-get, echo,
 * mkdir, …) skip the cache lookup, which hashed each fresh name: interpreterSpec's lookups
 * were 3.7 µs/file in a CPU profile of the Dockerfile corpus.
 */
function mayBeInterpreter(name: string): boolean {
  const first = name.charCodeAt(0);
  // b, d, n, p, r
  return first === 98 || first === 100 || first === 110 || first === 112 || first === 114 || name.includes("sh");
}

function findInterpreterSpec(name: string): InterpreterSpec | undefined {
  if (isShellName(name)) return SHELL_SPEC;
  if (/^(?:python|pypy)[\d.]*$/.test(name)) return PYTHON_SPEC;
  if (/^perl[\d.]*$/.test(name)) return PERL_SPEC;
  if (/^ruby[\d.]*$/.test(name)) return RUBY_SPEC;
  if (name === "node" || name === "nodejs" || name === "bun" || name === "deno") return NODE_SPEC;
  if (/^php[\d.]*$/.test(name)) return PHP_SPEC;
  return undefined;
}

const STDIN_FILES = new Set(["-", "/dev/stdin", "/proc/self/fd/0", "/dev/fd/0"]);

interface Invocation {
  /** Runs the program it reads on stdin. */
  readsStdin: boolean;
  /** The script file operand (`bash <(curl …)`), if any. */
  file: ShellWord | undefined;
  /** The program text given by `-c`/`-e`/`-r` (`sh -c "$(curl …)"`), if any. */
  code: ShellWord | undefined;
}

function invocation(name: string, command: ShellCommand): Invocation | undefined {
  if (name === "source" || name === ".") {
    const file = command.args[0];
    return { readsStdin: file !== undefined && STDIN_FILES.has(file.value), file, code: undefined };
  }
  if (name === "eval") return { readsStdin: false, file: undefined, code: command.args.find((a) => a.hasExpansion) };
  const spec = interpreterSpec(name);
  if (!spec) return undefined;
  const parsed = parseOptions(command, { withValue: [...spec.withValue, ...spec.code], stopAtPositional: true });
  const codeOption = parsed.options.find((o) => spec.code.includes(o.name));
  if (codeOption) return { readsStdin: false, file: undefined, code: codeOption.value };
  if (parsed.options.some((o) => spec.other?.includes(o.name))) return undefined;
  let file = parsed.positionals[0];
  if (spec === PHP_SPEC && file) {
    // `php -- --install-dir=/usr/local/bin`: the words after `--` are arguments of the script php reads on stdin.
    const dashes = command.args.findIndex((a) => a.value === "--");
    if (dashes >= 0 && command.args.indexOf(file) > dashes) file = undefined;
  }
  const stdinOption = parsed.options.some((o) => spec.stdin?.includes(o.name));
  // php reads the script from stdin when no file is named (`php -- --install-dir=…`).
  return { readsStdin: stdinOption || file === undefined || STDIN_FILES.has(file.value), file: stdinOption ? undefined : file, code: undefined };
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return /^[a-z][a-z0-9+.-]*:\/\/(?:[^/@]*@)?([^/:?#]+)/i.exec(url)?.[1];
}

function isLocalUrl(url: string | undefined): boolean {
  return url !== undefined && /^file:/i.test(url);
}

/** The downloads (curl, wget, …) that print a fetched file, with the URL they fetch. */
function download(command: ShellCommand): { name: string; url: string | undefined } | undefined {
  const unwrapped = unwrapCommand(command);
  const name = programName(unwrapped.name);
  if (!name || !DOWNLOADERS.has(name) || !downloadsToStdout(name, unwrapped)) return undefined;
  const url = downloadUrl(name, unwrapped)?.value;
  if (isLocalUrl(url)) return undefined;
  return { name, url };
}

function shorten(url: string | undefined): string {
  if (!url) return "…";
  return url.length > 60 ? `${url.slice(0, 59)}…` : url;
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-pipe-to-shell",
    kind: "dockerfile",
    category: "security",
    severity: "error",
    docs: "Disallow running a script straight from the network (`curl … | sh`, `bash <(curl …)`, `sh -c \"$(curl …)\"`).",
    presets: ["recommended"],
    messages: {
      pipe: "`{{downloader}} {{url}} | {{interpreter}}` runs whatever {{host}} sends at build time, unverified: a compromised server, mirror or proxy controls your image; download the script to a file, check its SHA-256 (`echo \"<sha256>  install.sh\" | sha256sum -c -`) or signature, then run it.",
      substitution:
        "`{{interpreter}} {{construct}}` runs whatever {{host}} sends at build time, unverified: a compromised server, mirror or proxy controls your image; download the script to a file, check its SHA-256 (`echo \"<sha256>  install.sh\" | sha256sum -c -`) or signature, then run it.",
    },
    references: {
      semgrep: ["bash.curl.security.curl-pipe-bash.curl-pipe-bash", "bash.curl.security.curl-eval.curl-eval"],
    },
    referencesByMessage: {
      pipe: { semgrep: ["bash.curl.security.curl-pipe-bash.curl-pipe-bash"] },
      substitution: { semgrep: ["bash.curl.security.curl-pipe-bash.curl-pipe-bash", "bash.curl.security.curl-eval.curl-eval"] },
    },
  },
  check({ model, report }) {
    for (const site of runCommands(model)) {
      const { command, name, script, raw } = site;
      if (!name || !command.name) continue;
      const how = invocation(name, command);
      if (!how) continue;
      const interpreter = name;
      const range: [number, number] = [command.name.start, command.name.end];

      // `curl … | sh`: a download earlier in the same pipeline.
      if (how.readsStdin) {
        const source = pipelineBefore(script, site.index).find((c) => download(c) !== undefined && pipesInto(script, c, raw));
        const fetched = source && download(source);
        if (fetched) {
          report({
            messageId: "pipe",
            data: { downloader: fetched.name, url: shorten(fetched.url), interpreter, host: hostOf(fetched.url) ?? "the server" },
            range,
          });
          continue;
        }
      }
      // `bash <(curl …)`, `sh -c "$(curl …)"`, `eval "$(wget -O- …)"`.
      for (const word of [how.file, how.code]) {
        if (!word) continue;
        const fetched = commandsInside(script, word).map(download).find((d) => d !== undefined);
        if (!fetched) continue;
        const construct = word === how.file ? `<(${fetched.name} ${shorten(fetched.url)})` : `… "$(${fetched.name} ${shorten(fetched.url)})"`;
        report({ messageId: "substitution", data: { interpreter, construct, host: hostOf(fetched.url) ?? "the server" }, range });
        break;
      }
    }
  },
});
