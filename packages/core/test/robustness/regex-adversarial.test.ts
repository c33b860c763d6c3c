/**
 * The regexes most exposed to untrusted text — over whole lines and values: URLs, image
 * references, interpolation, secret names, suppression comments, trailing-separator trims — on
 * adversarial 100 KB inputs (long runs of the characters each pattern repeats, then a character that
 * makes it fail). Each must finish with the right result; the per-test timeout bounds the time (a
 * super-linear pattern takes minutes on these), the test asserts only the results.
 */
import { describe, expect, it } from "vitest";
import { evaluate, parseInterpolation } from "../../src/compose/interpolation.js";
import { parseImageReference } from "../../src/image/reference.js";
import { baseName, isGitSource, isHttpUrl } from "../../src/rules/dockerfile/_copy-operands.js";
import { SUPPRESSION_PATTERNS } from "../../src/suppressions.js";
import { isSecretName, nameWords } from "../../src/util/secret-names.js";
import { cutAtFirst, isPathSeparator, trimEndWhere } from "../../src/util/trim-end.js";
import { lintChecked } from "./harness.js";

const SIZE = 100 * 1024;
const TIMEOUT = 20_000;
const run = (unit: string, tail = "!"): string => unit.repeat(Math.ceil(SIZE / unit.length)) + tail;

