import { createRequire } from "node:module";
import path from "node:path";
import { visibleText, type LintMessage } from "@docklint/core";
import type { Formatter, FormatterContext, FormatterResult } from "./types.js";
import { readFileText } from "../files.js";
import { ruleLabel, ruleMeta } from "./shared.js";

/** A style of chalk 2: a function that colours its text, with the other styles chained on it. */
type ChalkStyle = ((text: string) => string) & { readonly bold: ChalkStyle };

interface Chalk2 {
  enabled: boolean;
  level: number;
  readonly red: ChalkStyle;
  readonly yellow: ChalkStyle;
  readonly gray: ChalkStyle;
  readonly grey: ChalkStyle;
  readonly white: ChalkStyle;
  readonly underline: ChalkStyle;
  readonly reset: ChalkStyle;
}

/**
 * What eslint-formatter-friendly 7.0.0 is made of, loaded from its own dependencies: the report
 * below is the one it prints, byte for byte (a test compares them), but built here. The formatter
 * renders each message's code frame with @babel/code-frame 7.0.0, which highlights the whole file
 * and splits it into lines again for every message: linear in the file for each message, so a
 * file of 20,000 findings took 22 s (80,000: 8 minutes), and the colour highlighting of every
 * message's whole file made `docklint` over the corpus Dockerfiles take 8.4 s in a terminal
 * against 2.1 s for `--format json`. Here each file is highlighted and split once.
 */
interface FriendlyParts {
  /** The formatter's chalk: titles, links and the summary, coloured or not as --color says. */
  chalk: Chalk2;
  /** @babel/highlight, as @babel/code-frame uses it: it decides on colour by itself, at load time. */
  highlight: {
    default: (code: string, options: { highlightCode: boolean }) => string;
    shouldHighlight: (options: { highlightCode: boolean }) => boolean;
    getChalk: (options: { highlightCode: boolean }) => Chalk2;
  };
  table: (rows: readonly (readonly (string | number)[])[], options: { align: readonly string[]; stringLength: (text: string) => number }) => string;
  stripAnsi: (text: string) => string;
}

let loaded: FriendlyParts | undefined;
/**
 * CommonJS packages without types, resolved from eslint-formatter-friendly's directory (their
 * behaviour was read from its 7.0.0 source). Loaded on first use, not on import: the formatter
 * registry imports every format, and `--format json` in CI must not pay for loading chalk and babel.
 */
function friendlyParts(): FriendlyParts {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const fromFriendly = createRequire(require.resolve("eslint-formatter-friendly"));
    const fromCodeFrame = createRequire(fromFriendly.resolve("@babel/code-frame"));
    loaded = {
      chalk: fromFriendly("chalk") as Chalk2,
      highlight: fromCodeFrame("@babel/highlight") as FriendlyParts["highlight"],
      table: fromFriendly("text-table") as FriendlyParts["table"],
      stripAnsi: fromFriendly("strip-ansi") as FriendlyParts["stripAnsi"],
    };
  }
  return loaded;
}

