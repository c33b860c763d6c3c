/**
 * Hand-written, synchronous shell lexer + parser (POSIX sh with the bash
 * constructs that show up in Dockerfiles). It reads characters directly
 * (no token array) because shell lexing depends on parser context: keywords
 * only count in command position, `)` ends a case pattern or a subshell,
 * here-document bodies start at the next newline token.
 *
 * Design constraints, and how they are met:
 * - Positions are absolute file offsets even though Docker removes line
 *   continuations before the shell runs: the script is rebuilt once and a
 *   short segment table (src index -> file offset) is kept only when
 *   something was removed.
 * - Never throws: recursion is bounded (MAX_NESTING) and an internal abort
 *   sentinel turns runaway nesting into one error.
 * - Linear time: the cursor only moves forward; the few look-aheads are
 *   bounded (keywords ≤ 9 chars) or charged to a global budget (the
 *   `$((`-vs-`$( (` decision), and every loop consumes at least one char.
 */
import type {
  HereDocument,
  ShellCommand,
  ShellParseError,
  ShellParseOptions,
  ShellPipe,
  ShellRedirect,
  ShellScript,
  ShellWord,
} from './types.js';

// Character codes.
const TAB = 9, NL = 10, VT = 11, FF = 12, CR = 13, SP = 32, BANG = 33, DQ = 34, HASH = 35, DOLLAR = 36,
  AMP = 38, SQ = 39, LP = 40, RP = 41, STAR = 42, PLUS = 43, MINUS = 45, SEMI = 59, LT = 60, EQ = 61,
  GT = 62, QM = 63, AT = 64, LBRK = 91, BS = 92, RBRK = 93, US = 95, BQ = 96, LBR = 123, PIPE = 124,
  RBR = 125;

/** Character classes for the word scanner (ASCII only; everything else is an ordinary word char). */
const ORD = 0, STOP = 1, SPECIAL = 2;
const CLS = new Uint8Array(128);
for (const c of [SP, TAB, CR, NL, SEMI, AMP, PIPE, LT, GT, LP, RP]) CLS[c] = STOP;
for (const c of [SQ, DQ, BS, DOLLAR, BQ]) CLS[c] = SPECIAL;

const F_QUOTED = 1, F_EXP = 2, F_UNQ = 4;
/** Word modes: inside `[[ … ]]` the test operators `( ) < > |` are part of words. */
const W_NORMAL = 0, W_COND = 1;

/** Deeper than any real script; keeps the JS stack far from its limit. */
const MAX_NESTING = 128;
const MAX_ERRORS = 100;

const RESERVED = new Set([
  'if', 'then', 'elif', 'else', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'select', 'function',
]);
const CLOSERS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}']);

const ABORT: unique symbol = Symbol('shell-parse-abort');

interface PendingHeredoc {
  redirect: ShellRedirect;
  delimiter: string;
  quoted: boolean;
  stripTabs: boolean;
  opStart: number;
  opEnd: number;
}

interface Shared {
  commands: ShellCommand[];
  /** Substitution level of each command (parallel to `commands`) so pipelines don't mark commands of inner $(…). */
  substLevels: number[];
  pipes: ShellPipe[];
  errors: ShellParseError[];
  /** Characters the `((`/`$((` pre-scan may still look at; keeps pathological nesting linear. */
  budget: number;
  /** Current recursion nesting across all parser instances. */
  level: number;
  /** Work done outside the forward-moving cursor (look-aheads, copies, pipeline marking); tests bound it. */
  steps: number;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === US;
}
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === US;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

class Parser {
  i = 0;
  /** Index in segSrc of the segment abs() found last. */
  seg = 0;
  lastFlags = 0;
  pending: PendingHeredoc[] = [];
  // Open constructs, so a stray closer can be told apart from one that ends an enclosing construct.
  openIf = 0;
  openLoop = 0;
  openCase = 0;
  openBrace = 0;
  openParen = 0;

  constructor(
    readonly src: string,
    /**
     * Kept segments: src[segSrc[j]…] comes from offset segTo[j] (of the file,
     * or of the parent's src). null when src is text.slice(base) verbatim.
     */
    readonly segSrc: number[] | null,
    readonly segTo: number[],
    /** For a backquote body rebuilt without its escapes: offsets are the parent's src indices. */
    readonly parent: Parser | null,
    readonly base: number,
    readonly sh: Shared,
    public depth: number,
    public subst: number,
    /** End bound of the region being parsed (narrowed temporarily for backquotes). */
    public n: number = src.length,
  ) {}

  // ---------------------------------------------------------------- positions

