import type { DockerfileModel } from "../../dockerfile/model.js";
import type { Instruction } from "../../dockerfile/model.js";
import { runInstructions, stageRoot, userBefore } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { unwrapCommand } from "../../shell/helpers.js";
import type { ShellCommand, ShellWord } from "../../shell/types.js";
import { pathBaseName } from "../../util/posix-path.js";
import { isRootBaseImage, isRootUser } from "../../util/user.js";

/** Programs that run a command as another user (`doas` is OpenBSD's and Alpine's sudo). */
const ELEVATORS = new Set(["sudo", "doas"]);

function baseName(word: ShellWord): string | undefined {
  return word.hasExpansion ? undefined : pathBaseName(word.value);
}

/**
 * The `sudo` word of a command, as the command itself or behind other wrappers
 * (`env X=1 sudo …`, `nice sudo …`, `xargs sudo …`). `apt-get install sudo` installs it and
 * is not reported: only the command name and the wrapper words `unwrapCommand` removed count.
 */
function elevator(raw: ShellCommand): ShellWord | undefined {
  // The name, then the wrappers, without a list of both: this runs for every command of every RUN.
  if (isElevator(raw.name)) return raw.name;
  for (const word of unwrapCommand(raw).wrappers ?? []) if (isElevator(word)) return word;
  return undefined;
}

function isElevator(word: ShellWord | undefined): word is ShellWord {
  return word !== undefined && !word.value.startsWith("-") && ELEVATORS.has(baseName(word) ?? "");
}

/** sudo options that take a value (sudo(8)); the command starts at the first other word. */
const SUDO_VALUE_OPTIONS = new Set(["-u", "--user", "-g", "--group", "-C", "--close-from", "-D", "--chdir", "-h", "--host", "-p", "--prompt", "-r", "--role", "-t", "--type", "-T", "--command-timeout", "-U", "--other-user", "-R", "--chroot"]);

/** `sudo -u builduser …`: the target user when it is not root (then the step only drops privileges). */
function asUser(command: ShellCommand, word: ShellWord): string | undefined {
  const words = [command.name, ...command.args].filter((w): w is ShellWord => w !== undefined);
  let user: string | undefined;
  for (let i = words.indexOf(word) + 1; i < words.length; i++) {
    const value = words[i]?.value ?? "";
    if (!value.startsWith("-") || value === "--") break;
    const long = /^--user=(.*)$/.exec(value) ?? /^-u(.+)$/.exec(value);
    if (long) user = long[1];
    else if (value === "-u" || value === "--user") user = words[++i]?.value;
    else if (SUDO_VALUE_OPTIONS.has(value)) i++;
  }
  return user !== undefined && user !== "root" && user !== "0" && user !== "#0" ? user : undefined;
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-sudo",
    kind: "dockerfile",
    category: "security",
    severity: "error",
    docs: "Disallow `sudo` in RUN; switch users with USER instead.",
    presets: ["recommended"],
    messages: {
      sudo: "`{{command}}` in a RUN needs {{command}} (and usually a NOPASSWD rule) in the image, which any process in the container can then use to become root; run the step as root with `USER root` before it and `USER <uid>` after it, and do not install {{command}}.",
      sudoAsUser:
        "`{{command}} -u {{user}}` in a RUN needs {{command}} (and usually a NOPASSWD rule) in the image, which any process in the container can then use to become root; run the step with `USER {{user}}` (and switch back after it), or drop privileges with `setpriv`/`gosu`/`su-exec`.",
      sudoAsRoot:
        "`{{command}}` in a RUN that already runs as root ({{why}}) changes nothing but needs {{command}} in the image, a setuid-root program that a later sudoers or doas rule can open to every process; remove `{{command}}` from the command and do not install it.",
      sudoAsUserFromRoot:
        "`{{command}} -u {{user}}` in a RUN that runs as root ({{why}}) needs {{command}} in the image only to drop to `{{user}}`, a setuid-root program that a later sudoers or doas rule can open to every process; run the step with `USER {{user}}` (and switch back after it), or drop privileges with `runuser`/`setpriv`/`gosu`/`su-exec`, which need no setuid program.",
    },
    references: {
      hadolint: ["DL3004"],
      trivy: ["DS-0010"],
      checkov: ["CKV2_DOCKER_1"],
      kics: ["8ada6e80-0ade-439e-b176-0b28f6bce35a"],
    },
  },
  check({ model, report }) {
    for (const run of runInstructions(model)) {
      for (const command of model.shellOf(run).commands) {
        const word = elevator(command);
        if (!word) continue;
        const name = baseName(word) ?? word.value;
        const user = asUser(command, word);
        const why = asRootBecause(run);
        const range: [number, number] = [word.start, word.end];
        if (why !== undefined) {
          report(user ? { messageId: "sudoAsUserFromRoot", data: { command: name, user, why }, range } : { messageId: "sudoAsRoot", data: { command: name, why }, range });
        } else report(user ? { messageId: "sudoAsUser", data: { command: name, user }, range } : { messageId: "sudo", data: { command: name }, range });
      }
    }
  },
});

/**
 * Why a RUN is known to run as root, for the message: a root USER before it, or none on a base
 * image known to run as root. Undefined when its user is another or unknown.
 */
function asRootBecause(run: Instruction): string | undefined {
  const user = userBefore(run);
  if (user) return user.unresolved.length === 0 && isRootUser(user.value) ? `\`USER ${user.value}\` is in force` : undefined;
  const stage = run.stage;
  // A trigger runs in the child's build, as whatever user the child has then.
  if (!stage || run.onbuild) return undefined;
  const image = stageRoot(stage).resolvedImage;
  return isRootBaseImage(image) ? `no USER is set and \`${image}\` runs as root` : undefined;
}
