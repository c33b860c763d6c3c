/**
 * How compose-go turns the scalars of a Compose file into Go values, ported from the Go code it
 * runs (compose-spec/compose-go@e70e961 and the versions its go.mod pins):
 *
 * - go-yaml v4.0.0-rc.4 `resolve`: which plain scalars are numbers, booleans or strings;
 * - `strconv.ParseInt`, `ParseUint` and `ParseFloat`, which its casts call;
 * - loader/interpolate.go `toBoolean`, the cast of every string where a boolean is expected;
 * - docker/go-units v0.5.0 `RAMInBytes`, behind `types.UnitBytes` (`mem_limit`, `shm_size`, …).
 *
 * Durations are util/go-duration.ts's (`STR2DURATION_UNITS`).
 */
import type { Scalar } from "yaml";

/** A scalar as go-yaml decodes it into an `any`. */
export type GoYamlValue = { kind: "string"; text: string } | { kind: "int" } | { kind: "float" } | { kind: "bool" } | { kind: "null" };

/** Why `strconv` refuses a number, as its error ends: `strconv.Atoi: parsing "x": invalid syntax`. */
export type GoNumberError = "invalid syntax" | "value out of range";

export type GoParsed<T> = { value: T } | { error: GoNumberError };

const YAML_NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const YAML_BOOLS = new Set(["true", "True", "TRUE", "false", "False", "FALSE"]);
const YAML_FLOATS = new Set([".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "-0", "-0.0"]);
const YAML_STYLE_FLOAT = /^[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:e[-+]?\d+)?$/i;

/**
 * go-yaml's reading of an untagged plain scalar. It differs from the YAML 1.2 core schema docklint
 * parses with: `1_000`, `0b101` and `-0x1F` are integers to go-yaml, `08` and `-0` floats.
 */
function resolvePlain(text: string): GoYamlValue | undefined {
  if (YAML_NULLS.has(text)) return { kind: "null" };
  if (YAML_BOOLS.has(text)) return { kind: "bool" };
  if (YAML_FLOATS.has(text)) return { kind: "float" };
  const first = text.charAt(0);
  if (first === ".") return "value" in goParseFloat(text, 64) ? { kind: "float" } : { kind: "string", text };
  if (first !== "+" && first !== "-" && !(first >= "0" && first <= "9")) return { kind: "string", text };
  // A timestamp (`2024-01-31`) stays a string in an `any`, but only after time.Parse has had a
  // say; not worth porting for the values read here: unknown.
  if (/^\d{4}-/.test(text)) return undefined;
  const plain = text.replaceAll("_", "");
  if ("value" in goParseInt(plain, 0) || "value" in goParseUint(plain, 0)) return { kind: "int" };
  if (YAML_STYLE_FLOAT.test(plain) && "value" in goParseFloat(plain, 64)) return { kind: "float" };
  return { kind: "string", text };
}

/**
 * What go-yaml makes of a scalar node; undefined for a tagged one (`!!str 5`, Compose's `!reset`),
 * whose reading is not ported, or one without its source text.
 */
export function goYamlValue(node: Scalar): GoYamlValue | undefined {
  if (node.tag !== undefined) return undefined;
  if (node.type === "PLAIN") return typeof node.source === "string" ? resolvePlain(node.source) : undefined;
  const value: unknown = node.value;
  return typeof value === "string" ? { kind: "string", text: value } : undefined;
}

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

/** Go's hexadecimal float (`0x1.8p1`): mantissa times a power of two. */
function hexFloat(s: string): number {
  const negative = s.startsWith("-");
  const body = s.replace(/^[+-]?0x/i, "");
  const [mantissa = "", exponent = "0"] = body.split(/p/i);
  const [whole = "", fraction = ""] = mantissa.split(".");
  const digits = whole + fraction;
  const value = (digits === "" ? 0 : Number.parseInt(digits, 16)) * 2 ** (Number(exponent) - 4 * fraction.length);
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

/**
 * compose-go's `toBoolean`, which casts every string where a boolean is expected: `true`,
 * `false`, and YAML 1.1's `y`/`yes`/`on`, `n`/`no`/`off`, in any case. Not strconv.ParseBool:
 * `1` and `t` are refused.
 */
export function composeBoolean(text: string): boolean | undefined {
  switch (text.toLowerCase()) {
    case "true":
    case "y":
    case "yes":
    case "on":
      return true;
    case "false":
    case "n":
    case "no":
    case "off":
      return false;
    default:
      return undefined;
  }
}

const BINARY_UNITS: Readonly<Record<string, number>> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/**
 * compose-go's `UnitBytes` from a string: a whole number (`-1` included), else go-units'
 * `RAMInBytes`: a non-negative number, an optional space, then `b`, or `k`/`m`/`g`/`t`/`p` with an
 * optional `b` or `ib` (any case): `512m`, `1.5GB`, `512 MiB`. The error is go-units' (or
 * ParseFloat's) text, without the value.
 */
export function readUnitBytes(text: string): { bytes: number } | { error: string } {
  const whole = goParseInt(text, 10);
  if ("value" in whole) return { bytes: Number(whole.value) };
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
  if (suffix === "") return { bytes: size.value };
  // Go lowers the suffix after its length check, and names it as it stands.
  if (suffix.length > 3) return { error: `invalid suffix: '${suffix}'` };
  const lower = suffix.toLowerCase();
  const badSuffix = { error: `invalid suffix: '${lower}'` };
  if (lower.startsWith("b")) return lower.length > 1 ? badSuffix : { bytes: size.value };
  const multiplier = Object.hasOwn(BINARY_UNITS, lower.charAt(0)) ? BINARY_UNITS[lower.charAt(0)] : undefined;
  if (multiplier === undefined) return badSuffix;
  if ((lower.length === 2 && lower.charAt(1) !== "b") || (lower.length === 3 && lower.slice(1) !== "ib")) return badSuffix;
  return { bytes: size.value * multiplier };
}
