import type { DockerfileModel, Instruction, RunScript, Stage } from "../../dockerfile/model.js";
import { stageWithTriggers } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { commandBaseName, hasFlag, parseOptions, positionalArgs, unwrapCommand } from "../../shell/helpers.js";
import type { ShellCommand } from "../../shell/types.js";
import type { OffsetRange } from "../../source.js";
import {
  APK_OPTIONS_WITH_VALUE,
  APT_OPTIONS_WITH_VALUE,
  APTITUDE_OPTIONS_WITH_VALUE,
  cacheMountTargets,
  coversDirectory,
  localVariables,
  removedPaths,
  removesAptLists,
  RPM_OPTIONS_WITH_VALUE,
  runsCalling,
  scriptFileRun,
  ZYPPER_OPTIONS_WITH_VALUE,
} from "./_package-managers.js";
import { downloadedFile, downloadUrl, DOWNLOADERS, isShellName, pipelineBefore, pipesInto, programName } from "./_run-commands.js";

/** Package managers whose index one command fetches and another one reads. */
type Family = "apt" | "apk" | "rpm" | "zypper" | "pacman";

/**
 * What a command does with its family's package index:
 * - `refresh` fetches it (`apt-get update`, `apk update`, `dnf makecache`, `zypper refresh`, `pacman -Sy`);
 * - `use` installs or upgrades with it (`apt-get install`, `apk add`, `pacman -S x`);
 * - `refreshAndUse` does both in one command (`apk add --update`, `dnf upgrade`, `pacman -Syu`);
 * - `freshUse` installs with an index it fetches for itself and keeps nowhere (`apk add --no-cache`);
 * - `clean` deletes it (`rm -rf /var/lib/apt/lists/*`, `dnf clean all`).
 */
type Action = "refresh" | "use" | "refreshAndUse" | "freshUse" | "clean";

interface Event {
  family: Family;
  action: Action;
  /** A refresh that is a side effect of something else (NodeSource's setup script): never reported as alone. */
  implicit?: boolean;
  /** The call as written, for messages: `apt-get update`. */
  label: string;
  range: OffsetRange;
}

/**
 * How each family installs right after a refresh, and either how a RUN that installs gets a fresh
 * index (`fresh`: apt and pacman without `-y` install from the index on disk however old it is)
 * or why the manager fetches an expired index again itself when it installs (`refetched`), so
 * that an old cached layer does not make its later installs fail and `staleIndex` is not reported
 * for it: zypper refreshes the repositories that have autorefresh on (the default) before it
 * installs, dnf and yum re-download metadata older than `metadata_expire` (48 hours for dnf, 6 for
 * yum), and apk, since apk-tools 2.9.1 (2018), fetches a cached index older than `cache-max-age`
 * (4 hours) again whenever it opens its database to install (database.c, `apk_cache_download`
 * with autoupdate; plane's lone `apk update` before `apk add --no-cache` was told its installs
 * would fail). `instead` ends the message of a lone refresh.
 */
const FAMILY_NAMES: Record<Family, { install: string } & ({ fresh: (command: string) => string; refetched?: never } | { refetched: { manager: string; why: string; instead: (command: string) => string }; fresh?: never })> = {
  apt: { install: "apt-get install -y", fresh: (command) => `refresh in this RUN: \`apt-get update && ${command} …\`` },
  apk: {
    install: "apk add --no-cache",
    refetched: { manager: "apk", why: "a cached index older than 4 hours is fetched again, `--cache-max-age`", instead: () => " (`apk add --no-cache …` fetches the index it needs and keeps none)" },
  },
  rpm: { install: "dnf install -y", refetched: { manager: "dnf (or yum)", why: "metadata older than `metadata_expire` is downloaded again", instead: refreshWhereInstalled("dnf install -y") } },
  zypper: { install: "zypper -n install", refetched: { manager: "zypper", why: "repositories with autorefresh on are refreshed first", instead: refreshWhereInstalled("zypper -n install") } },
  pacman: { install: "pacman -S --noconfirm", fresh: () => "refresh in this RUN: `pacman -Sy --noconfirm …`" },
};

