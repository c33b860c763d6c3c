import type { DockerfileModel, Instruction, RunScript } from "../../dockerfile/model.js";
import { effectiveUser, runInstructions, stageRoot, userBefore } from "../../dockerfile/queries.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { commandBaseName, flagValue, hasFlag, positionalArgs, unwrapCommand } from "../../shell/helpers.js";
import type { ShellCommand } from "../../shell/types.js";
import type { SourceText } from "../../source.js";
import type { Fix } from "../../types.js";
import {
  APK_OPTIONS_WITH_VALUE,
  APT_OPTIONS_WITH_VALUE,
  APTITUDE_OPTIONS_WITH_VALUE,
  cacheMountTargets,
  type CommandSpec,
  coversDirectory,
  insertAfterWord,
  leavesFilesInImage,
  localVariables,
  type ManagerCall,
  managerCalls,
  NODE_PM_OPTIONS_WITH_VALUE,
  PIP_OPTIONS_WITH_VALUE,
  removesAptLists,
  removedPaths,
  RPM_OPTIONS_WITH_VALUE,
  scriptFileRun,
  ZYPPER_OPTIONS_WITH_VALUE,
} from "./_package-managers.js";
import { yumOfImage, type YumOfImage } from "./_rpm-family.js";
import { createdUsersOfStage, userPart, type CreatedUser } from "./_users.js";
import { imageMatchesAny } from "../../util/image-patterns.js";
import { isRootUser } from "../../util/user.js";
import { RecentCache } from "../../util/recent-cache.js";
import { cutAtFirst, isSlash, trimEndWhere } from "../../util/trim-end.js";
import { appendTo } from "../../util/append-to.js";

/** What the base image of a RUN's stage chain tells about its package managers. */
interface BaseImage {
  /** The image the chain starts from, build arguments substituted (`fedora:41`): named in messages. */
  image: string;
  /** What `yum` is there (real yum, or a link to dnf or dnf5), where the image tells. */
  yum: YumOfImage | undefined;
  /** bitnami/minideb, whose `install_packages` deletes the apt lists. */
  minideb: boolean;
}

/**
 * Read on demand: most RUNs never ask (only yum's row and the apt helpers do), and matching the
 * image against `bitnami/minideb` for every RUN made the rule 40 % slower over the corpus.
 */
class LazyBaseImage implements BaseImage {
  #image: string | undefined;
  #yum: { value: YumOfImage | undefined } | undefined;
  #minideb: boolean | undefined;

  constructor(private readonly run: Instruction) {}

  get image(): string {
    this.#image ??= this.run.stage ? stageRoot(this.run.stage).resolvedImage : "";
    return this.#image;
  }

  get yum(): YumOfImage | undefined {
    this.#yum ??= { value: yumOfImage(this.image) };
    return this.#yum.value;
  }

  get minideb(): boolean {
    this.#minideb ??= imageMatchesAny(this.image.replace(/["']/g, ""), ["bitnami/minideb"]);
    return this.#minideb;
  }
}

/** What a clean-up test gets with a later command of the same RUN: how to read its words. */
interface CleanupContext {
  /** What a command deletes with `rm` or `find` (`removedPaths`, with the locals of the call's script). */
  removed: (raw: ShellCommand) => readonly string[];
  base: BaseImage;
}

/**
 * `removedPaths` of the commands of one RUN, per script whose locals resolve them, each read
 * once: the ten rows test the same later commands.
 */
function removalsOfRun(run: Instruction): (script: RunScript) => (raw: ShellCommand) => readonly string[] {
  const readers = new Map<RunScript, (raw: ShellCommand) => readonly string[]>();
  return (script) => {
    let reader = readers.get(script);
    if (!reader) {
      const locals = localVariables(script);
      const paths = new Map<ShellCommand, readonly string[]>();
      reader = (raw) => {
        let found = paths.get(raw);
        if (!found) {
          found = removedPaths(raw, run, locals);
          paths.set(raw, found);
        }
        return found;
      };
      readers.set(script, reader);
    }
    return reader;
  };
}

/** One package manager: the command that fills its cache and what empties it. */
interface CacheRow extends CommandSpec {
  /** The cache directory, named in the message. */
  cache: string;
  /** What the cache holds, for the message of a RUN that may clean it in a script. */
  what: string;
  /** A cache under the user's home directory: root's (which the tool may place elsewhere) and its place in any other home, for the cache mount the message suggests. */
  userCache?: { root: string; home: string };
  /** Whether the call keeps no cache (apk's `--no-cache`, pip's `--no-cache-dir` or `PIP_NO_CACHE_DIR`). */
  keepsNoCache?: (call: ManagerCall, model: DockerfileModel) => boolean;
  /** Whether a later command of the same RUN removes the cache. */
  cleansUp: (command: ShellCommand, context: CleanupContext) => boolean;
  /** Whether the RUN's cache/tmpfs mount targets keep the cache out of the layer (on this base image). */
  mounted: (targets: readonly string[], base: BaseImage) => boolean;
  /** The cache and message on this base image, where they depend on it (yum: real yum, or dnf). */
  describe?: (base: BaseImage) => { cache: string; messageId: string; data?: Record<string, string> };
  /** Installer helpers that wrap this manager (`install_packages`): like a script, they may clean up out of sight. */
  helpers?: readonly string[];
  /** How to clean up, shown in the message. */
  cleanup: string;
  /** Report every call (each needs its own flag), not only the last one of the RUN (one clean-up at the end fixes all). */
  reportEach?: boolean;
  /** A flag that, added after the subcommand, keeps the call from caching: offered as a fix. */
  fixFlag?: string;
  /**
   * The calls fill one shared cache (apk's index): one finding for the RUN, at the first call
   * that leaves it, whose advice and fix cover every call after it, so that following them
   * leaves nothing for a second finding.
   */
  shared?: { messageIdOf: (calls: readonly ManagerCall[]) => string; advice: (calls: readonly ManagerCall[]) => string; fixable: (call: ManagerCall) => boolean };
  messageId: string;
}

