import { describe, expect, it } from "vitest";
import { applyFixes } from "../../fix.js";
import { lintText } from "../../linter.js";
import type { Fix } from "../../types.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-consecutive-run.js";

const JOIN = ["Join the two RUNs with `&&` (check that no `cd` or variable of the first is relied on)"];

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM debian:12\nRUN /foo.sh\nWORKDIR /\nRUN /bar.sh\n",
    { name: "different flags", code: "RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=bar /bar.sh\n" },
    { name: "a flag on one only", code: "RUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh\n" },
    { name: "the first already chains commands (hadolint's threshold)", code: "RUN foo && bar\nRUN foobar\n" },
    { name: "the second already chains commands", code: "RUN foobar\nRUN foo; bar\n" },
    { name: "a command substitution counts as a command", code: "RUN echo $(date) > /built\nRUN true\n" },
    {
      name: "build stages whose layers are not shipped (KICS's multi-stage case)",
      code: "FROM golang:1.22 AS builder\nRUN go mod download\nRUN go build -o /app .\nADD a.spec /rpmbuild/SOURCES\nADD b.tar.xz /rpmbuild/SOURCES\n\nFROM alpine:3.20\nCOPY --from=builder /app /app\nCMD [\"/app\"]\n",
    },
    { name: "COPY into different destinations", code: "FROM ubuntu:24.04\nCOPY README.md ./one\nCOPY package.json ./two\n" },
    { name: "COPY from different stages", code: "FROM alpine:3.20 AS a\nFROM alpine:3.20 AS b\nFROM alpine:3.20\nCOPY --from=a /x /out/\nCOPY --from=b /y /out/\n" },
    { name: "COPY and ADD are not merged", code: "FROM alpine:3.20\nCOPY a /srv/\nADD b.tar.gz /srv/\n" },
    { name: "copy option off", code: "FROM alpine:3.20\nCOPY a /srv/\nCOPY b /srv/\n", options: { copy: false } },
    { name: "a foreign script is no shell command", code: "FROM python:3.12\nRUN <<EOF python3\nprint(1)\nEOF\nRUN echo done\n" },
    { name: "an ONBUILD RUN next to a RUN", code: "FROM alpine:3.20\nRUN a\nONBUILD RUN b\n" },
    { name: "Windows cmd scripts are not analysed", code: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN mkdir C:\\app\nRUN mkdir C:\\data\n" },
  ],
  invalid: [
    {
      name: "a build target's layers (settings.buildTargets), not those of a stage only copied from",
      code: "FROM alpine:3.20 AS dev\nRUN apk add git\nRUN apk add make\nFROM alpine:3.20 AS build\nRUN a\nRUN b\nFROM alpine:3.20\nCOPY --from=build /x /x\n",
      settings: { buildTargets: ["dev"] },
      errors: [{ messageId: "run", line: 3 }],
    },
    {
      name: "two consecutive RUNs (hadolint's case, no FROM)",
      code: "RUN /foo.sh\nRUN /bar.sh\n",
      errors: [
        {
          messageId: "run",
          message: "This RUN and the RUN at line 1 each run one command with the same flags; join them with `&&` in one RUN so the image has one layer fewer.",
          line: 2,
          column: 1,
          endColumn: 4,
          suggestions: JOIN,
        },
      ],
    },
    {
      name: "comments between (no suggestion: they would end up inside the RUN)",
      code: "RUN /foo.sh\n# a comment\n# another comment\nRUN /bar.sh\n",
      errors: [{ messageId: "run", line: 4, column: 1, endColumn: 4, suggestions: [] }],
    },
    {
      name: "equal flags in another order",
      code: "RUN --mount=type=cache,target=/root/.cache --network=none /foo.sh\nRUN --network=none --mount=type=cache,target=/root/.cache /bar.sh\n",
      errors: [{ messageId: "run", line: 2, column: 1, endColumn: 4 }],
    },
    {
      name: "a chain of single-command RUNs after a chained one",
      code: "RUN foo && bar\nRUN foo\nRUN bar\n",
      errors: [{ messageId: "run", data: { line: 2 }, line: 3, column: 1, endColumn: 4 }],
    },
    {
      name: "KICS's RUN case: the final stage",
      code: "FROM ubuntu\nRUN apt-get install -y wget\nRUN wget https://example.com/f.tar\nRUN tar xvzf f.tar\n",
      errors: [
        { messageId: "run", line: 3, column: 1, endColumn: 4 },
        { messageId: "run", line: 4, column: 1, endColumn: 4 },
      ],
    },
    {
      name: "a stage the final one is built FROM ships its layers",
      code: "FROM debian:12 AS base\nRUN apt-get update\nRUN apt-get install -y ca-certificates\nFROM base\nCMD [\"bash\"]\n",
      errors: [{ messageId: "run", line: 3, column: 1, endColumn: 4 }],
    },
    {
      name: "allStages option judges build stages too (hadolint's scope)",
      code: "FROM golang:1.22 AS builder\nRUN go mod download\nRUN go build -o /app .\nFROM scratch\nCOPY --from=builder /app /app\n",
      options: { allStages: true },
      errors: [{ messageId: "run", line: 3, column: 1, endColumn: 4 }],
    },
    {
      name: "a Windows destination written with backslashes gets a backslash",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a.dll C:\\windows\\system32\nCOPY b.dll C:\\windows\\system32\n",
      errors: [{ messageId: "copy", data: { keyword: "COPY", dest: "C:\\windows\\system32", directory: "C:\\windows\\system32\\", line: 3 }, line: 4, column: 1 }],
    },
    {
      name: "KICS's COPY and ADD cases",
      code: "FROM ubuntu\nCOPY README.md ./\nCOPY package.json ./\nADD cairo.spec /rpmbuild/SOURCES\nADD cairo-1.13.1.tar.xz /rpmbuild/SOURCES\n",
      errors: [
        {
          messageId: "copy",
          message: "This COPY copies into `./` like the COPY at line 2; list all sources in one `COPY … ./` so the image has one layer fewer.",
          line: 3,
          column: 1,
          endColumn: 5,
          suggestions: ["Move the sources into the COPY at line 2"],
        },
        {
          messageId: "copy",
          data: { keyword: "ADD", dest: "/rpmbuild/SOURCES", directory: "/rpmbuild/SOURCES/", line: 4 },
          message: "This ADD copies into `/rpmbuild/SOURCES` like the ADD at line 4; list all sources in one `ADD … /rpmbuild/SOURCES/` so the image has one layer fewer.",
          line: 5,
          column: 1,
          endColumn: 4,
          suggestions: [],
        },
      ],
    },
    {
      name: "exec form RUN and COPY",
      code: 'FROM alpine:3.20\nRUN ["/bin/a"]\nRUN ["/bin/b"]\nCOPY ["a b", "/srv/"]\nCOPY ["c", "/srv/"]\n',
      errors: [
        { messageId: "run", line: 3, column: 1, endColumn: 4, suggestions: [] },
        { messageId: "copy", line: 5, column: 1, endColumn: 5, suggestions: [] },
      ],
    },
    {
      name: "heredoc RUNs with one command each",
      code: "FROM alpine:3.20\nRUN <<EOF\napk add --no-cache git\nEOF\nRUN <<EOF\ngit --version\nEOF\n",
      errors: [{ messageId: "run", line: 5, column: 1, endColumn: 4, suggestions: [] }],
    },
    {
      name: "consecutive ONBUILD RUNs",
      code: "FROM alpine:3.20\nONBUILD RUN apk add --no-cache git\nONBUILD RUN git --version\n",
      errors: [{ messageId: "run", line: 3, column: 9, endColumn: 12 }],
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM debian:12\nRUN mkdir /app\nRUN mkdir /data `\n    /logs\n",
      errors: [{ messageId: "run", line: 4, column: 1, endColumn: 4, suggestions: JOIN }],
    },
  ],
});

describe("no-consecutive-run suggestions", () => {
  const apply = (code: string) => {
    const result = lintText(code, { filePath: "Dockerfile", kind: "dockerfile", rules: [rule], config: { rules: { [rule.meta.id]: "info" } } });
    const fix = result.messages[0]?.suggestions?.[0]?.fix;
    expect(fix).toBeDefined();
    const fixes: readonly Fix[] = fix === undefined ? [] : Array.isArray(fix) ? fix : [fix as Fix];
    return applyFixes(code, fixes).output;
  };
  it("joins two RUNs with && and a continuation", () => {
    expect(apply("FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n")).toBe("FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\n");
  });
  it("uses the escape directive's character", () => {
    expect(apply("# escape=`\nFROM debian:12\nRUN mkdir /app\nRUN mkdir /data `\n    /logs\n")).toBe("# escape=`\nFROM debian:12\nRUN mkdir /app && `\n    mkdir /data `\n    /logs\n");
  });
  it("moves the sources of a COPY into the one before", () => {
    expect(apply("FROM node:20\nCOPY package.json ./\nCOPY package-lock.json .npmrc ./\nRUN npm ci\n")).toBe("FROM node:20\nCOPY package.json package-lock.json .npmrc ./\nRUN npm ci\n");
  });
  it("offers nothing when the first RUN ends in a shell comment or a separator", () => {
    for (const code of ["RUN a # note\nRUN b\n", "RUN a;\nRUN b\n"]) {
      const result = lintText(code, { filePath: "Dockerfile", kind: "dockerfile", rules: [rule], config: { rules: { [rule.meta.id]: "info" } } });
      expect(result.messages).toHaveLength(1);
      expect(result.messages[0]?.suggestions ?? []).toEqual([]);
    }
  });
});
