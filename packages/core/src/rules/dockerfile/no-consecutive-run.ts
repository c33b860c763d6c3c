import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { imageStages, stageChain } from "../../dockerfile/queries.js";
import { defineRule, type ReportDescriptor, type Settings } from "../../rule.js";
import type { SourceText } from "../../source.js";
import type { Fix } from "../../types.js";

interface Options {
  /** Also judge stages whose layers do not end up in the final image (hadolint does). */
  allStages: boolean;
  /** Also report consecutive COPY/ADD into the same destination (KICS does). */
  copy: boolean;
}

/** The flags of an instruction as a comparable key (order does not matter: `--mount=a --network=b`). */
function flagsKey(source: SourceText, instruction: Instruction): string {
  return instruction.flags
    .map((flag) => source.text.slice(flag.range[0], flag.range[1]))
    .sort()
    .join(" ");
}

/**
 * The number of simple commands of a RUN, or undefined when it cannot be merged as shell text
 * (a script for python or PowerShell, or a SHELL that is not POSIX, such as cmd on Windows images).
 */
function commandCount(model: DockerfileModel, run: Instruction): number | undefined {
  const shell = model.shellOf(run);
  if (shell.scripts.some((s) => s.foreign)) return undefined;
  // The `<<EOF` line of a heredoc RUN is a redirection, not a command.
  return shell.commands.filter((c) => c.name !== undefined || c.assignments.length > 0).length;
}

/** `RUN a` + `RUN b` → `RUN a && \⏎    b`, when both are plain one-line-or-continued shell form. */
function mergeRuns(model: DockerfileModel, source: SourceText, first: Instruction, second: Instruction): Fix | undefined {
  if (first.form !== "shell" || second.form !== "shell" || first.heredocs.length > 0 || second.heredocs.length > 0) return undefined;
  const firstEnd = first.argsRange?.[1];
  const secondStart = second.args[0]?.range[0];
  if (firstEnd === undefined || secondStart === undefined) return undefined;
  const script = model.shellOf(first).scripts[0]?.script;
  // A trailing shell comment would swallow the joined command; a trailing `;`/`&` makes `&&` a syntax error.
  if (!script || script.errors.length > 0 || script.script.includes("#") || /[;&|]\s*$/.test(script.script)) return undefined;
  // Comments or blank lines between the two would end up inside the continued RUN.
  if (source.text.slice(firstEnd, second.range[0]).trim() !== "") return undefined;
  return { range: [firstEnd, secondStart], text: ` && ${model.escapeChar}\n    ` };
}

/** A destination as several sources need it, ending with a separator (`\\` in a Windows path written with them). */
function asDirectory(dest: string): string {
  if (dest.endsWith("/") || dest.endsWith("\\")) return dest;
  return dest.includes("\\") && !dest.includes("/") ? `${dest}\\` : `${dest}/`;
}

/** `COPY a ./` + `COPY b ./` → `COPY a b ./`, when the destination is certainly a directory. */
function mergeCopies(source: SourceText, first: Instruction, second: Instruction, dest: string): Fix[] | undefined {
  if (first.form === "exec" || second.form === "exec" || !dest.endsWith("/")) return undefined;
  const firstDest = first.args.at(-1);
  const secondSources = second.args.slice(0, -1);
  const from = secondSources[0]?.range[0];
  const to = secondSources.at(-1)?.range[1];
  if (!firstDest || from === undefined || to === undefined) return undefined;
  if (source.text.slice(first.range[1], second.range[0]).trim() !== "") return undefined;
  return [
    { range: [firstDest.range[0], firstDest.range[0]], text: `${source.text.slice(from, to)} ` },
    { range: [first.range[1], second.range[1]], text: "" },
  ];
}

function destinationOf(instruction: Instruction): string | undefined {
  if (instruction.heredocs.length > 0) return undefined;
  const words = instruction.form === "exec" ? instruction.execArgs : instruction.args;
  if (!words || words.length < 2) return undefined;
  return words.at(-1)?.value;
}

