import { describe, expect, it } from "vitest";
import { InstructionCache, StageCache } from "./instruction-cache.js";
import type { Instruction } from "./model.js";
import { parseDockerfile } from "./parse.js";

const text = "FROM alpine AS base\nONBUILD RUN echo child\nRUN echo parent\nFROM base\nRUN echo two\n";

describe("InstructionCache", () => {
  it("keeps one value per instruction, an ONBUILD and its trigger apart", () => {
    const model = parseDockerfile(text);
    const cache = new InstructionCache<string>();
    const onbuild = model.instructions[1];
    const trigger = onbuild?.trigger;
    if (!onbuild || !trigger) throw new Error("the ONBUILD and its trigger should parse");
    for (const instruction of [...model.instructions, trigger]) cache.set(instruction, instruction.keywordText);
    expect(model.instructions.map((i) => cache.get(i))).toEqual(["FROM", "ONBUILD", "RUN", "FROM", "RUN"]);
    expect(cache.get(trigger)).toBe("RUN");
  });

  it("never answers for another file's instruction at the same index, and forgets the previous file", () => {
    const first = parseDockerfile(text);
    const second = parseDockerfile(text);
    const cache = new InstructionCache<number>();
    const [a0, a1] = first.instructions;
    const [b0] = second.instructions;
    if (!a0 || !a1 || !b0) throw new Error("instructions should parse");
    cache.set(a0, 1);
    cache.set(a1, 2);
    expect(cache.get(b0)).toBeUndefined();
    cache.set(b0, 3);
    expect([cache.get(b0), cache.get(a0), cache.get(a1)]).toEqual([3, undefined, undefined]);
  });

  it("forgets every slot of a previous file, a larger one's and a huge one's too", () => {
    // Only `index` and `onbuild` choose the slot: stand-ins of large files' instructions.
    const at = (index: number): Instruction => ({ index, onbuild: undefined }) as unknown as Instruction;
    const cache = new InstructionCache<number>();
    for (const size of [40, 5, 50_000, 3, 7]) {
      const file = Array.from({ length: size }, (_, i) => at(i));
      expect(file.every((instruction) => cache.get(instruction) === undefined)).toBe(true);
      file.forEach((instruction, i) => cache.set(instruction, i));
      expect(file.every((instruction, i) => cache.get(instruction) === i)).toBe(true);
    }
  });

  it("keeps a huge file's arrays while huge files follow, and lets them go after the next smaller file", () => {
    const at = (index: number): Instruction => ({ index, onbuild: undefined }) as unknown as Instruction;
    const cache = new InstructionCache<number>();
    // The arrays are private: their length is how much memory the cache holds between files.
    const slotsHeld = (): number => (cache as unknown as { keys: unknown[] }).keys.length;
    const lint = (size: number): void => {
      for (let i = 0; i < size; i++) cache.set(at(i), i);
    };
    lint(40_000);
    expect(slotsHeld()).toBe(79_999);
    lint(40_000);
    expect(slotsHeld()).toBe(79_999);
    lint(3);
    expect(slotsHeld()).toBe(79_999);
    lint(3);
    expect(slotsHeld()).toBe(5);
  });

  it("lets a huge file's arrays go after a lint that did not use the cache at all", () => {
    const at = (index: number): Instruction => ({ index, onbuild: undefined }) as unknown as Instruction;
    const cache = new InstructionCache<number>();
    const slotsHeld = (): number => (cache as unknown as { keys: unknown[] }).keys.length;
    for (let i = 0; i < 40_000; i++) cache.set(at(i), i);
    // What the linter does when each lint ends.
    cache.forget();
    expect(slotsHeld()).toBe(79_999);
    expect(cache.get(at(7))).toBeUndefined();
    cache.forget();
    expect(slotsHeld()).toBe(0);
  });
});

describe("lookup", () => {
  it("computes once per instruction, a false or undefined answer included, and never for another file's", () => {
    const model = parseDockerfile(text);
    const cache = new InstructionCache<boolean | undefined>();
    let computed = 0;
    const compute = (instruction: { keyword: string }): boolean | undefined => {
      computed++;
      return instruction.keyword === "FROM" ? false : undefined;
    };
    const [from, onbuild] = model.instructions;
    if (!from || !onbuild) throw new Error("instructions should parse");
    expect([cache.lookup(from, compute), cache.lookup(from, compute), cache.lookup(onbuild, compute), cache.lookup(onbuild, compute)]).toEqual([false, false, undefined, undefined]);
    expect(computed).toBe(2);
    const other = parseDockerfile(text).instructions[0];
    if (!other) throw new Error("the instruction should parse");
    cache.lookup(other, compute);
    expect(computed).toBe(3);
  });
});

describe("StageCache", () => {
  it("keeps one value per stage of the file", () => {
    const model = parseDockerfile(text);
    const cache = new StageCache<string>();
    for (const stage of model.stages) cache.set(stage, stage.imageText);
    expect(model.stages.map((s) => cache.get(s))).toEqual(["alpine", "base"]);
    const otherFile = parseDockerfile(text).stages[0];
    if (!otherFile) throw new Error("the stage should parse");
    expect(cache.get(otherFile)).toBeUndefined();
  });
});
