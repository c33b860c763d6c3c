import type { DockerfileModel } from "../../dockerfile/model.js";
import { stageChain } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { hasFlag, hasOption } from "../../shell/helpers.js";
import type { ShellCommand } from "../../shell/types.js";
import {
  APK_OPTIONS_WITH_VALUE,
  APT_OPTIONS_WITH_VALUE,
  APTITUDE_OPTIONS_WITH_VALUE,
  aptSimulates,
  type CommandSpec,
  gemPositionals,
  goPositionals,
  localVariables,
  type ManagerCall,
  managerCalls,
  NODE_PM_OPTIONS_WITH_VALUE,
  NPM_OPTIONS_WITH_VALUE,
  originNote,
  PIP_OPTIONS_WITH_VALUE,
  PIPX_OPTIONS_WITH_VALUE,
  resolveOperand,
  RPM_OPTIONS_WITH_VALUE,
  ZYPPER_OPTIONS_WITH_VALUE,
} from "./_package-managers.js";
import { cutAtFirst } from "../../util/trim-end.js";

/** One package manager: how its install command is written and what a pinned package looks like. */
interface PinRow extends CommandSpec {
  /** Whether one operand (after variable substitution) names a fixed version, or is no package at all. */
  isPinned: (operand: string, call: ManagerCall) => boolean;
  /** How to pin, shown in the message: `curl=<version>`. */
  howToPin: (operand: string) => string;
  /** Which operands are packages (`go run pkg args…`: only the first). Default: all. */
  packages?: (call: ManagerCall) => ManagerCall["operands"];
  /** The whole call pins (or names no packages): `gem install x -v 1.2`, `pip install -c constraints.txt x`. */
  callIsPinned?: (call: ManagerCall) => boolean;
  messageId: string;
}

// ------------------------------------------------------------------------------------------ apt

/** apt: `pkg=version`, `pkg/release` and local `.deb` files are pinned (hadolint DL3008). */
function aptPinned(operand: string): boolean {
  return operand.includes("=") || operand.includes("/") || operand.endsWith(".deb");
}

// ------------------------------------------------------------------------------------------ pip

const PIP_VCS = /^(?:git|hg|svn|bzr)(?:\+[a-z-]+)?:/;
const PIP_SPECIFIER = /==|>=|<=|~=|!=|[<>]|(?<![=!<>~])=(?!=)/;

/**
 * pip (hadolint DL3013): a version specifier (`==`, `>=`, `<=`, `<`, `>`, `!=`, `~=`, `===`;
 * a single `=` is a typo pip rejects, so the build fails loudly and it is not reported), a VCS
 * URL with `@ref`, a PEP 508 direct reference (`name @ url`), a local archive or wheel, or a path.
 */
function pipPinned(operand: string): boolean {
  if (PIP_VCS.test(operand)) return /@[^/@]+$/.test(cutAtFirst(operand, "#")) || /\.git@/.test(operand);
  if (PIP_SPECIFIER.test(operand)) return true;
  if (/\s@\s|^[\w.[\],-]+@/.test(operand)) return true;
  if (/\.(?:whl|tar\.gz|tgz|tar\.bz2|tar\.xz|zip)$/.test(operand)) return true;
  return operand === "." || operand.startsWith(".") || operand.includes("/") || operand.startsWith("~");
}

/** `-r requirements.txt` installs what a file pins; `-c constraints.txt` pins what is named (hadolint skips both); uv spells them `--requirements` and `--constraints` too. */
function pipInstallsFromFiles(command: ShellCommand): boolean {
  return hasOption(command, ["-r", "--requirement", "--requirements", "-c", "--constraint", "--constraints"], { withValue: PIP_OPTIONS_WITH_VALUE });
}

// ------------------------------------------------------------------------------------------ npm

const NPM_GIT = /^(?:git(?:\+(?:ssh|https?|file))?:\/\/|github:|gitlab:|bitbucket:|gist:)/;

