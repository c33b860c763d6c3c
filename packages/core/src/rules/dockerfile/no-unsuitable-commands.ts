import type { DockerfileModel } from "../../dockerfile/model.js";
import { defineRule } from "../../rule.js";
import type { ShellCommand } from "../../shell/types.js";
import { runCommands } from "./_run-commands.js";

interface Options {
  /** More command names to report (base names, case-insensitive). */
  commands: string[];
  /** Command names never reported, default ones included (`["service"]`). */
  allow: string[];
}

const SHOWS_BUILD_STATE = "only shows the state of the throw-away build container, which says nothing about the image or the container that will run it; remove it";
const DAEMONS =
  "starts or stops a daemon inside the build container, where nothing keeps running after this RUN ends and no init system exists; start services from the ENTRYPOINT or CMD, or initialise their data in the foreground";
const EDITOR = "is an interactive editor and a build has no terminal; edit files with `sed`/a heredoc, or COPY them in";

/** hadolint DL3001's list plus the ones KICS adds (`ifconfig`, `nano`), with what is wrong with each. */
const DEFAULT_COMMANDS: ReadonlyMap<string, string> = new Map([
  ["free", SHOWS_BUILD_STATE],
  ["ifconfig", SHOWS_BUILD_STATE],
  ["ps", SHOWS_BUILD_STATE],
  ["top", SHOWS_BUILD_STATE],
  ["kill", "stops a process that an earlier command of this RUN started in the background; build steps should run in the foreground, and services should be started by the ENTRYPOINT or CMD"],
  ["mount", "needs privileges a build does not have, and nothing it mounts is kept in the image; use `RUN --mount=type=bind|cache|tmpfs|secret,…` instead"],
  ["service", DAEMONS],
  ["shutdown", "has no system to shut down in a build container; remove it"],
  ["ssh", "opens a remote session during the build, which needs keys inside the image; fetch what you need with `RUN --mount=type=ssh` and the tool that needs it (git, scp), or COPY it in"],
  ["vim", EDITOR],
  ["nano", EDITOR],
]);

const OTHER = "is listed in this rule's `commands` option; remove it from the RUN";

/** `vim -es`, `vim +PlugInstall +qall`, `vim -c 'x' -c q`: scripted Vim runs without a terminal. */
function scriptedEditor(command: ShellCommand): boolean {
  return command.args.some((arg) => {
    const value = arg.value;
    return value.startsWith("+") || /^-[A-DF-RT-Z]*[ES][A-Z]*$/i.test(value) || value === "-c" || value === "--cmd" || value === "--headless" || value === "--not-a-term" || value === "--version";
  });
}

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "no-unsuitable-commands",
    kind: "dockerfile",
    category: "best-practice",
    severity: "warning",
    docs: "Disallow commands that make no sense in an image build (ps, top, service, kill, mount, ssh, vim, …).",
    presets: ["recommended"],
    messages: {
      unsuitable: "`{{command}}` {{advice}}.",
    },
    options: {
      schema: {
        type: "object",
        properties: {
          commands: { type: "array", items: { type: "string" } },
          allow: { type: "array", items: { type: "string" } },
        },
        additionalProperties: false,
      },
      defaults: { commands: [], allow: [] },
    },
    references: {
      hadolint: ["DL3001"],
      kics: ["9b6b0f38-92a2-41f9-b881-3a1083d99f1b"],
    },
  },
  check({ model, options, report }) {
    const allowed = new Set(options.allow.map((name) => name.toLowerCase()));
    const extra = new Set(options.commands.map((name) => name.toLowerCase()));
    for (const { command, name } of runCommands(model)) {
      if (name === undefined || allowed.has(name) || !command.name) continue;
      const advice = DEFAULT_COMMANDS.get(name) ?? (extra.has(name) ? OTHER : undefined);
      if (advice === undefined) continue;
      if (name === "vim" && scriptedEditor(command)) continue;
      report({ messageId: "unsuitable", data: { command: name, advice }, range: [command.name.start, command.name.end] });
    }
  },
});
