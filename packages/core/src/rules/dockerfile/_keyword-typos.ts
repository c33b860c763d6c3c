/**
 * Shared by no-unknown-instruction and require-from-first: which keywords the Dockerfile
 * frontend knows (BuildKit `parser.go` dispatch table; any other keyword fails the build with
 * "unknown instruction"), and which known keyword an unknown one is a misspelling of.
 */
import type { Instruction } from "../../dockerfile/model.js";
import { nearest } from "../../util/suggest-name.js";

/** Every instruction keyword, in the order of the Dockerfile reference, so that ties go to the more common instruction. */
export const DOCKERFILE_KEYWORDS: readonly string[] = [
  "FROM",
  "RUN",
  "CMD",
  "COPY",
  "ADD",
  "ENV",
  "ARG",
  "WORKDIR",
  "USER",
  "EXPOSE",
  "LABEL",
  "ENTRYPOINT",
  "VOLUME",
  "HEALTHCHECK",
  "SHELL",
  "STOPSIGNAL",
  "ONBUILD",
  "MAINTAINER",
];

const KNOWN: ReadonlySet<string> = new Set(DOCKERFILE_KEYWORDS);

export function isKnownInstruction(keyword: string): boolean {
  return KNOWN.has(keyword.toUpperCase());
}

/** The keyword an unknown one is most likely a misspelling of (`FORM` → `FROM`), upper-case. */
export function intendedKeyword(keyword: string): string | undefined {
  if (!/^[A-Z]+$/i.test(keyword)) return undefined;
  return nearest(keyword, DOCKERFILE_KEYWORDS);
}

/** An unknown instruction that is most likely a misspelt FROM: it is where a stage was meant to start. */
export function isMisspeltFrom(instruction: Instruction): boolean {
  return !isKnownInstruction(instruction.keyword) && intendedKeyword(instruction.keyword) === "FROM";
}
