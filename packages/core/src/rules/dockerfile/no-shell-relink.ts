import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { effectiveShell, lastInStageBefore, runInstructions } from "../../dockerfile/queries.js";
import { interpreterName } from "../../dockerfile/run-shell.js";
import { defineRule } from "../../rule.js";
import { parseOptions, positionalArgs } from "../../shell/helpers.js";
import type { ShellCommand, ShellWord } from "../../shell/types.js";
import { commandsOfRun, isShellName, programName, type RunCommand } from "./_run-commands.js";
import { pathBaseName } from "../../util/posix-path.js";
import { isSlash, trimEndWhere } from "../../util/trim-end.js";

const DEFAULT_SHELL_PATHS = new Set(["/bin/sh", "/usr/bin/sh"]);
const POWERSHELL = new Set(["powershell", "pwsh"]);

const LN_OPTIONS = ["-S", "--suffix", "-t", "--target-directory"];
const LN_OVERWRITE_OPTIONS = ["-f", "--force", "-b", "--backup"];
const CP_OPTIONS = ["-S", "--suffix", "-t", "--target-directory", "--backup", "--reflink", "--sparse", "--preserve", "--no-preserve"];
const INSTALL_OPTIONS = ["-S", "--suffix", "-t", "--target-directory", "-g", "--group", "-m", "--mode", "-o", "--owner", "--strip-program", "-Z", "--context"];

function normalisePath(path: string): string {
  return trimEndWhere(path, isSlash).replace(/\/{2,}/g, "/");
}

function isDefaultShellPath(word: ShellWord): boolean {
  return !word.hasExpansion && DEFAULT_SHELL_PATHS.has(normalisePath(word.value));
}

/** `ln`, `cp`, `mv`, `install`: the path the command writes (the last operand, unless `-t DIR` names a directory). */
function destination(command: ShellCommand, withValue: readonly string[]): ShellWord | undefined {
  const parsed = parseOptions(command, { withValue });
  if (parsed.options.some((o) => o.name === "-t" || o.name === "--target-directory")) return undefined;
  return parsed.positionals.length >= 2 ? parsed.positionals.at(-1) : undefined;
}

/**
 * Whether `ln` may write over an existing file: without `-f` (or `-b`, which moves the old file
 * aside) it fails with "File exists", so a build that passes created /bin/sh where there was
 * none (a distroless `:debug` image linking its BusyBox shell), which changes no script's shell.
 */
function lnOverwrites(command: ShellCommand): boolean {
  return parseOptions(command, { withValue: LN_OPTIONS }).options.some((o) => LN_OVERWRITE_OPTIONS.includes(o.name));
}

/** `rm /bin/sh`, `unlink /bin/sh`, `mv /bin/sh /bin/sh.orig`: /bin/sh is gone, so a later plain `ln` does replace it. */
function removesShell(site: RunCommand): boolean {
  if (site.name === "rm" || site.name === "unlink") return positionalArgs(site.command).some(isDefaultShellPath);
  if (site.name === "mv") return positionalArgs(site.command, CP_OPTIONS).slice(0, -1).some(isDefaultShellPath);
  return false;
}

/** Whether /bin/sh was removed before `site`: earlier in its RUN, or by an earlier RUN of its stage. */
function shellRemovedBefore(model: DockerfileModel, site: RunCommand): boolean {
  const { run } = site;
  const earlierRuns = run.onbuild ? [] : (run.stage?.instructions ?? []).filter((i) => i.keyword === "RUN" && i.index < run.index);
  for (const earlier of earlierRuns) if (commandsOfRun(model, earlier).some(removesShell)) return true;
  for (const other of commandsOfRun(model, run)) {
    if (other === site) return false;
    if (removesShell(other)) return true;
  }
  return false;
}

/** The shell `ln -s /bin/bash /bin/sh` points /bin/sh at, if a source names one. */
function linkedShell(words: readonly ShellWord[]): string | undefined {
  const value = words.find((w) => isShellName(programName(w)) && !DEFAULT_SHELL_PATHS.has(normalisePath(w.value)))?.value;
  if (value === undefined) return undefined;
  return value.startsWith("/") ? value : `/bin/${value}`;
}

/** `/usr/bin/bash` and `/bin/bash` are one file on merged-/usr systems; a bare `bash` is found on PATH. */
function sameProgram(path: string, other: string): boolean {
  if (!path.includes("/") || !other.includes("/")) return pathBaseName(path) === pathBaseName(other);
  const canonical = (p: string): string => normalisePath(p).replace(/^\/usr(?=\/s?bin\/)/, "");
  return canonical(path) === canonical(other);
}

/** `chsh [-s SHELL] [USER]`, `usermod -s SHELL USER`: the shell word when the user whose login shell changes is root (or the current user, root in a build). */
function loginShellChange(name: string, command: ShellCommand, run: Instruction): ShellWord | undefined {
  const withValue = name === "chsh" ? ["-s", "--shell", "-R", "--root"] : ["-s", "--shell", "-c", "--comment", "-d", "--home", "-e", "--expiredate", "-f", "--inactive", "-g", "--gid", "-G", "--groups", "-l", "--login", "-p", "--password", "-R", "--root", "-P", "--prefix", "-u", "--uid", "-Z", "--selinux-user", "-v", "--add-subuids", "-V", "--del-subuids", "-w", "--add-subgids", "-W", "--del-subgids"];
  const parsed = parseOptions(command, { withValue });
  const shell = parsed.options.find((o) => o.name === "-s" || o.name === "--shell")?.value;
  if (!shell || !isShellName(programName(shell))) return undefined;
  const user = parsed.positionals.at(-1)?.value;
  if (user === undefined) {
    // `chsh -s /bin/bash` changes the invoking user: root unless a USER says otherwise.
    if (name !== "chsh") return undefined;
    const current = runUser(run);
    return current === undefined || current === "root" || current === "0" ? shell : undefined;
  }
  return user === "root" || user === "0" ? shell : undefined;
}

