/**
 * Users a Dockerfile creates (`useradd -u 10001 app`, `adduser -D -u 10001 app`,
 * `adduser --uid 10001 app`), so rules can relate a user name to its uid, and the
 * option sets of those commands.
 */
import type { DockerfileModel, Instruction, Stage } from "../../dockerfile/model.js";
import { stageChain } from "../../dockerfile/queries.js";
import { commandBaseName, parseOptions, unwrapCommand } from "../../shell/helpers.js";
import type { ShellCommand, ShellWord } from "../../shell/types.js";

/** shadow's useradd(8) options that take a value. */
export const USERADD_WITH_VALUE = [
  "-b", "--base-dir", "-c", "--comment", "-d", "--home-dir", "-e", "--expiredate", "-f", "--inactive", "-g", "--gid",
  "-G", "--groups", "-k", "--skel", "-K", "--key", "-p", "--password", "-R", "--root", "-P", "--prefix", "-s",
  "--shell", "-u", "--uid", "-Z", "--selinux-user", "--btrfs-subvolume-home", "-F", "--add-subids-for-system",
];

/** Debian's adduser(8) long options and BusyBox adduser's short options that take a value. */
const ADDUSER_WITH_VALUE = [
  "--home", "--shell", "--uid", "--gid", "--gecos", "--comment", "--ingroup", "--firstuid", "--lastuid", "--firstgid",
  "--lastgid", "--conf", "--extrausers", "--add-extra-groups", "-h", "-g", "-s", "-G", "-u", "-k",
];

export interface CreatedUser {
  name: string;
  uid: string;
  command: ShellCommand;
}

/** A user a RUN creates, with its uid as written: a number, or a variable (`useradd -u $UID app`). */
export interface UserCreation {
  name: string;
  uid: ShellWord;
  command: ShellCommand;
  run: Instruction;
}

/** The literal name and the uid word of a `useradd`/`adduser` command that gives a uid. */
function creation(raw: ShellCommand): { name: string; uid: ShellWord; command: ShellCommand } | undefined {
  const command = unwrapCommand(raw);
  const program = commandBaseName(command);
  if (program !== "useradd" && program !== "adduser") return undefined;
  const withValue = program === "useradd" ? USERADD_WITH_VALUE : ADDUSER_WITH_VALUE;
  const parsed = parseOptions(command, { withValue });
  const uid = parsed.options.filter((o) => o.name === "-u" || o.name === "--uid").at(-1)?.value;
  // useradd takes the login last; adduser takes `user [group]` (Debian) or `user [group]` (BusyBox).
  const nameWord: ShellWord | undefined = program === "useradd" ? parsed.positionals.at(-1) : parsed.positionals[0];
  if (!uid || !nameWord || nameWord.hasExpansion) return undefined;
  return { name: nameWord.value, uid, command };
}

/** The user a `useradd`/`adduser` command creates, when both its name and uid are literal. */
export function createdUser(raw: ShellCommand): CreatedUser | undefined {
  const created = creation(raw);
  if (!created || created.uid.hasExpansion || !/^\d+$/.test(created.uid.value)) return undefined;
  return { name: created.name, uid: created.uid.value, command: created.command };
}

/** The RUNs of a stage and of the stages it builds on, in build order. */
function chainRuns(stage: Stage): Instruction[] {
  return stageChain(stage)
    .reverse()
    .flatMap((s) => s.instructions.filter((i) => i.keyword === "RUN"));
}

/**
 * Users created by the RUNs of a stage and the stages it builds on, by name, whatever their uid
 * word holds (a number, `$UID`, `$(id -u)`); the last creation wins.
 */
export function userCreationsOfStage(model: DockerfileModel, stage: Stage): Map<string, UserCreation> {
  const users = new Map<string, UserCreation>();
  for (const run of chainRuns(stage)) {
    for (const raw of model.shellOf(run).commands) {
      const created = creation(raw);
      if (created) users.set(created.name, { ...created, run });
    }
  }
  return users;
}

/** Users created by the RUNs of a stage and the stages it builds on with a literal uid, by name (the last creation wins). */
export function createdUsersOfStage(model: DockerfileModel, stage: Stage): Map<string, CreatedUser> {
  const users = new Map<string, CreatedUser>();
  for (const run of chainRuns(stage)) {
    for (const command of model.shellOf(run).commands) {
      const user = createdUser(command);
      if (user) users.set(user.name, user);
    }
  }
  return users;
}

/** `createdUsersOfStage`, name → uid. */
export function usersOfStage(model: DockerfileModel, stage: Stage): Map<string, string> {
  return new Map([...createdUsersOfStage(model, stage)].map(([name, user]) => [name, user.uid]));
}

/** The user part of `user[:group]` (`USER`, `--chown`). */
export function userPart(spec: string): string {
  const colon = spec.indexOf(":");
  return (colon >= 0 ? spec.slice(0, colon) : spec).trim();
}
