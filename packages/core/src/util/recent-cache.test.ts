import { describe, expect, it } from "vitest";
import { RecentCache } from "./recent-cache.js";

describe("RecentCache", () => {
  it("finds a value by the identity of its key, not by equal contents", () => {
    const cache = new RecentCache<number[], string>(4);
    const key = [1, 2];
    expect(cache.remember(key, "first")).toBe("first");
    expect(cache.get(key)).toBe("first");
    expect(cache.get([1, 2])).toBeUndefined();
  });

  it("keeps only its last `size` entries, dropping the oldest first", () => {
    const cache = new RecentCache<object, number>(2);
    const [a, b, c] = [{}, {}, {}];
    cache.remember(a, 1);
    cache.remember(b, 2);
    cache.remember(c, 3);
    expect([cache.get(a), cache.get(b), cache.get(c)]).toEqual([undefined, 2, 3]);
  });

  it("computes a value once per key with lookup, an undefined answer included", () => {
    const cache = new RecentCache<object, string | undefined>(1);
    const [a, b] = [{}, {}];
    let computed = 0;
    const compute = (key: object): string | undefined => {
      computed++;
      return key === a ? undefined : "b";
    };
    expect(cache.lookup(a, compute)).toBeUndefined();
    expect(cache.lookup(a, compute)).toBeUndefined();
    expect(computed).toBe(1);
    expect(cache.lookup(b, compute)).toBe("b");
    // Size 1: the last key only; asking about the previous one again recomputes it.
    expect(cache.lookup(a, compute)).toBeUndefined();
    expect(computed).toBe(3);
  });

  it("forgets everything it holds, and again after each time it is used", () => {
    const cache = new RecentCache<object, number>(2);
    const [a, b] = [{}, {}];
    cache.forget();
    cache.remember(a, 1);
    cache.forget();
    expect(cache.get(a)).toBeUndefined();
    cache.remember(b, 2);
    expect(cache.get(b)).toBe(2);
    cache.forget();
    cache.forget();
    expect([cache.get(a), cache.get(b)]).toEqual([undefined, undefined]);
  });
});
