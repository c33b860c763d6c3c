import { describe, expect, it } from "vitest";
import type { Environment, Part } from "./interpolation.js";
import { evaluate, MAX_INTERPOLATION_NESTING, parseInterpolation } from "./interpolation.js";

const vars: Record<string, string> = { TAG: "1.25", EMPTY: "", NAME: "nginx", ÉTÉ: "x", B: "bee" };
const env: Environment = (name) => vars[name];

describe("evaluate with an environment", () => {
  it.each([
    // [title, input, value, unknown, required]
    ["plain text", "nginx:1", "nginx:1", [], []],
    ["empty string", "", "", [], []],
    ["$VAR", "nginx:$TAG", "nginx:1.25", [], []],
    ["$VAR stops at a non-name character", "$NAME-$TAG.x", "nginx-1.25.x", [], []],
    ["${VAR}", "${NAME}:${TAG}", "nginx:1.25", [], []],
    ["unset $VAR is blank and unknown", "app:$VERSION", "app:", ["VERSION"], []],
    ["unset ${VAR} is blank and unknown", "app:${VERSION}", "app:", ["VERSION"], []],
    ["unknown names are deduplicated", "${X}${X}$X", "", ["X"], []],
    ["names are case-sensitive", "${tag}", "", ["tag"], []],
    // :- and -
    [":- with a value", "${TAG:-latest}", "1.25", [], []],
    [":- unset", "${NOPE:-latest}", "latest", [], []],
    [":- empty", "${EMPTY:-latest}", "latest", [], []],
    ["- unset", "${NOPE-latest}", "latest", [], []],
    ["- empty keeps empty", "x${EMPTY-latest}", "x", [], []],
    ["- with a value", "${TAG-latest}", "1.25", [], []],
    ["empty default", "a${NOPE:-}b", "ab", [], []],
    ["default with spaces and colons", "${NOPE:-a b:c}", "a b:c", [], []],
    // :? and ?
    [":? with a value", "${TAG:?need tag}", "1.25", [], []],
    [":? unset is required", "v${NOPE:?need it}", "v", [], ["NOPE"]],
    [":? empty is required", "${EMPTY:?need it}", "", [], ["EMPTY"]],
    ["? empty is fine", "x${EMPTY?need it}", "x", [], []],
    ["? unset is required", "${NOPE?}", "", [], ["NOPE"]],
    // :+ and +
    [":+ with a value", "${TAG:+yes}", "yes", [], []],
    [":+ empty", "a${EMPTY:+yes}b", "ab", [], []],
    [":+ unset", "a${NOPE:+yes}b", "ab", [], []],
    ["+ empty", "${EMPTY+yes}", "yes", [], []],
    ["+ unset", "a${NOPE+yes}b", "ab", [], []],
    // $$
    ["$$ is a literal dollar", "$$TAG", "$TAG", [], []],
    ["$$ before a brace", "$${TAG}", "${TAG}", [], []],
    ["$$$VAR", "$$$TAG", "$1.25", [], []],
    ["$$ in a default", "${NOPE:-$$5}", "$5", [], []],
    ["$${…} in a default closes where compose-go does", "${NOPE:-$${B}}", "${B}", [], []],
    // nesting
    ["nested default", "${NOPE:-${TAG}}", "1.25", [], []],
    ["nested default of a default", "${A:-${B2:-c}}", "c", [], []],
    ["nested default used when outer unset", "${NOPE:-${B:-c}}", "bee", [], []],
    ["unused nested default adds no unknown", "${TAG:-${NOPE}}", "1.25", [], []],
    ["used nested default reports its unknown", "${NOPE:-${ALSO}}", "", ["ALSO"], []],
    ["nested required", "${NOPE:-${R:?set R}}", "", [], ["R"]],
    ["nested alternative", "${TAG:+v${TAG}}", "v1.25", [], []],
    ["text after a nested expression", "${NOPE:-a${B}c}d", "abeecd", [], []],
    ["plain braces in a default", "${NOPE:-{x}", "{x", [], []],
    // unicode
    ["unicode literal text", "café:${TAG}🐳", "café:1.25🐳", [], []],
    ["unicode in a default", "${NOPE:-日本}", "日本", [], []],
  ])("%s", (_title, input, value, unknown, required) => {
    expect(evaluate(input, env)).toEqual({ value, unknown, required });
  });
});

