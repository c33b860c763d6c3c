import { describe, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-unsafe-sysctls.js";

createRuleTester({ describe, it }).run(rule, {
  valid: [
    "services:\n  redis:\n    image: redis:7\n    sysctls:\n      net.core.somaxconn: 1024\n",
    {
      name: "VPN forwarding sysctls live in the container's own network namespace",
      code: "services:\n  wg:\n    image: x\n    sysctls:\n      - net.ipv4.ip_forward=1\n      - net.ipv4.conf.all.src_valid_mark=1\n      - net.ipv6.conf.all.forwarding=1\n",
    },
    { name: "IPC namespace sysctls", code: "services:\n  db:\n    image: x\n    sysctls:\n      kernel.shmmax: 68719476736\n      kernel.sem: 250 32000 100 128\n      fs.mqueue.msg_max: 100\n      kernel.shm_rmid_forced: 1\n" },
    { name: "kernel.domainname in the container's UTS namespace", code: "services:\n  app:\n    image: x\n    sysctls:\n      - kernel.domainname=example.com\n" },
    { name: "net.* with another service's network namespace", code: "services:\n  app:\n    image: x\n    network_mode: service:vpn\n    sysctls:\n      - net.ipv4.ip_forward=1\n" },
    { name: "IPC sysctls with a shareable IPC namespace", code: "services:\n  app:\n    image: x\n    ipc: shareable\n    sysctls:\n      - kernel.shmmax=1000000\n" },
    { name: "slash-separated network name", code: "services:\n  app:\n    image: x\n    sysctls:\n      - net/ipv4/ip_forward=1\n" },
    { name: "allowed by option (exact)", code: "services:\n  es:\n    image: x\n    sysctls:\n      - vm.max_map_count=262144\n", options: { allow: ["vm.max_map_count"] } },
    { name: "allowed by option (prefix)", code: "services:\n  es:\n    image: x\n    sysctls:\n      vm.swappiness: 10\n", options: { allow: ["vm.*"] } },
    { name: "unset variable in the name", code: "services:\n  app:\n    image: x\n    sysctls:\n      - ${SYSCTL}=1\n" },
    { name: "network_mode from an unset variable is not assumed host", code: "services:\n  app:\n    image: x\n    network_mode: ${MODE}\n    sysctls:\n      - net.core.somaxconn=1024\n" },
    { name: "no services", code: "name: empty\n" },
  ],
  invalid: [
    {
      name: "not namespaced (map form), at the key",
      code: "services:\n  es:\n    image: elasticsearch:8.15.0\n    sysctls:\n      vm.max_map_count: 262144\n",
      errors: [
        {
          messageId: "notNamespaced",
          line: 5,
          column: 7,
          endColumn: 23,
          message:
            "Service `es` sets the sysctl `vm.max_map_count`, which is not namespaced: it would change the whole host's kernel, so the runtime refuses to start the container (\"not in a separate kernel namespace\"); set it on the host (`/etc/sysctl.d/`) and remove it here.",
        },
      ],
    },
    {
      name: "not namespaced (list form), at the entry",
      code: "services:\n  redis:\n    image: redis:7\n    sysctls:\n      - net.core.somaxconn=1024\n      - vm.overcommit_memory=1\n",
      errors: [{ messageId: "notNamespaced", data: { service: "redis", name: "vm.overcommit_memory" }, line: 6, column: 9, endColumn: 31 }],
    },
    {
      name: "kernel.* outside the IPC set",
      code: "services:\n  app:\n    image: x\n    sysctls:\n      - kernel.pid_max=4194304\n      - fs.file-max=100000\n",
      errors: [
        { messageId: "notNamespaced", data: { service: "app", name: "kernel.pid_max" }, line: 5 },
        { messageId: "notNamespaced", data: { service: "app", name: "fs.file-max" }, line: 6 },
      ],
    },
    {
      name: "slash-separated name",
      code: "services:\n  app:\n    image: x\n    sysctls:\n      - vm/swappiness=10\n",
      errors: [{ messageId: "notNamespaced", data: { service: "app", name: "vm.swappiness" }, line: 5 }],
    },
    {
      name: "name from an interpolation default",
      code: "services:\n  app:\n    image: x\n    sysctls:\n      - ${TUNABLE:-vm.swappiness}=10\n",
      errors: [{ messageId: "notNamespaced", data: { service: "app", name: "vm.swappiness" }, line: 5 }],
    },
    {
      name: "net.* with the host network",
      code: "services:\n  app:\n    image: x\n    network_mode: host\n    sysctls:\n      net.core.somaxconn: 1024\n",
      errors: [{ messageId: "hostNetwork", data: { service: "app", name: "net.core.somaxconn" }, line: 6, column: 7 }],
    },
    {
      name: "IPC sysctl with the host IPC namespace",
      code: "services:\n  app:\n    image: x\n    ipc: host\n    sysctls:\n      - kernel.shmmax=1000000\n",
      errors: [{ messageId: "hostIpc", data: { service: "app", name: "kernel.shmmax" }, line: 6 }],
    },
    {
      name: "kernel.hostname conflicts with hostname",
      code: "services:\n  app:\n    image: x\n    sysctls:\n      - kernel.hostname=web\n",
      errors: [{ messageId: "hostname", data: { service: "app" }, line: 5 }],
    },
    {
      name: "kernel.domainname with the host UTS namespace (through network_mode: host)",
      code: "services:\n  app:\n    image: x\n    network_mode: host\n    sysctls:\n      - kernel.domainname=example.com\n",
      errors: [{ messageId: "hostUts", data: { service: "app", name: "kernel.domainname", why: "`network_mode: host`" }, line: 6 }],
    },
    {
      name: "kernel.domainname with uts: host",
      code: "services:\n  app:\n    image: x\n    uts: host\n    sysctls:\n      - kernel.domainname=example.com\n",
      errors: [{ messageId: "hostUts", data: { service: "app", name: "kernel.domainname", why: "`uts: host`" }, line: 6 }],
    },
    {
      name: "merge key: at the merge site",
      code: "x-tune: &tune\n  sysctls:\n    vm.max_map_count: 262144\nservices:\n  es:\n    <<: *tune\n    image: x\n",
      errors: [{ messageId: "notNamespaced", line: 6, column: 5, endColumn: 14 }],
    },
    {
      name: "merge key inside the sysctls map: at that merge key",
      code: "x-tune: &tune\n  vm.max_map_count: 262144\nservices:\n  es:\n    image: x\n    sysctls:\n      <<: *tune\n      net.core.somaxconn: 1024\n",
      errors: [{ messageId: "notNamespaced", line: 7, column: 7, endColumn: 16 }],
    },
    {
      name: "extends: inherited at the extends key",
      code: "services:\n  base:\n    image: x\n    sysctls:\n      - vm.swappiness=10\n  app:\n    extends: base\n    sysctls:\n      - net.core.somaxconn=1024\n",
      errors: [
        { messageId: "notNamespaced", data: { service: "base", name: "vm.swappiness" }, line: 5 },
        { messageId: "notNamespaced", data: { service: "app", name: "vm.swappiness" }, line: 7, column: 5 },
      ],
    },
    {
      name: "partial service: the value is written here, so it is checked",
      code: "services:\n  es:\n    sysctls:\n      - vm.max_map_count=262144\n",
      errors: [{ messageId: "notNamespaced", line: 4 }],
    },
  ],
});
