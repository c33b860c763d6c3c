import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./stage-name-casing.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM alpine:3.20 AS builder-base\n",
    { name: "no alias", code: "FROM alpine:3.20\n" },
    { name: "upper-case image names are not stage names", code: "FROM ${BASE_IMAGE} AS base\n" },
    { name: "lower case with digits and separators", code: "FROM alpine:3.20 AS build_1.2-x\n" },
  ],
  invalid: [
    {
      name: "upper case, no references",
      code: "FROM scratch AS BadStageName\n",
      errors: [{ messageId: "upperCase", data: { name: "BadStageName", lower: "badstagename", references: "" }, line: 1, column: 17, endColumn: 29 }],
      output: "FROM scratch AS badstagename\n",
    },
    {
      name: "the alias and every reference are renamed in one fix",
      code: [
        "FROM golang:1.22 AS Build",
        "RUN go build -o /out/app",
        "FROM Build AS Test",
        "RUN go test ./...",
        "FROM alpine:3.20",
        "COPY --from=Build /out/app /app",
        "RUN --mount=type=bind,from=BUILD,source=/out,target=/mnt ls /mnt",
        "COPY --from=0 /out/app /app2",
        "ONBUILD COPY --from=Build /x /y",
        "",
      ].join("\n"),
      errors: [
        { messageId: "upperCase", data: { name: "Build", lower: "build", references: " (and the 3 references to it)" }, line: 1, column: 21, endColumn: 26 },
        { messageId: "upperCase", data: { name: "Test", lower: "test", references: "" }, line: 3, column: 15, endColumn: 19 },
      ],
      output: [
        "FROM golang:1.22 AS build",
        "RUN go build -o /out/app",
        "FROM build AS test",
        "RUN go test ./...",
        "FROM alpine:3.20",
        "COPY --from=build /out/app /app",
        "RUN --mount=type=bind,from=build,source=/out,target=/mnt ls /mnt",
        "COPY --from=0 /out/app /app2",
        "ONBUILD COPY --from=Build /x /y",
        "",
      ].join("\n"),
    },
    {
      name: "references already in lower case need no change and are not counted (swift-docker)",
      code: "FROM node:20 AS Deps\nFROM node:20\nCOPY --from=deps /app/node_modules ./node_modules\n",
      errors: [{ messageId: "upperCase", data: { name: "Deps", lower: "deps", references: "" }, line: 1 }],
      output: "FROM node:20 AS deps\nFROM node:20\nCOPY --from=deps /app/node_modules ./node_modules\n",
    },
    {
      name: "lower-case file, escape directive",
      code: "# escape=`\nfrom mcr.microsoft.com/windows/servercore:ltsc2022 as WinBuild\nfrom mcr.microsoft.com/windows/nanoserver:ltsc2022\ncopy --from=WinBuild C:\\app C:\\app\n",
      errors: [{ messageId: "upperCase", line: 2, column: 55, endColumn: 63 }],
      output: "# escape=`\nfrom mcr.microsoft.com/windows/servercore:ltsc2022 as winbuild\nfrom mcr.microsoft.com/windows/nanoserver:ltsc2022\ncopy --from=winbuild C:\\app C:\\app\n",
    },
  ],
});
