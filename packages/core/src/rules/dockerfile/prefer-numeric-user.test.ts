import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./prefer-numeric-user.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM alpine:3.20\nUSER 12345\n",
    { name: "numeric uid and gid", code: "FROM alpine:3.20\nUSER 1234:5678\n" },
    { name: "numeric uid, named group", code: "FROM alpine:3.20\nUSER 1000:app\n" },
    { name: "no USER: the base image's", code: "FROM node:20\nCMD [\"node\"]\n" },
    { name: "a named user in a build stage only", code: "FROM golang:1.22 AS build\nUSER builder\nFROM scratch\nUSER 65532\n" },
    { name: "named user earlier, numeric at the end", code: "FROM alpine:3.20\nUSER app\nRUN id\nUSER 10001\n" },
    { name: "a user from a global ARG (hadolint's case)", code: "ARG APP_UID\nFROM foobar:barfoo\nUSER ${APP_UID}\n" },
    { name: "a user from a stage ARG with a default", code: "FROM alpine:3.20\nARG USERNAME=vscode\nUSER $USERNAME\n" },
    { name: "ENV holding a uid", code: "FROM alpine:3.20\nENV APP_UID=1654\nUSER $APP_UID\n" },
    { name: "the ARG the useradd took the uid from (the fix for a `useradd -u $UID`)", code: 'FROM debian:12-slim\nARG UID="1000"\nRUN useradd -u $UID -ms /bin/bash ducker\nUSER $UID\n' },
    { name: "root is require-non-root-user's finding", code: "FROM alpine:3.20\nUSER root\n" },
    { name: "Windows image", code: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerUser\n" },
    { name: "escape directive (Windows)", code: "# escape=`\nFROM mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022\nUSER ContainerAdministrator\n" },
    { name: "ONBUILD USER is the child's", code: "FROM alpine:3.20\nUSER 10001\nONBUILD USER app\n" },
  ],
  invalid: [
    {
      name: "the USER of a build target (settings.buildTargets) and of the last stage; one both inherit, once",
      code: "FROM node:20 AS dev\nUSER node\nFROM alpine:3.20 AS base\nUSER app\nFROM base AS debug\nFROM base\n",
      settings: { buildTargets: ["dev", "debug"] },
      errors: [
        { messageId: "named", data: { user: "node", hint: '`USER 1000`, the uid "node" has in the base image `node:20`' }, line: 2 },
        { messageId: "named", line: 4 },
      ],
    },
    {
      name: "non-numeric uid",
      code: "FROM alpine:3.20\nUSER foobar\n",
      errors: [{ messageId: "named", data: { user: "foobar", hint: 'e.g. `USER 10001` after creating the user with that uid (`adduser -D -u 10001 foobar`), or the uid the base image gives "foobar" (`id -u foobar` in it)' }, line: 2, column: 6, endColumn: 12, suggestions: [] }],
    },
    {
      name: "non-numeric uid and gid: the uid is reported",
      code: "FROM alpine:3.20\nUSER foobar:barfoo\n",
      errors: [{ messageId: "named", data: { user: "foobar", hint: 'e.g. `USER 10001` after creating the user with that uid (`adduser -D -u 10001 foobar`), or the uid the base image gives "foobar" (`id -u foobar` in it)' }, line: 2, column: 6, endColumn: 12 }],
    },
    {
      name: "the uid the file gives the user: suggestion",
      code: "FROM debian:12\nRUN groupadd -g 10001 app && useradd --no-log-init -u 10001 -g app app\nUSER app:app\n",
      errors: [{ messageId: "named", data: { user: "app", hint: '`USER 10001`, the uid this file gives "app"' }, line: 3, column: 6, endColumn: 9, suggestions: ["Use uid 10001"] }],
    },
    {
      name: "a uid from an ARG (kafka's tests/docker/Dockerfile): `USER $UID`, not a made-up uid",
      code: 'FROM debian:12-slim\nARG UID="1000"\nRUN useradd -u $UID -ms /bin/bash ducker\nUSER ducker\n',
      errors: [{ messageId: "named", data: { user: "ducker", hint: '`USER $UID`, the uid the `useradd` on line 3 gives "ducker" (1000 by default)' }, line: 4, column: 6, endColumn: 12, suggestions: ["Use $UID"] }],
    },
    {
      name: "a uid from an ARG without default, imported from the global scope",
      code: "ARG APP_UID\nFROM debian:12\nARG APP_UID\nRUN useradd --uid ${APP_UID} app\nUSER app\n",
      errors: [{ messageId: "named", data: { user: "app", hint: '`USER ${APP_UID}`, the uid the `useradd` on line 4 gives "app"' }, line: 5, suggestions: ["Use ${APP_UID}"] }],
    },
    {
      name: "a uid from an ENV: the variable, and its value",
      code: 'FROM alpine:3.20\nENV APP_UID=1654\nRUN adduser -D -u "$APP_UID" app\nUSER app\n',
      errors: [{ messageId: "named", data: { user: "app", hint: '`USER $APP_UID`, the uid the `adduser` on line 3 gives "app" (1654)' }, line: 4, suggestions: ["Use $APP_UID"] }],
    },
    {
      name: "a uid from an ARG of the parent stage, whose value the stage inherits (as BuildKit does)",
      code: "FROM debian:12 AS base\nARG APP_UID=10001\nRUN useradd --uid ${APP_UID} app\nFROM base\nUSER app\n",
      errors: [{ messageId: "named", data: { user: "app", hint: '`USER ${APP_UID}`, the uid the `useradd` on line 3 gives "app" (10001 by default)' }, line: 5, suggestions: ["Use ${APP_UID}"] }],
    },
    {
      name: "a uid from an ARG that has another value at the USER",
      code: "FROM debian:12 AS base\nARG UID=1000\nRUN useradd -u $UID app\nFROM base\nARG UID=2000\nUSER app\n",
      errors: [{ messageId: "named", data: { user: "app", hint: '`USER $UID` after `ARG UID=1000` in this stage, the uid the `useradd` on line 3 gives "app" (here the ARG does not hold the value that `useradd` saw)' }, line: 6, suggestions: [] }],
    },
    {
      name: "a uid the RUN computes: give a number in the useradd",
      code: 'FROM debian:12\nRUN useradd -u "$(stat -c %u /data)" app\nUSER app\n',
      errors: [
        {
          messageId: "named",
          data: { user: "app", hint: 'e.g. `USER 10001` after giving "app" that uid in the `useradd` on line 2 (a number instead of `$(stat -c %u /data)`, which a USER cannot repeat)' },
          line: 3,
          suggestions: [],
        },
      ],
    },
    {
      name: "BusyBox adduser in a parent stage",
      code: "FROM alpine:3.20 AS base\nRUN adduser -D -u 1001 -G app app\nFROM base\nUSER app\n",
      errors: [{ messageId: "named", line: 4, suggestions: ["Use uid 1001"] }],
    },
    {
      name: "inherited from the stage it builds on",
      code: "FROM alpine:3.20 AS base\nUSER nobody\nFROM base\nRUN true\n",
      errors: [{ messageId: "named", data: { user: "nobody", hint: '`USER 65534`, the uid "nobody" has in the base image `alpine:3.20`' }, line: 2, column: 6, endColumn: 12, suggestions: ["Use uid 65534"] }],
    },
    {
      name: "a user of the base image: its uid there (nginx: 101; www-data: 33 on Debian, 82 on Alpine)",
      code: "FROM nginx:1.27\nUSER nginx\n",
      errors: [{ messageId: "named", data: { user: "nginx", hint: '`USER 101`, the uid "nginx" has in the base image `nginx:1.27`' }, line: 2, suggestions: ["Use uid 101"] }],
    },
    { name: "www-data on php's alpine image", code: "FROM php:8.3-fpm-alpine\nUSER www-data\n", errors: [{ messageId: "named", line: 2, suggestions: ["Use uid 82"] }] },
    {
      name: "a user of an unknown base image on Debian: useradd, or the image's own uid",
      code: "FROM envoyproxy/envoy:v1.31\nUSER envoy\n",
      errors: [{ messageId: "named", data: { user: "envoy", hint: 'e.g. `USER 10001` after creating the user with that uid (`useradd -u 10001 envoy`), or the uid the base image gives "envoy" (`id -u envoy` in it)' }, line: 2, suggestions: [] }],
    },
    {
      name: "ENV holding a name",
      code: "FROM alpine:3.20\nENV APP_USER=app\nUSER ${APP_USER}\n",
      errors: [{ messageId: "named", data: { user: "app", hint: 'e.g. `USER 10001` after creating the user with that uid (`adduser -D -u 10001 app`), or the uid the base image gives "app" (`id -u app` in it)' }, line: 3, column: 6, endColumn: 17, suggestions: [] }],
    },
    {
      name: "heredoc useradd",
      code: "FROM debian:12\nRUN <<EOF\nuseradd -u 2000 svc\nEOF\nUSER svc\n",
      errors: [{ messageId: "named", line: 5, suggestions: ["Use uid 2000"] }],
    },
    {
      name: "a scratch image with the /etc/passwd of a build stage: the uid created there (woodpecker-ci docker/Dockerfile.server.multiarch.rootless)",
      code: 'FROM golang:1.24 AS build\nRUN useradd -u 1000 app\n\nFROM scratch\nCOPY --from=build /etc/passwd /etc/passwd\nUSER app\nENTRYPOINT ["/app"]\n',
      errors: [{ messageId: "named", data: { user: "app", hint: '`USER 1000`, the uid this file gives "app"' }, line: 6, column: 6, endColumn: 9, suggestions: ["Use uid 1000"] }],
    },
    {
      name: "/etc/passwd copied into /etc/, as /etc, or with the whole filesystem",
      code: "FROM debian:12 AS build\nRUN groupadd -g 1000 woodpecker && useradd -u 1000 -g 1000 woodpecker\nFROM scratch AS a\nCOPY --from=build /etc/passwd /etc/group /etc/\nUSER woodpecker\nFROM scratch AS b\nCOPY --from=build /etc /etc\nUSER woodpecker\nFROM scratch\nCOPY --from=0 / /\nUSER woodpecker\n",
      settings: { buildTargets: ["a", "b"] },
      errors: [
        { messageId: "named", line: 5, suggestions: ["Use uid 1000"] },
        { messageId: "named", line: 8, suggestions: ["Use uid 1000"] },
        { messageId: "named", line: 11, suggestions: ["Use uid 1000"] },
      ],
    },
    {
      name: "a user created before the /etc/passwd is copied over is gone; one created after it counts",
      code: "FROM alpine:3.20 AS build\nRUN adduser -D -u 1000 app\nFROM alpine:3.20 AS a\nRUN adduser -D -u 2000 svc\nCOPY --from=build /etc/passwd /etc/passwd\nUSER svc\nFROM alpine:3.20\nCOPY --from=build /etc/passwd /etc/passwd\nRUN adduser -D -u 2000 svc\nUSER svc\n",
      settings: { buildTargets: ["a"] },
      errors: [
        {
          messageId: "named",
          data: { user: "svc", hint: 'e.g. `USER 10001` after creating the user with that uid in stage "build", whose /etc/passwd this image copies (`adduser -D -u 10001 svc`), or the uid "svc" has there (`id -u svc` in that stage)' },
          line: 6,
          suggestions: [],
        },
        { messageId: "named", data: { user: "svc", hint: '`USER 2000`, the uid this file gives "svc"' }, line: 10, suggestions: ["Use uid 2000"] },
      ],
    },
    {
      name: "a user of the base image of the stage /etc/passwd comes from",
      code: "FROM nginx:1.27 AS base\nFROM scratch\nCOPY --from=base /etc/passwd /etc/passwd\nUSER nginx\n",
      errors: [{ messageId: "named", data: { user: "nginx", hint: '`USER 101`, the uid "nginx" has in `nginx:1.27`, whose /etc/passwd this image copies' }, line: 4, suggestions: ["Use uid 101"] }],
    },
    {
      name: "a uid from an ARG of the stage /etc/passwd comes from",
      code: "FROM debian:12 AS build\nARG UID=1000\nRUN useradd -u $UID app\nFROM scratch\nCOPY --from=build /etc/passwd /etc/passwd\nUSER app\n",
      errors: [
        {
          messageId: "named",
          data: { user: "app", hint: '`USER $UID` after `ARG UID=1000` in this stage, the uid the `useradd` on line 3 gives "app" (here the ARG does not hold the value that `useradd` saw)' },
          line: 6,
          suggestions: [],
        },
      ],
    },
    {
      name: "a scratch image whose /etc/passwd does not come from a stage: no useradd to suggest",
      code: "FROM golang:1.24 AS build\nRUN useradd -u 1000 app\nFROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY passwd /etc/passwd\nUSER app\n",
      errors: [{ messageId: "named", data: { user: "app", hint: 'e.g. `USER 10001`, with "app" given that uid in the /etc/passwd this image copies in (`scratch` has no `useradd`)' }, line: 6, suggestions: [] }],
    },
    {
      name: "/etc/passwd copied from an image",
      code: "FROM scratch\nCOPY --from=busybox:1.36 /etc/passwd /etc/passwd\nUSER daemon\n",
      errors: [{ messageId: "named", data: { user: "daemon", hint: 'the uid "daemon" has in `busybox:1.36`, whose /etc/passwd this image copies (`id -u daemon` in it)' }, line: 3, suggestions: [] }],
    },
    {
      name: "file without FROM",
      code: "USER foobar\n",
      errors: [{ messageId: "named", line: 1, column: 6, endColumn: 12 }],
    },
  ],
});
