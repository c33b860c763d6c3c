import type { LintServices, Settings } from "./rule.js";
import type { OffsetRange, SourceText } from "./source.js";
import type { CommentInfo } from "./suppressions.js";
import type { FileKind } from "./types.js";

export interface ParseError {
  message: string;
  line: number;
  column: number;
}

export type ParseResult<Model> = { ok: true; model: Model } | { ok: false; error: ParseError };

/**
 * What the engine tells a parser about the file, for languages whose model reaches other files
 * (Compose `extends`, `include`, override files). Parsers that need none of it ignore it.
 */
export interface ParseContext {
  /** The linted file's path as given to `lintText` (`"<text>"` when none was given). */
  filePath: string;
  services: LintServices;
  settings: Settings;
}

/** What the engine needs from one file kind: a parser and a few views of its model. */
export interface Language<Model> {
  kind: FileKind;
  parse(text: string, context?: ParseContext): ParseResult<Model>;
  /**
   * The parser accepts every text (a Dockerfile's does, as BuildKit's reads any line): checking
   * whether a fixed text still parses then costs no parse.
   */
  acceptsEveryText?: true;
  source(model: Model): SourceText;
  comments(model: Model): CommentInfo[];
  /** Lines of the statement (instruction, YAML entry) that begins at or after `line`. */
  statementAfter(model: Model, line: number): { startLine: number; endLine: number } | undefined;
  /** Lines of the section (a Dockerfile stage) that begins at or after `line`, for hadolint's `stage ignore`. */
  sectionAfter?(model: Model, line: number): { startLine: number; endLine: number } | undefined;
  /**
   * Computes up front what the model otherwise computes when a rule first asks, for the rules
   * after it to share (a Dockerfile's RUN shell analysis). Called only when a lint's time is
   * measured (`LintOptions.times`), so that this time counts as parsing instead of going to
   * whichever rule asks first.
   */
  analyse?(model: Model): void;
  /**
   * Text the rules cannot judge, and the rule that reports why: a generator's template named as a
   * Dockerfile, whose tags (`FROM alpine:{{ .version }}`) are not what the build will read. The
   * findings of the other rules that overlap it are dropped.
   */
  unjudged?(model: Model): { ranges: readonly OffsetRange[]; explainedBy: string } | undefined;
}
