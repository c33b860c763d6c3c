import { describe, expect, it } from "vitest";
import type { Instruction } from "./model.js";
import { parseDockerfile } from "./parse.js";
import { lastBefore, lastInherited, lastInStageBefore, lastTriggerInStageBefore, namedContextMatcher, stageWithTriggers, withTriggers } from "./queries.js";

const text = [
  "FROM alpine AS base", // line 1
  "USER app", // 2
  "WORKDIR /base", // 3
  "FROM base AS child", // 4
  "COPY a b", // 5
  "ONBUILD WORKDIR /later", // 6
  "ONBUILD COPY c d", // 7
  "USER root", // 8
  "ONBUILD COPY e f", // 9
  "WORKDIR /child", // 10
  "RUN true", // 11
  "",
].join("\n");
const model = parseDockerfile(text);

function at(line: number): Instruction {
  const instruction = model.instructions.find((i) => i.line === line);
  if (!instruction) throw new Error(`no instruction on line ${line}`);
  return instruction;
}

const trigger = (line: number): Instruction => {
  const found = at(line).trigger;
  if (!found) throw new Error(`no ONBUILD trigger on line ${line}`);
  return found;
};

describe("per-stage lookups", () => {
  it.each([
    { name: "COPY before any USER of its stage", instruction: () => at(5), keyword: "USER", expected: undefined },
    { name: "RUN after USER root", instruction: () => at(11), keyword: "USER", expected: 8 },
    { name: "a trigger sits where its ONBUILD does", instruction: () => trigger(9), keyword: "USER", expected: 8 },
    { name: "a trigger before the USER", instruction: () => trigger(7), keyword: "USER", expected: undefined },
    { name: "the FROM is not in its stage", instruction: () => at(4), keyword: "USER", expected: undefined },
  ])("lastInStageBefore: $name", ({ instruction, keyword, expected }) => {
    expect(lastInStageBefore(instruction(), keyword)?.line).toBe(expected);
  });

  it.each([
    { name: "a trigger after ONBUILD WORKDIR", instruction: () => trigger(7), expected: 6 },
    { name: "a trigger before it", instruction: () => trigger(6), expected: undefined },
    { name: "a plain instruction after it", instruction: () => at(11), expected: 6 },
    { name: "a plain WORKDIR is no trigger", instruction: () => at(5), expected: undefined },
  ])("lastTriggerInStageBefore: $name", ({ instruction, expected }) => {
    expect(lastTriggerInStageBefore(instruction(), "WORKDIR")?.line).toBe(expected);
  });

  it("lastBefore looks through the parent stage, lastInStageBefore does not", () => {
    expect(lastBefore(at(5), "WORKDIR")?.line).toBe(3);
    expect(lastInStageBefore(at(5), "WORKDIR")).toBeUndefined();
  });

  it("lastInherited gives the last one of the stage, else of the stages it builds on", () => {
    const [base, child] = model.stages;
    expect(child && lastInherited(child, "WORKDIR")?.line).toBe(10);
    expect(child && lastInherited(child, "USER")?.line).toBe(8);
    expect(base && lastInherited(base, "WORKDIR")?.line).toBe(3);
    expect(child && lastInherited(child, "HEALTHCHECK")).toBeUndefined();
  });
});

describe("variable lookups along a long stage", () => {
  // Scopes keep earlier answers: lookups in any order must agree with the declarations above.
  const lines = ["FROM alpine", "ARG V=arg", "ARG W=first"];
  for (let i = 0; i < 40; i++) {
    lines.push(`ENV E${i}=${i}`);
    if (i === 10) lines.push("ARG W=second");
    if (i === 20) lines.push("ENV V=env");
    if (i === 30) lines.push("ARG V=later-arg");
  }
  const source = lines.join("\n") + "\n";

  /** The value in force at a line, declared above it: the last ENV of the name, else its last ARG. */
  function declaredAbove(name: string, line: number): string | undefined {
    let env: string | undefined;
    let arg: string | undefined;
    for (const written of lines.slice(0, line - 1)) {
      const match = /^(ENV|ARG) (\w+)=(.*)$/.exec(written);
      if (match?.[2] !== name) continue;
      if (match[1] === "ENV") env = match[3];
      else arg = match[3];
    }
    return env ?? arg;
  }

  it.each([
    { order: "file order", arrange: (list: Instruction[]) => list },
    { order: "reverse order", arrange: (list: Instruction[]) => [...list].reverse() },
    { order: "middle out", arrange: (list: Instruction[]) => [...list.slice(20), ...list.slice(0, 20).reverse()] },
  ])("an ENV shadows every ARG of its name, whatever the order of lookups ($order)", ({ arrange }) => {
    const instructions = parseDockerfile(source).instructions.filter((i) => i.keyword === "ENV" || i.keyword === "ARG");
    expect(instructions).toHaveLength(45);
    for (const instruction of arrange(instructions)) {
      for (const name of ["V", "W", "E3", "E39", "MISSING"]) {
        expect(instruction.scope.lookup(name), `${name} on line ${instruction.line}`).toBe(declaredAbove(name, instruction.line));
      }
    }
  });
});

describe("instruction lists with their triggers", () => {
  it("gives each stage's instructions with every ONBUILD trigger after its ONBUILD", () => {
    const model = parseDockerfile("FROM alpine AS base\nONBUILD RUN echo child\nRUN echo parent\nFROM base\nRUN echo two\n");
    const [base, child] = model.stages;
    if (!base || !child) throw new Error("two stages should parse");
    expect(stageWithTriggers(base).map((i) => (i.onbuild ? `trigger ${i.keyword}` : i.keyword))).toEqual(["ONBUILD", "trigger RUN", "RUN"]);
    expect(stageWithTriggers(child).map((i) => i.keyword)).toEqual(["RUN"]);
  });

  it("keeps the model's list while the lists of many stages are asked for", () => {
    const text = Array.from({ length: 40 }, (_, i) => `FROM alpine AS s${i}\nRUN echo ${i}\n`).join("");
    const model = parseDockerfile(text);
    const whole = withTriggers(model.instructions);
    for (const stage of model.stages) expect(stageWithTriggers(stage)).toBe(stageWithTriggers(stage));
    expect(withTriggers(model.instructions)).toBe(whole);
  });
});

describe("named build contexts", () => {
  it("matches a name as BuildKit looks it up: a normalized reference without `:latest`", () => {
    const isNamed = namedContextMatcher({ buildContexts: ["base", "alpine:3.20", "ghcr.io/acme/tools"] }, ["docs"]);
    for (const name of ["base", "base:latest", "docker.io/library/base", "docker.io/library/base:latest", "alpine:3.20", "docker.io/library/alpine:3.20", "ghcr.io/acme/tools:latest", "docs", " base "]) {
      expect(isNamed(name), name).toBe(true);
    }
    for (const name of ["base:1", "alpine", "alpine:3.21", "ghcr.io/acme/tools:2", "acme/base", "${BASE}", ""]) expect(isNamed(name), name).toBe(false);
  });

  it("matches nothing without names, and ignores values that are not names", () => {
    expect(namedContextMatcher({})("base")).toBe(false);
    expect(namedContextMatcher({ buildContexts: ["", "  "] })("")).toBe(false);
    expect(namedContextMatcher({ buildContexts: [42, null] as unknown as string[] })("42")).toBe(false);
  });
});
