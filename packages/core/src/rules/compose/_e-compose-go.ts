/**
 * Helpers of the rules no-conflicting-keys, require-image-or-build and require-resource-source:
 * scalars read as compose-go reads them once it has loaded the file (its interpolation casts in
 * `loader/interpolate.go`, `types.UnitBytes`, `types.NanoCPUs`), for checks that compare values.
 *
 * Each reader answers undefined when the value holds a variable, a default included (the
 * deployer's environment may set it), or is not a value compose-go accepts (another rule's
 * finding): a comparison is then not made.
 */
import { EMPTY_ENVIRONMENT, evaluate } from "../../compose/interpolation.js";

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
  if (typeof value !== "string") return undefined;
  switch (literalText(value)?.toLowerCase()) {
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

/** `strconv.ParseInt(s, 10, 64)` / `Atoi`: an optional sign and decimal digits. */
const GO_INT = /^[+-]?\d+$/;
/** The decimal forms of `strconv.ParseFloat` (hex floats, `inf` and `nan` are left unread). */
const GO_FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** An integer field (`scale`, `deploy.replicas`, `pids_limit`): a YAML integer, or a string cast with `strconv.Atoi`. */
export function goInt(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? value : undefined;
  const text = typeof value === "string" ? literalText(value) : undefined;
  return text !== undefined && GO_INT.test(text) ? Number(text) : undefined;
}

/** A `cpus` value as the float32 compose-go compares (`toFloat32`, `NanoCPUs`). */
export function goFloat32(value: unknown): number | undefined {
  if (typeof value === "number") return Math.fround(value);
  const text = typeof value === "string" ? literalText(value) : undefined;
  return text !== undefined && GO_FLOAT.test(text) ? Math.fround(Number(text)) : undefined;
}

const BINARY_UNITS: Readonly<Record<string, number>> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** docker/go-units `RAMInBytes` (`512m`, `1.5GiB`, `2 g`, `100b`); undefined where it returns an error. */
function ramInBytes(text: string): number | undefined {
  let num: string;
  let suffix: string;
  const space = text.indexOf(" ");
  if (space >= 0) {
    num = text.slice(0, space);
    suffix = text.slice(space + 1);
  } else {
    let sep = -1;
    for (let i = text.length - 1; i >= 0; i--) {
      if (/[0-9.]/.test(text[i] ?? "")) {
        sep = i;
        break;
      }
    }
    if (sep < 0) return undefined;
    num = text.slice(0, sep + 1);
    suffix = text.slice(sep + 1);
  }
  if (!GO_FLOAT.test(num)) return undefined;
  let size = Number(num);
  if (size < 0) return undefined;
  if (suffix === "") return Math.trunc(size);
  if (suffix.length > 3) return undefined;
  suffix = suffix.toLowerCase();
  if (suffix[0] === "b") return suffix.length > 1 ? undefined : Math.trunc(size);
  const multiplier = BINARY_UNITS[suffix[0] ?? ""];
  if (multiplier === undefined) return undefined;
  size *= multiplier;
  if (suffix.length === 2 && suffix[1] !== "b") return undefined;
  if (suffix.length === 3 && suffix.slice(1) !== "ib") return undefined;
  return Math.trunc(size);
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
  return GO_INT.test(text) ? Number(text) : ramInBytes(text);
}
