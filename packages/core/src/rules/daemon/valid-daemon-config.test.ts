import { describe, it } from "vitest";
import "../../daemon/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-daemon-config.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "empty file", code: "" },
    { name: "empty object", code: "{}\n" },
    {
      name: "the settings of the dockerd reference, with their types",
      code: JSON.stringify(
        {
          "authorization-plugins": ["authz-broker"],
          bip: "172.26.0.1/16",
          builder: { gc: { enabled: true, defaultKeepStorage: "10GB" } },
          "default-address-pools": [{ base: "172.30.0.0/16", size: 24 }],
          "default-cgroupns-mode": "private",
          "default-ulimits": { nofile: { Name: "nofile", Hard: 64000, Soft: 64000 } },
          "default-network-opts": { bridge: { "com.docker.network.driver.mtu": "1400" } },
          dns: ["10.0.0.2"],
          features: { "containerd-snapshotter": true, cdi: true },
          hosts: ["unix:///var/run/docker.sock"],
          icc: false,
          "log-driver": "json-file",
          "log-level": "info",
          "log-opts": { "max-size": "10m", "max-file": "3", labels: "app" },
          mtu: 1450,
          proxies: { "http-proxy": "http://proxy:3128", "no-proxy": "localhost" },
          runtimes: { nvidia: { path: "nvidia-container-runtime", runtimeArgs: [] } },
          "shutdown-timeout": 30,
          "storage-opts": ["overlay2.size=20G"],
          "userns-remap": "default",
        },
        null,
        2,
      ),
    },
    { name: "a negative integer", code: '{"shutdown-timeout": -1}' },
    { name: "an empty string leaves an enumerated setting at its default", code: '{"log-level": "", "firewall-backend": ""}' },
  ],
  invalid: [
    {
      name: "an unknown key with a close match",
      code: '{\n  "insecure-registry": ["r:5000"]\n}\n',
      errors: [{ messageId: "unknownKey", data: { path: "insecure-registry", suggestion: "insecure-registries" }, line: 2, column: 3, endLine: 2, endColumn: 22 }],
    },
    {
      name: "snake_case and camelCase spellings suggest the dockerd name",
      code: '{"live_restore": true, "liveRestore": true}',
      errors: [
        { messageId: "unknownKey", data: { path: "live_restore", suggestion: "live-restore" }, line: 1, column: 2 },
        { messageId: "unknownKey", data: { path: "liveRestore", suggestion: "live-restore" }, line: 1, column: 24 },
      ],
    },
    {
      name: "an unknown key with nothing close",
      code: '{"zzzzzzzzzzzzzzzz": 1}',
      errors: [{ messageId: "unknownKeyNoSuggestion", data: { path: "zzzzzzzzzzzzzzzz" }, line: 1, column: 2, endColumn: 20 }],
    },
    {
      name: "a removed key names its replacement",
      code: '{\n  "graph": "/data/docker"\n}\n',
      errors: [{ messageId: "removedKey", message: '`graph` is no longer a daemon.json setting, and current dockerd releases refuse to start with it; use "data-root" instead.', line: 2, column: 3 }],
    },
    {
      name: "a boolean written as a string",
      code: '{\n  "icc": "false"\n}\n',
      errors: [
        {
          messageId: "wrongType",
          message: '`icc` must be a boolean (true or false), but it is the string "false", and dockerd refuses to start; write false without quotes.',
          line: 2,
          column: 10,
          endColumn: 17,
        },
      ],
    },
    {
      name: "log-opts values must be strings",
      code: '{\n  "log-opts": {\n    "max-size": "10m",\n    "max-file": 3\n  }\n}\n',
      errors: [{ messageId: "wrongType", data: { path: "log-opts.max-file", expected: "a string", actual: "the number 3", fix: 'write "3" in quotes' }, line: 4, column: 17, endColumn: 18 }],
    },
    {
      name: "an integer written with a fraction or as a string",
      code: '{"mtu": 1500.0, "max-concurrent-downloads": "3"}',
      errors: [
        { messageId: "wrongType", data: { path: "mtu", expected: "a whole number", actual: "the number 1500.0", fix: "write a whole number such as 1500" }, line: 1, column: 9 },
        { messageId: "wrongType", data: { path: "max-concurrent-downloads", expected: "a whole number", actual: 'the string "3"', fix: "write 3 without quotes" }, line: 1, column: 45 },
      ],
    },
    {
      // 1e309 is Infinity to JavaScript: "such as Infinity" was the advice.
      name: "an integer too large for any whole number near it",
      code: '{"mtu": 1e309, "shutdown-timeout": 1e300}',
      errors: [
        { messageId: "wrongType", data: { path: "mtu", expected: "a whole number", actual: "the number 1e309", fix: "write a whole number" }, line: 1, column: 9 },
        { messageId: "wrongType", data: { path: "shutdown-timeout", expected: "a whole number", actual: "the number 1e300", fix: "write a whole number" }, line: 1, column: 36 },
      ],
    },
    {
      name: "a list written as a string, and a bad item in a list",
      code: '{\n  "insecure-registries": "r:5000",\n  "dns": ["8.8.8.8", 1]\n}\n',
      errors: [
        { messageId: "wrongType", data: { path: "insecure-registries", expected: "an array", actual: 'the string "r:5000"', fix: 'write a list: ["r:5000"]' }, line: 2, column: 26 },
        { messageId: "wrongType", data: { path: "dns[1]", expected: "a string", actual: "the number 1", fix: 'write "1" in quotes' }, line: 3, column: 22 },
      ],
    },
    {
      name: "a value outside an enumeration",
      code: '{"log-level": "verbose"}',
      errors: [{ messageId: "badValue", data: { path: "log-level", actual: 'the string "verbose"', allowed: '"debug", "info", "warn", "error", "fatal", "panic", "trace"' }, line: 1, column: 15, endColumn: 24 }],
    },
    {
      name: "nested objects: unknown properties and wrong types",
      code: '{\n  "proxies": { "http_proxy": "http://p:3128" },\n  "default-ulimits": { "nofile": { "Name": "nofile", "Hard": "64000", "Soft": 1024 } },\n  "features": { "cdi": "yes" }\n}\n',
      errors: [
        { messageId: "unknownKey", data: { path: "proxies.http_proxy", suggestion: "proxies.http-proxy" }, line: 2, column: 16 },
        { messageId: "wrongType", data: { path: "default-ulimits.nofile.Hard", expected: "a whole number", actual: 'the string "64000"', fix: "write 64000 without quotes" }, line: 3, column: 62 },
        { messageId: "wrongType", data: { path: "features.cdi", expected: "a boolean (true or false)", actual: 'the string "yes"', fix: "write a boolean (true or false)" }, line: 4, column: 24 },
      ],
    },
    {
      name: "a key set twice",
      code: '{\n  "icc": true,\n  "icc": false\n}\n',
      errors: [{ messageId: "duplicateKey", data: { path: "icc", line: 2 }, line: 3, column: 3 }],
    },
    {
      name: "an object where a list is expected",
      code: '{"hosts": {"a": "b"}}',
      errors: [{ messageId: "wrongType", data: { path: "hosts", expected: "an array", actual: "an object", fix: "write an array" }, line: 1, column: 11 }],
    },
  ],
});
