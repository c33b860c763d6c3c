import { docsUrl, levelOf, rangeOf } from "./shared.js";
import type { Formatter } from "./types.js";
import { XML_DECLARATION, xmlAttr } from "./xml.js";

/**
 * Checkstyle XML as ESLint's `checkstyle` formatter writes it (one `<file>` per linted file, clean
 * ones included; absolute paths; `source="docklint.rules.<id>"`; the rule id appended to the
 * message), which Jenkins warnings-ng, reviewdog, Sonar and the like read. docklint adds
 * `endLine`, `endColumn` and the rule's documentation `url` as extra attributes; checkstyle
 * readers ignore attributes they do not know. `severity` is error, warning or info.
 */
const formatCheckstyle: Formatter = (results, context) => {
  let output = `${XML_DECLARATION}\n<checkstyle version="4.3">\n`;
  for (const result of results) {
    output += `  <file name="${xmlAttr(result.filePath)}">\n`;
    for (const message of result.messages) {
      const range = rangeOf(message);
      const url = docsUrl(message, context);
      const text = message.ruleId ? `${message.message} (${message.ruleId})` : message.message;
      output +=
        `    <error line="${range.line}" column="${range.column}" endLine="${range.endLine}" endColumn="${range.endColumn}"` +
        ` severity="${levelOf(message)}" message="${xmlAttr(text)}"` +
        ` source="${message.ruleId ? xmlAttr(`docklint.rules.${message.ruleId}`) : ""}"` +
        `${url ? ` url="${xmlAttr(url)}"` : ""} />\n`;
    }
    output += "  </file>\n";
  }
  return `${output}</checkstyle>\n`;
};

export default formatCheckstyle;
