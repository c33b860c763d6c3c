/**
 * Shared by the stage rules (no-undefined-stage, no-copy-from-self, no-copy-from-index,
 * no-copy-entire-filesystem): every place a Dockerfile names another stage — `COPY --from=X`
 * and `RUN --mount=…,from=X` — with the value's position, and what X resolves to the way
 * the build resolves it.
 *
 * Resolution (BuildKit `dockerfile2llb`): a value that is all digits is a stage index; any
 * other value is first looked up among the stage names (case-insensitively), and only when
 * no stage has that name is it an image reference. Variables are not expanded there: BuildKit
 * rejects `COPY --from=${X}` ("variable expansion is not supported for --from") and
 * `--mount=from=${X}` ("'from' doesn't support variable expansion, define alias stage instead").
 */
import type { DockerfileModel, Instruction, InstructionFlag, Stage } from "../../dockerfile/model.js";
import { unquote } from "../../dockerfile/parse.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { isScratch } from "../../image/reference.js";
import type { OffsetRange, SourceText } from "../../source.js";
import { nearest } from "../../util/suggest-name.js";
import { partitionPoint } from "../../util/partition-point.js";
import { RecentCache } from "../../util/recent-cache.js";
import { appendTo } from "../../util/append-to.js";

/** One `--from` reference of a COPY or a RUN mount. */
export interface StageReference {
  instruction: Instruction;
  /** `COPY --from` or `RUN --mount from=`. */
  kind: "copy" | "mount";
  flag: InstructionFlag;
  /** The value as written (`${BUILDER}`, `"build"`); undefined for a bare `--from`. */
  written: string | undefined;
  /** Quotes removed. */
  value: string;
  /** The value uses a variable (`$X`, `${X}`), which the build does not expand in `--from`. */
  variable: boolean;
  /** Where the value is written; the whole flag when it cannot be located exactly. */
  range: OffsetRange;
  /** true when `range` covers exactly `written`, so a fix may replace it. */
  exact: boolean;
}

export type Resolution =
  /** An earlier stage: the normal case. */
  | { kind: "stage"; stage: Stage; byIndex: boolean }
  /** The stage the instruction is in. */
  | { kind: "self"; stage: Stage; byIndex: boolean }
  /** A stage defined after the instruction. */
  | { kind: "later"; stage: Stage; byIndex: boolean }
  /** A stage index with no stage. */
  | { kind: "noSuchIndex"; index: number }
  /** A name no stage has and that cannot be an image reference with a registry, tag or digest. */
  | { kind: "missing" }
  /** An image reference (it holds `/`, `:`, `@` or `.`). */
  | { kind: "image" }
  /** No value (`--from` without `=`, or `from=` empty). */
  | { kind: "empty" }
  /** A variable: the build fails. */
  | { kind: "variable" }
  /** Cannot be judged here: an ONBUILD trigger, whose stages are the child's. */
  | { kind: "unknown" };

/** Characters that only an image reference has: a registry (`.`, `:`), a path (`/`), a tag (`:`) or a digest (`@`). */
const IMAGE_CHARS = /[/:@.]/;

/** The value as written, for messages. */
export function describeValue(reference: StageReference): string {
  return reference.written ?? "";
}

