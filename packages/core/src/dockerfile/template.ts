import type { OffsetRange } from "../source.js";
import type { DockerfileModel } from "./model.js";

/** The opening of a Go, Jinja, Mustache or ERB template tag, at the start of an instruction's keyword. */
export const TEMPLATE_TAG = /^(?:\{\{|\{%|\{#|<%)/;

/** A tag's opening anywhere in a FROM's image. */
const TAG_IN_IMAGE = /\{\{|\{%|<%/;

/** Each tag's opening and the closing that ends it. */
const TAG_CLOSINGS: ReadonlyMap<string, string> = new Map([
  ["{{", "}}"],
  ["{%", "%}"],
  ["{#", "#}"],
  ["<%", "%>"],
]);

const templateTagsOf = new WeakMap<DockerfileModel, readonly OffsetRange[] | null>();

/**
 * The template tags of a file that is a generator's template, not a Dockerfile: one whose lines
 * (at least one) start with a template tag where an instruction should be (`{{ range … }}`,
 * `{% if %}`), or whose FROM names an image through one. Each tag runs from its opening to its closing, across lines (a jq `{{ def …: … }}`
 * block); an unclosed one to the end of the file. Undefined for a Dockerfile: `RUN docker inspect
 * --format '{{ .Id }}'` is a Dockerfile that uses braces, not a template.
 */
export function templateTags(model: DockerfileModel): readonly OffsetRange[] | undefined {
  let tags = templateTagsOf.get(model);
  if (tags === undefined) {
    // No instruction's keyword starts with a brace or `<`: such a line is a tag, whatever it holds.
    // Nor does an image reference hold one: `FROM postgres:{{ cookiecutter.postgresql_version }}`
    // and Rails' `FROM ruby:<%= ruby_version %>-slim` are templates too.
    const isTemplate =
      model.instructions.some((instruction) => TEMPLATE_TAG.test(instruction.keywordText)) || model.stages.some((stage) => TAG_IN_IMAGE.test(stage.imageText));
    tags = isTemplate ? tagSpans(model.source.text) : null;
    templateTagsOf.set(model, tags);
  }
  return tags ?? undefined;
}

/** Every tag span of the text, in order. Linear: each opening's next place is searched again only once passed. */
function tagSpans(text: string): OffsetRange[] {
  const spans: OffsetRange[] = [];
  const next = new Map<string, number>();
  let at = 0;
  for (;;) {
    let index = -1;
    let closing = "";
    for (const [opening, close] of TAG_CLOSINGS) {
      let found = next.get(opening);
      if (found === undefined || (found >= 0 && found < at)) next.set(opening, (found = text.indexOf(opening, at)));
      if (found >= 0 && (index < 0 || found < index)) [index, closing] = [found, close];
    }
    if (index < 0) return spans;
    const end = text.indexOf(closing, index + 2);
    at = end < 0 ? text.length : end + closing.length;
    spans.push([index, at]);
  }
}