describe("evaluate with the default empty environment", () => {
  it.each([
    ["nginx:${TAG:-latest}", "nginx:latest", [], []],
    ["nginx:${TAG}", "nginx:", ["TAG"], []],
    ["nginx:${TAG:?set it}", "nginx:", [], ["TAG"]],
    ["${PORT:-8080}:80", "8080:80", [], []],
  ])("%s", (input, value, unknown, required) => {
    expect(evaluate(input)).toEqual({ value, unknown, required });
  });

  it("reports variables with fallbacks as unknown when defaults are not wanted", () => {
    expect(evaluate("${A:-x}${B-y}${C:+z}${D+w}${E:?e}", undefined, { useDefaults: false })).toEqual({
      value: "",
      unknown: ["A", "B", "C", "D"],
      required: ["E"],
    });
  });

  it("keeps malformed expressions verbatim", () => {
    expect(evaluate("a${VAR:x}b${TAG:-1}")).toEqual({ value: "a${VAR:x}b1", unknown: [], required: [] });
  });
});

describe("parseInterpolation structure", () => {
  it("gives offsets for literals and variables", () => {
    expect(parseInterpolation("a$B${C}$$d").parts).toEqual<Part[]>([
      { kind: "literal", text: "a", start: 0, end: 1 },
      { kind: "variable", name: "B", braced: false, operator: undefined, argument: [], start: 1, end: 3, nameStart: 2, nameEnd: 3 },
      { kind: "variable", name: "C", braced: true, operator: undefined, argument: [], start: 3, end: 7, nameStart: 5, nameEnd: 6 },
      { kind: "literal", text: "$d", start: 7, end: 10 },
    ]);
  });

  it("nests argument parts with offsets into the whole string", () => {
    const { parts, problems } = parseInterpolation("x${A:-${B:-c}}");
    expect(problems).toEqual([]);
    expect(parts).toEqual<Part[]>([
      { kind: "literal", text: "x", start: 0, end: 1 },
      {
        kind: "variable",
        name: "A",
        braced: true,
        operator: ":-",
        start: 1,
        end: 14,
        nameStart: 3,
        nameEnd: 4,
        argument: [
          {
            kind: "variable",
            name: "B",
            braced: true,
            operator: ":-",
            start: 6,
            end: 13,
            nameStart: 8,
            nameEnd: 9,
            argument: [{ kind: "literal", text: "c", start: 11, end: 12 }],
          },
        ],
      },
    ]);
  });

  it.each([":-", "-", ":?", "?", ":+", "+"])("recognises the %s operator", (op) => {
    const { parts, problems } = parseInterpolation(`\${V${op}w}`);
    expect(problems).toEqual([]);
    expect(parts).toMatchObject([{ kind: "variable", name: "V", operator: op, argument: [{ kind: "literal", text: "w" }] }]);
  });

  it("accepts underscores and digits in names, ASCII only", () => {
    expect(parseInterpolation("${_a1_B2}").parts).toMatchObject([{ name: "_a1_B2" }]);
    expect(parseInterpolation("$ÉTÉ").parts).toEqual([{ kind: "literal", text: "$ÉTÉ", start: 0, end: 4 }]);
  });
});

