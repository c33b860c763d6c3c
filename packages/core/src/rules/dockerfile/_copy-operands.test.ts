import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../../dockerfile/parse.js";
import { SourceText } from "../../source.js";
import { copyOperands } from "./_copy-operands.js";

/** The operands of the file's first COPY or ADD: [literal, value] of each source, and the destination's. */
function operandsOf(text: string): { form: string; sources: string[]; destination: string | undefined; heredocs: (string | undefined)[] } {
  const model = parseDockerfile(text);
  const instruction = model.instructions.find((i) => i.keyword === "COPY" || i.keyword === "ADD");
  if (!instruction) throw new Error("no COPY or ADD");
  const { form, sources, destination } = copyOperands(instruction, new SourceText(text), model.escapeChar);
  return { form, sources: sources.map((s) => s.literal), destination: destination?.literal, heredocs: sources.map((s) => s.heredoc?.name) };
}

describe("copyOperands", () => {
  it.each([
    ["shell form", "FROM a\nCOPY a b /dst/\n", { form: "shell", sources: ["a", "b"], destination: "/dst/" }],
    ["JSON form", 'FROM a\nCOPY ["a b", "/dst/"]\n', { form: "json", sources: ["a b"], destination: "/dst/" }],
    // The build joins the lines first, dropping the comment line after a continuation.
    ["JSON form over continued lines with a comment", 'FROM a\nCOPY ["a", \\\n# "not a token"\n  "/dst/"]\n', { form: "json", sources: ["a"], destination: "/dst/" }],
    ["not JSON: shell form", 'FROM a\nCOPY ["a" /dst/\n', { form: "shell", sources: ['[a'], destination: "/dst/" }],
    ["one operand: no destination", "FROM a\nCOPY app\n", { form: "shell", sources: [], destination: undefined }],
    ["a heredoc source; its body is not operands", "FROM a\nCOPY <<EOF /dst/x\nbody words\nEOF\n", { sources: ["<<EOF"], destination: "/dst/x", heredocs: ["EOF"] }],
    // The body starts after the continued line, so /dst is the destination.
    ["a heredoc on a continued line", "FROM a\nCOPY <<EOF \\\n  /dst\nbody\nEOF\n", { sources: ["<<EOF"], destination: "/dst" }],
    ["a heredoc line with a continuation, a comment line and more words", 'FROM a\nCOPY <<"Q" x # \\\n# c\n  /end/\nbody\nQ\n', { sources: ['<<"Q"', "x", "#"], destination: "/end/" }],
    // dockerfile-ast started this body a line late (the lexer follows BuildKit here since).
    ["a heredoc line with an escape character in a word", "FROM a\nCOPY <<Q a\\b /d/\nbody words\nQ\n", { sources: ["<<Q", "a\\b"], destination: "/d/" }],
    ["two heredocs", "FROM a\nCOPY <<A <<B /d/\na\nA\nb\nB\n", { sources: ["<<A", "<<B"], destination: "/d/", heredocs: ["A", "B"] }],
    // BuildKit does not continue a line that ends in an escaped escape character; the model joins the next line.
    ["a line ending in an escaped escape", "FROM a\nADD b.txt c \\\n    C:\\dir\\\\\nCOPY x /y/\n", { sources: ["b.txt", "c"], destination: "C:\\dir\\" }],
    ["a Windows path under the default escape", "FROM a\nCOPY a c:\\app\n", { sources: ["a"], destination: "c:\\app" }],
    ["a Windows path under escape=`", "# escape=`\nFROM a\nCOPY a `\n  c:\\app\\\n", { sources: ["a"], destination: "c:\\app\\" }],
  ])("%s", (_name, text, expected) => {
    expect(operandsOf(text)).toMatchObject(expected);
  });

  it("expands variables in the instruction's scope and lists the unknown ones", () => {
    const text = "FROM a\nARG DIR=/opt\nCOPY $DIR/x ${NOPE}/y\n";
    const model = parseDockerfile(text);
    const instruction = model.instructions[2];
    if (!instruction) throw new Error("no COPY");
    const { sources, destination } = copyOperands(instruction, new SourceText(text), model.escapeChar);
    expect(sources[0]).toMatchObject({ written: "$DIR/x", literal: "$DIR/x", value: "/opt/x", unresolved: [] });
    expect(destination).toMatchObject({ literal: "${NOPE}/y", unresolved: ["NOPE"] });
  });
});