function refreshWhereInstalled(install: string): (command: string) => string {
  return (command) => `, or refresh in the RUN that installs: \`${command} && ${install} …\``;
}

/** Where each family keeps its index: a cache mount there keeps it out of the layer (and shares it between builds). */
const INDEX_DIRS: Record<Family, readonly string[]> = {
  apt: ["/var/lib/apt/lists"],
  apk: ["/var/cache/apk", "/etc/apk/cache"],
  rpm: ["/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/tdnf"],
  zypper: ["/var/cache/zypp"],
  pacman: ["/var/lib/pacman/sync"],
};

function indexOnCacheMount(run: Instruction, family: Family): boolean {
  return cacheMountTargets(run).some((target) => target !== "" && INDEX_DIRS[family].some((dir) => dir === target || dir.startsWith(`${target}/`)));
}

const APT_USES = new Set([
  "install", "upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade", "build-dep", "source", "reinstall", "download", "satisfy",
]);
const RPM_USES = new Set([
  "install", "in", "groupinstall", "localinstall", "reinstall", "rei", "update", "upgrade", "up", "update-minimal",
  "upgrade-minimal", "up-min", "downgrade", "dg", "distro-sync", "dsync", "swap", "group", "groups", "module",
]);
const RPM_WHOLE_SYSTEM = new Set(["update", "upgrade", "up", "update-minimal", "upgrade-minimal", "up-min", "distro-sync", "dsync"]);
const ZYPPER_USES = new Set([
  "install", "in", "update", "up", "dist-upgrade", "dup", "patch", "source-install", "si", "install-new-recommends", "inr",
]);

