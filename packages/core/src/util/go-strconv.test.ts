import { describe, expect, it } from "vitest";
import { goParseBool, ramInBytes } from "./go-strconv.js";

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
const TiB = 1024 * GiB;
const PiB = 1024 * TiB;

/** The bytes, or undefined where go-units returns an error. */
function parseRamSize(text: string): number | undefined {
  const read = ramInBytes(text);
  return "bytes" in read ? read.bytes : undefined;
}

describe("ramInBytes (go-units RAMInBytes)", () => {
  // docker/go-units size_test.go: TestRAMInBytes, and TestFromHumanSize's syntax cases with binary units.
  const accepted: [string, number][] = [
    ["32", 32],
    ["32b", 32],
    ["32B", 32],
    ["32k", 32 * KiB],
    ["32K", 32 * KiB],
    ["32kb", 32 * KiB],
    ["32Kb", 32 * KiB],
    ["32Kib", 32 * KiB],
    ["32KIB", 32 * KiB],
    ["32Mb", 32 * MiB],
    ["32Gb", 32 * GiB],
    ["32Tb", 32 * TiB],
    ["32Pb", 32 * PiB],
    ["32PB", 32 * PiB],
    ["32P", 32 * PiB],
    ["32.3", 32],
    ["32.3 mb", Math.trunc(32.3 * MiB)],
    ["0.3MB", Math.trunc(0.3 * MiB)],
    ["0", 0],
    ["0b", 0],
    ["0B", 0],
    ["0 B", 0],
    ["32.5kB", 33280],
    ["32.5 kB", 33280],
    ["32.5 B", 32],
    ["0.3 K", 307],
    [".3kB", 307],
    ["0.", 0],
    ["0. ", 0],
    ["0.b", 0],
    ["0.B", 0],
    ["-0", 0],
    ["-0b", 0],
    ["-0B", 0],
    ["-0 b", 0],
    ["-0 B", 0],
    ["32.", 32],
    ["32.b", 32],
    ["32.B", 32],
    ["32. b", 32],
    ["32. B", 32],
    ["0 ", 0],
    // Beyond the Go tests: what the brief's examples and strconv.ParseFloat's syntax allow.
    ["10m", 10 * MiB],
    ["10MB", 10 * MiB],
    ["10 MiB", 10 * MiB],
    ["1.5g", 1.5 * GiB],
    ["64k", 64 * KiB],
    ["1e3k", 1000 * KiB],
    ["1_024", 1024],
    ["0x1p4k", 16 * KiB],
  ];
  const refused = [
    "",
    "hello",
    "-32",
    " 32 ",
    "32m b",
    "32bm",
    " 0",
    " 0b",
    " 0B",
    " 0 B",
    "0b ",
    "0B ",
    "0 B ",
    ".",
    ". ",
    " ",
    "  ",
    " .",
    " . ",
    "-32b",
    "-32B",
    "-32 b",
    "-32 B",
    "32b.",
    "32B.",
    "32 b.",
    "32 B.",
    "32 bb",
    "32 BB",
    "32 b b",
    "32 B B",
    "32  b",
    "32  B",
    // Beyond the Go tests.
    "10mbb",
    "10 mib ",
    "10x",
    "1_",
    "0x10k",
    "1e",
    "inf",
    "32\u212Aib",
  ];

  it.each(accepted)("accepts %j as %d bytes", (text, bytes) => {
    expect(parseRamSize(text)).toBe(bytes);
  });

  it.each(refused)("refuses %j", (text) => {
    expect(parseRamSize(text)).toBeUndefined();
  });
});

describe("goParseBool (strconv.ParseBool)", () => {
  it.each([
    ["1", true],
    ["t", true],
    ["TRUE", true],
    ["True", true],
    ["0", false],
    ["F", false],
    ["false", false],
    ["yes", undefined],
    ["tRUE", undefined],
    ["", undefined],
  ] as const)("%j → %s", (text, expected) => {
    expect(goParseBool(text)).toBe(expected);
  });
});
