import { describe, expect, it } from "vitest";
import { certainlyNonEmpty, composeBoolean, goFloat32, goInt, literalText, unitBytes } from "./_e-compose-go.js";

describe("compose-go value readers", () => {
  it("reads sizes as types.UnitBytes and go-units RAMInBytes do", () => {
    const cases: [unknown, number | undefined][] = [
      [536870912, 536870912],
      ["-1", -1],
      ["512m", 512 * 1024 ** 2],
      ["512 MB", 512 * 1024 ** 2],
      ["1kb", 1024],
      ["1KiB", 1024],
      ["1.5g", 1.5 * 1024 ** 3],
      ["100b", 100],
      ["100", 100],
      ["1e3", 1000],
      [1.5, 0],
      ["512 megabytes", undefined],
      ["2gig", undefined],
      ["1mx", undefined],
      ["1kbb", undefined],
      ["-5m", undefined],
      ["m", undefined],
      ["${MEM}", undefined],
      ["${MEM:-1g}", undefined],
    ];
    for (const [value, bytes] of cases) expect(unitBytes(value), String(value)).toBe(bytes);
  });

  it("reads integers, floats and booleans as compose-go's casts do", () => {
    expect(goInt("+3")).toBe(3);
    expect(goInt(2)).toBe(2);
    expect(goInt(2.5)).toBeUndefined();
    expect(goInt("two")).toBeUndefined();
    expect(goFloat32("0.50")).toBe(goFloat32(0.5));
    expect(goFloat32(".5")).toBe(Math.fround(0.5));
    expect(goFloat32("50%")).toBeUndefined();
    expect(composeBoolean("Yes")).toBe(true);
    expect(composeBoolean("off")).toBe(false);
    expect(composeBoolean("1")).toBeUndefined();
    expect(composeBoolean("${EXTERNAL}")).toBeUndefined();
  });

  it("tells literal text from text that depends on the environment", () => {
    expect(literalText("a$$b")).toBe("a$b");
    expect(literalText("${A:-b}")).toBeUndefined();
    expect(certainlyNonEmpty("${P}-web")).toBe(true);
    expect(certainlyNonEmpty("${NAME:-web}")).toBe(false);
    expect(certainlyNonEmpty("")).toBe(false);
  });
});
