import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-copy-chown.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    'FROM python:3.12\nRUN useradd -u 10001 app\nCOPY app /app\nUSER app\nCMD ["python", "/app/main.py"]\n',
    { name: "no USER: root can write anyway (require-non-root-user)", code: "FROM python:3.12\nCOPY --chown=app:app app /app\n" },
    { name: "chown to another user than the runtime one", code: "FROM python:3.12\nCOPY --chown=deploy:deploy app /app\nUSER 10001\n" },
    { name: "chown to root", code: "FROM python:3.12\nCOPY --chown=root:root app /app\nUSER app\n" },
    { name: "a build stage is not the image", code: "FROM golang:1.22 AS build\nCOPY --chown=1000 . /src\nUSER 1000\nFROM scratch\nCOPY --from=build /out /app\nUSER 1000\n" },
    { name: "state directories are allowed by default", code: "FROM alpine:3.20\nCOPY --chown=10001 seed/ /var/lib/app/\nUSER 10001\n" },
    { name: "a home directory itself is allowed by default", code: "FROM debian:12\nCOPY --from=stage --chown=1654:1654 /staging/home/app /home/app\nUSER 1654\n" },
    { name: "allowPaths option", code: "FROM alpine:3.20\nCOPY --chown=10001 uploads/ /srv/uploads/\nUSER 10001\n", options: { allowPaths: ["/srv/uploads/**"] } },
    { name: "ONBUILD COPY runs in a child whose user is unknown", code: "FROM alpine:3.20\nUSER 10001\nONBUILD COPY --chown=10001 . /app\n" },
    { name: "different build arguments", code: "FROM alpine:3.20\nARG A\nARG B\nCOPY --chown=$A . /app\nUSER $B\n" },
  ],
  invalid: [
    {
      name: "a build target's runtime user (settings.buildTargets); a COPY both images share, once",
      code: "FROM node:20 AS base\nCOPY --chown=node:node . /app\nFROM base AS dev\nUSER node\nFROM base\nUSER node\n",
      settings: { buildTargets: ["dev"] },
      errors: [{ messageId: "ownedByRuntimeUser", line: 2 }],
    },
    {
      name: "only the build target runs as the owner",
      code: "FROM node:20 AS dev\nCOPY --chown=node . /app\nUSER node\nFROM node:20\nUSER 10001\n",
      settings: { buildTargets: ["dev"] },
      errors: [{ messageId: "ownedByRuntimeUser", data: { flag: "--chown=node", owned: '"/app" (or, if that directory exists already, the files it copies into it)', user: '"node"' }, line: 2 }],
    },
    {
      name: "KICS's case",
      code: 'FROM python:3.7\nRUN pip install Flask==0.11.1\nRUN useradd -ms /bin/bash patrick\nCOPY --chown=patrick:patrick app /app\nWORKDIR /app\nUSER patrick\nCMD ["python", "app.py"]\n',
      errors: [
        {
          messageId: "ownedByRuntimeUser",
          data: { flag: "--chown=patrick:patrick", owned: '"/app" (or, if that directory exists already, the files it copies into it)', user: '"patrick"' },
          line: 4,
          column: 6,
          endColumn: 29,
          suggestions: ["Remove --chown (the files become root-owned and read-only for the process)"],
        },
      ],
    },
    {
      name: "name and uid of the same user",
      code: "FROM node:20\nRUN useradd -u 10001 app\nCOPY --chown=10001:10001 . /home/app/src\nUSER app\n",
      errors: [{ messageId: "ownedByRuntimeUser", data: { flag: "--chown=10001:10001", owned: '"/home/app/src" (or, if that directory exists already, the files it copies into it)', user: '"app"' }, line: 3 }],
    },
    {
      name: "ADD --chown, inherited USER",
      code: "FROM alpine:3.20 AS base\nUSER 1000\nFROM base\nADD --chown=1000 config.yaml /etc/app/\n",
      errors: [
        {
          messageId: "ownedByRuntimeUser",
          data: { flag: "--chown=1000", owned: '"/etc/app/config.yaml" (and "/etc/app/" itself if the ADD creates it)', user: '"1000"' },
          line: 4,
          column: 5,
          endColumn: 17,
        },
      ],
    },
    {
      name: "COPY --from into the final image",
      code: "FROM golang:1.22 AS build\nRUN go build -o /out/app\nFROM gcr.io/distroless/static\nCOPY --from=build --chown=65532:65532 /out/app /app\nUSER 65532\n",
      errors: [{ messageId: "ownedByRuntimeUser", line: 4, column: 19, endColumn: 38 }],
    },
    {
      name: "the same build argument",
      code: "FROM alpine:3.20\nARG UID\nCOPY --chown=${UID} . /app\nUSER ${UID}\n",
      errors: [{ messageId: "ownedByRuntimeUser", line: 3 }],
    },
    {
      name: "ARG default resolves to the runtime uid",
      code: "FROM alpine:3.20\nARG APP_UID=1654\nCOPY --chown=$APP_UID:$APP_UID rootfs/ /\nUSER $APP_UID\n",
      errors: [{ messageId: "ownedByRuntimeUser", data: { flag: "--chown=$APP_UID:$APP_UID", owned: 'the files it copies into "/"', user: '"1654"' }, line: 3 }],
    },
    {
      name: "exec-form COPY",
      code: 'FROM alpine:3.20\nCOPY --chown=app ["my app", "/opt/my app"]\nUSER app\n',
      errors: [{ messageId: "ownedByRuntimeUser", data: { flag: "--chown=app", owned: '"/opt/my app" (or, if that directory exists already, the files it copies into it)', user: '"app"' }, line: 2 }],
    },
    {
      name: "a file copied into / gives the file, not / (percona-docker percona-pgbouncer/Dockerfile:54)",
      code: 'FROM alpine:3.23\nCOPY --chown=1001 entrypoint.sh /\nCOPY --chown=1001 ["entrypoint.sh", "/"]\nUSER 1001\nENTRYPOINT ["/entrypoint.sh"]\n',
      errors: [
        { messageId: "ownedByRuntimeUser", data: { flag: "--chown=1001", owned: '"/entrypoint.sh"', user: '"1001"' }, line: 2 },
        { messageId: "ownedByRuntimeUser", data: { flag: "--chown=1001", owned: '"/entrypoint.sh"', user: '"1001"' }, line: 3 },
      ],
    },
    {
      name: "a directory's contents copied into /: the files, not / itself (kestra Dockerfile:12)",
      code: 'FROM eclipse-temurin:21-jre\nRUN useradd -u 1000 kestra\nCOPY --chown=kestra:kestra docker /\nUSER kestra\nENTRYPOINT ["docker-entrypoint.sh"]\n',
      errors: [{ messageId: "ownedByRuntimeUser", data: { flag: "--chown=kestra:kestra", owned: 'the files it copies into "/"', user: '"kestra"' }, line: 3 }],
    },
    {
      name: "a destination directory that may not exist: the COPY creates it owned by the user",
      code: "FROM node:22\nCOPY --chown=node . /app/\nCOPY --chown=node start.sh healthcheck.js /opt/bin/\nUSER node\n",
      errors: [
        { messageId: "ownedByRuntimeUser", data: { flag: "--chown=node", owned: 'the files it copies into "/app/" (and "/app/" itself if the COPY creates it)', user: '"node"' }, line: 2 },
        {
          messageId: "ownedByRuntimeUser",
          data: { flag: "--chown=node", owned: '"/opt/bin/start.sh" and "/opt/bin/healthcheck.js" (and "/opt/bin/" itself if the COPY creates it)', user: '"node"' },
          line: 3,
        },
      ],
    },
    {
      name: "the WORKDIR exists before the COPY: only what it copies there",
      code: "FROM node:22\nWORKDIR /srv/app\nCOPY --chown=node . .\nCOPY --chown=node server.js /srv/app\nCOPY --chown=node lib /srv/\nUSER node\n",
      errors: [
        { messageId: "ownedByRuntimeUser", data: { flag: "--chown=node", owned: 'the files it copies into "."', user: '"node"' }, line: 3 },
        { messageId: "ownedByRuntimeUser", data: { flag: "--chown=node", owned: '"/srv/app/server.js"', user: '"node"' }, line: 4 },
        { messageId: "ownedByRuntimeUser", data: { flag: "--chown=node", owned: 'the files it copies into "/srv/"', user: '"node"' }, line: 5 },
      ],
    },
    {
      name: "a file to a file path, globs, a *.d directory, an archive ADD unpacks, a heredoc",
      code: "FROM alpine:3.23\nCOPY --chown=app app.yaml /etc/app/app.yaml\nCOPY --chown=app *.sh /\nCOPY --chown=app conf.d /\nADD --chown=app site.tar.gz /\nCOPY --chown=app <<EOF /etc/motd\nhello\nEOF\nUSER app\n",
      errors: [
        { messageId: "ownedByRuntimeUser", data: { flag: "--chown=app", owned: '"/etc/app/app.yaml"', user: '"app"' }, line: 2 },
        { messageId: "ownedByRuntimeUser", data: { flag: "--chown=app", owned: 'the files it copies into "/"', user: '"app"' }, line: 3 },
        { messageId: "ownedByRuntimeUser", data: { flag: "--chown=app", owned: 'the files it copies into "/"', user: '"app"' }, line: 4 },
        { messageId: "ownedByRuntimeUser", data: { flag: "--chown=app", owned: 'the files it copies into "/"', user: '"app"' }, line: 5 },
        { messageId: "ownedByRuntimeUser", data: { flag: "--chown=app", owned: '"/etc/motd"', user: '"app"' }, line: 6 },
      ],
    },
  ],
});
