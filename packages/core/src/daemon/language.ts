import type { Language } from "../language.js";
import type { DaemonModel, JsonMember } from "./model.js";
import { parseDaemon } from "./parse.js";

/** Every member of every object, in file order: the statements of a JSON file. */
function members(model: DaemonModel): JsonMember[] {
  const out: JsonMember[] = [];
  const walk = (list: readonly JsonMember[]): void => {
    for (const member of list) {
      out.push(member);
      if (member.value.type === "object") walk(member.value.members);
    }
  };
  walk(model.root.members);
  return out;
}

export const daemonLanguage: Language<DaemonModel> = {
  kind: "daemon",
  parse: (text) => parseDaemon(text),
  source: (model) => model.source,
  // dockerd reads strict JSON: a daemon.json has no comments, so nothing in it silences a finding
  // (turn rules off in the docklint config instead).
  comments: () => [],
  statementAfter(model, line) {
    const from = model.source.offsetAt(line, 1);
    const first = members(model).find((member) => member.range[0] >= from);
    if (!first) return undefined;
    return { startLine: model.source.positionAt(first.range[0]).line, endLine: model.source.positionAt(Math.max(first.range[0], first.range[1] - 1)).line };
  },
};
