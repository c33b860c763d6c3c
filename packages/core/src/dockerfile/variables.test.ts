import { describe, expect, it } from "vitest";
import { parseDockerfile } from "./parse.js";
import { expandVariables, Scope } from "./variables.js";

const vars: Record<string, string | null> = { TAG: "1.25", EMPTY: "", UNSET_ARG: null, NAME: "nginx" };
const lookup = (name: string) => vars[name];

describe("expandVariables", () => {
  it.each([
    ["plain text", "nginx:1", "nginx:1", []],
    ["$X", "nginx:$TAG", "nginx:1.25", []],
    ["${X}", "${NAME}:${TAG}", "nginx:1.25", []],
    ["unknown stays as written", "app:${VERSION}", "app:${VERSION}", ["VERSION"]],
    ["${X:-d} with a value", "${TAG:-latest}", "1.25", []],
    ["${X:-d} unset", "${NOPE:-latest}", "latest", []],
    ["${X:-d} empty", "${EMPTY:-latest}", "latest", []],
    ["${X-d} empty keeps empty", "x${EMPTY-latest}", "x", []],
    ["${X:-d} valueless ARG uses the default", "${UNSET_ARG:-latest}", "latest", []],
    ["${X:+a} set", "${TAG:+yes}", "yes", []],
    ["${X:+a} unset", "a${NOPE:+yes}b", "ab", []],
    ["${X:?e} set", "${TAG:?need tag}", "1.25", []],
    ["${X:?e} unset is unresolved", "${NOPE:?need it}", "${NOPE:?need it}", ["NOPE"]],
    ["nested default", "${NOPE:-${TAG}}", "1.25", []],
    ["escaped dollar", "\\$TAG", "$TAG", []],
    ["valueless ARG is unresolved", "v$UNSET_ARG", "v$UNSET_ARG", ["UNSET_ARG"]],
    ["lone dollar", "cost $ 5", "cost $ 5", []],
    ["unterminated brace", "${TAG", "${TAG", []],
  ])("%s", (_name, input, value, unresolved) => {
    expect(expandVariables(input, lookup)).toEqual({ value, unresolved });
  });

  it("treats valueless ARGs as empty when asked, as a plain build does", () => {
    expect(expandVariables("busybox:${UNSET_ARG}", lookup, "\\", { missingAsEmpty: true }).value).toBe("busybox:");
  });

  it("honours a backtick escape character", () => {
    expect(expandVariables("`$TAG", lookup, "`").value).toBe("$TAG");
  });

  it("expands 64 levels of nested defaults and leaves a deeper one as written, its name unresolved", () => {
    const nested = (depth: number): string => `${"${NOPE:-".repeat(depth)}x${"}".repeat(depth)}`;
    expect(expandVariables(nested(64), lookup)).toEqual({ value: "x", unresolved: [] });
    const deep = expandVariables(nested(10_000), lookup);
    expect(deep.value).toBe(`${"${NOPE:-".repeat(9_936)}x${"}".repeat(9_936)}`);
    expect(deep.unresolved).toEqual(["NOPE"]);
  });

  it("leaves a text as written when its values would add more than a MiB", () => {
    const big: Record<string, string> = { BIG: "x".repeat(600_000) };
    expect(expandVariables("$BIG", (name) => big[name]).value).toHaveLength(600_000);
    expect(expandVariables("a$BIG${BIG}", (name) => big[name])).toEqual({ value: "a$BIG${BIG}", unresolved: ["BIG"] });
    expect(expandVariables("$BIG$BIG", (name) => big[name])).toEqual({ value: "$BIG$BIG", unresolved: ["BIG"] });
  });
});

describe("Scope, for names no binding has", () => {
  it("answers from the names any binding of its tree declared, and walks the chain only for those", () => {
    const base = new Scope("\\").with("A", "1", "ARG", undefined);
    const left = base.with("B", "2", "ENV", undefined);
    const right = base.with("C", "3", "ARG", undefined);
    expect(left.lookup("C")).toBeUndefined();
    expect(right.lookup("B")).toBeUndefined();
    expect(right.lookup("A")).toBe("1");
    expect(left.lookup("MISSING")).toBeUndefined();
  });
});

describe("Scope", () => {
  it("lets ENV shadow ARG of the same name regardless of order", () => {
    const scope = new Scope("\\").with("X", "env", "ENV", undefined).with("X", "arg", "ARG", undefined);
    expect(scope.lookup("X")).toBe("env");
    expect(scope.origin("X")?.kind).toBe("ENV");
  });
  it("keeps earlier scopes unchanged", () => {
    const before = new Scope("\\").with("A", "1", "ARG", undefined);
    const after = before.with("A", "2", "ARG", undefined);
    expect(before.lookup("A")).toBe("1");
    expect(after.lookup("A")).toBe("2");
    expect(after.envBindings()).toEqual([]);
  });
});

describe("a value that holds an unresolved variable", () => {
  it("passes it on to every use of the name, through ENV and ARG", () => {
    const model = parseDockerfile("ARG SOURCES\nFROM debian:12\nARG SOURCES\nENV DIR=${SOURCES:+/src} OUT=/opt\nARG NEXT=$DIR/x\nENV LAST=$NEXT\nRUN true\n");
    const scope = model.instructions.at(-1)?.scope;
    expect(scope?.expand("$DIR/")).toEqual({ value: "${SOURCES:+/src}/", unresolved: ["SOURCES"] });
    expect(scope?.expand("$LAST:$OUT")).toEqual({ value: "${SOURCES:+/src}/x:/opt", unresolved: ["SOURCES"] });
    expect(scope?.expand("$OUT")).toEqual({ value: "/opt", unresolved: [] });
  });

  it("passes on a global ARG's through the stage's bare ARG", () => {
    const model = parseDockerfile("ARG V\nARG IMAGE=app:${V}\nFROM alpine:3.20\nARG IMAGE\nRUN true\n");
    expect(model.instructions.at(-1)?.scope.expand("$IMAGE")).toEqual({ value: "app:${V}", unresolved: ["V"] });
  });
});
