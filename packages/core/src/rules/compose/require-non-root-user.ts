import type { ComposeModel } from "../../compose/model.js";
import { buildUser, serviceBuild } from "../../compose/build.js";
import { defineRule } from "../../rule.js";
import { isNonRootBaseImage, isRootBaseImage, isRootUser, isWindowsAdministrator, NON_ROOT_USER_OPTIONS, type NonRootUserOptions, windowsDefaultUser } from "../../util/user.js";
import { isWindowsStage, namedContextMatcher } from "../../dockerfile/queries.js";
import { splitOutside } from "../../compose/syntax.js";
import { resolveKeepingUnknown } from "./_a-values.js";
import { completesAnotherFile, otherLayerGives } from "./_p-layers.js";
import { hookField, serviceHooks } from "./_c-hooks.js";

/**
 * Compose's `user:` overrides the image's user. Without `user:`, the service runs as its image
 * says: for a pulled image that is unknown here, so only a root `user:` is reported; for a
 * service that builds its image, the Dockerfile (read through the host's reader) says it — the
 * built stage's last USER with the service's `args` applied, else the base image's user, judged
 * by `nonRootBaseImages` as the Dockerfile rule does (not known when an arg that names the image
 * comes from the environment). A Windows image has no root: its administrator is
 * ContainerAdministrator, and ContainerUser the fix, as in the Dockerfile rule.
 * A lifecycle hook's root `user:` is reported too: its command runs as that user, whatever the
 * service's user.
 */
