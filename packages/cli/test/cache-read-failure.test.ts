import { builtinRules } from "@docklint/core";
import { describe, expect, it, vi } from "vitest";
import type * as Files from "../src/files.js";

// A cache file that exists but cannot be read (as root, permission bits do not stop a read, so
// the failure is made here): its note words the failure as every other read failure is worded.
vi.mock("../src/files.js", async (importOriginal) => ({
  ...(await importOriginal<typeof Files>()),
  readFileText: () => ({ ok: false, error: Object.assign(new Error("EACCES: permission denied, open '/project/.docklintcache'"), { code: "EACCES" }) }),
}));

const { LintCache } = await import("../src/cache.js");

describe("a cache file that cannot be read", () => {
  it("is named in a note that says why in the words of readFailure, and every file is linted", () => {
    const cache = new LintCache({ file: "/project/.docklintcache", strategy: "metadata", rules: builtinRules, fixing: false });
    expect(cache.loadProblem).toBe('cannot read the cache "/project/.docklintcache" (permission denied); linting every file');
  });
});
