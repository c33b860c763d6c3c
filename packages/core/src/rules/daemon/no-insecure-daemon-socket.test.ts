import { describe, it } from "vitest";
import "../../daemon/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-insecure-daemon-socket.js";

const TLS = '"tlsverify": true, "tlscacert": "/etc/docker/ca.pem", "tlscert": "/etc/docker/server.pem", "tlskey": "/etc/docker/server-key.pem"';

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "no hosts: the default unix socket", code: '{"icc": false}' },
    { name: "unix socket and systemd socket activation", code: '{"hosts": ["unix:///var/run/docker.sock", "fd://"]}' },
    { name: "tcp with tlsverify and the three files", code: `{"hosts": ["tcp://0.0.0.0:2376"], ${TLS}}` },
    { name: "hosts of the wrong type are valid-daemon-config's finding", code: '{"hosts": "tcp://0.0.0.0:2375"}' },
    { name: "an empty host entry", code: '{"hosts": [""]}' },
  ],
  invalid: [
    {
      name: "tcp without TLS: at the entry",
      code: '{\n  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"]\n}\n',
      errors: [{ messageId: "noTls", data: { host: "tcp://0.0.0.0:2375", missing: "`tlscacert`, `tlscert`, `tlskey`" }, line: 2, column: 44, endColumn: 64 }],
    },
    {
      name: "a host without a scheme is tcp",
      code: '{"hosts": ["0.0.0.0:2375", ":2375"]}',
      errors: [
        { messageId: "noTls", data: { host: "0.0.0.0:2375" }, line: 1, column: 12 },
        { messageId: "noTls", data: { host: ":2375" }, line: 1, column: 28 },
      ].map((e) => ({ ...e, data: { ...e.data, missing: "`tlscacert`, `tlscert`, `tlskey`" } })),
    },
    {
      name: "TCP in capitals",
      code: '{"hosts": ["TCP://10.0.0.5:2375"], "tlsverify": false}',
      errors: [{ messageId: "noTls", data: { host: "TCP://10.0.0.5:2375", missing: "`tlscacert`, `tlscert`, `tlskey`" }, line: 1, column: 12 }],
    },
    {
      name: "tls without tlsverify accepts any client",
      code: '{"hosts": ["tcp://0.0.0.0:2376"], "tls": true, "tlscert": "/c.pem", "tlskey": "/k.pem"}',
      errors: [{ messageId: "tlsWithoutVerify", data: { host: "tcp://0.0.0.0:2376", missing: "`tlscacert`" }, line: 1, column: 12 }],
    },
    {
      name: "tlsverify without naming the files",
      code: '{"hosts": ["tcp://0.0.0.0:2376"], "tlsverify": true, "tlscacert": ""}',
      errors: [{ messageId: "missingCerts", message: "dockerd listens on `tcp://0.0.0.0:2376` with `tlsverify`, but daemon.json does not name `tlscacert`, `tlscert`, `tlskey`, so dockerd falls back to files under the daemon user's ~/.docker that nobody audits; set `tlscacert`, `tlscert`, `tlskey` explicitly.", line: 1, column: 12 }],
    },
    {
      name: "a tlsverify written as a string is not true",
      code: '{"hosts": ["tcp://127.0.0.1:2375"], "tlsverify": "true"}',
      errors: [{ messageId: "noTls", data: { host: "tcp://127.0.0.1:2375", missing: "`tlscacert`, `tlscert`, `tlskey`" }, line: 1, column: 12 }],
    },
  ],
});
