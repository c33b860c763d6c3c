import { describe, it } from "vitest";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-workdir-in-system-dir.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "FROM alpine:3.20\nWORKDIR /app\n",
    { name: "similar names", code: "FROM alpine:3.20\nWORKDIR /development\nWORKDIR /procedures\nWORKDIR /system\n" },
    { name: "quoted", code: 'FROM alpine:3.20\nWORKDIR "/path/to/workdir"\n' },
    { name: "relative, base image's WORKDIR unknown", code: "FROM alpine:3.20\nWORKDIR proc\n" },
    { name: "relative under an application directory", code: "FROM alpine:3.20\nWORKDIR /srv\nWORKDIR dev\n" },
    { name: "variable without default", code: "FROM alpine:3.20\nARG DIR\nWORKDIR $DIR\n" },
    { name: "a drive-less WORKDIR of a Windows stage is on C: (fluent-bit)", code: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR /dev\n" },
    { name: "Windows drive path", code: "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\dev\n" },
    { name: "relative ONBUILD WORKDIR: the child's WORKDIR is unknown", code: "FROM alpine:3.20\nWORKDIR /\nONBUILD WORKDIR proc\n" },
  ],
  invalid: [
    {
      name: "trivy's case",
      code: "FROM alpine:3.5\nRUN apk add --update py2-pip\nWORKDIR /proc/self/fd/1\n",
      errors: [{ messageId: "mounted", data: { path: "/proc/self/fd/1", dir: "/proc" }, line: 3, column: 9, endColumn: 24 }],
    },
    {
      name: "an escaped blank is a blank of the path, not a separator",
      code: "FROM alpine:3.20\nWORKDIR /proc/my\\ dir\n",
      errors: [{ messageId: "mounted", data: { path: "/proc/my dir", dir: "/proc" }, line: 2, column: 9 }],
    },
    {
      name: "quoted",
      code: 'FROM alpine:3.3\nWORKDIR "/proc/self/fd/1"\n',
      errors: [{ messageId: "mounted", data: { path: "/proc/self/fd/1", dir: "/proc" }, line: 2, column: 9, endColumn: 26 }],
    },
    { name: "/sys itself", code: "FROM alpine:3.20\nWORKDIR /sys\n", errors: [{ messageId: "mounted", data: { path: "/sys", dir: "/sys" }, line: 2 }] },
    { name: "/dev/shm", code: "FROM alpine:3.20\nWORKDIR /dev/shm/app\n", errors: [{ messageId: "mounted", data: { path: "/dev/shm/app", dir: "/dev" }, line: 2 }] },
    { name: "/boot", code: "FROM alpine:3.20\nWORKDIR /boot/efi\n", errors: [{ messageId: "reserved", data: { path: "/boot/efi", dir: "/boot" }, line: 2 }] },
    { name: "/lost+found", code: "FROM alpine:3.20\nWORKDIR /lost+found\n", errors: [{ messageId: "reserved", data: { path: "/lost+found", dir: "/lost+found" }, line: 2 }] },
    { name: "/initrd", code: "FROM alpine:3.20\nWORKDIR /initrd/\n", errors: [{ messageId: "reserved", data: { path: "/initrd", dir: "/initrd" }, line: 2 }] },
    { name: "unclean path", code: "FROM alpine:3.20\nWORKDIR //app/../proc/./x\n", errors: [{ messageId: "mounted", data: { path: "/proc/x", dir: "/proc" }, line: 2 }] },
    {
      name: "relative to an earlier WORKDIR",
      code: "FROM alpine:3.20\nWORKDIR /\nRUN true\nWORKDIR dev\n",
      errors: [{ messageId: "mounted", data: { path: "/dev", dir: "/dev" }, line: 4, column: 9, endColumn: 12 }],
    },
    {
      name: "relative to a WORKDIR of the stage it builds on",
      code: "FROM alpine:3.20 AS base\nWORKDIR /\nFROM base\nWORKDIR sys/kernel\n",
      errors: [{ messageId: "mounted", data: { path: "/sys/kernel", dir: "/sys" }, line: 4 }],
    },
    { name: "relative in a scratch stage starts at /", code: "FROM scratch\nWORKDIR proc\n", errors: [{ messageId: "mounted", data: { path: "/proc", dir: "/proc" }, line: 2 }] },
    {
      name: "from a variable",
      code: "FROM alpine:3.20\nENV APP_HOME=/dev/app\nWORKDIR $APP_HOME\n",
      errors: [{ messageId: "mounted", data: { path: "/dev/app", dir: "/dev" }, line: 3, column: 9, endColumn: 18 }],
    },
    { name: "ONBUILD WORKDIR", code: "FROM alpine:3.20\nONBUILD WORKDIR /proc/app\n", errors: [{ messageId: "mounted", line: 2, column: 17, endColumn: 26 }] },
    { name: "every stage", code: "FROM alpine:3.20 AS build\nWORKDIR /dev/build\nFROM alpine:3.20\nWORKDIR /app\n", errors: [{ messageId: "mounted", line: 2 }] },
  ],
});
