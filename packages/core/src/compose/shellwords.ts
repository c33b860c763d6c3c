/**
 * mattn/go-shellwords' `Parse` (environment and backquote expansion off, as compose-go calls it):
 * how Compose splits a `command` or `entrypoint` written as a string into words. It is not a
 * shell: quotes and backslashes group and escape, `$(…)` is kept as one word, and the line ends
 * at the first `;`, `&`, `|`, `<` or `>` outside quotes (the rest is dropped).
 */

/**
 * compose-go v2 requires 1.0.12; docker compose v5 builds with 1.0.13, which refuses a `)` that
 * closes no `$(` at once (1.0.12 toggles a `$(` state with it, and fails only if it ends open)
 * and reads `\t` and `\n` as a tab and a newline.
 */
export type ShellwordsVersion = "1.0.12" | "1.0.13";

/** Why the line is refused (go-shellwords says `invalid command line string` for all of them). */
export type ShellwordsProblem = "single-quote" | "double-quote" | "backslash" | "backquote" | "subshell" | "open-paren" | "close-paren";

export type ShellwordsResult = { args: string[] } | { problem: ShellwordsProblem };

const ARG_NO = 0;
const ARG_SINGLE = 1;
const ARG_QUOTED = 2;

export function shellwords(line: string, version: ShellwordsVersion = "1.0.13"): ShellwordsResult {
  const args: string[] = [];
  let buf = "";
  let escaped = false;
  let doubleQuoted = false;
  let singleQuoted = false;
  let backQuote = false;
  let dollarQuote = false;
  let got = ARG_NO;
  loop: for (const char of line) {
    let r = char;
    if (escaped) {
      if (version === "1.0.13") {
        if (r === "t") r = "\t";
        if (r === "n") r = "\n";
      }
      buf += r;
      escaped = false;
      got = ARG_SINGLE;
      continue;
    }
    if (r === "\\") {
      if (singleQuoted) buf += r;
      else escaped = true;
      continue;
    }
    if (r === " " || r === "\t" || r === "\r" || r === "\n") {
      if (singleQuoted || doubleQuoted || backQuote || dollarQuote) buf += r;
      else if (got !== ARG_NO) {
        args.push(buf);
        buf = "";
        got = ARG_NO;
      }
      continue;
    }
    switch (r) {
      case "`":
        if (!singleQuoted && !doubleQuoted && !dollarQuote) backQuote = !backQuote;
        break;
      case ")":
        if (!singleQuoted && !doubleQuoted && !backQuote) {
          if (version === "1.0.12") {
            dollarQuote = !dollarQuote;
            break;
          }
          if (!dollarQuote) return { problem: "close-paren" };
          buf += r;
          dollarQuote = false;
          got = ARG_SINGLE;
          continue;
        }
        break;
      case "(":
        if (!singleQuoted && !doubleQuoted && !backQuote) {
          if (dollarQuote || !buf.endsWith("$")) return { problem: "open-paren" };
          dollarQuote = true;
          buf += "(";
          continue;
        }
        break;
      case '"':
        if (!singleQuoted && !dollarQuote) {
          if (doubleQuoted) got = ARG_QUOTED;
          doubleQuoted = !doubleQuoted;
          continue;
        }
        break;
      case "'":
        if (!doubleQuoted && !dollarQuote) {
          if (singleQuoted) got = ARG_QUOTED;
          singleQuoted = !singleQuoted;
          continue;
        }
        break;
      case ";":
      case "&":
      case "|":
      case "<":
      case ">":
        if (!singleQuoted && !doubleQuoted && !backQuote && !dollarQuote) {
          // `2>file`: the descriptor is not a word.
          if (r === ">" && buf !== "" && buf.charCodeAt(0) >= 48 && buf.charCodeAt(0) <= 57) got = ARG_NO;
          break loop;
        }
        break;
    }
    got = ARG_SINGLE;
    buf += r;
  }
  if (got !== ARG_NO) args.push(buf);
  if (singleQuoted) return { problem: "single-quote" };
  if (doubleQuoted) return { problem: "double-quote" };
  if (escaped) return { problem: "backslash" };
  if (backQuote) return { problem: "backquote" };
  if (dollarQuote) return { problem: "subshell" };
  return { args };
}
