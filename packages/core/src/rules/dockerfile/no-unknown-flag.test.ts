import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-unknown-flag.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    [
      "FROM --platform=$BUILDPLATFORM golang:1.22 AS build",
      "COPY --from=build --chown=1000:1000 --chmod=0755 --link --parents --exclude=*.md --exclude=*.txt . /app",
      "ADD --chown=1 --chmod=644 --link=false --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d --keep-git-dir=true --unpack https://example.org/a.tar.gz /z",
      "RUN --mount=type=cache,target=/root/.cache,sharing=locked,id=go --mount=type=secret,id=npm,required,env=NPM_TOKEN --network=none --security=sandbox go build",
      "RUN --mount=type=tmpfs,target=/tmp,size=64m --mount=type=bind,from=build,source=/out,target=/mnt,rw ls",
      "RUN --mount=type=ssh,mode=0600,uid=1000 --mount=type=cache,target=/c,uid=1000,gid=1000,mode=0755 true",
      "HEALTHCHECK --interval=30s --timeout=3s --start-period=1m30s --start-interval=500ms --retries=3 CMD curl -f http://localhost/",
      "",
    ].join("\n"),
    { name: "a value from a variable is not judged", code: "FROM alpine:3.20\nARG NET=none\nRUN --network=$NET --mount=type=${T},target=/x true\n" },
    { name: "`--` ends the flags", code: "FROM alpine:3.20\nCOPY --chown=1 -- --weird /d\n" },
    { name: "arguments of RUN are not flags", code: "FROM alpine:3.20\nRUN apt-get install --no-install-recommends curl\n" },
    { name: "CMD in exec form with a -- argument", code: 'FROM alpine:3.20\nCMD ["--verbose"]\n' },
    { name: "labs frontend allows --device", code: "# syntax=docker/dockerfile:1-labs\nFROM alpine:3.20\nRUN --device=name=nvidia.com/gpu=all nvidia-smi\n" },
    { name: "quoted CSV field", code: 'FROM alpine:3.20\nRUN --mount=type=bind,"source=a,b",target=/x ls\n' },
  ],
  invalid: [
    {
      name: "typos of COPY and RUN flags",
      code: "FROM alpine:3.20\nCOPY --chwon=1000 a b\nRUN --mout=type=cache,target=/x echo\n",
      errors: [
        { messageId: "unknown", data: { name: "chwon", keyword: "COPY", hint: "; did you mean `--chown`?" }, line: 2, column: 8, endColumn: 13, suggestions: ["Replace `--chwon` with `--chown`"] },
        { messageId: "unknown", data: { name: "mout", keyword: "RUN", hint: "; did you mean `--mount`?" }, line: 3, column: 7, endColumn: 11 },
      ],
    },
    {
      name: "flags are case-sensitive",
      code: "FROM alpine:3.20\nCOPY --From=build a b\n",
      errors: [{ messageId: "unknown", data: { name: "From", keyword: "COPY", hint: "; did you mean `--from`?" }, line: 2, column: 8, endColumn: 12 }],
    },
    {
      name: "a flag of another instruction",
      code: "FROM alpine:3.20\nCOPY --checksum=sha256:abc https://example.org/a /a\nADD --from=build a b\n",
      errors: [
        { messageId: "elsewhere", data: { name: "checksum", owner: "ADD", keyword: "COPY", accepted: "`--from`, `--chown`, `--chmod`, `--link`, `--parents`, `--exclude`" }, line: 2, column: 8, endColumn: 16 },
        { messageId: "elsewhere", data: { name: "from", owner: "COPY", keyword: "ADD", accepted: "`--chown`, `--chmod`, `--link`, `--checksum`, `--keep-git-dir`, `--unpack`, `--exclude`" }, line: 3 },
      ],
    },
    {
      name: "instructions without flags",
      code: "FROM alpine:3.20\nWORKDIR --foo /x\nCMD --help\nENV --foo=bar A=b\n",
      errors: [
        { messageId: "noFlags", data: { keyword: "WORKDIR", name: "foo", hint: "" }, line: 2, column: 9, endColumn: 14 },
        { messageId: "noFlags", data: { keyword: "CMD", name: "help", hint: ", or use exec form if it is an argument of the command" }, line: 3 },
        { messageId: "noFlags", data: { keyword: "ENV", name: "foo", hint: "" }, line: 4, column: 5, endColumn: 14 },
      ],
    },
    {
      name: "flags ARG, STOPSIGNAL and HEALTHCHECK NONE ignore",
      code: "FROM alpine:3.20\nARG --x A\nSTOPSIGNAL --y SIGTERM\nHEALTHCHECK --interval=5s NONE\n",
      errors: [
        { messageId: "ignored", data: { keyword: "ARG", name: "x" }, line: 2, column: 5, endColumn: 8 },
        { messageId: "ignored", data: { keyword: "STOPSIGNAL", name: "y" }, line: 3 },
        { messageId: "ignored", data: { keyword: "HEALTHCHECK NONE", name: "interval" }, line: 4 },
      ],
    },
    {
      name: "flag values",
      code: "FROM --platform alpine:3.20\nCOPY --link=yes a b\nRUN --network=bridge --security=privileged true\nHEALTHCHECK --interval=30 --timeout=3sec --retries=-1 CMD true\n",
      errors: [
        { messageId: "missingValue", data: { name: "platform" }, line: 1, column: 6, endColumn: 16 },
        { messageId: "badBoolean", data: { name: "link", value: "yes" }, line: 2, column: 13, endColumn: 16 },
        { messageId: "badValue", data: { name: "network", value: "bridge", allowed: "`default`, `none`, `host`" }, line: 3, column: 15, endColumn: 21 },
        { messageId: "badValue", data: { name: "security", value: "privileged", allowed: "`sandbox`, `insecure`" }, line: 3 },
        { messageId: "badDuration", data: { name: "interval", value: "30", detail: 'missing unit in duration "30"' }, line: 4, column: 24, endColumn: 26 },
        { messageId: "badDuration", data: { name: "timeout", value: "3sec", detail: 'invalid duration "3sec"' }, line: 4 },
        { messageId: "badCount", data: { name: "retries", value: "-1", keyword: "HEALTHCHECK" }, line: 4 },
      ],
    },
    {
      name: "health check intervals under a millisecond (0 is the default, and allowed)",
      code: "FROM alpine:3.23\nHEALTHCHECK --interval=500us --timeout=-5s --start-period=0s --start-interval=1ms CMD true\n",
      errors: [
        { messageId: "shortDuration", data: { name: "interval", value: "500us" }, line: 2, column: 24, endColumn: 29 },
        { messageId: "shortDuration", data: { name: "timeout", value: "-5s" }, line: 2 },
      ],
    },
    {
      name: "a flag given twice",
      code: "FROM alpine:3.20\nCOPY --from=a --from=b x y\n",
      errors: [{ messageId: "duplicate", data: { name: "from", keyword: "COPY" }, line: 2, column: 15, endColumn: 23 }],
    },
    {
      name: "--device needs the labs frontend",
      code: "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN --device=nvidia.com/gpu=all nvidia-smi\n",
      errors: [{ messageId: "labs", data: { name: "device" }, line: 3, column: 7, endColumn: 13 }],
    },
    {
      name: "mount types, keys and values",
      code: "FROM alpine:3.20\nRUN --mount=type=cahce,target=/x --mount=type=cache,targt=/y,sharing=exclusive --mount=type=bind,source=/a,target=/b,ro=maybe ls\n",
      errors: [
        { messageId: "mountType", data: { value: "cahce", hint: "; did you mean `type=cache`?" }, line: 2, column: 13, endColumn: 23 },
        { messageId: "mountKey", data: { key: "targt", hint: "; did you mean `target`?" }, line: 2, column: 53, endColumn: 58, suggestions: ["Replace `targt` with `target`"] },
        { messageId: "mountValue", data: { key: "sharing", value: "exclusive", expected: "expected shared, private, locked" }, line: 2 },
        { messageId: "mountValue", data: { key: "ro", value: "maybe", expected: "expected true or false" }, line: 2 },
      ],
    },
    {
      name: "mount options that do not fit the type, and order",
      code: "FROM alpine:3.20\nRUN --mount=type=bind,target=/x,uid=1000 --mount=size=64m,type=tmpfs,target=/t --mount=type=secret,id=a,from=build --mount=target=/c,cache ls\n",
      errors: [
        { messageId: "mountKeyForType", data: { key: "uid", type: "bind", allowed: "secret, ssh, cache", order: "" }, line: 2, column: 33, endColumn: 36 },
        { messageId: "mountKeyForType", data: { key: "size", type: "bind", allowed: "tmpfs", order: " (BuildKit reads the options in order, so `type=` has to come before it)" }, line: 2 },
        { messageId: "mountKeyForType", data: { key: "from", type: "secret", allowed: "bind, cache, tmpfs, ssh", order: "" }, line: 2 },
        { messageId: "mountBareField", data: { field: "cache" }, line: 2 },
      ],
    },
    {
      name: "a flag after the sources is a file name",
      code: "FROM alpine:3.20\nCOPY src --chown=1000 /dest\n",
      errors: [{ messageId: "misplaced", data: { word: "--chown=1000", keyword: "COPY" }, line: 2, column: 10, endColumn: 22 }],
    },
    {
      name: "ONBUILD triggers",
      code: "FROM alpine:3.20\nONBUILD COPY --chwon=1 a b\nONBUILD RUN --mount=type=cahce,target=/x echo\n",
      errors: [
        { messageId: "unknown", line: 2, column: 16, endColumn: 21 },
        { messageId: "mountType", line: 3, column: 21, endColumn: 31 },
      ],
    },
    {
      name: "a continued RUN, escape directive",
      code: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN --mount=type=cache,target=C:\\x `\n    --netwrk=none dir\n",
      errors: [{ messageId: "unknown", data: { name: "netwrk", keyword: "RUN", hint: "; did you mean `--network`?" }, line: 4, column: 7, endColumn: 13 }],
    },
  ],
});