  abs(k: number): number {
    const ss = this.segSrc;
    let o: number;
    if (ss === null) o = this.base + k;
    else {
      const last = ss.length - 1;
      let j = this.seg;
      // Words are read in order, so the segment of the previous lookup or the one after it
      // mostly holds k. A binary search for every word start and end made the RUNs of the
      // Dockerfile corpus (most are continued) cost 28 µs/file to analyse, 23 µs without it.
      if (!((ss[j] ?? 0) <= k && (j === last || (ss[j + 1] ?? 0) > k))) {
        if (j < last && (ss[j + 1] ?? 0) <= k && (j + 1 === last || (ss[j + 2] ?? 0) > k)) j++;
        else {
          // Few segments (one per continuation); binary search keeps pathological inputs linear-ish.
          let lo = 0, hi = last;
          while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if ((ss[mid] ?? 0) <= k) lo = mid;
            else hi = mid - 1;
          }
          j = lo;
        }
        this.seg = j;
      }
      o = (this.segTo[j] ?? 0) + (k - (ss[j] ?? 0));
    }
    return this.parent === null ? o : this.parent.abs(o);
  }

  /** Absolute end (exclusive) of a non-empty token ending before src index k. */
  absEnd(k: number): number {
    if (this.segSrc === null && this.parent === null) return this.base + k;
    return k > 0 ? this.abs(k - 1) + 1 : this.abs(0);
  }

  err(message: string, s: number, e: number): void {
    const errors = this.sh.errors;
    if (errors.length >= MAX_ERRORS) return;
    const start = this.abs(s);
    errors.push({ message, start, end: e > s ? this.absEnd(e) : start });
  }

  enter(): void {
    if (++this.sh.level > MAX_NESTING) throw ABORT;
  }

  leave(): void {
    this.sh.level--;
  }

  // ---------------------------------------------------------------- blanks, comments, newlines

  skipBlanks(): void {
    const s = this.src, n = this.n;
    let i = this.i;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === SP || c === TAB || c === CR) i++;
      else if (c === BS && i + 1 < n) {
        // Shell line continuation between words.
        const d = s.charCodeAt(i + 1);
        if (d === NL) i += 2;
        else if (d === CR && i + 2 < n && s.charCodeAt(i + 2) === NL) i += 3;
        else break;
      } else break;
    }
    this.i = i;
  }

  skipComment(): void {
    const j = this.src.indexOf('\n', this.i);
    this.i = j === -1 || j > this.n ? this.n : j;
  }

  /** Skips blanks, comments and newlines (reading pending here-document bodies); true if a newline was crossed. */
  skipLinebreaks(): boolean {
    let nl = false;
    for (;;) {
      this.skipBlanks();
      if (this.i >= this.n) return nl;
      const c = this.src.charCodeAt(this.i);
      if (c === HASH) {
        this.skipComment();
      } else if (c === NL) {
        this.i++;
        nl = true;
        if (this.pending.length > 0) this.readHeredocBodies();
      } else {
        return nl;
      }
    }
  }

  readHeredocBodies(): void {
    const src = this.src, n = this.n;
    const list = this.pending;
    this.pending = [];
    for (const h of list) {
      const bodyStart = this.i;
      let bodyEnd = -1;
      const d = h.delimiter;
      while (this.i < n) {
        const ls = this.i;
        let le = src.indexOf('\n', ls);
        if (le === -1 || le > n) le = n;
        let a = ls;
        if (h.stripTabs) while (a < le && src.charCodeAt(a) === TAB) a++;
        let b = le;
        if (b > a && src.charCodeAt(b - 1) === CR) b--;
        this.i = le < n ? le + 1 : n;
        if (b - a === d.length && src.startsWith(d, a)) {
          bodyEnd = ls;
          break;
        }
      }
      if (bodyEnd === -1) {
        this.err(`here-document delimited by end of script (wanted '${d}')`, h.opStart, h.opEnd);
        bodyEnd = n;
      }
      const doc: HereDocument = {
        delimiter: d,
        quoted: h.quoted,
        stripTabs: h.stripTabs,
        body: src.slice(bodyStart, bodyEnd),
        start: this.abs(bodyStart),
        end: bodyEnd > bodyStart ? this.absEnd(bodyEnd) : this.abs(bodyStart),
      };
      h.redirect.heredoc = doc;
    }
  }

  // ---------------------------------------------------------------- look-ahead helpers

  isDelim(j: number): boolean {
    if (j >= this.n) return true;
    const c = this.src.charCodeAt(j);
    return c < 128 && CLS[c] === STOP;
  }

  isBlankOrEnd(j: number): boolean {
    if (j >= this.n) return true;
    const c = this.src.charCodeAt(j);
    return c === SP || c === TAB || c === NL || c === CR;
  }

  /** The reserved word at the cursor, if any (not consumed). */
  peekReserved(): string | null {
    const s = this.src, i = this.i, n = this.n;
    if (i >= n) return null;
    const c = s.charCodeAt(i);
    if (c === LBR) return this.isBlankOrEnd(i + 1) ? '{' : null;
    if (c === RBR) return this.isDelim(i + 1) ? '}' : null;
    if (c === BANG) return this.isBlankOrEnd(i + 1) ? '!' : null;
    if (c === LBRK) return i + 1 < n && s.charCodeAt(i + 1) === LBRK && this.isBlankOrEnd(i + 2) ? '[[' : null;
    if (c < 97 || c > 122) return null;
    let j = i + 1;
    // Longest reserved word is 8 letters: bounding the scan keeps repeated peeks O(1).
    while (j < n && j - i < 9) {
      const d = s.charCodeAt(j);
      if (d < 97 || d > 122) break;
      j++;
    }
    this.sh.steps += j - i;
    if (j - i < 2 || j - i > 8 || !this.isDelim(j)) return null;
    const w = s.slice(i, j);
    return RESERVED.has(w) ? w : null;
  }

  /** A closing token at the cursor: a closing keyword, `)`, or a case terminator. */
  peekCloser(): string | null {
    const i = this.i;
    if (i >= this.n) return null;
    const c = this.src.charCodeAt(i);
    if (c === RP) return ')';
    if (c === SEMI) {
      const d = this.src.charCodeAt(i + 1);
      if (d === SEMI) return this.src.charCodeAt(i + 2) === AMP ? ';;&' : ';;';
      if (d === AMP) return ';&';
      return null;
    }
    if (c === RBR || (c >= 97 && c <= 122)) {
      const r = this.peekReserved();
      return r !== null && CLOSERS.has(r) ? r : null;
    }
    return null;
  }

  atListEnd(): boolean {
    return this.i >= this.n || this.peekCloser() !== null;
  }

  peekWord(w: string): boolean {
    return this.src.startsWith(w, this.i) && this.i + w.length <= this.n && this.isDelim(this.i + w.length);
  }

  /** Whether some enclosing construct may legitimately consume this closer. */
  isOpenCloser(t: string): boolean {
    switch (t) {
      case 'then': case 'elif': case 'else': case 'fi': return this.openIf > 0;
      case 'do': case 'done': return this.openLoop > 0;
      case 'esac': case ';;': case ';&': case ';;&': return this.openCase > 0;
      case '}': return this.openBrace > 0;
      case ')': return this.openParen > 0;
      default: return false;
    }
  }

  /** Reports the token at the cursor as unexpected and skips it (always advances). */
  unexpected(): void {
    const s = this.i, n = this.n, src = this.src;
    if (s >= n) return;
    const c = src.charCodeAt(s);
    let e = s + 1;
    const t = this.peekCloser() ?? this.peekReserved();
    if (t !== null) e = s + t.length;
    else if ((c === AMP || c === PIPE) && src.charCodeAt(s + 1) === c) e = s + 2;
    else if (c === PIPE && src.charCodeAt(s + 1) === AMP) e = s + 2;
    else if (c >= 128 || CLS[c] !== STOP) {
      this.readWord(W_NORMAL);
      e = Math.max(this.i, s + 1);
    }
    const tok = src.slice(s, Math.min(e, s + 30));
    this.err(`unexpected '${tok}'`, s, e);
    this.i = e;
  }

  // ---------------------------------------------------------------- grammar

  parseBody(): void {
    for (;;) {
      this.parseList();
      if (this.i >= this.n) break;
      this.unexpected();
    }
  }

  parseProgram(): void {
    this.parseBody();
    for (const h of this.pending) {
      this.err(`here-document '${h.delimiter}' has no body`, h.opStart, h.opEnd);
    }
    this.pending = [];
  }

  /** A list of and-or lists separated by `;`, `&` or newlines; stops at a closer or the end. */
  parseList(): void {
    let connector: string | undefined;
    let first = true;
    for (;;) {
      const nl = this.skipLinebreaks();
      if (nl && !first && connector === undefined) connector = '\n';
      if (this.atListEnd()) return;
      const before = this.i;
      const parsed = this.parseAndOr(connector);
      first = false;
      connector = undefined;
      this.skipBlanks();
      if (this.i < this.n) {
        const c = this.src.charCodeAt(this.i);
        if (!parsed) {
          // An operator where a command should be (`; a`, `&& b`, `| c`).
          this.unexpected();
        } else if ((c === SEMI || c === AMP) && this.peekCloser() === null) {
          this.i++;
          connector = c === SEMI ? ';' : '&';
        } else if (c !== NL && c !== HASH && !this.atListEnd()) {
          this.unexpected();
        }
      }
      if (this.i === before) this.unexpected();
    }
  }

  parseAndOr(connector: string | undefined): boolean {
    const parsed = this.parsePipeline(connector);
    if (!parsed) return false;
    const src = this.src;
    for (;;) {
      this.skipBlanks();
      const i = this.i;
      if (i + 1 >= this.n) return true;
      const c = src.charCodeAt(i);
      if ((c !== AMP && c !== PIPE) || src.charCodeAt(i + 1) !== c) return true;
      const op = c === AMP ? '&&' : '||';
      this.i = i + 2;
      this.skipLinebreaks();
      if (this.atListEnd() || !this.parsePipeline(op)) {
        this.err(`expected a command after '${op}'`, i, i + 2);
        return true;
      }
    }
  }

  parsePipeline(connector: string | undefined): boolean {
    this.skipBlanks();
    let bang = -1;
    while (this.peekReserved() === '!') {
      bang = this.i;
      this.i++;
      this.skipBlanks();
    }
    const sh = this.sh;
    const startIdx = sh.commands.length;
    if (!this.parseCommand(connector)) {
      if (bang >= 0) this.err(`expected a command after '!'`, bang, bang + 1);
      return bang >= 0;
    }
    let count = 1;
    const src = this.src;
    for (;;) {
      this.skipBlanks();
      const i = this.i;
      if (i >= this.n || src.charCodeAt(i) !== PIPE || src.charCodeAt(i + 1) === PIPE) break;
      const len = src.charCodeAt(i + 1) === AMP ? 2 : 1;
      const op = len === 2 ? '|&' : '|';
      this.i = i + len;
      this.skipLinebreaks();
      if (this.atListEnd() || !this.parseCommand(op)) {
        this.err(`expected a command after '${op}'`, i, i + len);
        break;
      }
      sh.pipes.push({ start: this.abs(i), end: this.absEnd(i + len), depth: this.depth, inSubstitution: this.subst > 0 });
      count++;
    }
    if (count > 1) {
      const cmds = sh.commands, levels = sh.substLevels, lvl = this.subst;
      sh.steps += cmds.length - startIdx;
      for (let k = startIdx; k < cmds.length; k++) {
        const cmd = cmds[k];
        if (cmd !== undefined && levels[k] === lvl) cmd.inPipeline = true;
      }
    }
    return true;
  }

  parseCommand(connector: string | undefined): boolean {
    this.skipBlanks();
    const i = this.i;
    if (i >= this.n) return false;
    const src = this.src;
    const c = src.charCodeAt(i);
    if (c === LP) {
      if (src.charCodeAt(i + 1) === LP && this.prescanArith(i + 2)) {
        this.i = i + 2;
        this.readArith(i, RP, '((');
      } else {
        this.parseParenList(i, 1, false);
      }
      this.parseCompoundRedirects();
      return true;
    }
    if (c === 116 /* t */ && this.timedCompound()) return this.parseCommand(connector);
    if ((c >= 97 && c <= 122) || c === LBR || c === RBR || c === LBRK) {
      const r = this.peekReserved();
      if (r !== null) {
        switch (r) {
          case 'if': this.parseIf(); break;
          case 'while': case 'until': this.parseWhile(r); break;
          case 'for': case 'select': this.parseFor(r); break;
          case 'case': this.parseCase(); break;
          case '{': this.parseGroup(); break;
          case '[[': this.parseCond(); break;
          case 'function': this.parseFunctionKeyword(); return true;
          default: return false; // a closer
        }
        this.parseCompoundRedirects();
        return true;
      }
    }
    if (c === SEMI || c === PIPE || c === RP || c === NL) return false;
    if (c === AMP && src.charCodeAt(i + 1) !== GT) return false;
    return this.parseSimple(connector);
  }

  /**
   * bash's `time [-p]` keyword in front of a compound command (`time { …; }`,
   * `time (…)`, `time for …`): consumed so the compound is parsed. In front of
   * a simple command, `time` stays a command name for unwrapCommand to strip.
   */
  timedCompound(): boolean {
    if (!this.peekWord('time')) return false;
    const save = this.i;
    this.i += 4;
    this.skipBlanks();
    if (this.src.startsWith('-p', this.i) && this.isDelim(this.i + 2)) {
      this.i += 2;
      this.skipBlanks();
    }
    const c = this.src.charCodeAt(this.i);
    const r = this.i < this.n && c !== LP ? this.peekReserved() : null;
    if (this.i < this.n && (c === LP || (r !== null && r !== '!' && !CLOSERS.has(r)))) return true;
    this.i = save;
    return false;
  }

  parseSimple(connector: string | undefined): boolean {
    const src = this.src, sh = this.sh;
    let cmd: ShellCommand | null = null;
    for (;;) {
      this.skipBlanks();
      const s = this.i;
      const n = this.n;
      if (s >= n) break;
      const c = src.charCodeAt(s);
      if (c === NL || c === SEMI || c === PIPE || c === RP || c === HASH) break;
      let redirectOp = -1;
      if (c === AMP) {
        if (src.charCodeAt(s + 1) !== GT) break;
        redirectOp = s;
      } else if (c === LT || c === GT) {
        if (src.charCodeAt(s + 1) !== LP) redirectOp = s;
      } else if (c >= 48 && c <= 57) {
        let j = s + 1;
        while (j < n && isDigit(src.charCodeAt(j))) j++;
        if (j < n && (src.charCodeAt(j) === LT || src.charCodeAt(j) === GT)) {
          redirectOp = j;
          this.sh.steps += j - s;
        }
      } else if (c === LP) {
        this.err(`unexpected '('`, s, s + 1);
        this.i = s + 1;
        continue;
      }
      if (cmd === null) {
        const at = this.abs(s);
        cmd = {
          name: undefined,
          args: [],
          assignments: [],
          redirects: [],
          start: at,
          end: at,
          connector,
          depth: this.depth,
          inSubstitution: this.subst > 0,
          inPipeline: false,
        };
        sh.commands.push(cmd);
        sh.substLevels.push(this.subst);
      }
      if (redirectOp >= 0) {
        cmd.redirects.push(this.readRedirect(s, redirectOp));
      } else if (cmd.name === undefined) {
        const eq = this.assignmentEq(s);
        if (eq >= 0) {
          const nameEnd = src.charCodeAt(eq - 1) === PLUS ? eq - 1 : eq;
          this.i = eq + 1;
          let value: ShellWord | undefined;
          if (this.i < n) {
            const d = src.charCodeAt(this.i);
            if (d === LP) value = this.readArrayWord();
            else if (d >= 128 || CLS[d] !== STOP) value = this.readWord(W_NORMAL);
          }
          cmd.assignments.push({
            name: src.slice(s, nameEnd),
            value,
            start: this.abs(s),
            end: value !== undefined ? value.end : this.absEnd(eq + 1),
          });
        } else {
          const w = this.readWord(W_NORMAL);
          cmd.name = w;
          if (
            cmd.args.length === 0 && cmd.assignments.length === 0 && cmd.redirects.length === 0 &&
            !w.quoted && !w.hasExpansion && this.isFunctionParens()
          ) {
            // `name() body`: a definition, not a command.
            if (sh.commands[sh.commands.length - 1] === cmd) {
              sh.commands.pop();
              sh.substLevels.pop();
            }
            this.parseFunctionBody(s);
            return true;
          }
        }
      } else {
        cmd.args.push(this.readWord(W_NORMAL));
      }
      cmd.end = this.absEnd(this.i);
    }
    return cmd !== null;
  }

  /** After a function name: `( )` follows? Consumes it if so. */
  isFunctionParens(): boolean {
    const src = this.src, n = this.n;
    let j = this.i;
    while (j < n && (src.charCodeAt(j) === SP || src.charCodeAt(j) === TAB)) j++;
    if (j >= n || src.charCodeAt(j) !== LP) return false;
    j++;
    while (j < n && (src.charCodeAt(j) === SP || src.charCodeAt(j) === TAB)) j++;
    this.sh.steps += j - this.i;
    if (j >= n || src.charCodeAt(j) !== RP) return false;
    this.i = j + 1;
    return true;
  }

  parseFunctionBody(nameStart: number): void {
    this.enter();
    this.skipLinebreaks();
    if (this.atListEnd() || !this.parseCommand(undefined)) {
      this.err('expected a function body', nameStart, Math.max(this.i, nameStart + 1));
    }
    this.leave();
  }

  parseFunctionKeyword(): void {
    const s = this.i;
    this.i += 8;
    this.skipBlanks();
    const c = this.src.charCodeAt(this.i);
    if (this.i < this.n && (c >= 128 || CLS[c] !== STOP)) this.readWord(W_NORMAL);
    else this.err(`expected a function name after 'function'`, s, s + 8);
    this.isFunctionParens();
    this.parseFunctionBody(s);
  }

  /** Index of the `=` if a prefix assignment (`NAME=`, `NAME+=`, `NAME[i]=`) starts at s, else -1. */
  assignmentEq(s: number): number {
    const src = this.src, n = this.n;
    if (!isNameStart(src.charCodeAt(s))) return -1;
    let j = s + 1;
    while (j < n && isNameChar(src.charCodeAt(j))) j++;
    if (j < n && src.charCodeAt(j) === LBRK) {
      j++;
      while (j < n) {
        const c = src.charCodeAt(j);
        if (c === RBRK || c === SP || c === TAB || c === NL) break;
        j++;
      }
      if (j >= n || src.charCodeAt(j) !== RBRK) {
        this.sh.steps += j - s;
        return -1;
      }
      j++;
    }
    if (j < n && src.charCodeAt(j) === PLUS) j++;
    this.sh.steps += j - s;
    return j < n && src.charCodeAt(j) === EQ ? j : -1;
  }

  readRedirect(s: number, opStart: number): ShellRedirect {
    const src = this.src;
    let j = opStart;
    const c = src.charCodeAt(j);
    let heredoc = 0; // 1: <<, 2: <<-
    if (c === AMP) {
      j += 2; // &>
      if (src.charCodeAt(j) === GT) j++;
    } else if (c === LT) {
      j++;
      const d = src.charCodeAt(j);
      if (d === LT) {
        j++;
        const e = src.charCodeAt(j);
        if (e === LT) j++;
        else if (e === MINUS) {
          j++;
          heredoc = 2;
        } else heredoc = 1;
      } else if (d === AMP || d === GT) j++;
    } else {
      j++;
      const d = src.charCodeAt(j);
      if (d === GT || d === AMP || d === PIPE) j++;
    }
    if (j > this.n) j = this.n;
    const op = src.slice(s, j);
    this.i = j;
    this.skipBlanks();
    let target: ShellWord | undefined;
    const i = this.i;
    if (i < this.n) {
      const t = src.charCodeAt(i);
      if (t >= 128 || CLS[t] !== STOP || ((t === LT || t === GT) && src.charCodeAt(i + 1) === LP)) {
        target = this.readWord(W_NORMAL);
      }
    }
    if (target === undefined) this.err(`expected a word after '${op}'`, s, j);
    const r: ShellRedirect = { op, target, start: this.abs(s), end: target !== undefined ? target.end : this.absEnd(j) };
    if (heredoc !== 0 && target !== undefined) {
      this.pending.push({
        redirect: r,
        delimiter: target.value,
        quoted: target.quoted,
        stripTabs: heredoc === 2,
        opStart: s,
        opEnd: j,
      });
    }
    return r;
  }

  /** Redirections after a compound command (`done < file`, `} > log`): parsed for their here-documents and substitutions. */
  parseCompoundRedirects(): void {
    const src = this.src;
    for (;;) {
      this.skipBlanks();
      const s = this.i;
      if (s >= this.n) return;
      const c = src.charCodeAt(s);
      if (((c === LT || c === GT) && src.charCodeAt(s + 1) !== LP) || (c === AMP && src.charCodeAt(s + 1) === GT)) {
        this.readRedirect(s, s);
      } else if (isDigit(c)) {
        let j = s + 1;
        while (j < this.n && isDigit(src.charCodeAt(j))) j++;
        if (j < this.n && (src.charCodeAt(j) === LT || src.charCodeAt(j) === GT)) this.readRedirect(s, j);
        else return;
      } else return;
    }
  }

  /**
   * Parses a list up to one of `accept` (not consumed, returned). On the end
   * of input, or on a closer that an enclosing construct may want, reports
   * `opener` as unclosed and returns null; stray closers are skipped.
   */
  parseListTo(accept: readonly string[], openS: number, openLen: number, want: string): string | null {
    for (;;) {
      this.parseList();
      if (this.i >= this.n) {
        this.err(`'${this.src.slice(openS, openS + openLen)}' without matching '${want}'`, openS, openS + openLen);
        return null;
      }
      const t = this.peekCloser();
      if (t === null) {
        this.unexpected();
        continue;
      }
      if (accept.includes(t)) return t;
      if (this.isOpenCloser(t)) {
        this.err(`expected '${want}' before '${t}'`, this.i, this.i + t.length);
        return null;
      }
      this.unexpected();
    }
  }

  /** `( list )`, `$( list )`, `<( list )`; `len` is the opener's length. */
  parseParenList(openS: number, len: number, substitution: boolean): void {
    this.enter();
    this.i = openS + len;
    this.depth++;
    if (substitution) this.subst++;
    this.openParen++;
    if (this.parseListTo([')'], openS, len, ')') !== null) this.i++;
    this.openParen--;
    if (substitution) this.subst--;
    this.depth--;
    this.leave();
  }

  /** Consumes `kw` if it is the closer at the cursor. */
  closeWith(kw: string): void {
    if (this.peekCloser() === kw) this.i += kw.length;
  }

  parseIf(): void {
    const s = this.i;
    this.enter();
    this.i += 2;
    this.depth++;
    this.openIf++;
    let r = this.parseListTo(['then'], s, 2, 'then');
    while (r === 'then') {
      this.i += 4;
      r = this.parseListTo(['elif', 'else', 'fi'], s, 2, 'fi');
      if (r === 'elif') {
        this.i += 4;
        r = this.parseListTo(['then'], s, 2, 'then');
        continue;
      }
      if (r === 'else') {
        this.i += 4;
        this.parseListTo(['fi'], s, 2, 'fi');
      }
      break;
    }
    this.closeWith('fi');
    this.openIf--;
    this.depth--;
    this.leave();
  }

  parseWhile(kw: string): void {
    const s = this.i;
    this.enter();
    this.i += kw.length;
    this.depth++;
    this.openLoop++;
    if (this.parseListTo(['do'], s, kw.length, 'do') === 'do') {
      this.i += 2;
      this.parseListTo(['done'], s, kw.length, 'done');
    }
    this.closeWith('done');
    this.openLoop--;
    this.depth--;
    this.leave();
  }

  parseFor(kw: string): void {
    const s = this.i, src = this.src;
    this.enter();
    this.i += kw.length;
    this.depth++;
    this.openLoop++;
    this.skipBlanks();
    const c = src.charCodeAt(this.i);
    if (c === LP && src.charCodeAt(this.i + 1) === LP) {
      const p = this.i;
      this.i += 2;
      this.readArith(p, RP, '((');
    } else if (this.i < this.n && (c >= 128 || CLS[c] !== STOP)) {
      this.readWord(W_NORMAL);
    } else {
      this.err(`expected a variable name after '${kw}'`, s, s + kw.length);
    }
    this.skipLinebreaks();
    if (this.peekWord('in')) {
      this.i += 2;
      for (;;) {
        this.skipBlanks();
        if (this.i >= this.n) break;
        const d = src.charCodeAt(this.i);
        if (d < 128 && CLS[d] === STOP) break;
        if (d === HASH) {
          this.skipComment();
          break;
        }
        this.readWord(W_NORMAL);
      }
    }
    this.skipBlanks();
    if (this.i < this.n && src.charCodeAt(this.i) === SEMI && this.peekCloser() === null) this.i++;
    if (this.parseListTo(['do'], s, kw.length, 'do') === 'do') {
      this.i += 2;
      this.parseListTo(['done'], s, kw.length, 'done');
    }
    this.closeWith('done');
    this.openLoop--;
    this.depth--;
    this.leave();
  }

  parseCase(): void {
    const s = this.i, src = this.src;
    this.enter();
    this.i += 4;
    this.depth++;
    this.openCase++;
    this.skipBlanks();
    const c = src.charCodeAt(this.i);
    if (this.i < this.n && (c >= 128 || CLS[c] !== STOP)) this.readWord(W_NORMAL);
    else this.err(`expected a word after 'case'`, s, s + 4);
    this.skipLinebreaks();
    if (!this.peekWord('in')) {
      this.err(`expected 'in' after 'case' word`, s, s + 4);
    } else {
      this.i += 2;
      for (;;) {
        const before = this.i;
        this.skipLinebreaks();
        if (this.i >= this.n) {
          this.err(`'case' without matching 'esac'`, s, s + 4);
          break;
        }
        if (this.peekReserved() === 'esac') {
          this.i += 4;
          break;
        }
        // Patterns: `[(] pat [| pat]… )`. They are words, never commands.
        if (src.charCodeAt(this.i) === LP) this.i++;
        let closed = false;
        for (;;) {
          this.skipBlanks();
          if (this.i >= this.n) break;
          const d = src.charCodeAt(this.i);
          if (d === RP) {
            this.i++;
            closed = true;
            break;
          }
          if (d === PIPE) {
            this.i++;
            continue;
          }
          if (d < 128 && CLS[d] === STOP) break;
          this.readWord(W_NORMAL);
        }
        if (!closed) {
          this.err(`expected ')' after a case pattern`, before, Math.max(this.i, before + 1));
          break;
        }
        const r = this.parseListTo([';;', ';&', ';;&', 'esac'], s, 4, 'esac');
        if (r === null) break;
        if (r === 'esac') {
          this.i += 4;
          break;
        }
        this.i += r.length;
      }
    }
    this.openCase--;
    this.depth--;
    this.leave();
  }

  parseGroup(): void {
    const s = this.i;
    this.enter();
    this.i++;
    this.depth++;
    this.openBrace++;
    if (this.parseListTo(['}'], s, 1, '}') !== null) this.i++;
    this.openBrace--;
    this.depth--;
    this.leave();
  }

  /** `[[ … ]]`: a test expression, not a command; only substitutions inside matter. */
  parseCond(): void {
    const s = this.i, src = this.src;
    this.i += 2;
    for (;;) {
      this.skipLinebreaks();
      const i = this.i;
      if (i >= this.n) {
        this.err(`'[[' without matching ']]'`, s, s + 2);
        return;
      }
      const c = src.charCodeAt(i);
      if (c === RBRK && src.charCodeAt(i + 1) === RBRK && this.isDelim(i + 2)) {
        this.i = i + 2;
        return;
      }
      if ((c === AMP || c === PIPE) && src.charCodeAt(i + 1) === c) {
        this.i = i + 2;
        continue;
      }
      if (c === SEMI || c === AMP) {
        this.err(`'[[' without matching ']]'`, s, s + 2);
        return;
      }
      this.readWord(W_COND);
    }
  }

  // ---------------------------------------------------------------- words

  readWord(mode: number): ShellWord {
    const src = this.src, n = this.n;
    const s = this.i;
    let i = s, seg = s, flags = 0;
    let value = '';
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c >= 128) {
        i++;
        continue;
      }
      const k = CLS[c];
      if (k === ORD) {
        i++;
        continue;
      }
      if (k === STOP) {
        if (c === LP) {
          if (mode === W_COND) {
            i++;
            continue;
          }
          if (i > s && seg < i) {
            const pc = src.charCodeAt(i - 1);
            if (pc === AT || pc === BANG || pc === PLUS || pc === STAR || pc === QM) {
              i = this.skipExtglob(i);
              continue;
            }
            if (pc === EQ && flags === 0 && seg === s && this.assignmentEq(s) === i - 1) {
              // `declare -a x=(…)`: the array is part of the word.
              this.i = i;
              flags |= this.readArray();
              i = this.i;
              break;
            }
          }
          break;
        }
        if ((c === LT || c === GT) && src.charCodeAt(i + 1) === LP && i === s) {
          // Process substitution `<(…)` / `>(…)`.
          this.parseParenList(i, 2, true);
          i = this.i;
          flags |= F_EXP | F_UNQ;
          continue;
        }
        if (mode === W_COND && (c === RP || c === LT || c === GT || (c === PIPE && src.charCodeAt(i + 1) !== PIPE))) {
          i++;
          continue;
        }
        break;
      }
      // SPECIAL
      if (c === SQ) {
        value += src.slice(seg, i);
        const close = src.indexOf("'", i + 1);
        if (close === -1 || close >= n) {
          this.err('unterminated single-quoted string', i, i + 1);
          value += src.slice(i + 1, n);
          i = n;
        } else {
          value += src.slice(i + 1, close);
          i = close + 1;
        }
        seg = i;
        flags |= F_QUOTED;
      } else if (c === DQ) {
        value += src.slice(seg, i);
        this.i = i;
        value += this.readDQ();
        flags |= F_QUOTED | this.lastFlags;
        i = this.i;
        seg = i;
      } else if (c === BS) {
        if (i + 1 >= n) {
          i++;
          continue;
        }
        const d = src.charCodeAt(i + 1);
        value += src.slice(seg, i);
        if (d === NL) {
          i += 2;
          seg = i;
        } else if (d === CR && src.charCodeAt(i + 2) === NL) {
          i += 3;
          seg = i;
        } else {
          seg = i + 1; // the escaped char starts the next literal run
          i += 2;
          flags |= F_QUOTED;
        }
      } else if (c === DOLLAR) {
        const d = src.charCodeAt(i + 1);
        if (d === SQ) {
          value += src.slice(seg, i);
          this.i = i;
          value += this.readAnsiC();
          i = this.i;
          seg = i;
          flags |= F_QUOTED;
        } else if (d === DQ) {
          value += src.slice(seg, i);
          this.i = i + 1;
          value += this.readDQ();
          flags |= F_QUOTED | this.lastFlags;
          i = this.i;
          seg = i;
        } else {
          // Expansions stay in the current literal run: their value is their source text.
          this.i = i;
          if (this.readDollar(false) !== 0) flags |= F_EXP | F_UNQ;
          i = this.i;
        }
      } else {
        // BQ
        this.i = i;
        this.readBackquote(false);
        i = this.i;
        flags |= F_EXP | F_UNQ;
      }
    }
    if (i === s) i = Math.min(s + 1, n); // never return an empty word (callers rely on progress)
    value += src.slice(seg, i);
    this.i = i;
    return {
      value,
      start: this.abs(s),
      end: this.absEnd(i),
      quoted: (flags & F_QUOTED) !== 0,
      hasExpansion: (flags & F_EXP) !== 0,
      unquotedExpansion: (flags & F_UNQ) !== 0,
    };
  }

  /** `NAME=(…)` as a prefix assignment value: the raw array text is the value. */
  readArrayWord(): ShellWord {
    const s = this.i;
    const flags = this.readArray();
    return {
      value: this.src.slice(s, this.i),
      start: this.abs(s),
      end: this.absEnd(this.i),
      quoted: (flags & F_QUOTED) !== 0,
      hasExpansion: (flags & F_EXP) !== 0,
      unquotedExpansion: (flags & F_UNQ) !== 0,
    };
  }

  /** At `(` of an array value; returns the word flags of its elements. */
  readArray(): number {
    const s = this.i, src = this.src;
    this.enter();
    this.i++;
    let flags = 0;
    for (;;) {
      this.skipLinebreaks();
      if (this.i >= this.n) {
        this.err(`'(' without matching ')'`, s, s + 1);
        break;
      }
      const c = src.charCodeAt(this.i);
      if (c === RP) {
        this.i++;
        break;
      }
      if (c < 128 && CLS[c] === STOP) {
        this.err(`unexpected '${String.fromCharCode(c)}' in array`, this.i, this.i + 1);
        this.i++;
        continue;
      }
      const w = this.readWord(W_NORMAL);
      flags |= (w.quoted ? F_QUOTED : 0) | (w.hasExpansion ? F_EXP : 0) | (w.unquotedExpansion ? F_UNQ : 0);
    }
    this.leave();
    return flags;
  }

  /** Extended glob `@(a|b)` etc.: skipped textually, returns the index after its `)`. */
  skipExtglob(open: number): number {
    const src = this.src, n = this.n;
    let depth = 0;
    let j = open;
    while (j < n) {
      const c = src.charCodeAt(j);
      if (c === LP) depth++;
      else if (c === RP) {
        if (--depth === 0) return j + 1;
      } else if (c === BS) j++;
      else if (c === SQ || c === DQ) {
        const q = src.indexOf(c === SQ ? "'" : '"', j + 1);
        if (q === -1 || q >= n) break;
        j = q;
      } else if (c === NL) break;
      j++;
    }
    this.err(`unterminated pattern '('`, open, open + 1);
    return Math.max(Math.min(j, n), open + 1);
  }

  /** At `"`: returns the content after escape processing; sets lastFlags (F_EXP if an expansion was seen). */
  readDQ(): string {
    const src = this.src, n = this.n;
    const open = this.i;
    let i = open + 1, seg = i, flags = 0;
    let out = '';
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === DQ) {
        out += src.slice(seg, i);
        this.i = i + 1;
        this.lastFlags = flags;
        return out;
      }
      if (c === BS) {
        const d = src.charCodeAt(i + 1);
        if (d === DOLLAR || d === BQ || d === DQ || d === BS) {
          out += src.slice(seg, i);
          seg = i + 1;
          i += 2;
        } else if (d === NL) {
          out += src.slice(seg, i);
          i += 2;
          seg = i;
        } else {
          i++;
        }
      } else if (c === DOLLAR) {
        this.i = i;
        if (this.readDollar(true) !== 0) flags |= F_EXP;
        i = this.i;
      } else if (c === BQ) {
        this.i = i;
        this.readBackquote(true);
        i = this.i;
        flags |= F_EXP;
      } else {
        i++;
      }
    }
    this.err('unterminated double-quoted string', open, open + 1);
    out += src.slice(seg, n);
    this.i = n;
    this.lastFlags = flags;
    return out;
  }

  /** At `$'`: ANSI-C quoting. */
  readAnsiC(): string {
    const src = this.src, n = this.n;
    const open = this.i;
    let i = open + 2, seg = i;
    let out = '';
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === SQ) {
        out += src.slice(seg, i);
        this.i = i + 1;
        return out;
      }
      if (c !== BS || i + 1 >= n) {
        i++;
        continue;
      }
      out += src.slice(seg, i);
      const d = src.charAt(i + 1);
      i += 2;
      switch (d) {
        case 'a': out += '\x07'; break;
        case 'b': out += '\b'; break;
        case 'e': case 'E': out += '\x1b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case '\\': case "'": case '"': case '?': out += d; break;
        case 'c': {
          if (i < n) {
            out += String.fromCharCode(src.charCodeAt(i) & 0x1f);
            i++;
          }
          break;
        }
        case 'x': case 'u': case 'U': {
          const max = d === 'x' ? 2 : d === 'u' ? 4 : 8;
          let j = i;
          while (j < n && j - i < max && isHexDigit(src.charCodeAt(j))) j++;
          if (j === i) out += '\\' + d;
          else {
            const cp = parseInt(src.slice(i, j), 16);
            out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
          }
          i = j;
          break;
        }
        default: {
          if (d >= '0' && d <= '7') {
            let j = i;
            while (j < n && j - i < 2 && src.charCodeAt(j) >= 48 && src.charCodeAt(j) <= 55) j++;
            out += String.fromCharCode(parseInt(src.slice(i - 1, j), 8) & 0xff);
            i = j;
          } else {
            out += '\\' + d;
          }
        }
      }
      seg = i;
    }
    this.err('unterminated $\'…\' string', open, open + 2);
    out += src.slice(seg, n);
    this.i = n;
    return out;
  }

  /** At `$`: consumes an expansion and returns F_EXP, or consumes a literal `$` and returns 0. */
  readDollar(inDQ: boolean): number {
    const src = this.src, n = this.n;
    const i = this.i;
    if (i + 1 >= n) {
      this.i = i + 1;
      return 0;
    }
    const d = src.charCodeAt(i + 1);
    if (d === LBR) {
      this.i = i + 2;
      this.readParam(inDQ, i);
      return F_EXP;
    }
    if (d === LP) {
      if (src.charCodeAt(i + 2) === LP && this.prescanArith(i + 3)) {
        this.i = i + 3;
        this.readArith(i, RP, '$((');
      } else {
        this.parseParenList(i, 2, true);
      }
      return F_EXP;
    }
    if (d === LBRK) {
      this.i = i + 2;
      this.readArith(i, RBRK, '$[');
      return F_EXP;
    }
    if (isNameStart(d)) {
      let j = i + 2;
      while (j < n && isNameChar(src.charCodeAt(j))) j++;
      this.i = j;
      return F_EXP;
    }
    if (isDigit(d) || d === AT || d === STAR || d === HASH || d === QM || d === MINUS || d === DOLLAR || d === BANG) {
      this.i = i + 2;
      return F_EXP;
    }
    this.i = i + 1;
    return 0;
  }

  /** After `${`: up to the matching `}` (braces, quotes and nested expansions respected). */
  readParam(inDQ: boolean, open: number): void {
    const src = this.src, n = this.n;
    this.enter();
    let i = this.i, depth = 0;
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === RBR) {
        if (depth === 0) {
          this.i = i + 1;
          this.leave();
          return;
        }
        depth--;
        i++;
      } else if (c === LBR) {
        depth++;
        i++;
      } else if (c === BS) {
        i += 2;
      } else if (c === SQ && !inDQ) {
        const q = src.indexOf("'", i + 1);
        if (q === -1 || q >= n) break;
        i = q + 1;
      } else if (c === DQ) {
        this.i = i;
        this.readDQ();
        i = this.i;
      } else if (c === DOLLAR) {
        this.i = i;
        this.readDollar(inDQ);
        i = this.i;
      } else if (c === BQ) {
        this.i = i;
        this.readBackquote(inDQ);
        i = this.i;
      } else {
        i++;
      }
    }
    this.err("unterminated '${'", open, open + 2);
    this.i = n;
    this.leave();
  }

  /**
   * Decides `$((`/`((` (arithmetic) versus `$( (`/`( (` (nested subshell)
   * the way bash does, by finding where the inner paren closes, but without
   * backtracking: a flat scan charged to a global budget.
   */
  prescanArith(p: number): boolean {
    const src = this.src, n = this.n, sh = this.sh;
    let depth = 0;
    let i = p;
    const start = p;
    let result = true;
    while (i < n) {
      if (sh.budget - (i - start) <= 0) break;
      const c = src.charCodeAt(i);
      if (c === LP) depth++;
      else if (c === RP) {
        if (depth > 0) depth--;
        else {
          result = src.charCodeAt(i + 1) === RP;
          break;
        }
      } else if (c === SQ || c === DQ) {
        const q = src.indexOf(c === SQ ? "'" : '"', i + 1);
        if (q === -1 || q >= n) break;
        i = q;
      } else if (c === BS) i++;
      i++;
    }
    const used = i - start + 1;
    sh.budget -= used;
    sh.steps += used;
    return result;
  }

  /** Arithmetic body after `$((`, `((` or `$[`: skipped, except for the substitutions inside it. */
  readArith(open: number, close: number, opener: string): void {
    const src = this.src, n = this.n;
    this.enter();
    let i = this.i, depth = 0;
    const openc = close === RP ? LP : LBRK;
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === openc) {
        depth++;
        i++;
      } else if (c === close) {
        if (depth > 0) {
          depth--;
          i++;
          continue;
        }
        if (close === RBRK) {
          this.i = i + 1;
          this.leave();
          return;
        }
        if (src.charCodeAt(i + 1) === RP) {
          this.i = i + 2;
        } else {
          this.err(`expected '))' to close '${opener}'`, i, i + 1);
          this.i = i + 1;
        }
        this.leave();
        return;
      } else if (c === DOLLAR) {
        this.i = i;
        this.readDollar(false);
        i = this.i;
      } else if (c === BQ) {
        this.i = i;
        this.readBackquote(false);
        i = this.i;
      } else if (c === DQ) {
        this.i = i;
        this.readDQ();
        i = this.i;
      } else if (c === SQ) {
        const q = src.indexOf("'", i + 1);
        i = q === -1 || q >= n ? n : q + 1;
      } else if (c === BS) {
        i += 2;
      } else {
        i++;
      }
    }
    this.err(`'${opener}' without matching '${close === RP ? '))' : ']'}'`, open, open + opener.length);
    this.i = n;
    this.leave();
  }

  /** At a backquote: parses the inner script (after undoing the backquote-level escapes). */
  readBackquote(inDQ: boolean): void {
    const src = this.src, n = this.n;
    const open = this.i;
    let j = open + 1;
    let needCopy = false;
    while (j < n) {
      const c = src.charCodeAt(j);
      if (c === BS && j + 1 < n) {
        const d = src.charCodeAt(j + 1);
        if (d === BQ || d === DOLLAR || d === BS || (inDQ && d === DQ)) needCopy = true;
        j += 2;
        continue;
      }
      if (c === BQ) break;
      j++;
    }
    if (j > n) j = n;
    const close = j;
    this.sh.steps += close - open;
    if (close >= n) this.err('unterminated backquote substitution', open, open + 1);
    this.enter();
    if (!needCopy) {
      // Parse in place with a narrowed end; the outer construct state must not leak in.
      const saveN = this.n, savePending = this.pending;
      const so = [this.openIf, this.openLoop, this.openCase, this.openBrace, this.openParen] as const;
      this.openIf = this.openLoop = this.openCase = this.openBrace = this.openParen = 0;
      this.pending = [];
      this.n = close;
      this.i = open + 1;
      this.depth++;
      this.subst++;
      this.parseBody();
      this.depth--;
      this.subst--;
      this.n = saveN;
      this.pending = savePending;
      [this.openIf, this.openLoop, this.openCase, this.openBrace, this.openParen] = so;
    } else {
      const segSrc: number[] = [], segTo: number[] = [];
      let inner = '';
      let seg = open + 1;
      const flush = (a: number, b: number): void => {
        if (b <= a) return;
        segSrc.push(inner.length);
        segTo.push(a);
        inner += src.slice(a, b);
      };
      for (let t = open + 1; t < close;) {
        if (src.charCodeAt(t) === BS && t + 1 < close) {
          const d = src.charCodeAt(t + 1);
          if (d === BQ || d === DOLLAR || d === BS || (inDQ && d === DQ)) {
            flush(seg, t);
            seg = t + 1;
          }
          t += 2;
          continue;
        }
        t++;
      }
      flush(seg, close);
      if (segSrc.length === 0) {
        segSrc.push(0);
        segTo.push(close);
      }
      this.sh.steps += inner.length;
      const sub = new Parser(inner, segSrc, segTo, this, 0, this.sh, this.depth + 1, this.subst + 1);
      sub.parseBody();
    }
    this.leave();
    this.i = close < n ? close + 1 : n;
  }
}

