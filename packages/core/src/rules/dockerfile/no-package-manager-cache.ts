import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { runInstructions } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { commandBaseName, positionalArgs, unwrapCommand } from "../../shell/helpers.js";
import type { ShellCommand } from "../../shell/types.js";
import {
  APT_OPTIONS_WITH_VALUE,
  APTITUDE_OPTIONS_WITH_VALUE,
  callsInRun,
  type CommandSpec,
  type ManagerCall,
  leavesFilesInImage,
  localVariables,
  mountCovers,
  resolveWord,
} from "./_package-managers.js";

/** One package manager: the command that fills its cache and what empties it. */
interface CacheRow extends CommandSpec {
  /** The cache directory, named in the message. */
  cache: string;
  /** Whether the call itself keeps no cache (apk's `--no-cache`, pip's `--no-cache-dir`); default: it leaves one. */
  keepsNoCache?: (call: ManagerCall) => boolean;
  /** Whether a later command of the same RUN removes the cache. */
  cleansUp: (command: ShellCommand, run: Instruction, locals: ReadonlySet<string>) => boolean;
  /** Sets of paths: with a cache/tmpfs mount on (a parent of) every path of one set, nothing lands in the layer. */
  mounts: readonly (readonly string[])[];
  /** How to clean up, shown in the message. */
  cleanup: string;
  messageId: string;
}

const APT_LISTS = "/var/lib/apt/lists";

/** Paths whose removal takes the lists with it: the directory, its parent, or the files in it. */
const APT_LIST_PATHS = [APT_LISTS, "/var/lib/apt", `${APT_LISTS}/deb.debian.org_debian_dists_stable_main_binary-amd64_Packages`];

/**
 * Whether `rm` of this path (a glob: `/var/lib/apt/lists/*`, `/var/lib/apt/lists*`,
 * `/var/lib/apt/lists/`) deletes the package lists.
 */
function removesAptLists(path: string): boolean {
  const normalized = path.replace(/\/+$/, "");
  if (!normalized.startsWith("/var/lib/apt")) return false;
  const pattern = new RegExp(
    `^${normalized.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")}$`,
  );
  return APT_LIST_PATHS.some((candidate) => pattern.test(candidate));
}

/** The paths a command operates on once known ARG/ENV values are substituted. */
function paths(command: ShellCommand, run: Instruction, locals: ReadonlySet<string>): string[] {
  return positionalArgs(command).flatMap((word) => resolveWord(word, run, locals) ?? []);
}

/**
 * `rm [-rf] /var/lib/apt/lists/*` (any flag spelling: `-rf`, `-fr`, `-r -f`, `--recursive --force`),
 * `find /var/lib/apt/lists … -delete` or `-exec rm`, and `apt-get distclean` (apt ≥ 2.7), which
 * deletes the lists. `apt-get clean` alone does not: it empties /var/cache/apt/archives only.
 */
function cleansAptLists(raw: ShellCommand, run: Instruction, locals: ReadonlySet<string>): boolean {
  const command = unwrapCommand(raw);
  const name = commandBaseName(command);
  if (name === "rm") return paths(command, run, locals).some(removesAptLists);
  if (name === "find") {
    const start = command.args[0];
    const values = start ? (resolveWord(start, run, locals) ?? []) : [];
    const under = values.some(removesAptLists);
    const deletes = command.args.some((arg, i) => arg.value === "-delete" || (arg.value === "-exec" && /(?:^|\/)rm$/.test(command.args[i + 1]?.value ?? "")));
    return under && deletes;
  }
  if (name === "apt-get" || name === "apt") {
    const [sub] = positionalArgs(command, APT_OPTIONS_WITH_VALUE);
    return sub?.value === "distclean" || sub?.value === "dist-clean";
  }
  return false;
}

/**
 * The table. A later release adds apk `add` without `--no-cache` (DL3019), pip without
 * `--no-cache-dir` (DL3042), yum/dnf/zypper without `clean all` (DL3032/DL3040/DL3036) and
 * `yarn cache clean` (DL3060) as rows, each with its own messageId.
 */
const ROWS: readonly CacheRow[] = [
  {
    commands: ["apt-get", "apt"],
    subcommands: ["update"],
    optionsWithValue: APT_OPTIONS_WITH_VALUE,
    cache: APT_LISTS,
    cleansUp: cleansAptLists,
    mounts: [[APT_LISTS]],
    cleanup: "rm -rf /var/lib/apt/lists/*",
    messageId: "aptLists",
  },
  {
    commands: ["aptitude"],
    subcommands: ["update"],
    optionsWithValue: APTITUDE_OPTIONS_WITH_VALUE,
    cache: APT_LISTS,
    cleansUp: cleansAptLists,
    mounts: [[APT_LISTS]],
    cleanup: "rm -rf /var/lib/apt/lists/*",
    messageId: "aptLists",
  },
];

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-package-manager-cache",
    kind: "dockerfile",
    category: "best-practice",
    severity: "warning",
    docs: "Disallow package-manager caches left in the image (`apt-get update` without removing /var/lib/apt/lists).",
    presets: ["recommended"],
    messages: {
      aptLists:
        "`{{command}}` downloads the package lists to {{cache}} and this RUN never deletes them, so they stay in the image layer (tens of MB, and stale); end the same RUN with `{{cleanup}}`, or use `RUN --mount=type=cache,target={{cache}}`.",
    },
    references: {
      hadolint: ["DL3009"],
      kics: ["df746b39-6564-4fed-bf85-e9c44382303c"],
    },
    referencesByMessage: {
      aptLists: { hadolint: ["DL3009"], kics: ["df746b39-6564-4fed-bf85-e9c44382303c"] },
    },
  },
  check({ model, report }) {
    for (const run of runInstructions(model)) {
      if (!leavesFilesInImage(model, run.stage)) continue;
      const commands = model.shellOf(run).commands;
      for (const row of ROWS) {
        if (row.mounts.some((set) => set.every((path) => mountCovers(run, path)))) continue;
        const calls = [...callsInRun(model, run, row)];
        // Later updates refill what an earlier clean-up removed: judge the last one.
        const last = calls.at(-1);
        if (!last || row.keepsNoCache?.(last)) continue;
        const locals = localVariables(last.script);
        const cleaned = commands.slice(last.index + 1).some((command) => row.cleansUp(command, run, locals));
        if (cleaned) continue;
        report({
          messageId: row.messageId,
          data: { command: `${last.name.value} ${last.subcommand.value}`, cache: row.cache, cleanup: row.cleanup },
          range: [Math.min(last.name.start, last.subcommand.start), last.subcommand.end],
        });
      }
    }
  },
});
