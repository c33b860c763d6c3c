import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { goDuration, goDurationErrorText, readGoDuration, STR2DURATION_UNITS } from "./go-duration.js";

/** time.ParseDuration's grammar as a pattern, the reading no-unknown-flag had before goDuration: the oracle for which strings are durations. */
const GO_DURATION = /^[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|[smh]))+$/;

describe("goDuration", () => {
  it.each([
    ["0", 0],
    ["-0", 0],
    ["300ms", 300e6],
    ["1.5h", 5400e9],
    ["2h45m", (2 * 3600 + 45 * 60) * 1e9],
    ["1m30s", 90e9],
    ["500us", 500e3],
    ["500µs", 500e3],
    ["-5s", -5e9],
    ["+1ms", 1e6],
    [".5s", 0.5e9],
    ["1.s", 1e9],
    ["10ns", 10],
  ])("reads %s as time.ParseDuration does", (value, nanos) => {
    expect(goDuration(value)).toBe(nanos);
  });

  it.each(["", "+", "-", "30", "3sec", ".", ".s", "1e5s", "1 s", "s", "5constructor", "1toString", "1d"])("finds %j no duration", (value) => {
    expect(goDuration(value)).toBeUndefined();
  });

  it("takes exactly the strings time.ParseDuration's grammar takes", () => {
    const piece = fc.constantFrom("0", "1", "5", "30", "1.5", ".5", "1.", ".", "+", "-", "ns", "us", "µs", "μs", "ms", "s", "m", "h", "x", " ", "e");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }).map((pieces) => pieces.join("")), (value) => {
        expect(goDuration(value) !== undefined).toBe(GO_DURATION.test(value) || /^[+-]?0$/.test(value));
      }),
      { seed: 20262002, numRuns: 5000 },
    );
  });
});

describe("readGoDuration with str2duration's units", () => {
  it.each([
    ["1d", 86_400e9],
    ["1w2d", 9 * 86_400e9],
    ["1h30m", 5400e9],
    ["1.5s", 1.5e9],
    ["-1d", -86_400e9],
  ])("reads %s as compose-go does", (value, nanos) => {
    expect(readGoDuration(value, STR2DURATION_UNITS)).toEqual({ nanos });
  });

  it.each([
    ["30", "time: missing unit in duration"],
    ["1.5", "time: missing unit in duration"],
    ["1 minute", 'time: unknown unit " minute" in duration'],
    ["1h 30m", 'time: unknown unit "h " in duration'],
    ["5sec", 'time: unknown unit "sec" in duration'],
    ["1y", 'time: unknown unit "y" in duration'],
    ["", "time: invalid duration"],
    ["-", "time: invalid duration"],
    ["s", "time: invalid duration"],
    [".s", "time: invalid duration"],
    [" 30s", "time: invalid duration"],
  ])("refuses %j with Go's error", (value, error) => {
    const read = readGoDuration(value, STR2DURATION_UNITS);
    expect("error" in read ? goDurationErrorText(read) : read).toBe(error);
  });
});
