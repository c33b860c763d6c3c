import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-pinned-packages.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*\n",
    { name: "glob versions", code: "FROM debian:12\nRUN apt-get install -y git=1:2.39.* ruby=1:3.1*\n" },
    { name: "release pin", code: "FROM debian:12\nRUN apt-get install -y openjdk-17-jdk/bookworm-backports\n" },
    { name: "target release value is not a package", code: "FROM debian:12\nRUN apt-get install -y -t bookworm-backports openjdk-17-jdk=17.0.9+9-1~deb12u1\n" },
    { name: "long target release", code: "FROM debian:12\nRUN apt-get install -y --target-release=bookworm-backports curl=7.88.1-10\n" },
    { name: "local .deb", code: "FROM debian:12\nRUN apt-get install -y ./wkhtmltox_0.12.5-1.bionic_amd64.deb\n" },
    { name: "-o value is not a package", code: "FROM debian:12\nRUN apt-get -o Dpkg::Options::=--force-confold install -y curl=7.88.1-10\n" },
    { name: "version in a variable", code: "FROM debian:12\nARG CURL_VERSION\nRUN apt-get install -y curl=${CURL_VERSION}\n" },
    { name: "packages in an ARG without a value: the builder decides", code: "FROM debian:12\nARG PACKAGES\nRUN apt-get install -y $PACKAGES\n" },
    { name: "packages in an ARG that are pinned", code: "FROM debian:12\nARG PACKAGES=\"curl=7.88.1-10 git=1:2.39.2-1.1\"\nRUN apt-get install -y ${PACKAGES}\n" },
    { name: "packages set by the script itself", code: "FROM debian:12\nARG PKGS=curl\nRUN PKGS=\"curl git\"; apt-get install -y $PKGS\n" },
    { name: "loop variable", code: "FROM debian:12\nRUN for p in curl git; do apt-get install -y \"$p\"; done\n" },
    { name: "command substitution", code: "FROM debian:12\nRUN apt-get install -y $(cat /tmp/packages.txt)\n" },
    { name: "xargs reads the packages from a file", code: "FROM debian:12\nRUN xargs apt-get install -y < /tmp/packages.txt\n" },
    { name: "simulation installs nothing", code: "FROM debian:12\nRUN apt-get install -s curl > /dev/null\n" },
    { name: "not an install", code: "FROM debian:12\nRUN apt-get update && apt-get remove -y curl && apt-cache policy curl\n" },
    { name: "install -f without packages", code: "FROM debian:12\nRUN apt-get install -y -f\n" },
  ],
  invalid: [
    {
      name: "one unpinned package",
      code: "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n",
      errors: [
        {
          messageId: "apt",
          data: { command: "apt-get install", package: "curl", origin: "", pinned: "curl=<version>" },
          line: 2,
          column: 42,
          endColumn: 46,
        },
      ],
    },
    {
      name: "each unpinned package of a list, pinned ones skipped",
      code: "FROM debian:12\nRUN apt-get update && apt-get install -y \\\n    curl=7.88.1-10 \\\n    git \\\n    python3\n",
      errors: [
        { messageId: "apt", data: { command: "apt-get install", package: "git", origin: "", pinned: "git=<version>" }, line: 4, column: 5, endColumn: 8 },
        { messageId: "apt", line: 5, column: 5, endColumn: 12 },
      ],
    },
    {
      name: "options after the packages",
      code: "FROM debian:12\nRUN apt-get install curl --no-install-recommends -y\n",
      errors: [{ messageId: "apt", line: 2, column: 21, endColumn: 25 }],
    },
    {
      name: "exec form",
      code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n',
      errors: [{ messageId: "apt", line: 2, column: 34, endColumn: 40 }],
    },
    {
      name: "heredoc body",
      code: "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n",
      errors: [{ messageId: "apt", line: 4, column: 20, endColumn: 24 }],
    },
    {
      name: "ONBUILD RUN",
      code: "FROM debian:12\nONBUILD RUN apt-get install -y curl\n",
      errors: [{ messageId: "apt", line: 2, column: 32, endColumn: 36 }],
    },
    {
      name: "behind sudo and env",
      code: "FROM debian:12\nRUN sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y curl\n",
      errors: [{ messageId: "apt", line: 2, column: 64, endColumn: 68 }],
    },
    {
      name: "packages from an ARG with a known value",
      code: "FROM debian:12\nARG PKGS=\"curl git=1:2.39.2-1.1\"\nRUN apt-get install -y $PKGS\n",
      errors: [
        {
          messageId: "apt",
          data: { command: "apt-get install", package: "curl", origin: " (from `$PKGS`)", pinned: "curl=<version>" },
          line: 3,
          column: 24,
          endColumn: 29,
        },
      ],
    },
    {
      name: "packages from an ENV",
      code: "FROM debian:12\nENV BUILD_DEPS=\"gcc make\"\nRUN apt-get install -y ${BUILD_DEPS}\n",
      errors: [
        { messageId: "apt", data: { command: "apt-get install", package: "gcc", origin: " (from `${BUILD_DEPS}`)", pinned: "gcc=<version>" }, line: 3 },
        { messageId: "apt", data: { command: "apt-get install", package: "make", origin: " (from `${BUILD_DEPS}`)", pinned: "make=<version>" }, line: 3 },
      ],
    },
    {
      name: "a package name built from a variable",
      code: "FROM debian:12\nARG PG_MAJOR=16\nRUN apt-get install -y \"postgresql-$PG_MAJOR\"\n",
      errors: [{ messageId: "apt", data: { command: "apt-get install", package: "postgresql-16", origin: ' (from `postgresql-$PG_MAJOR`)', pinned: "postgresql-16=<version>" }, line: 3 }],
    },
    {
      name: "a value of -t is skipped, the package is not",
      code: "FROM debian:12\nRUN apt-get install -y -t bookworm-backports openjdk-17-jdk\n",
      errors: [{ messageId: "apt", data: { command: "apt-get install", package: "openjdk-17-jdk", origin: "", pinned: "openjdk-17-jdk=<version>" }, line: 2 }],
    },
    {
      name: "apt and aptitude",
      code: "FROM debian:12\nRUN apt install -y curl && aptitude install -y git\n",
      errors: [
        { messageId: "apt", data: { command: "apt install", package: "curl", origin: "", pinned: "curl=<version>" }, line: 2 },
        { messageId: "apt", data: { command: "aptitude install", package: "git", origin: "", pinned: "git=<version>" }, line: 2 },
      ],
    },
    {
      name: "every stage",
      code: "FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM debian:12\nRUN apt-get install -y curl\n",
      errors: [
        { messageId: "apt", line: 2 },
        { messageId: "apt", line: 4 },
      ],
    },
    {
      name: "backtick escape directive",
      code: "# escape=`\nFROM debian:12\nRUN apt-get install -y `\n    curl\n",
      errors: [{ messageId: "apt", line: 4, column: 5, endColumn: 9 }],
    },
    {
      name: "CRLF line endings",
      code: "FROM debian:12\r\nRUN apt-get install -y \\\r\n    curl\r\n",
      errors: [{ messageId: "apt", line: 3, column: 5, endColumn: 9 }],
    },
  ],
});
