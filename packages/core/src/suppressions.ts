import type { OffsetRange } from "./source.js";

/** A comment, as every language gives it to the suppression layer. */
export interface CommentInfo {
  /** Text after the comment marker. */
  text: string;
  line: number;
  /** 1-based column of the comment marker. */
  column: number;
  range: OffsetRange;
  /** A parser directive (`# check=…` at the top of a Dockerfile): applies to the whole file. */
  directive?: boolean;
}

/** A docklint rule, optionally narrowed to the messages that stand for one peer rule. */
export interface RuleTarget {
  ruleId: string;
  /** undefined = every message of the rule. */
  messageIds: readonly string[] | undefined;
}

/** Peer pragma codes (`DL3006`, `JSONArgsRecommended`, `CKV_DOCKER_1`) → the docklint rules and messages they name. */
export type PeerCodeMap = ReadonlyMap<string, readonly RuleTarget[]>;

interface Directive {
  /** undefined = every rule. */
  targets: readonly RuleTarget[] | undefined;
  /** Lines covered, inclusive. */
  fromLine: number;
  toLine: number;
  comment: CommentInfo;
  ruleIds: readonly string[] | undefined;
  used: boolean;
  origin: "docklint" | "peer";
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
  /** Lines of the section (a Dockerfile stage) that begins after the given line. */
  sectionAfter?(line: number): { startLine: number; endLine: number } | undefined;
  lastLine: number;
  knownRuleIds: ReadonlySet<string>;
  hadolint: PeerCodeMap;
  buildkit: PeerCodeMap;
  checkov: PeerCodeMap;
}

/**
 * The comment syntaxes that silence findings, exported so that rules about suppressions
 * (`no-inline-suppressions`) read them exactly as the engine does.
 */