/** The first variable name in a value (`SRC` in `${SRC}-stage`). */
export function variableName(value: string): string | undefined {
  return /\$\{?([A-Z_]\w*)/i.exec(value)?.[1];
}

/** The file range of `from=<value>` inside a `--mount=…` flag, when the flag is written plainly. */
function mountFromRange(source: SourceText, flag: InstructionFlag, value: string): { range: OffsetRange; exact: boolean } {
  const valueRange = flag.valueRange;
  if (valueRange && flag.value !== undefined && source.slice(valueRange) === flag.value) {
    const match = /(?:^|,)\s*from\s*=\s*/i.exec(flag.value);
    if (match) {
      const start = valueRange[0] + match.index + match[0].length;
      if (source.text.startsWith(value, start)) return { range: [start, start + value.length], exact: true };
    }
  }
  return { range: flag.range, exact: false };
}

function makeReference(instruction: Instruction, kind: "copy" | "mount", flag: InstructionFlag, written: string | undefined, place: { range: OffsetRange; exact: boolean }): StageReference {
  const value = written === undefined ? "" : unquote(written);
  return { instruction, kind, flag, written, value, variable: variableName(value) !== undefined, ...place };
}

/** Every `COPY --from` and `RUN --mount from=` of the file, ONBUILD triggers included, in file order. */
export function stageReferences(model: DockerfileModel, source: SourceText): StageReference[] {
  const references: StageReference[] = [];
  for (const instruction of withTriggers(model.instructions)) {
    if (instruction.keyword !== "COPY" && instruction.keyword !== "RUN") continue;
    for (const flag of instruction.flags) {
      const name = flag.name.toLowerCase();
      if (instruction.keyword === "COPY" && name === "from") {
        const exact = flag.value !== undefined && flag.valueRange !== undefined && source.slice(flag.valueRange) === flag.value;
        const place = exact && flag.valueRange ? { range: flag.valueRange, exact: true } : { range: flag.range, exact: false };
        references.push(makeReference(instruction, "copy", flag, flag.value === "" ? undefined : flag.value, place));
      } else if (instruction.keyword === "RUN" && name === "mount" && flag.options.has("from")) {
        const written = flag.options.get("from") ?? "";
        references.push(makeReference(instruction, "mount", flag, written === "" ? undefined : written, mountFromRange(source, flag, written)));
      }
    }
  }
  return references;
}

/** The file being linted and its stages by lower-case name: one slot, not a WeakMap keyed by model (see util/recent-cache.ts). */
const stagesByNameOfModel = new RecentCache<DockerfileModel, ReadonlyMap<string, readonly Stage[]>>(1);

/**
 * The stages of each name, lower case, in file order: looked up for each `--from` rather than
 * every stage compared with it (10,000 stages that each COPY --from a missing one took seconds).
 */
function stagesByName(model: DockerfileModel): ReadonlyMap<string, readonly Stage[]> {
  return stagesByNameOfModel.lookup(model, (m) => {
    const byName = new Map<string, Stage[]>();
    for (const stage of m.stages) {
      if (stage.name !== undefined) appendTo(byName, stage.name.toLowerCase(), stage);
    }
    return byName;
  });
}

/** What a `--from` value names, seen from the instruction that holds it. */
export function resolveReference(model: DockerfileModel, reference: StageReference): Resolution {
  const value = reference.value;
  if (reference.written === undefined || value === "") return { kind: "empty" };
  if (reference.variable) return { kind: "variable" };
  // An ONBUILD trigger runs in the child image's build, against the child's stages.
  if (reference.instruction.onbuild) return { kind: "unknown" };
  const current = reference.instruction.stage;
  const currentIndex = current?.index ?? -1;
  if (/^\d+$/.test(value)) {
    const index = Number(value);
    const stage = model.stages[index];
    if (!stage) return { kind: "noSuchIndex", index };
    if (index < currentIndex) return { kind: "stage", stage, byIndex: true };
    return index === currentIndex ? { kind: "self", stage, byIndex: true } : { kind: "later", stage, byIndex: true };
  }
  const lower = value.toLowerCase();
  if (current?.name?.toLowerCase() === lower) return { kind: "self", stage: current, byIndex: false };
  // The last stage of that name before this one, else the first after it (not this one: a stage
  // of that name here is `self`, above).
  const named = stagesByName(model).get(lower) ?? [];
  const before = partitionPoint(named.length, (i) => (named[i] as Stage).index < currentIndex);
  const earlier = named[before - 1];
  const later = named[before];
  if (earlier) return { kind: "stage", stage: earlier, byIndex: false };
  if (later) return { kind: "later", stage: later, byIndex: false };
  return IMAGE_CHARS.test(value) ? { kind: "image" } : { kind: "missing" };
}

/**
 * The stage name a misspelt `--from` value most likely meant: a near spelling (`buidl` for
 * `build`), or the one name that has the value as a `-`/`_`/`.`-separated part (`set` for
 * `license-set`).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const near = nearest(word, candidates);
  if (near !== undefined) return near;
  const lower = word.toLowerCase();
  const parts = candidates.filter((c) => c.toLowerCase().split(/[-_.]/).includes(lower));
  return parts.length === 1 ? parts[0] : undefined;
}

/**
 * The local stages a stage may build on: its parent, or, for `FROM binaries-${TARGETOS}`
 * whose name depends on a build argument, every earlier stage the pattern can name.
 * undefined when the stage builds on an image (or on a bare `${BASE}`, which is taken for one).
 */
export function baseStages(model: DockerfileModel, stage: Stage): Stage[] | undefined {
  // A platform ARG picks one of several stages (`FROM base-$TARGETARCH`): each may be built on.
  if (stage.parent) return stage.parentCandidates.length > 1 ? [...stage.parentCandidates] : [stage.parent];
  const text = stage.resolvedImage;
  if (!text.includes("$")) return undefined;
  const literals = text.split(/\$\{[^}]*\}|\$[A-Z_]\w*/i);
  const literal = literals.join("");
  if (literal === "" || /[/:@]/.test(literal)) return undefined;
  const pattern = new RegExp(`^${literals.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");
  const matches = model.stages.filter((other) => other.index < stage.index && other.name !== undefined && pattern.test(other.name));
  return matches.length > 0 ? matches : undefined;
}

/**
 * Whether a stage's FROM depends on a build argument in a way that may name any stage of the
 * file (`FROM $BASE_BUILDER`, which fluent-bit's build.sh sets to `ubuntu-20.04-base`), so that
 * which stages it builds on cannot be told; an image reference (`ubuntu:${VERSION}`) cannot.
 */
export function mayBuildOnAnyStage(model: DockerfileModel, stage: Stage): boolean {
  if (stage.parent || !stage.resolvedImage.includes("$")) return false;
  const literal = stage.resolvedImage.split(/\$\{[^}]*\}|\$[A-Z_]\w*/i).join("");
  return !/[/:@]/.test(literal) && baseStages(model, stage) === undefined;
}

/** Does the stage start from `scratch`, through the stages it builds on? undefined when that depends on a build argument. */
export function startsFromScratch(model: DockerfileModel, stage: Stage): boolean | undefined {
  const bases = baseStages(model, stage);
  if (bases) {
    const answers = bases.map((base) => startsFromScratch(model, base));
    if (answers.includes(false)) return false;
    return answers.includes(undefined) ? undefined : true;
  }
  if (stage.resolvedImage.includes("$")) return undefined;
  return stage.image !== undefined && isScratch(stage.image);
}
