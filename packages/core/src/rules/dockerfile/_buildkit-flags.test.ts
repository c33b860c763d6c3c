import { describe, expect, it } from "vitest";
import { goDurationNanos, isGoDuration } from "./_buildkit-flags.js";

describe("goDurationNanos", () => {
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
    expect(isGoDuration(value)).toBe(true);
    expect(goDurationNanos(value)).toBe(nanos);
  });
});
