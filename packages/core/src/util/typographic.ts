/**
 * Characters that word processors, blogs and chat tools substitute for ASCII ones, and the
 * scanner `no-typographic-characters` uses to find them where they change what a command or
 * value means (not in prose: an em dash in a sentence is fine).
 */
import { trimEndWhere } from "./trim-end.js";

export type HazardKind = "dash" | "quote" | "space" | "invisible";

interface CharInfo {
  name: string;
  kind: HazardKind;
  /** The ASCII text that was probably meant ("" for invisible characters). */
  meant: string;
}

const CHARS: ReadonlyMap<string, CharInfo> = new Map<string, CharInfo>([
  ["\u2010", { name: "HYPHEN", kind: "dash", meant: "-" }],
  ["\u2011", { name: "NON-BREAKING HYPHEN", kind: "dash", meant: "-" }],
  ["\u2012", { name: "FIGURE DASH", kind: "dash", meant: "-" }],
  ["\u2013", { name: "EN DASH", kind: "dash", meant: "-" }],
  ["\u2014", { name: "EM DASH", kind: "dash", meant: "-" }],
  ["\u2015", { name: "HORIZONTAL BAR", kind: "dash", meant: "-" }],
  ["\u2212", { name: "MINUS SIGN", kind: "dash", meant: "-" }],
  ["\uFE63", { name: "SMALL HYPHEN-MINUS", kind: "dash", meant: "-" }],
  ["\uFF0D", { name: "FULLWIDTH HYPHEN-MINUS", kind: "dash", meant: "-" }],
  ["\u201C", { name: "LEFT DOUBLE QUOTATION MARK", kind: "quote", meant: '"' }],
  ["\u201D", { name: "RIGHT DOUBLE QUOTATION MARK", kind: "quote", meant: '"' }],
  ["\u201E", { name: "DOUBLE LOW-9 QUOTATION MARK", kind: "quote", meant: '"' }],
  ["\u201F", { name: "DOUBLE HIGH-REVERSED-9 QUOTATION MARK", kind: "quote", meant: '"' }],
  ["\u2033", { name: "DOUBLE PRIME", kind: "quote", meant: '"' }],
  ["\u00AB", { name: "LEFT-POINTING DOUBLE ANGLE QUOTATION MARK", kind: "quote", meant: '"' }],
  ["\u00BB", { name: "RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK", kind: "quote", meant: '"' }],
  ["\uFF02", { name: "FULLWIDTH QUOTATION MARK", kind: "quote", meant: '"' }],
  ["\u2018", { name: "LEFT SINGLE QUOTATION MARK", kind: "quote", meant: "'" }],
  ["\u2019", { name: "RIGHT SINGLE QUOTATION MARK", kind: "quote", meant: "'" }],
  ["\u201A", { name: "SINGLE LOW-9 QUOTATION MARK", kind: "quote", meant: "'" }],
  ["\u201B", { name: "SINGLE HIGH-REVERSED-9 QUOTATION MARK", kind: "quote", meant: "'" }],
  ["\u2032", { name: "PRIME", kind: "quote", meant: "'" }],
  ["\u2039", { name: "SINGLE LEFT-POINTING ANGLE QUOTATION MARK", kind: "quote", meant: "'" }],
  ["\u203A", { name: "SINGLE RIGHT-POINTING ANGLE QUOTATION MARK", kind: "quote", meant: "'" }],
  ["\uFF07", { name: "FULLWIDTH APOSTROPHE", kind: "quote", meant: "'" }],
  ["\u00A0", { name: "NO-BREAK SPACE", kind: "space", meant: " " }],
  ["\u2002", { name: "EN SPACE", kind: "space", meant: " " }],
  ["\u2003", { name: "EM SPACE", kind: "space", meant: " " }],
  ["\u2007", { name: "FIGURE SPACE", kind: "space", meant: " " }],
  ["\u2009", { name: "THIN SPACE", kind: "space", meant: " " }],
  ["\u200A", { name: "HAIR SPACE", kind: "space", meant: " " }],
  ["\u202F", { name: "NARROW NO-BREAK SPACE", kind: "space", meant: " " }],
  ["\u3000", { name: "IDEOGRAPHIC SPACE", kind: "space", meant: " " }],
  ["\u200B", { name: "ZERO WIDTH SPACE", kind: "invisible", meant: "" }],
  ["\u200C", { name: "ZERO WIDTH NON-JOINER", kind: "invisible", meant: "" }],
  ["\u200D", { name: "ZERO WIDTH JOINER", kind: "invisible", meant: "" }],
  ["\u2060", { name: "WORD JOINER", kind: "invisible", meant: "" }],
  ["\uFEFF", { name: "ZERO WIDTH NO-BREAK SPACE", kind: "invisible", meant: "" }],
  ["\u00AD", { name: "SOFT HYPHEN", kind: "invisible", meant: "" }],
]);

/** One character in a place where it breaks the text. */
export interface Hazard {
  /** Offset in the scanned text. */
  index: number;
  char: string;
  kind: HazardKind;
  /** `U+2013 EN DASH (–)`. */
  label: string;
  /** The ASCII replacement, when it is certain. */
  replacement: string | undefined;
  /** For dashes: the word as written and as probably meant (`–cap-drop`, `--cap-drop`). */
  word?: string;
  meantWord?: string;
}