function runUser(run: Instruction): string | undefined {
  return lastInStageBefore(run, "USER")?.argsText.trim().split(":")[0];
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-shell-relink",
    kind: "dockerfile",
    category: "best-practice",
    severity: "warning",
    docs: "Disallow changing the shell RUN uses by re-linking /bin/sh or changing root's login shell; use SHELL.",
    presets: ["recommended"],
    messages: {
      relink:
        "`{{command}}` replaces /bin/sh, which every later RUN and every `#!/bin/sh` script in the image then runs with another shell; set the shell for RUN with `SHELL [\"{{shell}}\", \"-c\"]` instead.",
      relinkScripts:
        "`{{command}}` replaces /bin/sh with {{shell}}, which every `#!/bin/sh` script and `sh -c` in the image then runs with, although RUN already uses {{shell}} through SHELL; leave /bin/sh alone and start the scripts that need {{shell}} with `#!{{shell}}`.",
      reconfigureDash:
        "`dpkg-reconfigure dash` re-points /bin/sh (to bash when debconf says `dash/sh false`), changing the shell of every `#!/bin/sh` script in the image; set the shell for RUN with `SHELL [\"/bin/bash\", \"-c\"]` instead.",
      loginShell:
        "`{{command}}` sets root's login shell to {{shell}}, but RUN never uses the login shell (it runs SHELL, `/bin/sh -c` by default); use `SHELL [\"{{shell}}\", \"-c\"]` instead.",
      powershell:
        "`RUN {{command}} …` starts PowerShell from the default shell for this one step; set `SHELL [\"{{command}}\", \"-Command\"]` once and write the PowerShell commands directly in RUN.",
    },
    references: {
      hadolint: ["DL4005"],
      kics: ["8a301064-c291-4b20-adcb-403fe7fd95fd"],
    },
    referencesByMessage: {
      relink: { hadolint: ["DL4005"], kics: ["8a301064-c291-4b20-adcb-403fe7fd95fd"] },
      relinkScripts: { hadolint: ["DL4005"], kics: ["8a301064-c291-4b20-adcb-403fe7fd95fd"] },
      reconfigureDash: {},
      loginShell: { kics: ["8a301064-c291-4b20-adcb-403fe7fd95fd"] },
      powershell: { kics: ["8a301064-c291-4b20-adcb-403fe7fd95fd"] },
    },
  },
  check({ model, report }) {
    for (const run of runInstructions(model)) {
      const stageShell = interpreterName(effectiveShell(run));
      // `RUN powershell -Command …` under the default shell: SHELL says it once. Under a cmd SHELL the
      // script is not analysed, so the program is the first word as the build splits it.
      if (!POWERSHELL.has(stageShell)) {
        const scripts = model.shellOf(run).scripts;
        const first = scripts[0];
        const firstCommand = first && !first.foreign ? first.script.commands[0] : undefined;
        const word =
          first?.foreign && first.heredoc === undefined && run.form === "shell"
            ? run.firstArg && { value: run.firstArg.value, start: run.firstArg.range[0], end: run.firstArg.range[1] }
            : firstCommand && firstCommand.depth === 0 && !firstCommand.inPipeline
              ? firstCommand.name
              : undefined;
        const name = word && !/[$`]/.test(word.value) ? interpreterName([word.value]) : undefined;
        if (word && name && POWERSHELL.has(name)) {
          report({ messageId: "powershell", data: { command: name }, range: [word.start, word.end] });
        }
      }

      for (const site of commandsOfRun(model, run)) {
        const { command, name } = site;
        if (!name || !command.name) continue;
        if (name === "ln" || name === "cp" || name === "mv" || name === "install") {
          const options = name === "ln" ? LN_OPTIONS : name === "install" ? INSTALL_OPTIONS : CP_OPTIONS;
          const target = destination(command, options);
          if (!target || !isDefaultShellPath(target)) continue;
          if (name === "ln" && !lnOverwrites(command) && !shellRemovedBefore(model, site)) continue;
          const shell = linkedShell(positionalArgs(command, options).slice(0, -1));
          const current = effectiveShell(run)[0];
          // Advising the SHELL the stage already has would be no advice: what the link still changes is the scripts.
          const messageId = shell !== undefined && current !== undefined && sameProgram(current, shell) ? "relinkScripts" : "relink";
          report({ messageId, data: { command: name, shell: shell ?? "/bin/bash" }, range: [target.start, target.end] });
        } else if (name === "dpkg-reconfigure") {
          const dash = positionalArgs(command, ["-f", "--frontend", "-p", "--priority"]).find((w) => w.value === "dash");
          if (dash) report({ messageId: "reconfigureDash", range: [dash.start, dash.end] });
        } else if (name === "chsh" || name === "usermod") {
          const shell = loginShellChange(name, command, run);
          if (shell) report({ messageId: "loginShell", data: { command: name, shell: shell.value }, range: [shell.start, shell.end] });
        }
      }
    }
  },
});
