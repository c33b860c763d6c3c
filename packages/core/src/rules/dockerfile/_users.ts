/**
 * Users a Dockerfile creates (`useradd -u 10001 app`, `adduser -D -u 10001 app`,
 * `adduser --uid 10001 app`), so rules can relate a user name to its uid, and the
 * option sets of those commands.
 */
import type { DockerfileModel, Instruction, Stage } from "../../dockerfile/model.js";
import { stageChain, stageRoot } from "../../dockerfile/queries.js";
import { commandBaseName, parseOptions, unwrapCommand } from "../../shell/helpers.js";
import type { ShellCommand, ShellWord } from "../../shell/types.js";
import { cleanPath } from "../../util/posix-path.js";
import { copyOperands } from "./_copy-operands.js";
import { resolveReference, type StageReference, stageReferences } from "./_stage-refs.js";

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

const PASSWD = "/etc/passwd";

/**
 * Whether a COPY with these sources and destination writes /etc/passwd: the file itself
 * (`COPY --from=build /etc/passwd /etc/passwd`, or into `/etc/`), or a directory holding it
 * (`/etc`, or `/` for the whole filesystem), whose contents go into the destination.
 */
function copiesPasswd(sources: readonly string[], destination: string): boolean {
  const dest = cleanPath(destination);
  const intoDirectory = destination.endsWith("/") || sources.length > 1 || dest === "/etc";
  return sources.some((written) => {
    const source = cleanPath(written);
    if (source === PASSWD) return (intoDirectory ? cleanPath(`${dest}/passwd`) : dest) === PASSWD;
    if (source === "/" || PASSWD.startsWith(`${source}/`)) return cleanPath(`${dest}/${PASSWD.slice(source.length)}`) === PASSWD;
    return false;
  });
}

/** The users of the /etc/passwd an image ends with, as far as the Dockerfile shows them. */
export interface PasswdUsers {
  /** Users the RUNs that wrote that file created, by name, whatever their uid word holds (a number, `$UID`, `$(id -u)`); the last creation wins. */
  creations: Map<string, UserCreation>;
  /** The image the file started from: the stage's base image, or the base image of the stage it was copied from, or the image it was copied from. */
  image: string;
  /** The `COPY --from` that copied the file in, if one did. */
  copiedBy: Instruction | undefined;
  /** The stage it copied the file from, if it copied from a stage rather than an image. */
  copiedFrom: Stage | undefined;
}

/**
 * The users the RUNs of a stage and the stages it builds on create, following `/etc/passwd` where
 * a stage copies it from another stage or image (`COPY --from=build /etc/passwd /etc/passwd`, or the whole filesystem): then the users
 * are the ones that stage created, and the RUNs of this stage after the COPY. woodpecker-ci's
 * docker/Dockerfile.server.multiarch.rootless creates its user in a golang stage and copies
 * /etc/passwd into a `FROM scratch` image, which has no useradd of its own.
 */
export function passwdUsersOfStage(model: DockerfileModel, stage: Stage): PasswdUsers {
  return passwdUsers(model, stage, { known: new Map(), references: undefined });
}

interface PasswdWalk {
  /** Each stage read once: stages that each copy the file twice from the one before would otherwise be read 2ⁿ times. */
  known: Map<Stage, PasswdUsers>;
  /** The file's `--from` references, listed once when a COPY of the file needs one. */
  references: StageReference[] | undefined;
}

function passwdUsers(model: DockerfileModel, stage: Stage, walk: PasswdWalk): PasswdUsers {
  const cached = walk.known.get(stage);
  if (cached) return cached;
  const result: PasswdUsers = { creations: new Map(), image: stageRoot(stage).resolvedImage, copiedBy: undefined, copiedFrom: undefined };
  for (const s of stageChain(stage).reverse()) {
    for (const instruction of s.instructions) {
      if (instruction.keyword === "RUN") {
        for (const raw of model.shellOf(instruction).commands) {
          const created = creation(raw);
          if (created) result.creations.set(created.name, { ...created, run: instruction });
        }
        continue;
      }
      if (instruction.keyword !== "COPY" || !instruction.flags.some((flag) => flag.name.toLowerCase() === "from")) continue;
      const operands = copyOperands(instruction, model.source, model.escapeChar);
      if (!operands.destination || !copiesPasswd(operands.sources.map((operand) => operand.value), operands.destination.value)) continue;
      walk.references ??= stageReferences(model, model.source);
      const reference = walk.references.find((r) => r.instruction === instruction && r.kind === "copy");
      const resolved = reference ? resolveReference(model, reference) : undefined;
      if (resolved?.kind === "stage") {
        const copied = passwdUsers(model, resolved.stage, walk);
        result.creations = new Map(copied.creations);
        result.image = copied.image;
        result.copiedBy = instruction;
        result.copiedFrom = resolved.stage;
      } else if ((resolved?.kind === "image" || resolved?.kind === "missing") && reference) {
        // A name no stage has is an image to the build (`--from=busybox`).
        result.creations = new Map();
        result.image = reference.value;
        result.copiedBy = instruction;
        result.copiedFrom = undefined;
      }
    }
  }
  walk.known.set(stage, result);
  return result;
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
