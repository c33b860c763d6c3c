import { describe, expect, it } from "vitest";
import { yumOfImage } from "./_rpm-family.js";

const program = (image: string) => yumOfImage(image)?.program;

describe("yumOfImage", () => {
  it("tells real yum (RHEL, CentOS, Oracle Linux 7 and older; Amazon Linux 1 and 2)", () => {
    for (const image of ["centos:7", "centos:7.9.2009", "centos:centos7", "docker.io/library/centos:6", "amazonlinux:2", "amazonlinux:2.0.20240916.0", "amazonlinux:2018.03", "public.ecr.aws/amazonlinux/amazonlinux:2", "oraclelinux:7-slim", "registry.access.redhat.com/ubi7/ubi", "registry.access.redhat.com/rhel7", "fedora:21"]) {
      expect([image, program(image)]).toEqual([image, "yum"]);
    }
    expect(yumOfImage("centos:7")?.cache).toBe("/var/cache/yum");
  });

  it("tells dnf (RHEL 8 to 10 and its rebuilds, Fedora 22 to 40, Amazon Linux 2023), from the tag or the name", () => {
    for (const image of [
      "registry.access.redhat.com/ubi9/ubi:9.4",
      "registry.access.redhat.com/ubi8",
      "registry.redhat.io/ubi10/ubi",
      "registry.access.redhat.com/ubi9/python-311:latest",
      "redhat/ubi9",
      "redhat/ubi8-minimal",
      "centos:8",
      "centos",
      "quay.io/centos/centos:stream9",
      "rockylinux:9.3",
      "rockylinux/rockylinux:8",
      "almalinux:9-minimal",
      "almalinux/9-base",
      "oraclelinux:8",
      "container-registry.oracle.com/os/oraclelinux:9-slim",
      "fedora:22",
      "fedora:40",
      "registry.fedoraproject.org/fedora:39",
      "amazonlinux:2023",
      "amazonlinux:2023.6.20241010.0",
      '"fedora:39"',
    ]) {
      expect([image, program(image)]).toEqual([image, "dnf"]);
    }
    expect(yumOfImage("redhat/ubi9")?.cache).toBe("/var/cache/dnf");
  });

  it("tells dnf5 (Fedora 41 and later, rawhide, latest)", () => {
    for (const image of ["fedora:41", "fedora:42", "fedora", "fedora:rawhide", "quay.io/fedora/fedora:43"]) {
      expect([image, program(image)]).toEqual([image, "dnf5"]);
    }
    expect(yumOfImage("fedora:41")?.cache).toBe("/var/cache/libdnf5");
  });

  it("leaves unknown what the image does not tell", () => {
    for (const image of [
      "myorg/base:1",
      "centos@sha256:0000000000000000000000000000000000000000000000000000000000000000",
      "amazonlinux",
      "rockylinux",
      "registry.access.redhat.com/ubi11/ubi",
      "fedora-minimal:41",
      "$BASE",
      "fedora:${VERSION}",
      "debian:12",
      "",
    ]) {
      expect([image, program(image)]).toEqual([image, undefined]);
    }
  });
});
