import type { DockerfileModel, Instruction, Stage } from "./model.js";
import type { Settings } from "../rule.js";
import { RecentCache } from "../util/recent-cache.js";
import { familiarName, parseImageReference } from "../image/reference.js";
import { unquote } from "./parse.js";
import { StageCache } from "./instruction-cache.js";
import { cleanPath } from "../util/posix-path.js";

export const DEFAULT_SHELL: readonly string[] = ["/bin/sh", "-c"];
export const WINDOWS_SHELL: readonly string[] = ["cmd", "/S", "/C"];

/** Built on a Windows base image (servercore, nanoserver, windows): its default shell is cmd, not /bin/sh. */
function hasWindowsBaseImage(stage: Stage | undefined): boolean {
  const image = stage ? stageRoot(stage).resolvedImage.toLowerCase() : "";
  return /(?:^|[/:_@-])(?:windows|servercore|nanoserver|windowsservercore)(?:[/:_@-]|$)/.test(image) || image.startsWith("mcr.microsoft.com/windows");
}

/**
 * A stage of a Windows image: a Windows base image, or, for a base named by a build argument or
 * an unknown image, the signs a Windows Dockerfile carries (a cmd or PowerShell SHELL in force at
 * the stage's end, the backtick escape directive). Windows containers have no uids and no root:
 * their administrator is ContainerAdministrator, their unprivileged user ContainerUser.
 */
export function isWindowsStage(model: DockerfileModel, stage: Stage): boolean {
  if (hasWindowsBaseImage(stage) || model.escapeChar === "`") return true;
  const shell = lastInherited(stage, "SHELL")?.execArgs?.[0]?.value ?? "";
  return /^(?:cmd|powershell|pwsh)(?:\.exe)?$/i.test(shell.replace(/^.*[\\/]/, ""));
}

/**
 * The root of the stage's chain: the stage whose FROM names an image (or scratch). Remembered for
 * every stage on the way up: rules ask at every RUN, and a walk up a chain of thousands of stages
 * (`FROM s1 AS s2`, `FROM s2 AS s3`, …) for each made a lint quadratic.
 */
export function stageRoot(stage: Stage): Stage {
  const passed: Stage[] = [];
  let root: Stage = stage;
  for (;;) {
    const known = rootCache.get(root);
    if (known) {
      root = known;
      break;
    }
    passed.push(root);
    if (!root.parent) break;
    root = root.parent;
  }
  for (const s of passed) rootCache.set(s, root);
  return root;
}

const rootCache = new StageCache<Stage>();

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
  // Up the chain to a stage with the keyword or a known answer, which every stage passed shares
  // (as stageRoot: asked at every RUN of a long chain, the walk made the lint quadratic).
  const passed: Stage[] = [];
  let found: Instruction | null = null;
  for (let s: Stage | undefined = stage; s; s = s.parent) {
    const known = inheritedCache.get(s)?.get(keyword);
    if (known !== undefined) {
      found = known;
      break;
    }
    passed.push(s);
    const own = lastKeywordTable(s, keyword)[s.instructions.length] ?? -1;
    if (own >= 0) {
      found = s.instructions[own] ?? null;
      break;
    }
  }
  for (const s of passed) {
    let byKeyword = inheritedCache.get(s);
    if (!byKeyword) inheritedCache.set(s, (byKeyword = new Map()));
    byKeyword.set(keyword, found);
  }
  return found ?? undefined;
}

/** Per stage and keyword, lastInherited's answer (null: none). */
const inheritedCache = new StageCache<Map<string, Instruction | null>>();

/** The last instruction with this keyword before `instruction`, in its stage or the stages it builds on. */
export function lastBefore(instruction: Instruction, keyword: string): Instruction | undefined {
  const stage = instruction.stage;
  if (!stage) return undefined;
  const table = lastKeywordTable(stage, keyword);
  // Most stages have no SHELL (or other keyword asked for) at all: then the instruction's place
  // in the stage does not matter, and its binary search was a tenth of analyseRun's time (profile
  // of the RUNs of the corpus).
  if ((table[stage.instructions.length] ?? -1) >= 0) {
    // An ONBUILD trigger sits where its ONBUILD does.
    const position = positionInStage(stage, instruction.onbuild ?? instruction);
    const found = position > 0 ? table[position] : -1;
    if (found !== undefined && found >= 0) return stage.instructions[found];
  }
  return stage.parent ? lastInherited(stage.parent, keyword) : undefined;
}

/**
 * The last instruction with this keyword before `instruction` in its own stage (not the stages
 * it builds on). An ONBUILD trigger sits where its ONBUILD does.
 */
