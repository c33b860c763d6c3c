/**
 * Data model of the shell analyser. Every position is an absolute offset into
 * the text handed to `parseShell` (normally the whole Dockerfile), so rules can
 * report ranges without knowing where the RUN started or how its lines were
 * continued.
 */

export interface ShellWord {
  /**
   * The word's value after quote removal and escape processing; expansions are
   * kept textually ("$HOME", "${X:-y}", "$(cmd)", "`cmd`", "$((1+2))").
   * Dockerfile line continuations inside the word are gone (`ins\⏎tall` is
   * "install").
   */
  value: string;
  /** Absolute offsets into the file text: [start, end). */
  start: number;
  end: number;
  /**
   * true if any part was quoted: '…', "…", $'…', $"…" or a backslash escape
   * (POSIX counts the backslash as quoting; it also stops a word from being a
   * keyword or an assignment).
   */
  quoted: boolean;
  /**
   * true if it contains a parameter/command/arithmetic/process expansion that
   * is unquoted or inside double quotes ($x, ${x}, $(…), `…`, $((…)), <(…)).
   */
  hasExpansion: boolean;
  /** true if at least one of those expansions is outside double quotes (subject to word splitting and globbing). */
  unquotedExpansion: boolean;
}

export interface HereDocument {
  /** Delimiter after quote removal. */
  delimiter: string;
  /** Delimiter was quoted (`<<'EOF'`, `<<"EOF"`, `<<\EOF`): the body is not expanded by the shell. */
  quoted: boolean;
  /** `<<-`: leading tabs are stripped from body lines and from the delimiter line. */
  stripTabs: boolean;
  /** The body text as the shell sees it, without the delimiter line. */
  body: string;
  /** Absolute range of the body (empty range at the body's start when it is empty). */
  start: number;
  end: number;
}

export interface ShellRedirect {
  /** Operator including an fd prefix: ">", ">>", "<", "2>", "2>&", "&>", "&>>", "<<", "<<-", "<<<", ">&", "<&", "<>", ">|". */
  op: string;
  /** The target word (file, fd number, `-`, here-string, or here-document delimiter); undefined if missing (then an error is reported). */
  target?: ShellWord;
  start: number;
  end: number;
  /** For `<<` / `<<-`: the here-document, once its body has been read. */
  heredoc?: HereDocument;
}

export interface ShellAssignment {
  name: string;
  /** The value after `=`; undefined for `NAME=` with nothing after it. For arrays (`A=(x y)`) the value is the raw `(x y)` text. */
  value: ShellWord | undefined;
  start: number;
  end: number;
}

export interface ShellCommand {
  /** Command name word (first non-assignment word), or undefined for a bare assignment / redirect-only command. */
  name: ShellWord | undefined;
  /** Words after the name (not including assignments or redirections). */
  args: ShellWord[];
  /** `FOO=bar` prefix assignments. */
  assignments: ShellAssignment[];
  redirects: ShellRedirect[];
  start: number;
  end: number;
  /** Operator that connects this command to the previous one in its list: "&&" | "||" | ";" | "&" | "|" | "|&" | "\n" | undefined (first in its list). */
  connector: string | undefined;
  /** Nesting: 0 top level; +1 for each enclosing (…), { …; }, $(…), `…`, <(…), if/while/until/for/select/case construct and function body. */
  depth: number;
  /** Inside a command substitution $(…) / `…` (or a process substitution <(…) / >(…)). */
  inSubstitution: boolean;
  /**
   * Part of a pipeline with ≥2 elements: either an element itself or inside a
   * compound element (`curl … | (cd x && tar x)`), but not across a
   * substitution boundary (`echo $(a) | b`: `a` is not in the pipeline).
   */
  inPipeline: boolean;
  /** Set on views returned by `unwrapCommand`: the command as written. */
  original?: ShellCommand;
  /** Set on views returned by `unwrapCommand`: the wrapper words removed (`sudo`, `-u`, `root`, …), in order. */
  wrappers?: ShellWord[];
}

export interface ShellParseError {
  message: string;
  start: number;
  end: number;
}

export interface ShellPipe {
  start: number;
  end: number;
  /** The `depth` the pipeline's commands have (0 at top level). */
  depth: number;
  inSubstitution: boolean;
}

export interface ShellScript {
  /**
   * Every simple command found anywhere (top level, subshells, groups, $(…),
   * backticks, if/for/while/until/case bodies, functions), in source order of
   * their start. Counted once each (unlike hadolint, which double counts).
   */
  commands: ShellCommand[];
  /** `|` and `|&` operators of pipelines with ≥2 commands (not `||`, not quoted), anywhere in the script. */
  pipes: ShellPipe[];
  /** Nothing throws: unterminated quotes, unbalanced parens etc. become errors (at most 100), and parsing recovers as best it can. */
  errors: ShellParseError[];
  /** The script as the shell sees it (Dockerfile continuations and continuation comment lines removed). */
  script: string;
}

export interface ShellParseOptions {
  /**
   * Dockerfile escape character (default "\\"). With `dockerfileContinuations`,
   * escapeChar + optional blanks + newline (optionally \r\n) is a Dockerfile
   * line continuation: removed, the next line joined. With the escape
   * directive set to "`", backtick-newline is the continuation and a
   * backslash stays a normal shell character.
   */
  escapeChar?: string;
  /**
   * Default true. true for a shell-form RUN's text in a Dockerfile: Docker
   * strips line continuations, and lines inside a continued instruction that
   * are empty or start with optional whitespace + '#' are removed before the
   * shell sees them. false for heredoc bodies and plain scripts (then
   * backslash-newline is the shell's own line continuation, which has the same
   * joining effect, and '#' lines are ordinary shell comments).
   */
  dockerfileContinuations?: boolean;
}
