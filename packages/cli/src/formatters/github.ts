import { visibleText } from "@docklint/core";
import { docsUrl, levelOf, rangeOf, rangeText, reportPath, ruleLabel } from "./shared.js";
import type { Formatter } from "./types.js";

const COMMAND = { error: "error", warning: "warning", info: "notice" } as const;

/** A workflow command's message (as @actions/core escapes it). */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A workflow command's property value: the message escapes plus `:` and `,`, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * GitHub Actions workflow commands, one per finding
 * (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`), which the runner turns
 * into annotations on the pull request and the run: errors as `error`, warnings as `warning`,
 * infos as `notice`. The title is the rule id; the message ends with the rule id and the rule's
 * documentation URL. GitHub accepts columns only when the range is on one line, so a range over
 * several lines gives `line`/`endLine` and states the exact range in the message. Paths are
 * relative to the directory docklint ran in (the workspace, in a workflow). Clean runs print nothing.
 */
const formatGithub: Formatter = (results, context) => {
  let output = "";
  for (const result of results) {
    // A file name is shown in the run's log and annotations: its control characters as signs.
    const file = visibleText(reportPath(result.filePath, context.cwd));
    for (const message of result.messages) {
      const range = rangeOf(message);
      const properties = [`file=${escapeProperty(file)}`, `line=${range.line}`];
      if (range.line === range.endLine) properties.push(`col=${range.column}`);
      properties.push(`endLine=${range.endLine}`);
      if (range.line === range.endLine) properties.push(`endColumn=${range.endColumn}`);
      const label = ruleLabel(message);
      properties.push(`title=${escapeProperty(label)}`);
      const url = docsUrl(message, context);
      let text = message.message;
      if (range.line !== range.endLine) text += ` (${rangeText(message)})`;
      if (message.ruleId) text += ` (${message.ruleId})`;
      if (url) text += `\n${url}`;
      output += `::${COMMAND[levelOf(message)]} ${properties.join(",")}::${escapeData(text)}\n`;
    }
  }
  return output;
};

export default formatGithub;