// ------------------------------------------------------------------------------------------ apt

const APT_LISTS = "/var/lib/apt/lists";

/** The subcommand of an apt-get/apt/aptitude command, if it is one. */
function aptSubcommand(command: ShellCommand): string | undefined {
  const name = commandBaseName(command);
  if (name !== "apt-get" && name !== "apt" && name !== "aptitude") return undefined;
  return positionalArgs(command, name === "aptitude" ? APTITUDE_OPTIONS_WITH_VALUE : APT_OPTIONS_WITH_VALUE)[0]?.value;
}

/**
 * `rm [-rf] /var/lib/apt/lists/*` (any flag spelling: `-rf`, `-fr`, `-r -f`, `--recursive --force`),
 * `find /var/lib/apt/lists … -delete` or `-exec rm`, and `apt-get distclean` (apt ≥ 2.7), which
 * deletes the lists. `apt-get clean` alone does not: it empties /var/cache/apt/archives only.
 * On bitnami/minideb, its `install_packages` too: the image's helper ends with `rm -r
 * /var/lib/apt/lists /var/cache/apt/archives` (minideb's mkimage; its README: "Clean up the apt
 * metadata afterward").
 */
function cleansAptLists(raw: ShellCommand, { removed, base }: CleanupContext): boolean {
  if (removed(raw).some(removesAptLists)) return true;
  const command = unwrapCommand(raw);
  if (commandBaseName(command) === "install_packages" && base.minideb) return true;
  const sub = aptSubcommand(command);
  return sub === "distclean" || sub === "dist-clean";
}

/**
 * Installer helpers that run `apt-get update` and `install` and, in the images that ship them,
 * delete the lists: bitnami/minideb's `install_packages` and gitpod's `install-packages`
 * (gitpod-io/workspace-images base/install-packages, used by chunks/lang-c/Dockerfile after an
 * `apt update` of its own). Outside minideb docklint cannot see which helper the image has, so
 * the finding is hedged as for a script it cannot read.
 */
const APT_HELPERS = ["install_packages", "install-packages"];

// ------------------------------------------------------------------------------------------ generic

/** `rm -rf <dir>`, `rm -rf <dir>/*`, `rm -rf <parent>`, `rm -rf <dir>/APKINDEX*` and `find <dir> -delete` of one of `dirs`. */
function removesOneOf(dirs: readonly string[]): (raw: ShellCommand, context: CleanupContext) => boolean {
  return (raw, { removed }) => removed(raw).some((path) => dirs.some((dir) => coversDirectory(path, dir) || (path.startsWith(`${dir}/`) && path.includes("*"))));
}

/** `<program> <subcommand> …` by the same program (`dnf clean all`, not `microdnf clean all`), or one of `programs`. */
function isCall(raw: ShellCommand, programs: readonly string[], words: readonly string[], optionsWithValue: readonly string[]): boolean {
  const command = unwrapCommand(raw);
  const name = commandBaseName(command);
  if (name === undefined || !programs.includes(name)) return false;
  const positionals = positionalArgs(command, optionsWithValue);
  return words.every((word, i) => positionals[i]?.value === word);
}

/** A mount on one of `dirs` or on a parent of it (`/var/cache` holds `/var/cache/apk`). */
function mountsOneOf(dirs: readonly string[]): (targets: readonly string[]) => boolean {
  return (targets) => targets.some((target) => target !== "" && dirs.some((dir) => dir === target || dir.startsWith(`${target}/`)));
}

/** A mount whose target contains a fragment (hadolint's test, for caches under a home directory: `.cache/pip`). */
function mountsContaining(...fragments: string[]): (targets: readonly string[]) => boolean {
  return (targets) => targets.some((target) => fragments.some((fragment) => target.includes(fragment) || `${target}/`.endsWith(`/${fragment.split("/")[0]}/`)));
}

// ------------------------------------------------------------------------------------------ apk

const APK_CACHE = "/var/cache/apk";

/** `--no-cache`, or `--no-network` (nothing is downloaded, so nothing is cached: docker-library's run-deps step). */
function apkNoCache(call: ManagerCall): boolean {
  return hasFlag(call.command, "--no-cache", "--no-network");
}

function isApkUpdate(call: ManagerCall): boolean {
  return call.subcommand.value === "update";
}

/** `` `apk add` ``, `` each `apk add` ``, `` each `apk add` and `apk upgrade` ``. */
function callList(calls: readonly ManagerCall[]): string {
  const labels = [...new Set(calls.map((call) => `\`${call.label}\``))];
  const listed = labels.length > 1 ? `${labels.slice(0, -1).join(", ")} and ${labels.at(-1) ?? ""}` : (labels[0] ?? "");
  return calls.length > 1 ? `each ${listed}` : listed;
}

