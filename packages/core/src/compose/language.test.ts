import { describe, expect, it } from "vitest";
import { composeLanguage } from "./language.js";
import type { ComposeModel } from "./model.js";

const text = [
  "# docklint-disable-next-line no-privileged", // 1
  "services:", // 2
  "  web:", // 3
  "    image: nginx # pinned later", // 4
  "    # docklint-disable-next-line", // 5
  "    cap_add:", // 6
  "      - SYS_ADMIN", // 7
  "      - NET_ADMIN", // 8
  "    ports: [\"80:80\",", // 9
  "      \"443:443\"]", // 10
  "", // 11
].join("\n");

function parsed(): ComposeModel {
  const result = composeLanguage.parse(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.model;
}

describe("composeLanguage", () => {
  const model = parsed();

  it("is the compose kind and gives the source", () => {
    expect(composeLanguage.kind).toBe("compose");
    expect(composeLanguage.source(model).text).toBe(text);
  });

  it("gives comments with line and column of the #", () => {
    expect(composeLanguage.comments(model).map((c) => [c.text, c.line, c.column])).toEqual([
      [" docklint-disable-next-line no-privileged", 1, 1],
      [" pinned later", 4, 18],
      [" docklint-disable-next-line", 5, 5],
    ]);
  });

  it("ends a comment at a lone CR, where the engine's line ends (yaml reads on past it)", () => {
    const result = composeLanguage.parse("# docklint-disable-next-line user: root\r\u201co^ ");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(composeLanguage.comments(result.model).map((c) => [c.text, c.line, c.range])).toEqual([[" docklint-disable-next-line user: root", 1, [0, 39]]]);
  });

  it.each([
    // from line → entry lines
    [1, { startLine: 2, endLine: 10 }], // the whole `services:` entry
    [3, { startLine: 3, endLine: 10 }],
    [4, { startLine: 4, endLine: 4 }],
    [5, { startLine: 6, endLine: 8 }], // `cap_add:` and its list
    [7, { startLine: 7, endLine: 7 }], // one list item
    [9, { startLine: 9, endLine: 10 }], // a flow list spanning lines
    [11, undefined],
  ])("statementAfter(%i)", (line, expected) => {
    expect(composeLanguage.statementAfter(model, line)).toEqual(expected);
  });

  it("reports parse errors instead of throwing", () => {
    expect(composeLanguage.parse("a: [\n").ok).toBe(false);
  });

  it("passes the engine's context to the model: file reader, file name and settings", () => {
    const files: Record<string, string> = { "base.yml": "services:\n  app:\n    image: app:1\n", "compose.yaml": "services:\n  db:\n    image: pg\n" };
    const context = { filePath: "/srv/compose.override.yaml", services: { readFile: (path: string) => files[path] }, settings: {} };
    const result = composeLanguage.parse("services:\n  web:\n    extends: {file: base.yml, service: app}\n", context);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.model.services[0]?.image?.value).toBe("app:1");
    expect([...(result.model.project?.services ?? [])].sort()).toEqual(["db", "web"]);
  });
});