export const SUPPRESSION_PATTERNS = {
  /** `docklint-disable[-file|-next-line] [ids] [-- reason]`, `docklint-enable [ids]`: verb, ids, reason. */
  docklint: /^\s*docklint-(disable-file|disable-next-line|disable|enable)(?:\s+((?!--\s)\S(?:(?!--\s)[\s\S])*)?)?(--\s[\s\S]*)?$/,
  /** hadolint: `hadolint` + blank + `ignore=` / `global ignore=` / `stage ignore=`; codes of `DLSC0-9`, a trailing `# comment` allowed. */
  hadolint: /^\s*hadolint[ \t]+(?:(global|stage)[ \t]+)?ignore[ \t]*=[ \t]*([DLSC0-9,]+(?:[ \t]+[DLSC0-9,]+)*)\s*(#.*)?$/,
  /** BuildKit: `check=skip=A,B` or `skip=all`, possibly with `;error=true;…`, trailing text after a blank ignored. */
  buildkit: /^\s*check\s*=\s*(\S*)/i,
  /** Checkov: `checkov:skip=CKV_DOCKER_1[,…]: reason` (also bridgecrew:/cortex:). */
  checkov: /^\s*(?:checkov|bridgecrew|cortex):skip=([\w,]+)((?:[^\w,\n\r\u2028\u2029].*)?)$/i,
} as const;
const { docklint: DOCKLINT, hadolint: HADOLINT, buildkit: BUILDKIT, checkov: CHECKOV } = SUPPRESSION_PATTERNS;
/**
 * The letters every pattern above can start with, after blanks: most comments are prose and are
 * passed over with one test instead of four.
 */
const DIRECTIVE_START = /^\s*[bcdh]/i;

function splitIds(list: string | undefined): string[] | undefined {
  if (list === undefined || list.trim() === "") return undefined;
  return list
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function targetsFor(codes: readonly string[], map: PeerCodeMap, normalize: (code: string) => string = (c) => c): RuleTarget[] {
  return codes.flatMap((code) => map.get(normalize(code)) ?? []);
}

/** Every rule a peer knows about: what `check=skip=all` names. */
function allTargets(map: PeerCodeMap): RuleTarget[] {
  return [...map.values()].flat();
}

/** A directive over more lines than this is checked for every finding rather than indexed by line. */
const NARROW_LINES = 64;

/** The suppression comments of a file and the queries the linter needs from them. */
export class Suppressions {
  private readonly directives: Directive[] = [];
  private byLine: Map<number, Directive[]> | undefined;
  private readonly wide: Directive[] = [];
  readonly problems: SuppressionProblem[] = [];

  constructor(comments: readonly CommentInfo[], options: SuppressionOptions) {
    const openBlocks: Directive[] = [];
    const add = (
      comment: CommentInfo,
      targets: readonly RuleTarget[] | undefined,
      scope: "file" | "next" | "nextLine" | "section",
      origin: Directive["origin"] = "peer",
    ): void => {
      let span =
        scope === "file"
          ? { startLine: 1, endLine: options.lastLine }
          : scope === "section"
            ? options.sectionAfter?.(comment.line + 1)
            : options.statementAfter(comment.line + 1);
      // hadolint keys `# hadolint ignore=` to the line after it (Hadolint.Pragma: `line + 1`): with
      // a blank or another comment in between it hides nothing there, and nothing here (an unused
      // suppression, which --report-unused-disable-directives reports).
      if (scope === "nextLine" && span && span.startLine !== comment.line + 1) span = { startLine: comment.line + 1, endLine: comment.line + 1 };
      if (!span || (targets !== undefined && targets.length === 0)) return;
      this.directives.push({
        targets,
        fromLine: span.startLine,
        toLine: span.endLine,
        comment,
        ruleIds: targets?.map((t) => t.ruleId),
        used: false,
        origin,
      });
    };

    for (const comment of comments) {
      if (!DIRECTIVE_START.test(comment.text)) continue;
      const docklint = DOCKLINT.exec(comment.text);
      if (docklint) {
        this.addDocklint(comment, docklint[1] ?? "", splitIds(docklint[2]), options, openBlocks, add);
        continue;
      }
      const hadolint = HADOLINT.exec(comment.text);
      if (hadolint) {
        const targets = targetsFor(splitIds(hadolint[2]) ?? [], options.hadolint);
        add(comment, targets, hadolint[1] === undefined ? "nextLine" : hadolint[1] === "global" ? "file" : "section");
        continue;
      }
      const buildkit = BUILDKIT.exec(comment.text);
      if (buildkit) {
        const skip = (buildkit[1] ?? "").split(";").find((part) => /^skip=/i.test(part));
        if (skip !== undefined) {
          const names = splitIds(skip.slice(5)) ?? [];
          const targets = names.includes("all") ? allTargets(options.buildkit) : targetsFor(names, options.buildkit);
          add(comment, targets, comment.directive ? "file" : "next");
        }
        continue;
      }
      const checkov = CHECKOV.exec(comment.text);
      if (checkov) add(comment, targetsFor(splitIds(checkov[1]) ?? [], options.checkov, (c) => c.toUpperCase()), "file");
    }
    for (const open of openBlocks) open.toLine = options.lastLine;
  }

  private addDocklint(
    comment: CommentInfo,
    verb: string,
    ruleIds: string[] | undefined,
    options: SuppressionOptions,
    openBlocks: Directive[],
    add: (comment: CommentInfo, targets: readonly RuleTarget[] | undefined, scope: "file" | "next", origin: Directive["origin"]) => void,
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
    const targets = ruleIds?.map((ruleId) => ({ ruleId, messageIds: undefined }));
    switch (verb) {
      case "disable-file":
        add(comment, targets, "file", "docklint");
        break;
      case "disable-next-line":
        add(comment, targets, "next", "docklint");
        break;
      case "disable": {
        const block: Directive = { targets, fromLine: comment.line, toLine: options.lastLine, comment, ruleIds, used: false, origin: "docklint" };
        this.directives.push(block);
        openBlocks.push(block);
        break;
      }
      default: {
        // `enable` closes the matching open blocks; `enable` alone closes them all.
        for (let i = openBlocks.length - 1; i >= 0; i--) {
          const block = openBlocks[i];
          if (!block) continue;
          const closes = ruleIds === undefined || (block.ruleIds !== undefined && block.ruleIds.every((id) => ruleIds.includes(id)));
          if (closes) {
            block.toLine = comment.line;
            openBlocks.splice(i, 1);
          }
        }
      }
    }
  }

  /** Whether a finding is suppressed; marks the directives that silence it as used. */
  suppresses(ruleId: string, messageId: string | undefined, line: number): boolean {
    let suppressed = false;
    this.byLine ??= this.indexByLine();
    for (const directive of [...(this.byLine.get(line) ?? []), ...this.wide]) {
      if (line < directive.fromLine || line > directive.toLine) continue;
      // A finding about the suppression comment itself (no-inline-suppressions) is not silenced by it.
      if (line === directive.comment.line) continue;
      const matches =
        directive.targets === undefined ||
        directive.targets.some(
          (t) => t.ruleId === ruleId && (t.messageIds === undefined || (messageId !== undefined && t.messageIds.includes(messageId))),
        );
      if (!matches) continue;
      directive.used = true;
      suppressed = true;
    }
    return suppressed;
  }

  /**
   * The directives that cover a few lines (the next instruction or statement), by line; the others
   * (a file, a section, a disable–enable block) in `wide`. Asked of every directive for every
   * finding, a file with a suppression comment above each of thousands of instructions was
   * quadratic. Built on the first question, once the blocks' ends are known.
   */
  private indexByLine(): Map<number, Directive[]> {
    const byLine = new Map<number, Directive[]>();
    for (const directive of this.directives) {
      if (directive.toLine - directive.fromLine > NARROW_LINES) {
        this.wide.push(directive);
        continue;
      }
      for (let line = directive.fromLine; line <= directive.toLine; line++) {
        const here = byLine.get(line);
        if (here) here.push(directive);
        else byLine.set(line, [directive]);
      }
    }
    return byLine;
  }

  /** docklint comments that silenced nothing (peers' pragmas are theirs to police). */
  unused(): SuppressionProblem[] {
    return this.directives
      .filter((directive) => directive.origin === "docklint" && !directive.used)
      .map((directive) => {
        const what = directive.ruleIds ? directive.ruleIds.map((id) => `"${id}"`).join(", ") : "any rule";
        return {
          line: directive.comment.line,
          column: directive.comment.column,
          endColumn: directive.comment.column + directive.comment.range[1] - directive.comment.range[0],
          message: `Unused docklint suppression: no finding of ${what} was silenced here; remove the comment.`,
          kind: "unused" as const,
        };
      });
  }
}
