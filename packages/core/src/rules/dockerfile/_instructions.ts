/**
 * Dockerfile instruction keywords, for rules that tell a real instruction from a typo.
 *
 * NOTE: this file was re-created from its callers (no-unknown-instruction, require-from-first)
 * after it was accidentally overwritten; its author should check it against the original.
 */
import type { Instruction } from "../../dockerfile/model.js";
import { nearest } from "../../util/edit-distance.js";

/** Every instruction keyword BuildKit dispatches (upper case). */
export const INSTRUCTIONS: readonly string[] = [
  "ADD",
  "ARG",
  "CMD",
  "COPY",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "FROM",
  "HEALTHCHECK",
  "LABEL",
  "MAINTAINER",
  "ONBUILD",
  "RUN",
  "SHELL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
];

const KNOWN: ReadonlySet<string> = new Set(INSTRUCTIONS);

/** Whether an (upper-cased) keyword is a Dockerfile instruction. */
export function isKnownInstruction(keyword: string): boolean {
  return KNOWN.has(keyword.toUpperCase());
}

/** The instruction a misspelt keyword most likely means (`FORM` → `FROM`), upper case. */
export function intendedKeyword(word: string): string | undefined {
  if (isKnownInstruction(word)) return undefined;
  return nearest(word.toUpperCase(), INSTRUCTIONS);
}

/** An unknown keyword that is a typo of FROM: where the author meant a stage to start. */
export function isMisspeltFrom(instruction: Instruction): boolean {
  return !isKnownInstruction(instruction.keyword) && intendedKeyword(instruction.keywordText) === "FROM";
}