// -------------------------------------------------------------------- Dockerfile continuations

function isLineBlank(c: number): boolean {
  return c === SP || c === TAB || c === CR || c === VT || c === FF;
}

/**
 * Applies Docker's line-continuation rules to text[start, end): escape +
 * [ \t]* + newline is removed, and lines following a continuation that are
 * blank or comments are dropped. Returns null when nothing would change.
 */
function joinContinuations(
  text: string,
  start: number,
  end: number,
  esc: number,
): { src: string; segSrc: number[]; segTo: number[] } | null {
  const nl = text.indexOf('\n', start);
  if (nl === -1 || nl >= end) {
    // Only a trailing escape (last line of the file) can matter without a newline.
    let j = end;
    while (j > start && isLineBlank(text.charCodeAt(j - 1))) j--;
    if (j === start || text.charCodeAt(j - 1) !== esc) return null;
  }
  const escStr = String.fromCharCode(esc);
  const segSrc: number[] = [], segTo: number[] = [];
  let src = '';
  let seg = start;
  let i = start;
  for (;;) {
    i = text.indexOf(escStr, i);
    if (i === -1 || i >= end) break;
    let j = i + 1;
    while (j < end && (text.charCodeAt(j) === SP || text.charCodeAt(j) === TAB)) j++;
    let next = -1;
    if (j >= end) next = end;
    else {
      const c = text.charCodeAt(j);
      if (c === NL) next = j + 1;
      else if (c === CR && (j + 1 >= end || text.charCodeAt(j + 1) === NL)) next = Math.min(j + 2, end);
    }
    if (next === -1) {
      i++;
      continue;
    }
    if (i > seg) {
      segSrc.push(src.length);
      segTo.push(seg);
      src += text.slice(seg, i);
    }
    i = next;
    // Docker drops empty and comment lines inside a continued instruction; they never end it.
    while (i < end) {
      let a = i;
      while (a < end && isLineBlank(text.charCodeAt(a))) a++;
      if (a >= end) {
        i = end;
        break;
      }
      const c = text.charCodeAt(a);
      if (c === NL) {
        i = a + 1;
        continue;
      }
      if (c === HASH) {
        const e = text.indexOf('\n', a);
        i = e === -1 || e >= end ? end : e + 1;
        continue;
      }
      break;
    }
    seg = i;
  }
  if (end > seg || segSrc.length === 0) {
    segSrc.push(src.length);
    segTo.push(seg);
    src += text.slice(seg, end);
  }
  return { src, segSrc, segTo };
}

