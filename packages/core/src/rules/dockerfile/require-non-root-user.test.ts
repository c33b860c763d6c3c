import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-non-root-user.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "an image whose own Dockerfile ends with a non-root USER (grafana: 472)", code: "FROM grafana/grafana:11.2.0\nCOPY dashboards /etc/grafana/dashboards\n" },
    { name: "solr (8983), by digest", code: "FROM solr:9.6@sha256:0000000000000000000000000000000000000000000000000000000000000000\n" },
    "FROM alpine:3.20\nUSER 10001\n",
    "FROM alpine:3.20\nUSER app:app\n",
    { name: "switches back after a root step", code: "FROM alpine:3.20\nUSER root\nRUN apk add --no-cache curl\nUSER 1000\n" },
    {
      name: "a build target that sets a non-root USER",
      code: "FROM node:20 AS dev\nUSER node\nFROM node:20 AS prod\nUSER 10001\n",
      settings: { buildTargets: ["dev"] },
    },
    {
      name: "a build target that inherits USER from the stage it is built on",
      code: "FROM alpine:3.20 AS base\nUSER 1000\nFROM base AS dev\nRUN echo hi\nFROM base\n",
      settings: { buildTargets: ["DEV"] },
    },
    { name: "a build target no stage has is another rule's finding", code: "FROM alpine:3.20\nUSER 1000\n", settings: { buildTargets: ["dev"] } },
    { name: "root only in a build stage", code: "FROM golang:1.22 AS build\nUSER root\nRUN go build\nFROM alpine:3.20\nUSER 65532\n" },
    { name: "inherits USER from a parent stage", code: "FROM alpine:3.20 AS base\nUSER 1000\nFROM base\nRUN echo hi\n" },
    { name: "user from a build argument is deliberate", code: "FROM alpine:3.20\nARG UID\nUSER ${UID}\n" },
    { name: "ARG default resolves to non-root", code: "FROM alpine:3.20\nARG UID=1000\nUSER ${UID}:${UID}\n" },
    { name: "non-root base image", code: "FROM gcr.io/distroless/static:nonroot\nCOPY app /app\n" },
    {
      name: "non-root base image pinned by digest",
      code: "FROM gcr.io/distroless/static-debian12:nonroot@sha256:1b7b9f0f0e0a1d2155f531db587cc48ec26aaf97ab64364225f5bf18a054e66a\nCOPY app /app\n",
    },
    { name: ".NET chiseled image via a global ARG (runs as app)", code: "ARG REPO=mcr.microsoft.com/dotnet/runtime-deps\nFROM $REPO:8.0.30-jammy-chiseled-amd64\nCOPY app /app\n" },
    { name: ".NET distroless image", code: "FROM mcr.microsoft.com/dotnet/aspnet:9.0-azurelinux3.0-distroless\nCOPY app /app\n" },
    { name: "Nano Server runs as ContainerUser", code: "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY app.exe C:/app/\n" },
    { name: "Server Core with USER ContainerUser", code: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerUser\n" },
    { name: "a Linux image's user named ContainerAdministrator is not Windows' administrator", code: "FROM debian:12\nUSER ContainerAdministrator\n" },
    { name: ".NET on Nano Server", code: "FROM mcr.microsoft.com/dotnet/runtime:10.0-nanoserver-ltsc2022\nCOPY app C:/app/\n" },
    { name: "custom non-root base image option", code: "FROM bitnami/redis:7.2\n", options: { nonRootBaseImages: ["bitnami/*"] } },
    { name: "ONBUILD USER root does not change this image", code: "FROM alpine:3.20\nUSER 1000\nONBUILD USER root\n" },
    {
      // swiftlang/swift-docker's buildx Dockerfiles pick the stage to build on with `FROM base-$TARGETARCH`.
      name: "inherits USER through a stage picked by platform ARG",
      code: "FROM ubuntu:20.04 AS base\nUSER 1000\nFROM base AS base-amd64\nFROM base AS base-arm64\nFROM base-$TARGETARCH AS final\nRUN swift --version\n",
    },
  ],
  invalid: [
    {
      name: "a stage picked by platform ARG names the image the candidate stages build on",
      code: "FROM ubuntu:20.04 AS base\nFROM base AS base-amd64\nFROM base AS base-arm64\nFROM base-$TARGETARCH AS final\nRUN swift --version\n",
      errors: [
        {
          messageId: "missingUser",
          message:
            'The final stage (image "ubuntu:20.04") never sets USER, so the container runs as root; add `USER <uid>` (e.g. `USER 10001`) after the last step that needs root.',
          line: 4,
        },
      ],
    },
    {
      name: "a FROM that also depends on a user ARG is named as written",
      code: "ARG FLAVOR\nFROM ubuntu:20.04 AS base\nUSER 1000\nFROM base AS base-amd64\nFROM base-${FLAVOR}$TARGETARCH\n",
      errors: [{ messageId: "missingUserOtherBase", data: { stage: "The final stage", image: "base-${FLAVOR}$TARGETARCH" }, line: 5 }],
    },
    {
      name: "a quoted FROM is named as the build reads it (AdGuardHome's FROM \"$BASE_IMAGE\")",
      code: 'ARG BASE_IMAGE=alpine:3.20\nFROM "$BASE_IMAGE" AS publisher\nCOPY a /a\n',
      errors: [{ messageId: "missingUser", data: { stage: "The final stage", image: "alpine:3.20" }, line: 2 }],
    },
    {
      name: "a FROM from an ARG without default is named as written, without its quotes",
      code: 'ARG BASE_IMAGE\nFROM "${BASE_IMAGE}"\nCOPY a /a\n',
      errors: [{ messageId: "missingUserOtherBase", data: { stage: "The final stage", image: "${BASE_IMAGE}" }, line: 2 }],
    },
    {
      name: "a quoted USER from ARG defaults is named without its quotes (qdrant)",
      code: 'FROM debian:12-slim\nARG USER_ID=0\nUSER "$USER_ID:$USER_ID"\n',
      errors: [{ messageId: "rootUser", message: 'USER "0:0" makes the container run as root; switch to an unprivileged user (e.g. `USER 10001`) before the end of the final stage.', line: 3 }],
    },
    {
      name: "a base read from a named build context: its user is the context's, not known to be root",
      code: "FROM base\nCOPY . /app\n",
      settings: { buildContexts: ["base"] },
      errors: [{ messageId: "missingUserOtherBase", data: { stage: "The final stage", image: "base" }, line: 1 }],
    },
    {
      name: "a stage built on another names the image at the root of its chain",
      code: "FROM python:3.11-slim AS base\nRUN pip install flask\nFROM base AS dev\nCMD [\"flask\", \"run\"]\nFROM base\nUSER 10001\n",
      settings: { buildTargets: ["dev"] },
      errors: [{ messageId: "missingUser", data: { stage: "The build target `dev`", image: "python:3.11-slim" }, line: 3 }],
    },
    {
      name: "a build target without USER (Compose's build.target), and the last stage",
      code: "FROM node:20 AS dev\nRUN npm ci\nFROM node:20-slim AS prod\nUSER 10001\n",
      settings: { buildTargets: ["dev"] },
      errors: [{ messageId: "missingUser", data: { stage: "The build target `dev`", image: "node:20" }, line: 1, column: 1, endColumn: 20 }],
    },
    {
      name: "each image is judged: a root build target and a final stage without USER, in file order",
      code: "FROM alpine:3.20 AS debug\nUSER root\nFROM alpine:3.20\nRUN true\n",
      settings: { buildTargets: ["debug", "debug"] },
      errors: [
        { messageId: "rootUser", data: { user: "root", stage: "the build target `debug`" }, line: 2 },
        { messageId: "missingUser", data: { stage: "The final stage", image: "alpine:3.20" }, line: 3 },
      ],
    },
    {
      name: "another publisher's base: its config may name a user docklint cannot read",
      code: "FROM ghcr.io/acme/runtime:2.1\nCOPY app /app\n",
      errors: [
        {
          messageId: "missingUserOtherBase",
          message:
            "The final stage (image \"ghcr.io/acme/runtime:2.1\") never sets USER, so the container runs as the user its base image's config names, root unless it names another (docklint does not pull images); add `USER <uid>` (e.g. `USER 10001`) after the last step that needs root, or list the image in the `nonRootBaseImages` option if it runs as a non-root user.",
          line: 1,
        },
      ],
    },
    { name: "a base from a variable without a default is not known", code: "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY app /app\n", errors: [{ messageId: "missingUserOtherBase", line: 2 }] },
    { name: "distroless without :nonroot runs as root", code: "FROM gcr.io/distroless/base-debian12\nCOPY app /app\n", errors: [{ messageId: "missingUser", line: 1 }] },
    {
      name: "an image the default list knows as non-root, where a config's own list leaves it out, is not said to run as root",
      code: "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n",
      options: { nonRootBaseImages: ["bitnami/*"] },
      errors: [{ messageId: "missingUserOtherBase", line: 1 }],
    },
    { name: "an official image the default list knows as non-root, under a config's own list", code: "FROM solr:9.6\nCOPY conf /conf\n", options: { nonRootBaseImages: [] }, errors: [{ messageId: "missingUserOtherBase", line: 1 }] },
    { name: "an official image through docker.io/library", code: "FROM docker.io/library/node:22\nCOPY . /app\n", errors: [{ messageId: "missingUser", line: 1 }] },
    { name: "an official image's per-architecture repository", code: "FROM arm64v8/alpine:3.20\nCOPY . /app\n", errors: [{ messageId: "missingUser", line: 1 }] },
    { name: "Red Hat's UBI from Docker Hub", code: "FROM redhat/ubi9-minimal:9.4\nCOPY . /app\n", errors: [{ messageId: "missingUser", line: 1 }] },
    {
      name: "no USER at all",
      code: "FROM ubuntu:24.04\nRUN apt-get update\nCMD [\"bash\"]\n",
      errors: [{ messageId: "missingUser", data: { stage: "The final stage", image: "ubuntu:24.04" }, line: 1, column: 1, endLine: 1, endColumn: 18 }],
    },
    {
      name: "explicit root",
      code: "FROM ubuntu:24.04\nUSER root\n",
      errors: [{ messageId: "rootUser", data: { user: "root", stage: "the final stage" }, line: 2, column: 6, endColumn: 10 }],
    },
    {
      name: "Nano Server 2016 ran as ContainerAdministrator",
      code: "FROM mcr.microsoft.com/windows/nanoserver:10.0.14393.2068\nCOPY app.exe C:/app/\n",
      errors: [
        {
          messageId: "missingUserWindows",
          message:
            'The final stage (Windows image "mcr.microsoft.com/windows/nanoserver:10.0.14393.2068") never sets USER, so the container runs as ContainerAdministrator, the administrator of a Windows container; add `USER ContainerUser` after the last step that needs administrator rights.',
          line: 1,
          column: 1,
          endColumn: 58,
        },
      ],
    },
    {
      name: "Server Core runs as ContainerAdministrator, and so does an official image built on it",
      code: "FROM golang:1.26-windowsservercore-ltsc2022 AS build\nRUN go build\nFROM mcr.microsoft.com/windows/servercore:ltsc2025\nCOPY --from=build C:/app C:/app\n",
      errors: [{ messageId: "missingUserWindows", data: { stage: "The final stage", image: "mcr.microsoft.com/windows/servercore:ltsc2025", whom: "ContainerAdministrator, the administrator of a Windows container" }, line: 3 }],
    },
    {
      name: "a Windows image of another publisher, told by its escape directive",
      code: "# escape=`\nFROM acme/build-agent:2024\nRUN Write-Host hi\n",
      errors: [
        {
          messageId: "missingUserWindows",
          data: {
            stage: "The final stage",
            image: "acme/build-agent:2024",
            whom: "the user its base image's config names, ContainerAdministrator unless it names another (docklint does not pull images)",
          },
          line: 2,
        },
      ],
    },
    {
      name: "a Windows image told by its PowerShell SHELL",
      code: 'FROM $BASE\nSHELL ["powershell", "-Command"]\nRUN Write-Host hi\n',
      errors: [{ messageId: "missingUserWindows", line: 1 }],
    },
    {
      name: "USER ContainerAdministrator on Windows (any case)",
      code: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER containeradministrator\n",
      errors: [
        {
          messageId: "administratorUser",
          message:
            'USER "containeradministrator" makes the container run as ContainerAdministrator, the administrator of a Windows container; switch to `USER ContainerUser` before the end of the final stage.',
          line: 2,
          column: 6,
        },
      ],
    },
    { name: "uid 0", code: "FROM scratch\nUSER 0\n", errors: [{ messageId: "rootUser", line: 2 }] },
    { name: "root:root", code: "FROM scratch\nUSER root:root\n", errors: [{ messageId: "rootUser", line: 2 }] },
    { name: "0:0", code: "FROM scratch\nUSER 0:0\n", errors: [{ messageId: "rootUser", line: 2 }] },
    {
      name: "root inherited from a parent stage",
      code: "FROM debian:12 AS base\nUSER root\nFROM base\nRUN echo hi\n",
      errors: [{ messageId: "rootUser", line: 2 }],
    },
    {
      name: "only the final stage is judged: missing USER there",
      code: "FROM golang:1.22 AS build\nUSER 1000\nFROM alpine:3.20\nCOPY --from=build /out /out\n",
      errors: [{ messageId: "missingUser", data: { stage: "The final stage", image: "alpine:3.20" }, line: 3 }],
    },
    {
      name: "ARG default resolves to root",
      code: "ARG BASE=alpine:3.20\nFROM ${BASE}\nARG RUNAS=root\nUSER ${RUNAS}\n",
      errors: [{ messageId: "rootUser", data: { user: "root", stage: "the final stage" }, line: 4 }],
    },
    {
      name: "multi-line FROM is reported from its first line",
      code: "FROM \\\n  node:20\nRUN npm ci\n",
      errors: [{ messageId: "missingUser", line: 1, endLine: 2 }],
    },
  ],
});
