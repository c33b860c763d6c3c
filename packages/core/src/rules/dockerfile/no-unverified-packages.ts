import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { runInstructions, withTriggers } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { parseOptions, unwrapCommand, wordRange } from "../../shell/helpers.js";
import type { ShellCommand, ShellWord } from "../../shell/types.js";
import type { OffsetRange } from "../../source.js";
import { commandsOfRun, programName, writtenRange, writtenTexts, type RunCommand } from "./_run-commands.js";

type Report = (messageId: string, data: Record<string, string>, range: OffsetRange) => void;

const APT = new Set(["apt-get", "apt", "aptitude"]);
const RPM_MANAGERS = new Set(["dnf", "dnf5", "yum", "tdnf", "microdnf"]);
const CONFIG_MANAGERS = new Set(["yum-config-manager", "dnf-config-manager"]);

const APK_OPTIONS_WITH_VALUE = ["-X", "--repository", "-p", "--root", "-t", "--virtual", "--keys-dir", "--arch", "--cache-dir", "--repositories-file", "--cache-max-age", "--timeout"];
const APT_OPTIONS_WITH_VALUE = ["-o", "--option", "-c", "--config-file", "-t", "--target-release", "--default-release", "-a", "--host-architecture", "-P", "--build-profiles", "--solver", "--planner"];
const RPM_OPTIONS_WITH_VALUE = ["--setopt", "-x", "--exclude", "--enablerepo", "--disablerepo", "--repo", "--repoid", "--releasever", "--installroot", "-c", "--config", "--forcearch", "-d", "--debuglevel", "-e", "--errorlevel", "--repofrompath", "--downloaddir", "--destdir", "--color", "--comment", "--advisory", "--bz", "--cve", "--sec-severity", "--secseverity"];
const ZYPPER_OPTIONS_WITH_VALUE = ["-r", "--repo", "--root", "-R", "-c", "--config", "-D", "--reposd-dir", "-C", "--cache-dir", "--raw-cache-dir", "--solv-cache-dir", "--pkg-cache-dir", "-t", "--type", "-p", "--plus-repo", "--from", "--download", "--priority", "--name"];
const RPM_VERIFY_SKIPS = new Set(["--nodigest", "--nosignature", "--noverify", "--nofiledigest", "--noverify-signature"]);

