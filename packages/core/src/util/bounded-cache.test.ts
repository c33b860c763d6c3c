import { describe, expect, it } from "vitest";
import { BoundedCache } from "./bounded-cache.js";

describe("BoundedCache", () => {
  it("remembers answers, undefined ones included, and returns what it remembers", () => {
    const cache = new BoundedCache<string, number | undefined>(3);
    expect(cache.remember("a", 1)).toBe(1);
    expect(cache.remember("none", undefined)).toBeUndefined();
    expect([cache.has("a"), cache.get("a"), cache.has("none"), cache.has("b")]).toEqual([true, 1, true, false]);
  });

  it("starts over when it is full, so that it never holds more than its limit", () => {
    const cache = new BoundedCache<number, number>(2);
    cache.remember(1, 10);
    cache.remember(2, 20);
    cache.remember(3, 30);
    expect([cache.has(1), cache.has(2), cache.get(3)]).toEqual([false, false, 30]);
  });

  it("computes a value once per key with lookup, an undefined answer included", () => {
    const cache = new BoundedCache<string, number | undefined>(4);
    let computed = 0;
    const compute = (key: string): number | undefined => {
      computed++;
      return key === "none" ? undefined : key.length;
    };
    expect([cache.lookup("none", compute), cache.lookup("none", compute), cache.lookup("abc", compute), cache.lookup("abc", compute)]).toEqual([undefined, undefined, 3, 3]);
    expect(computed).toBe(2);
  });

  it("with a budget, starts over before the weights pass it, and keeps nothing that alone weighs more", () => {
    const cache = new BoundedCache<string, number>(10, { max: 6, weigh: (key) => key.length });
    cache.remember("aaa", 1);
    cache.remember("bb", 2);
    expect([cache.has("aaa"), cache.has("bb")]).toEqual([true, true]);
    cache.remember("cc", 3);
    expect([cache.has("aaa"), cache.has("bb"), cache.has("cc")]).toEqual([false, false, true]);
    expect(cache.remember("ggggggg", 4)).toBe(4);
    expect([cache.has("ggggggg"), cache.has("cc")]).toEqual([false, true]);
  });
});
