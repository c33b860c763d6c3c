import type { DockerfileModel, Instruction, InstructionFlag } from "../../dockerfile/model.js";
import { effectiveUser, imageStages, stageChain, workdirBefore } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { cleanPath } from "../../util/posix-path.js";
import { isRootUser } from "../../util/user.js";
import { baseName, copyOperands, type CopyOperand, type CopyOperands, hasGlob, isRemoteSource, mayBeArchive } from "./_copy-operands.js";
import { userPart, usersOfStage } from "./_users.js";

interface Options {
  /** Destinations (globs: `*` within a path component, `**` across) the runtime user may own, e.g. `/var/lib/app/**`. */
  allowPaths: string[];
}

function pathGlob(pattern: string): RegExp {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? "";
    if (c === "*" && pattern[i + 1] === "*") {
      out += ".*";
      i++;
    } else if (c === "*") out += "[^/]*";
    else out += c.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}/?$`);
}

/**
 * The name a source gets in a destination directory when it is one file: a heredoc, or a name
 * with a letter-led extension (`entrypoint.sh`, `conf/app.yaml`). Undefined for what may be a
 * directory, whose contents the COPY copies (`docker`, `rootfs`, `conf.d`, `python3.11`), for
 * globs and URLs, and for an archive ADD unpacks.
 */
function fileName(operand: CopyOperand, keyword: string): string | undefined {
  if (operand.heredoc) return operand.heredoc.name;
  const value = operand.value;
  if (operand.unresolved.length > 0 || hasGlob(value) || isRemoteSource(value) || /[/\\]$/.test(value)) return undefined;
  const name = baseName(value);
  if (!/^[^.].*\.[a-z]\w*$/i.test(name) || name.endsWith(".d")) return undefined;
  return keyword === "ADD" && mayBeArchive(name) ? undefined : name;
}

/** A destination that is a directory before the COPY runs: `/`, the WORKDIR (`.`), which WORKDIR creates, and the directories above it. */
function existsBefore(instruction: Instruction, destination: string): boolean {
  const cleaned = cleanPath(destination);
  if (cleaned === "/" || cleaned === ".") return true;
  if (!cleaned.startsWith("/")) return false;
  const workdir = workdirBefore(instruction);
  return workdir !== undefined && (workdir === cleaned || workdir.startsWith(`${cleaned}/`));
}

/**
 * What `--chown` gives the user: the files and directories the COPY creates, not a directory
 * that exists already (BuildKit chowns the copied files and the destination directories it
 * creates; moby/buildkit#790 stopped it from re-owning existing ones). percona-docker's
 * percona-pgbouncer/Dockerfile `COPY --chown=1001 ["entrypoint.sh", "/"]` gives "/entrypoint.sh",
 * and kestra's `COPY --chown=kestra:kestra docker /` the files copied into "/", not "/" itself.
 * Whether a destination other than `/` and the WORKDIR exists is not known here, so the words
 * hold either way.
 */
function ownedPaths(instruction: Instruction, operands: CopyOperands): string {
  const destination = operands.destination?.value;
  if (destination === undefined) return "the files";
  const quoted = `"${destination}"`;
  const exists = existsBefore(instruction, destination);
  const intoDirectory =
    exists || /[/\\]$/.test(destination) || /(?:^|[/\\])\.\.?$/.test(destination) || operands.sources.length > 1 || operands.sources.some((s) => hasGlob(s.value));
  // `--parents` keeps the sources' directories under the destination.
  const parents = instruction.flags.some((flag) => flag.name.toLowerCase() === "parents");
  const names = parents ? [] : operands.sources.map((operand) => fileName(operand, instruction.keyword));
  const files = names.length > 0 && names.every((name): name is string => name !== undefined) ? names : undefined;
  if (!intoDirectory) {
    // One source to a path that is the copy itself, or a directory that exists already.
    return files ? quoted : `${quoted} (or, if that directory exists already, the files it copies into it)`;
  }
  const itself = exists ? "" : ` (and ${quoted} itself if the ${instruction.keyword} creates it)`;
  if (files && files.length <= 3) {
    const prefix = /[/\\]$/.test(destination) ? destination : `${destination}/`;
    const created = files.map((name) => `"${prefix}${name}"`);
    return `${created.length > 1 ? `${created.slice(0, -1).join(", ")} and ${created.at(-1) ?? ""}` : (created[0] ?? "")}${itself}`;
  }
  return `the files it copies into ${quoted}${itself}`;
}

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "no-copy-chown",
    kind: "dockerfile",
    category: "security",
    severity: "info",
    docs: "Disallow COPY/ADD `--chown` to the user the container runs as, which lets the process rewrite its own files.",
    presets: ["strict"],
    hasSuggestions: true,
    messages: {
      ownedByRuntimeUser:
        "`{{flag}}` gives {{owned}} to {{user}}, the user the container runs as, so a compromised process can rewrite its own code and configuration; copy as root (drop --chown) and give {{user}} only the directories it must write to.",
    },
    options: {
      schema: {
        type: "object",
        properties: { allowPaths: { type: "array", items: { type: "string" } } },
        additionalProperties: false,
      },
      // A home directory itself (`/home/app`, not `/home/app/src`) and the conventional state directories.
      defaults: { allowPaths: ["/home/*", "/tmp/**", "/var/tmp/**", "/var/lib/**", "/var/cache/**", "/var/log/**", "/var/run/**", "/run/**"] },
    },
    references: { kics: ["aa93e17f-b6db-4162-9334-c70334e7ac28"] },
  },
  check({ model, source, options, settings, report }) {
    const allowed = options.allowPaths.map(pathGlob);
    // A COPY that two images share (a stage both are built on) is reported once.
    const reported = new Set<Instruction>();
    // The last stage, and each stage a build targets (`settings.buildTargets`): each is an image.
    for (const stage of imageStages(model, settings)) {
      const runtime = effectiveUser(stage);
      // Without USER the container runs as root, which can write anything anyway: require-non-root-user's finding.
      if (!runtime || isRootUser(runtime.value)) continue;
      const runtimeUser = userPart(runtime.value);
      const users = usersOfStage(model, stage);
      const uidOf = (user: string): string => (/^\d+$/.test(user) ? user : (users.get(user) ?? user));

      // Only the stages whose files end up in the image with their ownership: COPY --from resets ownership to root.
      for (const s of stageChain(stage)) {
        for (const instruction of s.instructions) {
          if (instruction.keyword !== "COPY" && instruction.keyword !== "ADD") continue;
          const flag: InstructionFlag | undefined = instruction.flags.find((f) => f.name.toLowerCase() === "chown");
          if (!flag?.value) continue;
          const chown = instruction.scope.expand(flag.value);
          const owner = userPart(chown.value);
          if (owner === "" || isRootUser(owner)) continue;
          const same = owner === runtimeUser || uidOf(owner) === uidOf(runtimeUser);
          if (!same || reported.has(instruction)) continue;
          const operands = copyOperands(instruction, source, model.escapeChar);
          const destination = operands.destination;
          if (destination && allowed.some((pattern) => pattern.test(destination.value))) continue;
          reported.add(instruction);
          let end = flag.range[1];
          while (source.text[end] === " " || source.text[end] === "\t") end++;
          report({
            messageId: "ownedByRuntimeUser",
            data: {
              flag: source.slice(flag.range),
              owned: ownedPaths(instruction, operands),
              user: `"${runtimeUser}"`,
            },
            range: flag.range,
            suggestions: [{ desc: "Remove --chown (the files become root-owned and read-only for the process)", fix: { range: [flag.range[0], end], text: "" } }],
          });
        }
      }
    }
  },
});