/** A git URL, or GitHub's `user/repo` shorthand. */
function isNpmGit(operand: string): boolean {
  return NPM_GIT.test(operand) || /^[\w-][\w.-]*\/[\w.-]+(?:#.*)?$/.test(operand);
}

/** `name@range` → `name` (`@scope/name@1` → `@scope/name`): the first `@` after the last `/`, past the first character. */
function withoutVersion(operand: string): string {
  const at = operand.indexOf("@", Math.max(1, operand.lastIndexOf("/") + 1));
  return at < 0 ? operand : operand.slice(0, at);
}

function npmHowToPin(operand: string): string {
  return isNpmGit(operand) ? `${operand}#<commit-or-tag>` : `${withoutVersion(operand)}@<version>`;
}

/**
 * npm (hadolint DL3016): `name@version` or a range, a git URL with `#ref`, a tarball, a path or
 * `file:`. A dist-tag (`@latest`, `@next`, `@beta`) moves, so it is not a pin: a version or range
 * has a digit in it (`@1`, `@^4.1`, `@>=0.1.0 <0.2.0`), or is a variable the build fills in.
 */
function npmPinned(operand: string): boolean {
  if (/\.(?:tgz|tar|tar\.gz)$/.test(operand) || /^(?:\.{0,2}\/|~\/|file:)/.test(operand) || operand === ".") return true;
  if (isNpmGit(operand)) return operand.includes("#");
  const name = operand.startsWith("@") ? operand.replace(/^@[^/]*\/?/, "") : operand;
  const at = name.indexOf("@");
  if (at < 0) return false;
  const spec = name.slice(at + 1);
  return /\d/.test(spec);
}

// ------------------------------------------------------------------------------------------ apk

/** apk (hadolint DL3018): `=`, `~`, `>` or `<` in the word, or an `.apk` file. */
function apkPinned(operand: string): boolean {
  return /[=~<>]/.test(operand) || operand.endsWith(".apk");
}

// ------------------------------------------------------------------------------------------ rpm

const RPM_VERSION_PART = /^[\w.~^:+*]+$/;

/**
 * yum/dnf (hadolint DL3033/DL3041): `name-version` or `name-version-release`, `.rpm` files,
 * groups (`@group`) and provides with a version (`'perl(JSON) >= 2'`). Unlike hadolint, the
 * version must end the word: `java-11-openjdk` is a package name, not `java` at version 11.
 *
 * A release need not start with a digit (rpm-version(7)): percona-docker's
 * percona-server-5.6/Dockerfile installs `Percona-Server-server-56-5.6.51-rel91.0.1.el7`. So a
 * word whose last part starts with a letter is `name-version-release` too when the part before
 * it is a dotted version (`5.6.51`) and the release has a digit: `java-1.8.0-openjdk` stays a
 * name, and `python3-pip` has no version part. A known arch at the end is set aside first
 * (`zlib-1.2.11-18.el8_5.x86_64`).
 */
function rpmPinned(operand: string): boolean {
  if (operand.endsWith(".rpm") || operand.startsWith("@") || /[<>=]/.test(operand)) return true;
  // The arch is no part of the version: `java-1.8.0-openjdk.x86_64` is a name (its `x86_64` has digits).
  const parts = splitRpmArch(operand).name.split("-");
  if (parts.length < 2) return false;
  const version = parts.slice(1);
  if (!version.every((part) => RPM_VERSION_PART.test(part))) return false;
  const last = version.at(-1) ?? "";
  if (/^\d/.test(last.replace(/^\d+:/, "0"))) return true;
  const beforeLast = (parts.at(-2) ?? "").replace(/^\d+:/, "");
  return parts.length >= 3 && /^\d/.test(beforeLast) && beforeLast.includes(".") && /\d/.test(last);
}

/**
 * Architectures an operand may end in after a dot (`glibc.i686`, `zlib-1.2.11-18.el8_5.x86_64`):
 * those of RHEL, Fedora, Amazon Linux and Photon, and `src` for source packages.
 */
const RPM_ARCHES: ReadonlySet<string> = new Set(["x86_64", "i686", "i386", "noarch", "aarch64", "ppc64le", "s390x", "armv7hl", "src"]);

/** `shadow-utils.x86_64` → name `shadow-utils`, arch `x86_64`; without a known arch, the whole operand is the name. */
function splitRpmArch(operand: string): { name: string; arch: string | undefined } {
  const dot = operand.lastIndexOf(".");
  const arch = operand.slice(dot + 1);
  return dot > 0 && RPM_ARCHES.has(arch) ? { name: operand.slice(0, dot), arch } : { name: operand, arch: undefined };
}

/**
 * yum(8) and dnf(8) accept an arch only after a version and a release (`name.arch`,
 * `name-[epoch:]version-release.arch`): swiftlang/swift-docker installs `shadow-utils.x86_64`, and
 * `shadow-utils.x86_64-<version>` or `shadow-utils-<version>.x86_64` match no package.
 */
function rpmHowToPin(operand: string): string {
  const { name, arch } = splitRpmArch(operand);
  return arch ? `${name}-<version>-<release>.${arch}` : `${operand}-<version>`;
}

/** `dnf module install nodejs:18` names a stream; `nodejs:18/common` a profile too. */
function modulePinned(operand: string): boolean {
  return operand.includes(":");
}

/** `dnf group install "Development Tools"` installs a group: there is no version to pin. */
function installsGroups(command: ShellCommand): boolean {
  return command.args.some((arg) => arg.value === "group" || arg.value === "groups");
}

// ------------------------------------------------------------------------------------------ zypper

/** zypper (hadolint DL3037): `=`, `<`, `>` (`>=`, `<=`), or an `.rpm` file. */
function zypperPinned(operand: string): boolean {
  return /[=<>]/.test(operand) || operand.endsWith(".rpm");
}

/** `zypper install -t pattern devel_basis`: patterns, patches and products have no version to pin. */
function zypperNonPackageType(command: ShellCommand): boolean {
  const types = command.args.flatMap((arg, i) => {
    if (arg.value === "-t" || arg.value === "--type") return [command.args[i + 1]?.value ?? ""];
    const attached = /^(?:--type=|-t)(.+)$/.exec(arg.value);
    return attached?.[1] ? [attached[1]] : [];
  });
  return types.some((type) => type !== "package");
}

// ------------------------------------------------------------------------------------------ go

/**
 * go (hadolint DL3062): `pkg@version`, not `@latest` or `@none`; local packages (`.`, `./x`,
 * `/x`, `file.go`) build what is in the context.
 */
function goPinned(operand: string): boolean {
  if (operand === "." || operand.startsWith(".") || operand.startsWith("/") || operand.endsWith(".go")) return true;
  const at = operand.lastIndexOf("@");
  if (at < 0) return false;
  const version = operand.slice(at + 1);
  return version !== "latest" && version !== "none" && version !== "upgrade" && version !== "patch";
}

/**
 * Whether a `go install` without `@version` runs inside a Go module, whose go.mod then decides
 * the version (Go 1.16 and later; without a module it fails): the stage copied `go.mod` or the
 * whole context before the RUN, or the RUN bind-mounts it, or it installs the module's `tool`s.
 */
function inGoModule(call: ManagerCall): boolean {
  if (call.operands[0]?.value === "tool") return true;
  const run = call.run.onbuild ?? call.run;
  const sourcesGoMod = (path: string) => /(?:^|\/)go\.(?:mod|work|\*)$|^\.?\/?$|^\*$/.test(path.replace(/^["']|["']$/g, ""));
  if (
    run.flags.some((flag) => flag.name.toLowerCase() === "mount" && flag.options.get("type") === "bind" && sourcesGoMod(flag.options.get("source") ?? "."))
  ) {
    return true;
  }
  const stage = run.stage;
  if (!stage) return false;
  for (const s of stageChain(stage)) {
    const end = s === stage ? s.instructions.indexOf(run) : s.instructions.length;
    for (const instruction of s.instructions.slice(0, Math.max(0, end))) {
      if (instruction.keyword !== "COPY" && instruction.keyword !== "ADD") continue;
      if (instruction.flags.some((flag) => flag.name.toLowerCase() === "from")) continue;
      if (instruction.args.slice(0, -1).some((arg) => sourcesGoMod(arg.value))) return true;
    }
  }
  return false;
}

// ------------------------------------------------------------------------------------------ gem

/** gem (hadolint DL3028): `gem:version`, or one gem with `-v`/`--version`. */
function gemVersionOption(call: ManagerCall): boolean {
  return hasFlag(call.command, "-v", "--version");
}

const PIP_COMMANDS: Pick<PinRow, "commands" | "commandPattern" | "pythonModule"> = {
  commands: [],
  commandPattern: /^pip\d*(\.\d+)?$/,
  pythonModule: "pip",
};

/**
 * The table: one row per package manager (and per message). Each row says how its install
 * command is written (`CommandSpec`) and what a pinned operand looks like.
 */
const ROWS: readonly PinRow[] = [
  {
    // `xx-apt-get` is tonistiigi/xx's cross-compilation wrapper of apt-get.
    commands: ["apt-get", "apt", "xx-apt-get", "xx-apt"],
    subcommands: ["install"],
    optionsWithValue: APT_OPTIONS_WITH_VALUE,
    ignore: aptSimulates,
    isPinned: aptPinned,
    howToPin: (operand) => `${operand}=<version>`,
    messageId: "apt",
  },
  {
    commands: ["aptitude"],
    subcommands: ["install"],
    optionsWithValue: APTITUDE_OPTIONS_WITH_VALUE,
    ignore: aptSimulates,
    // aptitude also takes `pkg+` / `pkg-` / `pkg&m` action suffixes; a version is still `=`.
    isPinned: aptPinned,
    howToPin: (operand) => `${operand}=<version>`,
    messageId: "apt",
  },
  {
    ...PIP_COMMANDS,
    subcommands: ["install"],
    optionsWithValue: PIP_OPTIONS_WITH_VALUE,
    ignore: pipInstallsFromFiles,
    isPinned: pipPinned,
    howToPin: (operand) => `${operand}==<version>`,
    messageId: "pip",
  },
  {
    commands: ["uv"],
    subcommands: ["pip install"],
    optionsWithValue: PIP_OPTIONS_WITH_VALUE,
    ignore: pipInstallsFromFiles,
    isPinned: pipPinned,
    howToPin: (operand) => `${operand}==<version>`,
    messageId: "pip",
  },
  {
    commands: ["pipx"],
    subcommands: ["install"],
    optionsWithValue: PIPX_OPTIONS_WITH_VALUE,
    isPinned: pipPinned,
    howToPin: (operand) => `${operand}==<version>`,
    messageId: "pip",
  },
  {
    commands: ["npm"],
    subcommands: ["install", "i", "add", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall"],
    optionsWithValue: NPM_OPTIONS_WITH_VALUE,
    isPinned: npmPinned,
    howToPin: npmHowToPin,
    messageId: "npm",
  },
  {
    commands: ["yarn", "pnpm"],
    subcommands: ["add", "global add"],
    optionsWithValue: NODE_PM_OPTIONS_WITH_VALUE,
    isPinned: npmPinned,
    howToPin: npmHowToPin,
    messageId: "yarn",
  },
  {
    commands: ["apk", "xx-apk"],
    subcommands: ["add"],
    optionsWithValue: APK_OPTIONS_WITH_VALUE,
    // `apk add -s` only simulates.
    ignore: (command) => hasFlag(command, "-s", "--simulate"),
    isPinned: apkPinned,
    howToPin: (operand) => `${operand}=<version>`,
    messageId: "apk",
  },
  {
    commands: ["gem"],
    subcommands: ["install", "i"],
    optionsWithValue: [],
    positionals: gemPositionals,
    callIsPinned: gemVersionOption,
    isPinned: (operand) => operand.includes(":"),
    howToPin: (operand) => `${operand}:<version>`,
    messageId: "gem",
  },
  {
    commands: ["yum"],
    subcommands: ["install", "localinstall"],
    optionsWithValue: RPM_OPTIONS_WITH_VALUE,
    ignore: installsGroups,
    isPinned: rpmPinned,
    howToPin: rpmHowToPin,
    messageId: "yum",
  },
  {
    commands: ["yum"],
    subcommands: ["module install"],
    optionsWithValue: RPM_OPTIONS_WITH_VALUE,
    isPinned: modulePinned,
    howToPin: (operand) => `${operand}:<stream>`,
    messageId: "yumModule",
  },
  {
    commands: ["dnf", "microdnf", "tdnf"],
    subcommands: ["install", "in", "localinstall"],
    optionsWithValue: RPM_OPTIONS_WITH_VALUE,
    ignore: installsGroups,
    isPinned: rpmPinned,
    howToPin: rpmHowToPin,
    messageId: "dnf",
  },
  {
    commands: ["dnf", "microdnf"],
    subcommands: ["module install"],
    optionsWithValue: RPM_OPTIONS_WITH_VALUE,
    isPinned: modulePinned,
    howToPin: (operand) => `${operand}:<stream>`,
    messageId: "dnfModule",
  },
  {
    commands: ["zypper"],
    subcommands: ["install", "in"],
    optionsWithValue: ZYPPER_OPTIONS_WITH_VALUE,
    ignore: (command) => zypperNonPackageType(command) || hasFlag(command, "--dry-run"),
    isPinned: zypperPinned,
    howToPin: (operand) => `${operand}=<version>`,
    messageId: "zypper",
  },
  {
    commands: ["go"],
    subcommands: ["install", "get", "run"],
    optionsWithValue: [],
    positionals: goPositionals,
    // `go install pkg` in a module builds the go.mod version; `go get pkg` always means `@upgrade`.
    callIsPinned: (call) => call.subcommand.value === "install" && inGoModule(call),
    // `go run pkg@v1 args…`: what follows the package goes to the program.
    packages: (call) => (call.subcommand.value === "run" ? call.operands.slice(0, 1) : call.operands),
    isPinned: goPinned,
    howToPin: (operand) => `${operand.replace(/@[^@/]*$/, "")}@<version>`,
    messageId: "go",
  },
];

const KICS = {
  apt: "965a08d7-ef86-4f14-8792-4a3b2098937e",
  pip: "02d9c71f-3ee8-4986-9c27-1a20d0d19bfc",
  npm: "e36d8880-3f78-4546-b9a1-12f0745ca0d5",
  apk: "d3499f6d-1651-41bb-a9a7-de925fea487b",
  gem: "22cd11f7-9c6c-4f6e-84c0-02058120b341",
  yum: "6452c424-1d92-4deb-bb18-a03e95d579c4",
  dnf: "93d88cf7-f078-46a8-8ddc-178e03aeacf1",
  zypper: "562952e4-0348-4dea-9826-44f3a2c6117b",
};

const NO_LOCALS: ReadonlySet<string> = new Set();

export default defineRule<DockerfileModel>({
  meta: {
    id: "require-pinned-packages",
    kind: "dockerfile",
    category: "security",
    severity: "warning",
    docs: "Require packages (apt, apk, yum/dnf, zypper, pip, npm, gem, go) to be installed at a pinned version.",
    presets: ["strict"],
    messages: {
      apt: "`{{command}}` installs \"{{package}}\"{{origin}} without a version, so each build may get a different one; pin it as `{{pinned}}` (`apt-cache policy {{package}}` shows the candidates).",
      pip: "`{{command}}` installs \"{{package}}\"{{origin}} without a version, so each build may get a different release; pin it as `{{pinned}}`, or install from a requirements or constraints file that pins it.",
      npm: "`{{command}}` installs \"{{package}}\"{{origin}} without a fixed version (a dist-tag such as `latest` moves), so each build may get a different release; pin it as `{{pinned}}`.",
      yarn: "`{{command}}` adds \"{{package}}\"{{origin}} without a fixed version (a dist-tag such as `latest` moves), so each build may get a different release; pin it as `{{pinned}}`.",
      apk: "`{{command}}` installs \"{{package}}\"{{origin}} without a version, so each build may get a different one; pin it as `{{pinned}}` (or `{{package}}~<major.minor>` to follow patch releases; `apk policy {{package}}` shows the candidates).",
      gem: "`{{command}}` installs \"{{package}}\"{{origin}} without a version, so each build may get a different release; pin it as `{{pinned}}` (or with `-v <version>`).",
      yum: "`{{command}}` installs \"{{package}}\"{{origin}} without a version, so each build may get a different one; pin it as `{{pinned}}` (`yum list --showduplicates {{package}}` shows the candidates).",
      yumModule: "`{{command}}` installs module \"{{package}}\"{{origin}} without a stream, so it follows whatever stream is the default on build day; name one: `{{pinned}}`.",
      dnf: "`{{command}}` installs \"{{package}}\"{{origin}} without a version, so each build may get a different one; pin it as `{{pinned}}` (`dnf list --showduplicates {{package}}` shows the candidates).",
      dnfModule: "`{{command}}` installs module \"{{package}}\"{{origin}} without a stream, so it follows whatever stream is the default on build day; name one: `{{pinned}}`.",
      zypper: "`{{command}}` installs \"{{package}}\"{{origin}} without a version, so each build may get a different one; pin it as `{{pinned}}` (`zypper search -s {{package}}` shows the candidates).",
      go: "`{{command}}` fetches \"{{package}}\"{{origin}} without a fixed version (`@latest` moves), so each build may compile a different release; pin it as `{{pinned}}`.",
    },
    references: {
      hadolint: ["DL3008", "DL3013", "DL3016", "DL3018", "DL3028", "DL3033", "DL3037", "DL3041", "DL3062"],
      kics: Object.values(KICS),
    },
    referencesByMessage: {
      apt: { hadolint: ["DL3008"], kics: [KICS.apt] },
      pip: { hadolint: ["DL3013"], kics: [KICS.pip] },
      npm: { hadolint: ["DL3016"], kics: [KICS.npm] },
      yarn: {},
      apk: { hadolint: ["DL3018"], kics: [KICS.apk] },
      gem: { hadolint: ["DL3028"], kics: [KICS.gem] },
      yum: { hadolint: ["DL3033"], kics: [KICS.yum] },
      yumModule: { hadolint: ["DL3033"], kics: [KICS.yum] },
      dnf: { hadolint: ["DL3041"], kics: [KICS.dnf] },
      dnfModule: { hadolint: ["DL3041"], kics: [KICS.dnf] },
      zypper: { hadolint: ["DL3037"], kics: [KICS.zypper] },
      go: { hadolint: ["DL3062"] },
    },
  },
  check({ model, report }) {
    for (const row of ROWS) {
      for (const call of managerCalls(model, row)) {
        if (row.callIsPinned?.(call)) continue;
        let locals: ReadonlySet<string> | undefined;
        for (const operand of row.packages ? row.packages(call) : call.operands) {
          // `curl=${CURL_VERSION}`: pinned whatever the variable holds.
          if (operand.value.startsWith("-") || row.isPinned(operand.value, call)) continue;
          if (operand.hasExpansion) locals ??= localVariables(call.script);
          // An ARG/ENV with a known value is judged by its value; anything else is the builder's choice.
          const resolved = resolveOperand(model, operand, call.run, locals ?? NO_LOCALS);
          if (!resolved) continue;
          for (const value of resolved.values) {
            if (value === "" || value.startsWith("-") || row.isPinned(value, call)) continue;
            report({
              messageId: row.messageId,
              data: {
                command: call.label,
                package: value,
                origin: originNote(operand, value, resolved.emptyHere),
                pinned: row.howToPin(value),
              },
              range: [operand.start, operand.end],
            });
          }
        }
      }
    }
  },
});
