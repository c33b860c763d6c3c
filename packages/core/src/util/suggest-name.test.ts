import { describe, expect, it } from "vitest";
import { MAX_SUGGESTION_CANDIDATES, nearest, suggestName } from "./suggest-name.js";

describe("suggestName", () => {
  it("takes the closest candidate within the distance, a case-only difference first", () => {
    expect(suggestName("PAHT", ["PATH", "HOME"])).toBe("PATH");
    expect(suggestName("home", ["HOMER", "HOME"], { caseSensitive: false })).toBe("HOME");
    expect(suggestName("PATH", ["PATH", "PATHS"])).toBeUndefined();
    expect(suggestName("XYZ", ["PATH"])).toBeUndefined();
    expect(suggestName("ab", ["ac"], { minLength: 3 })).toBeUndefined();
  });

  // A file that declares n names and misspells n others must not cost n² comparisons.
  it(`suggests nothing from more than ${MAX_SUGGESTION_CANDIDATES} candidates, however they are given`, () => {
    const names = (count: number): string[] => Array.from({ length: count }, (_, i) => `NAME_${i}`);
    expect(suggestName("NAME_1x", names(MAX_SUGGESTION_CANDIDATES))).toBe("NAME_1");
    expect(suggestName("NAME_1x", names(MAX_SUGGESTION_CANDIDATES + 1))).toBeUndefined();
    expect(suggestName("NAME_1x", new Set(names(MAX_SUGGESTION_CANDIDATES + 1)))).toBeUndefined();
    expect(suggestName("NAME_1x", new Map(names(MAX_SUGGESTION_CANDIDATES + 1).map((n) => [n, 1])).keys())).toBeUndefined();
    expect(suggestName("NAME_1x", new Map(names(MAX_SUGGESTION_CANDIDATES).map((n) => [n, 1])).keys())).toBe("NAME_1");
  });
});

describe("nearest", () => {
  it("allows no edit below three letters, one up to four, two beyond; case does not count", () => {
    expect(nearest("FORM", ["RUN", "FROM"])).toBe("FROM");
    expect(nearest("form", ["RUN", "FROM"])).toBe("FROM");
    expect(nearest("RN", ["RUN"])).toBeUndefined();
    expect(nearest("EXPSE", ["EXPOSE"])).toBe("EXPOSE");
    expect(nearest("ENTRYPINT", ["ENTRYPOINT", "CMD"])).toBe("ENTRYPOINT");
    expect(nearest("CPY", ["COPY"])).toBe("COPY");
    expect(nearest("CY", ["COPY"])).toBeUndefined();
    expect(nearest("builder", ["buidler", "build"])).toBe("buidler");
  });

  it(`suggests nothing from more than ${MAX_SUGGESTION_CANDIDATES} candidates`, () => {
    const names = Array.from({ length: MAX_SUGGESTION_CANDIDATES + 1 }, (_, i) => `stage${i}`);
    expect(nearest("stage1x", names.slice(0, MAX_SUGGESTION_CANDIDATES))).toBe("stage1");
    expect(nearest("stage1x", names)).toBeUndefined();
  });
});
