import { describe, expect, it } from "vitest";
import { parseDocument, type Scalar, type YAMLMap } from "yaml";
import { goParseFloat, goParseInt, goParseUint } from "../util/go-strconv.js";
import { composeBoolean, goYamlValue, readUnitBytes } from "./go-scalars.js";

describe("goParseInt", () => {
  it.each([
    ["0", 10, 0n],
    ["-42", 10, -42n],
    ["+42", 10, 42n],
    ["007", 10, 7n],
    ["9223372036854775807", 10, 9223372036854775807n],
    ["-9223372036854775808", 10, -9223372036854775808n],
    ["0755", 8, 493n],
    ["-1", 8, -1n],
    ["0x1F", 0, 31n],
    ["-0x10", 0, -16n],
    ["0o17", 0, 15n],
    ["017", 0, 15n],
    ["0b101", 0, 5n],
    ["0", 0, 0n],
  ] as const)("reads %s (base %i)", (text, base, value) => {
    expect(goParseInt(text, base)).toEqual({ value });
  });

  it.each([
    ["", 10, "invalid syntax"],
    ["+", 10, "invalid syntax"],
    ["1.5", 10, "invalid syntax"],
    ["1_000", 10, "invalid syntax"],
    [" 1", 10, "invalid syntax"],
    ["0x10", 10, "invalid syntax"],
    ["0999", 8, "invalid syntax"],
    ["0o755", 8, "invalid syntax"],
    ["08", 0, "invalid syntax"],
    ["0x", 0, "invalid syntax"],
    ["9223372036854775808", 10, "value out of range"],
    ["-9223372036854775809", 10, "value out of range"],
    // Go scans in order: the overflow comes before the bad character.
    ["99999999999999999999x", 10, "value out of range"],
  ] as const)("refuses %j (base %i): %s", (text, base, error) => {
    expect(goParseInt(text, base)).toEqual({ error });
  });

  it("reads uint64 past int64", () => {
    expect(goParseUint("18446744073709551615", 10)).toEqual({ value: 18446744073709551615n });
    expect(goParseUint("18446744073709551616", 10)).toEqual({ error: "value out of range" });
    expect(goParseUint("-1", 10)).toEqual({ error: "invalid syntax" });
  });
});

describe("goParseFloat", () => {
  it.each([
    ["0.5", 64, 0.5],
    [".5", 64, 0.5],
    ["1.", 64, 1],
    ["+1e3", 64, 1000],
    ["1E-2", 64, 0.01],
    ["1_23.50_0_0e+1_2", 64, 1.235e14],
    ["0x1p-2", 64, 0.25],
    ["0X1.8P1", 64, 3],
    ["inf", 64, Infinity],
    ["-Infinity", 64, -Infinity],
    ["+INF", 32, Infinity],
    ["1e-400", 64, 0],
    ["3.4e38", 32, Math.fround(3.4e38)],
  ] as const)("reads %s (%i bits)", (text, bits, value) => {
    expect(goParseFloat(text, bits)).toEqual({ value });
  });

  it("reads nan", () => {
    expect(goParseFloat("NaN", 64)).toEqual({ value: Number.NaN });
  });

  it.each([
    ["", 64, "invalid syntax"],
    [".", 64, "invalid syntax"],
    ["1e", 64, "invalid syntax"],
    ["half", 64, "invalid syntax"],
    ["50%", 64, "invalid syntax"],
    ["+nan", 64, "invalid syntax"],
    ["infin", 64, "invalid syntax"],
    ["0x10", 64, "invalid syntax"],
    ["_1", 64, "invalid syntax"],
    ["1__0", 64, "invalid syntax"],
    ["1_.5", 64, "invalid syntax"],
    [" 1", 64, "invalid syntax"],
    ["1e400", 64, "value out of range"],
    ["1e39", 32, "value out of range"],
  ] as const)("refuses %j (%i bits): %s", (text, bits, error) => {
    expect(goParseFloat(text, bits)).toEqual({ error });
  });
});

describe("composeBoolean", () => {
  it.each([
    ["true", true],
    ["TRUE", true],
    ["Yes", true],
    ["y", true],
    ["On", true],
    ["false", false],
    ["No", false],
    ["N", false],
    ["off", false],
  ] as const)("reads %s", (text, value) => {
    expect(composeBoolean(text)).toBe(value);
  });

  it.each(["1", "0", "t", "f", "enabled", "", " true"])("refuses %j (strconv.ParseBool would take 1, 0, t and f)", (text) => {
    expect(composeBoolean(text)).toBeUndefined();
  });
});

describe("readUnitBytes", () => {
  it.each([
    ["-1", -1],
    ["100", 100],
    ["1b", 1],
    ["512m", 512 * 1024 ** 2],
    ["512 MB", 512 * 1024 ** 2],
    ["1.5GB", 1.5 * 1024 ** 3],
    ["1GiB", 1024 ** 3],
    ["1mib", 1024 ** 2],
    ["2 g", 2 * 1024 ** 3],
    ["1k", 1024],
    ["1e3", 1000],
    ["1_000m", 1000 * 1024 ** 2],
  ] as const)("reads %s", (text, bytes) => {
    expect(readUnitBytes(text)).toEqual({ bytes });
  });

  it.each([
    ["", "invalid size"],
    ["unlimited", "invalid size"],
    ["-1g", "invalid size"],
    ["1xb", "invalid suffix: 'xb'"],
    ["2gig", "invalid suffix: 'gig'"],
    ["512 megabytes", "invalid suffix: 'megabytes'"],
    ["5 Megs", "invalid suffix: 'Megs'"],
    ["1bb", "invalid suffix: 'bb'"],
    ["1kx", "invalid suffix: 'kx'"],
    [" 512m", 'strconv.ParseFloat: parsing " 512": invalid syntax'],
    ["512m ", 'strconv.ParseFloat: parsing "512m": invalid syntax'],
  ])("refuses %j: %s", (text, error) => {
    expect(readUnitBytes(text)).toEqual({ error });
  });
});

describe("goYamlValue", () => {
  const value = (text: string) => {
    const document = parseDocument(`v: ${text}\n`);
    return goYamlValue((document.contents as YAMLMap).items[0]?.value as Scalar);
  };

  it.each([
    ["1_000", "int"],
    ["0b101", "int"],
    ["-0x1F", "int"],
    ["0777", "int"],
    ["08", "float"],
    ["-0", "float"],
    ["1e3", "float"],
    [".5", "float"],
    [".inf", "float"],
    ["1e400", "string"],
    ["yes", "string"],
    ["True", "bool"],
    ["~", "null"],
    ['"30"', "string"],
    ["'true'", "string"],
    ["30s", "string"],
  ])("reads %s as go-yaml does: %s", (text, kind) => {
    expect(value(text)?.kind).toBe(kind);
  });

  it("leaves tagged scalars and timestamps unread", () => {
    expect(value("!!str 5")).toBeUndefined();
    expect(value("2024-01-31")).toBeUndefined();
  });
});
