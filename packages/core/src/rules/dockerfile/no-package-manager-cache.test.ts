import { describe, expect, it } from "vitest";
import { lintText } from "../../linter.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-package-manager-cache.js";

const INSTALL = "apt-get install -y --no-install-recommends curl";
const PIP_ROOT = "`RUN --mount=type=cache,target=/root/.cache/pip` (the cache of root)";
const YARN_ROOT = "`RUN --mount=type=cache,target=/usr/local/share/.cache/yarn` (the cache of root)";
const YUM_OR_DNF = "/var/cache/yum, or /var/cache/dnf where `yum` is dnf";
const MINIDEB_RUN = 'RUN echo "deb http://x y z" > /etc/apt/sources.list.d/bp.list && apt-get update && install_packages curl';

createRuleTester({ describe, it }).run(rule, {
  valid: [
    `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /var/lib/apt/lists/*\n`,
    { name: "lists directory without /*", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /var/lib/apt/lists\n` },
    { name: "trailing slash", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /var/lib/apt/lists/\n` },
    { name: "glob on the directory name", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /var/lib/apt/lists*\n` },
    { name: "separate flags", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -r -f /var/lib/apt/lists/*\n` },
    { name: "long flags", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm --recursive --force /var/lib/apt/lists/*\n` },
    { name: "several paths", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /tmp/* /var/lib/apt/lists/* /var/cache/apt/*\n` },
    { name: "the parent directory", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /var/lib/apt\n` },
    { name: "find -delete", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && find /var/lib/apt/lists -type f -delete\n` },
    { name: "find -exec rm", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && find /var/lib/apt/lists -mindepth 1 -exec rm -rf {} +\n` },
    { name: "apt-get distclean (apt 2.7+)", code: `FROM debian:13\nRUN apt-get update && ${INSTALL} && apt-get distclean\n` },
    { name: "path from an ARG", code: `FROM debian:12\nARG LISTS=/var/lib/apt/lists\nRUN apt-get update && ${INSTALL} && rm -rf "$LISTS"/*\n` },
    { name: "semicolons and set -eux", code: "FROM debian:12\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y curl; \\\n\trm -rf /var/lib/apt/lists/*\n" },
    { name: "clean-up inside an if", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && if true; then rm -rf /var/lib/apt/lists/*; fi\n` },
    { name: "behind sudo", code: `FROM debian:12\nRUN sudo apt-get update && sudo ${INSTALL} && sudo rm -rf /var/lib/apt/lists/*\n` },
    { name: "cache mount on the lists", code: `FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && ${INSTALL}\n` },
    { name: "cache mounts on /var/lib/apt and /var/cache/apt", code: `FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n    apt-get update && ${INSTALL}\n` },
    { name: "cache mount on /var/lib/apt alone holds the lists", code: `FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && ${INSTALL}\n` },
    { name: "tmpfs mount", code: `FROM debian:12\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && ${INSTALL}\n` },
    { name: "mount written with dst=", code: `FROM debian:12\nRUN --mount=type=cache,dst=/var/lib/apt/lists apt-get update && ${INSTALL}\n` },
    {
      name: "a build stage only copied from, with a build target elsewhere",
      code: `FROM debian:12 AS build\nRUN apt-get update && ${INSTALL}\nFROM debian:12 AS dev\nRUN echo dev\nFROM debian:12\nCOPY --from=build /out /out\n`,
      settings: { buildTargets: ["dev"] },
    },
    { name: "a bracket expression in the removed path (ap[t])", code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /var/lib/ap[t]/lists/*\n` },
    { name: "a build stage only copied from", code: `FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12\nCOPY --from=build /out /out\n` },
    { name: "ONBUILD in a stage nothing builds on", code: "FROM ubuntu AS foo\nONBUILD RUN apt-get update && apt-get install -y python3\nFROM scratch\nCOPY --from=foo /etc/os-release /\n" },
    { name: "no update", code: "FROM debian:12\nRUN apt-get install -y ./local.deb\n" },
    { name: "update only simulated in a string", code: "FROM debian:12\nRUN echo 'apt-get update'\n" },
    // apk (DL3019)
    { name: "apk add --no-cache", code: "FROM alpine:3.20\nRUN apk add --no-cache curl && apk --no-cache add git\n" },
    { name: "apk: cache mount on /var/cache/apk", code: "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add -U curl\n" },
    { name: "apk: index removed at the end of the RUN", code: "FROM alpine:3.20\nRUN apk update && apk add curl && rm -rf /var/cache/apk/*\n" },
    { name: "apk --no-network downloads nothing", code: "FROM alpine:3.20\nRUN apk add --no-network --virtual .rundeps $runDeps\n" },
    { name: "kafka's docker/jvm RUN as the message says: no apk update, --no-cache on each call", code: "FROM alpine:3.22\nRUN set -eux ; \\\n    apk upgrade --no-cache ; \\\n    apk add --no-cache wget bash ; \\\n    apk cache clean\n" },
    { name: "kafka's docker/jvm RUN with the index removed at the end", code: "FROM alpine:3.22\nRUN set -eux ; apk update ; apk upgrade ; apk add --no-cache wget bash ; rm -rf /var/cache/apk/*\n" },
    { name: "the fixed RUN of two apk add", code: "FROM alpine:3.20\nRUN apk add --no-cache curl && apk --update add --no-cache git\n" },
    { name: "apk update --no-cache keeps nothing", code: "FROM alpine:3.20\nRUN apk update --no-cache && apk add --no-cache curl\n" },
    { name: "apk: a build stage only copied from", code: "FROM alpine:3.20 AS build\nRUN apk add gcc\nFROM alpine:3.20\nCOPY --from=build /out /out\n" },
    // pip (DL3042)
    { name: "pip --no-cache-dir", code: "FROM python:3.12\nRUN pip install --no-cache-dir flask && python -m pip install flask --no-cache-dir\n" },
    {
      name: "pip takes an unambiguous prefix of --no-cache-dir (healthchecks docker/Dockerfile:36)",
      code: "FROM python:3.13-slim\nRUN pip install --no-cache flask\nRUN pip install --no-cache /wheels/* && pip3 install --no-ca flask && python -m pip install six --no-cache-di && pip --no-cache install attrs\n",
    },
    { name: "PIP_NO_CACHE_DIR by ENV", code: "FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n" },
    { name: "PIP_NO_CACHE_DIR=off disables the cache too (pip reads any boolean as \"no cache\")", code: "FROM python:3.12\nENV PIP_NO_CACHE_DIR=off\nRUN pip install flask\n" },
    { name: "PIP_NO_CACHE_DIR by ARG", code: "FROM python:3.12\nARG PIP_NO_CACHE_DIR=true\nRUN pip install flask\n" },
    { name: "PIP_NO_CACHE_DIR inherited from the parent stage", code: "FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install flask\n" },
    { name: "PIP_NO_CACHE_DIR on the command and exported", code: "FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install flask && env PIP_NO_CACHE_DIR=yes pip install six\nRUN export PIP_NO_CACHE_DIR=on && pip install attrs\n" },
    { name: "pip: cache mount on ~/.cache/pip or ~/.cache", code: "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\nRUN --mount=type=cache,target=/root/.cache pip install six\n" },
    { name: "pip: --cache-dir on a cache mount", code: "FROM python:3.12\nRUN --mount=type=cache,target=/pipcache pip install --cache-dir /pipcache flask\n" },
    { name: "pip cache purge at the end", code: "FROM python:3.12\nRUN pip install flask && pip cache purge\n" },
    { name: "pipx and pipenv are not pip", code: "FROM python:3.12\nRUN pipx install black && pipenv install\n" },
    // yum, dnf, microdnf (DL3032, DL3040)
    { name: "yum clean all", code: "FROM centos:7\nRUN yum install -y httpd && yum clean all\n" },
    { name: "rm -rf /var/cache/yum", code: "FROM centos:7\nRUN yum install -y httpd && rm -rf /var/cache/yum\n" },
    {
      name: "a bracket expression counts one character: y[u]m is the yum cache",
      code: "FROM centos:7\nRUN yum install -y httpd && rm -rf /var/cache/y[u]m\n",
    },
    {
      name: "a bracket expression counts one character: lis[t]s and [a-z]pt are the lists and the apt cache",
      code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /var/lib/apt/lis[t]s/* /var/lib/[a-z]pt/lists\n`,
    },
    { name: "dnf clean all, dnf5 cache removed, yum clean all on RHEL 8", code: "FROM fedora:40\nRUN dnf install -y x && dnf clean all\nRUN dnf -y upgrade && rm -rf /var/cache/libdnf5*\nRUN dnf -y in x && yum clean all\n" },
    { name: "microdnf clean all", code: "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y tar && microdnf clean all\n" },
    { name: "dnf: cache mount", code: "FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y x\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y y\n" },
    // yum where it is dnf (swiftlang/swift-docker: `yum install` on fedora:41, ubi9, amazonlinux:2023)
    { name: "yum on Fedora 41 is dnf5: a cache mount on /var/cache/libdnf5", code: "FROM fedora:41\nRUN --mount=type=cache,target=/var/cache/libdnf5 yum install -y git\nUSER 1000\n" },
    { name: "yum on UBI 9 is dnf: a cache mount on /var/cache/dnf", code: "FROM registry.access.redhat.com/ubi9/ubi:9.4\nRUN --mount=type=cache,target=/var/cache/dnf yum install -y git\n" },
    { name: "yum on Amazon Linux 2023 is dnf: /var/cache/dnf removed", code: "FROM amazonlinux:2023\nRUN yum install -y git && rm -rf /var/cache/dnf/*\n" },
    { name: "yum clean all and dnf clean all work where yum is dnf, through the stage chain (swift-docker: redhat/ubi9 AS base)", code: "FROM redhat/ubi9 AS base\nFROM base\nRUN yum -y install git && yum clean all\nRUN yum -y install zip && dnf clean all\n" },
    { name: "a base image that does not tell: a mount or removal of either directory counts", code: "FROM myorg/base:1\nRUN --mount=type=cache,target=/var/cache/dnf yum install -y git\nRUN yum install -y zip && rm -rf /var/cache/yum/*\nRUN yum install -y tar && rm -rf /var/cache/dnf\n" },
    { name: "real yum on CentOS 7 and Amazon Linux 2: a mount on /var/cache/yum", code: "FROM amazonlinux:2\nRUN --mount=type=cache,target=/var/cache/yum yum install -y git\nFROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y git\n" },
    // installer helpers (bitnami/minideb's install_packages deletes the lists)
    { name: "bitnami/minideb's install_packages deletes the lists it fetched and those of an apt-get update before it", code: `FROM bitnami/minideb:bookworm\n${MINIDEB_RUN}\nUSER 1001\n` },
    { name: "minideb through the stage chain and Docker Hub's full name, the helper behind sudo", code: "FROM docker.io/bitnami/minideb:bookworm AS base\nFROM base\nRUN apt-get update && sudo /usr/sbin/install_packages curl\n" },
    { name: "tdnf: cache mount on /var/cache/tdnf", code: "FROM mcr.microsoft.com/azurelinux/base/core:3.0\nRUN --mount=type=cache,target=/var/cache/tdnf tdnf install -y icu\n" },
    // zypper (DL3036)
    { name: "zypper clean / cc / mount", code: "FROM opensuse/leap:15.6\nRUN zypper -n install x && zypper clean --all\nRUN zypper -n in y && zypper cc\nRUN --mount=type=cache,target=/var/cache/zypp zypper -n in z\n" },
    // yarn (DL3060)
    { name: "yarn cache clean", code: "FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean\n" },
    { name: "yarn: cache mount", code: "FROM node:20\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n" },
    { name: "yarn: cache mount on the home of a non-root user", code: "FROM node:20\nUSER node\nRUN --mount=type=cache,target=/home/node/.cache/yarn,uid=1000 yarn install\n" },
    { name: "yarn --version installs nothing", code: "FROM node:20\nRUN yarn --version && yarn run build\n" },
    { name: "yarn in a build stage only copied from", code: "FROM node:20 AS build\nRUN yarn install && yarn build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n" },
    { name: "a directory above the lists (penpot: rm -rf /var/lib /var/cache)", code: `FROM debian:12\nRUN apt-get update; ${INSTALL}; rm -rf /var/lib /var/cache\n` },
    {
      name: "a stage only a copied-from stage is built on (awesome-compose wasmedge: buildbase → build → scratch)",
      code: `FROM debian:12 AS buildbase\nRUN apt-get update && ${INSTALL}\nFROM buildbase AS build\nRUN curl -fsSo /out https://example.com/\nFROM scratch\nCOPY --from=build /out /out\n`,
    },
  ],
  invalid: [
    {
      name: "an unclosed [ in the removed path is a literal character, not a broken pattern (fuzz, seed 20262501)",
      code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /var/lib/a[ /var/cache/yum/[z-a]\n`,
      errors: [{ messageId: "aptLists", line: 2 }],
    },
    {
      name: "a build target (settings.buildTargets) ships its lists, and its base's, though the last stage only copies from it",
      code: `FROM debian:12 AS base\nRUN apt-get update && ${INSTALL}\nFROM base AS build\nRUN apt-get update && ${INSTALL}\nFROM scratch\nCOPY --from=build /out /out\n`,
      settings: { buildTargets: ["build"] },
      errors: [
        { messageId: "aptLists", line: 2 },
        { messageId: "aptLists", line: 4 },
      ],
    },
    {
      name: "a bracket expression matches one character of its set, not another",
      code: "FROM centos:7\nRUN yum install -y httpd && rm -rf /var/cache/y[!u]m /var/cache/y[ab]m\n",
      errors: [{ messageId: "yum", line: 2 }],
    },
    {
      name: "a directory beside the lists is not them",
      code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /var/log /var/lib/dpkg\n`,
      errors: [{ messageId: "aptLists", line: 2 }],
    },
    {
      name: "a stage a --target stage (nothing refers to it) is built on passes its lists on",
      code: `FROM debian:12 AS base\nRUN apt-get update && ${INSTALL}\nFROM base AS dev\nRUN echo dev\nFROM golang:1.23 AS build\nRUN go version\nFROM scratch\nCOPY --from=build /out /out\n`,
      errors: [{ messageId: "aptLists", line: 2 }],
    },
    {
      name: "apk add without --no-cache: one finding for the index the RUN keeps, the fix adds it to each call",
      code: "FROM alpine:3.20\nRUN apk add curl && apk --update add git\n",
      errors: [
        {
          messageId: "apk",
          data: { command: "apk add", cache: "/var/cache/apk", cleanup: "rm -rf /var/cache/apk/*", fix: "give `--no-cache` to each `apk add` (each then fetches a fresh index itself and keeps none)" },
          line: 2,
          column: 5,
          endColumn: 12,
        },
      ],
      output: "FROM alpine:3.20\nRUN apk add --no-cache curl && apk --update add --no-cache git\n",
    },
    {
      name: "apk: cache mount in another directory",
      code: "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/foo apk add -U curl=7.77.0\n",
      errors: [{ messageId: "apk", line: 2, column: 46, endColumn: 53 }],
      output: "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/foo apk add --no-cache -U curl=7.77.0\n",
    },
    {
      name: "apk: exec form, ONBUILD",
      code: 'FROM alpine:3.20\nRUN ["apk", "add", "curl"]\nONBUILD RUN apk add git\n',
      errors: [
        { messageId: "apk", line: 2, column: 6, endColumn: 18 },
        { messageId: "apk", line: 3, column: 13, endColumn: 20 },
      ],
      output: 'FROM alpine:3.20\nRUN ["apk", "add", "--no-cache", "curl"]\nONBUILD RUN apk add --no-cache git\n',
    },
    {
      name: "apk update keeps the index even when apk add does not",
      code: "FROM alpine:3.20\nRUN apk update && apk add --no-cache bash\n",
      errors: [
        {
          messageId: "apkUpdate",
          data: { command: "apk update", cache: "/var/cache/apk", cleanup: "rm -rf /var/cache/apk/*", fix: "drop it and install with `apk add --no-cache` (it fetches a fresh index itself and keeps none)" },
          line: 2,
          column: 5,
          endColumn: 15,
        },
      ],
    },
    {
      name: "apk update then apk add: one finding, at the apk update that stored the index; no fix that leaves it there",
      code: "FROM alpine:3.20\nRUN <<EOF\napk update\napk add bash\nEOF\n",
      errors: [
        {
          messageId: "apkUpdateAndAdd",
          data: { command: "apk update", cache: "/var/cache/apk", cleanup: "rm -rf /var/cache/apk/*", fix: "drop it and give `--no-cache` to `apk add` (it fetches a fresh index itself and keeps none)" },
          line: 3,
          column: 1,
          endColumn: 11,
        },
      ],
      output: null,
    },
    {
      name: "kafka's docker/jvm: apk update, then apk upgrade without --no-cache, then apk cache clean (which leaves the index)",
      code: "FROM alpine:3.22\nRUN set -eux ; \\\n    apk update ; \\\n    apk upgrade ; \\\n    apk add --no-cache wget bash ; \\\n    apk cache clean\n",
      errors: [
        {
          messageId: "apkUpdateAndAdd",
          data: { command: "apk update", cache: "/var/cache/apk", cleanup: "rm -rf /var/cache/apk/*", fix: "drop it and give `--no-cache` to `apk upgrade` (it fetches a fresh index itself and keeps none)" },
          line: 3,
          column: 5,
          endColumn: 15,
        },
      ],
      output: null,
    },
    {
      name: "a clean-up between apk calls: the index the later call stores, and only that call's fix",
      code: "FROM alpine:3.20\nRUN apk update && apk add curl && rm -rf /var/cache/apk/* && apk add git\n",
      errors: [{ messageId: "apk", data: { command: "apk add", cache: "/var/cache/apk", cleanup: "rm -rf /var/cache/apk/*", fix: "use `apk add --no-cache …` (it fetches a fresh index itself and keeps none)" }, line: 2, column: 62, endColumn: 69 }],
      output: "FROM alpine:3.20\nRUN apk update && apk add curl && rm -rf /var/cache/apk/* && apk add --no-cache git\n",
    },
    {
      name: "apk update after an apk add: dropped too, so no fix",
      code: "FROM alpine:3.20\nRUN apk add curl && apk update && apk upgrade\n",
      errors: [
        {
          messageId: "apk",
          data: { command: "apk add", cache: "/var/cache/apk", cleanup: "rm -rf /var/cache/apk/*", fix: "drop `apk update` and give `--no-cache` to each `apk add` and `apk upgrade` (each then fetches a fresh index itself and keeps none)" },
          line: 2,
          column: 5,
          endColumn: 12,
        },
      ],
      output: null,
    },
    {
      name: "pip without --no-cache-dir: the fix adds it",
      code: "FROM python:3.12\nRUN pip install flask && python3 -m pip install -r requirements.txt\n",
      errors: [
        { messageId: "pip", data: { command: "pip install", cache: "~/.cache/pip", cleanup: "pip cache purge", mount: PIP_ROOT }, line: 2, column: 5, endColumn: 16 },
        { messageId: "pip", data: { command: "python3 -m pip install", cache: "~/.cache/pip", cleanup: "pip cache purge", mount: PIP_ROOT }, line: 2, column: 26, endColumn: 48 },
      ],
      output: "FROM python:3.12\nRUN pip install --no-cache-dir flask && python3 -m pip install --no-cache-dir -r requirements.txt\n",
    },
    {
      name: "options that share a prefix with --no-cache-dir are other options",
      code: "FROM python:3.13-slim\nRUN pip install --no-clean flask && pip install --no-compile six\n",
      errors: [
        { messageId: "pip", data: { command: "pip install", cache: "~/.cache/pip", cleanup: "pip cache purge", mount: PIP_ROOT }, line: 2, column: 5, endColumn: 16 },
        { messageId: "pip", data: { command: "pip install", cache: "~/.cache/pip", cleanup: "pip cache purge", mount: PIP_ROOT }, line: 2, column: 37, endColumn: 48 },
      ],
      output: "FROM python:3.13-slim\nRUN pip install --no-cache-dir --no-clean flask && pip install --no-cache-dir --no-compile six\n",
    },
    {
      name: "PIP_NO_CACHE_DIR in another stage does not count",
      code: "FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip3 install six\n",
      errors: [{ messageId: "pip", line: 4, column: 5, endColumn: 17 }],
      output: "FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip3 install --no-cache-dir six\n",
    },
    {
      name: "PIP_NO_CACHE_DIR exported after the install is too late",
      code: "FROM python:3.12\nRUN pip install six && export PIP_NO_CACHE_DIR=1\n",
      errors: [{ messageId: "pip", line: 2, column: 5, endColumn: 16 }],
      output: "FROM python:3.12\nRUN pip install --no-cache-dir six && export PIP_NO_CACHE_DIR=1\n",
    },
    {
      name: "yum install without clean, or with the clean before it",
      code: "FROM centos:7\nRUN yum install -y httpd\nRUN yum clean all && yum install -y git\n",
      errors: [
        { messageId: "yum", data: { command: "yum install", cache: "/var/cache/yum", cleanup: "yum clean all" }, line: 2, column: 5, endColumn: 16 },
        { messageId: "yum", line: 3, column: 22, endColumn: 33 },
      ],
    },
    {
      name: "yum on Fedora 41 runs dnf5: its directory in the message and the mount (swiftlang/swift-docker)",
      code: "FROM fedora:41\nRUN yum install -y git\nUSER 1000\n",
      errors: [
        {
          messageId: "yumIsDnf",
          message:
            "`yum install` runs dnf5 on fedora:41 (`yum` is a link to it there), which leaves its package and metadata cache in /var/cache/libdnf5, not in /var/cache/yum, and this RUN never removes it, so it stays in the image layer; end the same RUN with `yum clean all`, or use `RUN --mount=type=cache,target=/var/cache/libdnf5`.",
          line: 2,
          column: 5,
          endColumn: 16,
        },
      ],
    },
    {
      name: "yum on UBI 9, Amazon Linux 2023 and Fedora 39 runs dnf: /var/cache/dnf",
      code: "FROM registry.access.redhat.com/ubi9/ubi:9.4 AS ubi\nRUN yum install -y git\nFROM amazonlinux:2023 AS al\nRUN yum install -y git\nFROM fedora:39\nRUN yum -y install git\n",
      settings: { buildTargets: ["ubi", "al"] },
      errors: [
        { messageId: "yumIsDnf", data: { command: "yum install", cache: "/var/cache/dnf", cleanup: "yum clean all", program: "dnf", image: "registry.access.redhat.com/ubi9/ubi:9.4" }, line: 2 },
        { messageId: "yumIsDnf", data: { command: "yum install", cache: "/var/cache/dnf", cleanup: "yum clean all", program: "dnf", image: "amazonlinux:2023" }, line: 4 },
        { messageId: "yumIsDnf", data: { command: "yum install", cache: "/var/cache/dnf", cleanup: "yum clean all", program: "dnf", image: "fedora:39" }, line: 6 },
      ],
    },
    {
      name: "real yum on CentOS 7 and Amazon Linux 2 keeps /var/cache/yum",
      code: "FROM amazonlinux:2 AS al\nRUN yum install -y git\nFROM centos:7\nRUN yum install -y git\nUSER 1000\n",
      settings: { buildTargets: ["al"] },
      errors: [
        { messageId: "yum", data: { command: "yum install", cache: "/var/cache/yum", cleanup: "yum clean all" }, line: 2 },
        {
          messageId: "yum",
          message:
            "`yum install` leaves its package and metadata cache in /var/cache/yum and this RUN never removes it, so it stays in the image layer; end the same RUN with `yum clean all`, or use `RUN --mount=type=cache,target=/var/cache/yum`.",
          line: 4,
        },
      ],
    },
    {
      name: "where yum is dnf, a mount on /var/cache/yum or its removal keeps nothing out of the layer",
      code: "FROM fedora:41 AS f41\nRUN --mount=type=cache,target=/var/cache/yum yum install -y git\nFROM redhat/ubi9\nRUN yum install -y git && rm -rf /var/cache/yum\nRUN --mount=type=cache,target=/var/cache/dnf yum install -y zip\n",
      settings: { buildTargets: ["f41"] },
      errors: [
        { messageId: "yumIsDnf", data: { command: "yum install", cache: "/var/cache/libdnf5", cleanup: "yum clean all", program: "dnf5", image: "fedora:41" }, line: 2 },
        { messageId: "yumIsDnf", data: { command: "yum install", cache: "/var/cache/dnf", cleanup: "yum clean all", program: "dnf", image: "redhat/ubi9" }, line: 4 },
      ],
    },
    {
      name: "real yum does not cache in /var/cache/dnf, and a dnf beside it cleans only its own cache",
      code: "FROM centos:7\nRUN --mount=type=cache,target=/var/cache/dnf yum install -y git\nRUN yum install -y zip && rm -rf /var/cache/dnf\nRUN yum install -y tar && dnf clean all\n",
      errors: [
        { messageId: "yum", line: 2 },
        { messageId: "yum", line: 3 },
        { messageId: "yum", line: 4 },
      ],
    },
    {
      name: "a base image that does not tell which yum it has: both directories named",
      code: "FROM myorg/base:1\nRUN yum install -y git\n",
      errors: [
        {
          messageId: "yumOrDnf",
          message:
            "`yum install` leaves its package and metadata cache in /var/cache/yum, or /var/cache/dnf where `yum` is dnf (RHEL and its rebuilds from 8 on, Fedora, Amazon Linux 2023; in /var/cache/libdnf5 where it is dnf5, Fedora 41 on), and this RUN never removes it, so it stays in the image layer; end the same RUN with `yum clean all` (yum and dnf both take it), or use a cache mount on that directory (`RUN --mount=type=cache,target=/var/cache/yum`, `target=/var/cache/dnf` where yum is dnf).",
          line: 2,
        },
      ],
    },
    {
      name: "a base image from a build argument: its default tells, an unset one does not",
      code: "ARG BASE=fedora:41\nARG OTHER\nFROM $BASE AS a\nRUN yum install -y git\nFROM ${OTHER}\nRUN yum install -y git\nCOPY --from=a /x /x\n",
      errors: [
        { messageId: "yumIsDnf", data: { command: "yum install", cache: "/var/cache/libdnf5", cleanup: "yum clean all", program: "dnf5", image: "fedora:41" }, line: 4 },
        { messageId: "yumOrDnf", data: { command: "yum install", cache: YUM_OR_DNF, cleanup: "yum clean all" }, line: 6 },
      ],
      settings: { buildTargets: ["a"] },
    },
    {
      name: "a script after yum on a dnf image: the hedged message names dnf's directory",
      code: "FROM rockylinux:9\nRUN yum install -y git && /tmp/cleanup.sh\n",
      errors: [{ messageId: "scriptMayClean", data: { command: "yum install", what: "its package and metadata cache", cache: "/var/cache/dnf", script: "/tmp/cleanup.sh", cleanup: "yum clean all" }, line: 2 }],
    },
    {
      name: "an install after the clean refills the cache: the last one is reported",
      code: "FROM centos:7\nRUN yum install -y httpd && yum clean all && yum install -y git\n",
      errors: [{ messageId: "yum", line: 2, column: 46, endColumn: 57 }],
    },
    {
      name: "dnf upgrade, microdnf install, zypper, yarn",
      code: "FROM fedora:40\nRUN dnf -y upgrade && microdnf install -y x && zypper -n in vim && yarn\n",
      errors: [
        { messageId: "dnf", data: { command: "dnf upgrade", cache: "/var/cache/dnf", cleanup: "dnf clean all" }, line: 2, column: 5, endColumn: 19 },
        { messageId: "microdnf", data: { command: "microdnf install", cache: "/var/cache/yum", cleanup: "microdnf clean all" }, line: 2, column: 23, endColumn: 39 },
        { messageId: "zypper", data: { command: "zypper in", cache: "/var/cache/zypp", cleanup: "zypper clean --all" }, line: 2, column: 48, endColumn: 60 },
        { messageId: "yarn", data: { command: "yarn", cache: "~/.cache/yarn", cleanup: "yarn cache clean", mount: YARN_ROOT }, line: 2, column: 68, endColumn: 72 },
      ],
    },
    {
      name: "microdnf clean all does not clean dnf's cache",
      code: "FROM fedora:40\nRUN dnf install -y x && microdnf clean all\n",
      errors: [{ messageId: "dnf", line: 2, column: 5, endColumn: 16 }],
    },
    {
      name: "yarn cache clean before the install",
      code: "FROM node:20\nRUN yarn cache clean && yarn install foo\n",
      errors: [{ messageId: "yarn", line: 2, column: 25, endColumn: 37 }],
    },
    {
      name: "a stage a later stage builds on keeps its yarn cache",
      code: "FROM node:20 AS deps\nRUN yarn install\nFROM deps\nCMD [\"node\", \"server.js\"]\n",
      errors: [{ messageId: "yarn", line: 2, column: 5, endColumn: 17 }],
    },
    {
      name: "apk with the backtick escape directive",
      code: "# escape=`\nFROM alpine:3.20\nRUN apk add `\n    curl\n",
      errors: [{ messageId: "apk", line: 3, column: 5, endColumn: 12 }],
      output: "# escape=`\nFROM alpine:3.20\nRUN apk add --no-cache `\n    curl\n",
    },
    {
      name: "update and install, lists kept",
      code: `FROM debian:12\nRUN apt-get update && ${INSTALL}\n`,
      errors: [
        {
          messageId: "aptLists",
          data: { command: "apt-get update", cache: "/var/lib/apt/lists", cleanup: "rm -rf /var/lib/apt/lists/*" },
          line: 2,
          column: 5,
          endColumn: 19,
        },
      ],
    },
    {
      name: "apt-get clean does not delete the lists",
      code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && apt-get clean\n`,
      errors: [{ messageId: "aptLists", line: 2, column: 5, endColumn: 19 }],
    },
    {
      name: "a script run after the install may delete the lists: said so, at info (photoprism's /scripts/cleanup.sh)",
      code: `FROM debian:12\nCOPY scripts/ /scripts/\nRUN apt-get update && ${INSTALL} && /scripts/cleanup.sh\n`,
      errors: [
        {
          messageId: "scriptMayClean",
          message:
            "`apt-get update` leaves the package lists in /var/lib/apt/lists, and this RUN cleans up only if the script `/scripts/cleanup.sh` does, which docklint cannot read; make sure it does, or end the RUN with `rm -rf /var/lib/apt/lists/*` where the clean-up can be seen.",
          line: 3,
          column: 5,
          endColumn: 19,
        },
      ],
    },
    {
      name: "scripts run by a shell, by ., or from the working directory; a script before the install does not count",
      code:
        "FROM centos:7\nRUN yum install -y httpd && sh -e /tmp/clean.sh\nRUN zypper -n in vim && . ./env.sh\nRUN ./prepare.sh && dnf install -y x && bash cleanup.sh\n" +
        "RUN ./prepare.sh && microdnf install -y y\n",
      errors: [
        { messageId: "scriptMayClean", data: { command: "yum install", what: "its package and metadata cache", cache: "/var/cache/yum", script: "/tmp/clean.sh", cleanup: "yum clean all" }, line: 2 },
        { messageId: "scriptMayClean", data: { command: "zypper in", what: "its package and metadata cache", cache: "/var/cache/zypp", script: "./env.sh", cleanup: "zypper clean --all" }, line: 3 },
        { messageId: "scriptMayClean", data: { command: "dnf install", what: "its package and metadata cache", cache: "/var/cache/dnf", script: "cleanup.sh", cleanup: "dnf clean all" }, line: 4 },
        { messageId: "microdnf", line: 5 },
      ],
    },
    {
      name: "an installer helper after apt update, on a base that does not say which: hedged at info (gitpod-io/workspace-images chunks/lang-c/Dockerfile:12)",
      code: "ARG base\nFROM ${base}\nUSER root\nRUN echo deb > /etc/apt/sources.list.d/llvm.list \\\n    && apt update \\\n    && install-packages clang-19 gdb\nUSER gitpod\n",
      errors: [
        {
          messageId: "scriptMayClean",
          message:
            "`apt update` leaves the package lists in /var/lib/apt/lists, and this RUN cleans up only if the script `install-packages` does, which docklint cannot read; make sure it does, or end the RUN with `rm -rf /var/lib/apt/lists/*` where the clean-up can be seen.",
          line: 5,
          column: 8,
          endColumn: 18,
        },
      ],
    },
    {
      name: "install_packages outside minideb, install-packages on minideb: hedged; an apt-get update after the helper refills the lists",
      code: "FROM debian:12 AS deb\nRUN apt-get update && install_packages curl\nFROM bitnami/minideb:bookworm\nRUN apt-get update && install-packages curl\nRUN install_packages curl && apt-get update\n",
      settings: { buildTargets: ["deb"] },
      errors: [
        { messageId: "scriptMayClean", data: { command: "apt-get update", what: "the package lists", cache: "/var/lib/apt/lists", script: "install_packages", cleanup: "rm -rf /var/lib/apt/lists/*" }, line: 2 },
        { messageId: "scriptMayClean", data: { command: "apt-get update", what: "the package lists", cache: "/var/lib/apt/lists", script: "install-packages", cleanup: "rm -rf /var/lib/apt/lists/*" }, line: 4 },
        { messageId: "aptLists", line: 5 },
      ],
    },
    {
      name: "an apt installer helper does not hedge another manager's cache",
      code: "FROM centos:7\nRUN yum install -y git && install-packages curl\n",
      errors: [{ messageId: "yum", line: 2 }],
    },
    {
      name: "a shell's settings and a source tree's build steps are no clean-up: the claim stands (frankenphp's static builders)",
      code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && source /etc/bashrc && . ~/.bashrc && ./configure --prefix=/usr && ./autogen.sh && bash ./bootstrap.sh\n`,
      errors: [{ messageId: "aptLists", line: 2 }],
    },
    {
      name: "a shell given a string or stdin, or an installed program by its path, runs no script file: the claim stands",
      code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && sh -c 'echo done' && curl -fsSL https://example.com/x | bash && /usr/bin/env true && /opt/venv/bin/pip --version\n`,
      errors: [{ messageId: "aptLists", line: 2 }],
    },
    {
      name: "yarn under USER node of the node image: the mount on node's home, with its uid (discourse)",
      code: "FROM node:20.11.1\nUSER node\nWORKDIR /home/node/app\nRUN yarn install\n",
      errors: [{ messageId: "yarn", data: { command: "yarn install", cache: "~/.cache/yarn", cleanup: "yarn cache clean", mount: "`RUN --mount=type=cache,target=/home/node/.cache/yarn,uid=1000` (the cache of user `node`)" }, line: 4 }],
    },
    {
      name: "pip under a user the Dockerfile creates: its home and uid",
      code: "FROM python:3.12\nRUN useradd -m -u 10001 app\nUSER app\nRUN pip install --user flask\n",
      errors: [
        {
          messageId: "pip",
          data: { command: "pip install", cache: "~/.cache/pip", cleanup: "pip cache purge", mount: "`RUN --mount=type=cache,target=/home/app/.cache/pip,uid=10001` (the cache of user `app`)" },
          line: 4,
        },
      ],
      output: "FROM python:3.12\nRUN useradd -m -u 10001 app\nUSER app\nRUN pip install --no-cache-dir --user flask\n",
    },
    {
      name: "pip under a uid with no known home: no root path",
      code: "FROM python:3.12\nUSER 10001\nRUN pip install flask\n",
      errors: [
        {
          messageId: "pip",
          data: { command: "pip install", cache: "~/.cache/pip", cleanup: "pip cache purge", mount: "a cache mount on `.cache/pip` in the home directory of user `10001`, with `uid=` set to its uid so that it can write there" },
          line: 3,
        },
      ],
      output: "FROM python:3.12\nUSER 10001\nRUN pip install --no-cache-dir flask\n",
    },
    {
      name: "yarn under a user whose home an ENV gives but whose uid is not known",
      code: "FROM node:20\nENV HOME=/srv\nUSER discourse\nRUN yarn install\n",
      errors: [
        {
          messageId: "yarn",
          data: {
            command: "yarn install",
            cache: "~/.cache/yarn",
            cleanup: "yarn cache clean",
            mount: "`RUN --mount=type=cache,target=/srv/.cache/yarn,uid=…` with the uid of user `discourse` (the cache of that user, who cannot write to a mount owned by root)",
          },
          line: 4,
        },
      ],
    },
    {
      name: "USER root again: root's cache",
      code: "FROM node:20\nUSER node\nUSER root\nRUN yarn install\n",
      errors: [{ messageId: "yarn", data: { command: "yarn install", cache: "~/.cache/yarn", cleanup: "yarn cache clean", mount: YARN_ROOT }, line: 4 }],
    },
    {
      name: "deleting in a later RUN is too late",
      code: `FROM debian:12\nRUN apt-get update && ${INSTALL}\nRUN rm -rf /var/lib/apt/lists/*\n`,
      errors: [{ messageId: "aptLists", line: 2 }],
    },
    {
      name: "deleting before the update",
      code: `FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && ${INSTALL}\n`,
      errors: [{ messageId: "aptLists", line: 2, column: 36, endColumn: 50 }],
    },
    {
      name: "a second update after the clean-up",
      code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /var/lib/apt/lists/* \\\n && apt-get update && apt-get install -y git\n`,
      errors: [{ messageId: "aptLists", line: 3, column: 5, endColumn: 19 }],
    },
    {
      name: "deleting only part of the lists",
      code: `FROM debian:12\nRUN apt-get update && ${INSTALL} && rm -rf /var/lib/apt/lists/partial\n`,
      errors: [{ messageId: "aptLists", line: 2 }],
    },
    {
      name: "a cache mount on /var/cache/apt does not hold the lists",
      code: `FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && ${INSTALL}\n`,
      errors: [{ messageId: "aptLists", line: 2, column: 46, endColumn: 60 }],
    },
    {
      name: "a bind mount is not a cache",
      code: `FROM debian:12\nRUN --mount=type=bind,target=/var/lib/apt/lists apt-get update && ${INSTALL}\n`,
      errors: [{ messageId: "aptLists", line: 2 }],
    },
    {
      name: "a stage a later stage builds on",
      code: `FROM debian:12 AS base\nRUN apt-get update && ${INSTALL}\nFROM base\nCMD ["curl"]\n`,
      errors: [{ messageId: "aptLists", line: 2 }],
    },
    {
      name: "only the shipped stage is reported",
      code: `FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12\nRUN apt-get update && ${INSTALL}\n`,
      errors: [{ messageId: "aptLists", line: 4 }],
    },
    {
      name: "apt and aptitude",
      code: "FROM debian:12\nRUN apt update && apt install -y curl\nRUN aptitude update && aptitude install -y git\n",
      errors: [
        { messageId: "aptLists", data: { command: "apt update", cache: "/var/lib/apt/lists", cleanup: "rm -rf /var/lib/apt/lists/*" }, line: 2, column: 5, endColumn: 15 },
        { messageId: "aptLists", data: { command: "aptitude update", cache: "/var/lib/apt/lists", cleanup: "rm -rf /var/lib/apt/lists/*" }, line: 3 },
      ],
    },
    {
      name: "exec form",
      code: 'FROM debian:12\nRUN ["apt-get", "update"]\n',
      errors: [{ messageId: "aptLists", line: 2, column: 6, endColumn: 25 }],
    },
    {
      name: "heredoc body",
      code: "FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\n",
      errors: [{ messageId: "aptLists", line: 4, column: 1, endColumn: 15 }],
    },
    {
      name: "ONBUILD RUN in the final stage",
      code: `FROM debian:12\nONBUILD RUN apt-get update && ${INSTALL}\n`,
      errors: [{ messageId: "aptLists", line: 2, column: 13, endColumn: 27 }],
    },
    {
      name: "behind sudo and with options",
      code: `FROM debian:12\nRUN sudo apt-get -qq update && ${INSTALL}\n`,
      errors: [{ messageId: "aptLists", data: { command: "apt-get update", cache: "/var/lib/apt/lists", cleanup: "rm -rf /var/lib/apt/lists/*" }, line: 2, column: 10, endColumn: 28 }],
    },
    {
      name: "inside an if body",
      code: "FROM debian:12\nARG EXTRA=false\nRUN if [ \"$EXTRA\" = true ]; then apt-get update && apt-get install -y git; fi\n",
      errors: [{ messageId: "aptLists", line: 3, column: 34 }],
    },
    {
      name: "backtick escape directive",
      code: "# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y curl\n",
      errors: [{ messageId: "aptLists", line: 3, column: 5, endColumn: 19 }],
    },
    {
      name: "CRLF line endings",
      code: "FROM debian:12\r\nRUN apt-get update \\\r\n && apt-get install -y curl\r\n",
      errors: [{ messageId: "aptLists", line: 2, column: 5, endColumn: 19 }],
    },
  ],
});

describe("no-package-manager-cache: a clean-up that may be in a script", () => {
  it("is reported at info, below the configured level, not as a claim", () => {
    const lint = (code: string) =>
      lintText(code, { filePath: "Dockerfile", kind: "dockerfile", rules: [rule], config: { rules: { [rule.meta.id]: "error" } } }).messages.map((m) => [m.messageId, m.level]);
    expect(lint(`FROM debian:12\nRUN apt-get update && ${INSTALL} && /scripts/cleanup.sh\n`)).toEqual([["scriptMayClean", "info"]]);
    expect(lint(`FROM debian:12\nRUN apt-get update && ${INSTALL}\n`)).toEqual([["aptLists", "error"]]);
    expect(lint("FROM debian:12\nRUN apt-get update && install-packages curl\n")).toEqual([["scriptMayClean", "info"]]);
  });
});
