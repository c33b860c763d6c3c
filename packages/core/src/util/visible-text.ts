/** The ranges of a character class: DEL, the C1 controls and the bidirectional controls. */
const DEL_C1_BIDI = "\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069";
/** The Unicode line and paragraph separators. */
const SEPARATORS = "\\u2028\\u2029";

/**
 * Characters that a terminal, a log viewer or a text view acts on instead of showing: C0 controls
 * but TAB (ESC starts the sequences that recolour, move the cursor, clear the screen, retitle the
 * window; CR returns to the line's start and overwrites it; BEL, BS, NUL…), DEL, C1 controls
 * (U+0080–U+009F; U+009B is a one-byte CSI), the bidirectional embeddings, overrides and isolates
 * ("Trojan Source"), and the Unicode line and paragraph separators.
 */
const INVISIBLE = new RegExp(`[\\u0000-\\u0008\\u000a-\\u001f${DEL_C1_BIDI}${SEPARATORS}]`, "g");
/** The same, line breaks (LF, CR, U+2028, U+2029) apart. */
const INVISIBLE_BUT_LINE_BREAKS = new RegExp(`[\\u0000-\\u0008\\v\\f\\u000e-\\u001f${DEL_C1_BIDI}]`, "g");
/** The same, the C0 controls apart. */
const BEYOND_C0 = new RegExp(`[${DEL_C1_BIDI}${SEPARATORS}]`, "g");

/** One visible character for each: a C0 control its Control Pictures sign (ESC `␛`, LF `␊`), DEL `␡`, the others `�`. */
function picture(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  return code === 0x7f ? "\u2421" : "\ufffd";
}

/**
 * `text` with each character a terminal would act on replaced by one visible character, so that
 * what a linted file holds (in a message's quoted value, a code frame, a file name) reaches the
 * reader as text: a Dockerfile line `MAINTAINER bob\x1b]0;pwned\x07` must not retitle the
 * reviewer's terminal, and `\x1b[1A\x1b[2K` must not erase the finding above it. One character for
 * one, so columns in a code frame stay where they were. With `keepLineBreaks`, LF, CR, U+2028 and
 * U+2029 stay, for text shown as lines (a code frame splits on them).
 */
export function visibleText(text: string, keepLineBreaks = false): string {
  const pattern = keepLineBreaks ? INVISIBLE_BUT_LINE_BREAKS : INVISIBLE;
  // Nearly every text has none: no copy.
  pattern.lastIndex = 0;
  if (!pattern.test(text)) return text;
  return text.replace(pattern, picture);
}

/**
 * `text` with each character above that is not a C0 control written as `escape` gives it: for
 * the formats that carry such characters exactly, in their own notation (JSON's `\uXXXX`, XML's
 * character references), where visibleText would change them. The C0 controls are the format's own
 * business: JSON.stringify escapes them, XML cannot hold them.
 */
export function escapeTerminalControls(text: string, escape: (char: string) => string): string {
  BEYOND_C0.lastIndex = 0;
  if (!BEYOND_C0.test(text)) return text;
  return text.replace(BEYOND_C0, escape);
}