describe("malformed expressions", () => {
  it.each([
    // [title, input, [start, end, message fragment][]]
    ["${ at the end", "ab${", [[2, 4, "not followed by a variable name"]]],
    ["${VAR never closed", "${VAR", [[0, 5, "never closed"]]],
    ["${VAR:-x never closed", "a ${VAR:-x", [[2, 10, "never closed"]]],
    ["${VAR:x}", "p ${VAR:x} q", [[2, 10, 'Unexpected ":" after `${VAR`']]],
    ["${VAR x}", "${VAR x}", [[0, 8, 'Unexpected " "']]],
    ["${ }", "${ }", [[0, 4, "Expected a variable name"]]],
    ["${}", "${}", [[0, 3, "Expected a variable name"]]],
    ["${1}", "${1}", [[0, 4, "Expected a variable name"]]],
    ["unicode name", "${é}", [[0, 4, "Expected a variable name"]]],
    ["offsets count UTF-16 units", "🐳${ }", [[2, 6, "Expected a variable name"]]],
    // compose-go v2 keeps a `$` that starts no name and no `{` as literal text.
    ["lone $", "cost $ 5", []],
    ["trailing $", "a$", []],
    ["$1", "echo $1", []],
    ["$( … )", "echo $(date)", []],
    ["regex anchor", "HostRegexp(`^.+$`)", []],
    ["$}", "$}", []],
    ["malformed inside a default", "${A:-${ }}", [[5, 9, "Expected a variable name"]]],
    ["lone $ inside a default", "${A:-$}", []],
    ["every problem is reported", "${ } $ ${X:y} ${", [
      [0, 4, "Expected a variable name"],
      [7, 13, "Unexpected"],
      [14, 16, "not followed by a variable name"],
    ]],
    ["nested malformed braces pair like compose-go", "${ ${A} }x", [[0, 9, "Expected a variable name"]]],
  ] as [string, string, [number, number, string][]][])("%s", (_title, input, expected) => {
    const { problems } = parseInterpolation(input);
    expect(problems.map((p) => [p.start, p.end])).toEqual(expected.map(([s, e]) => [s, e]));
    problems.forEach((p, i) => expect(p.message).toContain(expected[i]?.[2]));
  });

  it("keeps a malformed expression as literal text, merged with its neighbours", () => {
    expect(parseInterpolation("a${ }b$C").parts).toEqual([
      { kind: "literal", text: "a${ }b", start: 0, end: 6 },
      { kind: "variable", name: "C", braced: false, operator: undefined, argument: [], start: 6, end: 8, nameStart: 7, nameEnd: 8 },
    ]);
  });
});

describe("adversarial input", () => {
  it("handles 100 KB of unclosed `${` as one problem", () => {
    const text = "${".repeat(50_000);
    const { parts, problems } = parseInterpolation(text);
    expect(problems).toEqual([{ message: expect.stringContaining("Expected a variable name"), start: 0, end: text.length }]);
    expect(parts).toEqual([{ kind: "literal", text, start: 0, end: text.length }]);
    expect(evaluate(text).value).toBe(text);
  });

  it("bounds nesting depth of balanced defaults", () => {
    const depth = 10_000;
    const text = "${A:-".repeat(depth) + "x" + "}".repeat(depth);
    const { parts, problems } = parseInterpolation(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ message: expect.stringContaining("nested more than"), start: 5 * MAX_INTERPOLATION_NESTING });
    expect(problems[0]?.end).toBe(text.length - MAX_INTERPOLATION_NESTING);
    expect(parts).toHaveLength(1);
    expect(evaluate(text).value.startsWith("${A:-")).toBe(true);
  });

  it("handles 100 KB of unclosed defaults", () => {
    const text = "${A:-".repeat(20_000);
    const { parts, problems } = parseInterpolation(text);
    // One problem for the level past the nesting bound, one "never closed" per enclosing level.
    expect(problems).toHaveLength(MAX_INTERPOLATION_NESTING + 1);
    expect(parts).toEqual([{ kind: "literal", text, start: 0, end: text.length }]);
  });

  it("handles 100 KB of `$` and `$$`", () => {
    expect(parseInterpolation("$".repeat(100_000)).problems).toEqual([]);
    expect(evaluate("$".repeat(100_000)).value).toBe("$".repeat(50_000));
    // An odd count leaves one literal `$` at the end, which compose-go keeps as text.
    expect(parseInterpolation("$".repeat(100_001)).problems).toEqual([]);
    expect(evaluate("$".repeat(100_001)).value).toBe("$".repeat(50_001));
  });
});
