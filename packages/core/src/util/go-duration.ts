/**
 * Go's duration strings, read as Go reads them. One scanner serves two grammars that differ only
 * in their units: `time.ParseDuration` (BuildKit's HEALTHCHECK flags) and xhit/go-str2duration
 * v2.1.0, a copy of it with days and weeks added, which compose-go reads every Compose duration
 * with (`healthcheck.interval`, `stop_grace_period`, `deploy.restart_policy.delay`, …).
 */

/** Nanoseconds in each unit of `time.ParseDuration`. */
export const GO_DURATION_UNITS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** str2duration's units: Go's, and `d` (24 h) and `w` (168 h). */
export const STR2DURATION_UNITS: Readonly<Record<string, number>> = { ...GO_DURATION_UNITS, d: 86_400e9, w: 604_800e9 };

/**
 * Why Go refuses a duration, as its error says it: `time: invalid duration "x"`,
 * `time: missing unit in duration "30"`, `time: unknown unit " minute" in duration "1 minute"`.
 */
export type GoDurationError = { error: "invalid" } | { error: "missingUnit" } | { error: "unknownUnit"; unit: string };

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/**
 * The length in nanoseconds of a Go duration string (`300ms`, `1.5h`, `2h45m`, `-500us`, a bare
 * `0`), or why it is none: numbers (`1`, `1.5`, `1.`, `.5`) each followed by a unit, after an
 * optional sign. As in Go, a unit is everything up to the next digit or `.` (`1 minute` has the
 * unit ` minute`). Overflow past Go's int64 nanoseconds is not checked.
 */
export function readGoDuration(value: string, units: Readonly<Record<string, number>> = GO_DURATION_UNITS): { nanos: number } | GoDurationError {
  const negative = value.startsWith("-");
  const start = negative || value.startsWith("+") ? 1 : 0;
  // Go allows a bare 0, with no unit.
  if (value.length === start + 1 && value[start] === "0") return { nanos: 0 };
  if (start >= value.length) return { error: "invalid" };
  let at = start;
  let total = 0;
  while (at < value.length) {
    if (value[at] !== "." && !isDigit(value[at])) return { error: "invalid" };
    const numberStart = at;
    while (isDigit(value[at])) at++;
    let digits = at - numberStart;
    if (value[at] === ".") {
      at++;
      const fractionStart = at;
      while (isDigit(value[at])) at++;
      digits += at - fractionStart;
    }
    if (digits === 0) return { error: "invalid" };
    const unitStart = at;
    while (at < value.length && value[at] !== "." && !isDigit(value[at])) at++;
    if (at === unitStart) return { error: "missingUnit" };
    const unit = value.slice(unitStart, at);
    const nanos = Object.hasOwn(units, unit) ? units[unit] : undefined;
    if (nanos === undefined) return { error: "unknownUnit", unit };
    total += Number(value.slice(numberStart, unitStart)) * nanos;
  }
  return { nanos: total === 0 || !negative ? total : -total };
}

/** The nanoseconds of a `time.ParseDuration` string, or undefined when Go refuses it. */
export function goDuration(value: string): number | undefined {
  const read = readGoDuration(value);
  return "nanos" in read ? read.nanos : undefined;
}

/** Go's error text for a refused duration, without the duration itself (`time: missing unit in duration`). */
export function goDurationErrorText(error: GoDurationError): string {
  switch (error.error) {
    case "invalid":
      return "time: invalid duration";
    case "missingUnit":
      return "time: missing unit in duration";
    case "unknownUnit":
      return `time: unknown unit "${error.unit}" in duration`;
  }
}
