import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-non-interactive-install.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM debian:12\nRUN apt-get install -y curl\n",
    { name: "before the subcommand", code: "FROM debian:12\nRUN apt-get -y install curl\n" },
    { name: "in a cluster", code: "FROM debian:12\nRUN apt-get install -qy curl && apt-get -fmy install git\n" },
    { name: "--yes", code: "FROM debian:12\nRUN apt-get --yes install curl\n" },
    { name: "--assume-yes", code: "FROM debian:12\nRUN apt-get install --assume-yes curl\n" },
    { name: "after the packages", code: "FROM debian:12\nRUN apt-get install curl -y\n" },
    { name: "-qq implies -y", code: "FROM debian:12\nRUN apt-get install -qq curl\n" },
    { name: "-q -q", code: "FROM debian:12\nRUN apt-get install -q -q curl\n" },
    { name: "-q=2", code: "FROM debian:12\nRUN apt-get install -q=2 curl\n" },
    { name: "--quiet --quiet", code: "FROM debian:12\nRUN apt-get install --quiet --quiet curl\n" },
    { name: "APT::Get::Assume-Yes", code: "FROM debian:12\nRUN apt-get -o APT::Get::Assume-Yes=true install curl\n" },
    { name: "flags in an ARG", code: "FROM debian:12\nARG APT_FLAGS=\"-y --no-install-recommends\"\nRUN apt-get install $APT_FLAGS curl\n" },
    { name: "options in a variable the build cannot resolve: no guess", code: "FROM debian:12\nARG APT_OPTS\nRUN apt-get install $APT_OPTS curl\n" },
    { name: "simulation asks nothing", code: "FROM debian:12\nRUN if apt-get install -s \"postgresql-16-jit\" > /dev/null 2>&1; then echo ok; fi\n" },
    { name: "apt -y", code: "FROM debian:12\nRUN apt install -y curl\n" },
    { name: "aptitude -y", code: "FROM debian:12\nRUN aptitude install -y curl\n" },
    { name: "not an install", code: "FROM debian:12\nRUN apt-get update && apt-get upgrade -y && echo apt-get install curl\n" },
    { name: "DEBIAN_FRONTEND is about debconf, -y is still there", code: "FROM debian:12\nRUN DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata\n" },
    { name: "apt-get remove/purge/autoremove/upgrade with -y", code: "FROM debian:12\nRUN apt-get remove -y curl && apt-get purge -y --auto-remove git && apt-get autoremove -y && apt-get -y dist-upgrade\n" },
    {
      name: "APT::Get::Assume-Yes \"true\" written to apt.conf.d by an earlier RUN (photoprism)",
      code: "FROM debian:12\nRUN echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/80forceyes\nRUN apt-get update && apt-get install curl && apt autoremove\n",
    },
    {
      name: "Assume-Yes \"1\" earlier in the same RUN, in a heredoc of the stage built on; aptitude's own key",
      code:
        "FROM debian:12 AS base\nRUN <<EOF\ncat > /etc/apt/apt.conf.d/90assumeyes <<CONF\nAPT::Get::Assume-Yes \"1\";\nAptitude::CmdLine::Assume-Yes \"true\";\nCONF\napt-get install curl\nEOF\n" +
        "FROM base\nRUN apt-get purge git && aptitude install vim\n",
    },
    { name: "answers from a pipe", code: "FROM debian:12\nRUN yes | apt-get install curl && echo y | zypper install vim\n" },
    // yum (DL3030)
    { name: "yum -y / --assumeyes / setopt", code: "FROM centos:7\nRUN yum install -y httpd && yum --assumeyes groupinstall x && yum -y localinstall /tmp/x.rpm && yum --setopt=assumeyes=1 update\n" },
    { name: "yum: no confirmation for queries and clean", code: "FROM centos:7\nRUN yum makecache && yum info httpd && yum list installed && yum clean all && yum check-update || true\n" },
    { name: "yum --assumeno is a dry run", code: "FROM centos:7\nRUN yum install --assumeno httpd || true\n" },
    // dnf / microdnf (DL3038)
    { name: "dnf and microdnf -y", code: "FROM fedora:40\nRUN dnf install -y x && dnf -y in y && microdnf install -y z && dnf -y module enable nodejs:20 && dnf group install -y \"Development Tools\"\n" },
    { name: "not dnf", code: "FROM fedora:40\nRUN notdnf install httpd\n" },
    // zypper (DL3034)
    { name: "zypper -n / --non-interactive before the subcommand, install -y / --no-confirm", code: "FROM opensuse/leap:15.6\nRUN zypper -n install x && zypper --non-interactive rm y && zypper install -y z && zypper in --no-confirm w && zypper -qn patch\n" },
    { name: "zypper: refresh and search do not ask", code: "FROM opensuse/leap:15.6\nRUN zypper refresh && zypper search vim && zypper -n clean\n" },
  ],
  invalid: [
    {
      name: "apt-get remove and autoremove ask too",
      code: "FROM debian:12\nRUN apt-get remove curl && apt autoremove\n",
      errors: [
        { messageId: "apt", data: { command: "apt-get remove" }, line: 2, column: 5, endColumn: 19 },
        { messageId: "apt", data: { command: "apt autoremove" }, line: 2, column: 28, endColumn: 42 },
      ],
      output: "FROM debian:12\nRUN apt-get remove -y curl && apt autoremove -y\n",
    },
    {
      name: "yum install, groupinstall, localinstall, update",
      code: "FROM centos:7\nRUN yum install httpd && yum groupinstall x && yum localinstall /tmp/x.rpm && yum update\n",
      errors: [
        { messageId: "yum", data: { command: "yum install" }, line: 2, column: 5, endColumn: 16 },
        { messageId: "yum", data: { command: "yum groupinstall" }, line: 2, column: 26, endColumn: 42 },
        { messageId: "yum", data: { command: "yum localinstall" }, line: 2, column: 48, endColumn: 64 },
        { messageId: "yum", data: { command: "yum update" }, line: 2, column: 79, endColumn: 89 },
      ],
      output: "FROM centos:7\nRUN yum install -y httpd && yum groupinstall -y x && yum localinstall -y /tmp/x.rpm && yum update -y\n",
    },
    {
      name: "sudo yum in exec form",
      code: 'FROM centos:7\nRUN ["sudo", "yum", "install", "bundler"]\n',
      errors: [{ messageId: "yum", line: 2, column: 14, endColumn: 30 }],
      output: 'FROM centos:7\nRUN ["sudo", "yum", "install", "-y", "bundler"]\n',
    },
    {
      name: "dnf, dnf in, microdnf, dnf module enable, dnf group install",
      code: "FROM fedora:40\nRUN dnf install x && dnf in y && microdnf install z && dnf module enable nodejs:20 && dnf group install \"Development Tools\"\n",
      errors: [
        { messageId: "dnf", data: { command: "dnf install" }, line: 2, column: 5, endColumn: 16 },
        { messageId: "dnf", data: { command: "dnf in" }, line: 2, column: 22, endColumn: 28 },
        { messageId: "microdnf", data: { command: "microdnf install" }, line: 2, column: 34, endColumn: 50 },
        { messageId: "dnf", data: { command: "dnf module enable" }, line: 2, column: 56, endColumn: 73 },
        { messageId: "dnf", data: { command: "dnf group install" }, line: 2, column: 87, endColumn: 104 },
      ],
      output:
        "FROM fedora:40\nRUN dnf install -y x && dnf in -y y && microdnf install -y z && dnf module enable -y nodejs:20 && dnf group install -y \"Development Tools\"\n",
    },
    {
      name: "zypper: the fix puts -n before the subcommand",
      code: "FROM opensuse/leap:15.6\nRUN zypper install httpd=2.4.24 && zypper clean\n",
      errors: [{ messageId: "zypper", data: { command: "zypper install", fixed: "zypper -n install" }, line: 2, column: 5, endColumn: 19 }],
      output: "FROM opensuse/leap:15.6\nRUN zypper -n install httpd=2.4.24 && zypper clean\n",
    },
    {
      name: "zypper: -n after the subcommand is --name, not --non-interactive",
      code: "FROM opensuse/leap:15.6\nRUN zypper --quiet install -n httpd\n",
      errors: [{ messageId: "zypper", line: 2, column: 5, endColumn: 27 }],
      output: "FROM opensuse/leap:15.6\nRUN zypper -n --quiet install -n httpd\n",
    },
    {
      name: "zypper remove, patch, dup in a heredoc and ONBUILD",
      code: "FROM opensuse/leap:15.6\nRUN <<EOF\nzypper rm vim\nzypper patch\nEOF\nONBUILD RUN zypper dup\n",
      errors: [
        { messageId: "zypper", line: 3, column: 1, endColumn: 10 },
        { messageId: "zypper", line: 4, column: 1, endColumn: 13 },
        { messageId: "zypper", line: 6, column: 13, endColumn: 23 },
      ],
      output: "FROM opensuse/leap:15.6\nRUN <<EOF\nzypper -n rm vim\nzypper -n patch\nEOF\nONBUILD RUN zypper -n dup\n",
    },
    {
      name: "yum: every stage, backtick escape directive",
      code: "# escape=`\nFROM centos:7 AS build\nRUN yum install `\n    gcc\nFROM centos:7\nRUN yum install httpd\n",
      errors: [
        { messageId: "yum", line: 3, column: 5, endColumn: 16 },
        { messageId: "yum", line: 6, column: 5, endColumn: 16 },
      ],
      output: "# escape=`\nFROM centos:7 AS build\nRUN yum install -y `\n    gcc\nFROM centos:7\nRUN yum install -y httpd\n",
    },
    {
      name: "apt.conf.d: Assume-Yes set after the call, in a stage not built on, to false, or only for apt-get (not aptitude)",
      code:
        "FROM debian:12 AS other\nRUN echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/80forceyes\n" +
        "FROM debian:12\nRUN apt-get install curl; echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/80forceyes\n" +
        "RUN aptitude install vim\nRUN echo 'APT::Get::Assume-Yes \"false\";' > /etc/apt/apt.conf.d/90noyes\nRUN apt-get install git\n",
      errors: [
        { messageId: "apt", line: 4, column: 5, endColumn: 20 },
        { messageId: "aptitude", line: 5 },
        { messageId: "apt", line: 7 },
      ],
      output:
        "FROM debian:12 AS other\nRUN echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/80forceyes\n" +
        "FROM debian:12\nRUN apt-get install -y curl; echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/80forceyes\n" +
        "RUN aptitude install -y vim\nRUN echo 'APT::Get::Assume-Yes \"false\";' > /etc/apt/apt.conf.d/90noyes\nRUN apt-get install -y git\n",
    },
    {
      name: "no -y",
      code: "FROM debian:12\nRUN apt-get install curl\n",
      errors: [{ messageId: "apt", data: { command: "apt-get install" }, line: 2, column: 5, endColumn: 20 }],
      output: "FROM debian:12\nRUN apt-get install -y curl\n",
    },
    {
      name: "one -q is not enough",
      code: "FROM debian:12\nRUN apt-get install -q python\n",
      errors: [{ messageId: "apt", line: 2, column: 5, endColumn: 20 }],
      output: "FROM debian:12\nRUN apt-get install -y -q python\n",
    },
    {
      name: "one --quiet is not enough",
      code: "FROM debian:12\nRUN apt-get --quiet install python\n",
      errors: [{ messageId: "apt", line: 2, column: 5, endColumn: 28 }],
      output: "FROM debian:12\nRUN apt-get --quiet install -y python\n",
    },
    {
      name: "DEBIAN_FRONTEND does not answer apt's own prompt",
      code: "FROM debian:12\nRUN DEBIAN_FRONTEND=noninteractive apt-get install tzdata\n",
      errors: [{ messageId: "apt", line: 2, column: 36, endColumn: 51 }],
      output: "FROM debian:12\nRUN DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata\n",
    },
    {
      name: "apt-get -f install",
      code: "FROM debian:12\nRUN dpkg -i /tmp/x.deb || apt-get -f install\n",
      errors: [{ messageId: "apt", line: 2, column: 27, endColumn: 45 }],
      output: "FROM debian:12\nRUN dpkg -i /tmp/x.deb || apt-get -f install -y\n",
    },
    {
      name: "several installs in one RUN, all fixed",
      code: "FROM debian:12\nRUN apt-get update && apt-get install curl && apt install git\n",
      errors: [
        { messageId: "apt", data: { command: "apt-get install" }, line: 2, column: 23, endColumn: 38 },
        { messageId: "apt", data: { command: "apt install" }, line: 2, column: 47, endColumn: 58 },
      ],
      output: "FROM debian:12\nRUN apt-get update && apt-get install -y curl && apt install -y git\n",
    },
    {
      name: "aptitude",
      code: "FROM debian:12\nRUN aptitude install curl\n",
      errors: [{ messageId: "aptitude", data: { command: "aptitude install" }, line: 2, column: 5, endColumn: 21 }],
      output: "FROM debian:12\nRUN aptitude install -y curl\n",
    },
    {
      name: "exec form: the fix adds a JSON element",
      code: 'FROM debian:12\nRUN ["apt-get", "install", "python"]\n',
      errors: [{ messageId: "apt", line: 2, column: 6, endColumn: 26 }],
      output: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "python"]\n',
    },
    {
      name: "exec form running a shell: the fix goes inside the string",
      code: 'FROM debian:12\nRUN ["/bin/sh", "-c", "apt-get install curl"]\n',
      errors: [{ messageId: "apt", line: 2, column: 24, endColumn: 39 }],
      output: 'FROM debian:12\nRUN ["/bin/sh", "-c", "apt-get install -y curl"]\n',
    },
    {
      name: "exec-form string with escapes: reported on the string, no fix",
      code: 'FROM debian:12\nRUN ["/bin/sh", "-c", "echo \\"x\\" && apt-get install curl"]\n',
      errors: [{ messageId: "apt", line: 2, column: 23, endColumn: 59 }],
      output: null,
    },
    {
      name: "heredoc body",
      code: "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install curl\nEOF\n",
      errors: [{ messageId: "apt", line: 4, column: 1, endColumn: 16 }],
      output: "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n",
    },
    {
      name: "ONBUILD RUN",
      code: "FROM debian:12\nONBUILD RUN apt-get install curl\n",
      errors: [{ messageId: "apt", line: 2, column: 13, endColumn: 28 }],
      output: "FROM debian:12\nONBUILD RUN apt-get install -y curl\n",
    },
    {
      name: "behind sudo, inside an if",
      code: "FROM debian:12\nRUN if true; then sudo apt-get install curl; fi\n",
      errors: [{ messageId: "apt", line: 2, column: 24, endColumn: 39 }],
      output: "FROM debian:12\nRUN if true; then sudo apt-get install -y curl; fi\n",
    },
    {
      name: "inside a command substitution",
      code: "FROM debian:12\nRUN echo \"$(apt-get install curl)\"\n",
      errors: [{ messageId: "apt", line: 2, column: 13, endColumn: 28 }],
      output: "FROM debian:12\nRUN echo \"$(apt-get install -y curl)\"\n",
    },
    {
      name: "a quoted subcommand",
      code: "FROM debian:12\nRUN apt-get \"install\" curl\n",
      errors: [{ messageId: "apt", line: 2, column: 5, endColumn: 22 }],
      output: "FROM debian:12\nRUN apt-get \"install\" -y curl\n",
    },
    {
      name: "flags in an ARG without -y",
      code: "FROM debian:12\nARG APT_FLAGS=--no-install-recommends\nRUN apt-get install $APT_FLAGS curl\n",
      errors: [{ messageId: "apt", line: 3 }],
      output: "FROM debian:12\nARG APT_FLAGS=--no-install-recommends\nRUN apt-get install -y $APT_FLAGS curl\n",
    },
    {
      name: "every stage",
      code: "FROM debian:12 AS build\nRUN apt-get install gcc\nFROM debian:12\nRUN apt-get install curl\n",
      errors: [
        { messageId: "apt", line: 2 },
        { messageId: "apt", line: 4 },
      ],
      output: "FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM debian:12\nRUN apt-get install -y curl\n",
    },
    {
      name: "continued lines, backtick escape directive",
      code: "# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install `\n    curl\n",
      errors: [{ messageId: "apt", line: 4, column: 5, endColumn: 20 }],
      output: "# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y `\n    curl\n",
    },
    {
      name: "CRLF line endings are kept",
      code: "FROM debian:12\r\nRUN apt-get update \\\r\n && apt-get install \\\r\n    curl\r\n",
      errors: [{ messageId: "apt", line: 3, column: 5, endColumn: 20 }],
      output: "FROM debian:12\r\nRUN apt-get update \\\r\n && apt-get install -y \\\r\n    curl\r\n",
    },
  ],
});
