import type { DockerfileModel } from "../../dockerfile/model.js";
import { defineRule } from "../../rule.js";
import { APT_OPTIONS_WITH_VALUE, APTITUDE_OPTIONS_WITH_VALUE, aptSimulates, type CommandSpec, localVariables, managerCalls, resolveWord } from "./_package-managers.js";

/** One package manager: how its install command is written and what a pinned package looks like. */
interface PinRow extends CommandSpec {
  /** Shown in messages: `apt-get install`. */
  label: (command: string, subcommand: string) => string;
  /** Whether one operand (after variable substitution) names a fixed version. */
  isPinned: (operand: string) => boolean;
  /** How to pin, shown in the message: `curl=<version>`. */
  howToPin: (operand: string) => string;
  messageId: string;
}

/** apt: `pkg=version`, `pkg/release` and local `.deb` files are pinned (hadolint DL3008). */
function aptPinned(operand: string): boolean {
  return operand.includes("=") || operand.includes("/") || operand.endsWith(".deb");
}

/**
 * The table. A later release adds pip (DL3013), npm (DL3016), apk (DL3018), gem (DL3028),
 * yum (DL3033), zypper (DL3037), dnf (DL3041) and go (DL3062) as rows, each with its own
 * messageId mapped in `referencesByMessage`.
 */
const ROWS: readonly PinRow[] = [
  {
    commands: ["apt-get", "apt"],
    subcommands: ["install"],
    optionsWithValue: APT_OPTIONS_WITH_VALUE,
    ignore: aptSimulates,
    label: (command, subcommand) => `${command} ${subcommand}`,
    isPinned: aptPinned,
    howToPin: (operand) => `${operand}=<version>`,
    messageId: "apt",
  },
  {
    commands: ["aptitude"],
    subcommands: ["install"],
    optionsWithValue: APTITUDE_OPTIONS_WITH_VALUE,
    ignore: aptSimulates,
    label: (command, subcommand) => `${command} ${subcommand}`,
    // aptitude also takes `pkg+` / `pkg-` / `pkg&m` action suffixes; a version is still `=`.
    isPinned: aptPinned,
    howToPin: (operand) => `${operand}=<version>`,
    messageId: "apt",
  },
];

export default defineRule<DockerfileModel>({
  meta: {
    id: "require-pinned-packages",
    kind: "dockerfile",
    category: "security",
    severity: "warning",
    docs: "Require OS packages to be installed at a pinned version.",
    presets: ["strict"],
    messages: {
      apt: "`{{command}}` installs \"{{package}}\"{{origin}} without a version, so each build may get a different one; pin it as `{{pinned}}` (`apt-cache policy {{package}}` shows the candidates).",
    },
    references: {
      hadolint: ["DL3008"],
      kics: ["965a08d7-ef86-4f14-8792-4a3b2098937e"],
    },
    referencesByMessage: {
      apt: { hadolint: ["DL3008"], kics: ["965a08d7-ef86-4f14-8792-4a3b2098937e"] },
    },
  },
  check({ model, report }) {
    for (const row of ROWS) {
      for (const call of managerCalls(model, row)) {
        let locals: Set<string> | undefined;
        for (const operand of call.operands) {
          // `curl=${CURL_VERSION}`: pinned whatever the variable holds.
          if (row.isPinned(operand.value)) continue;
          if (operand.hasExpansion) locals ??= localVariables(call.script);
          // An ARG/ENV with a known value is judged by its value; anything else is the builder's choice.
          const values = resolveWord(operand, call.run, locals ?? new Set());
          if (!values) continue;
          for (const value of values) {
            if (value === "" || value.startsWith("-") || row.isPinned(value)) continue;
            report({
              messageId: row.messageId,
              data: {
                command: row.label(call.name.value, call.subcommand.value),
                package: value,
                origin: value === operand.value ? "" : ` (from \`${operand.value}\`)`,
                pinned: row.howToPin(value),
              },
              range: [operand.start, operand.end],
            });
          }
        }
      }
    }
  },
});
