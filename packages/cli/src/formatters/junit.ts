import { docsUrl, levelOf, rangeOf, rangeText, reportPath, ruleLabel } from "./shared.js";
import type { Formatter } from "./types.js";
import { XML_DECLARATION, cdata, xmlAttr } from "./xml.js";

const LEVEL_WORD = { error: "Error", warning: "Warning", info: "Info" } as const;

/**
 * JUnit XML in the layout of ESLint's `junit` formatter, for CI test reports (GitLab
 * `artifacts:reports:junit`, Jenkins, Azure Pipelines): one `<testsuite>` per linted file and one
 * `<testcase>` per finding, a `<failure>` for a finding and an `<error>` for a fatal one (the file
 * could not be linted); a clean file is one passing test case. Unlike ESLint, paths are relative
 * to the directory docklint ran in (test reports show them), the test case is named after the rule
 * and the position, `failures` and `errors` are counted apart, and the failure text ends with the
 * exact range and the rule's documentation URL.
 */
const formatJunit: Formatter = (results, context) => {
  let body = "";
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const result of results) {
    const file = reportPath(result.filePath, context.cwd);
    const fileAttr = xmlAttr(file);
    if (result.messages.length === 0) {
      tests += 1;
      body += `  <testsuite name="${fileAttr}" package="docklint" tests="1" failures="0" errors="0" skipped="0" time="0">\n`;
      body += `    <testcase name="${fileAttr}" classname="${fileAttr}" time="0" />\n`;
      body += "  </testsuite>\n";
      continue;
    }
    const fatal = result.messages.filter((m) => m.fatal).length;
    const failed = result.messages.length - fatal;
    tests += result.messages.length;
    failures += failed;
    errors += fatal;
    body += `  <testsuite name="${fileAttr}" package="docklint" tests="${result.messages.length}" failures="${failed}" errors="${fatal}" skipped="0" time="0">\n`;
    for (const message of result.messages) {
      const range = rangeOf(message);
      const label = ruleLabel(message);
      const level = levelOf(message);
      const element = message.fatal ? "error" : "failure";
      const url = docsUrl(message, context);
      const detail =
        `${file}: ${rangeText(message)}, ${LEVEL_WORD[level]} - ${message.message}` +
        (message.ruleId ? ` (${message.ruleId})` : "") +
        (url ? `\n${url}` : "");
      body += `    <testcase name="${xmlAttr(`${label} at ${range.line}:${range.column}`)}" classname="${fileAttr}" time="0">\n`;
      body += `      <${element} type="${level}" message="${xmlAttr(message.message)}">${cdata(detail)}</${element}>\n`;
      body += "    </testcase>\n";
    }
    body += "  </testsuite>\n";
  }
  return `${XML_DECLARATION}\n<testsuites name="docklint" tests="${tests}" failures="${failures}" errors="${errors}" time="0">\n${body}</testsuites>\n`;
};

export default formatJunit;
