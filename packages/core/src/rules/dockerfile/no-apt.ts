import type { DockerfileModel } from "../../dockerfile/model.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import type { Fix } from "../../types.js";
import { positionalArgs } from "../../shell/helpers.js";
import { APT_OPTIONS_WITH_VALUE, insertAfterWord, programsNamed, replaceWord } from "./_package-managers.js";

/**
 * `apt` subcommands that `apt-get` runs the same way: the fix only renames the program.
 * (`apt` deletes downloaded .deb files after installing and `apt-get` keeps them in
 * /var/cache/apt/archives, unless the image's docker-clean configuration removes them, as the
 * official Debian and Ubuntu images do; what is installed is the same.)
 */
const SAME_IN_APT_GET = new Set([
  "install", "update", "remove", "purge", "autoremove", "dist-upgrade", "clean", "autoclean", "source", "build-dep",
  "download", "changelog", "check",
]);

/** `apt upgrade` may install new dependencies; `apt-get upgrade` holds such packages back unless told `--with-new-pkgs`. */
const UPGRADE = "upgrade";
/** `apt full-upgrade` is `apt-get dist-upgrade`. */
const FULL_UPGRADE = "full-upgrade";

/** `apt` subcommands that read the package cache: `apt-cache` has them. */
const APT_CACHE = new Set(["search", "show", "showsrc", "policy", "depends", "rdepends", "madison", "showpkg", "pkgnames"]);

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-apt",
    kind: "dockerfile",
    category: "best-practice",
    severity: "warning",
    docs: "Disallow `apt` in RUN; use `apt-get` or `apt-cache`, whose interface is stable for scripts.",
    presets: ["recommended"],
    fixable: true,
    hasSuggestions: true,
    messages: {
      aptGet:
        "`{{command}}` runs `apt`, the interactive front end whose output and behaviour may change between releases (it warns \"apt does not have a stable CLI interface. Use with caution in scripts.\"); use `{{replacement}}`.",
      aptCache:
        "`{{command}}` runs `apt`, the interactive front end whose output may change between releases (it warns \"apt does not have a stable CLI interface. Use with caution in scripts.\"); use `{{replacement}}`.",
      other:
        "`{{command}}` runs `apt`, the interactive front end whose output and behaviour may change between releases; use `apt-get` or `apt-cache` (`dpkg-query -W` lists installed packages).",
    },
    references: {
      hadolint: ["DL3027"],
      checkov: ["CKV_DOCKER_9"],
      kics: ["b84a0b47-2e99-4c9f-8933-98bcabe2b94d"],
    },
  },
  check({ model, source, report }) {
    for (const { run, unwrapped: command } of programsNamed(model, ["apt"])) {
      const name = command.name;
      if (!name) continue;
      const subcommand = positionalArgs(command, APT_OPTIONS_WITH_VALUE)[0];
      const sub = subcommand && !subcommand.hasExpansion ? subcommand.value : undefined;
      const label = sub ? `apt ${sub}` : "apt";
      const range: [number, number] = [name.start, name.end];
      const renamed = (program: string) => replaceWord(source, run, name, name.value.replace(/apt$/, program));

      if (sub && subcommand && (SAME_IN_APT_GET.has(sub) || sub === UPGRADE || sub === FULL_UPGRADE)) {
        const edits: (Fix | undefined)[] = [renamed("apt-get")];
        let replacement = `apt-get ${sub}`;
        if (sub === UPGRADE) {
          edits.push(insertAfterWord(source, run, subcommand, "--with-new-pkgs"));
          replacement = "apt-get upgrade --with-new-pkgs";
        } else if (sub === FULL_UPGRADE) {
          edits.push(replaceWord(source, run, subcommand, "dist-upgrade"));
          replacement = "apt-get dist-upgrade";
        }
        const descriptor: ReportDescriptor = { messageId: "aptGet", data: { command: label, replacement }, range };
        const fix = edits.every((edit): edit is Fix => edit !== undefined) ? edits : undefined;
        if (fix) descriptor.fix = fix;
        report(descriptor);
      } else if (sub && APT_CACHE.has(sub)) {
        // A suggestion: scripts that parse `apt show`/`apt search` output may need adjusting.
        const fix = renamed("apt-cache");
        const descriptor: ReportDescriptor = { messageId: "aptCache", data: { command: label, replacement: `apt-cache ${sub}` }, range };
        if (fix) descriptor.suggestions = [{ desc: `Replace \`apt ${sub}\` with \`apt-cache ${sub}\`.`, fix }];
        report(descriptor);
      } else {
        report({ messageId: "other", data: { command: label }, range });
      }
    }
  },
});
