import type { OffsetRange } from "./source.js";

/** A comment, as every language gives it to the suppression layer. */
export interface CommentInfo {
  /** Text after the comment marker. */
  text: string;
  line: number;
  /** 1-based column of the comment marker. */
  column: number;
  range: OffsetRange;
}

interface Directive {
  kind: "file" | "next" | "block-start" | "block-end";
  /** undefined = every rule. */
  ruleIds: string[] | undefined;
  /** Lines covered, inclusive (block directives: computed when paired). */
  fromLine: number;
  toLine: number;
  comment: CommentInfo;
  /** The ids as the user wrote them (peer ids for hadolint comments), for messages. */
  written: string[];
  used: Set<string>;
  origin: "docklint" | "hadolint";
}

export interface SuppressionProblem {
  line: number;
  column: number;
  endColumn: number;
  message: string;
  kind: "unknown-rule" | "unused";
}

export interface SuppressionOptions {
  /** Lines of the statement that begins at or after the given line (for "next line" comments). */
  statementAfter(line: number): { startLine: number; endLine: number } | undefined;
  lastLine: number;
  knownRuleIds: ReadonlySet<string>;
  /** hadolint DL/SC code → docklint rule ids that reference it. */
  hadolintMap: ReadonlyMap<string, readonly string[]>;
}

const DOCKLINT = /^\s*docklint-(disable-file|disable-next-line|disable|enable)(?:\s+([^]*?))?\s*(?:--\s[^]*)?$/;
const HADOLINT = /^\s*hadolint[ \t]+(global[ \t]+)?ignore[ \t]*=[ \t]*([A-Z0-9, \t]+?)\s*(?:#.*)?$/i;

function splitIds(list: string | undefined): string[] | undefined {
  if (list === undefined || list.trim() === "") return undefined;
  return list
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The suppression comments of a file and the queries the linter needs from them. */
export class Suppressions {
  private readonly directives: Directive[] = [];
  readonly problems: SuppressionProblem[] = [];

  constructor(comments: readonly CommentInfo[], options: SuppressionOptions) {
    const openBlocks: Directive[] = [];
    for (const comment of comments) {
      const docklint = DOCKLINT.exec(comment.text);
      if (docklint) {
        this.addDocklint(comment, docklint[1] ?? "", splitIds(docklint[2]), options, openBlocks);
        continue;
      }
      const hadolint = HADOLINT.exec(comment.text);
      if (hadolint) {
        const codes = splitIds(hadolint[2]) ?? [];
        const ruleIds = [...new Set(codes.flatMap((code) => options.hadolintMap.get(code.toUpperCase()) ?? []))];
        const global = hadolint[1] !== undefined;
        const target = global ? undefined : options.statementAfter(comment.line + 1);
        if (!global && !target) continue;
        this.directives.push({
          kind: global ? "file" : "next",
          ruleIds,
          fromLine: global ? 1 : (target?.startLine ?? 0),
          toLine: global ? options.lastLine : (target?.endLine ?? 0),
          comment,
          written: codes,
          used: new Set(),
          origin: "hadolint",
        });
      }
    }
    for (const open of openBlocks) open.toLine = options.lastLine;
  }

  private addDocklint(
    comment: CommentInfo,
    verb: string,
    ruleIds: string[] | undefined,
    options: SuppressionOptions,
    openBlocks: Directive[],
  ): void {
    for (const id of ruleIds ?? []) {
      if (!options.knownRuleIds.has(id)) {
        const column = comment.column + 1 + comment.text.indexOf(id);
        this.problems.push({
          line: comment.line,
          column,
          endColumn: column + id.length,
          message: `Unknown rule "${id}" in a docklint-${verb} comment; check the spelling, or remove it.`,
          kind: "unknown-rule",
        });
      }
    }
    const base = { ruleIds, comment, written: ruleIds ?? [], used: new Set<string>(), origin: "docklint" as const };
    switch (verb) {
      case "disable-file":
        this.directives.push({ ...base, kind: "file", fromLine: 1, toLine: options.lastLine });
        break;
      case "disable-next-line": {
        const target = options.statementAfter(comment.line + 1);
        if (target) this.directives.push({ ...base, kind: "next", fromLine: target.startLine, toLine: target.endLine });
        break;
      }
      case "disable": {
        const block: Directive = { ...base, kind: "block-start", fromLine: comment.line, toLine: options.lastLine };
        this.directives.push(block);
        openBlocks.push(block);
        break;
      }
      default: {
        // `enable` closes the matching open blocks; `enable` alone closes them all.
        for (let i = openBlocks.length - 1; i >= 0; i--) {
          const block = openBlocks[i];
          if (!block) continue;
          const closesAll = ruleIds === undefined;
          const sameRules = block.ruleIds !== undefined && ruleIds !== undefined && block.ruleIds.every((id) => ruleIds.includes(id));
          if (closesAll || sameRules) {
            block.toLine = comment.line;
            openBlocks.splice(i, 1);
          }
        }
      }
    }
  }

  /** Whether a finding of `ruleId` on `line` is suppressed; marks the directive used. */
  suppresses(ruleId: string, line: number): boolean {
    let suppressed = false;
    for (const directive of this.directives) {
      if (line < directive.fromLine || line > directive.toLine) continue;
      if (directive.ruleIds !== undefined && !directive.ruleIds.includes(ruleId)) continue;
      directive.used.add(ruleId);
      suppressed = true;
    }
    return suppressed;
  }

  /** docklint comments that silenced nothing (hadolint comments are left to hadolint's own DL1001 logic). */
  unused(): SuppressionProblem[] {
    const problems: SuppressionProblem[] = [];
    for (const directive of this.directives) {
      if (directive.origin !== "docklint" || directive.used.size > 0) continue;
      const what = directive.ruleIds ? directive.ruleIds.map((id) => `"${id}"`).join(", ") : "any rule";
      problems.push({
        line: directive.comment.line,
        column: directive.comment.column,
        endColumn: directive.comment.column + directive.comment.range[1] - directive.comment.range[0],
        message: `Unused docklint suppression: no finding of ${what} was silenced here; remove the comment.`,
        kind: "unused",
      });
    }
    return problems;
  }
}
