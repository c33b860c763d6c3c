import { describe, expect, it } from "vitest";
import { shellwords } from "./shellwords.js";

describe("shellwords", () => {
  // go-shellwords 1.0.13's own table (shellwords_test.go, TestSimple).
  it.each([
    ["", []],
    ['""', [""]],
    ["''", [""]],
    ["var --bar=baz", ["var", "--bar=baz"]],
    ['var --bar="baz"', ["var", "--bar=baz"]],
    ['var "--bar=baz"', ["var", "--bar=baz"]],
    ["var \"--bar='baz'\"", ["var", "--bar='baz'"]],
    ["var --bar=`baz`", ["var", "--bar=`baz`"]],
    ['var "--bar=\\"baz\'"', ["var", "--bar=\"baz'"]],
    ["var \"--bar=\\'baz\\'\"", ["var", "--bar='baz'"]],
    ["var --bar='\\'", ["var", "--bar=\\"]],
    ['var "--bar baz"', ["var", "--bar baz"]],
    ['var --"bar baz"', ["var", "--bar baz"]],
    ['var  --"bar baz"', ["var", "--bar baz"]],
    ['a " b "', ["a", " b "]],
    ["a '   '", ["a", "   "]],
    ["foo bar\\  ", ["foo", "bar "]],
    ["foo \"\" bar ''", ["foo", "", "bar", ""]],
    ["foo \\\\", ["foo", "\\"]],
    ["foo \\& bar", ["foo", "&", "bar"]],
    ["sh -c \"printf 'Hello\\tworld\\n'\"", ["sh", "-c", "printf 'Hello\tworld\n'"]],
    // The line ends at an operator outside quotes; what follows is dropped, even an open quote.
    ["sh -c 'a' && echo \"b", ["sh", "-c", "a"]],
    ["cmd 2>/dev/null", ["cmd"]],
    ["echo $(date) done", ["echo", "$(date)", "done"]],
  ])("splits %j", (line, args) => {
    expect(shellwords(line)).toEqual({ args });
  });

  it("reads \\t as t before 1.0.13", () => {
    expect(shellwords("a\\tb", "1.0.12")).toEqual({ args: ["atb"] });
  });

  it.each([
    ["foo '", "single-quote"],
    ['foo "', "double-quote"],
    ["foo `", "backquote"],
    ["foo \\", "backslash"],
    ["echo $(date", "subshell"],
    ["sh -c (echo)", "open-paren"],
    ["echo )", "close-paren"],
  ])("refuses %j (%s)", (line, problem) => {
    expect(shellwords(line)).toEqual({ problem });
  });

  it("a `)` that closes no `$(`: refused at once by 1.0.13, by 1.0.12 only when the count is odd", () => {
    expect(shellwords("echo ) )", "1.0.13")).toEqual({ problem: "close-paren" });
    expect(shellwords("echo ) )", "1.0.12")).toEqual({ args: ["echo", ") )"] });
    expect(shellwords("echo )", "1.0.12")).toEqual({ problem: "subshell" });
  });
});
