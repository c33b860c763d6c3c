import { describe, expect, it } from "vitest";
import { dotenvError, rawEnvError } from "./dotenv.js";

describe("dotenvError (compose-go dotenv/parser.go)", () => {
  const accepted: [string, string][] = [
    ["empty", ""],
    ["blank lines and comments", "\n  \n# a comment\n   # indented\n"],
    ["plain, yaml-style and exported", "A=1\nB: 2\nexport C=3\nexport\tD = 4\n"],
    ["a lone name (taken from the environment)", "A=1\nINHERITED\nB=2\n"],
    ["a last line without `=` or line break", "A=1\nLAST"],
    ["names of letters, digits, `_ . - [ ]` and Unicode letters", "a.b-c_d[0]=1\nÜBER=2\n名前=3\n"],
    ["a tab inside a name (only a space is refused)", "A\tB=1\n"],
    ["quoted values, over lines, with escaped quotes", "A=\"x \\\" y\"\nB='it\\'s'\nC=\"line1\nline2\"\nD=''\n"],
    ["text after a closing quote is the next statement", 'A="x" B\nC="y" # comment\n'],
    ["an inline comment and a `#` inside a value", "A=x # note\nB=a#b\n"],
    ["interpolation that is well formed, and `$` alone", "A=${B:-x}\nB=$C\nC=cost $5\nD=$$\nE=\"${A}\"\nF='${'\n"],
    ["an escaped `$` before `{` in double quotes", 'A="\\${"\n'],
    ["CRLF line endings and a UTF-8 BOM", "\uFEFFA=1\r\nB=\"x\"\r\n"],
    ["`=` with no name (compose-go keeps an empty name)", "=value\n"],
  ];
  it.each(accepted)("accepts %s", (_name, text) => {
    expect(dotenvError(text)).toBeUndefined();
  });

  const refused: [string, string, { line: number; kind: string; reason: string }][] = [
    ["a `$` in a name", "A=1\n\n$B=2\n", { line: 3, kind: "name", reason: 'unexpected character "$" in variable name' }],
    ["a `/` after export", "export PATH/X=1\n", { line: 1, kind: "name", reason: 'unexpected character "/" in variable name' }],
    ["a list item written as in YAML", "A=1\n- B=2\n", { line: 2, kind: "space", reason: "key cannot contain a space" }],
    ["a sentence", "# settings\nSet these before you start\n", { line: 2, kind: "space", reason: "key cannot contain a space" }],
    ["a name with a space before `=`", "MY VAR=1\n", { line: 1, kind: "space", reason: "key cannot contain a space" }],
    ["a double quote never closed", 'A=1\nB="abc\nC=2\n', { line: 2, kind: "quote", reason: "unterminated quoted value" }],
    ["a single quote whose end is escaped", "A='abc\\'\n", { line: 1, kind: "quote", reason: "unterminated quoted value" }],
    ["an unclosed `${` unquoted", "A=1\nB=${C\n", { line: 2, kind: "template", reason: "Invalid template" }],
    ["a bad `${}` in double quotes", 'A="x ${}"\n', { line: 1, kind: "template", reason: "Invalid template" }],
    ["a name character after a multi-line quote, counted from its line", 'A="1\n2\n3"\nB@=1\n', { line: 4, kind: "name", reason: 'unexpected character "@" in variable name' }],
    ["a control character in a name, quoted as Go does", "A\u0001=1\n", { line: 1, kind: "name", reason: 'unexpected character "\\x01" in variable name' }],
  ];
  it.each(refused)("refuses %s", (_name, text, expected) => {
    expect(dotenvError(text)).toEqual(expected);
  });
});

describe("rawEnvError (docker/cli kvfile, the raw format)", () => {
  it.each([
    ["values taken as they are", 'A="unterminated\nB=${C\n'],
    ["blank lines, comments and lone names", "\n  # c\nNAME\n\tA=1"],
    ["a BOM and CRLF", "\uFEFFA=1\r\n"],
  ])("accepts %s", (_name, text) => {
    expect(rawEnvError(text)).toBeUndefined();
  });

  it.each([
    ["a line starting with `=`", "A=1\n  =x\n", { line: 2, kind: "noName", reason: "no variable name on line" }],
    ["a blank in the name", "MY VAR=1\n", { line: 1, kind: "space", reason: "variable 'MY VAR' contains whitespaces" }],
    ["`export`, which only the .env format reads", "A=1\nexport D=1\n", { line: 2, kind: "space", reason: "variable 'export D' contains whitespaces" }],
    ["a lone name with a tab", "A=1\nB\tC\n", { line: 2, kind: "space", reason: "variable contains whitespaces" }],
    ["a line of 64 KiB", `A=${"x".repeat(65534)}\n`, { line: 1, kind: "long", reason: "bufio.Scanner: token too long" }],
  ])("refuses %s", (_name, text, expected) => {
    expect(rawEnvError(text)).toEqual(expected);
  });
});

describe("an env file's text in the reasons", () => {
  // Env files hold secrets, and lint reports end up in CI logs: no reason repeats a value or a line.
  const SECRET = "hunter2-s3cr3t";
  it.each([
    ["an unclosed quote", `PASSWORD="${SECRET}\n`, dotenvError],
    ["a bad template", `PASSWORD=${SECRET}\${X\n`, dotenvError],
    ["a bad character in a name, with a value after it", `DB/PASSWORD=${SECRET}\n`, dotenvError],
    ["a secret pasted as a line, with a bad character", `${SECRET}/x\n`, dotenvError],
    ["a raw line without a name", `=${SECRET}\n`, rawEnvError],
    ["a raw line of words without =", `token ${SECRET}\n`, rawEnvError],
  ])("%s", (_name, text, read) => {
    const error = read(text);
    expect(error).toBeDefined();
    expect(error?.reason).not.toContain(SECRET);
  });
});
