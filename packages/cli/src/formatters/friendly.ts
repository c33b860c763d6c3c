import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { LintMessage } from "@docklint/core";
import type { Formatter, FormatterContext, FormatterResult } from "./types.js";

interface FriendlyModule {
  friendly: (results: unknown[], context?: unknown) => string;
  /** The very chalk instance the formatter colours with, so that --color / --no-color can be applied to it for one call. */
  chalk: { enabled: boolean; level: number };
}

let loaded: FriendlyModule | undefined;
/**
 * eslint-formatter-friendly is CommonJS without types; its behaviour below was read from its 7.0.0
 * source. It is loaded on first use, not on import: the formatter registry imports every format,
 * and `--format json` in CI must not pay for loading chalk, babel's code frame and the rest.
 */
function friendlyModule(): FriendlyModule {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const friendlyPath = require.resolve("eslint-formatter-friendly");
    loaded = {
      friendly: require(friendlyPath) as FriendlyModule["friendly"],
      // Resolved from the formatter's own directory: its chalk, not some other copy.
      chalk: createRequire(friendlyPath)("chalk") as FriendlyModule["chalk"],
    };
  }
  return loaded;
}

/* eslint-disable no-control-regex -- these match ANSI and OSC escape sequences on purpose */
/** eslint-formatter-friendly 7 ignores `rulesMeta` and links every rule to eslint.org (or a Google search for `plugin/rule`). */
const FOREIGN_LINK = /(?:http:\/\/eslint\.org\/docs\/rules\/|https:\/\/google\.com\/#q=)((?:\u001b\[[\d;]*m)*)([^\s\u001b]*)/g;
// It also prefixes the report with an iTerm2 escape naming process.cwd(), whatever the report's destination.
const ITERM_CWD_HINT = /\u001b\]1337;CurrentDir=[^\u0007]*\u0007/g;
const ANSI_SGR = /\u001b\[[\d;]*m/g;
/* eslint-enable no-control-regex */

/** Points the formatter's links at docklint's rule pages; an id without meta is shown bare. */
function relink(output: string, context: FormatterContext): string {
  return output.replace(FOREIGN_LINK, (_whole, codes: string, encodedId: string) => {
    let id = encodedId;
    try {
      id = decodeURIComponent(encodedId);
    } catch {
      // Not URI-encoded after all: keep it as written.
    }
    const url = Object.hasOwn(context.rulesMeta, id) ? context.rulesMeta[id]?.docs.url : undefined;
    if (!url) return codes + id;
    // Keep the formatter's styling: the URL's stem in its colour, the rule's part in the highlight colour.
    const cut = url.lastIndexOf("/") + 1;
    return url.slice(0, cut) + codes + url.slice(cut);
  });
}

/** The formatter reads the file itself when `source` is falsy (an empty file, an unreadable one), relative to process.cwd(): never let it. */
function sourceOf(result: FormatterResult, cwd: string): string {
  if (result.source) return result.source;
  if (result.source === undefined && !result.messages.some((m) => m.fatal)) {
    try {
      const text = readFileSync(path.resolve(cwd, result.filePath), "utf8");
      if (text) return text;
    } catch {
      // Unreadable: the result says why; show no code frame.
    }
  }
  return "\n";
}

/** A label for messages without a rule (parse errors, unreadable files, bad suppression comments), instead of a link to nowhere. */
function displayRuleId(message: LintMessage): string {
  return message.ruleId ?? (message.fatal ? "fatal" : "docklint");
}

function displayPath(filePath: string, cwd: string): string {
  if (!path.isAbsolute(filePath)) return filePath;
  const relative = path.relative(cwd, filePath);
  return relative === "" ? filePath : relative;
}

const formatFriendly: Formatter = (results, context) => {
  const prepared = results
    // The formatter prints nothing for clean files, but would still read each of them from disk.
    .filter((result) => result.messages.length > 0)
    .map((result) => ({
      ...result,
      // Relative to the caller's cwd: the formatter relativizes against process.cwd(), which leaves a relative path unchanged.
      filePath: displayPath(result.filePath, context.cwd),
      source: sourceOf(result, context.cwd),
      messages: result.messages.map((message) => ({ ...message, ruleId: displayRuleId(message) })),
    }));

  const { friendly, chalk } = friendlyModule();
  const saved = { enabled: chalk.enabled, level: chalk.level };
  let output: string;
  try {
    chalk.enabled = context.color;
    chalk.level = context.color ? Math.max(saved.level, 1) : 0;
    output = friendly(prepared, { cwd: context.cwd, rulesMeta: context.rulesMeta });
  } finally {
    chalk.enabled = saved.enabled;
    chalk.level = saved.level;
  }

  output = relink(output, context);
  if (!context.color) {
    // The code frame is highlighted by @babel/highlight, which decides on colour by itself at load time.
    return output.replace(ITERM_CWD_HINT, "").replace(ANSI_SGR, "");
  }
  return output.replace(ITERM_CWD_HINT, `\u001b]1337;CurrentDir=${context.cwd}\u0007`);
};

export default formatFriendly;