/**
 * How to keep the index out of the layer: `--no-cache` on each install (each then fetches a fresh
 * index and keeps none), and no `apk update`, whose only use is the index it keeps.
 */
function apkAdvice(calls: readonly ManagerCall[]): string {
  const updates = calls.filter(isApkUpdate);
  const installs = calls.filter((call) => !isApkUpdate(call));
  const first = calls[0];
  const drop = updates.length === 0 ? "" : first && isApkUpdate(first) && updates.length === 1 ? "drop it" : `drop ${callList(updates)}`;
  if (installs.length === 0) return `${drop} and install with \`apk add --no-cache\` (it fetches a fresh index itself and keeps none)`;
  const only = installs.length === 1 ? installs[0] : undefined;
  const noCache = only && !drop ? `use \`${only.label} --no-cache …\`` : `give \`--no-cache\` to ${callList(installs)}`;
  return `${drop ? `${drop} and ` : ""}${noCache} (${installs.length > 1 ? "each then fetches" : "it fetches"} a fresh index itself and keeps none)`;
}

/** The finding is DL3019's (an install without `--no-cache`) unless only `apk update` keeps the index. */
function apkMessageId(calls: readonly ManagerCall[]): string {
  if (calls[0] && !isApkUpdate(calls[0])) return "apk";
  return calls.every(isApkUpdate) ? "apkUpdate" : "apkUpdateAndAdd";
}

// ------------------------------------------------------------------------------------------ pip

/**
 * pip reads `PIP_NO_CACHE_DIR` like `--no-cache-dir`, and (for backwards compatibility, see
 * `_handle_no_cache_dir` in pip's cmdoptions.py) disables the cache for every valid boolean
 * value, `0` and `false` included; other values make pip fail.
 */
const PIP_BOOLEAN = /^(?:[yt1nf0]|yes|true|on|no|false|off)$/i;

function setsPipNoCacheDir(value: string | null | undefined): boolean {
  return value !== undefined && value !== "" && (value === null || PIP_BOOLEAN.test(value.trim()));
}

/**
 * `--no-cache-dir` and its abbreviations: pip's option parser (optparse) takes any prefix of a
 * long option that no other option shares, and `--no-ca` is the shortest (`--no-c` could also be
 * `--no-clean`, `--no-color` or `--no-compile`). healthchecks' docker/Dockerfile runs
 * `pip install --no-cache /wheels/*`.
 */
function givesNoCacheDir(command: ShellCommand): boolean {
  return command.args.some((arg) => {
    const name = cutAtFirst(arg.value, "=");
    return name.length >= "--no-ca".length && "--no-cache-dir".startsWith(name);
  });
}

/**
 * `--no-cache-dir` (or an abbreviation), or `PIP_NO_CACHE_DIR` set for the call: by ENV or ARG
 * (the stage's or a stage it builds on), on the command (`PIP_NO_CACHE_DIR=1 pip …`,
 * `env PIP_NO_CACHE_DIR=1 pip …`) or earlier in the RUN (`export PIP_NO_CACHE_DIR=1 && …`). A
 * `--cache-dir` or `PIP_CACHE_DIR` on a cache mount is handled with the mounts.
 */
function pipNoCache(call: ManagerCall): boolean {
  if (givesNoCacheDir(call.command)) return true;
  if (setsPipNoCacheDir(call.run.scope.lookup("PIP_NO_CACHE_DIR"))) return true;
  if (setsPipNoCacheDirItself(call.command)) return true;
  return firstPipNoCacheDir.lookup(call.script, firstSettingPipNoCacheDir) < call.command.start;
}

/** `PIP_NO_CACHE_DIR=1 …` or `export PIP_NO_CACHE_DIR=1`. */
function setsPipNoCacheDirItself(command: ShellCommand): boolean {
  if (command.assignments.some((a) => a.name === "PIP_NO_CACHE_DIR" && setsPipNoCacheDir(a.value?.value ?? ""))) return true;
  return command.name?.value === "export" && command.args.some((arg) => /^PIP_NO_CACHE_DIR=/.test(arg.value) && setsPipNoCacheDir(arg.value.slice(17)));
}

/**
 * Where the first command of a script that sets PIP_NO_CACHE_DIR starts (Infinity for none),
 * kept for the script's calls: searched for each pip call, the earlier commands of a RUN of n
 * pip installs were read n² times.
 */
const firstPipNoCacheDir = new RecentCache<RunScript, number>(4);

function firstSettingPipNoCacheDir(script: RunScript): number {
  return script.script.commands.find(setsPipNoCacheDirItself)?.start ?? Number.POSITIVE_INFINITY;
}

/** A cache mount on pip's cache (`~/.cache/pip`, `/root/.cache`), or on the `--cache-dir`/`PIP_CACHE_DIR` given. */
function pipCacheMounted(call: ManagerCall, targets: readonly string[]): boolean {
  if (mountsContaining(".cache/pip")(targets)) return true;
  const dirs = [
    ...positionalCacheDir(call.command),
    ...[call.run.scope.lookup("PIP_CACHE_DIR")].filter((v): v is string => typeof v === "string" && v !== ""),
  ].map((dir) => trimEndWhere(dir, isSlash));
  return dirs.some((dir) => mountsOneOf([dir])(targets));
}

