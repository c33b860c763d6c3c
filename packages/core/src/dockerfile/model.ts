import type { ImageReference } from "../image/reference.js";
import type { ShellScript } from "../shell/types.js";
import type { OffsetRange, SourceText } from "../source.js";

/** A piece of text with its place in the file. */
export interface Located {
  value: string;
  range: OffsetRange;
}

export interface ParserDirective {
  /** Lower-cased name: `syntax`, `escape`, `check`, … */
  name: string;
  value: string;
  range: OffsetRange;
  valueRange: OffsetRange;
}

export interface Comment {
  /** The text after `#`, untrimmed. */
  text: string;
  range: OffsetRange;
  /** 1-based line of the comment. */
  line: number;
}

/** A `--name=value` flag of an instruction. */
export interface InstructionFlag {
  name: string;
  /** `undefined` for a bare `--flag`. */
  value: string | undefined;
  range: OffsetRange;
  nameRange: OffsetRange;
  valueRange: OffsetRange | undefined;
  /** `type=cache,target=/x` options of a `--mount` style value, lower-cased keys. */
  options: ReadonlyMap<string, string>;
}

export interface Heredoc {
  /** Delimiter, without quotes or `-`. */
  name: string;
  /** true for `<<-EOF` (leading tabs stripped). */
  stripTabs: boolean;
  /** Quoted delimiter (`<<'EOF'`): the build does not expand variables in the body. */
  quoted: boolean;
  /** The body between the opening line and the delimiter line. */
  content: string;
  contentRange: OffsetRange;
  range: OffsetRange;
}

/** `KEY=value` pairs of ENV, LABEL and ARG. */
export interface KeyValue {
  key: string;
  keyRange: OffsetRange;
  /** Unquoted value, `undefined` for `ARG NAME` without a default. */
  value: string | undefined;
  valueRange: OffsetRange | undefined;
  range: OffsetRange;
  /** `ENV key value` / `LABEL key value`: the legacy whitespace form. */
  legacyForm: boolean;
}

export type InstructionForm = "exec" | "shell";

export interface Instruction {
  /** Upper-cased keyword: `RUN`, `FROM`, … (unknown keywords are kept as written, upper-cased). */
  keyword: string;
  /** The keyword as written, for casing rules. */
  keywordText: string;
  keywordRange: OffsetRange;
  /** Whole instruction, from the keyword to the end of its last continued line (heredoc bodies included). */
  range: OffsetRange;
  /** 1-based line of the keyword. */
  line: number;
  /** Arguments after the keyword, continuations joined, flags included; undefined when empty. */
  argsText: string;
  argsRange: OffsetRange | undefined;
  flags: readonly InstructionFlag[];
  /**
   * Arguments after the flags, split as the build splits them (quotes kept for shell form). A long
   * RUN's are lexed on first read: where the first will do, `firstArg` costs nothing.
   */
  readonly args: Located[];
  /** The first of `args`. */
  firstArg: Located | undefined;
  /** For RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK CMD: exec (JSON array) or shell form. */
  form: InstructionForm | undefined;
  /** Unescaped JSON strings of the exec form. */
  execArgs: Located[] | undefined;
  heredocs: readonly Heredoc[];
  /** `ENV`, `LABEL`, `ARG` pairs. */
  pairs: readonly KeyValue[];
  /** The stage this instruction belongs to; undefined before the first FROM. */
  stage: Stage | undefined;
  /** For `ONBUILD X`: the wrapped trigger, parsed like a top-level instruction. */
  trigger: Instruction | undefined;
  /** For the trigger of an ONBUILD: the ONBUILD instruction that wraps it. */
  onbuild: Instruction | undefined;
  /** Index in `DockerfileModel.instructions` (triggers share their ONBUILD's index). */
  index: number;
  /** The variable scope in force when this instruction runs. */
  scope: VariableScope;
}

export interface RunInstruction extends Instruction {
  keyword: "RUN";
}