export function lastInStageBefore(instruction: Instruction, keyword: string): Instruction | undefined {
  const stage = instruction.stage;
  if (!stage) return undefined;
  const position = positionInStage(stage, instruction.onbuild ?? instruction);
  const found = position > 0 ? (lastKeywordTable(stage, keyword)[position] ?? -1) : -1;
  return found >= 0 ? stage.instructions[found] : undefined;
}

/** The last `ONBUILD <keyword>` before `instruction` in its own stage; a trigger sits where its ONBUILD does. */
export function lastTriggerInStageBefore(instruction: Instruction, keyword: string): Instruction | undefined {
  const stage = instruction.stage;
  if (!stage) return undefined;
  const position = positionInStage(stage, instruction.onbuild ?? instruction);
  const found = position > 0 ? (lastKeywordTable(stage, `ONBUILD ${keyword}`)[position] ?? -1) : -1;
  return found >= 0 ? stage.instructions[found] : undefined;
}

/** Where an instruction is in its stage (-1 when it is not there, as FROM): instructions are in file order, so by `index`. */
function positionInStage(stage: Stage, instruction: Instruction): number {
  const list = stage.instructions;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const candidate = list[mid];
    if (candidate === undefined) break;
    if (candidate.index < instruction.index) low = mid + 1;
    else if (candidate.index > instruction.index) high = mid - 1;
    else return candidate === instruction ? mid : -1;
  }
  return -1;
}

const keywordTables = new StageCache<Map<string, Int32Array>>();

/**
 * For each position in the stage, the position of the last instruction with `keyword` before
 * it (-1 for none); the last entry is the stage's last such instruction. `ONBUILD <keyword>`
 * matches the ONBUILDs whose trigger has that keyword. Built once per stage and keyword: rules
 * ask for the SHELL or WORKDIR in force at every RUN, and a backward scan for each would make
 * a long stage quadratic.
 */
function lastKeywordTable(stage: Stage, keyword: string): Int32Array {
  let byKeyword = keywordTables.get(stage);
  if (!byKeyword) keywordTables.set(stage, (byKeyword = new Map()));
  let table = byKeyword.get(keyword);
  if (!table) {
    table = new Int32Array(stage.instructions.length + 1);
    const triggerKeyword = keyword.startsWith("ONBUILD ") ? keyword.slice("ONBUILD ".length) : undefined;
    let last = -1;
    for (let i = 0; i < stage.instructions.length; i++) {
      table[i] = last;
      const instruction = stage.instructions[i];
      if (triggerKeyword === undefined ? instruction?.keyword === keyword : instruction?.trigger?.keyword === triggerKeyword) last = i;
    }
    table[stage.instructions.length] = last;
    byKeyword.set(keyword, table);
  }
  return table;
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
  return hasWindowsBaseImage(stage) ? WINDOWS_SHELL : DEFAULT_SHELL;
}

export interface UserInForce {
  instruction: Instruction;
  value: string;
  unresolved: string[];
}

/** The user the stage's processes run as at its end, expanded with the scope at that USER. */
export function effectiveUser(stage: Stage): UserInForce | undefined {
  return userOf(lastInherited(stage, "USER"));
}

/** The user an instruction (a RUN) runs as: the last USER before it, in its stage or those it builds on. */
export function userBefore(instruction: Instruction): UserInForce | undefined {
  return userOf(lastBefore(instruction, "USER"));
}

function userOf(user: Instruction | undefined): UserInForce | undefined {
  if (!user) return undefined;
  const expanded = user.scope.expand(user.argsText.trim());
  // The build removes the quotes of the word (`USER "$UID:$GID"` runs as `0:0`).
  return { instruction: user, value: unquote(expanded.value), unresolved: expanded.unresolved };
}

/**
 * The working directory an instruction runs in, as far as the Dockerfile shows it: `/`, then
 * each WORKDIR from the root stage of its chain down to it (relative ones joined to the one
 * before). Undefined when a WORKDIR's value is not known (an unresolved variable). A WORKDIR the
 * base image sets is not known here.
 */
export function workdirBefore(instruction: Instruction): string | undefined {
  const stage = instruction.stage;
  if (!stage) return undefined;
  let workdir = "/";
  for (const s of stageChain(stage).reverse()) {
    for (const candidate of s.instructions) {
      if (candidate === instruction) break;
      if (candidate.keyword !== "WORKDIR") continue;
      const expanded = candidate.scope.expand(candidate.argsText.trim());
      if (expanded.unresolved.length > 0) return undefined;
      workdir = cleanPath(expanded.value.startsWith("/") ? expanded.value : `${workdir}/${expanded.value}`);
    }
  }
  return workdir;
}

export function finalStage(model: DockerfileModel): Stage | undefined {
  return model.stages.at(-1);
}

