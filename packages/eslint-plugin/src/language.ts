import { parseForLint, type FileKind, type LintParse, type SourceText } from "@docklint/core";
// Registering the Compose and daemon.json languages with core, for parseForLint.
import "@docklint/core/compose";
import "@docklint/core/daemon";
import type { ComposeModel } from "@docklint/core/compose";
import type { DaemonModel } from "@docklint/core/daemon";
import type { DockerfileModel } from "@docklint/core";
import type { File, FileProblem, Language, LanguageContext, OkParseResult, ParseResult, RulesConfig, SourceLocation } from "@eslint/core";
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from "@eslint/plugin-kit";
import { emptyFileProblem } from "docklint";
import { servicesFor } from "./services.js";

/** The kinds the plugin offers as ESLint languages. */
export type LanguageKind = Extract<FileKind, "dockerfile" | "compose" | "daemon">;

interface NodeBase {
  loc: SourceLocation;
  range: [number, number];
}

/** One `#` comment; `value` is the text after the `#`, as ESLint's directive parser expects. */
export interface CommentNode extends NodeBase {
  type: "Comment";
  value: string;
}

/** A Dockerfile instruction (`FROM`, `RUN`, …), upper-cased in `name`, for selectors like `Instruction[name="MAINTAINER"]`. */
export interface InstructionNode extends NodeBase {
  type: "Instruction";
  name: string;
}

/** A Compose service entry, from its key to the end of its value. */
export interface ServiceNode extends NodeBase {
  type: "Service";
  name: string;
}

/**
 * The root of a file. Node types never reuse ESTree names, so JavaScript rules that reach these
 * files find nothing to visit. `model` is core's parse result, which the rule adapter lints.
 */
export interface DockerfileRoot extends NodeBase {
  type: "Dockerfile";
  kind: "dockerfile";
  model: DockerfileModel;
  children: InstructionNode[];
  comments: CommentNode[];
}

export interface ComposeRoot extends NodeBase {
  type: "ComposeFile";
  kind: "compose";
  model: ComposeModel;
  children: ServiceNode[];
  comments: CommentNode[];
}

/** A top-level daemon.json setting (`"icc": false`), from its key to the end of its value. */
export interface SettingNode extends NodeBase {
  type: "Setting";
  name: string;
}

/** A daemon.json: strict JSON, so `comments` is always empty (no inline config). */
export interface DaemonRoot extends NodeBase {
  type: "DaemonFile";
  kind: "daemon";
  model: DaemonModel;
  children: SettingNode[];
  comments: CommentNode[];
}

export type RootNode = DockerfileRoot | ComposeRoot | DaemonRoot;
export type DocklintNode = RootNode | InstructionNode | ServiceNode | SettingNode | CommentNode;

/** The root node type of each language, which the rule adapter visits. */
export const ROOT_TYPES: Record<LanguageKind, RootNode["type"]> = { dockerfile: "Dockerfile", compose: "ComposeFile", daemon: "DaemonFile" };

const VISITOR_KEYS: Record<LanguageKind, Record<string, string[]>> = {
  dockerfile: { Dockerfile: ["children"], Instruction: [], Comment: [] },
  compose: { ComposeFile: ["children"], Service: [], Comment: [] },
  daemon: { DaemonFile: ["children"], Setting: [], Comment: [] },
};

// The language takes no options of its own; other keys (a files-less `globals` block) are ignored.
export type DocklintLanguageOptions = Record<string, unknown>;

/** `eslint`, `eslint-disable`, `eslint-enable`, `eslint-disable-next-line`, `eslint-disable-line`. */
const INLINE_CONFIG = /^\s*eslint(?:-enable|-disable(?:(?:-next)?-line)?)?(?:\s|$)/u;
const commentParser = new ConfigCommentParser();

function loc(source: SourceText, start: number, end: number): SourceLocation {
  return { start: source.positionAt(start), end: source.positionAt(Math.max(start, end)) };
}

