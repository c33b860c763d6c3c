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
    // pip (DL3013)
    { name: "pip: ==, ~=, ===, >=, <, !=", code: "FROM python:3.12\nRUN pip install flask==3.0.3 'requests~=2.31' attrs===23.2.0 'six>=1.16' 'idna<4' 'urllib3!=2.0.0'\n" },
    { name: "pip: requirements and constraints files pin what they install", code: "FROM python:3.12\nRUN pip install -r requirements.txt && pip install --requirement=dev.txt && pip install -c constraints.txt flask\n" },
    { name: "pip: local project, paths, archives and wheels", code: "FROM python:3.12\nRUN pip install . && pip install -e . && pip install './libs/core[extra]' dist/app-1.0-py3-none-any.whl vendor/pkg-1.0.tar.gz\n" },
    { name: "pip: VCS URL with a ref, direct reference", code: "FROM python:3.12\nRUN pip install git+https://github.com/org/repo.git@v1.2.0#egg=repo 'pkg @ https://example.com/pkg-1.0.tar.gz'\n" },
    { name: "pip: option values are not packages", code: "FROM python:3.12\nRUN pip install --index-url https://pypi.example.com/simple -i https://mirror/simple --extra-index-url https://x/simple --trusted-host x --root-user-action ignore --target /opt/lib flask==3.0.3\n" },
    {
      name: "uv pip: its own options (paperless-ngx: `--python-preference system`, `--requirements`)",
      code: "FROM python:3.12\nRUN uv pip install --no-cache --system --no-python-downloads --python-preference system --requirements requirements.txt && uv pip install --constraints c.txt --overrides o.txt flask\n",
    },
    { name: "pip: a single = is a typo pip rejects, not an unpinned package", code: "FROM python:3.12\nRUN pip3 install requests=2.7.0\n" },
    { name: "pipenv is not pip", code: "FROM python:3.12\nRUN pipenv install black\n" },
    { name: "pipx --python value", code: "FROM python:3.12\nRUN pipx install --python \"$(which python)\" \"poetry==1.8.5\"\n" },
    { name: "python -m venv is not pip", code: "FROM python:3.12\nRUN python -m venv /opt/venv && python -m pip install flask==3.0.3\n" },
    { name: "pip: version from an ARG", code: "FROM python:3.12\nARG FLASK_VERSION=3.0.3\nRUN pip install \"flask==${FLASK_VERSION}\"\n" },
    // npm (DL3016)
    { name: "npm: install from package.json", code: "FROM node:20\nRUN npm install && npm ci && npm install --production --no-audit\n" },
    { name: "npm: versions, ranges and scoped packages", code: "FROM node:20\nRUN npm install -g express@4.19.2 'sax@^1.2' @angular/cli@17.3.0 '@myorg/pkg@>=0.1.0 <0.2.0'\n" },
    { name: "npm: git refs, tarballs, paths", code: "FROM node:20\nRUN npm install git+https://github.com/npm/cli.git#v10.5.0 expressjs/express#4.19.2 ./pkg.tgz ../local ~/dir /abs file:../x\n" },
    { name: "npm: option values are not packages", code: "FROM node:20\nRUN npm install --registry https://registry.example.com --loglevel verbose --prefix /usr/local sax@1.2.4\n" },
    { name: "npm run install is no install", code: "FROM node:20\nRUN npm run --silent install\n" },
    // apk (DL3018)
    { name: "apk: =, ~, >, < and .apk files", code: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0 'git~2.45' 'bash>5' 'zlib<2' ./local-1.0.apk\n" },
    { name: "apk: virtual name and repository are not packages", code: "FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps -X https://dl-cdn.alpinelinux.org/alpine/edge/testing --repository=https://x gcc=13.2.1_git20240309-r0\n" },
    // gem (DL3028)
    { name: "gem: name:version, -v, args after --", code: "FROM ruby:3.3\nRUN gem install bundler:2.5.6 && gem install rails -v 7.1.3 && gem install pg:1.5.6 -- --with-pg-config=/usr/bin/pg_config\n" },
    { name: "gem: an option gem does not list is taken to have a value (hadolint)", code: "FROM ruby:3.3\nRUN gem install bundler:2.0.1 --use-system-libraries true\n" },
    // yum / dnf / microdnf (DL3033, DL3041)
    { name: "rpm: name-version, name-version-release, epoch, .rpm", code: "FROM fedora:40\nRUN dnf install -y tomcat-9.0.1 gcc-c++-1.1.1 openssl-1:1.1.1k git-core-2.51.0-2.fc42 /tmp/x.rpm && microdnf install -y zlib-1.2.11-18.el8_5.x86_64\n" },
    {
      name: "rpm: a release that starts with a letter (percona-docker percona-server-5.6/Dockerfile:35)",
      code: "FROM centos:7\nRUN yum install -y Percona-Server-server-56-5.6.51-rel91.0.1.el7 && dnf install -y openssl-1:1.1.1k-rel1.el8 && yum clean all\n",
    },
    {
      name: "rpm: an arch after the release keeps the pin (name-version-release.arch, name-epoch:version-release.arch, epoch:name-version-release.arch)",
      code: "FROM centos:7\nRUN yum install -y zlib-1.2.7-21.el7_9.x86_64 glibc-2.17-326.el7_9.i686 tzdata-2024a-1.el7.noarch openssl-1:1.0.2k-26.el7_9.x86_64 1:openssl-libs-1.0.2k-26.el7_9.x86_64 && tdnf install -y curl-8.8.0-1.ph5.aarch64\n",
    },
    { name: "rpm: the same version from an ENV (legacy form)", code: "FROM centos:7\nENV PERCONA_VERSION 5.6.51-rel91.0.1.el7\nRUN yum install -y Percona-Server-server-56-${PERCONA_VERSION}\n" },
    // Kept as before: a name whose last part starts with a digit reads as `name-version`.
    { name: "rpm: a last part that starts with a digit counts as a version", code: "FROM centos:7\nRUN yum install -y Percona-Server-server-56\n" },
    { name: "rpm: modules with a stream, groups", code: "FROM rockylinux:9\nRUN dnf module install -y nodejs:20 && yum module install -y php:8.1 && dnf group install -y \"Development Tools\" && dnf install -y @development-tools\n" },
    { name: "rpm: version from an ENV of the parent stage", code: "FROM fedora:40 AS base\nENV version=2.51.0-2.fc42\nFROM base\nRUN dnf -y install git-core-${version}\n" },
    { name: "rpm: version from an ARG without a default is the builder's choice", code: "FROM fedora:40\nARG version\nRUN yum -y install git-core-$version\n" },
    { name: "a global ARG redeclared in the stage keeps its default", code: "ARG TOMCAT_VERSION=9.0.1\nFROM fedora:40\nARG TOMCAT_VERSION\nRUN dnf install -y \"tomcat-${TOMCAT_VERSION}\"\n" },
    { name: "a variable the file never declares may come from the base image", code: "FROM python:3.12\nRUN dnf install -y \"python3-${PYTHON_VERSION}\"\n" },
    { name: "not dnf", code: "FROM fedora:40\nRUN notdnf install tomcat\n" },
    // zypper (DL3037)
    { name: "zypper: =, >=, <, .rpm; patterns have no version", code: "FROM opensuse/leap:15.6\nRUN zypper -n install tomcat=9.0.39 'vim>=9' 'curl<9' ./x.rpm && zypper -n install -t pattern devel_basis\n" },
    // go (DL3062)
    { name: "go: @version and local packages", code: "FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.15.3 && go install ./cmd/... && go run . && go run main.go && go get example.com/pkg@v1.2.3\n" },
    { name: "go: flags and their values", code: "FROM golang:1.22\nRUN go install -ldflags \"-s -w\" -tags netgo example.com/pkg@v1.2.3 && go run example.com/pkg@v1.2.3 --foo bar\n" },
    { name: "go install in a module uses the go.mod version", code: "FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go install github.com/golang/mock/mockgen\n" },
    { name: "go install tool (Go 1.24 tools of go.mod)", code: "FROM golang:1.24\nRUN --mount=type=bind,source=go.mod,target=/src/go.mod go install tool\n" },
  ],
  invalid: [
    {
      name: "pip: unpinned package, pip itself included",
      code: "FROM python:3.12\nRUN pip install --upgrade pip && pip3 install --no-cache-dir flask==3.0.3 requests\n",
      errors: [
        { messageId: "pip", data: { command: "pip install", package: "pip", origin: "", pinned: "pip==<version>" }, line: 2, column: 27, endColumn: 30 },
        { messageId: "pip", data: { command: "pip3 install", package: "requests", origin: "", pinned: "requests==<version>" }, line: 2, column: 75, endColumn: 83 },
      ],
    },
    {
      name: "pip: python -m pip, pipx, uv pip",
      code: "FROM python:3.12\nRUN python3 -m pip install flask && pipx install black && uv pip install --system ruff\n",
      errors: [
        { messageId: "pip", data: { command: "python3 -m pip install", package: "flask", origin: "", pinned: "flask==<version>" }, line: 2, column: 28, endColumn: 33 },
        { messageId: "pip", data: { command: "pipx install", package: "black", origin: "", pinned: "black==<version>" }, line: 2, column: 50, endColumn: 55 },
        { messageId: "pip", data: { command: "uv pip install", package: "ruff", origin: "", pinned: "ruff==<version>" }, line: 2, column: 83, endColumn: 87 },
      ],
    },
    {
      name: "pip: VCS URL without a ref, flag=value keeps the package",
      code: "FROM python:3.12\nRUN pip install --root-user-action=ignore git+https://github.com/org/repo.git#egg=repo\n",
      errors: [{ messageId: "pip", line: 2, column: 43, endColumn: 87 }],
    },
    {
      name: "npm: unpinned, dist-tags, scoped, git without ref, global npm",
      code: "FROM node:20\nRUN npm install -g npm && npm i sax@latest @angular/cli git+https://github.com/npm/cli.git && npm add --save-dev typescript@next\n",
      errors: [
        { messageId: "npm", data: { command: "npm install", package: "npm", origin: "", pinned: "npm@<version>" }, line: 2, column: 20, endColumn: 23 },
        { messageId: "npm", data: { command: "npm i", package: "sax@latest", origin: "", pinned: "sax@<version>" }, line: 2, column: 33, endColumn: 43 },
        { messageId: "npm", data: { command: "npm i", package: "@angular/cli", origin: "", pinned: "@angular/cli@<version>" }, line: 2, column: 44, endColumn: 56 },
        { messageId: "npm", data: { command: "npm i", package: "git+https://github.com/npm/cli.git", origin: "", pinned: "git+https://github.com/npm/cli.git#<commit-or-tag>" }, line: 2, column: 57, endColumn: 91 },
        { messageId: "npm", data: { command: "npm add", package: "typescript@next", origin: "", pinned: "typescript@<version>" }, line: 2, column: 114, endColumn: 129 },
      ],
    },
    {
      name: "yarn global add",
      code: "FROM node:20\nRUN yarn global add @vue/cli\n",
      errors: [{ messageId: "yarn", data: { command: "yarn global add", package: "@vue/cli", origin: "", pinned: "@vue/cli@<version>" }, line: 2, column: 21, endColumn: 29 }],
    },
    {
      name: "apk: one unpinned package of several, tagged repository pin is no version",
      code: "FROM alpine:3.20\nRUN apk add --no-cache \\\n    flex=2.6.4-r1 \\\n    libffi \\\n    curl@edge\n",
      errors: [
        { messageId: "apk", data: { command: "apk add", package: "libffi", origin: "", pinned: "libffi=<version>" }, line: 4, column: 5, endColumn: 11 },
        { messageId: "apk", line: 5, column: 5, endColumn: 14 },
      ],
    },
    {
      name: "gem: unpinned, i alias, --no-document is no value",
      code: "FROM ruby:3.3\nRUN gem install --no-document bundler && gem i nokogiri:1.16.2 rake\n",
      errors: [
        { messageId: "gem", data: { command: "gem install", package: "bundler", origin: "", pinned: "bundler:<version>" }, line: 2, column: 31, endColumn: 38 },
        { messageId: "gem", data: { command: "gem i", package: "rake", origin: "", pinned: "rake:<version>" }, line: 2, column: 64, endColumn: 68 },
      ],
    },
    {
      name: "yum: unpinned, java-11-openjdk is a name, not version 11",
      code: "FROM centos:7\nRUN yum install -y tomcat java-11-openjdk httpd-2.4.6 && yum clean all\n",
      errors: [
        { messageId: "yum", data: { command: "yum install", package: "tomcat", origin: "", pinned: "tomcat-<version>" }, line: 2, column: 20, endColumn: 26 },
        { messageId: "yum", data: { command: "yum install", package: "java-11-openjdk", origin: "", pinned: "java-11-openjdk-<version>" }, line: 2, column: 27, endColumn: 42 },
      ],
    },
    {
      name: "rpm: a letter-led last part is a release only after a dotted version, and has a digit",
      code: "FROM centos:7\nRUN yum install -y python3-pip java-1.8.0-openjdk java-1.8.0-openjdk-devel gcc-toolset-12-gcc && yum clean all\n",
      errors: [
        { messageId: "yum", data: { command: "yum install", package: "python3-pip", origin: "", pinned: "python3-pip-<version>" }, line: 2, column: 20, endColumn: 31 },
        { messageId: "yum", data: { command: "yum install", package: "java-1.8.0-openjdk", origin: "", pinned: "java-1.8.0-openjdk-<version>" }, line: 2, column: 32, endColumn: 50 },
        { messageId: "yum", data: { command: "yum install", package: "java-1.8.0-openjdk-devel", origin: "", pinned: "java-1.8.0-openjdk-devel-<version>" }, line: 2, column: 51, endColumn: 75 },
        { messageId: "yum", data: { command: "yum install", package: "gcc-toolset-12-gcc", origin: "", pinned: "gcc-toolset-12-gcc-<version>" }, line: 2, column: 76, endColumn: 94 },
      ],
    },
    {
      name: "rpm: name.arch is pinned as name-version-release.arch, the only versioned form with an arch yum and dnf accept (swiftlang/swift-docker)",
      code: "FROM amazonlinux:2\nRUN yum install -y shadow-utils.x86_64 glibc.i686 java-1.8.0-openjdk.x86_64 && dnf install -y libstdc++.aarch64 && microdnf install -y tzdata.noarch\n",
      errors: [
        {
          messageId: "yum",
          data: { command: "yum install", package: "shadow-utils.x86_64", origin: "", pinned: "shadow-utils-<version>-<release>.x86_64" },
          line: 2,
          column: 20,
          endColumn: 39,
        },
        { messageId: "yum", data: { command: "yum install", package: "glibc.i686", origin: "", pinned: "glibc-<version>-<release>.i686" }, line: 2, column: 40, endColumn: 50 },
        // the arch's digits are no release: `java-1.8.0-openjdk` is a name
        {
          messageId: "yum",
          data: { command: "yum install", package: "java-1.8.0-openjdk.x86_64", origin: "", pinned: "java-1.8.0-openjdk-<version>-<release>.x86_64" },
          line: 2,
          column: 51,
          endColumn: 76,
        },
        { messageId: "dnf", data: { command: "dnf install", package: "libstdc++.aarch64", origin: "", pinned: "libstdc++-<version>-<release>.aarch64" }, line: 2 },
        { messageId: "dnf", data: { command: "microdnf install", package: "tzdata.noarch", origin: "", pinned: "tzdata-<version>-<release>.noarch" }, line: 2 },
      ],
    },
    {
      name: "yum and dnf modules without a stream",
      code: "FROM rockylinux:9\nRUN yum module install -y tomcat && microdnf module install -y nodejs\n",
      errors: [
        { messageId: "yumModule", data: { command: "yum module install", package: "tomcat", origin: "", pinned: "tomcat:<stream>" }, line: 2, column: 27, endColumn: 33 },
        { messageId: "dnfModule", data: { command: "microdnf module install", package: "nodejs", origin: "", pinned: "nodejs:<stream>" }, line: 2, column: 64, endColumn: 70 },
      ],
    },
    {
      name: "dnf and microdnf",
      code: "FROM fedora:40\nRUN dnf install -y rpm-sign && microdnf in -y tomcat\n",
      errors: [
        { messageId: "dnf", data: { command: "dnf install", package: "rpm-sign", origin: "", pinned: "rpm-sign-<version>" }, line: 2, column: 20, endColumn: 28 },
        { messageId: "dnf", data: { command: "microdnf in", package: "tomcat", origin: "", pinned: "tomcat-<version>" }, line: 2, column: 47, endColumn: 53 },
      ],
    },
    {
      name: "an ENV of another stage is not set here: the package has no version",
      code: "FROM fedora:40 AS build\nENV version=2.51.0-2.fc42\nFROM fedora:40\nRUN dnf -y install git-core-${version}\n",
      errors: [
        {
          messageId: "dnf",
          data: { command: "dnf install", package: "git-core-", origin: " (from `git-core-${version}`, where `version` is not set in this stage)", pinned: "git-core--<version>" },
          line: 4,
          column: 20,
          endColumn: 39,
        },
      ],
    },
    {
      name: "a global ARG not redeclared in the stage is empty there",
      code: "ARG TOMCAT_VERSION=9.0.1\nFROM fedora:40\nRUN dnf install -y \"tomcat-${TOMCAT_VERSION}\"\n",
      errors: [
        {
          messageId: "dnf",
          data: { command: "dnf install", package: "tomcat-", origin: " (from `tomcat-${TOMCAT_VERSION}`, where `TOMCAT_VERSION` is not set in this stage)", pinned: "tomcat--<version>" },
          line: 3,
          column: 20,
          endColumn: 46,
        },
      ],
    },
    {
      name: "zypper",
      code: "FROM opensuse/leap:15.6\nRUN zypper -n install tomcat && zypper -n in vim\n",
      errors: [
        { messageId: "zypper", data: { command: "zypper install", package: "tomcat", origin: "", pinned: "tomcat=<version>" }, line: 2, column: 23, endColumn: 29 },
        { messageId: "zypper", data: { command: "zypper in", package: "vim", origin: "", pinned: "vim=<version>" }, line: 2, column: 46, endColumn: 49 },
      ],
    },
    {
      name: "go: no version, @latest, go get, go run",
      code: "FROM golang:1.22\nRUN go install example.com/pkg && go install example.com/tool@latest && go get -d -v example.com/lib && go run example.com/gen@latest -o x\n",
      errors: [
        { messageId: "go", data: { command: "go install", package: "example.com/pkg", origin: "", pinned: "example.com/pkg@<version>" }, line: 2, column: 16, endColumn: 31 },
        { messageId: "go", data: { command: "go install", package: "example.com/tool@latest", origin: "", pinned: "example.com/tool@<version>" }, line: 2, column: 46, endColumn: 69 },
        { messageId: "go", line: 2, column: 86, endColumn: 101 },
        { messageId: "go", line: 2, column: 112, endColumn: 134 },
      ],
    },
    {
      name: "go get in a module still upgrades",
      code: "FROM golang:1.22\nCOPY . .\nRUN go get golang.org/x/net\n",
      errors: [{ messageId: "go", line: 3, column: 12, endColumn: 28 }],
    },
    {
      name: "every manager in exec form",
      code: 'FROM python:3.12\nRUN ["pip", "install", "flask"]\n',
      errors: [{ messageId: "pip", line: 2, column: 24, endColumn: 31 }],
    },
    {
      name: "heredoc and ONBUILD",
      code: "FROM node:20\nRUN <<EOF\nnpm install -g pnpm\nEOF\nONBUILD RUN gem install bundler\n",
      errors: [
        { messageId: "npm", line: 3, column: 16, endColumn: 20 },
        { messageId: "gem", line: 5, column: 25, endColumn: 32 },
      ],
    },
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
      name: "a quoted ARG value with several packages",
      code: "FROM alpine:3.20\nARG PKGS=\"curl git=2.45.2-r0 bash\" OTHER=x\nRUN apk add --no-cache $PKGS\n",
      errors: [
        { messageId: "apk", data: { command: "apk add", package: "curl", origin: " (from `$PKGS`)", pinned: "curl=<version>" }, line: 3, column: 24, endColumn: 29 },
        { messageId: "apk", data: { command: "apk add", package: "bash", origin: " (from `$PKGS`)", pinned: "bash=<version>" }, line: 3, column: 24, endColumn: 29 },
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
