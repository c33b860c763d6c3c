import { describe, expect, it } from "vitest";
import { EOL_PRODUCTS, eolCalendarKey, judgeImage } from "./eol-releases.js";

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

describe("eolCalendarKey", () => {
  const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
  const first = Date.UTC(2014, 0, 1) / 86_400_000;
  const last = Date.UTC(2032, 11, 31) / 86_400_000;
  /** Every release tag of every image, and the same tags with a variant of each distribution release. */
  const tags = EOL_PRODUCTS.flatMap((product) =>
    product.images.flatMap((image) => product.releases.flatMap((release) => [ref(image, release.version), ref(image, `${release.version}-${release.codenames?.[0] ?? "slim"}`)])),
  );
  const judgeAll = (today: string) => JSON.stringify(tags.map((tag) => judgeImage(tag, today)));

  it("stays the same between two dates of the table, so that a day's findings hold until the next one", () => {
    // Consecutive days with one key: the findings of every image on the first and last day of each run are the same.
    let runStart = first;
    let runKey = eolCalendarKey(isoDay(first));
    let runs = 0;
    for (let day = first + 1; day <= last + 1; day++) {
      const key = day <= last ? eolCalendarKey(isoDay(day)) : "";
      if (key === runKey) continue;
      if (day - 1 > runStart) expect(judgeAll(isoDay(day - 1)), `${isoDay(runStart)}..${isoDay(day - 1)}`).toBe(judgeAll(isoDay(runStart)));
      runs++;
      runStart = day;
      runKey = key;
    }
    // Keys change at table dates only: far fewer runs than days.
    expect(runs).toBeGreaterThan(20);
    expect(runs).toBeLessThan((last - first) / 5);
  });

  it("changes the day after a release's end of life", () => {
    const release = EOL_PRODUCTS.flatMap((p) => p.releases).find((r) => r.eol !== undefined && r.eol > "2020-01-01");
    const eol = release?.eol as string;
    const next = isoDay(Date.parse(`${eol}T00:00:00Z`) / 86_400_000 + 1);
    expect(eolCalendarKey(next)).not.toBe(eolCalendarKey(eol));
  });
});
