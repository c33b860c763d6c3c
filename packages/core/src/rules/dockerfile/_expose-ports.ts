/**
 * EXPOSE words as BuildKit reads them (dockerfile2llb/convert_expose.go): after variable
 * expansion and quote removal a word may hold several ports; each is `[ip:][hostPort:]port[/proto]`.
 */
import type { Instruction, Located } from "../../dockerfile/model.js";
import { unquote } from "../../dockerfile/parse.js";
import type { SourceText } from "../../source.js";

export interface ExposeItem {
  /** The port spec after expansion: `127.0.0.1:80:80/tcp`. */
  text: string;
  /** The word it comes from. */
  arg: Located;
  /** The word is written literally (no variable, no quote) and `text` is exactly the file text of `arg.range`. */
  literal: boolean;
  ip: string;
  hostPort: string;
  /** `80`, `8000-8010`. */
  port: string;
  /** As written, "" when absent. */
  protocol: string;
  /** Offset of the protocol in `text`, -1 when absent. */
  protocolOffset: number;
}

/** BuildKit's splitParts + splitProtoPort. */
export function splitPortSpec(text: string): Omit<ExposeItem, "arg" | "literal" | "text"> {
  const parts = text.split(":");
  const n = parts.length;
  const ip = n >= 3 ? parts.slice(0, n - 2).join(":") : "";
  const hostPort = n >= 2 ? (parts[n - 2] ?? "") : "";
  const container = parts[n - 1] ?? "";
  const slash = container.indexOf("/");
  const containerStart = text.length - container.length;
  return {
    ip,
    hostPort,
    port: slash < 0 ? container : container.slice(0, slash),
    protocol: slash < 0 ? "" : container.slice(slash + 1),
    protocolOffset: slash < 0 ? -1 : containerStart + slash + 1,
  };
}

/**
 * The ports of one EXPOSE (or ONBUILD EXPOSE). A word whose variables the scope cannot resolve is
 * left out: its value is the builder's to give. Triggers expand in the child build: their words
 * are only taken when they hold no variable.
 */
export function exposeItems(instruction: Instruction, source: SourceText): ExposeItem[] {
  const items: ExposeItem[] = [];
  for (const arg of instruction.args) {
    const hasVariable = arg.value.includes("$");
    if (hasVariable && instruction.onbuild) continue;
    const expansion = hasVariable ? instruction.scope.expand(arg.value) : { value: arg.value, unresolved: [] };
    if (expansion.unresolved.length > 0) continue;
    const literal = !hasVariable && !/["'\\`]/.test(arg.value) && source.slice(arg.range) === arg.value;
    for (const text of unquote(expansion.value).split(/\s+/)) {
      if (text === "") continue;
      items.push({ text, arg, literal, ...splitPortSpec(text) });
    }
  }
  return items;
}
