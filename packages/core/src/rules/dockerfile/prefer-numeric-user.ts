import type { DockerfileModel, Instruction, Stage } from "../../dockerfile/model.js";
import { imageStages, isWindowsStage, lastInherited, stageRoot } from "../../dockerfile/queries.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { isRootUser } from "../../util/user.js";
import { commandBaseName } from "../../shell/helpers.js";
import { startsFromScratch } from "./_stage-refs.js";
import { type PasswdUsers, passwdUsersOfStage, userPart, type UserCreation } from "./_users.js";

/**
 * The uid a user has in well-known base images, for a user the Dockerfile does not create:
 * `nobody` is 65534 in Debian, Ubuntu, Alpine and the Red Hat family; `www-data` is 33 in
 * Debian and Ubuntu (and the official images built on them) and 82 in Alpine; the official
 * nginx images' `nginx` is 101, and node's `node` is 1000.
 */
function baseImageUid(user: string, image: string): string | undefined {
  const name = image.toLowerCase().replace(/^docker\.io\/(?:library\/)?/, "");
  const alpine = /alpine/.test(name);
  switch (user) {
    case "nobody":
      return "65534";
    case "www-data":
      return alpine ? "82" : /^(?:debian|ubuntu|php|httpd|nginx|python|node|ruby|wordpress|drupal)(?:[:@]|$)/.test(name) ? "33" : undefined;
    case "nginx":
      return /^(?:nginx|nginxinc\/nginx-unprivileged)(?:[:@]|$)/.test(name) ? "101" : undefined;
    case "node":
      return /^node(?:[:@]|$)/.test(name) ? "1000" : undefined;
    default:
      return undefined;
  }
}

