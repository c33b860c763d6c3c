import type { DockerfileModel, Instruction } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import type { SourceText } from "../../source.js";
import { TEMPLATE_TAG, templateTags } from "../../dockerfile/template.js";
import { overlapsAny } from "../../util/overlaps-any.js";
import { intendedKeyword, isKnownInstruction } from "./_keyword-typos.js";

/** The escape character as Markdown code: `` ` `` needs doubled delimiters. */
function codeSpan(character: string): string {
  return character === "`" ? "`` ` ``" : `\`${character}\``;
}

/** Only blank lines and comment lines between two offsets. */
function onlyBlankOrComments(text: string): boolean {
  return text.split(/\r?\n|\r/).every((line) => /^\s*(?:#.*)?$/.test(line));
}

/**
 * An unknown "instruction" that is really the next line of the instruction above, whose line
 * lacks the escape character: `RUN apt-get update` then `    && apt-get install …`.
 */
function continuedFrom(model: DockerfileModel, source: SourceText, instruction: Instruction): Instruction | undefined {
  if (instruction.onbuild) return undefined;
  const previous = model.instructions[instruction.index - 1];
  if (!previous || previous.heredocs.length > 0 || !isKnownInstruction(previous.keyword)) return undefined;
  const lineStart = source.text.lastIndexOf("\n", instruction.keywordRange[0] - 1) + 1;
  const indented = instruction.keywordRange[0] > lineStart;
  if (!indented && /^[A-Z]/i.test(instruction.keywordText)) return undefined;
  return onlyBlankOrComments(source.text.slice(previous.range[1], lineStart)) ? previous : undefined;
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-unknown-instruction",
    kind: "dockerfile",
    category: "correctness",
    severity: "error",
    docs: "Disallow keywords that are not Dockerfile instructions (`FORM alpine`): the build fails with \"unknown instruction\".",
    presets: ["recommended"],
    hasSuggestions: true,
    messages: {
      typo: "`{{word}}` is not a Dockerfile instruction, so the build fails (\"unknown instruction: {{word}}\"); did you mean `{{suggestion}}`?",
      continuation:
        "`{{word}}` is not a Dockerfile instruction, so the build fails (\"unknown instruction: {{word}}\"); this line looks like the continuation of the {{previous}} on line {{line}}, whose last line does not end with {{escape}} — add it there.",
      unknown:
        "`{{word}}` is not a Dockerfile instruction, so the build fails (\"unknown instruction: {{word}}\"); fix the keyword, or start the line with `#` if it is a comment.",
      template:
        "`{{word}}` is a template tag, not a Dockerfile instruction: this file looks like a template that a generator renders into a Dockerfile ({{count}}), and `docker build` fails on it as it is (\"unknown instruction\"); lint what the generator renders, or leave the template out with `.docklintignore`.",
    },
    references: {},
  },
  check({ model, source, report }) {
    const instructions = withTriggers(model.instructions);
    // A template (`{{ range .Versions }}`, `{% if %}`, `<%= %>`) has one cause for all its tag
    // lines: reported once, at the first (docker-library's redis template has 63 of them).
    const isTag = (instruction: Instruction): boolean => TEMPLATE_TAG.test(instruction.keywordText);
    const tags = instructions.filter(isTag);
    // The lines inside a tag that spans several (a jq `{{ def …: … }}` block) are the tag's too.
    const spans = tags.length > 0 ? templateTags(model) : undefined;
    const inTag = (instruction: Instruction): boolean => spans !== undefined && overlapsAny(instruction.keywordRange, spans);
    const [firstTag] = tags;
    if (firstTag) {
      const count = tags.length === 1 ? "one line starts with a template tag" : `${tags.length} lines start with template tags`;
      report({ messageId: "template", data: { word: firstTag.keywordText, count }, range: firstTag.keywordRange });
    }
    for (const instruction of instructions) {
      if (isKnownInstruction(instruction.keyword) || isTag(instruction) || inTag(instruction)) continue;
      const word = instruction.keywordText;
      const intended = intendedKeyword(word);
      if (intended !== undefined) {
        const replacement = word === word.toLowerCase() ? intended.toLowerCase() : intended;
        report({
          messageId: "typo",
          data: { word, suggestion: replacement },
          range: instruction.keywordRange,
          suggestions: [{ desc: `Replace \`${word}\` with \`${replacement}\``, fix: { range: instruction.keywordRange, text: replacement } }],
        });
        continue;
      }
      const previous = continuedFrom(model, source, instruction);
      if (previous) {
        report({
          messageId: "continuation",
          data: { word, previous: previous.keywordText.toUpperCase(), line: previous.line, escape: codeSpan(model.escapeChar) },
          range: instruction.keywordRange,
          suggestions: [
            {
              desc: `Add ${codeSpan(model.escapeChar)} at the end of the ${previous.keywordText.toUpperCase()} on line ${previous.line}`,
              fix: { range: [previous.range[1], previous.range[1]], text: ` ${model.escapeChar}` },
            },
          ],
        });
        continue;
      }
      report({ messageId: "unknown", data: { word }, range: instruction.keywordRange });
    }
  },
});
