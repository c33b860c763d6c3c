import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { documentMemo } from "./file-memo.js";

describe("documentMemo", () => {
  it("computes a value once per document and keeps documents apart", () => {
    const key = Symbol("test");
    const [first, second] = [parseDocument("a: 1\n"), parseDocument("b: 2\n")];
    let computed = 0;
    const count = (document: ReturnType<typeof parseDocument>): number => documentMemo(document, key, () => ++computed);
    expect([count(first), count(first), count(second), count(second), count(first)]).toEqual([1, 1, 2, 2, 1]);
    expect(computed).toBe(2);
  });

  it("keeps the memo off the document's data: the document prints and converts as before", () => {
    const document = parseDocument("services:\n  web:\n    image: nginx\n");
    documentMemo(document, Symbol("test"), () => ["cached"]);
    expect(document.toString()).toBe("services:\n  web:\n    image: nginx\n");
    expect(document.toJS()).toEqual({ services: { web: { image: "nginx" } } });
  });
});
