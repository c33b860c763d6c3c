import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-typographic-characters.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:1.27\n",
    { name: "prose label", code: "services:\n  web:\n    image: nginx:1.27\n    labels:\n      description: \"Fast – “great”, it’s small\"\n" },
    { name: "comment", code: "services:\n  web:\n    image: nginx:1.27 # –cap-drop “x”\n" },
  ],
  invalid: [
    {
      name: "whole plain scalar in curly quotes",
      code: "services:\n  web:\n    image: “nginx:1.27”\n",
      errors: [{ messageId: "quote", line: 3, column: 12, endColumn: 24 }],
      output: "services:\n  web:\n    image: \"nginx:1.27\"\n",
    },
    {
      name: "dash flag in command",
      code: "services:\n  web:\n    image: nginx:1.27\n    command: nginx –g 'daemon off;'\n",
      errors: [{ messageId: "dash", line: 4, column: 20, endColumn: 21 }],
      output: "services:\n  web:\n    image: nginx:1.27\n    command: nginx -g 'daemon off;'\n",
    },
    {
      name: "inside a double-quoted YAML scalar the fix escapes",
      code: "services:\n  web:\n    image: nginx:1.27\n    command: [\"sh\", \"-c\", \"echo “hi”\"]\n",
      errors: [{ messageId: "quote", line: 4, column: 33, endColumn: 37 }],
      output: "services:\n  web:\n    image: nginx:1.27\n    command: [\"sh\", \"-c\", \"echo \\\"hi\\\"\"]\n",
    },
    {
      name: "no-break space in an environment value",
      code: "services:\n  web:\n    image: nginx:1.27\n    environment:\n      OPTS: -Xmx1g\u00a0-Xms1g\n",
      errors: [{ messageId: "space", line: 5, column: 19 }],
      output: "services:\n  web:\n    image: nginx:1.27\n    environment:\n      OPTS: -Xmx1g -Xms1g\n",
    },
  ],
});
