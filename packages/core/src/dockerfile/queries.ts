import type { DockerfileModel, Instruction, Stage } from "./model.js";

export const DEFAULT_SHELL: readonly string[] = ["/bin/sh", "-c"];
export const WINDOWS_SHELL: readonly string[] = ["cmd", "/S", "/C"];

/** Windows base images (servercore, nanoserver, windows): their default shell is cmd, not /bin/sh. */
export function isWindowsStage(stage: Stage | undefined): boolean {
  const root = stage ? stageChain(stage).at(-1) : undefined;
  const image = root?.resolvedImage.toLowerCase() ?? "";
  return /(^|[/:_-])(windows|servercore|nanoserver|windowsservercore)([/:_-]|$)/.test(image) || image.startsWith("mcr.microsoft.com/windows");
}

/** The stage and the local stages it builds on, nearest first. Cycles cannot happen: a parent is always earlier. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s; s = s.parent) chain.push(s);
  return chain;
}

/**
 * The last instruction with this keyword that is in force at the end of a stage, looking
 * through the stages it builds on (USER, WORKDIR, SHELL, HEALTHCHECK are inherited).
 */
export function lastInherited(stage: Stage, keyword: string): Instruction | undefined {
  for (const s of stageChain(stage)) {
    for (let i = s.instructions.length - 1; i >= 0; i--) {
      const instruction = s.instructions[i];
      if (instruction?.keyword === keyword) return instruction;
    }
  }
  return undefined;
}

/** The last instruction with this keyword before `instruction`, in its stage or the stages it builds on. */
export function lastBefore(instruction: Instruction, keyword: string): Instruction | undefined {
  const stage = instruction.stage;
  if (!stage) return undefined;
  // An ONBUILD trigger sits where its ONBUILD does.
  const position = stage.instructions.indexOf(instruction.onbuild ?? instruction);
  for (let i = position - 1; i >= 0; i--) {
    const candidate = stage.instructions[i];
    if (candidate?.keyword === keyword) return candidate;
  }
  return stage.parent ? lastInherited(stage.parent, keyword) : undefined;
}

/**
 * The SHELL in force for an instruction, as exec-form words. An ONBUILD trigger runs in the
 * child image, which inherits the SHELL in force at the end of this stage.
 */
export function effectiveShell(instruction: Instruction): readonly string[] {
  const stage = instruction.stage;
  const shell = instruction.onbuild ? (stage ? lastInherited(stage, "SHELL") : undefined) : lastBefore(instruction, "SHELL");
  const words = shell?.execArgs?.map((a) => a.value);
  if (words && words.length > 0) return words;
  return isWindowsStage(stage) ? WINDOWS_SHELL : DEFAULT_SHELL;
}

/** The user the stage's processes run as at its end, expanded with the scope at that USER. */
export function effectiveUser(stage: Stage): { instruction: Instruction; value: string; unresolved: string[] } | undefined {
  const user = lastInherited(stage, "USER");
  if (!user) return undefined;
  const expanded = user.scope.expand(user.argsText.trim());
  return { instruction: user, value: expanded.value, unresolved: expanded.unresolved };
}

export function finalStage(model: DockerfileModel): Stage | undefined {
  return model.stages.at(-1);
}

/**
 * Every instruction, with the trigger of each `ONBUILD` in place right after it, for rules
 * that judge the instruction whether it runs now or in a child image.
 */
export function* withTriggers(instructions: Iterable<Instruction>): Generator<Instruction> {
  for (const instruction of instructions) {
    yield instruction;
    if (instruction.trigger) yield instruction.trigger;
  }
}

/** Every RUN, including `ONBUILD RUN`. */
export function* runInstructions(model: DockerfileModel): Generator<Instruction> {
  for (const instruction of withTriggers(model.instructions)) {
    if (instruction.keyword === "RUN") yield instruction;
  }
}

/** A stage whose result ends up in the image that is built by default (the last one) or feeds it. */
export function isShipped(stage: Stage | undefined): boolean {
  return stage === undefined || stage.isLast || stage.usedByLaterStage;
}
