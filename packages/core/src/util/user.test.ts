import { describe, expect, it } from "vitest";
import { isNonRootBaseImage, NON_ROOT_USER_OPTIONS } from "./user.js";

describe("isNonRootBaseImage", () => {
  const defaults = NON_ROOT_USER_OPTIONS.defaults.nonRootBaseImages;
  const cases: [image: string, patterns: readonly string[], expected: boolean][] = [
    ["gcr.io/distroless/static:nonroot", defaults, true],
    ["gcr.io/distroless/static:nonroot@sha256:0123abcd", defaults, true],
    ["GCR.IO/Distroless/Static:NONROOT", defaults, true],
    ["mcr.microsoft.com/dotnet/runtime:8.0-jammy-chiseled", defaults, true],
    ["mcr.microsoft.com/windows/nanoserver:ltsc2022", defaults, true],
    ["mcr.microsoft.com/windows/nanoserver:sac2016", defaults, false],
    ["ubuntu:22.04", defaults, false],
    ["ubuntu:22.04@sha256:0123abcd", defaults, false],
    ["registry.example/app:1.0", ["registry.example/app:*"], true],
    ["registry.example/app:1.0", ["registry.example/other:*", "*/app:1.0"], true],
    // Glob characters other than `*` are literal.
    ["registry.example/appX1.0", ["registry.example/app.1.0"], false],
    ["a(b)|c", ["a(b)|c"], true],
    ["anything", [], false],
  ];
  it.each(cases)("%s matches %j: %s", (image, patterns, expected) => {
    expect(isNonRootBaseImage(image, patterns)).toBe(expected);
    // The compiled list is remembered per array: a second call answers the same.
    expect(isNonRootBaseImage(image, patterns)).toBe(expected);
  });
});
