import { describe, it } from "vitest";
import "../../daemon/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./require-log-rotation.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "json-file by default, with max-size", code: '{"log-opts": {"max-size": "10m", "max-file": "3"}}' },
    { name: "json-file written out", code: '{"log-driver": "json-file", "log-opts": {"max-size": "50m"}}' },
    { name: "local rotates by default", code: '{"log-driver": "local"}' },
    { name: "a remote driver keeps nothing on disk", code: '{"log-driver": "journald"}' },
    { name: "syslog with options", code: '{"log-driver": "syslog", "log-opts": {"syslog-address": "udp://10.0.0.1:514"}}' },
    { name: "a log-driver of the wrong type is valid-daemon-config's finding", code: '{"log-driver": 1}' },
  ],
  invalid: [
    { name: "nothing set: at the opening brace", code: '{\n  "icc": false\n}\n', errors: [{ messageId: "noMaxSize", data: { implicit: " (the default)" }, line: 1, column: 1, endColumn: 2 }] },
    { name: "an empty file", code: "", errors: [{ messageId: "noMaxSize", data: { implicit: " (the default)" }, line: 1, column: 1 }] },
    {
      name: "json-file without log-opts: at the driver",
      code: '{\n  "log-driver": "json-file"\n}\n',
      errors: [{ messageId: "noMaxSize", data: { implicit: "" }, line: 2, column: 17, endColumn: 28 }],
    },
    {
      name: "log-opts without max-size (max-file alone does nothing): at the log-opts key",
      code: '{\n  "log-opts": {"max-file": "3"}\n}\n',
      errors: [{ messageId: "noMaxSize", data: { implicit: " (the default)" }, line: 2, column: 3, endColumn: 13 }],
    },
    { name: "max-size -1 turns rotation off", code: '{"log-opts": {"max-size": "-1"}}', errors: [{ messageId: "unlimited", data: { value: "-1" }, line: 1, column: 27 }] },
    { name: "local with max-size -1", code: '{"log-driver": "local", "log-opts": {"max-size": "-1"}}', errors: [{ messageId: "unlimited", data: { value: "-1" }, line: 1, column: 50 }] },
  ],
});
