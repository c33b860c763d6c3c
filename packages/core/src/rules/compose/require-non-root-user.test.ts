import { describe, expect, it } from "vitest";
import "../../compose/index.js";
import { fileHost } from "../../../test/support/file-host.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import dockerfileRule from "../dockerfile/require-non-root-user.js";
import rule from "./require-non-root-user.js";

const service = (lines: string): string => `services:\n  web:\n    image: nginx:1.27\n${lines}`;
/** The service with one `develop.watch` entry that runs `exec` lines (indented for the exec mapping). */
const watch = (exec: string): string => service(`    user: "10001"\n    develop:\n      watch:\n        - path: ./src\n          action: sync+exec\n          target: /app\n          exec:\n${exec}`);

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "no user: the image decides, which one file cannot know", code: service("") },
    { name: "build-only service without user", code: "services:\n  app:\n    build: .\n" },
    { name: "uid:gid", code: service('    user: "1000:1000"\n') },
    { name: "numeric uid", code: service("    user: 10001\n") },
    { name: "named user", code: service("    user: nobody\n") },
    { name: "a name that starts with root is not root", code: service("    user: rootless\n") },
    { name: "root group only: the user is unit", code: service("    user: unit:root\n") },
    { name: "interpolated defaults that are not root", code: service('    user: "${UID:-1000}:${GID:-1000}"\n') },
    { name: "variable without default: chosen where the file is run", code: service("    user: ${RUN_AS}\n") },
    { name: "unknown user with a root group", code: service('    user: "${RUN_AS}:0"\n') },
    { name: "required variable", code: service('    user: "${RUN_AS:?set RUN_AS}"\n') },
    { name: "empty default: the image's user", code: service('    user: "${RUN_AS:-}"\n') },
    { name: "options are accepted (shared with the Dockerfile rule)", code: service(""), options: { nonRootBaseImages: ["bitnami/*"] } },
    // Lifecycle hooks: the same reading of `user:` as the service's.
    ...[
      ["a hook without user: the service's user, or its image's", "command: echo hi"],
      ["a hook with a uid", 'command: echo hi\n        user: "10001:10001"'],
      ["a hook with root as the group only", "command: echo hi\n        user: app:root"],
      ["a hook with a user from an unset variable", "command: echo hi\n        user: ${HOOK_USER}"],
    ].flatMap(([name, hook]) => ["pre_start", "post_start", "pre_stop"].map((key) => ({ name: `${name} (${key})`, code: service(`    ${key}:\n      - ${hook}\n`) }))),
    // develop.watch[].exec: a service_hook, read the same way.
    { name: "a watch exec without user: the service's", code: watch("            command: kill -HUP 1\n") },
    { name: "a watch exec with a uid", code: watch('            command: kill -HUP 1\n            user: "10001"\n') },
    { name: "a watch exec with a user from an unset variable", code: watch("            command: kill -HUP 1\n            user: ${WATCH_USER}\n") },
  ],
  invalid: [
    {
      name: "root, at the value",
      code: service("    user: root\n"),
      errors: [{ messageId: "rootUser", data: { service: "web", user: "root" }, line: 4, column: 11, endLine: 4, endColumn: 15 }],
    },
    { name: "quoted 0", code: service('    user: "0"\n'), errors: [{ messageId: "rootUser", line: 4, column: 11, endColumn: 14 }] },
    { name: "integer 0", code: service("    user: 0\n"), errors: [{ messageId: "rootUser", data: { service: "web", user: "0" }, line: 4, column: 11 }] },
    { name: "0:0", code: service('    user: "0:0"\n'), errors: [{ messageId: "rootUser", line: 4, column: 11 }] },
    { name: "root:root", code: service("    user: root:root\n"), errors: [{ messageId: "rootUser", line: 4 }] },
    { name: "0 with a non-root group", code: service('    user: "0:1000"\n'), errors: [{ messageId: "rootUser", line: 4 }] },
    { name: "root:wheel", code: service("    user: root:wheel\n"), errors: [{ messageId: "rootUser", line: 4 }] },
    { name: "000", code: service('    user: "000"\n'), errors: [{ messageId: "rootUser", line: 4 }] },
    {
      name: "interpolated default root",
      code: service("    user: ${RUN_AS:-root}\n"),
      errors: [{ messageId: "rootUser", data: { service: "web", user: "${RUN_AS:-root}" }, line: 4, column: 11, endColumn: 26 }],
    },
    { name: "root with an unknown group is still root", code: service('    user: "root:${GID}"\n'), errors: [{ messageId: "rootUser", line: 4 }] },
    { name: "build-only service", code: "services:\n  app:\n    build: .\n    user: root\n", errors: [{ messageId: "rootUser", line: 4, column: 11 }] },
    {
      name: "partial service (override file): the value is written here",
      code: "services:\n  web:\n    user: root\n",
      errors: [{ messageId: "rootUser", line: 3, column: 11 }],
    },
    {
      name: "merge key: at the merge site",
      code: "x-root: &root\n  user: root\nservices:\n  web:\n    <<: *root\n    image: nginx:1.27\n",
      errors: [{ messageId: "rootUser", line: 5, column: 5, endColumn: 14 }],
    },
    {
      name: "Compose v1 file",
      code: "web:\n  image: nginx:1.27\n  user: root\n",
      errors: [{ messageId: "rootUser", line: 3, column: 9 }],
    },
    // Lifecycle hooks, each reported at its `user:` value, named as docker compose names it.
    ...(
      [
        ["pre_start", "rootPreStart", "root", "root"],
        ["post_start", "rootExec", '"0"', "0"],
        ["pre_stop", "rootExec", "root:wheel", "root:wheel"],
        ["pre_start", "rootPreStart", "${HOOK_USER:-0}", "${HOOK_USER:-0}"],
      ] as const
    ).map(([key, messageId, written, user]) => ({
      name: `${key} with user: ${written}`,
      code: service(`    user: "10001"\n    ${key}:\n      - command: echo one\n      - command: echo two\n        user: ${written}\n`),
      errors: [{ messageId, data: { hook: `services.web.${key}[1]`, service: "web", user }, line: 8, column: 15, endColumn: 15 + written.length }],
    })),
    {
      name: "a root service and its root hook: two findings",
      code: service("    user: root\n    post_start:\n      - command: chown -R 10001 /data\n        user: root\n"),
      errors: [
        { messageId: "rootUser", line: 4, column: 11 },
        {
          messageId: "rootExec",
          message:
            "Hook `services.web.post_start[0]` runs its command as root (`user: root`) in the container of service `web`, so a compromise of that command is root in the container whatever user the service runs as; set an unprivileged uid (e.g. `user: \"10001:10001\"`), or remove `user:` so that it runs as the service's user.",
          line: 7,
          column: 15,
        },
      ],
    },
    {
      name: "a pre_start hook's root user, with its message",
      code: service("    pre_start:\n      - image: busybox:1.37\n        command: chown -R 10001 /data\n        user: root\n"),
      errors: [
        {
          messageId: "rootPreStart",
          message:
            "Hook `services.web.pre_start[0]` runs its container as root (`user: root`) with the volumes of service `web`, so a compromise of that step is root in a container that can change them; set an unprivileged uid (e.g. `user: \"10001:10001\"`), or remove `user:` if the hook's image already runs as a non-root user.",
          line: 7,
          column: 15,
        },
      ],
    },
    {
      name: "a hook's user from a merge key inside the hook: at the `<<` line",
      code: "x-root: &root\n  user: root\nservices:\n  web:\n    image: nginx:1.27\n    pre_stop:\n      - <<: *root\n        command: echo bye\n",
      errors: [{ messageId: "rootExec", data: { hook: "services.web.pre_stop[0]", service: "web", user: "root" }, line: 7, column: 9, endColumn: 18 }],
    },
    {
      name: "a hook inherited through extends: at the base's value and at the extending service's `extends`",
      code: "services:\n  base:\n    image: app:1.4\n    pre_start:\n      - command: chown -R 10001 /data\n        user: \"0\"\n  app:\n    extends: base\n",
      errors: [
        { messageId: "rootPreStart", data: { hook: "services.base.pre_start[0]", service: "base", user: "0" }, line: 6, column: 15 },
        { messageId: "rootPreStart", data: { hook: "services.app.pre_start[0]", service: "app", user: "0" }, line: 8, column: 5 },
      ],
    },
    // develop.watch[].exec runs as docker exec in the service's container, as post_start does.
    {
      name: "a watch exec with user: root, at the value",
      code: watch("            command: kill -HUP 1\n            user: root\n"),
      errors: [
        {
          messageId: "rootExec",
          message:
            "Hook `services.web.develop.watch[0].exec` runs its command as root (`user: root`) in the container of service `web`, so a compromise of that command is root in the container whatever user the service runs as; set an unprivileged uid (e.g. `user: \"10001:10001\"`), or remove `user:` so that it runs as the service's user.",
          line: 12,
          column: 19,
          endColumn: 23,
        },
      ],
    },
    {
      name: "a watch exec with user: ${U:-0}",
      code: watch('            command: kill -HUP 1\n            user: "${U:-0}"\n'),
      errors: [{ messageId: "rootExec", data: { hook: "services.web.develop.watch[0].exec", service: "web", user: "${U:-0}" }, line: 12, column: 19 }],
    },
    {
      name: "a watch exec's user from a merge key inside it: at the `<<` line",
      code: "x-root: &root\n  user: root\n" + watch("            <<: *root\n            command: kill -HUP 1\n"),
      errors: [{ messageId: "rootExec", data: { hook: "services.web.develop.watch[0].exec", service: "web", user: "root" }, line: 13, column: 13, endColumn: 22 }],
    },
    {
      name: "a watch exec inherited through extends: at the base's value and at the extending service's `extends`",
      code: "services:\n  base:\n    image: app:1.4\n    develop:\n      watch:\n        - path: ./src\n          action: sync+exec\n          target: /app\n          exec:\n            command: kill -HUP 1\n            user: root\n  app:\n    extends: base\n",
      errors: [
        { messageId: "rootExec", data: { hook: "services.base.develop.watch[0].exec", service: "base", user: "root" }, line: 11, column: 19 },
        { messageId: "rootExec", data: { hook: "services.app.develop.watch[0].exec", service: "app", user: "root" }, line: 13, column: 5 },
      ],
    },
    {
      name: "one finding per service",
      code: "services:\n  a:\n    image: x:1\n    user: root\n  b:\n    image: y:1\n    user: app\n  c:\n    image: z:1\n    user: \"0\"\n",
      errors: [
        { messageId: "rootUser", data: { service: "a", user: "root" }, line: 4 },
        { messageId: "rootUser", data: { service: "c", user: "0" }, line: 10 },
      ],
    },
  ],
});