function event(family: Family, action: Action, command: ShellCommand, last: ShellCommand["args"][number] | undefined): Event {
  const name = command.name;
  const start = name?.start ?? command.start;
  const end = last?.end ?? name?.end ?? command.end;
  const program = (name?.value ?? "").replace(/^.*\//, "");
  return { family, action, label: last ? `${program} ${last.value}` : program, range: [start, end] };
}

const RPM_CACHES = ["/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"];

/**
 * The programs `classify` can find an event in: a RUN without any of them has nothing to judge.
 * Not `bash` or `sh`, which most RUNs name: a RUN that pipes NodeSource's setup script into one
 * (`nodeSourceSetup`) is found by its URL instead. Taking every RUN with a shell in made the rule
 * a fifth slower over the corpus.
 */
const CLASSIFIED_PROGRAMS = ["apt-get", "apt", "aptitude", "xx-apt-get", "xx-apt", "mk-build-deps", "apk", "xx-apk", "yum", "dnf", "microdnf", "tdnf", "zypper", "pacman", "rm", "find"];

/** The RUNs to read: those calling a program `classify` knows, and those running NodeSource's setup script through a shell. */
function runsToRead(model: DockerfileModel): ReadonlySet<Instruction> {
  const runs = runsCalling(model, CLASSIFIED_PROGRAMS);
  const text = model.source.text;
  if (!text.includes("deb.nodesource.com")) return runs;
  const withSetup = [...runsCalling(model, ["bash", "sh"])].filter((run) => !runs.has(run) && text.slice(run.range[0], run.range[1]).includes("deb.nodesource.com"));
  return withSetup.length === 0 ? runs : new Set([...runs, ...withSetup]);
}

/** mk-build-deps(1) options that take a value. */
const MK_BUILD_DEPS_OPTIONS_WITH_VALUE = ["-t", "--tool", "-a", "--arch", "-s", "--root-cmd", "--host-arch", "--build-arch", "-P", "--build-profiles"];

/**
 * `mk-build-deps -i` (`--install`, `-ri`) installs the build dependencies it packages, with its
 * `--tool` (`apt-get … --no-install-recommends` by default; `-t "apt-get -y …"`, `aptitude`,
 * `gdebi`): whichever tool, the dependencies come from apt's lists.
 */
function mkBuildDepsInstall(command: ShellCommand): Event | undefined {
  const parsed = parseOptions(command, { withValue: MK_BUILD_DEPS_OPTIONS_WITH_VALUE });
  const install = parsed.options.find((option) => option.name === "-i" || option.name === "--install");
  return install ? event("apt", "use", command, install.word) : undefined;
}

/**
 * NodeSource's deb setup scripts (`https://deb.nodesource.com/setup_20.x`, `setup_lts.x`), which
 * add its repository and run `apt-get update`; the version may be a variable
 * (`setup_${NODE_MAJOR}.x`): every version's script does the same.
 */
const NODESOURCE_DEB_SETUP = /^https?:\/\/deb\.nodesource\.com\/setup_[^/\s]+$/;

/**
 * `curl -fsSL https://deb.nodesource.com/setup_20.x | bash -` (also `| sudo -E bash -`, wget), or
 * the script saved first and run (`curl … -o nodesource_setup.sh && bash nodesource_setup.sh`, as
 * NodeSource's README has it; jellyfin's `wget … -O nodejs-install.sh && ./nodejs-install.sh`):
 * the setup script runs `apt-get update` after adding its repository, so the apt installs after
 * it in the RUN have a fresh index. Only these documented scripts: any other script is opaque
 * (it may or may not refresh).
 */
function nodeSourceSetup(script: RunScript, index: number, command: ShellCommand, name: string | undefined): Event | undefined {
  const raw = script.script.commands[index];
  if (!raw) return undefined;
  const setup = { ...event("apt", "refresh", command, undefined), implicit: true };
  const ran = scriptFileRun(command)?.value;
  if (ran !== undefined) {
    for (const earlier of script.script.commands.slice(0, index)) {
      const download = unwrapCommand(earlier);
      const downloader = programName(download.name);
      if (downloader === undefined || !DOWNLOADERS.has(downloader)) continue;
      if (sameFile(downloadedFile(downloader, download), ran) && isNodeSourceSetup(downloadUrl(downloader, download)?.value)) return setup;
    }
    return undefined;
  }
  if (!isShellName(name)) return undefined;
  for (const feeder of pipelineBefore(script, index)) {
    const download = unwrapCommand(feeder);
    const downloader = programName(download.name);
    if (downloader === undefined || !DOWNLOADERS.has(downloader) || !pipesInto(script, feeder, raw)) continue;
    if (isNodeSourceSetup(downloadUrl(downloader, download)?.value)) return setup;
  }
  return undefined;
}

function isNodeSourceSetup(url: string | undefined): boolean {
  return url !== undefined && NODESOURCE_DEB_SETUP.test(url);
}

function sameFile(a: string | undefined, b: string): boolean {
  return a !== undefined && a.replace(/^\.\//, "") === b.replace(/^\.\//, "");
}

/**
 * The subcommands tonistiigi/xx's `xx-apt`/`xx-apt-get` handles itself (it passes the others to
 * apt as they are). Before them it runs `dpkg --add-architecture` and `apt-get update` when the
 * target architecture is not yet one of dpkg's foreign architectures (src/xx-apt): on the first
 * call of a cross build, as the later ones find the architecture added.
 */
const XX_APT_OWN = new Set(["install", "remove", "search", "show", "list", "info"]);

/** Whether an `xx-apt`/`xx-apt-get` of its own subcommands has run in the stage (or one it builds on), so that the target architecture is dpkg's. */
interface XxApt {
  ran: boolean;
}

/**
 * An `xx-apt install` that refreshes the lists itself (the first of the stage chain) and uses
 * them; an `xx-apt show` (…) that only refreshes them; or undefined for what plain apt does.
 */
function xxAptCall(command: ShellCommand, name: string | undefined, xxApt: XxApt): Event | "use" | undefined {
  if (name !== "xx-apt" && name !== "xx-apt-get") return undefined;
  const sub = positionalArgs(command, APT_OPTIONS_WITH_VALUE)[0];
  if (!sub || !XX_APT_OWN.has(sub.value)) return undefined;
  if (xxApt.ran) return sub.value === "install" ? "use" : undefined;
  xxApt.ran = true;
  return sub.value === "install" ? event("apt", "refreshAndUse", command, sub) : { ...event("apt", "refresh", command, sub), implicit: true };
}

/**
 * What one command does with a package index, if anything. `command` is `raw` unwrapped and
 * `name` its program; `locals` is asked for only when an `rm` or `find` needs its paths read.
 */
function classify(raw: ShellCommand, command: ShellCommand, name: string | undefined, run: Instruction, locals: () => ReadonlySet<string>): Event | undefined {
  switch (name) {
    case "apt-get":
    case "apt":
    case "aptitude":
    case "xx-apt-get":
    case "xx-apt": {
      const sub = positionalArgs(command, name === "aptitude" ? APTITUDE_OPTIONS_WITH_VALUE : APT_OPTIONS_WITH_VALUE)[0];
      if (sub?.value === "update") return event("apt", "refresh", command, sub);
      if (sub && APT_USES.has(sub.value)) return event("apt", "use", command, sub);
      if (sub?.value === "distclean" || sub?.value === "dist-clean") return event("apt", "clean", command, sub);
      return undefined;
    }
    case "apk":
    case "xx-apk": {
      const sub = positionalArgs(command, APK_OPTIONS_WITH_VALUE)[0];
      if (sub?.value === "update") return event("apk", "refresh", command, sub);
      if (sub?.value === "add" || sub?.value === "upgrade" || sub?.value === "fix") {
        if (hasFlag(command, "--no-cache")) return event("apk", "freshUse", command, sub);
        return event("apk", hasFlag(command, "-U", "--update", "--update-cache") ? "refreshAndUse" : "use", command, sub);
      }
      return undefined;
    }
    case "yum":
    case "dnf":
    case "microdnf":
    case "tdnf": {
      const positionals = positionalArgs(command, RPM_OPTIONS_WITH_VALUE);
      const sub = positionals[0];
      if (!sub) return undefined;
      if (sub.value === "makecache" || sub.value === "check-update" || sub.value === "check-upgrade") return event("rpm", "refresh", command, sub);
      if (sub.value === "clean") return event("rpm", "clean", command, sub);
      if (!RPM_USES.has(sub.value)) return undefined;
      // `dnf upgrade` (everything) and `--refresh` fetch fresh metadata first.
      const refreshes = (RPM_WHOLE_SYSTEM.has(sub.value) && positionals.length === 1) || hasFlag(command, "--refresh");
      return event("rpm", refreshes ? "refreshAndUse" : "use", command, sub);
    }
    case "zypper": {
      const sub = positionalArgs(command, ZYPPER_OPTIONS_WITH_VALUE)[0];
      if (sub?.value === "refresh" || sub?.value === "ref") return event("zypper", "refresh", command, sub);
      if (sub?.value === "clean" || sub?.value === "cc") return event("zypper", "clean", command, sub);
      if (sub && ZYPPER_USES.has(sub.value)) return event("zypper", "use", command, sub);
      return undefined;
    }
    case "pacman": {
      const operation = command.args.find((arg) => /^-[A-Z]+$/i.test(arg.value) && /[SU]/.test(arg.value[1] ?? ""));
      if (!operation) return undefined;
      const letters = command.args.filter((arg) => /^-[A-Z]+$/i.test(arg.value)).map((arg) => arg.value.slice(1)).join("");
      const refresh = letters.includes("y") || hasFlag(command, "--refresh");
      const targets = positionalArgs(command).length > 0;
      const use = operation.value.startsWith("-U") || targets || letters.includes("u") || hasFlag(command, "--sysupgrade");
      if (operation.value.startsWith("-S") && /c/.test(letters) && !targets) return undefined;
      if (refresh && use) return event("pacman", "refreshAndUse", command, operation);
      if (refresh) return event("pacman", "refresh", command, operation);
      return use ? event("pacman", "use", command, operation) : undefined;
    }
    case "mk-build-deps":
      return mkBuildDepsInstall(command);
    case "rm":
    case "find":
      break;
    default:
      return undefined;
  }
  const paths = removedPaths(raw, run, locals());
  if (paths.length === 0) return undefined;
  if (paths.some(removesAptLists)) return event("apt", "clean", command, undefined);
  if (paths.some((path) => coversDirectory(path, "/var/cache/apk"))) return event("apk", "clean", command, undefined);
  if (paths.some((path) => RPM_CACHES.some((dir) => coversDirectory(path, dir)))) return event("rpm", "clean", command, undefined);
  if (paths.some((path) => coversDirectory(path, "/var/cache/zypp"))) return event("zypper", "clean", command, undefined);
  if (paths.some((path) => coversDirectory(path, "/var/lib/pacman/sync"))) return event("pacman", "clean", command, undefined);
  return undefined;
}

/** Programs that run code this rule cannot read (see `isOpaque`). */
const OPAQUE_PROGRAMS = new Set(["eval", "source", ".", "make", "ansible-playbook", "ansible", "python", "python3", "perl", "ruby", "node"]);

/**
 * A command whose effect this rule cannot see, which may well install with the fresh index:
 * a script (`./install.sh`, `/tmp/setup`, `bash -c "$CMD"`, `curl … | bash`), a helper named
 * like an installer (`install_packages`, `install-php-extensions`), `make`, `eval`, `source`.
 */
function isOpaque(command: ShellCommand, baseName: string | undefined): boolean {
  const name = command.name;
  if (!name) return false;
  if (name.hasExpansion) return true;
  const base = baseName ?? "";
  if (name.value.includes("/") || base.endsWith(".sh") || /install/.test(base)) return true;
  if (/^(?:ba|da|[azk])?sh$/.test(base)) return true;
  return OPAQUE_PROGRAMS.has(base);
}

/** The index a RUN leaves for later RUNs, by family. */
interface LeftIndex {
  run: Instruction;
  /** The RUN's refresh was reported as alone (it already tells the user to merge the RUNs). */
  reported: boolean;
}

/** How a stage starts: the indexes its parent stage left. */
type State = Map<Family, LeftIndex>;

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-update-alone",
    kind: "dockerfile",
    category: "correctness",
    // The build works today; it breaks (or installs outdated packages) once the cached layer is old.
    severity: "warning",
    docs: "Require a package-index update to be in the same RUN as the install that uses it.",
    presets: ["recommended"],
    messages: {
      alone:
        "`{{command}}` fetches the package index in a RUN where nothing installs with it; the build cache keeps this layer, so later installs get an index as old as the cache and fail once the mirror has moved on; refresh in the RUN that installs: `{{command}} && {{install}} …`.",
      aloneRefetched:
        "`{{command}}` fetches the package index in a RUN where nothing installs with it: the index stays in this layer for nothing, since {{manager}} fetches it again when it installs ({{why}}); drop it{{instead}}.",
      staleIndex:
        "`{{command}}` installs from the package index that the RUN on line {{line}} fetched, a separate layer the build cache can keep for months, so it can fail or install outdated packages; {{fix}}.",
    },
    references: {
      trivy: ["DS-0017"],
      checkov: ["CKV_DOCKER_5"],
      kics: ["9bae49be-0aa3-4de5-bab2-4c3a069e40cd"],
      cis: ["4.7"],
    },
    referencesByMessage: {
      alone: { trivy: ["DS-0017"], checkov: ["CKV_DOCKER_5"], kics: ["9bae49be-0aa3-4de5-bab2-4c3a069e40cd"], cis: ["4.7"] },
      aloneRefetched: { trivy: ["DS-0017"], checkov: ["CKV_DOCKER_5"], kics: ["9bae49be-0aa3-4de5-bab2-4c3a069e40cd"], cis: ["4.7"] },
      staleIndex: { kics: ["9bae49be-0aa3-4de5-bab2-4c3a069e40cd"], cis: ["4.7"] },
    },
  },
  check({ model, report }) {
    const endStates = new Map<Stage, State>();
    const endXxApt = new Map<Stage, boolean>();

    /** Judges one RUN: reports a lone refresh and a use that relies on an earlier RUN's refresh, and records in `state` the index the RUN leaves. */
    // Most files never name NodeSource: its setup is not looked for, command by command, in them.
    const mentionsNodeSource = model.source.text.includes("deb.nodesource.com");
    const judge = (run: Instruction, state: State | undefined, xxApt: XxApt): void => {
      const shell = model.shellOf(run);
      let locals: ReadonlySet<string> | undefined;
      const runLocals = (): ReadonlySet<string> =>
        (locals ??= shell.scripts.length === 1 && shell.scripts[0] ? localVariables(shell.scripts[0]) : new Set(shell.scripts.flatMap((script) => [...localVariables(script)])));
      const events: (Event | "opaque")[] = [];
      const families = new Set<Family>();
      for (const script of shell.scripts) {
        const commands = script.script.commands;
        for (let index = 0; index < commands.length; index++) {
          const raw = commands[index];
          if (!raw) continue;
          const command = unwrapCommand(raw);
          const name = commandBaseName(command);
          const xx = xxAptCall(command, name, xxApt);
          const found = (xx === "use" ? undefined : xx) ?? classify(raw, command, name, run, runLocals) ?? (mentionsNodeSource ? nodeSourceSetup(script, index, command, name) : undefined);
          if (found) {
            events.push(found);
            families.add(found.family);
          } else if (isOpaque(command, name)) {
            events.push("opaque");
          }
        }
      }
      if (families.size === 0) return;
      for (const family of families) {
        // The index lives in a cache mount, not in this RUN's layer: the layer cache cannot keep it stale.
        if (indexOnCacheMount(run, family)) continue;
        let pending: Event | undefined;
        let refreshedHere = false;
        let indexLeft: "fresh" | "cleaned" | undefined;
        let staleReported = false;
        for (const e of events) {
          if (e === "opaque") {
            pending = undefined;
            continue;
          }
          if (e.family !== family) continue;
          if (e.action === "refresh") {
            pending = e.implicit ? undefined : e;
            refreshedHere = true;
            indexLeft = "fresh";
          } else if (e.action === "clean") {
            pending = undefined;
            indexLeft = "cleaned";
          } else {
            const fresh = FAMILY_NAMES[family].fresh;
            if (e.action === "use" && fresh && !refreshedHere && indexLeft !== "cleaned" && !staleReported && state) {
              const earlier = state.get(family);
              if (earlier && !earlier.reported) {
                staleReported = true;
                report({
                  messageId: "staleIndex",
                  data: { command: e.label, line: earlier.run.line, fix: fresh(e.label) },
                  range: e.range,
                });
              }
            }
            pending = undefined;
            if (e.action === "refreshAndUse") {
              refreshedHere = true;
              indexLeft = "fresh";
            }
          }
        }
        if (pending) {
          const refetch = FAMILY_NAMES[family].refetched;
          report(
            refetch === undefined
              ? { messageId: "alone", data: { command: pending.label, install: FAMILY_NAMES[family].install }, range: pending.range }
              : { messageId: "aloneRefetched", data: { command: pending.label, manager: refetch.manager, why: refetch.why, instead: refetch.instead(pending.label) }, range: pending.range },
          );
        }
        if (state && indexLeft === "fresh") state.set(family, { run, reported: pending !== undefined });
        else if (state && indexLeft === "cleaned") state.delete(family);
      }
    };

    // Most RUNs touch no package index: only those calling a program `classify` knows are read.
    const runsToJudge = runsToRead(model);
    if (runsToJudge.size === 0) return;
    for (const stage of model.stages) {
      const state: State = new Map(stage.parent ? endStates.get(stage.parent) : undefined);
      const xxApt: XxApt = { ran: stage.parent ? (endXxApt.get(stage.parent) ?? false) : false };
      for (const instruction of stageWithTriggers(stage)) {
        if (instruction.keyword !== "RUN" || !runsToJudge.has(instruction)) continue;
        // An ONBUILD RUN runs in a child image: judged on its own, it neither leaves nor reads this stage's index.
        judge(instruction, instruction.onbuild ? undefined : state, instruction.onbuild ? { ...xxApt } : xxApt);
      }
      endStates.set(stage, state);
      endXxApt.set(stage, xxApt.ran);
    }
  },
});
