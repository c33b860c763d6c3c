import { describe, expect, it } from "vitest";
import "../../compose/index.js";
import { lintText } from "../../linter.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-privileged-host-port.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"8080:8080\"\n",
    { name: "port 1024 is not privileged", code: "services:\n  web:\n    image: x\n    ports:\n      - \"1024:1024\"\n" },
    { name: "ephemeral host port 0", code: "services:\n  web:\n    image: x\n    ports:\n      - \"0:8080\"\n" },
    { name: "unset host variable, unprivileged target", code: "services:\n  web:\n    image: x\n    ports:\n      - \"${PORT}:8080\"\n" },
    { name: "interpolated unprivileged default", code: "services:\n  web:\n    image: x\n    ports:\n      - \"${PORT:-8443}:8443\"\n" },
    { name: "expose is not publishing", code: "services:\n  web:\n    image: x\n    expose:\n      - \"80\"\n" },
    {
      name: "container port below 1024 when NET_BIND_SERVICE is dropped",
      code: "services:\n  web:\n    image: x\n    ports:\n      - \"8080:80\"\n    cap_drop:\n      - NET_BIND_SERVICE\n",
    },
    { name: "cap_drop ALL, lowercase CAP_ name", code: "services:\n  web:\n    image: x\n    ports:\n      - \"8080:80\"\n    cap_drop: [cap_all]\n" },
    { name: "cap_drop CAP_NET_BIND_SERVICE", code: "services:\n  web:\n    image: x\n    ports:\n      - \"8080:80\"\n    cap_drop: [CAP_NET_BIND_SERVICE]\n" },
    {
      name: "the service lowers the privileged range itself",
      code: "services:\n  web:\n    image: x\n    ports:\n      - \"8080:80\"\n    sysctls:\n      net.ipv4.ip_unprivileged_port_start: 0\n",
    },
    { name: "container ports not checked by option", code: "services:\n  web:\n    image: x\n    ports:\n      - \"8080:80\"\n", options: { checkContainerPorts: false } },
    { name: "long syntax unprivileged", code: "services:\n  web:\n    image: x\n    ports:\n      - target: 8000\n        published: 8080\n" },
    { name: "no services", code: "name: empty\n" },
  ],
  invalid: [
    {
      name: "a host address from a variable is quoted as written, not bracketed as an IPv6 address",
      code: 'services:\n  web:\n    image: x\n    ports:\n      - "${HTTP_BIND:-}:${HTTP_PORT:-80}:8080"\n',
      errors: [
        {
          messageId: "hostPort",
          line: 5,
          message:
            "Service `web` publishes the privileged host port 80 (`${HTTP_BIND:-}:${HTTP_PORT:-80}:8080`): ports below 1024 are reserved for the host's system services, which a container holding one can impersonate; publish a port of 1024 or above (for example 8080) and let a reverse proxy or load balancer own the low port.",
        },
      ],
    },
    {
      name: "published host port 80, at the entry",
      code: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"80:8080\"\n",
      errors: [
        {
          messageId: "hostPort",
          line: 5,
          column: 9,
          endColumn: 18,
          message:
            "Service `web` publishes the privileged host port 80 (`80:8080`): ports below 1024 are reserved for the host's system services, which a container holding one can impersonate; publish a port of 1024 or above (for example 8080) and let a reverse proxy or load balancer own the low port.",
        },
      ],
    },
    {
      name: "host and container both privileged: one finding, about the host port",
      code: "services:\n  dhcpd:\n    image: x\n    ports:\n      - 67:67/udp\n",
      errors: [{ messageId: "hostPort", data: { service: "dhcpd", port: 67, entry: "67:67/udp", example: "8067" }, line: 5, column: 9, endColumn: 18 }],
    },
    {
      name: "IP-prefixed",
      code: "services:\n  web:\n    image: x\n    ports:\n      - \"127.0.0.1:443:8443\"\n",
      errors: [{ messageId: "hostPort", data: { service: "web", port: 443, entry: "127.0.0.1:443:8443", example: "8443" }, line: 5 }],
    },
    {
      name: "IPv6-prefixed",
      code: "services:\n  web:\n    image: x\n    ports:\n      - \"[::1]:53:5353/udp\"\n",
      errors: [{ messageId: "hostPort", data: { service: "web", port: 53, entry: "[::1]:53:5353/udp", example: "8053" }, line: 5 }],
    },
    {
      name: "host range reaching below 1024",
      code: "services:\n  web:\n    image: x\n    ports:\n      - \"90-9091:8080-8081\"\n",
      errors: [{ messageId: "hostPort", data: { service: "web", port: 90, entry: "90-9091:8080-8081", example: "8090" }, line: 5 }],
    },
    {
      name: "interpolation default",
      code: "services:\n  web:\n    image: x\n    ports:\n      - \"${HTTP_PORT:-80}:8080\"\n",
      errors: [{ messageId: "hostPort", data: { service: "web", port: 80, entry: "${HTTP_PORT:-80}:8080", example: "8080" }, line: 5 }],
    },
    {
      name: "long syntax, at the published value",
      code: "services:\n  web:\n    image: x\n    ports:\n      - target: 8080\n        published: 443\n        protocol: tcp\n",
      errors: [{ messageId: "hostPort", data: { service: "web", port: 443, entry: "published: 443, target: 8080", example: "8443" }, line: 6, column: 20, endColumn: 23 }],
    },
    {
      name: "long syntax string published range",
      code: "services:\n  web:\n    image: x\n    ports:\n      - target: 8080\n        published: \"1000-1100\"\n",
      errors: [{ messageId: "hostPort", line: 6, column: 20 }],
    },
    {
      name: "container port only (ephemeral host port)",
      code: "services:\n  web:\n    image: x\n    ports:\n      - \"80\"\n",
      errors: [{ messageId: "containerPort", data: { service: "web", port: 80, entry: "80", example: "8080" }, line: 5, column: 9, endColumn: 13 }],
    },
    {
      name: "container port as a YAML number",
      code: "services:\n  web:\n    image: x\n    ports:\n      - 22\n",
      errors: [{ messageId: "containerPort", data: { service: "web", port: 22, entry: "22", example: "8022" }, line: 5 }],
    },
    {
      name: "unprivileged host port, privileged container port",
      code: "services:\n  web:\n    image: x\n    ports:\n      - \"7000:80\"\n",
      errors: [{ messageId: "containerPort", data: { service: "web", port: 80, entry: "7000:80", example: "8080" }, line: 5 }],
    },
    {
      name: "IP prefix with ephemeral host port",
      code: "services:\n  web:\n    image: x\n    ports:\n      - \"127.0.0.1::50\"\n",
      errors: [{ messageId: "containerPort", data: { service: "web", port: 50, entry: "127.0.0.1::50", example: "8050" }, line: 5 }],
    },
    {
      name: "long syntax container port, at the target value",
      code: "services:\n  web:\n    image: x\n    ports:\n      - target: 80\n        published: 8080\n",
      errors: [{ messageId: "containerPort", line: 5, column: 17, endColumn: 19 }],
    },
    {
      name: "host port still reported when NET_BIND_SERVICE is dropped (the host side binds it)",
      code: "services:\n  web:\n    image: x\n    ports:\n      - \"80:8080\"\n    cap_drop: [NET_BIND_SERVICE]\n",
      errors: [{ messageId: "hostPort", line: 5 }],
    },
    {
      name: "ip_unprivileged_port_start above the port does not help",
      code: "services:\n  web:\n    image: x\n    ports:\n      - \"8080:80\"\n    sysctls:\n      - net.ipv4.ip_unprivileged_port_start=1024\n",
      errors: [{ messageId: "containerPort", line: 5 }],
    },
    {
      name: "merge key: at the merge site",
      code: "x-web: &web\n  ports:\n    - \"80:80\"\nservices:\n  web:\n    <<: *web\n    image: x\n",
      errors: [{ messageId: "hostPort", line: 6, column: 5, endColumn: 13 }],
    },
    {
      name: "one finding per entry",
      code: "services:\n  web:\n    image: x\n    ports:\n      - \"80:80\"\n      - \"8443:8443\"\n      - \"443:443\"\n",
      errors: [
        { messageId: "hostPort", line: 5 },
        { messageId: "hostPort", line: 7 },
      ],
    },
  ],
});

describe("no-privileged-host-port levels", () => {
  it("reports container ports at level info and host ports at the configured level", () => {
    const result = lintText("services:\n  web:\n    image: x\n    ports:\n      - \"7000:80\"\n      - \"80:8080\"\n", {
      kind: "compose",
      rules: [rule],
      config: { rules: { "no-privileged-host-port": "warn" } },
    });
    expect(result.messages.map((m) => [m.messageId, m.level])).toEqual([
      ["containerPort", "info"],
      ["hostPort", "warning"],
    ]);
  });
});
