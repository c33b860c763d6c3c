import { describe, expect, it } from "vitest";
import { judgeImage } from "./eol-releases.js";

const ref = (fullPath: string, tag: string | undefined, digest?: string) => ({ domain: "docker.io", fullPath, tag, digest });

describe("judgeImage", () => {
  it("judges a release tag, pointing at the version in it", () => {
    const finding = judgeImage(ref("library/python", "3.6-slim"), "2026-01-01");
    expect(finding?.release.version).toBe("3.6");
    expect(finding?.via).toBe("release");
    expect(finding?.tagSpan).toEqual([0, 3]);
    expect(finding?.upgrade).toMatch(/^move to Python 3\.\d+ \(`python:3\.\d+-slim`\)$/);
  });

  it("tells a missing tag (no span to point at) from a written `latest`, and a digest alone from both", () => {
    // Judged in either order, each reference keeps its own answer.
    const written = judgeImage(ref("library/centos", "latest"), "2026-01-01");
    const missing = judgeImage(ref("library/centos", undefined), "2026-01-01");
    const pinned = judgeImage(ref("library/centos", undefined, "sha256:0123"), "2026-01-01");
    expect(written?.tagSpan).toBeDefined();
    expect(missing).toBeDefined();
    expect(missing?.tagSpan).toBeUndefined();
    expect(pinned).toBeUndefined();
  });

  it("judges on the day it is given, not on the day an image was first judged", () => {
    expect(judgeImage(ref("library/python", "3.8"), "2019-01-01")).toBeUndefined();
    expect(judgeImage(ref("library/python", "3.8"), "2026-01-01")?.release.version).toBe("3.8");
    expect(judgeImage(ref("library/python", "3.8"), "2019-01-01")).toBeUndefined();
  });

  it("gives the same finding for the same image, day and tag", () => {
    const first = judgeImage(ref("library/node", "10-alpine"), "2026-01-01");
    expect(first).toBeDefined();
    expect(judgeImage(ref("library/node", "10-alpine"), "2026-01-01")).toEqual(first);
  });

  it("judges only Docker Hub's official images", () => {
    expect(judgeImage({ ...ref("library/python", "2.7"), domain: "ghcr.io" }, "2026-01-01")).toBeUndefined();
    expect(judgeImage(ref("someone/python", "2.7"), "2026-01-01")).toBeUndefined();
  });
});