function positionalCacheDir(command: ShellCommand): string[] {
  const out: string[] = [];
  command.args.forEach((arg, i) => {
    if (arg.value === "--cache-dir") out.push(command.args[i + 1]?.value ?? "");
    else if (arg.value.startsWith("--cache-dir=")) out.push(arg.value.slice(12));
  });
  return out.filter((dir) => dir !== "");
}

/** `pip cache purge`, or `rm -rf ~/.cache/pip` / `/root/.cache` after the install. */
function cleansPipCache(raw: ShellCommand, context: CleanupContext): boolean {
  const command = unwrapCommand(raw);
  const name = commandBaseName(command) ?? "";
  if (/^pip\d*(?:\.\d+)?$/.test(name)) {
    const [sub, action] = positionalArgs(command, PIP_OPTIONS_WITH_VALUE);
    if (sub?.value === "cache" && (action?.value === "purge" || action?.value === "remove")) return true;
  }
  return context.removed(raw).some((path) => /(?:^|\/)\.cache(?:\/pip)?\/?\*?$/.test(path) || /^~?\/?\.cache(?:\/pip)?/.test(path));
}

// ------------------------------------------------------------------------------------------ yum, dnf, zypper, yarn

const DNF_CACHES = ["/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5", "/var/cache/tdnf"];

/**
 * `<program> clean all` after the install, or removing the cache directory. yum and dnf are the
 * same program on RHEL 8 and later (`yum` is a link to `dnf`); microdnf keeps its own cache.
 */
function cleanAll(programs: readonly string[], caches: readonly string[]): (raw: ShellCommand, context: CleanupContext) => boolean {
  const removes = removesOneOf(caches);
  return (raw, context) => isCall(raw, programs, ["clean", "all"], RPM_OPTIONS_WITH_VALUE) || removes(raw, context);
}

/**
 * The directories `yum` may cache in on this base image: the one of its program where the image
 * tells (swiftlang/swift-docker runs `yum install` on fedora:41, ubi9 and amazonlinux:2023, where
 * yum is dnf and caches in /var/cache/dnf or /var/cache/libdnf5: a mount on /var/cache/yum or its
 * removal keeps nothing out of the layer there), else any of them.
 */
function yumCaches(base: BaseImage): readonly string[] {
  return base.yum ? [base.yum.cache] : ["/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"];
}

/**
 * `yum clean all`, or `dnf clean all` where yum may be dnf (the same program there; on real yum a
 * dnf installed beside it empties only its own cache), or removing the cache `yum` uses here.
 */
function cleansYum(raw: ShellCommand, context: CleanupContext): boolean {
  const programs = context.base.yum?.program === "yum" ? ["yum"] : ["yum", "dnf"];
  return isCall(raw, programs, ["clean", "all"], RPM_OPTIONS_WITH_VALUE) || removesOneOf(yumCaches(context.base))(raw, context);
}

/** Where the yum finding says the cache is, and which message says it. */
function describeYum(base: BaseImage): { cache: string; messageId: string; data?: Record<string, string> } {
  if (!base.yum) return { cache: "/var/cache/yum, or /var/cache/dnf where `yum` is dnf", messageId: "yumOrDnf" };
  if (base.yum.program === "yum") return { cache: base.yum.cache, messageId: "yum" };
  return { cache: base.yum.cache, messageId: "yumIsDnf", data: { program: base.yum.program, image: base.image } };
}

const RPM_INSTALLS = ["install", "groupinstall", "localinstall", "reinstall", "update", "upgrade", "downgrade", "distro-sync", "group install", "groups install", "module install"];
const DNF_INSTALLS = [...RPM_INSTALLS, "in", "up", "upgrade-minimal", "up-min", "update-minimal", "rei", "dsync", "dg", "swap"];

/** zypper's subcommands that download packages (zypper(8)); `remove` refreshes the metadata too. */
const ZYPPER_INSTALLS = ["install", "in", "update", "up", "dist-upgrade", "dup", "patch", "source-install", "si", "install-new-recommends", "inr", "remove", "rm"];

/** `zypper clean` / `zypper cc` (any options: `--all`, `-a`) after the install, or `rm -rf /var/cache/zypp`. */
function cleansZypper(raw: ShellCommand, context: CleanupContext): boolean {
  return isCall(raw, ["zypper"], ["clean"], ZYPPER_OPTIONS_WITH_VALUE) || isCall(raw, ["zypper"], ["cc"], ZYPPER_OPTIONS_WITH_VALUE) || removesOneOf(["/var/cache/zypp"])(raw, context);
}

/** `yarn cache clean` after the install, or removing yarn's cache directory. */
function cleansYarn(raw: ShellCommand, context: CleanupContext): boolean {
  if (isCall(raw, ["yarn"], ["cache", "clean"], NODE_PM_OPTIONS_WITH_VALUE)) return true;
  return context.removed(raw).some((path) => /\.cache\/yarn|\.yarn\/(?:berry\/)?cache|yarn-cache|\/yarn\/v\d/.test(path) || /^(?:\/usr\/local\/share|~|\/root)\/\.cache\/?\*?$/.test(path));
}

/**
 * The table: one row per package manager (and per message). A row says which calls fill a
 * cache, what keeps a call from filling it, and what removes it later in the same RUN.
 */
