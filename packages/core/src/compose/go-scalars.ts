/**
 * How compose-go turns the scalars of a Compose file into Go values, ported from the Go code it
 * runs (compose-spec/compose-go@e70e961 and the versions its go.mod pins):
 *
 * - go-yaml v4.0.0-rc.4 `resolve`: which plain scalars are numbers, booleans or strings;
 * - `strconv.ParseInt`, `ParseUint` and `ParseFloat`, which its casts call (util/go-strconv.ts);
 * - loader/interpolate.go `toBoolean`, the cast of every string where a boolean is expected;
 * - docker/go-units v0.5.0 `RAMInBytes` (util/go-strconv.ts), behind `types.UnitBytes`
 *   (`mem_limit`, `shm_size`, …).
 *
 * Durations are util/go-duration.ts's (`STR2DURATION_UNITS`).
 */
import type { Scalar } from "yaml";
import { goParseFloat, goParseInt, goParseUint, ramInBytes } from "../util/go-strconv.js";

/** A scalar as go-yaml decodes it into an `any`. */
export type GoYamlValue = { kind: "string"; text: string } | { kind: "int" } | { kind: "float" } | { kind: "bool" } | { kind: "null" };

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

/**
 * compose-go's `UnitBytes` from a string: a whole number (`-1` included), else go-units'
 * `RAMInBytes` (`512m`, `1.5GB`, `512 MiB`). The error is go-units' (or ParseFloat's) text,
 * without the value.
 */
export function readUnitBytes(text: string): { bytes: number } | { error: string } {
  const whole = goParseInt(text, 10);
  if ("value" in whole) return { bytes: Number(whole.value) };
  return ramInBytes(text);
}
