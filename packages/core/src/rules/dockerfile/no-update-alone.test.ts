import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-update-alone.js";

const APT_FRESH = (command: string) => `refresh in this RUN: \`apt-get update && ${command} …\``;

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
    { name: "update and upgrade", code: "FROM debian:12\nRUN apt-get update && apt-get -y upgrade\n" },
    { name: "the install inside an if", code: "FROM debian:12\nARG EXTRA\nRUN apt-get update && if [ -n \"$EXTRA\" ]; then apt-get install -y \"$EXTRA\"; fi\n" },
    { name: "apt update, then aptitude install (same lists)", code: "FROM debian:12\nRUN apt update && aptitude install -y curl\n" },
    { name: "a script may install: not guessed", code: "FROM debian:12\nRUN apt-get update && ./install-deps.sh\nRUN apt-get update && curl -fsSL https://deb.nodesource.com/setup_20.x | bash -\nRUN apt-get update && install-php-extensions gd\n" },
    { name: "apk add --update / -U refreshes and installs", code: "FROM alpine:3.20\nRUN apk --update add nginx && apk -U add nano && apk add --update-cache vim\n" },
    { name: "apk update followed by apk add --no-cache or apk upgrade", code: "FROM alpine:3.20\nRUN apk update && apk add --no-cache git\nRUN apk update --no-cache && apk upgrade --no-cache\n" },
    { name: "dnf/yum: makecache then install, whole-system upgrade, --refresh", code: "FROM fedora:40\nRUN dnf makecache && dnf install -y x\nRUN yum update -y\nRUN dnf install -y --refresh y\n" },
    { name: "zypper refresh then install", code: "FROM opensuse/leap:15.6\nRUN zypper refresh && zypper -n install nginx\n" },
    { name: "pacman -Syu and -Sy with targets", code: "FROM archlinux:base\nRUN pacman -Syu --noconfirm && pacman -Sy --noconfirm nginx\n" },
    { name: "later installs after the lists were deleted use none", code: "FROM debian:12\nRUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/*\nRUN apt-get install -y ./local.deb\n" },
    // apk-tools 2.9.1 and later fetch a cached index older than 4 hours again before installing.
    { name: "apk add without --no-cache after an earlier apk update: apk refetches an old index", code: "FROM alpine:3.20\nRUN apk update && apk add git\nRUN apk add curl\n" },
    { name: "later apk add --no-cache fetches its own index", code: "FROM alpine:3.20\nRUN apk add -U git\nRUN apk add --no-cache curl\n" },
    { name: "a stage that does not build on the other", code: "FROM debian:12 AS a\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12\nRUN apt-get install -y ./app.deb\n" },
    { name: "the index in a cache mount is not kept by the layer", code: "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get install -y curl\n" },
    { name: "php composer update is no package index", code: "FROM php:8.3\nRUN php composer.phar self-update && php composer.phar update\n" },
    {
      name: "mk-build-deps -i installs the build dependencies with the lists (synapse)",
      code: "FROM debian:12\nCOPY debian/control /src/debian/control\nRUN apt-get update \\\n    && cd /src \\\n    && mk-build-deps -ri -t \"apt-get -y --no-install-recommends\"\nRUN apt-get update && mk-build-deps --install --remove debian/control\n",
    },
    {
      name: "zypper refreshes autorefresh repositories when it installs: no staleIndex",
      code: "FROM opensuse/leap:15.6\nRUN zypper refresh && zypper -n install curl\nRUN zypper -n install git\nRUN zypper -n dup && zypper -n in vim\nRUN zypper -n in -y gcc\n",
    },
    {
      name: "NodeSource's deb setup script runs apt-get update itself (portainer)",
      code:
        "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates\n" +
        "RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash - \\\n    && apt-get install -y --no-install-recommends nodejs\n" +
        "RUN curl -sL https://deb.nodesource.com/setup_lts.x | sudo -E bash - && apt-get install -y nodejs\n" +
        "RUN wget -qO- https://deb.nodesource.com/setup_22.x | sh && sudo apt-get install -y nodejs\n",
    },
    {
      name: "NodeSource's script saved first and run, or its version from an ARG (jellyfin-packaging)",
      code:
        "FROM debian:12\nARG NODE_MAJOR=20\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates\n" +
        "RUN curl -fsSL https://deb.nodesource.com/setup_20.x -o nodesource_setup.sh && bash nodesource_setup.sh && apt-get install -y nodejs\n" +
        "RUN wget https://deb.nodesource.com/setup_${NODE_MAJOR}.x -O nodejs-install.sh && chmod +x ./nodejs-install.sh && ./nodejs-install.sh && apt-get install -y nodejs\n" +
        "RUN curl -fsSL https://deb.nodesource.com/setup_${NODE_MAJOR}.x | bash - && apt-get install -y nodejs\n",
    },
    {
      name: "the first xx-apt install of the stage chain adds the target architecture and runs apt-get update itself (navidrome)",
      code:
        "FROM --platform=$BUILDPLATFORM golang:1.26-trixie AS base\nRUN apt-get update && apt-get install -y --no-install-recommends clang lld\nCOPY --from=tonistiigi/xx:1.9.0 / /\n" +
        "FROM --platform=$BUILDPLATFORM base AS build\nARG TARGETPLATFORM\nRUN xx-apt install -y --no-install-recommends gcc libc6-dev\n",
    },
    { name: "xx-apt-get install, then a plain apt install in the same RUN", code: "FROM debian:12\nRUN apt-get update && apt-get install -y clang\nCOPY --from=tonistiigi/xx / /\nRUN xx-apt-get install -y libc6-dev && apt-get install -y lld\n" },
    { name: "xx-apt show refreshes first too: the install after it in the RUN", code: "FROM debian:12\nCOPY --from=tonistiigi/xx / /\nRUN apt-get update && apt-get install -y make\nRUN xx-apt show gcc && xx-apt install -y gcc\n" },
    { name: "dpkg-reconfigure and update-locale", code: "FROM debian:12\nRUN dpkg-reconfigure --frontend noninteractive locales && update-locale LANG=en_US.UTF-8\n" },
  ],
  invalid: [
    {
      name: "a later xx-apt install finds the architecture added: it installs from the lists the first one fetched",
      code: "FROM debian:12\nCOPY --from=tonistiigi/xx / /\nRUN xx-apt install -y gcc\nRUN xx-apt-get install -y libc6-dev\n",
      errors: [{ messageId: "staleIndex", data: { command: "xx-apt-get install", line: 3, fix: APT_FRESH("xx-apt-get install") }, line: 4, column: 5, endColumn: 23 }],
    },
    {
      name: "xx-apt in a stage built on one that ran it: no refresh",
      code: "FROM debian:12 AS base\nCOPY --from=tonistiigi/xx / /\nRUN xx-apt show gcc\nFROM base\nRUN xx-apt install -y gcc\n",
      errors: [{ messageId: "staleIndex", data: { command: "xx-apt install", line: 3, fix: APT_FRESH("xx-apt install") }, line: 5 }],
    },
    {
      name: "apt-get update in a RUN of its own (Trivy DS-0017, Checkov CKV_DOCKER_5)",
      code: "FROM ubuntu:18.04\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends mysql-client && rm -rf /var/lib/apt/lists/*\n",
      errors: [{ messageId: "alone", data: { command: "apt-get update", install: "apt-get install -y" }, line: 2, column: 5, endColumn: 19 }],
    },
    {
      name: "install before the update",
      code: "FROM debian:12\nRUN apt install -y curl && apt update\n",
      errors: [{ messageId: "alone", data: { command: "apt update", install: "apt-get install -y" }, line: 2, column: 28, endColumn: 38 }],
    },
    {
      name: "a later install reuses an earlier RUN's index",
      code: "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apt-get install -y git\n",
      errors: [{ messageId: "staleIndex", data: { command: "apt-get install", line: 2, fix: APT_FRESH("apt-get install") }, line: 3, column: 5, endColumn: 20 }],
    },
    {
      name: "in a stage built on the stage that updated",
      code: "FROM debian:12 AS base\nRUN apt-get update && apt-get install -y ca-certificates\nFROM base AS build\nRUN apt-get install -y gcc\n",
      errors: [{ messageId: "staleIndex", data: { command: "apt-get install", line: 2, fix: APT_FRESH("apt-get install") }, line: 4, column: 5, endColumn: 20 }],
    },
    {
      name: "apk, yum, dnf, zypper alone (KICS)",
      code: "FROM alpine:3.20\nRUN apk update\nRUN yum makecache\nRUN dnf check-update || true\nRUN zypper --gpg-auto-import-keys refresh\n",
      errors: [
        // apk, dnf, yum and zypper fetch an expired index again when they install: the layer is waste, not a trap.
        {
          messageId: "aloneRefetched",
          message:
            "`apk update` fetches the package index in a RUN where nothing installs with it: the index stays in this layer for nothing, since apk fetches it again when it installs (a cached index older than 4 hours is fetched again, `--cache-max-age`); drop it (`apk add --no-cache …` fetches the index it needs and keeps none).",
          line: 2,
          column: 5,
          endColumn: 15,
        },
        { messageId: "aloneRefetched", data: { command: "yum makecache", manager: "dnf (or yum)", why: "metadata older than `metadata_expire` is downloaded again", instead: ", or refresh in the RUN that installs: `yum makecache && dnf install -y …`" }, line: 3, column: 5, endColumn: 18 },
        { messageId: "aloneRefetched", data: { command: "dnf check-update", manager: "dnf (or yum)", why: "metadata older than `metadata_expire` is downloaded again", instead: ", or refresh in the RUN that installs: `dnf check-update && dnf install -y …`" }, line: 4, column: 5, endColumn: 21 },
        {
          messageId: "aloneRefetched",
          message:
            "`zypper refresh` fetches the package index in a RUN where nothing installs with it: the index stays in this layer for nothing, since zypper fetches it again when it installs (repositories with autorefresh on are refreshed first); drop it, or refresh in the RUN that installs: `zypper refresh && zypper -n install …`.",
          line: 5,
          column: 5,
          endColumn: 42,
        },
      ],
    },
    {
      name: "yum update and pacman -Syu, install in the next RUN",
      code: "FROM centos:7\nRUN yum update -y\nRUN yum install -y nginx\nFROM archlinux:base\nRUN pacman -Syu --noconfirm\nRUN pacman -S --noconfirm nginx\n",
      errors: [
        // yum refreshes expired metadata itself when it installs: only pacman's install is stale.
        { messageId: "staleIndex", data: { command: "pacman -S", line: 5, fix: "refresh in this RUN: `pacman -Sy --noconfirm …`" }, line: 6, column: 5, endColumn: 14 },
      ],
    },
    {
      name: "mk-build-deps without -i installs nothing; with -i in a later RUN it reads the old lists",
      code: "FROM debian:12\nRUN apt-get update && mk-build-deps debian/control\nRUN apt-get update && apt-get install -y devscripts\nRUN mk-build-deps -ir debian/control\n",
      errors: [
        { messageId: "alone", line: 2, column: 5, endColumn: 19 },
        { messageId: "staleIndex", data: { command: "mk-build-deps -ir", line: 3, fix: APT_FRESH("mk-build-deps -ir") }, line: 4, column: 5, endColumn: 22 },
      ],
    },
    {
      name: "any other piped script is no update; NodeSource's setup in a RUN of its own leaves the index a later RUN installs from",
      code:
        "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN curl -fsSL https://example.com/setup_20.x | bash - && apt-get install -y nodejs\n" +
        "RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -\nRUN apt-get install -y nodejs\n" +
        "RUN curl -fsSL https://example.com/setup.sh -o setup.sh && bash setup.sh && apt-get install -y nodejs\n" +
        "RUN curl -fsSL https://deb.nodesource.com/setup_20.x -o a.sh && bash b.sh && apt-get install -y nodejs\n",
      errors: [
        { messageId: "staleIndex", data: { command: "apt-get install", line: 2, fix: APT_FRESH("apt-get install") }, line: 3, column: 59, endColumn: 74 },
        { messageId: "staleIndex", data: { command: "apt-get install", line: 4, fix: APT_FRESH("apt-get install") }, line: 5, column: 5, endColumn: 20 },
        { messageId: "staleIndex", data: { command: "apt-get install", line: 4, fix: APT_FRESH("apt-get install") }, line: 6, column: 77 },
        { messageId: "staleIndex", data: { command: "apt-get install", line: 4, fix: APT_FRESH("apt-get install") }, line: 7, column: 78 },
      ],
    },
    {
      name: "pacman -Sy alone",
      code: "FROM archlinux:base\nRUN pacman -Sy\n",
      errors: [{ messageId: "alone", data: { command: "pacman -Sy", install: "pacman -S --noconfirm" }, line: 2, column: 5, endColumn: 15 }],
    },
    {
      name: "exec form, heredoc, behind sudo",
      code: 'FROM debian:12\nRUN ["apt-get", "update"]\nRUN <<EOF\nset -e\nsudo apt-get -qq update\nEOF\n',
      errors: [
        { messageId: "alone", line: 2, column: 6, endColumn: 25 },
        { messageId: "alone", line: 5, column: 6, endColumn: 24 },
      ],
    },
    {
      name: "ONBUILD RUN is judged on its own",
      code: "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nONBUILD RUN apt-get update\nONBUILD RUN apt-get install -y git\n",
      errors: [{ messageId: "alone", line: 3, column: 13, endColumn: 27 }],
    },
    {
      name: "backtick escape directive",
      code: "# escape=`\nFROM debian:12\nRUN apt-get update && `\n    echo done\n",
      errors: [{ messageId: "alone", line: 3, column: 5, endColumn: 19 }],
    },
  ],
});