/** What each cache holds, for the messages that say what stays in the layer (one wording per manager). */
const CACHE_CONTENTS = {
  aptLists: "the package lists",
  apk: "the package index",
  pip: "every downloaded wheel and source archive",
  rpm: "its package and metadata cache",
  microdnf: "its metadata cache",
  yarn: "a copy of every package it fetched",
} as const;

const ROWS: readonly CacheRow[] = [
  {
    commands: ["apt-get", "apt"],
    subcommands: ["update"],
    optionsWithValue: APT_OPTIONS_WITH_VALUE,
    cache: APT_LISTS,
    cleansUp: cleansAptLists,
    mounted: mountsOneOf([APT_LISTS]),
    cleanup: "rm -rf /var/lib/apt/lists/*",
    helpers: APT_HELPERS,
    what: CACHE_CONTENTS.aptLists,
    messageId: "aptLists",
  },
  {
    commands: ["aptitude"],
    subcommands: ["update"],
    optionsWithValue: APTITUDE_OPTIONS_WITH_VALUE,
    cache: APT_LISTS,
    cleansUp: cleansAptLists,
    mounted: mountsOneOf([APT_LISTS]),
    cleanup: "rm -rf /var/lib/apt/lists/*",
    helpers: APT_HELPERS,
    what: CACHE_CONTENTS.aptLists,
    messageId: "aptLists",
  },
  {
    commands: ["apk", "xx-apk"],
    subcommands: ["add", "upgrade", "update"],
    optionsWithValue: APK_OPTIONS_WITH_VALUE,
    cache: APK_CACHE,
    keepsNoCache: apkNoCache,
    cleansUp: removesOneOf([APK_CACHE]),
    mounted: mountsOneOf([APK_CACHE, "/etc/apk/cache"]),
    cleanup: "rm -rf /var/cache/apk/*",
    reportEach: true,
    fixFlag: "--no-cache",
    shared: { messageIdOf: apkMessageId, advice: apkAdvice, fixable: (call) => !isApkUpdate(call) },
    what: CACHE_CONTENTS.apk,
    messageId: "apk",
  },
  {
    commands: [],
    commandPattern: /^pip\d*(\.\d+)?$/,
    pythonModule: "pip",
    subcommands: ["install"],
    optionsWithValue: PIP_OPTIONS_WITH_VALUE,
    cache: "~/.cache/pip",
    userCache: { root: "/root/.cache/pip", home: ".cache/pip" },
    keepsNoCache: pipNoCache,
    cleansUp: cleansPipCache,
    mounted: mountsContaining(".cache/pip"),
    cleanup: "pip cache purge",
    reportEach: true,
    fixFlag: "--no-cache-dir",
    what: CACHE_CONTENTS.pip,
    messageId: "pip",
  },
  {
    commands: ["yum"],
    subcommands: RPM_INSTALLS,
    optionsWithValue: RPM_OPTIONS_WITH_VALUE,
    cache: "/var/cache/yum",
    cleansUp: cleansYum,
    mounted: (targets, base) => mountsOneOf(yumCaches(base))(targets),
    describe: describeYum,
    cleanup: "yum clean all",
    what: CACHE_CONTENTS.rpm,
    messageId: "yum",
  },
  {
    commands: ["dnf", "tdnf"],
    subcommands: DNF_INSTALLS,
    optionsWithValue: RPM_OPTIONS_WITH_VALUE,
    cache: "/var/cache/dnf",
    cleansUp: cleanAll(["dnf", "yum", "tdnf"], DNF_CACHES),
    mounted: (targets) => mountsOneOf(DNF_CACHES)(targets) || mountsContaining(".cache/libdnf5")(targets),
    cleanup: "dnf clean all",
    what: CACHE_CONTENTS.rpm,
    messageId: "dnf",
  },
  {
    commands: ["microdnf"],
    subcommands: DNF_INSTALLS,
    optionsWithValue: RPM_OPTIONS_WITH_VALUE,
    cache: "/var/cache/yum",
    cleansUp: cleanAll(["microdnf"], DNF_CACHES),
    mounted: (targets) => mountsOneOf(DNF_CACHES)(targets) || mountsContaining(".cache/libdnf5")(targets),
    cleanup: "microdnf clean all",
    what: CACHE_CONTENTS.microdnf,
    messageId: "microdnf",
  },
  {
    commands: ["zypper"],
    subcommands: ZYPPER_INSTALLS,
    optionsWithValue: ZYPPER_OPTIONS_WITH_VALUE,
    cache: "/var/cache/zypp",
    cleansUp: cleansZypper,
    mounted: mountsOneOf(["/var/cache/zypp"]),
    cleanup: "zypper clean --all",
    what: CACHE_CONTENTS.rpm,
    messageId: "zypper",
  },
  {
    commands: ["yarn"],
    subcommands: ["install", "add", "global add"],
    optionsWithValue: NODE_PM_OPTIONS_WITH_VALUE,
    bareIsSubcommand: true,
    // `yarn --version`, `yarn -v`, `yarn --help` print and exit.
    ignore: (command) => hasFlag(command, "--version", "-v", "--help", "-h"),
    cache: "~/.cache/yarn",
    // yarn 1 keeps root's cache under /usr/local/share, not /root (src/util/user-home-dir.js).
    userCache: { root: "/usr/local/share/.cache/yarn", home: ".cache/yarn" },
    cleansUp: cleansYarn,
    mounted: mountsContaining(".cache/yarn", ".yarn/berry/cache", ".yarn/cache"),
    cleanup: "yarn cache clean",
    what: CACHE_CONTENTS.yarn,
    messageId: "yarn",
  },
];