function node<T extends string, X extends object>(source: SourceText, type: T, range: readonly [number, number], extra: X): { type: T; loc: SourceLocation; range: [number, number] } & X {
  return { type, loc: loc(source, range[0], range[1]), range: [range[0], range[1]], ...extra };
}

function commentNodes(source: SourceText, comments: readonly { range: readonly [number, number] }[]): CommentNode[] {
  return comments.map((comment) => {
    const raw = source.slice(comment.range);
    const hash = raw.indexOf("#");
    return node(source, "Comment", comment.range, { value: hash >= 0 ? raw.slice(hash + 1) : raw });
  });
}

function dockerfileRoot(model: DockerfileModel, text: string): DockerfileRoot {
  const source = model.source;
  return {
    ...node(source, "Dockerfile", [0, text.length], {}),
    kind: "dockerfile",
    model,
    children: model.instructions.map((instruction) => node(source, "Instruction", instruction.range, { name: instruction.keyword })),
    comments: commentNodes(source, model.comments),
  };
}

function composeRoot(model: ComposeModel, text: string): ComposeRoot {
  const source = model.source;
  return {
    ...node(source, "ComposeFile", [0, text.length], {}),
    kind: "compose",
    model,
    children: model.services.map((service) => {
      const end = (service.node as { range?: readonly number[] } | null)?.range?.[1] ?? service.keyRange[1];
      return node(source, "Service", [service.keyRange[0], Math.max(end, service.keyRange[1])], { name: service.name });
    }),
    comments: commentNodes(source, model.comments),
  };
}

function daemonRoot(model: DaemonModel, text: string): DaemonRoot {
  const source = model.source;
  return {
    ...node(source, "DaemonFile", [0, text.length], {}),
    kind: "daemon",
    model,
    children: model.root.members.map((member) => node(source, "Setting", member.range, { name: member.key })),
    comments: [],
  };
}

/** The SourceCode ESLint hands to rules: locations, traversal and `# eslint-…` inline config. */
export class DocklintSourceCode extends TextSourceCodeBase<{
  LangOptions: DocklintLanguageOptions;
  RootNode: RootNode;
  SyntaxElementWithLoc: DocklintNode;
  ConfigNode: CommentNode;
}> {
  override readonly ast: RootNode;
  readonly comments: CommentNode[];
  readonly #parents = new WeakMap<DocklintNode, DocklintNode>();
  #inlineConfigNodes: CommentNode[] | undefined;

  constructor({ text, ast }: { text: string; ast: RootNode }) {
    // Core counts a lone CR as a line break too: the same pattern keeps lines and columns equal.
    super({ text, ast, lineEndingPattern: /\r\n|[\r\n]/u });
    this.ast = ast;
    this.comments = ast.comments;
    for (const child of ast.children) this.#parents.set(child, ast);
  }

  override getParent(node: DocklintNode): DocklintNode | undefined {
    return this.#parents.get(node);
  }

  override *traverse(): Iterable<VisitNodeStep> {
    const root = this.ast;
    yield new VisitNodeStep({ target: root, phase: 1, args: [root, undefined] });
    for (const child of root.children) {
      yield new VisitNodeStep({ target: child, phase: 1, args: [child, root] });
      yield new VisitNodeStep({ target: child, phase: 2, args: [child, root] });
    }
    yield new VisitNodeStep({ target: root, phase: 2, args: [root, undefined] });
  }

  getInlineConfigNodes(): CommentNode[] {
    this.#inlineConfigNodes ??= this.comments.filter((comment) => INLINE_CONFIG.test(comment.value));
    return this.#inlineConfigNodes;
  }

  getDisableDirectives(): { problems: FileProblem[]; directives: Directive[] } {
    const problems: FileProblem[] = [];
    const directives: Directive[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const directive = commentParser.parseDirective(comment.value);
      if (!directive) continue;
      const { label, value, justification } = directive;
      switch (label) {
        case "eslint-disable":
        case "eslint-enable":
        case "eslint-disable-next-line":
        case "eslint-disable-line":
          directives.push(new Directive({ type: label.slice("eslint-".length) as "disable", node: comment, value, justification }));
          break;
        default:
          break;
      }
    }
    return { problems, directives };
  }

  applyInlineConfig(): { configs: { config: { rules: RulesConfig }; loc: SourceLocation }[]; problems: FileProblem[] } {
    const configs: { config: { rules: RulesConfig }; loc: SourceLocation }[] = [];
    const problems: FileProblem[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const directive = commentParser.parseDirective(comment.value);
      if (directive?.label !== "eslint") continue;
      const parsed = commentParser.parseJSONLikeConfig(directive.value);
      if (parsed.ok) configs.push({ config: { rules: parsed.config as RulesConfig }, loc: comment.loc });
      else problems.push({ ruleId: null, message: parsed.error.message, loc: comment.loc });
    }
    return { configs, problems };
  }
}

