/**
 * Go's readers of numbers, booleans and sizes, as the tools docklint mirrors call them: dockerd
 * (daemon.json), compose-go (Compose files) and their dependencies. Ported from Go's `strconv`
 * and docker/go-units v0.5.0 (`RAMInBytes`), which both pin; one copy for every caller.
 */
import { ownValue } from "./own-value.js";

/** Why `strconv` refuses a number, as its error ends: `strconv.Atoi: parsing "x": invalid syntax`. */
export type GoNumberError = "invalid syntax" | "value out of range";

export type GoParsed<T> = { value: T } | { error: GoNumberError };

function digitValue(c: string): number {
  if (c >= "0" && c <= "9") return c.charCodeAt(0) - 48;
  const lower = c.toLowerCase();
  return lower >= "a" && lower <= "z" && lower.length === 1 ? lower.charCodeAt(0) - 87 : 99;
}

/**
 * `strconv.ParseUint(s, base, bits)` for base 0 (a `0x`, `0o`, `0b` or `0` prefix picks it), 8 or
 * 10. Underscores, which Go allows with base 0 only, are refused: go-yaml removes them before it
 * calls ParseInt, and compose-go's own calls give base 8 or 10.
 */
export function goParseUint(s: string, base: 0 | 8 | 10, bits = 64): GoParsed<bigint> {
  if (s === "") return { error: "invalid syntax" };
  let radix: number = base;
  let digits = s;
  if (base === 0) {
    radix = 10;
    if (s.startsWith("0")) {
      const prefix = s.length >= 3 ? s.charAt(1).toLowerCase() : "";
      radix = prefix === "x" ? 16 : prefix === "b" ? 2 : 8;
      digits = prefix === "x" || prefix === "b" || prefix === "o" ? s.slice(2) : s.slice(1);
    }
  }
  const max = (1n << BigInt(bits)) - 1n;
  const big = BigInt(radix);
  let n = 0n;
  // In Go's order: a bad digit before the overflow is a syntax error, after it a range error.
  for (const c of digits) {
    const d = digitValue(c);
    if (d >= radix) return { error: "invalid syntax" };
    n = n * big + BigInt(d);
    if (n > max) return { error: "value out of range" };
  }
  return { value: n };
}

/** `strconv.ParseInt(s, base, bits)`; `strconv.Atoi` is `ParseInt(s, 10, 64)` on 64-bit hosts. */
export function goParseInt(s: string, base: 0 | 8 | 10, bits = 64): GoParsed<bigint> {
  if (s === "") return { error: "invalid syntax" };
  const negative = s.startsWith("-");
  const body = negative || s.startsWith("+") ? s.slice(1) : s;
  const unsigned = goParseUint(body, base, bits);
  if (!("value" in unsigned)) return unsigned.error === "value out of range" ? unsigned : { error: "invalid syntax" };
  const limit = 1n << BigInt(bits - 1);
  if (negative ? unsigned.value > limit : unsigned.value >= limit) return { error: "value out of range" };
  return { value: negative ? -unsigned.value : unsigned.value };
}

/** Go's underscoreOK: `_` only between digits (or after a base prefix). */
function underscoresOk(s: string): boolean {
  let saw = "^";
  let i = 0;
  let text = s;
  if (text.startsWith("-") || text.startsWith("+")) text = text.slice(1);
  let hex = false;
  if (text.length >= 2 && text[0] === "0" && "boxBOX".includes(text.charAt(1))) {
    i = 2;
    saw = "0";
    hex = text.charAt(1).toLowerCase() === "x";
  }
  for (; i < text.length; i++) {
    const c = text.charAt(i);
    if ((c >= "0" && c <= "9") || (hex && /[a-f]/i.test(c))) {
      saw = "0";
      continue;
    }
    if (c === "_") {
      if (saw !== "0") return false;
      saw = "_";
      continue;
    }
    if (saw === "_") return false;
    saw = "!";
  }
  return saw !== "_";
}

const GO_DECIMAL_FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const GO_HEX_FLOAT = /^[+-]?0x(?:[\da-f]+(?:\.[\da-f]*)?|\.[\da-f]+)p[+-]?\d+$/i;

/**
 * Go's hexadecimal float (`0x1.8p1`): mantissa times a power of two, scaled in steps so that a
 * large exponent on a small mantissa (`0x1p-1074`, `0x0p2000`) is not lost to Infinity × 0.
 */
function hexFloat(s: string): number {
  const negative = s.startsWith("-");
  const body = s.replace(/^[+-]?0x/i, "");
  const [mantissa = "", exponentText = "0"] = body.split(/p/i);
  const [whole = "", fraction = ""] = mantissa.split(".");
  const digits = whole + fraction;
  let value = digits === "" ? 0 : Number(BigInt(`0x${digits}`));
  let exponent = Number(exponentText) - 4 * fraction.length;
  while (exponent > 1000 && value !== 0 && Number.isFinite(value)) {
    value *= 2 ** 1000;
    exponent -= 1000;
  }
  while (exponent < -1000 && value !== 0) {
    value *= 2 ** -1000;
    exponent += 1000;
  }
  value *= 2 ** exponent;
  return negative ? -value : value;
}

