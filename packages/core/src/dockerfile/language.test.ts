import { describe, expect, it } from "vitest";
import { dockerfileLanguage } from "./language.js";
import type { DockerfileModel, Instruction } from "./model.js";

describe("the Dockerfile language's analyse (run before the rules when a lint is timed)", () => {
  it("asks for the shell analysis of every RUN, ONBUILD triggers included, and of nothing else", () => {
    const parsed = dockerfileLanguage.parse("FROM alpine\nRUN apk add curl\nCMD run\nONBUILD RUN make\nONBUILD COPY . /\nRUN <<EOF\necho hi\nEOF\n");
    if (!parsed.ok) throw new Error("no model");
    const model: DockerfileModel = parsed.model;
    const asked: Instruction[] = [];
    const shellOf = model.shellOf.bind(model);
    model.shellOf = (run) => {
      asked.push(run);
      return shellOf(run);
    };
    dockerfileLanguage.analyse?.(model);
    expect(asked.map((run) => [run.line, run.keyword, run.onbuild !== undefined])).toEqual([
      [2, "RUN", false],
      [4, "RUN", true],
      [6, "RUN", false],
    ]);
  });
});
