import type { DockerfileModel, Instruction, InstructionFlag } from "../../dockerfile/model.js";
import { effectiveUser, imageStages, stageChain } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { isRootUser } from "../../util/user.js";
import { copyOperands } from "./_copy-operands.js";
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
        "`{{flag}}` gives {{destination}} to {{user}}, the user the container runs as, so a compromised process can rewrite its own code and configuration; copy as root (drop --chown) and give {{user}} only the directories it must write to.",
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
          const destination = copyOperands(instruction, source, model.escapeChar).destination;
          if (destination && allowed.some((pattern) => pattern.test(destination.value))) continue;
          reported.add(instruction);
          let end = flag.range[1];
          while (source.text[end] === " " || source.text[end] === "\t") end++;
          report({
            messageId: "ownedByRuntimeUser",
            data: {
              flag: source.slice(flag.range),
              destination: destination ? `"${destination.value}"` : "the files",
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