/** `--setopt=[repo.]gpgcheck=0`, `--setopt=*.sslverify=false` */
const SETOPT_GPG = /(?:^|\.)(?:gpgcheck|pkg_gpgcheck)\s*=\s*['"]?(?:0|false|no|off)['"]?$/i;
const SETOPT_SSL = /(?:^|\.)sslverify\s*=\s*['"]?(?:0|false|no|off)['"]?$/i;

/** `-o APT::Get::AllowUnauthenticated=true` and friends. */
const APT_UNAUTHENTICATED_OPTION = /^APT::Get::AllowUnauthenticated\s*=\s*['"]?(?:true|1|yes)['"]?$/i;
const APT_INSECURE_OPTION = /^Acquire::(?:AllowInsecureRepositories|AllowDowngradeToInsecureRepositories)\s*=\s*['"]?(?:true|1|yes)['"]?$/i;

/** apt subcommands that download packages or package lists (where authentication matters). */
const APT_FETCHING = new Set(["install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "source", "download", "reinstall", "update", "safe-upgrade", "satisfy"]);

/** Commands that check a downloaded file against a signature or a known checksum. */
function verifies(command: ShellCommand): boolean {
  const name = programName(command.name);
  if (name === "gpg" || name === "gpg2") return command.args.some((a) => a.value === "--verify");
  if (name === "gpgv" || name === "cosign" || name === "minisign" || name === "signify") return true;
  if (name !== undefined && /^(?:sha(?:1|224|256|384|512)|md5|b2)sum$/.test(name)) return command.args.some((a) => a.value === "-c" || a.value === "--check" || /^-[\dA-Z_abd-z]*c\w*$/.test(a.value));
  return false;
}

/**
 * `apk add --allow-untrusted ./pkg.apk` is fine when the files were checked in the same RUN
 * (`gpg --verify`, `sha256sum -c`) or built by the Dockerfile itself (a `--mount=…,from=<stage>`
 * or `COPY --from=<stage>` that provides them): their signing key is the build's own.
 */
function verifiedLocalPackages(site: RunCommand, operands: readonly ShellWord[]): boolean {
  const files = operands.filter((w) => /\.apk$/.test(w.value) || w.value.includes("/"));
  if (files.length === 0) return false;
  const commands = site.script.script.commands;
  if (commands.slice(0, site.index).some((c) => verifies(unwrapCommand(c)))) return true;
  const fromStage = (path: string) => {
    const mounted = site.run.flags.some((f) => f.name.toLowerCase() === "mount" && f.options.has("from") && path.startsWith(f.options.get("target") ?? f.options.get("dst") ?? "\u0000"));
    const copied = (site.run.stage?.instructions ?? []).some(
      (i) => i.keyword === "COPY" && i.flags.some((f) => f.name.toLowerCase() === "from") && i.args.length >= 2 && path.startsWith(i.args.at(-1)?.value ?? "\u0000"),
    );
    return mounted || copied;
  };
  return files.every((file) => fromStage(file.value));
}

function setoptValue(word: ShellWord | undefined): string {
  return (word?.value ?? "").replace(/^['"]|['"]$/g, "");
}

function checkCommand(site: RunCommand, report: Report): void {
  const { command, name } = site;
  if (!name || !command.name) return;
  const manager = name;

  if (name === "apk") {
    const parsed = parseOptions(command, { withValue: APK_OPTIONS_WITH_VALUE });
    const option = parsed.options.find((o) => o.name === "--allow-untrusted");
    if (option && !verifiedLocalPackages(site, parsed.positionals.slice(1))) report("apkUntrusted", {}, wordRange(option.word));
    return;
  }
  if (APT.has(name)) {
    const parsed = parseOptions(command, { withValue: APT_OPTIONS_WITH_VALUE });
    // `apt-get purge --force-yes`: nothing is downloaded, so there is nothing to authenticate.
    const verb = parsed.positionals[0];
    if (verb && !verb.hasExpansion && !APT_FETCHING.has(verb.value)) return;
    for (const option of parsed.options) {
      const value = option.value?.value ?? "";
      if (option.name === "--allow-unauthenticated") report("aptUnauthenticated", { manager, option: option.word.value }, wordRange(option.word));
      else if ((option.name === "-o" || option.name === "--option") && APT_UNAUTHENTICATED_OPTION.test(value)) {
        report("aptUnauthenticated", { manager, option: `-o ${value}` }, [option.word.start, option.value?.end ?? option.word.end]);
      } else if (option.name === "--force-yes") report("aptForceYes", { manager }, wordRange(option.word));
      else if (option.name === "--allow-insecure-repositories" || ((option.name === "-o" || option.name === "--option") && APT_INSECURE_OPTION.test(value))) {
        const shown = option.name === "--allow-insecure-repositories" ? option.word.value : `-o ${value}`;
        report("aptInsecureRepositories", { manager, option: shown }, [option.word.start, option.name === "--allow-insecure-repositories" ? option.word.end : (option.value?.end ?? option.word.end)]);
      }
    }
    return;
  }
  if (RPM_MANAGERS.has(name) || name === "zypper") {
    const withValue = name === "zypper" ? ZYPPER_OPTIONS_WITH_VALUE : RPM_OPTIONS_WITH_VALUE;
    for (const option of parseOptions(command, { withValue }).options) {
      const value = setoptValue(option.value);
      if (option.name === "--nogpgcheck" || option.name === "--no-gpg-checks" || option.name === "--no-gpgcheck" || (name === "zypper" && option.name === "-G")) {
        report("noGpgCheck", { manager, option: option.word.value }, wordRange(option.word));
      } else if (option.name === "--setopt" && SETOPT_GPG.test(value)) {
        report("noGpgCheck", { manager, option: `--setopt=${value}` }, wordRange(option.word));
      } else if (option.name === "--setopt" && SETOPT_SSL.test(value)) {
        report("repoSslVerify", { manager, option: `--setopt=${value}` }, wordRange(option.word));
      }
    }
    // `dnf config-manager --setopt=…` is handled with the options above: same flags.
    return;
  }
  if (CONFIG_MANAGERS.has(name)) {
    for (const option of parseOptions(command, { withValue: ["--setopt", "-c", "--config", "--installroot"] }).options) {
      const value = setoptValue(option.value);
      if (option.name === "--setopt" && SETOPT_SSL.test(value)) report("repoSslVerify", { manager, option: `--setopt=${value}` }, wordRange(option.word));
      else if (option.name === "--setopt" && SETOPT_GPG.test(value)) report("noGpgCheck", { manager, option: `--setopt=${value}` }, wordRange(option.word));
      else if (option.name === "--nogpgcheck") report("noGpgCheck", { manager, option: option.word.value }, wordRange(option.word));
    }
    return;
  }
  if (name === "rpm") {
    for (const option of parseOptions(command, { withValue: ["--root", "--dbpath", "--define", "-D", "--eval", "-E", "--macros", "--rcfile", "--predefine", "--excludepath", "--prefix", "--relocate"] }).options) {
      if (RPM_VERIFY_SKIPS.has(option.name)) {
        report("rpmNoVerify", { option: option.word.value }, wordRange(option.word));
        return;
      }
    }
  }
}

/** Package-source settings written into files: apt sources and apt.conf, yum/dnf/zypper repo files, pacman.conf. */
const FILE_SETTINGS: readonly { pattern: RegExp; messageId: string }[] = [
  { pattern: /\bdeb(-src)?\s+\[[^\]\n]*\b(trusted|allow-insecure|allow-weak)\s*=\s*yes\b[^\]\n]*\]/, messageId: "aptTrustedSource" },
  { pattern: /(?:^|\\n)[ \t]*(Trusted|Allow-Insecure|Allow-Weak)\s*:\s*yes\b/im, messageId: "aptTrustedSource" },
  { pattern: /APT::Get::AllowUnauthenticated\s*(?:"\s*)?(true|1|yes)\b"?/i, messageId: "aptConfig" },
  { pattern: /Acquire::(AllowInsecureRepositories|AllowDowngradeToInsecureRepositories)\s*(?:"\s*)?(true|1|yes)\b"?/i, messageId: "aptConfig" },
  { pattern: /(?:^|(?<=\\n)|(?<=[^\w.-]))gpgcheck\s*=\s*(0|false|no|off)\b/im, messageId: "repoGpgcheck" },
  { pattern: /(?:^|(?<=\\n)|(?<=[^\w.-]))sslverify\s*=\s*(0|false|no|off)\b/im, messageId: "repoSslVerifyFile" },
  { pattern: /(?:^|\\n)[ \t]*SigLevel\s*=\s*(Never\b|Optional\s+TrustAll\b|TrustAll\b)/m, messageId: "pacmanSigLevel" },
];

/** Files where `sslverify=0` is a package repository setting (git's `sslVerify` is no-disabled-tls-verification's). */
const REPO_FILE = /yum|dnf|zypp|\.repo$/;

function checkWritten(model: DockerfileModel, instruction: Instruction, report: Report): void {
  for (const written of writtenTexts(model, instruction)) {
    for (const { pattern, messageId } of FILE_SETTINGS) {
      if (messageId === "repoSslVerifyFile" && !written.targets.some((t) => REPO_FILE.test(t))) continue;
      const match = pattern.exec(written.text);
      if (!match) continue;
      // `deb [trusted=yes] file:///tmp/repo ./`: a repository the build just made from its own packages.
      if (messageId === "aptTrustedSource" && /^[^\n]*\]\s*(?:file|copy):/.test(written.text.slice(match.index))) continue;
      const lead = /^(?:\\n)?\s*/.exec(match[0])?.[0].length ?? 0;
      const index = match.index + lead;
      const text = match[0].slice(lead).trim();
      report(messageId, { setting: text.replace(/\s+/g, " ") }, writtenRange(written, index, text.length));
    }
  }
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-unverified-packages",
    kind: "dockerfile",
    category: "security",
    severity: "error",
    docs: "Disallow installing packages with signature or repository authentication checks turned off.",
    presets: ["recommended"],
    messages: {
      apkUntrusted:
        "`apk --allow-untrusted` installs packages whose signature is missing or from an unknown key, so a tampered package goes in unnoticed; add the repository's public key to /etc/apk/keys instead.",
      aptUnauthenticated:
        "`{{manager}} {{option}}` installs packages from repositories whose signature could not be checked, so a tampered package goes in unnoticed; import the repository's key (`signed-by=` in its sources line) instead.",
      aptForceYes:
        "`{{manager}} --force-yes` also says yes to unauthenticated packages and downgrades (it is deprecated for that reason); use `-y` and import the repository's key instead.",
      aptInsecureRepositories:
        "`{{manager}} {{option}}` accepts repositories without a valid signature, so their package lists can be forged; import the repository's key (`signed-by=` in its sources line) instead.",
      noGpgCheck:
        "`{{manager}} {{option}}` installs packages without checking their GPG signature, so a tampered package goes in unnoticed; import the vendor key (`rpm --import <key>`) and keep gpgcheck on.",
      rpmNoVerify:
        "`rpm {{option}}` skips the package's signature or digest check, so a tampered or corrupted package goes in unnoticed; import the vendor key (`rpm --import <key>`) and let rpm verify it.",
      repoSslVerify:
        "`{{manager}} {{option}}` turns off TLS certificate verification for package repositories, so anyone on the network path can serve the metadata and packages; trust the repository's CA (`sslcacert=`) instead.",
      repoSslVerifyFile:
        "`{{setting}}` in a repository file turns off TLS certificate verification for that repository, so anyone on the network path can serve its metadata and packages; trust the repository's CA (`sslcacert=`) instead.",
      aptTrustedSource:
        "`{{setting}}` makes apt accept this repository without a valid signature, so its package lists and packages can be forged; use `signed-by=/etc/apt/keyrings/<key>.gpg` with the repository's key instead.",
      aptConfig:
        "`{{setting}}` in apt's configuration accepts packages or repositories without a valid signature; remove it and import the repository's key instead.",
      repoGpgcheck:
        "`{{setting}}` in a repository file installs its packages without checking their GPG signature; set `gpgcheck=1` with `gpgkey=<url of the vendor key>` instead.",
      pacmanSigLevel:
        "`{{setting}}` makes pacman install packages without checking their signatures; keep the default `SigLevel = Required DatabaseOptional` and import keys with `pacman-key`.",
    },
    references: {
      checkov: ["CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9", "CKV2_DOCKER_10", "CKV2_DOCKER_11", "CKV2_DOCKER_15"],
    },
    referencesByMessage: {
      apkUntrusted: { checkov: ["CKV2_DOCKER_7"] },
      aptUnauthenticated: { checkov: ["CKV2_DOCKER_8"] },
      aptForceYes: { checkov: ["CKV2_DOCKER_11"] },
      aptInsecureRepositories: {},
      noGpgCheck: { checkov: ["CKV2_DOCKER_9"] },
      rpmNoVerify: { checkov: ["CKV2_DOCKER_10"] },
      repoSslVerify: { checkov: ["CKV2_DOCKER_15"] },
      repoSslVerifyFile: {},
      aptTrustedSource: {},
      aptConfig: {},
      repoGpgcheck: {},
      pacmanSigLevel: {},
    },
  },
  check({ model, report: emit }) {
    const report: Report = (messageId, data, range) => emit({ messageId, data, range });
    for (const run of runInstructions(model)) {
      for (const site of commandsOfRun(model, run)) checkCommand(site, report);
      checkWritten(model, run, report);
    }
    for (const instruction of withTriggers(model.instructions)) {
      if (instruction.keyword === "COPY" || instruction.keyword === "ADD") checkWritten(model, instruction, report);
    }
  },
});
