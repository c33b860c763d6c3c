import type { SourceText } from "./source.js";
import type { CommentInfo } from "./suppressions.js";
import type { FileKind } from "./types.js";

export interface ParseError {
  message: string;
  line: number;
  column: number;
}

export type ParseResult<Model> = { ok: true; model: Model } | { ok: false; error: ParseError };

/** What the engine needs from one file kind: a parser and a few views of its model. */
export interface Language<Model> {
  kind: FileKind;
  parse(text: string): ParseResult<Model>;
  source(model: Model): SourceText;
  comments(model: Model): CommentInfo[];
  /** Lines of the statement (instruction, YAML entry) that begins at or after `line`. */
  statementAfter(model: Model, line: number): { startLine: number; endLine: number } | undefined;
  /** Lines of the section (a Dockerfile stage) that begins at or after `line`, for hadolint's `stage ignore`. */
  sectionAfter?(model: Model, line: number): { startLine: number; endLine: number } | undefined;
}
