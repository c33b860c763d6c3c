import { describe, expect, it } from "vitest";
import "../../compose/index.js";
import { lintText } from "../../linter.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./no-sensitive-host-mount.js";

const volumes = (...entries: string[]): string => `services:\n  web:\n    image: nginx:1.27\n    volumes:\n${entries.map((e) => `      - ${e}\n`).join("")}`;

createRuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "relative path", code: volumes("./data:/data", "../config:/etc/app:ro") },
    { name: "named volume", code: volumes("data:/etc/app") },
    { name: "anonymous volume at a system path in the container", code: volumes("/var/lib/backup/data", "/usr/src/app/node_modules") },
    { name: "host paths that are not system directories", code: volumes("/srv/app:/srv", "/opt/data:/var/lib/mysql", "/mnt/usb:/share", "/home/me/project:/app", "/data/redis:/data") },
    { name: "home directory", code: volumes("~/.config/app:/config", "$HOME/.msf4:/home/msf/.msf4") },
    { name: "a path starting with an unknown variable", code: volumes("${DATA_PATH_HOST}/mysql:/var/lib/mysql", "${ROOT}/etc:/etc/app") },
    { name: "default that is not sensitive", code: volumes("${DOCKER_VOLUME_STORAGE:-/mnt/docker-volumes}/db:/var/lib/postgresql") },
    { name: "a sibling whose name starts like a listed directory", code: volumes("/etcd-data:/data", "/devices:/d", "/varnish:/v") },
    { name: "the Docker socket is no-docker-socket-mount's", code: volumes("/var/run/docker.sock:/var/run/docker.sock", "/run/docker.sock:/tmp/docker.sock:ro") },
    {
      name: "Podman's sockets, rootful and rootless, are no-docker-socket-mount's too (glances' compose file)",
      code: volumes("/run/user/1000/podman/podman.sock:/run/user/1000/podman/podman.sock:ro", "/run/podman/podman.sock:/var/run/docker.sock:ro", "/var/run/podman/podman.sock:/a.sock", "/run/user/1000/docker.sock:/b.sock"),
    },
    { name: "devices that hold nothing, read-write too (formbricks)", code: volumes("${GCP_CREDS:-/dev/null}:/secrets/gcp.json:ro", "/dev/null:/app/.env", "/dev/urandom:/dev/random") },
    { name: "allowed read-only files", code: volumes("/etc/localtime:/etc/localtime:ro", "/etc/timezone:/etc/timezone:ro", "/usr/share/zoneinfo:/usr/share/zoneinfo:ro", "/etc/os-release:/host/etc/os-release:ro") },
    { name: "web root is the site, not the host", code: volumes("/var/www/html:/usr/share/nginx/html") },
    { name: "allow option", code: volumes("/var/log:/var/log:ro"), options: { allow: ["/var/log:ro"] } },
    { name: "paths option replaces the list", code: volumes("/etc/app:/etc/app"), options: { paths: ["/home"] } },
    { name: "long syntax, volume type", code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - type: volume\n        source: etc\n        target: /etc/app\n" },
    { name: "top-level volume without bind", code: "services:\n  web:\n    image: nginx:1.27\nvolumes:\n  nfs:\n    driver_opts:\n      type: nfs\n      o: addr=10.0.0.1,rw\n      device: \":/etc\"\n" },
    { name: "top-level mountpoint from an unknown variable", code: "volumes:\n  db:\n    driver: local-persist\n    driver_opts:\n      mountpoint: ${CONTAINERVOLUME}/mysql\n" },
  ],
  invalid: [
    {
      name: "/etc read-write: at the entry, error",
      code: volumes("/etc:/host/etc"),
      errors: [{ messageId: "sensitive", data: { service: "web", source: "/etc", what: "the host's configuration, with its password hashes and keys" }, line: 5, column: 9, endLine: 5, endColumn: 23 }],
    },
    {
      name: "read-only still reported (as a warning)",
      code: volumes("/:/rootfs:ro", "/proc:/host/proc:ro", "/sys:/host/sys:ro"),
      errors: [
        { messageId: "sensitiveReadOnly", data: { service: "web", source: "/", what: "the host's whole filesystem" }, line: 5, column: 9 },
        { messageId: "sensitiveReadOnly", data: { service: "web", source: "/proc", what: "the host's process and kernel interface" }, line: 6, column: 9 },
        { messageId: "sensitiveReadOnly", data: { service: "web", source: "/sys", what: "the host's kernel and device settings" }, line: 7, column: 9 },
      ],
    },
    {
      name: "allowed files only read-only",
      code: volumes("/etc/localtime:/etc/localtime"),
      errors: [{ messageId: "sensitive", line: 5, column: 9 }],
    },
    {
      name: "under listed directories, most specific description",
      code: volumes("/lib/modules:/lib/modules", "/var/lib/docker:/var/lib/docker", "/dev/shm:/dev/shm", "/var/run/mysqld/mysqld.sock:/run/mysqld.sock", "/root/.ssh:/root/.ssh:ro"),
      errors: [
        { messageId: "sensitive", data: { service: "web", source: "/lib/modules", what: "the host's kernel modules" }, line: 5 },
        { messageId: "sensitive", data: { service: "web", source: "/var/lib/docker", what: "Docker's own state, with every container's filesystem" }, line: 6 },
        { messageId: "sensitive", data: { service: "web", source: "/dev/shm", what: "the host's shared memory" }, line: 7 },
        { messageId: "socket", data: { service: "web", source: "/var/run/mysqld/mysqld.sock", what: "under `/var/run`, the sockets and runtime state of the host's daemons" }, line: 8 },
        { messageId: "sensitiveReadOnly", data: { service: "web", source: "/root/.ssh", what: "under `/root`, the host root user's home" }, line: 9 },
      ],
    },
    {
      name: "a daemon's socket: connecting is what a process does with it, so read-only changes nothing (containerd's, D-Bus's)",
      code: volumes("/run/containerd/containerd.sock:/run/containerd/containerd.sock:ro", "/var/run/dbus/system_bus_socket:/var/run/dbus/system_bus_socket:ro", "/run/containerd/containerd.sock.ttrpc:/x"),
      errors: [
        {
          messageId: "socket",
          message:
            "Service `web` bind-mounts the socket `/run/containerd/containerd.sock` from the host (under `/run/containerd`, containerd's API socket and state), so a process in the container can connect to it and use that daemon's API with the daemon's rights, read-only or not (`:ro` protects the socket file, not the daemon behind it); remove the mount, or, if the service must talk to that daemon, list the path in this rule's `allow` option.",
          line: 5,
          column: 9,
        },
        { messageId: "socket", data: { service: "web", source: "/var/run/dbus/system_bus_socket", what: "under `/var/run`, the sockets and runtime state of the host's daemons" }, line: 6 },
        { messageId: "socket", data: { service: "web", source: "/run/containerd/containerd.sock.ttrpc", what: "under `/run/containerd`, containerd's API socket and state" }, line: 7 },
      ],
    },
    {
      name: "the directory that holds the sockets is still reported as a directory",
      code: volumes("/run/containerd:/run/containerd:ro", "/var/run/podman:/var/run/podman"),
      errors: [
        { messageId: "sensitiveReadOnly", data: { service: "web", source: "/run/containerd", what: "containerd's API socket and state" }, line: 5 },
        { messageId: "sensitive", data: { service: "web", source: "/var/run/podman", what: "under `/var/run`, the sockets and runtime state of the host's daemons" }, line: 6 },
      ],
    },
    {
      name: "top-level volume binding a socket: every service that mounts it can connect to it",
      code: "volumes:\n  bus:\n    driver_opts:\n      type: none\n      o: bind,ro\n      device: /run/dbus/system_bus_socket\n",
      errors: [{ messageId: "volume", data: { volume: "bus", source: "/run/dbus/system_bus_socket", what: "under `/run`, the sockets and runtime state of the host's daemons", access: "connect to" }, line: 6, column: 15 }],
    },
    {
      name: "path tricks: trailing slash, double slash, dot-dot",
      code: volumes("/etc/:/a", "//usr//bin:/b", "/opt/../boot:/c"),
      errors: [
        { messageId: "sensitive", line: 5 },
        { messageId: "sensitive", data: { service: "web", source: "//usr//bin", what: "under `/usr`, the host's programs and libraries" }, line: 6 },
        { messageId: "sensitive", data: { service: "web", source: "/opt/../boot", what: "the host's kernel and boot loader" }, line: 7 },
      ],
    },
    {
      name: "interpolated default",
      code: volumes("${HOST_ROOT:-/}:/hostfs:ro"),
      errors: [{ messageId: "sensitiveReadOnly", line: 5, column: 9 }],
    },
    {
      name: "a known sensitive prefix before an unknown variable",
      code: volumes("/etc/${APP}:/config"),
      errors: [{ messageId: "sensitive", line: 5, column: 9 }],
    },
    {
      name: "long syntax bind",
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - type: bind\n        source: /etc/exercise\n        target: /etc/exercise\n      - type: bind\n        source: /sys/fs/cgroup\n        target: /sys/fs/cgroup\n        read_only: true\n",
      errors: [
        { messageId: "sensitive", line: 5, column: 9, endLine: 7, endColumn: 30 },
        { messageId: "sensitiveReadOnly", line: 8, column: 9 },
      ],
    },
    {
      name: "/var as a whole, like KICS",
      code: volumes("/var/log:/var/log:ro", "/var/data:/data"),
      errors: [
        { messageId: "sensitiveReadOnly", data: { service: "web", source: "/var/log", what: "the host's logs" }, line: 5 },
        { messageId: "sensitive", data: { service: "web", source: "/var/data", what: "under `/var`, the host's state" }, line: 6 },
      ],
    },
    {
      name: "paths option with a user-listed directory",
      code: volumes("/home/me:/home/me"),
      options: { paths: ["/home"] },
      errors: [{ messageId: "sensitive", data: { service: "web", source: "/home/me", what: "under `/home`, which this project lists as sensitive" }, line: 5 }],
    },
    {
      name: "top-level volume binding a host directory: at the device",
      code: "services:\n  web:\n    image: nginx:1.27\n    volumes: [vol:/data]\nvolumes:\n  vol:\n    driver: local\n    driver_opts:\n      type: none\n      o: bind\n      device: /var/lib/backup/data\n",
      errors: [{ messageId: "volume", data: { volume: "vol", source: "/var/lib/backup/data", what: "under `/var`, the host's state", access: "read and change" }, line: 11, column: 15, endColumn: 35 }],
    },
    {
      name: "top-level volume, read-only bind",
      code: "volumes:\n  etc:\n    driver_opts:\n      type: none\n      o: bind,ro\n      device: /etc\n",
      errors: [{ messageId: "volume", data: { volume: "etc", source: "/etc", what: "the host's configuration, with its password hashes and keys", access: "read" }, line: 6, column: 15 }],
    },
    {
      name: "top-level volume plugin mountpoint",
      code: "volumes:\n  wp-content:\n    driver: local-persist\n    driver_opts:\n      mountpoint: /var/data\n",
      errors: [{ messageId: "volume", line: 5, column: 19 }],
    },
    {
      name: "partial service: the value is written here",
      code: "services:\n  web:\n    volumes:\n      - /etc/ssl:/etc/ssl\n",
      errors: [{ messageId: "sensitive", line: 4, column: 9 }],
    },
    {
      name: "merge key: at the merge site",
      code: "x-host: &host\n  volumes:\n    - /proc:/host/proc:ro\nservices:\n  agent:\n    <<: *host\n    image: agent:1\n",
      errors: [{ messageId: "sensitiveReadOnly", line: 6, column: 5 }],
    },
  ],
});

describe("no-sensitive-host-mount levels", () => {
  it("reports a read-only mount one level lower than a read-write one", () => {
    const result = lintText(volumes("/etc:/host/etc", "/etc:/host/etc-ro:ro"), {
      filePath: "compose.yaml",
      rules: [rule],
      config: { rules: { "no-sensitive-host-mount": "error" } },
    });
    expect(result.messages.map((m) => [m.line, m.messageId, m.level])).toEqual([
      [5, "sensitive", "error"],
      [6, "sensitiveReadOnly", "warning"],
    ]);
  });
  it("reports a read-only socket as a read-write one: `:ro` does not stop a connection", () => {
    const result = lintText(volumes("/run/containerd/containerd.sock:/a.sock:ro", "/run/containerd/containerd.sock:/b.sock"), {
      filePath: "compose.yaml",
      rules: [rule],
      config: { rules: { "no-sensitive-host-mount": "error" } },
    });
    expect(result.messages.map((m) => [m.line, m.messageId, m.level])).toEqual([
      [5, "socket", "error"],
      [6, "socket", "error"],
    ]);
  });
});