export default defineRule<ComposeModel, NonRootUserOptions>({
  meta: {
    id: "require-non-root-user",
    kind: "compose",
    category: "security",
    severity: "error",
    docs: "Require Compose services and their lifecycle hooks not to run as root, through `user:` or the USER of the Dockerfile they build.",
    presets: ["recommended", "cis"],
    messages: {
      rootUser:
        "Service `{{service}}` runs as root (`user: {{user}}`), so a compromise of its process is root in the container and one kernel or runtime bug away from root on the host; set an unprivileged uid (e.g. `user: \"10001:10001\"`), or remove `user:` if the image already runs as a non-root user.",
      rootOverBuild:
        "Service `{{service}}` runs as root (`user: {{user}}`), overriding `USER {{buildUser}}` of `{{dockerfile}}`, which runs as a non-root user; remove `user:` (or set an unprivileged uid such as `user: \"10001:10001\"`).",
      noUserInBuild:
        "Service `{{service}}` runs as root: it builds `{{dockerfile}}`, whose {{stage}} never sets USER (base image `{{image}}`); add `USER 10001` (after the last step that needs root) to that stage, or set `user: \"10001:10001\"` on the service.",
      noUserInBuildUnknownBase:
        "Service `{{service}}` runs as the user of a base image docklint cannot know: it builds `{{dockerfile}}`, whose {{stage}} never sets USER and builds on `{{image}}`, where the service's `build.args` take {{args}} from the environment docker compose runs in (the shell or `.env`, which docklint does not read); that is root unless the image's config names another user, so add `USER 10001` (after the last step that needs root) to that stage, or set `user: \"10001:10001\"` on the service.",
      noUserInBuildOtherBase:
        "Service `{{service}}` runs as the user of the base image `{{image}}`: it builds `{{dockerfile}}`, whose {{stage}} never sets USER, so that is root unless the image's config names another user (docklint does not pull images); add `USER 10001` (after the last step that needs root) to that stage, set `user: \"10001:10001\"` on the service, or list the image in the `nonRootBaseImages` option if it runs as a non-root user.",
      rootInBuild:
        "Service `{{service}}` runs as root: it builds `{{dockerfile}}`, whose `USER {{user}}` (line {{line}}) is root; switch that USER to an unprivileged uid (e.g. `USER 10001`), or set `user: \"10001:10001\"` on the service.",
      administratorUser:
        "Service `{{service}}` runs as ContainerAdministrator (`user: {{user}}`), the administrator of a Windows container; set `user: ContainerUser`, or remove `user:` if the image already runs as ContainerUser.",
      noUserInBuildWindows:
        "Service `{{service}}` runs as {{whom}}: it builds `{{dockerfile}}`, whose {{stage}} never sets USER (Windows base image `{{image}}`); add `USER ContainerUser` (after the last step that needs administrator rights) to that stage, or set `user: ContainerUser` on the service.",
      administratorInBuild:
        "Service `{{service}}` runs as ContainerAdministrator, the administrator of a Windows container: it builds `{{dockerfile}}`, whose `USER {{user}}` (line {{line}}) makes it so; switch that USER to `ContainerUser`, or set `user: ContainerUser` on the service.",
      rootPreStart:
        "Hook `{{hook}}` runs its container as root (`user: {{user}}`) with the volumes of service `{{service}}`, so a compromise of that step is root in a container that can change them; set an unprivileged uid (e.g. `user: \"10001:10001\"`), or remove `user:` if the hook's image already runs as a non-root user.",
      rootExec:
        "Hook `{{hook}}` runs its command as root (`user: {{user}}`) in the container of service `{{service}}`, so a compromise of that command is root in the container whatever user the service runs as; set an unprivileged uid (e.g. `user: \"10001:10001\"`), or remove `user:` so that it runs as the service's user.",
    },
    options: NON_ROOT_USER_OPTIONS,
    references: { cis: ["4.1"] },
  },
  check({ model, options, filePath, services, report }) {
    for (const service of model.services) {
      for (const hook of serviceHooks(model, service)) {
        const user = hookField(model, hook, "user");
        if (!user || !isRootUserText(String(user.value))) continue;
        const messageId = hook.key === "pre_start" ? "rootPreStart" : "rootExec";
        report({ messageId, data: { hook: hook.name, service: service.name, user: String(user.value) }, range: user.range });
      }
      const user = service.user;
      if (user) {
        if (isWindowsAdministrator(resolveKeepingUnknown(user.text))) {
          // The name is Windows' own; only a Linux Dockerfile built here says it is some other user.
          const build = serviceBuild(model, service, services);
          if (build.status !== "ok" || isWindowsStage(build.model, build.stage)) {
            report({ messageId: "administratorUser", data: { service: service.name, user: user.text }, range: user.range });
          }
          continue;
        }
        if (!isRootUserText(user.text)) continue;
        const build = serviceBuild(model, service, services);
        const built = build.status === "ok" ? buildUser(build) : undefined;
        if (build.status === "ok" && built?.kind === "set" && built.unresolved.length === 0 && !isRootUser(built.value)) {
          report({ messageId: "rootOverBuild", data: { service: service.name, user: user.text, buildUser: built.value, dockerfile: build.dockerfile }, range: user.range });
        } else report({ messageId: "rootUser", data: { service: service.name, user: user.text }, range: user.range });
        continue;
      }
      // Another layer of the project that sets `user` decides it (a root one is reported there).
      if (completesAnotherFile(service, filePath) || otherLayerGives(model, service, (other, kept) => kept(["user"]) && (other.user?.value ?? null) !== null)) continue;
      const build = serviceBuild(model, service, services);
      if (build.status !== "ok") continue;
      const built = buildUser(build);
      const stage = build.stage.name === undefined ? (build.stage.isLast ? "final stage" : `stage ${build.stage.index}`) : `stage \`${build.stage.name}\``;
      const windows = isWindowsStage(build.model, build.stage);
      if (built.kind === "set") {
        // A user given by a build argument Compose does not set is the builder's choice.
        if (built.unresolved.length > 0) continue;
        const data = { service: service.name, dockerfile: build.dockerfile, user: built.value, line: built.instruction.line };
        if (isRootUser(built.value)) report({ messageId: "rootInBuild", data, range: service.keyRange });
        else if (windows && isWindowsAdministrator(built.value)) report({ messageId: "administratorInBuild", data, range: service.keyRange });
        continue;
      }
      if (isNonRootBaseImage(built.image, options.nonRootBaseImages)) continue;
      // A base read from one of the build's `additional_contexts` is whatever that context holds.
      const knownRoot = isRootBaseImage(built.image) && !namedContextMatcher({ buildContexts: build.contexts })(built.image);
      if (windows) {
        const whom = windowsDefaultUser(knownRoot);
        report({ messageId: "noUserInBuildWindows", data: { service: service.name, dockerfile: build.dockerfile, stage, image: built.image, whom }, range: service.keyRange });
        continue;
      }
      if (built.fromEnvironment.length > 0) {
        // The base is chosen where the project is run, not by the ARG's default (cypress-docker-images
        // builds `FROM ${BASE_IMAGE}` with `args: {BASE_IMAGE: ${BASE_IMAGE}}` and sets it in `.env`):
        // hedged, as the Dockerfile rule is for a FROM from an ARG without default.
        const args = built.fromEnvironment.map((name) => `\`${name}\``).join(", ");
        report({ messageId: "noUserInBuildUnknownBase", data: { service: service.name, dockerfile: build.dockerfile, stage, image: built.image, args }, range: service.keyRange });
        continue;
      }
      report({ messageId: knownRoot ? "noUserInBuild" : "noUserInBuildOtherBase", data: { service: service.name, dockerfile: build.dockerfile, stage, image: built.image }, range: service.keyRange });
    }
  },
});

/** A Compose `user:` (a service's or a hook's) that is root once interpolated with the file's defaults. */
function isRootUserText(text: string): boolean {
  // Only the part before `:` names the user; `root:${GID}` is root whatever the group.
  const name = splitOutside(resolveKeepingUnknown(text), ":")[0] ?? "";
  // `user: ${RUN_AS}` without a default: the value is chosen where the file is run.
  return !name.includes("$") && isRootUser(name);
}