/** What to write instead of a user the file creates with a uid from a variable (`useradd -u $UID app`), or undefined when the uid is not a build variable. */
function variableUidHint(model: DockerfileModel, user: Instruction, uid: string, creation: UserCreation): { hint: string; uidText?: string } | undefined {
  const word = creation.uid.value;
  // `$(id -u)` or a variable the RUN itself sets: nothing a USER can repeat.
  if (/\$\(|`/.test(word)) return undefined;
  const names = [...new Set([...word.matchAll(/\$\{?([A-Z_]\w*)/gi)].map((m) => m[1] ?? ""))];
  const atRun = creation.run.scope;
  if (names.length === 0 || names.some((name) => atRun.origin(name) === undefined)) return undefined;
  const program = commandBaseName(creation.command) ?? "useradd";
  const gives = `the uid the \`${program}\` on line ${creation.run.line} gives "${uid}"`;
  const here = user.scope;
  const expandedHere = here.expand(word);
  const expandedAtRun = atRun.expand(word);
  const same = names.every((name) => here.origin(name) !== undefined) && expandedHere.value === expandedAtRun.value && expandedHere.unresolved.join() === expandedAtRun.unresolved.join();
  if (same) {
    const value = expandedHere.unresolved.length === 0 && /^\d+$/.test(expandedHere.value) ? expandedHere.value : undefined;
    const byDefault = names.some((name) => here.origin(name)?.kind === "ARG") ? " by default" : "";
    return { hint: `\`USER ${word}\`, ${gives}${value ? ` (${value}${byDefault})` : ""}`, uidText: word };
  }
  // ENV and ARG values carry into the stages built on this one, so only a redeclared ARG can differ here.
  const declarations: string[] = [];
  for (const name of names) {
    const origin = atRun.origin(name);
    const pair = origin?.kind === "ARG" ? origin.instruction?.pairs.find((p) => p.key === name) : undefined;
    if (!origin?.instruction || !pair) return undefined;
    if (here.origin(name)?.instruction !== origin.instruction) declarations.push(model.source.text.slice(pair.range[0], pair.range[1]));
  }
  if (declarations.length === 0) return undefined;
  return { hint: `\`USER ${word}\` after \`ARG ${declarations.join(" ")}\` in this stage, ${gives} (here the ARG does not hold the value that \`${program}\` saw)` };
}

/** What to write for a user whose uid the file does not show: create it with one, or look it up where /etc/passwd comes from. */
function unknownUidHint(model: DockerfileModel, stage: Stage | undefined, uid: string, image: string, passwd: PasswdUsers | undefined): string {
  const create = `${/alpine|busybox/i.test(image) ? "adduser -D -u 10001" : "useradd -u 10001"} ${uid}`;
  const from = passwd?.copiedFrom;
  if (from) {
    const name = from.name === undefined ? `stage ${from.index}` : `stage "${from.name}"`;
    return `e.g. \`USER 10001\` after creating the user with that uid in ${name}, whose /etc/passwd this image copies (\`${create}\`), or the uid "${uid}" has there (\`id -u ${uid}\` in that stage)`;
  }
  if (passwd?.copiedBy) return `the uid "${uid}" has in \`${image}\`, whose /etc/passwd this image copies (\`id -u ${uid}\` in it)`;
  // A scratch image has no useradd: its users are those of a passwd file it copies in.
  if (stage && startsFromScratch(model, stage) === true) {
    return `e.g. \`USER 10001\`, with "${uid}" given that uid in the /etc/passwd this image copies in (\`scratch\` has no \`useradd\`)`;
  }
  return `e.g. \`USER 10001\` after creating the user with that uid (\`${create}\`), or the uid the base image gives "${uid}" (\`id -u ${uid}\` in it)`;
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "prefer-numeric-user",
    kind: "dockerfile",
    category: "best-practice",
    severity: "info",
    docs: "Prefer a numeric uid in the final USER, so that the runtime can verify the container does not run as root.",
    presets: ["strict"],
    hasSuggestions: true,
    messages: {
      named:
        "USER \"{{user}}\" names the user instead of giving its uid, so Kubernetes' `runAsNonRoot` cannot verify it is not root and refuses to start the pod; write the numeric uid ({{hint}}).",
    },
    references: { hadolint: ["DL3066"] },
  },
  check({ model, source, settings, report }) {
    const stages = imageStages(model, settings);
    // A file without FROM (a fragment) has no image; judge its last USER all the same.
    if (stages.length === 0) {
      judge(model.instructions.filter((i) => i.keyword === "USER").at(-1), undefined);
      return;
    }
    // The last stage and each build target (`settings.buildTargets`); a USER two of them inherit, once.
    const judged = new Set<Instruction>();
    for (const stage of stages) {
      const user = lastInherited(stage, "USER");
      if (!user || judged.has(user)) continue;
      judged.add(user);
      judge(user, stage);
    }

    function judge(user: Instruction | undefined, stage: Stage | undefined): void {
      const arg = user?.args[0];
      if (!user || !arg) return;
      const written = user.argsText.trim();
      const writtenUid = userPart(written);
      // `USER ${APP_UID}` with an ARG: the builder chooses the user, typically a uid.
      const names = [...writtenUid.matchAll(/\$\{?([A-Z_]\w*)/gi)].map((m) => m[1] ?? "");
      if (names.some((name) => user.scope.origin(name)?.kind !== "ENV")) return;
      const expanded = user.scope.expand(writtenUid);
      if (expanded.unresolved.length > 0) return;
      const uid = expanded.value.replace(/^["']|["']$/g, "");
      if (uid === "" || /^\d+$/.test(uid)) return;
      // Root is require-non-root-user's finding; Windows users have no uid (`USER ContainerUser`), and runAsNonRoot does not apply to them.
      if (isRootUser(uid) || (stage && isWindowsStage(model, stage))) return;

      // The users of the image's /etc/passwd: created in this stage's chain, or in the stage the
      // file is copied from (a `FROM scratch` image has no useradd of its own).
      const passwd = stage ? passwdUsersOfStage(model, stage) : undefined;
      const creation = passwd?.creations.get(uid);
      const created = creation && !creation.uid.hasExpansion && /^\d+$/.test(creation.uid.value) ? creation.uid.value : undefined;
      const fromVariable = creation?.uid.hasExpansion ? variableUidHint(model, user, uid, creation) : undefined;
      // `useradd -u "$(…)" app`, or a uid from a variable of the RUN's own: a USER cannot repeat it.
      const unrepeatable = creation && !created && !fromVariable ? creation : undefined;
      const image = passwd?.image ?? (stage ? stageRoot(stage).resolvedImage : "");
      const fromBase = creation === undefined ? baseImageUid(uid, image) : undefined;
      const known = created ?? fromBase ?? fromVariable?.uidText;
      const start = arg.range[0];
      const exact = source.text.startsWith(writtenUid, start);
      const range: OffsetRange = exact ? [start, start + writtenUid.length] : arg.range;
      const descriptor: ReportDescriptor = {
        messageId: "named",
        data: {
          user: uid,
          hint: created
            ? `\`USER ${created}\`, the uid this file gives "${uid}"`
            : fromVariable
              ? fromVariable.hint
              : unrepeatable
                ? `e.g. \`USER 10001\` after giving "${uid}" that uid in the \`${commandBaseName(unrepeatable.command) ?? "useradd"}\` on line ${unrepeatable.run.line} (a number instead of \`${unrepeatable.uid.value}\`, which a USER cannot repeat)`
                : fromBase
                  ? `\`USER ${fromBase}\`, the uid "${uid}" has in ${passwd?.copiedBy ? `\`${image}\`, whose /etc/passwd this image copies` : `the base image \`${image}\``}`
                  : unknownUidHint(model, stage, uid, image, passwd),
        },
        range,
      };
      if (known && exact && names.length === 0) {
        descriptor.suggestions = [{ desc: fromVariable ? `Use ${known}` : `Use uid ${known}`, fix: { range, text: known } }];
      }
      report(descriptor);
    }
  },
});