/**
 * The calls of a row in one RUN that leave a cache in the layer: every call without its
 * no-cache flag that no later command of the RUN cleans up after (`reportEach`), or else the
 * last such call (a later call refills what an earlier clean-up removed).
 */
function leftovers(
  model: DockerfileModel,
  run: Instruction,
  row: CacheRow,
  callsOfRun: readonly ManagerCall[],
  removalsIn: (script: RunScript) => (raw: ShellCommand) => readonly string[],
  base: BaseImage,
): ManagerCall[] {
  const calls = callsOfRun.filter((call) => !row.keepsNoCache?.(call, model));
  const first = calls[0];
  if (!first) return [];
  const commands = model.shellOf(run).commands;
  const context: CleanupContext = { removed: removalsIn(first.script), base };
  // The last command that cleans up, found once: asked for each call, the later commands of a
  // RUN of n pip installs were read n² times (4,000 installs: 1.3 s).
  let lastCleanup = commands.length - 1;
  while (lastCleanup > first.index) {
    const command = commands[lastCleanup];
    if (command && row.cleansUp(command, context)) break;
    lastCleanup--;
  }
  const cleanedLater = (call: ManagerCall): boolean => lastCleanup > call.index;
  if (row.reportEach) return calls.filter((call) => !cleanedLater(call));
  const last = calls.at(-1);
  return last && !cleanedLater(last) ? [last] : [];
}

/**
 * Each row's calls in the file, by RUN: one lookup per row rather than one scan of every RUN per
 * row. Undefined for a row with no calls (most rows, in most files): no empty map is made for it.
 */
function callsByRun(model: DockerfileModel): (Map<Instruction, ManagerCall[]> | undefined)[] {
  return ROWS.map((row) => {
    let byRun: Map<Instruction, ManagerCall[]> | undefined;
    for (const call of managerCalls(model, row)) {
      byRun ??= new Map();
      appendTo(byRun, call.run, call);
    }
    return byRun;
  });
}

/** A user a RUN runs as that is not root, and what the Dockerfile tells of its uid and home directory. */
interface RunUser {
  name: string;
  uid: string | undefined;
  home: string | undefined;
}

/** Users that official images create, with their uid and home (the `node` image's `node`, uid 1000). */
const IMAGE_USERS: readonly { images: readonly string[]; name: string; uid: string; home: string }[] = [
  { images: ["node"], name: "node", uid: "1000", home: "/home/node" },
];

/**
 * The user a RUN runs as, when a USER in force names one that is not root; undefined for root
 * (also when no USER is given: most base images run as root).
 */
function nonRootUser(model: DockerfileModel, run: Instruction): RunUser | undefined {
  const stage = run.stage;
  // A trigger runs in the child, as the user this stage ends with.
  const user = run.onbuild ? (stage ? effectiveUser(stage) : undefined) : userBefore(run);
  if (!user || !stage) return undefined;
  const name = userPart(user.value);
  if (name === "" || (user.unresolved.length === 0 && isRootUser(name))) return undefined;
  if (user.unresolved.length > 0) return { name: userPart(user.instruction.argsText.trim()), uid: undefined, home: undefined };
  const home = run.scope.lookup("HOME");
  const created = createdUsersOfStage(model, stage).get(name);
  const found: RunUser = { name, uid: /^\d+$/.test(name) ? name : created?.uid, home: typeof home === "string" && home !== "" ? home : undefined };
  const image = stageRoot(stage).resolvedImage;
  const known = IMAGE_USERS.find((candidate) => candidate.name === name && imageMatchesAny(image, candidate.images));
  if (known) return { name, uid: found.uid ?? known.uid, home: found.home ?? known.home };
  if (created) found.home ??= createdHome(created);
  return found;
}

/** The home directory a `useradd`/`adduser` gives the user it creates: its home option, else `/home/<name>` (not for system users, whose default differs). */
function createdHome(created: CreatedUser): string | undefined {
  const command = created.command;
  const useradd = commandBaseName(command) === "useradd";
  const option = useradd ? flagValue(command, "-d", "--home-dir") : flagValue(command, "--home", "-h");
  if (option && !option.hasExpansion) return option.value;
  return hasFlag(command, "-r", "--system", "-S") ? undefined : `/home/${created.name}`;
}

/**
 * The cache mount the message suggests for a cache under the home directory: root's, or the
 * user's with its uid (a cache mount belongs to root unless `uid=` says otherwise, and the
 * tool then cannot write to it), or words without a path where the home is not known.
 */
function cacheMountAdvice(cache: { root: string; home: string }, user: RunUser | undefined): string {
  if (!user) return `\`RUN --mount=type=cache,target=${cache.root}\` (the cache of root)`;
  if (user.home === undefined) {
    return `a cache mount on \`${cache.home}\` in the home directory of user \`${user.name}\`, with \`uid=\` set to its uid so that it can write there`;
  }
  const target = `${trimEndWhere(user.home, isSlash)}/${cache.home}`;
  if (user.uid === undefined) return `\`RUN --mount=type=cache,target=${target},uid=…\` with the uid of user \`${user.name}\` (the cache of that user, who cannot write to a mount owned by root)`;
  return `\`RUN --mount=type=cache,target=${target},uid=${user.uid}\` (the cache of user \`${user.name}\`)`;
}

