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
    { name: "later apk add --no-cache fetches its own index", code: "FROM alpine:3.20\nRUN apk add -U git\nRUN apk add --no-cache curl\n" },
    { name: "a stage that does not build on the other", code: "FROM debian:12 AS a\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12\nRUN apt-get install -y ./app.deb\n" },
    { name: "the index in a cache mount is not kept by the layer", code: "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get install -y curl\n" },
    { name: "php composer update is no package index", code: "FROM php:8.3\nRUN php composer.phar self-update && php composer.phar update\n" },
    { name: "dpkg-reconfigure and update-locale", code: "FROM debian:12\nRUN dpkg-reconfigure --frontend noninteractive locales && update-locale LANG=en_US.UTF-8\n" },
  ],
  invalid: [
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
        { messageId: "alone", data: { command: "apk update", install: "apk add --no-cache" }, line: 2, column: 5, endColumn: 15 },
        { messageId: "alone", data: { command: "yum makecache", install: "dnf install -y" }, line: 3, column: 5, endColumn: 18 },
        { messageId: "alone", data: { command: "dnf check-update", install: "dnf install -y" }, line: 4, column: 5, endColumn: 21 },
        { messageId: "alone", data: { command: "zypper refresh", install: "zypper -n install" }, line: 5, column: 5, endColumn: 42 },
      ],
    },
    {
      name: "yum update and pacman -Syu in one RUN, install in the next",
      code: "FROM centos:7\nRUN yum update -y\nRUN yum install -y nginx\nFROM archlinux:base\nRUN pacman -Syu --noconfirm\nRUN pacman -S --noconfirm nginx\n",
      errors: [
        {
          messageId: "staleIndex",
          data: { command: "yum install", line: 2, fix: "refresh in this RUN: `dnf makecache && yum install …` (or `yum install --refresh …`)" },
          line: 3,
          column: 5,
          endColumn: 16,
        },
        { messageId: "staleIndex", data: { command: "pacman -S", line: 5, fix: "refresh in this RUN: `pacman -Sy --noconfirm …`" }, line: 6, column: 5, endColumn: 14 },
      ],
    },
    {
      name: "apk add without --no-cache reuses an earlier apk update",
      code: "FROM alpine:3.20\nRUN apk update && apk add git\nRUN apk add curl\n",
      errors: [{ messageId: "staleIndex", data: { command: "apk add", line: 2, fix: "use `apk add --no-cache …`, which fetches a fresh index every time" }, line: 3, column: 5, endColumn: 12 }],
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