describe("adversarial 100 KB inputs to the riskiest regexes", () => {
  it(
    "image references: long names, tags, digests, registries, path components",
    () => {
      for (const text of [run("a"), run("a."), run("a-"), run("a/"), run("a/", ":"), run("a:"), `${run("a")}@sha256:${run("a")}`, `registry.example.com:${run("5")}/x`, run("a__")]) {
        expect(() => parseImageReference(text)).not.toThrow();
      }
      expect(parseImageReference(`${"a/".repeat(SIZE / 2)}b:1`)?.tag).toBe("1");
    },
    TIMEOUT,
  );

  it(
    "Compose interpolation: runs of `$`, `${`, `${a:-` and unclosed braces",
    () => {
      for (const text of [run("$"), run("${"), run("${a:-"), run("$$"), run("${a}"), run("${a?"), run("}")]) {
        expect(() => parseInterpolation(text)).not.toThrow();
        expect(() => evaluate(text)).not.toThrow();
      }
      expect(evaluate(`${"$$".repeat(SIZE / 2)}`).value).toBe("$".repeat(SIZE / 2));
    },
    TIMEOUT,
  );

  it(
    "secret names: camel-case runs, digits, separators",
    () => {
      expect(nameWords(`${"A".repeat(SIZE)}a`)).toEqual(["a".repeat(SIZE - 1), "aa"]);
      expect(nameWords(`${"A".repeat(SIZE)}Secret`)).toEqual(["a".repeat(SIZE), "secret"]);
      expect(nameWords(`HTTPServer${"9".repeat(SIZE)}Password`).at(-1)).toBe("password");
      expect(isSecretName(`${"A".repeat(SIZE)}_PASSWORD`)).toBe(true);
      expect(isSecretName(run("a1", "x"))).toBe(false);
      expect(isSecretName(run("_", "TOKEN"))).toBe(true);
    },
    TIMEOUT,
  );

  it(
    "URLs and Git sources in ADD/COPY operands, and base names of long paths",
    () => {
      for (const text of [run("https://"), `https://${run("a.")}`, `git@${run("a")}`, `git@host:${run("a/")}`, run("#?"), run("/", "x")]) {
        expect(typeof isHttpUrl(text)).toBe("boolean");
        expect(typeof isGitSource(text)).toBe("boolean");
        expect(typeof baseName(text)).toBe("string");
      }
      expect(baseName(`${"a/".repeat(SIZE / 2)}file.tar.gz${"/".repeat(SIZE)}`)).toBe("file.tar.gz");
      expect(trimEndWhere(`${"/".repeat(SIZE)}x${"/\\".repeat(SIZE)}`, isPathSeparator)).toBe(`${"/".repeat(SIZE)}x`);
      expect(cutAtFirst(`${"a".repeat(SIZE)}?${"#".repeat(SIZE)}`, "#?")).toBe("a".repeat(SIZE));
    },
    TIMEOUT,
  );

  it(
    "suppression comments: runs of blanks, ids and dashes before a character that does not fit",
    () => {
      const { docklint, hadolint, checkov } = SUPPRESSION_PATTERNS;
      expect(docklint.exec(`docklint-disable ${" ".repeat(SIZE)}x`)?.[2]).toBe("x");
      expect(docklint.exec(`docklint-disable a${" --".repeat(SIZE / 3)}\n`)?.[1]).toBe("disable");
      expect(docklint.exec(`docklint-disable ${"a ".repeat(SIZE / 2)}-- why`)?.[3]).toBe("-- why");
      expect(hadolint.exec(`hadolint ignore=${"DL3000 ".repeat(SIZE / 7)}!`)).toBeNull();
      expect(hadolint.exec(`hadolint ignore=${"\t".repeat(SIZE)}DL3000${" ".repeat(SIZE)}`)?.[2]).toBe("DL3000");
      expect(checkov.exec(`checkov:skip=${"CKV_1,".repeat(SIZE / 6)}\n`)).toBeNull();
      expect(checkov.exec(`checkov:skip=CKV_DOCKER_1${": why".repeat(SIZE / 5)}`)?.[1]).toBe("CKV_DOCKER_1");
    },
    TIMEOUT,
  );

  it(
    "whole files built from those runs lint with every rule, with no rule failing",
    () => {
      const dockerfile = [
        `# docklint-disable-next-line ${" ".repeat(SIZE)}x`,
        `# hadolint ignore=${"DL3000 ".repeat(SIZE / 7)}!`,
        `FROM ${"a/".repeat(SIZE / 2)}b:${"1.".repeat(SIZE / 2)}x`,
        `ADD https://${"a.".repeat(SIZE / 2)}/${"#?".repeat(SIZE / 2)} /opt${"/".repeat(SIZE)}x`,
        `RUN curl -H "Authorization:${" ".repeat(SIZE)}" https://x && npm install ${"@".repeat(SIZE)}/ && pip install ${"git+https://x".repeat(1)}${"#".repeat(SIZE)}`,
        `RUN rm -rf /var/lib/apt/lists${"/".repeat(SIZE)}x && ln -s /bin/bash${"/".repeat(SIZE)}x /bin/sh`,
        `LABEL ${"-".repeat(SIZE)}!=1 description="${"\u201c".repeat(SIZE)}x"`,
        `ENV ${"A".repeat(SIZE)}_PASSWORD=${"$".repeat(SIZE)}`,
        `EXPOSE ${"8".repeat(SIZE)}/${"t".repeat(SIZE)}`,
        "USER 10001",
        "",
      ].join("\n");
      expect(lintChecked(dockerfile, "dockerfile").problems).toEqual([]);
      const compose = [
        "services:",
        "  web:",
        `    image: "${"${A:-".repeat(30)}${"a/".repeat(SIZE / 2)}${"}".repeat(30)}"`,
        "    volumes:",
        `      - /var/run/docker.sock${"/".repeat(SIZE)}x:/x`,
        `      - ${"./".repeat(SIZE / 2)}:/data`,
        "    ports:",
        `      - "${"1".repeat(SIZE)}:80"`,
        "    build:",
        `      context: ${"a/\\".repeat(SIZE / 3)}`,
        "    environment:",
        `      ${"A".repeat(SIZE)}Secret: ${"$".repeat(SIZE)}`,
        "",
      ].join("\n");
      expect(lintChecked(compose, "compose").problems).toEqual([]);
      const daemon = JSON.stringify({ "insecure-registries": [`${"a/".repeat(SIZE / 2)}x`, `http://${"/".repeat(SIZE)}x`], labels: [`${"a=".repeat(SIZE / 2)}`] });
      expect(lintChecked(daemon, "daemon").problems).toEqual([]);
    },
    TIMEOUT * 2,
  );
});