/** The first command after `index` in the RUN's commands that runs a script file (which may clean the cache out of sight). */
function scriptAfter(commands: readonly ShellCommand[], index: number): string | undefined {
  let next = nextScriptOf.get(commands);
  if (!next) {
    // Each command's next script, found in one pass from the end: asked for every install of a
    // RUN, a forward search each time made one RUN of 30,000 pip installs quadratic.
    next = new Array<string | undefined>(commands.length + 1);
    for (let i = commands.length - 1; i >= 0; i--) {
      const command = commands[i];
      next[i] = (command ? scriptFileRun(unwrapCommand(command))?.value : undefined) ?? next[i + 1];
    }
    nextScriptOf.set(commands, next);
  }
  return next[index + 1];
}

const nextScriptOf = new WeakMap<readonly ShellCommand[], (string | undefined)[]>();

/** The first command after `index` that runs one of `helpers`, by the name it was called with. */
function helperAfter(commands: readonly ShellCommand[], index: number, helpers: readonly string[]): string | undefined {
  for (let i = index + 1; i < commands.length; i++) {
    const command = commands[i];
    const name = command ? commandBaseName(unwrapCommand(command)) : undefined;
    if (name !== undefined && helpers.includes(name)) return name;
  }
  return undefined;
}

function fixFor(source: SourceText, call: ManagerCall, flag: string | undefined): Fix | undefined {
  return flag ? insertAfterWord(source, call.run, call.subcommand, flag) : undefined;
}

