import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-unverified-packages.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
    {
      name: "the flags as text of other commands (Checkov's clean cases)",
      code: 'FROM alpine:3.20\nRUN apk add a-handbag | grep "--allow-untrusted"\nRUN apt-get install python3 | grep "--force-yes"\nRUN rpm -i python3.rpm ;\\\n    echo "--nodigest"\nRUN yum update &&\\\n    echo "--nogpgcheck"\n',
    },
    {
      name: "sslverify and gpgcheck switched on, other setopts",
      code: "FROM fedora:40\nRUN yum-config-manager --save --setopt=something-base.sslverify=1 && dnf config-manager --setopt=install_weak_deps=False --save && dnf install -y --setopt=tsflags=nodocs x\n",
    },
    { name: "apt --force-yes when removing packages downloads nothing", code: "FROM debian:12\nRUN apt-get purge -y --force-yes build-essential && apt-get autoremove --force-yes -y\n" },
    {
      name: "a local apt repository the build made itself (official nginx and postgres images)",
      code: 'FROM debian:12\nRUN tempDir="$(mktemp -d)" && echo "deb [ trusted=yes ] file://$tempDir ./" > /etc/apt/sources.list.d/temp.list\n',
    },
    {
      name: "local .apk files built by another stage",
      code: "FROM alpine:3.20 AS builder\nRUN abuild -r\nFROM alpine:3.20\nRUN --mount=type=bind,target=/tmp/packages/,source=/tmp/packages/,from=builder \\\n    apk add --no-cache --allow-untrusted /tmp/packages/nginx-module-geoip.apk\nCOPY --from=builder /home/builder/packages/ /pkgs/\nRUN apk add --allow-untrusted /pkgs/x86_64/*.apk\n",
    },
    {
      name: "local .apk files whose signature was checked in the same RUN",
      code: "FROM alpine:3.20\nRUN curl -O https://example.com/msodbcsql.apk -O https://example.com/msodbcsql.sig \\\n && gpg --verify msodbcsql.sig msodbcsql.apk \\\n && apk add --allow-untrusted msodbcsql.apk\n",
    },
    { name: "repo_gpgcheck is about metadata", code: "FROM fedora:40\nRUN printf '[x]\\nbaseurl=https://example.com\\ngpgcheck=1\\nrepo_gpgcheck=0\\n' > /etc/yum.repos.d/x.repo\n" },
    { name: "a sed that turns gpgcheck on", code: "FROM fedora:40\nRUN sed -i 's/gpgcheck=0/gpgcheck=1/' /etc/yum.repos.d/x.repo\n" },
    { name: "sslverify=0 printed, not written", code: "FROM fedora:40\nRUN yum-config-manager --save --setopt=install_weak_deps=False || echo \"--setopt=sslverify=0\"\n" },
  ],
  invalid: [
    {
      name: "apk --allow-untrusted",
      code: "FROM alpine:3.20\nRUN apk --allow-untrusted add python3\nRUN wget https://example.com/glibc.apk && apk add --allow-untrusted glibc.apk\n",
      errors: [
        {
          messageId: "apkUntrusted",
          message:
            "`apk --allow-untrusted` installs packages whose signature is missing or from an unknown key, so a tampered package goes in unnoticed; add the repository's public key to /etc/apk/keys instead.",
          line: 2,
          column: 9,
          endColumn: 26,
        },
        { messageId: "apkUntrusted", line: 3, column: 51, endColumn: 68 },
      ],
    },
    {
      name: "apt-get --allow-unauthenticated, -o, --force-yes, insecure repositories",
      code: "FROM debian:12\nRUN apt-get \\\n    install python3 \\\n    --allow-unauthenticated\nRUN apt-get install -y -o APT::Get::AllowUnauthenticated=true x && apt-get install -yqq --force-yes y\nRUN apt-get update --allow-insecure-repositories && apt -o Acquire::AllowInsecureRepositories=true update\n",
      errors: [
        { messageId: "aptUnauthenticated", data: { manager: "apt-get", option: "--allow-unauthenticated" }, line: 4, column: 5, endColumn: 28 },
        { messageId: "aptUnauthenticated", data: { manager: "apt-get", option: "-o APT::Get::AllowUnauthenticated=true" }, line: 5, column: 24, endColumn: 62 },
        { messageId: "aptForceYes", data: { manager: "apt-get" }, line: 5, column: 89, endColumn: 100 },
        { messageId: "aptInsecureRepositories", data: { manager: "apt-get", option: "--allow-insecure-repositories" }, line: 6, column: 20, endColumn: 49 },
        { messageId: "aptInsecureRepositories", data: { manager: "apt", option: "-o Acquire::AllowInsecureRepositories=true" }, line: 6, column: 57, endColumn: 99 },
      ],
    },
    {
      name: "--nogpgcheck for dnf, tdnf, yum, microdnf, zypper, and gpgcheck=0 by --setopt",
      code: "FROM fedora:40\nRUN dnf install -y --nogpgcheck python3 && tdnf --nogpgcheck install -y x && microdnf --nogpgcheck install y\nRUN yum install -y --setopt=*.gpgcheck=0 z && zypper --no-gpg-checks install -y w\n",
      errors: [
        { messageId: "noGpgCheck", data: { manager: "dnf", option: "--nogpgcheck" }, line: 2, column: 20, endColumn: 32 },
        { messageId: "noGpgCheck", line: 2, column: 49, endColumn: 61 },
        { messageId: "noGpgCheck", line: 2, column: 87, endColumn: 99 },
        { messageId: "noGpgCheck", data: { manager: "yum", option: "--setopt=*.gpgcheck=0" }, line: 3, column: 20, endColumn: 41 },
        { messageId: "noGpgCheck", data: { manager: "zypper", option: "--no-gpg-checks" }, line: 3, column: 54, endColumn: 69 },
      ],
    },
    {
      name: "rpm without signature or digest checks",
      code: "FROM fedora:40\nRUN rpm -i --nodigest --nosignature python3.rpm\n",
      errors: [{ messageId: "rpmNoVerify", data: { option: "--nodigest" }, line: 2, column: 12, endColumn: 22 }],
    },
    {
      name: "sslverify off through config-manager (Checkov's spellings)",
      code: "FROM fedora:40\nRUN yum-config-manager --save --setopt=\\*.sslverify=0\nRUN dnf config-manager --setopt=\"epel.sslverify=no\" --save && dnf-config-manager --setopt='lol.sslverify'=False --save\n",
      errors: [
        { messageId: "repoSslVerify", data: { manager: "yum-config-manager", option: "--setopt=*.sslverify=0" }, line: 2, column: 31, endColumn: 54 },
        { messageId: "repoSslVerify", data: { manager: "dnf", option: "--setopt=epel.sslverify=no" }, line: 3, column: 24, endColumn: 52 },
        { messageId: "repoSslVerify", data: { manager: "dnf-config-manager", option: "--setopt=lol.sslverify=False" }, line: 3, column: 82, endColumn: 112 },
      ],
    },
    {
      name: "apt sources trusted without a signature",
      code: "FROM debian:12\nRUN echo 'deb [ allow-insecure=yes trusted=yes ] https://apt.example.com/repo trixie main' > /etc/apt/sources.list.d/x.list\nRUN add-apt-repository \"deb [trusted=yes] http://ppa.example.com/ubuntu jammy main\"\n",
      errors: [
        { messageId: "aptTrustedSource", data: { setting: "deb [ allow-insecure=yes trusted=yes ]" }, line: 2, column: 10, endColumn: 91 },
        { messageId: "aptTrustedSource", data: { setting: "deb [trusted=yes]" }, line: 3, column: 24, endColumn: 84 },
      ],
    },
    {
      name: "apt.conf and deb822 sources from heredocs",
      code: "FROM debian:12\nRUN cat > /etc/apt/apt.conf.d/99insecure <<EOF\nAPT::Get::AllowUnauthenticated \"true\";\nEOF\nCOPY <<EOF /etc/apt/sources.list.d/x.sources\nTypes: deb\nURIs: https://apt.example.com\nTrusted: yes\nEOF\n",
      errors: [
        { messageId: "aptConfig", data: { setting: 'APT::Get::AllowUnauthenticated "true"' }, line: 3, column: 1, endColumn: 38 },
        { messageId: "aptTrustedSource", data: { setting: "Trusted: yes" }, line: 8, column: 1, endColumn: 13 },
      ],
    },
    {
      name: "gpgcheck=0 in repository files: printf, sed, echo | tee, heredoc",
      code: "FROM rockylinux:9\nRUN printf '[x]\\nbaseurl=https://example.com\\ngpgcheck=0\\n' > /etc/yum.repos.d/x.repo\nRUN sed -i 's/gpgcheck=1/gpgcheck=0/g' /etc/yum.repos.d/*.repo\nRUN echo 'sslverify=false' | tee -a /etc/yum.repos.d/x.repo\nRUN <<EOF\ncat > /etc/zypp/repos.d/y.repo <<'R'\n[y]\ngpgcheck = 0\nR\nEOF\n",
      errors: [
        { messageId: "repoGpgcheck", data: { setting: "gpgcheck=0" }, line: 2, column: 12, endColumn: 60 },
        { messageId: "repoGpgcheck", line: 3, column: 12, endColumn: 39 },
        { messageId: "repoSslVerifyFile", data: { setting: "sslverify=false" }, line: 4, column: 10, endColumn: 27 },
        { messageId: "repoGpgcheck", data: { setting: "gpgcheck = 0" }, line: 8, column: 1, endColumn: 13 },
      ],
    },
    {
      name: "pacman SigLevel",
      code: "FROM archlinux:base\nRUN sed -i 's/^SigLevel.*/SigLevel = Never/' /etc/pacman.conf\n",
      errors: [{ messageId: "pacmanSigLevel", data: { setting: "SigLevel = Never" }, line: 2, column: 12, endColumn: 45 }],
    },
    {
      name: "exec form, ONBUILD, behind sudo, every stage",
      code: 'FROM debian:12 AS build\nRUN ["apt-get", "install", "-y", "--allow-unauthenticated", "x"]\nFROM alpine:3.20\nONBUILD RUN sudo apk add --allow-untrusted y\n',
      errors: [
        { messageId: "aptUnauthenticated", line: 2, column: 34, endColumn: 59 },
        { messageId: "apkUntrusted", line: 4, column: 26, endColumn: 43 },
      ],
    },
    {
      name: "escape directive",
      code: "# escape=`\nFROM fedora:40\nRUN dnf install -y `\n    --nogpgcheck x\n",
      errors: [{ messageId: "noGpgCheck", line: 4, column: 5, endColumn: 17 }],
    },
  ],
});