export interface Stage {
  index: number;
  /** `AS name` as written, or undefined. */
  name: string | undefined;
  nameRange: OffsetRange | undefined;
  from: Instruction;
  /** Image text as written in FROM (after flags). */
  imageText: string;
  imageRange: OffsetRange | undefined;
  /** Image text with global ARG defaults substituted. */
  resolvedImage: string;
  /** Parsed image, undefined when the stage builds on an earlier stage or the image is empty. */
  image: ImageReference | undefined;
  /**
   * The earlier stage this one builds on (`FROM build AS final`). For a FROM that picks a stage by
   * platform (`FROM base-$TARGETARCH` with stages `base-amd64` and `base-arm64`), the first of
   * `parentCandidates` in file order: what the candidates share (the stages they build on, and so
   * their root image, USER, ARG and ENV) is then right for every platform, and what the first adds
   * on its own (`ARG OS_ARCH_SUFFIX=` where `base-arm64` has `-aarch64`) is taken for all of them.
   */
  parent: Stage | undefined;
  /**
   * Every earlier stage this one may build on: `[parent]` for `FROM build`, each stage a platform
   * ARG can select for `FROM base-$TARGETARCH` (file order), none when the stage builds on an image.
   */
  parentCandidates: readonly Stage[];
  platform: InstructionFlag | undefined;
  /** Instructions after FROM up to the next FROM (FROM itself not included). */
  instructions: Instruction[];
  isLast: boolean;
  /**
   * Whether a later stage builds on this one or copies from it. Of the candidates of a FROM that
   * picks a stage by platform, only its `parent` counts as built on: rules take a stage nothing
   * uses for a result of its own, and so still judge the other candidates as shipped, which they
   * are in the builds for their platforms.
   */
  usedByLaterStage: boolean;
}

/** Variables as the build sees them at one instruction. */
export interface VariableScope {
  /** The value of a variable, `null` when declared without a value, `undefined` when unknown here. */
  lookup(name: string): string | null | undefined;
  /** Where the variable was declared, if by ARG or ENV in this file. */
  origin(name: string): { kind: "ARG" | "ENV"; instruction: Instruction | undefined } | undefined;
  /** Every variable name declared (ARG or ENV) in this scope. */
  names(): string[];
  /** Replace `$X`, `${X}`, `${X:-d}`, `${X:+a}` and escaped `\$`. Unknown variables are left as written. */
  expand(text: string, options?: { missingAsEmpty?: boolean }): ExpansionResult;
}

export interface ExpansionResult {
  value: string;
  /** Names of variables that could not be resolved. */
  unresolved: string[];
}

export interface DockerfileModel {
  kind: "dockerfile";
  source: SourceText;
  escapeChar: string;
  directives: ParserDirective[];
  comments: Comment[];
  /** Every instruction in order, ONBUILD triggers not flattened in (see `trigger`). */
  instructions: Instruction[];
  /** ARGs before the first FROM. */
  globalArgs: Instruction[];
  stages: Stage[];
  /** Stage alias → stage, lower-cased keys (aliases are case-insensitive). */
  stageByName: ReadonlyMap<string, Stage>;
  /** The shell analysis of a RUN (shell form, heredoc bodies, exec form), computed lazily once. */
  shellOf(run: Instruction): RunShell;
}

/** One analysed script of a RUN: the shell-form text or one heredoc body. */
export interface RunScript {
  script: ShellScript;
  /** The shell that runs it: stage SHELL, or a heredoc's interpreter (`RUN <<EOF python3`), or its shebang. */
  shell: string;
  /** A non-POSIX interpreter (python, powershell, cmd, …): `script` is empty. */
  foreign: boolean;
  heredoc: Heredoc | undefined;
}

export interface RunShell {
  scripts: RunScript[];
  /** All commands of all scripts, in order. */
  commands: ShellScript["commands"];
  /** The stage's effective SHELL at this RUN, as exec-form words (default `["/bin/sh","-c"]`). */
  shell: readonly string[];
}
