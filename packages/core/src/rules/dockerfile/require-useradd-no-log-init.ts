import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { parseOptions } from "../../shell/helpers.js";
import type { ShellCommand, ShellWord } from "../../shell/types.js";
import type { SourceText } from "../../source.js";
import { programsNamed } from "./_package-managers.js";
import { USERADD_WITH_VALUE } from "./_users.js";

interface Options {
  /** The smallest uid reported (lastlog needs about 292 bytes per uid below the user's). */
  minUid: number;
}

/** The edit that adds `--no-log-init` after the command name, when the name is written plainly in the file. */
function fixFor(run: Instruction, command: ShellCommand, source: SourceText): ReportDescriptor["fix"] {
  const name = command.name;
  if (!name) return undefined;
  const written = source.slice([name.start, name.end]);
  if (written === name.value) return { range: [name.end, name.end], text: " --no-log-init" };
  // Exec form: `["useradd", "-u", "100000", "app"]`.
  if (run.form === "exec" && run.execArgs?.some((a) => a.range[0] === name.start && a.range[1] === name.end)) {
    return { range: [name.end, name.end], text: ', "--no-log-init"' };
  }
  return undefined;
}

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "require-useradd-no-log-init",
    kind: "dockerfile",
    category: "best-practice",
    severity: "warning",
    docs: "Require `useradd --no-log-init` (`-l`) when creating a user with a large uid.",
    presets: ["recommended"],
    fixable: true,
    messages: {
      largeUid:
        "`useradd` with uid {{uid}} and without `--no-log-init` writes the user's entry into /var/log/lastlog and /var/log/faillog at an offset of uid × record size, and the layer stores those sparse files in full (about {{size}}); add `--no-log-init` (`-l`).",
      variableUid:
        "`useradd` takes its uid from {{uid}}, which the build may set to a large value, and without `--no-log-init` writes sparse /var/log/lastlog and /var/log/faillog files that the layer stores in full (hundreds of MB for uids in the millions); add `--no-log-init` (`-l`).",
    },
    options: {
      schema: {
        type: "object",
        properties: { minUid: { type: "integer", minimum: 0 } },
        additionalProperties: false,
      },
      defaults: { minUid: 100000 },
    },
    references: { hadolint: ["DL3046"] },
  },
  check({ model, source, options, report }) {
    // The file's useradd calls, from the index of its programs: not a walk of every command.
    for (const { run, unwrapped: command } of programsNamed(model, ["useradd"])) {
      const parsed = parseOptions(command, { withValue: USERADD_WITH_VALUE });
      if (parsed.options.some((o) => o.name === "-l" || o.name === "--no-log-init")) continue;
      const uid: ShellWord | undefined = parsed.options.filter((o) => o.name === "-u" || o.name === "--uid").at(-1)?.value;
      if (!uid) continue;
      const fix = fixFor(run, command, source);
      const range: [number, number] = [uid.start, uid.end];
      const expanded = run.scope.expand(uid.value);
      if (expanded.unresolved.length > 0 || /[$`]/.test(expanded.value)) {
        report({ messageId: "variableUid", data: { uid: uid.value }, range, ...(fix ? { fix } : {}) });
        continue;
      }
      if (!/^\d+$/.test(expanded.value)) continue;
      const value = Number(expanded.value);
      if (value < options.minUid) continue;
      const megabytes = Math.round((value * (292 + 32)) / 1e6);
      report({
        messageId: "largeUid",
        data: { uid: expanded.value, size: megabytes >= 1 ? `${megabytes} MB` : "1 MB" },
        range,
        ...(fix ? { fix } : {}),
      });
    }
  },
});