/**
 * `strconv.ParseFloat(s, bits)`: a decimal or hexadecimal (`0x1p-2`) number, `inf`/`infinity`
 * (any case, with a sign) or `nan`; `_` between digits. Out of range for the size (`1e400`, or
 * `1e39` for 32 bits) is an error, as in Go.
 */
export function goParseFloat(s: string, bits: 32 | 64): GoParsed<number> {
  const lower = s.toLowerCase();
  const unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.slice(1) : lower;
  if (unsigned === "inf" || unsigned === "infinity") return { value: lower.startsWith("-") ? -Infinity : Infinity };
  if (lower === "nan") return { value: Number.NaN };
  if (s.includes("_") && !underscoresOk(s)) return { error: "invalid syntax" };
  const plain = s.replaceAll("_", "");
  let value: number;
  if (GO_HEX_FLOAT.test(plain)) value = hexFloat(plain);
  else if (GO_DECIMAL_FLOAT.test(plain)) value = Number(plain);
  else return { error: "invalid syntax" };
  const sized = bits === 32 ? Math.fround(value) : value;
  return Number.isFinite(sized) ? { value: sized } : { error: "value out of range" };
}


const GO_ESCAPES: Readonly<Record<string, string>> = { "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v", "\\": "\\\\", '"': '\\"' };

/**
 * `strconv.Quote` (Go's `%q` of a string) for what error messages show: the C escapes, `\xHH` for
 * the other ASCII control characters, other characters as they are.
 */
export function goQuote(text: string): string {
  let out = "";
  for (const c of text) {
    const known = ownValue(GO_ESCAPES, c);
    if (known !== undefined) out += known;
    else if (c < " " || c === "\x7f") out += `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
    else out += c;
  }
  return `"${out}"`;
}

/** `strconv.ParseBool`: 1, t, T, TRUE, true, True and their false counterparts; nothing else. */
export function goParseBool(text: string): boolean | undefined {
  if (["1", "t", "T", "true", "TRUE", "True"].includes(text)) return true;
  if (["0", "f", "F", "false", "FALSE", "False"].includes(text)) return false;
  return undefined;
}

/** Go's int64(f) on amd64: out of range (and NaN) gives math.MinInt64. */
function toInt64(f: number): number {
  if (!(f >= -(2 ** 63) && f < 2 ** 63)) return -(2 ** 63);
  return Math.trunc(f) || 0;
}

/** Bytes in the UTF-8 form of `text` (Go's len()): go-units measures the suffix with it. */
export function utf8Length(text: string): number {
  let length = 0;
  for (const c of text) {
    const code = c.codePointAt(0) as number;
    length += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return length;
}

const BINARY_UNITS: Readonly<Record<string, number>> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/**
 * docker/go-units `RAMInBytes` (v0.5.0): bytes in "10m", "10MB", "10 MiB", "1.5g", "64k"; units
 * b, k, m, g, t, p in any case with an optional "b" or "ib" (all binary). The number runs to the
 * last digit, `.` or space; one space may separate it from the unit. The error is go-units' text
 * (or ParseFloat's), without the value.
 */
export function ramInBytes(text: string): { bytes: number } | { error: string } {
  let sep = -1;
  for (let i = text.length - 1; i >= 0; i--) {
    if ("0123456789. ".includes(text.charAt(i))) {
      sep = i;
      break;
    }
  }
  if (sep === -1) return { error: "invalid size" };
  const num = text.charAt(sep) === " " ? text.slice(0, sep) : text.slice(0, sep + 1);
  const suffix = text.slice(sep + 1);
  const size = goParseFloat(num, 64);
  if (!("value" in size)) return { error: `strconv.ParseFloat: parsing "${num}": ${size.error}` };
  if (size.value < 0) return { error: "invalid size" };
  if (suffix === "") return { bytes: toInt64(size.value) };
  // Go measures the suffix in bytes before it lowers it, and names it lowered.
  if (utf8Length(suffix) > 3) return { error: `invalid suffix: '${suffix}'` };
  const lower = suffix.toLowerCase();
  const badSuffix = { error: `invalid suffix: '${lower}'` };
  if (lower.startsWith("b")) return lower.length > 1 ? badSuffix : { bytes: toInt64(size.value) };
  const multiplier = ownValue(BINARY_UNITS, lower.charAt(0));
  if (multiplier === undefined) return badSuffix;
  if ((lower.length === 2 && lower.charAt(1) !== "b") || (lower.length === 3 && lower.slice(1) !== "ib")) return badSuffix;
  return { bytes: toInt64(size.value * multiplier) };
}
