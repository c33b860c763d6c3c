import { describe, expect, it } from "vitest";
import { STRING_FORMATS } from "./formats.js";

describe("STRING_FORMATS", () => {
  const cases: [keyof typeof STRING_FORMATS, string, boolean][] = [
    ["cidr", "172.17.0.1/16", true],
    ["cidr", "172.17.0.1/33", false],
    ["cidr", "fd00::1/64", true],
    ["cidr", "172.17.0.1", false],
    ["prefix", "10.0.0.0/8", true],
    ["size", "64m", true],
    ["size", "", false],
    ["disk-size", "", true],
    ["disk-size", "20GB", true],
    ["host", "tcp://:2375", true],
    ["host", "tcp://host:abc", false],
    ["host", "npipe:////./pipe/docker_engine", true],
    ["host", "unix://unix:///x", false],
    ["mirror", "https://mirror.example.com/#", true],
    ["mirror", "HTTPS://mirror.example.com", true],
    ["insecure-registry", "registry.example.com:99999", false],
    ["insecure-registry", "::1/128", true],
    ["insecure-registry", "https://reg.example.com:5000", true],
    ["label", "a=", true],
    ["label", "IO.DOCKER.x=1", false],
    ["dns-search", "a", true],
    ["dns-search", "123", false],
    ["exec-opt", "Native.CgroupDriver=cgroupfs", true],
    ["exec-opt", "native.cgroupdriver=", false],
    ["userns-remap", "default", true],
    ["fwmark", "0b101/0o7", true],
    ["fwmark", "-1", false],
    ["api-version", "1.24", true],
    ["api-version", "1.9", false],
    ["api-version", "v1.44", false],
    ["absolute-path", "/usr/local/bin/docker-proxy", true],
  ];
  it.each(cases)("%s %j → accepted: %s", (format, value, accepted) => {
    expect(STRING_FORMATS[format](value) === undefined).toBe(accepted);
  });
});
