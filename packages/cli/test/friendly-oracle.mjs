// The friendly report as eslint-formatter-friendly 7.0.0 itself prints it, with what docklint's
// formatter did around it until it rendered the report itself (src/formatters/friendly.ts):
// the oracle friendly-formatter.test.ts compares that formatter with. Plain JavaScript, so that a
// child process with other colour settings can load it beside the built formatter.
import { createRequire } from "node:module";
// What the formatter did around eslint-formatter-friendly, shared with it (built: run `pnpm build`).
import { ANSI_SGR, displayPath, ITERM_CWD_HINT, sourceOf } from "../dist/formatters/friendly.js";
import { ruleLabel, ruleMeta } from "../dist/formatters/shared.js";

const require = createRequire(import.meta.url);
const friendlyPath = require.resolve("eslint-formatter-friendly");
const friendly = require(friendlyPath);
const chalk = createRequire(friendlyPath)("chalk");

/* eslint-disable no-control-regex -- ANSI escape sequences */
/** eslint-formatter-friendly 7 ignores `rulesMeta` and links every rule to eslint.org (or a Google search for `plugin/rule`). */
const FOREIGN_LINK = /(?:http:\/\/eslint\.org\/docs\/rules\/|https:\/\/google\.com\/#q=)((?:\u001b\[[\d;]*m)*)([^\s\u001b]*)/g;
/* eslint-enable no-control-regex */

/** Points the formatter's links at docklint's rule pages, as docklint did before it rendered them itself; an id without meta is shown bare. */
function relink(output, context) {
  return output.replace(FOREIGN_LINK, (_whole, codes, encodedId) => {
    let id = encodedId;
    try {
      id = decodeURIComponent(encodedId);
    } catch {
      // Not URI-encoded after all: kept as written.
    }
    const url = ruleMeta(context, id)?.docs.url;
    if (!url) return codes + id;
    const cut = url.lastIndexOf("/") + 1;
    return url.slice(0, cut) + codes + url.slice(cut);
  });
}

/** `(results, { cwd, rulesMeta, color }) => string`, as the formatter's signature. */
export function oracleFriendly(results, context) {
  const prepared = results
    .filter((result) => result.messages.length > 0)
    .map((result) => ({
      ...result,
      filePath: displayPath(result.filePath, context.cwd),
      source: sourceOf(result, context.cwd),
      messages: result.messages.map((message) => ({ ...message, ruleId: ruleLabel(message) })),
    }));
  const saved = { enabled: chalk.enabled, level: chalk.level };
  let output;
  try {
    chalk.enabled = context.color;
    chalk.level = context.color ? Math.max(saved.level, 1) : 0;
    output = friendly(prepared, { cwd: context.cwd, rulesMeta: context.rulesMeta });
  } finally {
    chalk.enabled = saved.enabled;
    chalk.level = saved.level;
  }
  output = relink(output, context);
  if (!context.color) return output.replace(ITERM_CWD_HINT, "").replace(ANSI_SGR, "");
  return output.replace(ITERM_CWD_HINT, `\u001b]1337;CurrentDir=${context.cwd}\u0007`);
}
