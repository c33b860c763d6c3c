import type { Comment, DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { defineRule } from "../../rule.js";
import { argDeclarations } from "./_buildkit-lexer.js";

/** Comments that are instructions to a tool, not prose: never a description. */
const PRAGMA = /^\s*(?:hadolint\s|docklint-|check\s*=|checkov:|bridgecrew:|cortex:|kics-scan|trivy:|nosec\b|noqa\b|syntax\s*=|escape\s*=)/i;

/**
 * The comment lines directly above an instruction, nearest last: no empty line in between (the
 * documented way to say "not a description"), and an empty `#` line ends the block, as in BuildKit.
 */
function commentBlock(byLine: ReadonlyMap<number, Comment>, instruction: Instruction): Comment[] {
  const block: Comment[] = [];
  for (let line = instruction.line - 1; line >= 1; line--) {
    const comment = byLine.get(line);
    if (!comment || comment.text.trim() === "") break;
    block.unshift(comment);
  }
  return block.filter((c) => !PRAGMA.test(c.text));
}

/** Longest instruction text a message quotes whole. */
const MAX_QUOTED = 60;

/**
 * The instruction as the reader finds it in the file, for the message: the stage name alone
 * (`FROM build-base`) reads as a later `FROM build-base` that builds on the stage. A long one is
 * shortened to what identifies it: FROM without flags, digest and registry path, ARG without values.
 */
function quoted(instruction: Instruction, names: readonly string[]): string {
  const written = `${instruction.keywordText} ${instruction.argsText}`.replace(/\s+/g, " ").trim();
  if (written.length <= MAX_QUOTED) return written;
  if (instruction.keyword !== "FROM") return `${instruction.keywordText} ${names.join(" ")}`;
  const [image, ...rest] = instruction.args.map((a) => a.value);
  let shown = (image ?? "").replace(/@(\w+):\w+$/, "@$1:…");
  // The repository's last component and tag say which image; the registry and namespace rarely do.
  const slash = shown.lastIndexOf("/");
  if (shown.length > MAX_QUOTED / 2 && slash > 0) shown = `…${shown.slice(slash)}`;
  return [instruction.keywordText, shown, ...rest].join(" ");
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "require-definition-description",
    kind: "dockerfile",
    category: "style",
    severity: "info",
    docs: "Require a comment directly above `FROM … AS name` or `ARG name` to start with that name (the `--call=outline` description convention).",
    presets: [],
    hasSuggestions: true,
    messages: {
      description:
        "This comment directly above `{{instruction}}` does not start with {{expected}}, so `docker build --call=outline` shows no description for it (BuildKit's InvalidDefinitionDescription); start it with the name if it describes the {{keyword}}, or put an empty line between the comment and the {{keyword}} if it is a remark.",
    },
    references: { buildkit: ["InvalidDefinitionDescription"] },
  },
  check({ model, source, report }) {
    const byLine = new Map(model.comments.map((c) => [c.line, c]));
    for (const instruction of model.instructions) {
      let names: string[];
      if (instruction.keyword === "FROM") {
        const name = instruction.stage?.name;
        if (name === undefined) continue;
        // BuildKit lower-cases stage names, and so does the outline.
        names = [name.toLowerCase()];
      } else if (instruction.keyword === "ARG") {
        names = argDeclarations(source.text, instruction, model.escapeChar).map((a) => a.name);
      } else continue;
      if (names.length === 0) continue;
      const block = commentBlock(byLine, instruction);
      const nearest = block.at(-1);
      const first = block[0];
      if (!nearest || !first) continue;
      if (block.some((c) => names.includes(c.text.trim().split(/\s+/)[0] ?? ""))) continue;
      const keyword = instruction.keyword;
      const textStart = first.range[0] + 1 + (first.text.length - first.text.trimStart().length);
      const lineStart = source.lineStarts[instruction.line - 1] ?? instruction.range[0];
      report({
        messageId: "description",
        data: { keyword, instruction: quoted(instruction, names), expected: names.map((n) => `\`${n}\``).join(" or ") },
        range: nearest.range,
        suggestions: [
          { desc: `Start the comment with \`${names[0] ?? ""}\``, fix: { range: [textStart, textStart], text: `${names[0] ?? ""} ` } },
          { desc: `Put an empty line between the comment and the ${keyword}`, fix: { range: [lineStart, lineStart], text: source.eol } },
        ],
      });
    }
  },
});