/* eslint-disable no-control-regex -- these match ANSI and OSC escape sequences on purpose */
// The formatter prefixes the report with an iTerm2 escape naming the working directory, whatever the report's destination.
export const ITERM_CWD_HINT = /\u001b\]1337;CurrentDir=[^\u0007]*\u0007/g;
export const ANSI_SGR = /\u001b\[[\d;]*m/g;
/* eslint-enable no-control-regex */

/** The formatter reads the file itself when `source` is falsy (an empty file, an unreadable one), relative to process.cwd(): never let it. */
export function sourceOf(result: FormatterResult, cwd: string): string {
  if (result.source) return result.source;
  if (result.source === undefined && !result.messages.some((m) => m.fatal)) {
    // A file that cannot be read gets no code frame (its result says why).
    const read = readFileText(path.resolve(cwd, result.filePath));
    if (read.ok && read.text) return read.text;
  }
  return "\n";
}

/**
 * The path as eslint-formatter-friendly shows it: relative to `cwd` even outside it (`../x`), which
 * the CI formats' `reportPath` does not do (their tools resolve paths against the checkout).
 */
export function displayPath(filePath: string, cwd: string): string {
  if (!path.isAbsolute(filePath)) return filePath;
  const relative = path.relative(cwd, filePath);
  return relative === "" ? filePath : relative;
}

/** A message as the formatter reads it, with its file's path as shown and the file's lines for its code frame. */
interface Entry {
  message: LintMessage;
  ruleId: string;
  filePath: string;
  lines: () => readonly string[];
}

/** The options eslint-formatter-friendly reads from the environment, as it reads them. */
interface FriendlyEnvironment {
  absolutePaths: boolean;
  groupByIssue: boolean;
  filterRule: string | undefined;
  showSource: boolean;
  noGray: boolean;
  noLinkRules: boolean;
  editorScheme: string | undefined;
}

function friendlyEnvironment(env: NodeJS.ProcessEnv): FriendlyEnvironment {
  return {
    absolutePaths: env["EFF_ABSOLUTE_PATHS"] === "true",
    groupByIssue: env["EFF_BY_ISSUE"] === "true",
    filterRule: env["EFF_FILTER"],
    showSource: env["EFF_NO_SOURCE"] !== "true",
    noGray: env["EFF_NO_GRAY"] === "true",
    noLinkRules: env["EFF_NO_LINK_RULES"] === "true",
    editorScheme: env["EFF_EDITOR_SCHEME"] || undefined,
  };
}

/** @babel/code-frame's line breaks. */
const NEWLINE = /\r\n|[\n\r\u2028\u2029]/;
/** Lines shown above and below a message's line, as @babel/code-frame's defaults. */
const LINES_ABOVE = 2;
const LINES_BELOW = 3;

/**
 * @babel/code-frame 7.0.0's frame of one position (`codeFrameColumns(source, { start: { line,
 * column } }, { highlightCode: true })`), from the file's lines already highlighted and split.
 */
function codeFrame(lines: readonly string[], line: number, column: number, highlighted: boolean, styles: FrameStyles): string {
  const paint = (style: ChalkStyle, text: string): string => (highlighted ? style(text) : text);
  const start = Math.max(line - (LINES_ABOVE + 1), 0);
  const end = Math.min(lines.length, line + LINES_BELOW);
  const width = String(end).length;
  const frame: string[] = [];
  for (let index = start; index < end; index++) {
    const number = index + 1;
    const text = lines[index] ?? "";
    const gutter = ` ${` ${number}`.slice(-width)} | `;
    if (number !== line) {
      frame.push(` ${paint(styles.gray, gutter)}${text}`);
      continue;
    }
    // Measured on the highlighted line, colour codes and all, as code-frame does.
    const marker = column ? `\n ${paint(styles.gray, gutter.replace(/\d/g, " "))}${text.slice(0, Math.max(column - 1, 0)).replace(/[^\t]/g, " ")}${paint(styles.redBold, "^")}` : "";
    frame.push(`${paint(styles.redBold, ">")}${paint(styles.gray, gutter)}${text}${marker}`);
  }
  const joined = frame.join("\n");
  return highlighted ? styles.reset(joined) : joined;
}

/** The styles of a code frame, from code-frame's chalk. */
interface FrameStyles {
  gray: ChalkStyle;
  redBold: ChalkStyle;
  reset: ChalkStyle;
}

/** eslint-formatter-friendly 7.0.0's report, with the files' lines read once each. */
function friendlyReport(results: readonly FormatterResult[], parts: FriendlyParts, env: FriendlyEnvironment, context: FormatterContext): string {
  const cwd = context.cwd;
  const { highlight } = parts;
  const highlighted = highlight.shouldHighlight({ highlightCode: true });
  // Each style taken once for the report: chalk 2 makes a new function every time one is asked for
  // (`chalk.red.bold` makes two), which was 150 ms of the 360 ms this report added to the CLI over
  // the corpus's 2,468 Dockerfiles (8,477 findings).
  const frameChalk = highlight.getChalk({ highlightCode: true });
  const frameStyles: FrameStyles = { gray: frameChalk.gray, redBold: frameChalk.red.bold, reset: frameChalk.reset };
  const chalk = { red: parts.chalk.red, yellow: parts.chalk.yellow, white: parts.chalk.white, gray: parts.chalk.gray, underline: parts.chalk.underline };
  const subtle = (text: string): string => (env.noGray ? text : chalk.gray(text));
  // eslint-formatter-friendly links every rule to eslint.org (or a Google search for `plugin/rule`),
  // whatever `rulesMeta` says: docklint's rules link to their pages, the URL's stem in the link's
  // colour and the rule's part in the highlight colour, and an id without meta is shown bare.
  const keyLink = (key: string): string => {
    if (env.noLinkRules) return chalk.white(key);
    const url = ruleMeta(context, key)?.docs.url;
    if (!url) return chalk.underline(subtle(chalk.white(key)));
    const cut = url.lastIndexOf("/") + 1;
    return chalk.underline(subtle(url.slice(0, cut) + chalk.white(url.slice(cut))));
  };

  const entries: Entry[] = [];
  for (const result of results) {
    let lines: readonly string[] | undefined;
    // Read (from disk, when the result has no source) only for a code frame: none with EFF_NO_SOURCE.
    const linesOf = (): readonly string[] => {
      if (lines) return lines;
      // The file's control characters as signs, before highlighting adds colour codes: a frame
      // shows the file's lines as text (see visibleText).
      const source = visibleText(sourceOf(result, cwd), true);
      return (lines = (highlighted ? highlight.default(source, { highlightCode: true }) : source).split(NEWLINE));
    };
    const filePath = displayPath(result.filePath, cwd);
    const shown = visibleText(env.absolutePaths ? path.resolve(filePath) : path.relative(".", filePath));
    for (const message of result.messages) entries.push({ message, ruleId: ruleLabel(message), filePath: shown, lines: linesOf });
  }
  entries.sort((a, b) => {
    if (a.message.severity !== b.message.severity) return a.message.severity > b.message.severity ? 1 : -1;
    if (env.groupByIssue && a.ruleId !== b.ruleId) return a.ruleId > b.ruleId ? 1 : -1;
    // The same path needs no localeCompare, whose first call starts ICU (~10 ms of a one-file run).
    const byPath = a.filePath === b.filePath ? 0 : a.filePath.localeCompare(b.filePath);
    if (byPath) return byPath;
    if (a.message.line !== b.message.line) return a.message.line > b.message.line ? 1 : -1;
    if (a.message.column !== b.message.column) return a.message.column > b.message.column ? 1 : -1;
    return 0;
  });

  const errorsByRule = new Map<string, number>();
  const warningsByRule = new Map<string, number>();
  let errors = 0;
  let warnings = 0;
  let summaryColor: "red" | "yellow" = "yellow";
  let lastRuleId: string | undefined;
  const blocks: string[] = [];
  for (const entry of entries) {
    const { message, ruleId } = entry;
    if (env.filterRule && ruleId !== env.filterRule) continue;
    let icon: string;
    if (message.fatal || message.severity === 2) {
      icon = chalk.red("✘");
      summaryColor = "red";
      errorsByRule.set(ruleId, (errorsByRule.get(ruleId) ?? 0) + 1);
      errors++;
    } else {
      icon = chalk.yellow("⚠");
      warningsByRule.set(ruleId, (warningsByRule.get(ruleId) ?? 0) + 1);
      warnings++;
    }
    const line = message.line || 0;
    const column = message.column || 0;
    const editorLink = env.editorScheme?.replace("{file}", encodeURIComponent(entry.filePath)).replace("{line}", String(line)).replace("{column}", String(column));
    const location = subtle(`${entry.filePath}:${line}:${column}`);
    const sameIssue = env.groupByIssue && lastRuleId === ruleId;
    lastRuleId = ruleId;
    const pieces = [
      sameIssue ? "" : `\n  ${icon}  ${keyLink(ruleId)}`,
      sameIssue || editorLink === undefined ? "" : `     ${chalk.underline(subtle(editorLink))}`,
      sameIssue ? "" : `\n     ${message.message.replace(/\.$/, "")}\n`,
      `${env.showSource ? "\n" : ""}     ${editorLink === undefined ? chalk.underline(location) : location}`,
      env.showSource ? codeFrame(entry.lines(), message.line, message.column, highlighted, frameStyles).split("\n").map((l) => `   ${l}`).join("\n") : "",
    ];
    blocks.push(pieces.filter((piece) => piece.trim() !== "").join("\n"));
  }

  const total = entries.length;
  if (total === 0) return "";
  let output = `\n${blocks.join("\n")}\n\n`;
  const plural = (word: string, count: number): string => (count === 1 ? word : `${word}s`);
  output += parts.chalk[summaryColor].bold(`✘ ${total}${plural(" problem", total)} (${errors}${plural(" error", errors)}, ${warnings}${plural(" warning", warnings)})`) + chalk.white("\n");
  const summary = (counts: Map<string, number>, title: string, color: "red" | "yellow"): string => {
    const byCount = [...counts.keys()].sort((a, b) => ((counts.get(a) ?? 0) > (counts.get(b) ?? 0) ? -1 : 1));
    const rows = byCount.map((key) => ["", counts.get(key) ?? 0, keyLink(key)]);
    return `\n\n${chalk[color](`${title}:`)}${chalk.white("\n")}${parts.table(rows, { align: ["", "r", "l"], stringLength: (text) => parts.stripAnsi(text).length })}`;
  };
  if (errors > 0) output += summary(errorsByRule, "Errors", "red");
  if (warnings > 0) output += `${summary(warningsByRule, "Warnings", "yellow")}\n`;
  // The formatter names the working directory to iTerm2 in a terminal, whatever the report's destination.
  if (process.env["FORCE_ITERM_HINT"] === "true" || (process.stdout.isTTY && !process.env["CI"])) output = `\u001b]1337;CurrentDir=${cwd}\u0007${output}`;
  return output;
}

const formatFriendly: Formatter = (results, context) => {
  const parts = friendlyParts();
  const { chalk } = parts;
  const saved = { enabled: chalk.enabled, level: chalk.level };
  let output: string;
  try {
    chalk.enabled = context.color;
    chalk.level = context.color ? Math.max(saved.level, 1) : 0;
    // The formatter prints nothing for clean files.
    output = friendlyReport(results.filter((result) => result.messages.length > 0), parts, friendlyEnvironment(process.env), context);
  } finally {
    chalk.enabled = saved.enabled;
    chalk.level = saved.level;
  }
  // The code frame is highlighted by @babel/highlight, which decides on colour by itself at load time.
  return context.color ? output : output.replace(ITERM_CWD_HINT, "").replace(ANSI_SGR, "");
};

export default formatFriendly;