/** `U+2013 EN DASH (–)`; invisible characters are not shown. */
export function describeChar(char: string): string {
  const info = CHARS.get(char);
  const code = `U+${char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0") ?? ""}`;
  if (!info) return code;
  return info.kind === "invisible" || info.kind === "space" ? `${code} ${info.name}` : `${code} ${info.name} (${char})`;
}

const TYPOGRAPHIC = /[\u2010-\u2015\u2212\uFE63\uFF0D\u201C-\u201F\u2033\u00AB\u00BB\uFF02\u2018\u2019\u201A\u201B\u2032\u2039\u203A\uFF07\u00A0\u2002\u2003\u2007\u2009\u200A\u202F\u3000\u200B-\u200D\u2060\uFEFF\u00AD]/;

/** Every character of TYPOGRAPHIC is U+00A0 or above: a text without one has none of them. */
const ABOVE_C1_CONTROLS = /[^\0-\x9f]/;

/**
 * Cheap pre-check: most files have none of these characters. The simple class runs first:
 * over the Dockerfile corpus, TYPOGRAPHIC alone took 2.5 µs/file, the two tests 1.5.
 */
export function hasTypographic(text: string): boolean {
  return ABOVE_C1_CONTROLS.test(text) && TYPOGRAPHIC.test(text);
}

const ASCII_LETTER = /[A-Z]/i;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const WORD_START_BEFORE = /[\s"'[,(]/;

export interface ScanOptions {
  /** Free text (LABEL values, Compose labels): dashes are prose, and so is anything inside ASCII quotes. */
  prose: boolean;
}

/**
 * `–y` → `-y`, `–cap-drop` → `--cap-drop`, `–-force` → `--force`. Returns the replacement for the
 * dash when the intended flag is clear, and the most likely flag either way.
 */
function meantFlag(word: string): { replacement: string | undefined; meant: string } {
  const rest = word.slice(1);
  if (rest.startsWith("-")) return { replacement: "-", meant: `-${rest}` };
  const name = /^[A-Z0-9]+/i.exec(rest)?.[0] ?? "";
  const after = rest.slice(name.length);
  if (name.length === 1) return { replacement: "-", meant: `-${rest}` };
  // `cap-drop`, `no-cache`, `platform=…`: only long options have inner dashes or `=`.
  if (/^[a-z][a-z0-9]+$/.test(name) && (after.startsWith("-") || after.startsWith("="))) return { replacement: "--", meant: `--${rest}` };
  // `fsSL`, `rf`, `xzf`: short flag clusters; `quiet`, `force`: long options. Not certain: no fix.
  const short = name.length <= 3 || /[A-Z]/.test(name.slice(1));
  return { replacement: undefined, meant: `${short ? "-" : "--"}${rest}` };
}

/** Finds the hazards in `text`, tracking ASCII quotes and backslash escapes as the shell does. */
export function scanHazards(text: string, options: ScanOptions): Hazard[] {
  const hazards: Hazard[] = [];
  if (!hasTypographic(text)) return hazards;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === "\\" && quote !== "'") {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      if (quote === undefined) quote = c;
      else if (quote === c) quote = undefined;
      continue;
    }
    const info = CHARS.get(c);
    if (!info) continue;
    const before = i > 0 ? text.charAt(i - 1) : "";
    const after = text.charAt(i + 1);
    const label = describeChar(c);
    switch (info.kind) {
      case "dash": {
        if (options.prose) break;
        const atWordStart = before === "" || WORD_START_BEFORE.test(before);
        const flagFollows = ASCII_LETTER.test(after) || (after === "-" && ASCII_LETTER.test(text.charAt(i + 2)));
        if (!atWordStart || !flagFollows) break;
        const word = /^\S+/.exec(text.slice(i))?.[0] ?? c;
        const trimmed = trimEndWhere(word, (char) => char === '"' || char === "'" || char === "," || char === "]");
        const { replacement, meant } = meantFlag(trimmed);
        hazards.push({ index: i, char: c, kind: "dash", label, replacement, word: trimmed, meantWord: meant });
        break;
      }
      case "quote": {
        if (quote !== undefined) break;
        // An apostrophe inside a word (`don’t`) is prose whatever the context.
        if (WORD_CHAR.test(before) && WORD_CHAR.test(after)) break;
        hazards.push({ index: i, char: c, kind: "quote", label, replacement: info.meant });
        break;
      }
      case "space": {
        if (quote !== undefined) break;
        hazards.push({ index: i, char: c, kind: "space", label, replacement: info.meant });
        break;
      }
      case "invisible": {
        if (quote !== undefined && options.prose) break;
        // Joiners between non-ASCII letters or symbols (emoji sequences, Persian, Indic scripts) are part of the text.
        if ((c === "\u200D" || c === "\u200C") && (before.charCodeAt(0) > 0x7f) && (after.charCodeAt(0) > 0x7f)) break;
        hazards.push({ index: i, char: c, kind: "invisible", label, replacement: info.meant });
        break;
      }
    }
  }
  return hazards;
}

/** `U+201C LEFT DOUBLE QUOTATION MARK (“) and U+201D RIGHT DOUBLE QUOTATION MARK (”)`. */
export function describeChars(hazards: readonly Hazard[]): string {
  const labels = [...new Set(hazards.map((h) => h.label))];
  if (labels.length <= 1) return labels[0] ?? "";
  return `${labels.slice(0, -1).join(", ")} and ${labels.at(-1) ?? ""}`;
}
