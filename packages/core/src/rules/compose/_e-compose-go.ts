/**
 * Helpers of the rules no-conflicting-keys, require-image-or-build and require-resource-source:
 * scalars read as compose-go reads them once it has loaded the file (its interpolation casts in
 * `loader/interpolate.go`, `types.UnitBytes`, `types.NanoCPUs`, with the parsers of
 * compose/go-scalars.ts and util/go-strconv.ts), for checks that compare values.
 *
 * Each reader answers undefined when the value holds a variable, a default included (the
 * deployer's environment may set it), or is not a value compose-go accepts (another rule's
 * finding): a comparison is then not made.
 */
import { composeBoolean as toBoolean, readUnitBytes } from "../../compose/go-scalars.js";
import { EMPTY_ENVIRONMENT, evaluate } from "../../compose/interpolation.js";
import { goParseFloat, goParseInt } from "../../util/go-strconv.js";

/** A string with no variable in it, `$$` read as `$`; undefined when any variable is in it. */
export function literalText(text: string): string | undefined {
  if (!text.includes("$")) return text;
  const result = evaluate(text, EMPTY_ENVIRONMENT, { useDefaults: false });
  return result.unknown.length > 0 || result.required.length > 0 ? undefined : result.value;
}

/**
 * Whether the text is not empty in any environment: its literal part is not empty. `${A}-web`
 * is, `${NAME}` and `${NAME:-web}` (the deployer may set `NAME=`… or not) are not known to be.
 */
export function certainlyNonEmpty(text: string): boolean {
  if (!text.includes("$")) return text !== "";
  return evaluate(text, EMPTY_ENVIRONMENT, { useDefaults: false }).value !== "";
}

/** A scalar as text when it holds no variable (a YAML number or boolean is its text); undefined for null, maps and lists. */
export function literalScalar(value: unknown): string | undefined {
  if (typeof value === "string") return literalText(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** compose-go's `toBoolean` cast (YAML 1.1 spellings included) of an `external:` and the like. */
export function composeBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  const text = typeof value === "string" ? literalText(value) : undefined;
  return text === undefined ? undefined : toBoolean(text);
}

/** An integer field (`scale`, `deploy.replicas`, `pids_limit`): a YAML integer, or a string cast with `strconv.Atoi`. */
export function goInt(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? value : undefined;
  const text = typeof value === "string" ? literalText(value) : undefined;
  const parsed = text === undefined ? undefined : goParseInt(text, 10);
  return parsed && "value" in parsed ? Number(parsed.value) : undefined;
}

/** A `cpus` value as the float32 compose-go compares (`toFloat32`, `NanoCPUs`). */
export function goFloat32(value: unknown): number | undefined {
  if (typeof value === "number") return Math.fround(value);
  const text = typeof value === "string" ? literalText(value) : undefined;
  const parsed = text === undefined ? undefined : goParseFloat(text, 32);
  return parsed && "value" in parsed ? parsed.value : undefined;
}

/**
 * A memory size as compose-go's `types.UnitBytes` decodes it: a YAML integer as is, a string as a
 * plain integer (`-1`) or through go-units `RAMInBytes`. A YAML float decodes to 0 (UnitBytes has
 * no case for it), which compose-go then treats as unset.
 */
export function unitBytes(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? value : 0;
  const text = typeof value === "string" ? literalText(value) : undefined;
  if (text === undefined) return undefined;
  const read = readUnitBytes(text);
  return "bytes" in read ? read.bytes : undefined;
}
