import { visibleText, type LintMessage } from "@docklint/core";
import type { Formatter } from "./types.js";

function messageType(message: LintMessage): string {
  if (message.fatal || message.severity === 2) return "Error";
  // "Info" is also what VS Code's $eslint-compact problem matcher accepts.
  return message.level === "info" ? "Info" : "Warning";
}

/** ESLint's compact format, line for line, so existing problem matchers and scripts read it. */
const formatCompact: Formatter = (results) => {
  let output = "";
  let total = 0;
  for (const result of results) {
    total += result.messages.length;
    for (const message of result.messages) {
      output += `${visibleText(result.filePath)}: line ${message.line || 0}, col ${message.column || 0}, ${messageType(message)} - ${message.message}`;
      output += message.ruleId ? ` (${message.ruleId})\n` : "\n";
    }
  }
  if (total > 0) output += `\n${total} problem${total !== 1 ? "s" : ""}`;
  return output;
};

export default formatCompact;
