/**
 * The oracle for docklint's Dockerfile lexer: the same `LexedDockerfile`, read from
 * dockerfile-ast 0.7.1 the way docklint's model read it before the lexer replaced it in the
 * hot path (src/dockerfile/lexer.ts). Used by tests only, so that a normal lint never loads
 * dockerfile-ast.
 */
import {
  DockerfileParser,
  type Flag as AstFlag,
  type Instruction as AstInstruction,
  type Property as AstProperty,
} from "dockerfile-ast";
import type { LexedDockerfile, LexedFlag, LexedHeredoc, LexedInstruction, LexedProperty } from "../../src/dockerfile/lexer.js";
import { SourceText, type OffsetRange } from "../../src/source.js";

interface AstRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

interface AstHeredoc {
  getName(): string;
  getStartRange(): AstRange;
  getContentRange(): AstRange | null;
  getDelimiterRange(): AstRange | null;
}

export function lexWithDockerfileAst(text: string): LexedDockerfile {
  const source = new SourceText(text);
  const ast = DockerfileParser.parse(text);
  const offset = (line: number, character: number): number => {
    const lineStart = source.lineStarts[line];
    if (lineStart === undefined) return text.length;
    return Math.min(lineStart + character, text.length);
  };
  const toOffsets = (range: AstRange): OffsetRange => [offset(range.start.line, range.start.character), offset(range.end.line, range.end.character)];

  const convert = (node: AstInstruction): LexedInstruction => {
    const keyword = node.getKeyword();
    const flags: LexedFlag[] =
      "getFlags" in node && typeof node.getFlags === "function"
        ? (node.getFlags() as AstFlag[]).map((flag) => {
            const valueRange = flag.getValueRange();
            return {
              name: flag.getName(),
              value: flag.getValue(),
              range: toOffsets(flag.getRange()),
              nameRange: toOffsets(flag.getNameRange()),
              valueRange: valueRange ? toOffsets(valueRange) : null,
            };
          })
        : [];
    const properties: LexedProperty[] =
      (keyword === "ENV" || keyword === "LABEL") && "getProperties" in node && typeof node.getProperties === "function"
        ? (node.getProperties() as AstProperty[]).map((property) => {
            const valueRange = property.getValueRange();
            return {
              name: property.getName(),
              nameRange: toOffsets(property.getNameRange()),
              value: property.getValue(),
              valueRange: valueRange ? toOffsets(valueRange) : null,
              range: toOffsets(property.getRange()),
              assignmentOperator: property.getAssignmentOperator() === "=" ? "=" : null,
            };
          })
        : [];
    const getHeredocs = (node as unknown as { getHeredocs?: () => AstHeredoc[] }).getHeredocs;
    const heredocs: LexedHeredoc[] =
      typeof getHeredocs === "function"
        ? getHeredocs.call(node).map((heredoc) => {
            const contentRange = heredoc.getContentRange();
            const delimiterRange = heredoc.getDelimiterRange();
            return {
              name: heredoc.getName(),
              startRange: toOffsets(heredoc.getStartRange()),
              contentRange: contentRange ? toOffsets(contentRange) : null,
              delimiterEnd: delimiterRange ? toOffsets(delimiterRange)[1] : null,
            };
          })
        : [];
    let trigger: LexedInstruction | null = null;
    if (keyword === "ONBUILD" && "getTriggerInstruction" in node && typeof node.getTriggerInstruction === "function") {
      const triggerNode = node.getTriggerInstruction() as AstInstruction | null;
      if (triggerNode) trigger = convert(triggerNode);
    }
    return {
      keywordText: node.getInstruction(),
      keywordRange: toOffsets(node.getInstructionRange()),
      range: toOffsets(node.getRange()),
      flags,
      args: node.getArguments().map((a) => ({ value: a.getValue(), range: toOffsets(a.getRange()) })),
      deferred: null,
      heredocs,
      properties,
      trigger,
    };
  };

  return { escapeChar: ast.getEscapeCharacter(), instructions: ast.getInstructions().map(convert) };
}