const LEAVES = "leaves {{what}} in {{cache}} and this RUN never removes it, so it stays in the image layer";

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-package-manager-cache",
    kind: "dockerfile",
    category: "best-practice",
    severity: "warning",
    docs: "Disallow package-manager caches left in the image (apt lists, apk index, pip, yum/dnf, zypper and yarn caches).",
    presets: ["recommended"],
    fixable: true,
    messages: {
      aptLists:
        "`{{command}}` downloads the package lists to {{cache}} and this RUN never deletes them, so they stay in the image layer (tens of MB, and stale); end the same RUN with `{{cleanup}}`, or use `RUN --mount=type=cache,target={{cache}}`.",
      apk: "`{{command}}` without `--no-cache` stores the package index in {{cache}} and this RUN never deletes it, so it stays in the image layer; {{fix}}, or end the same RUN with `{{cleanup}}`.",
      apkUpdate: "`{{command}}` stores the package index in {{cache}} and this RUN never deletes it, so it stays in the image layer; {{fix}}, or end the same RUN with `{{cleanup}}`.",
      apkUpdateAndAdd:
        "`{{command}}` stores the package index in {{cache}}, the apk calls after it without `--no-cache` keep it, and this RUN never deletes it, so it stays in the image layer; {{fix}}, or end the same RUN with `{{cleanup}}`.",
      pip: "`{{command}}` keeps every downloaded wheel and source archive in pip's cache ({{cache}}), so they stay in the image layer; add `--no-cache-dir` (or set `ENV PIP_NO_CACHE_DIR=1`, or use {{mount}}).",
      yum: `\`{{command}}\` ${LEAVES.replace("{{what}}", CACHE_CONTENTS.rpm)}; end the same RUN with \`{{cleanup}}\`, or use \`RUN --mount=type=cache,target={{cache}}\`.`,
      yumIsDnf: `\`{{command}}\` runs {{program}} on {{image}} (\`yum\` is a link to it there), which leaves ${CACHE_CONTENTS.rpm} in {{cache}}, not in /var/cache/yum, and this RUN never removes it, so it stays in the image layer; end the same RUN with \`{{cleanup}}\`, or use \`RUN --mount=type=cache,target={{cache}}\`.`,
      yumOrDnf:
        `\`{{command}}\` leaves ${CACHE_CONTENTS.rpm} in {{cache}} (RHEL and its rebuilds from 8 on, Fedora, Amazon Linux 2023; in /var/cache/libdnf5 where it is dnf5, Fedora 41 on), and this RUN never removes it, so it stays in the image layer; ` +
        "end the same RUN with `{{cleanup}}` (yum and dnf both take it), or use a cache mount on that directory (`RUN --mount=type=cache,target=/var/cache/yum`, `target=/var/cache/dnf` where yum is dnf).",
      dnf: `\`{{command}}\` ${LEAVES.replace("{{what}}", CACHE_CONTENTS.rpm)}; end the same RUN with \`{{cleanup}}\`, or use \`RUN --mount=type=cache,target={{cache}}\` (\`/var/cache/libdnf5\` for dnf5).`,
      microdnf: `\`{{command}}\` ${LEAVES.replace("{{what}}", CACHE_CONTENTS.microdnf)}; end the same RUN with \`{{cleanup}}\`, or use \`RUN --mount=type=cache,target={{cache}}\`.`,
      zypper: `\`{{command}}\` ${LEAVES.replace("{{what}}", CACHE_CONTENTS.rpm)}; end the same RUN with \`{{cleanup}}\`, or use \`RUN --mount=type=cache,target={{cache}}\`.`,
      yarn: `\`{{command}}\` ${LEAVES.replace("{{what}}", CACHE_CONTENTS.yarn)}; end the same RUN with \`{{cleanup}}\`, or use {{mount}}.`,
      scriptMayClean:
        "`{{command}}` leaves {{what}} in {{cache}}, and this RUN cleans up only if the script `{{script}}` does, which docklint cannot read; make sure it does, or end the RUN with `{{cleanup}}` where the clean-up can be seen.",
    },
    references: {
      hadolint: ["DL3009", "DL3019", "DL3032", "DL3036", "DL3040", "DL3042", "DL3060"],
      trivy: ["DS-0015", "DS-0019", "DS-0020", "DS-0025", "DS-0027"],
      kics: [
        "df746b39-6564-4fed-bf85-e9c44382303c",
        "ae9c56a6-3ed1-4ac0-9b54-31267f51151d",
        "f2f903fb-b977-461e-98d7-b3e2185c6118",
        "00481784-25aa-4a55-8633-3136dfcf4f37",
        "295acb63-9246-4b21-b441-7c1f1fb62dc0",
        "38300d1a-feb2-4a48-936a-d1ef1cd24313",
      ],
    },
    referencesByMessage: {
      aptLists: { hadolint: ["DL3009"], kics: ["df746b39-6564-4fed-bf85-e9c44382303c"] },
      apk: { hadolint: ["DL3019"], trivy: ["DS-0025"], kics: ["ae9c56a6-3ed1-4ac0-9b54-31267f51151d"] },
      apkUpdate: {},
      apkUpdateAndAdd: { hadolint: ["DL3019"], trivy: ["DS-0025"], kics: ["ae9c56a6-3ed1-4ac0-9b54-31267f51151d"] },
      pip: { hadolint: ["DL3042"], kics: ["f2f903fb-b977-461e-98d7-b3e2185c6118"] },
      yum: { hadolint: ["DL3032"], trivy: ["DS-0015"], kics: ["00481784-25aa-4a55-8633-3136dfcf4f37"] },
      yumIsDnf: { hadolint: ["DL3032"], trivy: ["DS-0015"], kics: ["00481784-25aa-4a55-8633-3136dfcf4f37"] },
      yumOrDnf: { hadolint: ["DL3032"], trivy: ["DS-0015"], kics: ["00481784-25aa-4a55-8633-3136dfcf4f37"] },
      dnf: { hadolint: ["DL3040"], trivy: ["DS-0019"], kics: ["295acb63-9246-4b21-b441-7c1f1fb62dc0"] },
      microdnf: { hadolint: ["DL3040"], trivy: ["DS-0027"] },
      zypper: { hadolint: ["DL3036"], trivy: ["DS-0020"], kics: ["38300d1a-feb2-4a48-936a-d1ef1cd24313"] },
      yarn: { hadolint: ["DL3060"] },
      scriptMayClean: {},
    },
  },
  check({ model, source, settings, report }) {
    const rowCalls = callsByRun(model);
    if (rowCalls.every((byRun) => byRun === undefined)) return;
    for (const run of runInstructions(model)) {
      if (!rowCalls.some((byRun) => byRun?.has(run))) continue;
      if (!leavesFilesInImage(model, settings, run.stage)) continue;
      const targets = cacheMountTargets(run);
      const removalsIn = removalsOfRun(run);
      const base = new LazyBaseImage(run);
      for (const [rowIndex, row] of ROWS.entries()) {
        const callsOfRun = rowCalls[rowIndex]?.get(run);
        if (!callsOfRun || row.mounted(targets, base)) continue;
        const found = leftovers(model, run, row, callsOfRun, removalsIn, base).filter((call) => row.messageId !== "pip" || !pipCacheMounted(call, targets));
        const findings = row.shared ? (found.length > 0 ? [found] : []) : found.map((call) => [call]);
        for (const calls of findings) {
          const [call] = calls;
          const last = calls.at(-1);
          if (!call || !last) continue;
          const described = row.describe?.(base);
          const data: Record<string, string> = { command: call.label, cache: described?.cache ?? row.cache, cleanup: row.cleanup };
          if (row.userCache) data.mount = cacheMountAdvice(row.userCache, nonRootUser(model, run));
          if (row.shared) data.fix = row.shared.advice(calls);
          const commands = model.shellOf(run).commands;
          const script = scriptAfter(commands, last.index) ?? (row.helpers ? helperAfter(commands, last.index, row.helpers) : undefined);
          // Whether the cache stays depends on a script docklint cannot read: said as such, at info, not claimed.
          const descriptor: ReportDescriptor = script
            ? { messageId: "scriptMayClean", level: "info", data: { ...data, what: row.what, script }, range: call.range }
            : { messageId: row.shared?.messageIdOf(calls) ?? described?.messageId ?? row.messageId, data: { ...data, ...described?.data }, range: call.range };
          // One fix for all the calls, or none: half of it would leave the finding standing.
          const fixes = row.shared && !calls.every(row.shared.fixable) ? [] : calls.map((c) => fixFor(source, c, row.fixFlag));
          if (fixes.length > 0 && fixes.every((f): f is Fix => f !== undefined)) descriptor.fix = fixes.length === 1 ? fixes[0] : fixes;
          report(descriptor);
        }
      }
    }
  },
});