describe("require-non-root-user options shared with the Dockerfile rule", () => {
  it("has the same options schema and defaults in both kinds", () => {
    expect(rule.meta.options).toEqual(dockerfileRule.meta.options);
  });
});

/** A project beside `compose.yaml`: Dockerfiles with and without a non-root USER. */
const project = fileHost({
  "api/Dockerfile": "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nUSER 10001\nCMD [\"node\", \"server.js\"]\n",
  "worker/Dockerfile": "FROM python:3.13-slim\nCOPY . /app\nCMD [\"python\", \"/app/worker.py\"]\n",
  "root/Dockerfile": "FROM alpine:3.20\nUSER root\n",
  "args/Dockerfile": "FROM alpine:3.20\nARG APP_UID=0\nUSER ${APP_UID}\n",
  "unset/Dockerfile": "FROM alpine:3.20\nARG APP_UID\nUSER $APP_UID\n",
  "multi/Dockerfile": "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static:nonroot AS release\nCOPY --from=build /app /app\nFROM alpine:3.20 AS debug\nCOPY --from=build /app /app\n",
  "docker/app.Dockerfile": "FROM alpine:3.20\nUSER app\n",
  "solr/Dockerfile": "FROM solr:9.6\nCOPY conf /opt/solr/server/solr/configsets/app\n",
  "vendor/Dockerfile": "FROM bitnami/node:22\nCOPY . /app\n",
  "empty/": "",
  "windows/Dockerfile": "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app C:/app\n",
  "windows-user/Dockerfile": "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY app C:/app\nUSER ContainerUser\n",
  "windows-admin/Dockerfile": "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\nRUN mkdir C:\\data\nUSER containeradministrator\n",
  "windows-other/Dockerfile": "# escape=`\nFROM acme/windows-base:1.0\nCOPY app C:/app\n",
  "linux-admin-name/Dockerfile": "FROM debian:12\nUSER ContainerAdministrator\n",
  "on-base/Dockerfile": "FROM base\nCOPY . /app\n",
  "quoted/Dockerfile": 'FROM alpine:3.20\nARG APP_UID=0\nUSER "$APP_UID:$APP_UID"\n',
  // The base image from a build arg (cypress-docker-images: `.env` sets BASE_IMAGE, the compose file passes it).
  "env-base/Dockerfile": "ARG BASE_IMAGE='debian:11-slim'\nFROM ${BASE_IMAGE}\nCMD [\"true\"]\n",
  "env-base-user/Dockerfile": "ARG BASE_IMAGE=debian:12-slim\nFROM ${BASE_IMAGE}\nUSER 10001\n",
  "env-tag/Dockerfile": "ARG TAG=3.20\nARG BASE=alpine:${TAG}\nARG VERSION\nFROM ${BASE} AS app\n",
  "env-default/Dockerfile": "ARG BASE\nFROM ${BASE:-alpine:3.20}\n",
  "env-registry/Dockerfile": "ARG REGISTRY=docker.io\nARG IMAGE=debian\nFROM ${REGISTRY}/${IMAGE}:12\n",
  "env-nonroot/Dockerfile": "ARG REGISTRY=gcr.io\nFROM ${REGISTRY}/distroless/static:nonroot\n",
  "env-undeclared/Dockerfile": "FROM ${BASE}\n",
  "env-quoted/Dockerfile": 'ARG BASE=debian:12\nFROM "${BASE}"\n',
  "env-windows/Dockerfile": "# escape=`\nARG BASE=mcr.microsoft.com/windows/servercore:ltsc2022\nFROM ${BASE}\n",
});

