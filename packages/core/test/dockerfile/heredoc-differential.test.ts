/**
 * no-unterminated-heredoc against BuildKit's own reading (test/support/buildkit-heredocs.ts, an
 * oracle written from its parser): the rule reports a heredoc exactly where BuildKit stops with
 * "unterminated heredoc", on the shared corpus and on generated Dockerfiles full of heredoc
 * openers, delimiter lines, near misses, continuations and escaped escape characters.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../../src/dockerfile/parse.js";
import { lintText } from "../../src/linter.js";
import { buildkitInstructions, unterminatedHeredocInstructionLine } from "../support/buildkit-heredocs.js";
import { filesUnder, hasShared, sharedDir, skipMessage } from "../support/shared.js";
import { join } from "node:path";

/** The line of the (top-level) instruction holding the rule's finding, as BuildKit locates its error; undefined without one. */
function ruleInstructionLine(text: string): number | undefined {
  const messages = lintText(text, { kind: "dockerfile", config: { rules: { "no-unterminated-heredoc": "error" } } }).messages.filter((m) => m.ruleId === "no-unterminated-heredoc");
  const first = messages[0];
  if (!first) return undefined;
  const model = parseDockerfile(text);
  const offset = model.source.offsetAt(first.line, first.column);
  const instruction = model.instructions.find((i) => i.range[0] <= offset && offset <= i.range[1]);
  return instruction?.line;
}

/** Generated Dockerfiles per run; DOCKLINT_HEREDOC_DIFF_RUNS sets it for a long run. */
const RUNS = Number(process.env["DOCKLINT_HEREDOC_DIFF_RUNS"] ?? 3000);

const FRAGMENTS = [
  "FROM alpine:3.23", "RUN cat <<EOF > /etc/motd", "RUN <<EOF", "RUN <<-EOT", "COPY <<A <<B /etc/", "ADD <<\"Q\" /x", "ONBUILD RUN <<EOF",
  "RUN [\"cat\", \"<<EOF\"]", "RUN echo \"<<EOF\"", "RUN cat <<<word", "RUN echo $((1<<2))", "RUN cat <<EOF \\", "    && echo more \\", "  --flag <<B",
  "COPY C:\\dir\\\\", "ADD # <<\"Q\" /app C:\\dir\\\\", "body <<\"Q\" line", "hello", "  EOF", "EOF ", "EOF", "\tEOT", "EOT", "    EOT", "A", " B", "B", "Q",
  "# comment", "", "USER 10001", "RUN --mount=type=cache,target=/x <<EOF", "COPY --chmod=644 <<EOF /app/x", "RUN \\", "# escape=`",
  "RUN cat 2<<EOF", "RUN tee 3<<-EOT >&2", "COPY 0<<A 12<<B /etc/", "COPY C:\\a\\\\ \\", "RUN echo a\\ \\",
];

/** Dockerfiles of up to 14 FRAGMENTS lines, with LF or CRLF line ends. */
const generatedDockerfile = fc
  .array(fc.tuple(fc.constantFrom(...FRAGMENTS), fc.constantFrom("\n", "\n", "\n", "\r\n")), { minLength: 1, maxLength: 14 })
  .map((pairs) => pairs.map(([line, eol]) => line + eol).join(""));

/** The first line of each instruction of the model, up to BuildKit's stop at an unterminated heredoc. */
function modelInstructionLines(text: string, stopAt: number | undefined): number[] {
  return parseDockerfile(text)
    .instructions.map((instruction) => instruction.line)
    .filter((line) => stopAt === undefined || line <= stopAt);
}

/** Where the instructions start for BuildKit (its scanner splits lines at `\n` only: a text with a lone `\r` is read otherwise, KNOWN_DIFFERENCES in lexer-differential.test.ts). */
function buildkitInstructionLines(text: string): number[] {
  const { instructions, unterminatedAt } = buildkitInstructions(text);
  return instructions.map((instruction) => instruction.line).filter((line) => unterminatedAt === undefined || line <= unterminatedAt);
}

describe("the model's instructions start where BuildKit's do", () => {
  it.skipIf(!hasShared)(hasShared ? "on every Dockerfile of the shared corpus" : skipMessage("dockerfile corpus"), () => {
    const files = filesUnder(join(sharedDir, "corpus", "dockerfile"));
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      if (/\r(?!\n)/.test(text)) continue;
      const expected = buildkitInstructionLines(text);
      expect(modelInstructionLines(text, unterminatedHeredocInstructionLine(text)), file).toEqual(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it("on generated Dockerfiles, lines that end in an escaped escape character among them (`C:\\dir\\\\`)", () => {
    let escapedEscapes = 0;
    fc.assert(
      fc.property(generatedDockerfile, (dockerfile) => {
        if (/\\\\\r?\n/.test(dockerfile)) escapedEscapes++;
        expect(modelInstructionLines(dockerfile, unterminatedHeredocInstructionLine(dockerfile))).toEqual(buildkitInstructionLines(dockerfile));
      }),
      { seed: 20262201, numRuns: RUNS },
    );
    expect(escapedEscapes).toBeGreaterThan(RUNS / 10);
  });
});

describe("no-unterminated-heredoc and BuildKit's reading", () => {
  it.skipIf(!hasShared)(hasShared ? "agree on every Dockerfile of the shared corpus (none is refused)" : skipMessage("dockerfile corpus"), () => {
    const files = filesUnder(join(sharedDir, "corpus", "dockerfile"));
    expect(files.length).toBeGreaterThan(2000);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      if (!text.includes("<<")) continue;
      expect(ruleInstructionLine(text), file).toBe(unterminatedHeredocInstructionLine(text));
    }
  });

  it("agree on generated Dockerfiles", () => {
    let refused = 0;
    fc.assert(
      fc.property(generatedDockerfile, (dockerfile) => {
        const expected = unterminatedHeredocInstructionLine(dockerfile);
        if (expected !== undefined) refused++;
        expect(ruleInstructionLine(dockerfile)).toBe(expected);
      }),
      { seed: 20262001, numRuns: RUNS },
    );
    // Both answers are common in the generated set.
    expect(refused).toBeGreaterThan(RUNS / 10);
  });
});