/** The parse each syntax tree was built from, and the path it was parsed as: the rules' core run reuses it (rules.ts). */
const parses = new WeakMap<RootNode, { parse: LintParse; filePath: string }>();

/** The parse behind `root`, when it was parsed as `filePath`. */
export function parseBehind(root: RootNode, filePath: string): LintParse | undefined {
  const entry = parses.get(root);
  return entry?.filePath === filePath ? entry.parse : undefined;
}

type LanguageTypes = { LangOptions: DocklintLanguageOptions; Code: DocklintSourceCode; RootNode: RootNode; Node: DocklintNode };

/** One class backs all three languages, as @eslint/json does for json/jsonc/json5. */
export class DocklintLanguage implements Language<LanguageTypes> {
  readonly fileType = "text" as const;
  readonly lineStart = 1 as const;
  readonly columnStart = 1 as const;
  readonly nodeTypeKey = "type";
  readonly visitorKeys: Record<string, string[]>;
  readonly defaultLanguageOptions: DocklintLanguageOptions = {};
  readonly kind: LanguageKind;

  constructor(kind: LanguageKind) {
    this.kind = kind;
    this.visitorKeys = VISITOR_KEYS[kind];
  }

  validateLanguageOptions(_options: DocklintLanguageOptions): void {
    // No options: unknown keys from files-less config blocks (`globals`, …) are ignored on purpose.
  }

  /**
   * Synchronous, and never throws: a syntax error becomes `ok: false` with core's 1-based
   * position, and an unexpected exception becomes a fatal error at 1:1 naming the bug.
   */
  parse(file: File, _context: LanguageContext<DocklintLanguageOptions>): ParseResult<RootNode> {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
    // Docker and Compose refuse an empty or blank file: fatal, with the CLI's own message.
    if (text.replace(/^\uFEFF/, "").trim() === "") return { ok: false, errors: [{ message: emptyFileProblem(this.kind), line: 1, column: 1 }] };
    try {
      // One parse, as core's lintText reads the file before its rules: the CLI's fatal errors
      // (syntax, binary content), else the model the syntax tree is built from.
      const parsed = parseForLint(text, { kind: this.kind, filePath: file.path, services: servicesFor(file.path, this.kind) });
      if (!parsed.ok) {
        return { ok: false, errors: [{ message: parsed.message.replace(/^Parsing error: /, ""), line: Math.max(1, parsed.line), column: Math.max(1, parsed.column) }] };
      }
      const ast = this.kind === "dockerfile" ? dockerfileRoot(parsed.model as DockerfileModel, text) : this.kind === "daemon" ? daemonRoot(parsed.model as DaemonModel, text) : composeRoot(parsed.model as ComposeModel, text);
      parses.set(ast, { parse: parsed, filePath: file.path });
      return { ok: true, ast };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, errors: [{ message: `docklint failed to parse this file (${reason}); please report this bug with the file.`, line: 1, column: 1 }] };
    }
  }

  createSourceCode(file: File, input: OkParseResult<RootNode>): DocklintSourceCode {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
    return new DocklintSourceCode({ text, ast: input.ast });
  }
}

