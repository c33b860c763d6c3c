/**
 * The Compose parser's plain reading of a document (`plainValue`, which --fix's data check uses)
 * against yaml's own `toJS`: the same data on every corpus file and on generated merge chains,
 * where `toJS` takes cubic time and the resolver linear.
 */
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import "./parse.js";
import { sameData } from "../rules/compose/_d2-reorder.js";
import { hasShared, sharedDir, skipMessage, filesUnder } from "../../test/support/shared.js";
import { aliasesResolve, plainValue, YAML_OPTIONS } from "./yaml-lazy.js";

function agree(text: string): void {
  const document = parseDocument(text, YAML_OPTIONS);
  if (document.errors.length > 0 || !aliasesResolve(document)) return;
  expect(sameData(plainValue(document), document.toJS({ maxAliasCount: -1 })), text.slice(0, 500)).toBe(true);
}

describe("plainValue: a document as plain values, aliases and merge keys resolved", () => {
  it("reads what yaml's toJS reads: merges (one source, several, nested), overrides, duplicate keys, aliases of scalars and lists", () => {
    agree("x-a: &a {image: x, ports: [1]}\nservices:\n  s:\n    <<: *a\n    image: y\n");
    agree("x-a: &a {k: 1, j: 2}\nx-b: &b {k: 3, m: 4}\nservices:\n  s:\n    <<: [*a, *b]\n    j: 5\n");
    agree("x-a: &a {k: 1}\nx-b: &b\n  <<: *a\n  l: 2\nservices:\n  s:\n    l: 9\n    <<: *b\n");
    agree("a: 1\na: 2\nb: &s hello\nc: *s\nd: &l [1, 2]\ne: *l\n");
    const chain = "x-a0: &a0\n  image: x:1\n" + Array.from({ length: 60 }, (_, i) => `x-a${i + 1}: &a${i + 1}\n  <<: *a${i}\n  k${i}: v`).join("\n") + "\nservices:\n  s:\n    <<: *a60\n";
    agree(chain);
  });

  it("tells an alias that names no anchor above it", () => {
    expect(aliasesResolve(parseDocument("a: *x\nb: &x 1\n", YAML_OPTIONS))).toBe(false);
    expect(aliasesResolve(parseDocument("password: ******\n", YAML_OPTIONS))).toBe(false);
    expect(aliasesResolve(parseDocument("b: &x 1\na: *x\n", YAML_OPTIONS))).toBe(true);
  });

  it.skipIf(!hasShared)(hasShared ? "reads what toJS reads on every corpus Compose file" : skipMessage("the corpus Compose files"), () => {
    const files = filesUnder(`${sharedDir}/corpus/compose`);
    expect(files.length).toBeGreaterThan(900);
    for (const file of files) agree(readFileSync(file, "utf8"));
  });
});
