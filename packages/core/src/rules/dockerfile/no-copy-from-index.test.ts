import assert from "node:assert/strict";
import { describe, it } from "vitest";
import { lintText } from "../../linter.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-copy-from-index.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM golang:1.22 AS builder\nFROM alpine:3.20\nCOPY --from=builder /app .\n",
    { name: "an image", code: "FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n" },
    { name: "an index with no stage (no-undefined-stage's finding)", code: "FROM alpine:3.20\nCOPY --from=3 /a /b\n" },
    { name: "its own index (no-copy-from-self's finding)", code: "FROM alpine:3.20\nCOPY --from=0 /a /b\n" },
    { name: "ONBUILD: the child's stages", code: "FROM alpine:3.20\nONBUILD COPY --from=0 /a /b\n" },
    { name: "a variable (no-undefined-stage's finding)", code: "FROM golang:1.22 AS build\nFROM alpine:3.20\nARG SRC=0\nCOPY --from=$SRC /out/app /app\n" },
  ],
  invalid: [
    {
      name: "an unnamed stage (KICS)",
      code: "FROM golang:1.16\nRUN go build -o app .\n\nFROM alpine:latest\nCOPY --from=0 /go/src/app ./\n",
      errors: [{ messageId: "unnamed", data: { flag: "--from", index: "0", from: "FROM golang:1.16", line: 1 }, line: 5, column: 13, endColumn: 14, suggestions: [] }],
    },
    {
      name: "a named stage gets a suggestion",
      code: "FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=0 /out/app /app\n",
      errors: [{ messageId: "named", data: { flag: "--from", index: "0", name: "build" }, line: 3, column: 13, endColumn: 14, suggestions: ['Refer to stage "build" by name'] }],
    },
    {
      name: "RUN --mount from an index",
      code: "FROM node:20 AS deps\nFROM node:20\nRUN --mount=type=bind,from=0,target=/deps ls /deps\n",
      errors: [{ messageId: "named", data: { flag: "--mount from", index: "0", name: "deps" }, line: 3, column: 28, endColumn: 29 }],
    },
    {
      name: "quoted index",
      code: 'FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from="0" /out/app /app\n',
      errors: [{ messageId: "named", data: { flag: "--from", index: "0", name: "build" }, line: 3, column: 13, endColumn: 16, suggestions: [] }],
    },
    {
      name: "a continued FROM in the message",
      code: "FROM --platform=$BUILDPLATFORM \\\n  golang:1.22\nFROM alpine:3.20\nCOPY --from=0 /a /b\n",
      errors: [{ messageId: "unnamed", data: { flag: "--from", index: "0", from: "FROM golang:1.22", line: 1 }, line: 4 }],
    },
  ],
});

describe("no-copy-from-index suggestions", () => {
  it("puts the stage name in place of the index", () => {
    const code = "FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=0 /out/app /app\n";
    const result = lintText(code, { filePath: "Dockerfile", kind: "dockerfile", rules: [rule], config: { rules: { [rule.meta.id]: "error" } } });
    const fix = result.messages[0]?.suggestions?.[0]?.fix;
    assert.ok(fix);
    assert.equal(code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]), "FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n");
  });
});