/** A service that builds `context` with `args` (YAML lines under `args:`). */
const withArgs = (context: string, args: string): string => `services:\n  app:\n    build:\n      context: ${context}\n      args:\n${args}`;

describe("require-non-root-user: the Dockerfile a service builds", () => {
  createRuleTester({ describe, it }).run(rule, {
    valid: [
      { name: "the Dockerfile sets a non-root USER", code: "services:\n  api:\n    build: ./api\n", services: project },
      { name: "long form with a dockerfile relative to the context", code: "services:\n  app:\n    build:\n      context: .\n      dockerfile: docker/app.Dockerfile\n", services: project },
      { name: "args make the USER non-root", code: "services:\n  app:\n    build:\n      context: args\n      args:\n        APP_UID: \"10001\"\n", services: project },
      { name: "args as a list", code: "services:\n  app:\n    build:\n      context: args\n      args:\n        - APP_UID=10001\n", services: project },
      { name: "an ARG without default and no args: the builder's choice", code: "services:\n  app:\n    build: unset\n", services: project },
      { name: "an arg from the environment is not a guess", code: "services:\n  app:\n    build:\n      context: args\n      args:\n        - APP_UID\n", services: project },
      { name: "target: a non-root base image", code: "services:\n  app:\n    build:\n      context: multi\n      target: release\n", services: project },
      { name: "no reader: as for the Compose file alone", code: "services:\n  app:\n    build: ./worker\n" },
      { name: "a Dockerfile that cannot be read is left to valid-file-references", code: "services:\n  app:\n    build: ./empty\n", services: project },
      { name: "user: overrides the Dockerfile's root", code: "services:\n  app:\n    build: ./worker\n    user: \"10001\"\n", services: project },
      { name: "dockerfile_inline with a USER", code: "services:\n  app:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM alpine:3.20\n        USER 10001\n", services: project },
      {
        name: "layers: the override file that docker compose loads with compose.yaml sets `user` over the Dockerfile's root",
        code: "services:\n  worker:\n    build: ./worker\n",
        filePath: "/repo/compose.yaml",
        services: fileHost({ "worker/Dockerfile": "FROM python:3.13-slim\n", "compose.override.yaml": "services:\n  worker:\n    user: \"10001\"\n" }),
      },
      {
        name: "layers: an override's service that builds the image itself gets `user` from the base file's",
        code: "services:\n  worker:\n    build: ./worker\n    image: acme/worker:dev\n",
        filePath: "/repo/compose.override.yaml",
        services: fileHost({ "worker/Dockerfile": "FROM python:3.13-slim\n", "compose.yaml": "services:\n  worker:\n    image: acme/worker:1.0\n    user: \"10001\"\n" }),
      },
      {
        name: "layers: a later file of settings.composeFiles sets `user`",
        code: "services:\n  worker:\n    build: ./worker\n",
        filePath: "compose.yaml",
        settings: { composeFiles: ["compose.yaml", "compose.prod.yaml"] },
        services: fileHost({ "worker/Dockerfile": "FROM python:3.13-slim\n", "compose.prod.yaml": "services:\n  worker:\n    user: \"10001\"\n" }),
      },
      { name: "a Windows Dockerfile that sets USER ContainerUser", code: "services:\n  app:\n    build: ./windows-user\n", services: project },
      { name: "user: ContainerUser over a Windows Dockerfile without USER", code: "services:\n  app:\n    build: ./windows\n    user: ContainerUser\n", services: project },
      { name: "a Linux image's user named ContainerAdministrator is not Windows' administrator", code: "services:\n  app:\n    build: ./linux-admin-name\n", services: project },
      { name: "user: ContainerAdministrator over a Linux Dockerfile names a user of that image", code: "services:\n  app:\n    build: ./worker\n    user: ContainerAdministrator\n", services: project },
      { name: "an override file's build-only service completes the base file's", code: "services:\n  api:\n    build: ./worker\n", filePath: "compose.override.yaml", services: project },
      { name: "a base image that runs as a non-root user (solr: 8983), as laradock's solr builds it", code: "services:\n  solr:\n    build: ./solr\n", services: project },
      { name: "a remote context is not read", code: "services:\n  app:\n    build: https://github.com/acme/app.git\n", services: project },
      { name: "a base image from the environment under a non-root USER", code: withArgs("env-base-user", "        BASE_IMAGE: ${BASE_IMAGE}\n"), services: project },
      {
        name: "a base image from the environment whose tag is known non-root (`*:nonroot`)",
        code: withArgs("env-nonroot", "        REGISTRY: ${REGISTRY}\n"),
        services: project,
      },
      {
        name: "a file included with `project_directory: .` builds its context from the including file's directory (laradock)",
        code: "services:\n  api:\n    build: ./api\n",
        filePath: "/repo/services/compose.yml",
        services: fileHost({ "../compose.yaml": "include:\n  - path: services/compose.yml\n    project_directory: .\n", "../api/Dockerfile": "FROM node:22-slim\nUSER 10001\n", "api/Dockerfile": "FROM node:22-slim\n" }),
      },
    ],
    invalid: [
      {
        name: "another publisher's base image: its user is the image's config's, which docklint cannot read",
        code: "services:\n  app:\n    build: ./vendor\n",
        services: project,
        errors: [{ messageId: "noUserInBuildOtherBase", data: { service: "app", dockerfile: "vendor/Dockerfile", stage: "final stage", image: "bitnami/node:22" }, line: 2, column: 3 }],
      },
      {
        name: "layers: an override that sets no `user` leaves the Dockerfile's root",
        code: "services:\n  worker:\n    build: ./worker\n",
        filePath: "/repo/compose.yaml",
        services: fileHost({ "worker/Dockerfile": "FROM python:3.13-slim\n", "compose.override.yaml": "services:\n  worker:\n    environment: [DEBUG=1]\n" }),
        errors: [{ messageId: "noUserInBuild", line: 2 }],
      },
      {
        name: "the Dockerfile never sets USER: reported at the service",
        code: "services:\n  worker:\n    build: ./worker\n",
        services: project,
        errors: [{ messageId: "noUserInBuild", data: { service: "worker", dockerfile: "worker/Dockerfile", stage: "final stage", image: "python:3.13-slim" }, line: 2, column: 3, endColumn: 9 }],
      },
      {
        name: "a Dockerfile of this file's directory reached through the context above is named from here (listmonk's dev/docker-compose.yml)",
        code: "services:\n  front:\n    build:\n      context: ../\n      dockerfile: dev/app.Dockerfile\n",
        filePath: "/repo/dev/docker-compose.yml",
        services: fileHost({ "app.Dockerfile": "FROM node:16\n" }),
        errors: [{ messageId: "noUserInBuild", data: { service: "front", dockerfile: "app.Dockerfile", stage: "final stage", image: "node:16" }, line: 2 }],
      },
      {
        name: "user: root over a non-root Dockerfile: at that line",
        code: "services:\n  api:\n    build: ./api\n    user: root\n",
        services: project,
        errors: [{ messageId: "rootOverBuild", data: { service: "api", user: "root", buildUser: "10001", dockerfile: "api/Dockerfile" }, line: 4, column: 11, endColumn: 15 }],
      },
      {
        name: "USER root in the Dockerfile",
        code: "services:\n  app:\n    build: root\n",
        services: project,
        errors: [{ messageId: "rootInBuild", data: { service: "app", dockerfile: "root/Dockerfile", user: "root", line: 2 }, line: 2, column: 3 }],
      },
      {
        name: "a quoted USER is named without its quotes",
        code: "services:\n  app:\n    build: ./quoted\n",
        services: project,
        errors: [{ messageId: "rootInBuild", data: { service: "app", dockerfile: "quoted/Dockerfile", user: "0:0", line: 3 }, line: 2 }],
      },
      {
        name: "an ARG default of 0 with no args",
        code: "services:\n  app:\n    build: ./args\n",
        services: project,
        errors: [{ messageId: "rootInBuild", data: { service: "app", dockerfile: "args/Dockerfile", user: "0", line: 3 }, line: 2 }],
      },
      {
        name: "target: a stage without USER on a root base image",
        code: "services:\n  app:\n    build:\n      context: multi\n      target: debug\n",
        services: project,
        errors: [{ messageId: "noUserInBuild", data: { service: "app", dockerfile: "multi/Dockerfile", stage: "stage `debug`", image: "alpine:3.20" }, line: 2 }],
      },
      {
        name: "a base read from one of the build's additional_contexts: the context's user, not known to be root",
        code: "services:\n  app:\n    build:\n      context: ./on-base\n      additional_contexts:\n        base: service:base\n",
        services: project,
        errors: [{ messageId: "noUserInBuildOtherBase", data: { service: "app", dockerfile: "on-base/Dockerfile", stage: "final stage", image: "base" }, line: 2 }],
      },
      {
        name: "a base of the same name without additional_contexts is Docker Hub's image",
        code: "services:\n  app:\n    build: ./on-base\n",
        services: project,
        errors: [{ messageId: "noUserInBuild", line: 2 }],
      },
      {
        name: "a Windows Dockerfile without USER runs as ContainerAdministrator, not root",
        code: "services:\n  app:\n    build: ./windows\n",
        services: project,
        errors: [
          {
            messageId: "noUserInBuildWindows",
            message:
              "Service `app` runs as ContainerAdministrator, the administrator of a Windows container: it builds `windows/Dockerfile`, whose final stage never sets USER (Windows base image `mcr.microsoft.com/windows/servercore:ltsc2022`); add `USER ContainerUser` (after the last step that needs administrator rights) to that stage, or set `user: ContainerUser` on the service.",
            line: 2,
            column: 3,
          },
        ],
      },
      {
        name: "a Windows image of another publisher (told by its escape directive): its config's user",
        code: "services:\n  app:\n    build: ./windows-other\n",
        services: project,
        errors: [{ messageId: "noUserInBuildWindows", data: { service: "app", dockerfile: "windows-other/Dockerfile", stage: "final stage", whom: "the user its base image's config names, ContainerAdministrator unless it names another (docklint does not pull images)", image: "acme/windows-base:1.0" }, line: 2 }],
      },
      {
        name: "USER ContainerAdministrator (any case) in a Windows Dockerfile",
        code: "services:\n  app:\n    build: ./windows-admin\n",
        services: project,
        errors: [{ messageId: "administratorInBuild", data: { service: "app", dockerfile: "windows-admin/Dockerfile", user: "containeradministrator", line: 4 }, line: 2, column: 3 }],
      },
      {
        name: "user: ContainerAdministrator over a Windows Dockerfile",
        code: "services:\n  app:\n    build: ./windows-user\n    user: ContainerAdministrator\n",
        services: project,
        errors: [{ messageId: "administratorUser", data: { service: "app", user: "ContainerAdministrator" }, line: 4, column: 11, endColumn: 33 }],
      },
      {
        name: "user: ContainerAdministrator on a pulled image",
        code: "services:\n  app:\n    image: mcr.microsoft.com/windows/servercore:ltsc2022\n    user: ContainerAdministrator\n",
        services: project,
        errors: [{ messageId: "administratorUser", line: 4 }],
      },
      {
        name: "a base image from a build arg that Compose interpolates from `.env`: not the ARG's default (cypress-docker-images)",
        code: "services:\n  app:\n    build:\n      context: .\n      args:\n        BASE_IMAGE: ${BASE_IMAGE}\n",
        filePath: "/repo/compose.yaml",
        services: fileHost({ ".env": "BASE_IMAGE=gcr.io/distroless/static-debian12:nonroot\n", Dockerfile: "ARG BASE_IMAGE='debian:11-slim'\nFROM ${BASE_IMAGE}\nCMD [\"true\"]\n" }),
        errors: [
          {
            messageId: "noUserInBuildUnknownBase",
            message:
              "Service `app` runs as the user of a base image docklint cannot know: it builds `Dockerfile`, whose final stage never sets USER and builds on `${BASE_IMAGE}`, where the service's `build.args` take `BASE_IMAGE` from the environment docker compose runs in (the shell or `.env`, which docklint does not read); that is root unless the image's config names another user, so add `USER 10001` (after the last step that needs root) to that stage, or set `user: \"10001:10001\"` on the service.",
            line: 2,
            column: 3,
            endColumn: 6,
          },
        ],
      },
      {
        name: "a base image from a bare build arg (the environment's value)",
        code: withArgs("env-base", "        - BASE_IMAGE\n"),
        services: project,
        errors: [{ messageId: "noUserInBuildUnknownBase", data: { service: "app", dockerfile: "env-base/Dockerfile", stage: "final stage", image: "${BASE_IMAGE}", args: "`BASE_IMAGE`" }, line: 2 }],
      },
      {
        name: "a base image from a required variable",
        code: withArgs("env-base", "        BASE_IMAGE: ${BASE_IMAGE:?set BASE_IMAGE}\n"),
        services: project,
        errors: [{ messageId: "noUserInBuildUnknownBase", data: { service: "app", dockerfile: "env-base/Dockerfile", stage: "final stage", image: "${BASE_IMAGE}", args: "`BASE_IMAGE`" }, line: 2 }],
      },
      {
        name: "a build arg with an interpolation default: the default, as Compose uses it when the variable is unset",
        code: withArgs("env-base", "        BASE_IMAGE: ${BASE_IMAGE:-alpine:3.20}\n"),
        services: project,
        errors: [{ messageId: "noUserInBuild", data: { service: "app", dockerfile: "env-base/Dockerfile", stage: "final stage", image: "alpine:3.20" }, line: 2 }],
      },
      {
        name: "a literal build arg names the base image",
        code: withArgs("env-base", "        BASE_IMAGE: python:3.13-slim\n"),
        services: project,
        errors: [{ messageId: "noUserInBuild", data: { service: "app", dockerfile: "env-base/Dockerfile", stage: "final stage", image: "python:3.13-slim" }, line: 2 }],
      },
      {
        name: "no build arg for the base: the ARG's default",
        code: "services:\n  app:\n    build: env-base\n",
        services: project,
        errors: [{ messageId: "noUserInBuild", data: { service: "app", dockerfile: "env-base/Dockerfile", stage: "final stage", image: "debian:11-slim" }, line: 2 }],
      },
      {
        name: "a build arg from the environment that the FROM does not use leaves the known base",
        code: withArgs("env-tag", "        VERSION: ${VERSION}\n"),
        services: project,
        errors: [{ messageId: "noUserInBuild", data: { service: "app", dockerfile: "env-tag/Dockerfile", stage: "stage `app`", image: "alpine:3.20" }, line: 2 }],
      },
      {
        name: "a build arg from the environment that another ARG's default names",
        code: withArgs("env-tag", "        TAG: ${ALPINE_TAG}\n"),
        services: project,
        errors: [{ messageId: "noUserInBuildUnknownBase", data: { service: "app", dockerfile: "env-tag/Dockerfile", stage: "stage `app`", image: "alpine:${TAG}", args: "`TAG`" }, line: 2 }],
      },
      {
        name: "a literal build arg that another ARG's default names",
        code: withArgs("env-tag", "        TAG: \"3.21\"\n"),
        services: project,
        errors: [{ messageId: "noUserInBuild", data: { service: "app", dockerfile: "env-tag/Dockerfile", stage: "stage `app`", image: "alpine:3.21" }, line: 2 }],
      },
      {
        name: "a FROM default (`${BASE:-alpine:3.20}`) is not the image when the build arg comes from the environment",
        code: withArgs("env-default", "        BASE: ${BASE}\n"),
        services: project,
        errors: [{ messageId: "noUserInBuildUnknownBase", data: { service: "app", dockerfile: "env-default/Dockerfile", stage: "final stage", image: "${BASE}", args: "`BASE`" }, line: 2 }],
      },
      {
        name: "a FROM default without a build arg: that default",
        code: "services:\n  app:\n    build: env-default\n",
        services: project,
        errors: [{ messageId: "noUserInBuild", data: { service: "app", dockerfile: "env-default/Dockerfile", stage: "final stage", image: "alpine:3.20" }, line: 2 }],
      },
      {
        name: "two build args from the environment, both named; a literal one is applied",
        code: withArgs("env-registry", "        REGISTRY: ${REGISTRY}\n        IMAGE: ${IMAGE}\n"),
        services: project,
        errors: [{ messageId: "noUserInBuildUnknownBase", data: { service: "app", dockerfile: "env-registry/Dockerfile", stage: "final stage", image: "${REGISTRY}/${IMAGE}:12", args: "`REGISTRY`, `IMAGE`" }, line: 2 }],
      },
      {
        name: "one build arg from the environment, another literal",
        code: withArgs("env-registry", "        REGISTRY: ${REGISTRY}\n        IMAGE: ubuntu\n"),
        services: project,
        errors: [{ messageId: "noUserInBuildUnknownBase", data: { service: "app", dockerfile: "env-registry/Dockerfile", stage: "final stage", image: "${REGISTRY}/ubuntu:12", args: "`REGISTRY`" }, line: 2 }],
      },
      {
        name: "a build arg for a name no ARG declares does not reach FROM",
        code: withArgs("env-undeclared", "        BASE: ${BASE}\n"),
        services: project,
        errors: [{ messageId: "noUserInBuildOtherBase", data: { service: "app", dockerfile: "env-undeclared/Dockerfile", stage: "final stage", image: "${BASE}" }, line: 2 }],
      },
      {
        name: "a quoted FROM with a literal build arg is named without its quotes",
        code: withArgs("env-quoted", "        BASE: alpine:3.20\n"),
        services: project,
        errors: [{ messageId: "noUserInBuild", data: { service: "app", dockerfile: "env-quoted/Dockerfile", stage: "final stage", image: "alpine:3.20" }, line: 2 }],
      },
      {
        name: "a Windows stage whose base comes from the environment: its config's user",
        code: withArgs("env-windows", "        BASE: ${BASE}\n"),
        services: project,
        errors: [
          {
            messageId: "noUserInBuildWindows",
            data: { service: "app", dockerfile: "env-windows/Dockerfile", stage: "final stage", image: "${BASE}", whom: "the user its base image's config names, ContainerAdministrator unless it names another (docklint does not pull images)" },
            line: 2,
          },
        ],
      },
      {
        name: "dockerfile_inline without USER",
        code: "services:\n  app:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM alpine:3.20\n",
        services: project,
        errors: [{ messageId: "noUserInBuild", data: { service: "app", dockerfile: "dockerfile_inline", stage: "final stage", image: "alpine:3.20" }, line: 2 }],
      },
    ],
  });
});
