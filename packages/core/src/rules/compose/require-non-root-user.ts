import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";
import { isRootUser, NON_ROOT_USER_OPTIONS, type NonRootUserOptions } from "../../util/user.js";
import { splitOutside } from "../../compose/syntax.js";
import { resolveKeepingUnknown } from "./_a-values.js";

/**
 * Compose's `user:` overrides the image's user. A service without `user:` runs as whatever the
 * image says, which this file alone cannot know, so only a root `user:` is reported here.
 * `nonRootBaseImages` (shared with the Dockerfile rule) matters only for a missing user, which
 * the Compose rule does not report.
 */
export default defineRule<ComposeModel, NonRootUserOptions>({
  meta: {
    id: "require-non-root-user",
    kind: "compose",
    category: "security",
    severity: "error",
    docs: "Require Compose services not to run as root through `user:`.",
    presets: ["recommended", "cis"],
    messages: {
      rootUser:
        "Service `{{service}}` runs as root (`user: {{user}}`), so a compromise of its process is root in the container and one kernel or runtime bug away from root on the host; set an unprivileged uid (e.g. `user: \"10001:10001\"`), or remove `user:` if the image already runs as a non-root user.",
    },
    options: NON_ROOT_USER_OPTIONS,
    references: { cis: ["4.1"] },
  },
  check({ model, report }) {
    for (const service of model.services) {
      const user = service.user;
      if (!user) continue;
      // Only the part before `:` names the user; `root:${GID}` is root whatever the group.
      const name = splitOutside(resolveKeepingUnknown(user.text), ":")[0] ?? "";
      // `user: ${RUN_AS}` without a default: the value is chosen where the file is run.
      if (name.includes("$") || !isRootUser(name)) continue;
      report({ messageId: "rootUser", data: { service: service.name, user: user.text }, range: user.range });
    }
  },
});