// -------------------------------------------------------------------- entry points

export interface ShellParseStats {
  /** Work done outside the forward-moving cursor (for linearity tests). */
  steps: number;
  /** Length of the script the parser saw. */
  length: number;
}

/** parseShell plus internal work counters; for tests and benchmarks, not re-exported. */
export function parseShellWithStats(
  text: string,
  start?: number,
  end?: number,
  options?: ShellParseOptions,
): { script: ShellScript; stats: ShellParseStats } {
  const len = text.length;
  const s = start === undefined || !Number.isFinite(start) ? 0 : Math.max(0, Math.min(Math.trunc(start), len));
  let e = end === undefined || !Number.isFinite(end) ? len : Math.max(0, Math.min(Math.trunc(end), len));
  if (e < s) e = s;
  const escStr = options?.escapeChar;
  const esc = escStr !== undefined && escStr.length > 0 ? escStr.charCodeAt(0) : BS;
  const docker = options?.dockerfileContinuations !== false;

  let src: string;
  let segSrc: number[] | null = null, segTo: number[] = [];
  const joined = docker ? joinContinuations(text, s, e, esc) : null;
  if (joined !== null) {
    src = joined.src;
    segSrc = joined.segSrc;
    segTo = joined.segTo;
  } else {
    src = text.slice(s, e);
  }

  const sh: Shared = {
    commands: [],
    substLevels: [],
    pipes: [],
    errors: [],
    budget: 2 * src.length + 1024,
    level: 0,
    steps: 0,
  };
  const p = new Parser(src, segSrc, segTo, null, s, sh, 0, 0);
  try {
    p.parseProgram();
  } catch (error) {
    const at = p.abs(Math.min(p.i, src.length));
    const message =
      error === ABORT
        ? `nesting deeper than ${MAX_NESTING} levels; the rest of the script was not analysed`
        : `internal shell parser error: ${error instanceof Error ? error.message : String(error)}`;
    if (sh.errors.length >= MAX_ERRORS) sh.errors.pop();
    sh.errors.push({ message, start: at, end: at });
  }
  return {
    script: { commands: sh.commands, pipes: sh.pipes, errors: sh.errors, script: src },
    stats: { steps: sh.steps, length: src.length },
  };
}

/** Parse text.slice(start, end) as a shell script; all positions are absolute offsets into `text`. */
export function parseShell(text: string, start?: number, end?: number, options?: ShellParseOptions): ShellScript {
  return parseShellWithStats(text, start, end, options).script;
}
