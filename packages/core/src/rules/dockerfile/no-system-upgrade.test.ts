import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-system-upgrade.js";

const TARGETED_APT = "`apt-get install --only-upgrade <package>`";
const TARGETED_DNF = "`dnf upgrade -y <package>`";
const TARGETED_ZYPPER = "`zypper -n update <package>`";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
    { name: "targeted upgrades name their packages", code: "FROM debian:12\nRUN apt-get install -y --only-upgrade openssl && apk upgrade openssl 2>/dev/null || true\n" },
    { name: "dnf/yum upgrade of named packages", code: "FROM fedora:40\nRUN dnf upgrade -y openssl && yum update -y glibc && microdnf update -y tzdata\n" },
    { name: "the targeted upgrades the messages suggest", code: "FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf update -y openssl && microdnf upgrade -y tzdata && tdnf upgrade -y curl && yum update -y glibc\n" },
    { name: "zypper update of named packages", code: "FROM opensuse/leap:15.6\nRUN zypper -n update openssl\n" },
    { name: "apk add --upgrade of named packages", code: "FROM alpine:3.20\nRUN apk add --no-cache --upgrade openssl\n" },
    { name: "simulations and dry runs", code: "FROM debian:12\nRUN apt-get -s upgrade && dnf upgrade --assumeno || true && zypper dup --dry-run\n" },
    { name: "pacman -S without -u", code: "FROM archlinux:base\nRUN pacman -Sy --noconfirm git\n" },
    { name: "yum check-update only lists", code: "FROM centos:7\nRUN yum check-update || true\n" },
  ],
  invalid: [
    {
      name: "apt-get upgrade",
      code: "FROM debian:12\nRUN apt-get update && apt-get -y upgrade && rm -rf /var/lib/apt/lists/*\n",
      errors: [{ messageId: "upgrade", data: { command: "apt-get upgrade", targeted: TARGETED_APT }, line: 2, column: 23, endColumn: 41 }],
    },
    {
      name: "apt-get dist-upgrade and apt full-upgrade (Trivy DS-0024)",
      code: "FROM debian:12\nRUN apt-get dist-upgrade -y && apt full-upgrade -y\n",
      errors: [
        { messageId: "aptDistUpgrade", data: { command: "apt-get dist-upgrade", targeted: TARGETED_APT }, line: 2, column: 5, endColumn: 25 },
        { messageId: "aptDistUpgrade", data: { command: "apt full-upgrade", targeted: TARGETED_APT }, line: 2, column: 32, endColumn: 48 },
      ],
    },
    {
      name: "apk upgrade",
      code: "FROM alpine:3.20\nRUN apk upgrade --no-cache\n",
      errors: [{ messageId: "upgrade", data: { command: "apk upgrade", targeted: "`apk add --upgrade <package>`" }, line: 2, column: 5, endColumn: 16 }],
    },
    {
      name: "yum update, dnf upgrade, microdnf update, distro-sync",
      code: "FROM fedora:40\nRUN yum -y update && dnf upgrade -y --refresh && microdnf update -y && tdnf -y distro-sync\n",
      errors: [
        // Each message names the manager the RUN called.
        { messageId: "upgrade", data: { command: "yum update", targeted: "`yum update -y <package>`" }, line: 2, column: 5, endColumn: 18 },
        { messageId: "upgrade", data: { command: "dnf upgrade", targeted: TARGETED_DNF }, line: 2, column: 22, endColumn: 33 },
        { messageId: "upgrade", data: { command: "microdnf update", targeted: "`microdnf update -y <package>`" }, line: 2, column: 50, endColumn: 65 },
        { messageId: "upgrade", data: { command: "tdnf distro-sync", targeted: "`tdnf upgrade -y <package>`" }, line: 2, column: 72, endColumn: 91 },
      ],
    },
    {
      name: "microdnf on ubi-minimal, which has no dnf (percona-docker, couchdb-docker): the targeted upgrade uses microdnf, with the verb the RUN used",
      code: "FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf -y update && microdnf clean all\nRUN microdnf upgrade -y && /usr/bin/microdnf -y distro-sync\nRUN /usr/bin/yum -y upgrade && dnf -y up\n",
      errors: [
        {
          messageId: "upgrade",
          message:
            "`microdnf update` upgrades every package of the base image to whatever the mirror has on build day, so two builds of this Dockerfile differ and an update nobody reviewed lands in the image; build on a newer, pinned base image instead, or upgrade only what you need (`microdnf update -y <package>`).",
          line: 2,
          column: 5,
          endColumn: 23,
        },
        { messageId: "upgrade", data: { command: "microdnf upgrade", targeted: "`microdnf upgrade -y <package>`" }, line: 3, column: 5 },
        { messageId: "upgrade", data: { command: "microdnf distro-sync", targeted: "`microdnf update -y <package>`" }, line: 3, column: 28 },
        { messageId: "upgrade", data: { command: "yum upgrade", targeted: "`yum update -y <package>`" }, line: 4, column: 5 },
        { messageId: "upgrade", data: { command: "dnf up", targeted: TARGETED_DNF }, line: 4, column: 32 },
      ],
    },
    {
      name: "zypper dist-upgrade and dup (hadolint DL3035), update, patch",
      code: "FROM opensuse/leap:15.6\nRUN zypper -n dist-upgrade && zypper dup && zypper -n up && zypper -n patch\n",
      errors: [
        { messageId: "zypperDistUpgrade", data: { command: "zypper dist-upgrade", targeted: TARGETED_ZYPPER }, line: 2, column: 5, endColumn: 27 },
        { messageId: "zypperDistUpgrade", data: { command: "zypper dup", targeted: TARGETED_ZYPPER }, line: 2, column: 31, endColumn: 41 },
        { messageId: "upgrade", data: { command: "zypper up", targeted: TARGETED_ZYPPER }, line: 2, column: 45, endColumn: 57 },
        { messageId: "upgrade", data: { command: "zypper patch", targeted: TARGETED_ZYPPER }, line: 2, column: 61, endColumn: 76 },
      ],
    },
    {
      name: "pacman -Syu",
      code: "FROM archlinux:base\nRUN pacman -Syu --noconfirm && pacman -S --sysupgrade\n",
      errors: [
        { messageId: "pacman", data: { command: "pacman -Syu" }, line: 2, column: 5, endColumn: 16 },
        { messageId: "pacman", data: { command: "pacman -S" }, line: 2, column: 32, endColumn: 41 },
      ],
    },
    {
      name: "exec form, heredoc, ONBUILD, behind sudo",
      code: 'FROM debian:12\nRUN ["apt-get", "upgrade", "-y"]\nRUN <<EOF\napk upgrade\nEOF\nONBUILD RUN sudo dnf -y upgrade\n',
      errors: [
        { messageId: "upgrade", line: 2, column: 6, endColumn: 26 },
        { messageId: "upgrade", line: 4, column: 1, endColumn: 12 },
        { messageId: "upgrade", line: 6, column: 18, endColumn: 32 },
      ],
    },
    {
      name: "every stage, backtick escape directive",
      code: "# escape=`\nFROM debian:12 AS build\nRUN apt-get update && `\n    apt-get upgrade -y\nFROM debian:12\nRUN apt-get update && apt-get upgrade -y\n",
      errors: [
        { messageId: "upgrade", line: 4, column: 5, endColumn: 20 },
        { messageId: "upgrade", line: 6, column: 23, endColumn: 38 },
      ],
    },
  ],
});
