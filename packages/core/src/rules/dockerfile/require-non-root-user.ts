import type { DockerfileModel, Stage } from "../../dockerfile/model.js";
import { unquote } from "../../dockerfile/parse.js";
import { effectiveUser, imageStageLabel, imageStages, isWindowsStage, namedContextMatcher, stageRoot } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { isNonRootBaseImage, isRootBaseImage, isRootUser, isWindowsAdministrator, NON_ROOT_USER_OPTIONS, type NonRootUserOptions, windowsDefaultUser } from "../../util/user.js";

export default defineRule<DockerfileModel, NonRootUserOptions>({
  meta: {
    id: "require-non-root-user",
    kind: "dockerfile",
    category: "security",
    severity: "error",
    docs: "Require the final image to run as a non-root user.",
    presets: ["recommended", "cis"],
    messages: {
      missingUser:
        "{{stage}} (image \"{{image}}\") never sets USER, so the container runs as root; add `USER <uid>` (e.g. `USER 10001`) after the last step that needs root.",
      missingUserOtherBase:
        "{{stage}} (image \"{{image}}\") never sets USER, so the container runs as the user its base image's config names, root unless it names another (docklint does not pull images); add `USER <uid>` (e.g. `USER 10001`) after the last step that needs root, or list the image in the `nonRootBaseImages` option if it runs as a non-root user.",
      rootUser: "USER \"{{user}}\" makes the container run as root; switch to an unprivileged user (e.g. `USER 10001`) before the end of {{stage}}.",
      missingUserWindows:
        "{{stage}} (Windows image \"{{image}}\") never sets USER, so the container runs as {{whom}}; add `USER ContainerUser` after the last step that needs administrator rights.",
      administratorUser:
        "USER \"{{user}}\" makes the container run as ContainerAdministrator, the administrator of a Windows container; switch to `USER ContainerUser` before the end of {{stage}}.",
    },
    options: NON_ROOT_USER_OPTIONS,
    references: {
      hadolint: ["DL3002"],
      trivy: ["DS-0002"],
      checkov: ["CKV_DOCKER_3", "CKV_DOCKER_8"],
      kics: ["67fd0c4a-68cf-46d7-8c41-bc9fba7e40ae", "fd54f200-402c-4333-a5a4-36ef6709af2f"],
      cis: ["4.1"],
    },
    referencesByMessage: {
      missingUser: { trivy: ["DS-0002"], checkov: ["CKV_DOCKER_3"], kics: ["fd54f200-402c-4333-a5a4-36ef6709af2f"], cis: ["4.1"] },
      missingUserOtherBase: { trivy: ["DS-0002"], checkov: ["CKV_DOCKER_3"], kics: ["fd54f200-402c-4333-a5a4-36ef6709af2f"], cis: ["4.1"] },
      rootUser: { hadolint: ["DL3002"], trivy: ["DS-0002"], checkov: ["CKV_DOCKER_8"], kics: ["67fd0c4a-68cf-46d7-8c41-bc9fba7e40ae"], cis: ["4.1"] },
      missingUserWindows: { trivy: ["DS-0002"], checkov: ["CKV_DOCKER_3"], kics: ["fd54f200-402c-4333-a5a4-36ef6709af2f"], cis: ["4.1"] },
      administratorUser: { cis: ["4.1"] },
    },
  },
  check({ model, options, settings, report }) {
    // A base read from a named build context is whatever that context holds, its user unknown here.
    const isNamedContext = namedContextMatcher(settings);
    // The last stage, and each stage a build targets (`settings.buildTargets`): each is an image.
    for (const stage of imageStages(model, settings)) {
      // Windows has no root: its administrator is ContainerAdministrator, and ContainerUser the fix.
      const windows = isWindowsStage(model, stage);
      const user = effectiveUser(stage);
      if (user) {
        // A user given by a build argument is the builder's deliberate choice; judge only what is known.
        if (user.unresolved.length === 0 && isRootUser(user.value)) {
          report({ messageId: "rootUser", data: { user: user.value, stage: imageStageLabel(stage, false) }, range: user.instruction.argsRange ?? user.instruction.range });
        } else if (user.unresolved.length === 0 && windows && isWindowsAdministrator(user.value)) {
          report({ messageId: "administratorUser", data: { user: user.value, stage: imageStageLabel(stage, false) }, range: user.instruction.argsRange ?? user.instruction.range });
        }
        continue;
      }
      const root = stageRoot(stage);
      if (isNonRootBaseImage(root.resolvedImage, options.nonRootBaseImages)) continue;
      const knownRoot = isRootBaseImage(root.resolvedImage) && !isNamedContext(root.resolvedImage);
      if (windows) {
        const whom = windowsDefaultUser(knownRoot);
        report({ messageId: "missingUserWindows", data: { stage: imageStageLabel(stage, true), image: shownImage(root), whom }, range: stage.from.range });
        continue;
      }
      report({
        messageId: knownRoot ? "missingUser" : "missingUserOtherBase",
        data: { stage: imageStageLabel(stage, true), image: shownImage(root) },
        range: stage.from.range,
      });
    }
  },
});

/**
 * The base image as the build reads it: quotes removed (`FROM "$BASE_IMAGE"` showed as
 * `""$BASE_IMAGE""`), and ARG defaults applied where they are known.
 */
function shownImage(root: Stage): string {
  const resolved = unquote(root.resolvedImage);
  return resolved.includes("$") ? unquote(root.imageText) : resolved;
}