/** The stage names `settings.buildTargets` gives, lower-cased as BuildKit matches `--target`. */
export function buildTargetNames(settings: Settings): readonly string[] {
  const targets = settings.buildTargets;
  if (!Array.isArray(targets)) return [];
  return targets.flatMap((target: unknown) => (typeof target === "string" && target.trim() !== "" ? [target.trim().toLowerCase()] : []));
}

/**
 * Whether a FROM image or a `--from` value names a named build context of `settings.buildContexts`
 * (or of `extra`, a rule's own list). BuildKit looks a name up as a normalized reference without
 * `:latest`, so `FROM base`, `FROM base:latest` and `FROM docker.io/library/base` all read the
 * context `base`, and `alpine:3.20` only `FROM alpine:3.20`.
 */
export function namedContextMatcher(settings: Settings, extra: readonly string[] = []): (name: string) => boolean {
  const given = Array.isArray(settings.buildContexts) ? (settings.buildContexts as readonly unknown[]) : [];
  const names = new Set<string>();
  for (const name of [...given, ...extra]) if (typeof name === "string" && name.trim() !== "") names.add(contextKey(name.trim()));
  if (names.size === 0) return () => false;
  return (name) => names.has(contextKey(name.trim()));
}

function contextKey(name: string): string {
  const ref = parseImageReference(name);
  if (!ref || ref.hasVariables || ref.problems.length > 0) return name.toLowerCase();
  const tag = ref.tag === undefined || ref.tag === "latest" ? "" : `:${ref.tag}`;
  return `${familiarName(ref)}${tag}${ref.digest === undefined ? "" : `@${ref.digest}`}`;
}

/**
 * The stages that builds make images of, in file order: each stage `settings.buildTargets` names
 * (a name no stage has is the Compose file's finding, not this file's) and the last stage, which a
 * plain `docker build` makes and which is judged whatever targets a Compose file names.
 */
export function imageStages(model: DockerfileModel, settings: Settings): readonly Stage[] {
  const last = model.stages.at(-1);
  const targets = buildTargetNames(settings);
  if (targets.length === 0) return last ? [last] : [];
  const stages = new Set<Stage>();
  for (const name of targets) {
    const stage = model.stageByName.get(name);
    if (stage && stage !== last) stages.add(stage);
  }
  const ordered = [...stages].sort((a, b) => a.index - b.index);
  if (last) ordered.push(last);
  return ordered;
}

/** How a message names a stage that is built as an image: the last one, or a build target. */
export function imageStageLabel(stage: Stage, capitalized: boolean): string {
  if (stage.isLast) return capitalized ? "The final stage" : "the final stage";
  return `${capitalized ? "The" : "the"} build target \`${stage.name ?? stage.index}\``;
}

/**
 * Every instruction, with the trigger of each `ONBUILD` in place right after it, for rules
 * that judge the instruction whether it runs now or in a child image. For a stage's own
 * instructions, `stageWithTriggers` (one list per stage, not one of a few shared slots).
 */
export function withTriggers(instructions: Iterable<Instruction>): readonly Instruction[] {
  // An array rather than a generator, made once per instruction list (a model's, mostly):
  // dozens of rules walk the instructions of every file, and a copy per rule of a 100k-line
  // file's list was garbage enough to make its lint superlinear (10k → 100k lines: 13.6× the time).
  return Array.isArray(instructions) ? triggersCache.lookup(instructions as readonly Instruction[], listWithTriggers) : listWithTriggers(instructions);
}

function listWithTriggers(instructions: Iterable<Instruction>): Instruction[] {
  const out: Instruction[] = [];
  for (const instruction of instructions) {
    out.push(instruction);
    if (instruction.trigger) out.push(instruction.trigger);
  }
  return out;
}

/** Keyed by the few instruction lists of a model (its own and its stages'), not by instruction. */
const triggersCache = new RecentCache<readonly Instruction[], readonly Instruction[]>(16);

/**
 * A stage's instructions with their triggers, as `withTriggers` gives them, kept per stage: rules
 * that walk every stage's list through `withTriggers` filled its few slots on a file of more than
 * a dozen stages, and evicted the model's own list, which the next rules then copied again.
 */
export function stageWithTriggers(stage: Stage): readonly Instruction[] {
  return stageTriggersCache.lookup(stage, (s) => listWithTriggers(s.instructions));
}

const stageTriggersCache = new StageCache<readonly Instruction[]>();

/** The RUNs of the file being linted: rules run one file at a time (see util/recent-cache.ts). */
const runsOfModel = new RecentCache<DockerfileModel, readonly Instruction[]>(1);

/** Every RUN, including `ONBUILD RUN`; computed once per model, as most rules ask for it. */
export function runInstructions(model: DockerfileModel): readonly Instruction[] {
  return runsOfModel.lookup(model, (m) => withTriggers(m.instructions).filter((instruction) => instruction.keyword === "RUN"));
}
