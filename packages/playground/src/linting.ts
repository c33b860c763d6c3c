import { detectKind, lintText, type FileKind, type LintMessage, type LintResult } from "@docklint/core";
import type { Text } from "@codemirror/state";
import { toCoreConfig } from "./config.js";
import type { KindChoice, PlaygroundConfig } from "./state.js";

/** The file name each kind is linted under, so rules that read the name see a usual one. */
export const FILE_NAMES: Record<FileKind, string> = { dockerfile: "Dockerfile", compose: "compose.yaml", daemon: "daemon.json" };
export const KIND_LABELS: Record<FileKind, string> = { dockerfile: "Dockerfile", compose: "Compose", daemon: "daemon.json" };

const loading = new Map<FileKind, Promise<unknown>>();

/**
 * Loads the parser of a kind the first time it is needed, as the CLI does: a Dockerfile-only
 * visit never downloads the YAML parser, the Compose schema or the JSON parser.
 */
export function loadKind(kind: FileKind): Promise<unknown> {
  let pending = loading.get(kind);
  if (!pending) {
    pending = kind === "compose" ? import("@docklint/core/compose") : kind === "daemon" ? import("@docklint/core/daemon") : Promise.resolve();
    loading.set(kind, pending);
  }
  return pending;
}

export function effectiveKind(choice: KindChoice, text: string): FileKind | undefined {
  return choice === "auto" ? detectKind(undefined, text) : choice;
}

export interface Linted {
  kind: FileKind | undefined;
  result: LintResult;
}

export async function lint(text: string, choice: KindChoice, config: PlaygroundConfig): Promise<Linted> {
  const kind = effectiveKind(choice, text);
  if (kind) await loadKind(kind);
  const result = lintText(text, { kind, filePath: kind ? FILE_NAMES[kind] : "<text>", config: toCoreConfig(config) });
  return { kind, result };
}

export async function fixAll(text: string, choice: KindChoice, config: PlaygroundConfig): Promise<string> {
  const kind = effectiveKind(choice, text);
  if (!kind) return text;
  await loadKind(kind);
  return lintText(text, { kind, filePath: FILE_NAMES[kind], config: toCoreConfig(config), fix: true }).output ?? text;
}

/** Offsets in the editor's document of a finding's 1-based line/column range (end exclusive). */
export function messageRange(doc: Text, message: LintMessage): { from: number; to: number } {
  const at = (line: number, column: number): number => {
    const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
    return Math.min(l.from + Math.max(column, 1) - 1, l.to);
  };
  const from = at(message.line, message.column);
  const to = message.endLine === undefined ? from : at(message.endLine, message.endColumn ?? 1);
  return { from, to: Math.max(from, to) };
}