/**
 * Instructions of the stages whose layers are an image's: the last stage, each build target
 * (`settings.buildTargets`), and the stages they are built FROM, each once, in file order.
 */
function judgedInstructionLists(model: DockerfileModel, allStages: boolean, settings: Settings): Instruction[][] {
  // A file without FROM (a fragment, or hadolint's test inputs) is judged as one stage.
  if (model.stages.length === 0) return [model.instructions];
  if (allStages) return model.stages.map((stage) => stage.instructions);
  const layered = new Set(imageStages(model, settings).flatMap((image) => stageChain(image)));
  return model.stages.filter((stage) => layered.has(stage)).map((stage) => stage.instructions);
}

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "no-consecutive-run",
    kind: "dockerfile",
    category: "maintainability",
    severity: "info",
    docs: "Disallow consecutive single-command RUNs (and COPY/ADD into the same destination) that could be one layer.",
    presets: [],
    hasSuggestions: true,
    messages: {
      run: "This RUN and the RUN at line {{line}} each run one command with the same flags; join them with `&&` in one RUN so the image has one layer fewer.",
      copy: "This {{keyword}} copies into `{{dest}}` like the {{keyword}} at line {{line}}; list all sources in one `{{keyword}} … {{directory}}` so the image has one layer fewer.",
    },
    options: {
      schema: {
        type: "object",
        properties: { allStages: { type: "boolean" }, copy: { type: "boolean" } },
        additionalProperties: false,
      },
      defaults: { allStages: false, copy: true },
    },
    references: {
      hadolint: ["DL3059"],
      kics: ["0008c003-79aa-42d8-95b8-1c2fe37dbfe6"],
    },
    referencesByMessage: {
      run: { hadolint: ["DL3059"], kics: ["0008c003-79aa-42d8-95b8-1c2fe37dbfe6"] },
      copy: { kics: ["0008c003-79aa-42d8-95b8-1c2fe37dbfe6"] },
    },
  },
  check({ model, source, options, settings, report }) {
    for (const instructions of judgedInstructionLists(model, options.allStages, settings)) {
      let previous: Instruction | undefined;
      for (const instruction of instructions) {
        const before = previous;
        previous = instruction;
        if (!before) continue;
        // Two `ONBUILD RUN`s in a row add two layers to every child image.
        const first = before.keyword === "ONBUILD" ? before.trigger : before;
        const second = instruction.keyword === "ONBUILD" ? instruction.trigger : instruction;
        if (!first || !second || first.keyword !== second.keyword || (before.keyword === "ONBUILD") !== (instruction.keyword === "ONBUILD")) continue;
        if (flagsKey(source, first) !== flagsKey(source, second)) continue;

        if (second.keyword === "RUN") {
          // hadolint's DL3059: only when neither RUN already chains commands (`RUN a && b` + `RUN c` is deliberate).
          const a = commandCount(model, first);
          const b = commandCount(model, second);
          if (a === undefined || b === undefined || a > 1 || b > 1) continue;
          const descriptor: ReportDescriptor = { messageId: "run", data: { line: first.line }, range: second.keywordRange };
          const fix = mergeRuns(model, source, first, second);
          if (fix) descriptor.suggestions = [{ desc: "Join the two RUNs with `&&` (check that no `cd` or variable of the first is relied on)", fix }];
          report(descriptor);
        } else if (options.copy && (second.keyword === "COPY" || second.keyword === "ADD")) {
          const dest = destinationOf(second);
          if (dest === undefined || dest !== destinationOf(first)) continue;
          const descriptor: ReportDescriptor = {
            messageId: "copy",
            // Several sources need a destination that ends with `/` (the Dockerfile reference; the
            // classic builder refuses the instruction without it).
            data: { keyword: second.keyword, dest, directory: asDirectory(dest), line: first.line },
            range: second.keywordRange,
          };
          const fix = mergeCopies(source, first, second, dest);
          if (fix) descriptor.suggestions = [{ desc: `Move the sources into the ${second.keyword} at line ${first.line}`, fix }];
          report(descriptor);
        }
      }
    }
  },
});
