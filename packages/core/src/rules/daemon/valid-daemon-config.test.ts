import { describe, it } from "vitest";
import "../../daemon/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import rule from "./valid-daemon-config.js";

/** The 1-based column where `needle` starts in a one-line `code`. */
const at = (code: string, needle: string): number => code.indexOf(needle) + 1;

/** One-line files, each with one finding at `needle` (a value or key, quotes included). */
const oneFinding = (name: string, settings: string, needle: string, messageId: string, data?: Record<string, string>) => {
  const code = `{${settings}}`;
  return { name, code, errors: [{ messageId, ...(data ? { data } : {}), line: 1, column: at(code, needle), endColumn: at(code, needle) + needle.length }] };
};

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
    { name: "keys that dockerd reads although its reference omits them", code: '{"min-api-version": "1.44", "default-stop-timeout": 30, "cri-containerd": false, "network-diagnostic-port": 7946, "nri-opts": {"enable": true, "socket-path": "/var/run/nri/nri.sock"}}' },
    { name: "a log level in capitals (dockerd lower-cases it)", code: '{"log-level": "DEBUG"}' },
    { name: "struct fields match without regard to case", code: '{"default-ulimits": {"nofile": {"name": "nofile", "hard": 64000, "soft": 64000}}, "runtimes": {"crun": {"Path": "/usr/bin/crun"}}}' },
    {
      name: "addresses dockerd parses, in every form it accepts",
      code: JSON.stringify({
        dns: ["1.1.1.1", "2001:4860:4860::8888", "fe80::1%eth0", "::ffff:10.0.0.1"],
        ip: "0.0.0.0",
        "default-gateway": "172.17.0.1",
        "default-gateway-v6": "fd00::1",
        "host-gateway-ips": ["192.0.2.1", "2001:db8::1"],
        bip: "172.26.0.1/16",
        "fixed-cidr": "172.26.5.0/24",
        "fixed-cidr-v6": "fd00:1::/64",
        "default-address-pools": [{ base: "10.10.0.0/16", size: 24 }, { base: "fd00:10::/48", size: 64 }],
      }),
    },
    { name: "bip6 is read only with ipv6 on", code: '{"bip6": "fd00:1::1"}' },
    {
      name: "runc shim options of the right types, in any case, and another shim's options unread",
      code: JSON.stringify({
        runtimes: {
          crun: { runtimeType: "io.containerd.runc.v2", options: { BinaryName: "/usr/bin/crun", systemdcgroup: true, Root: "/run/crun", NoPivotRoot: null } },
          gvisor: { runtimeType: "io.containerd.runsc.v1", options: { TypeUrl: "io.containerd.runsc.v1.options", ConfigPath: "/etc/containerd/runsc.toml", Debug: 1 } },
        },
      }),
    },
    { name: "a relative userland-proxy-path with the proxy off", code: '{"userland-proxy": false, "userland-proxy-path": "docker-proxy"}' },
    {
      name: "hosts, mirrors and registries in their accepted forms",
      code: JSON.stringify({
        hosts: ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376", "127.0.0.1:2375", "tcp://[::1]:2376", "fd://", "unix://", ""],
        // A `?` with nothing after it leaves Go's RawQuery empty: ValidateMirror takes it.
        "registry-mirrors": ["https://mirror.gcr.io", "http://10.0.0.5:5000/", "https://mirror.example.com/docker/", "HTTPS://mirror.example.com/?", "https://[2001:db8::5]:5000"],
        "insecure-registries": ["registry.local:5000", "10.1.0.0/16", "http://myregistry:5000", "[2001:db8::1]:5000", "192.0.2.7"],
        labels: ["com.example.env=prod", "owner=a=b", "env=prod", "env=prod"],
        "dns-search": ["example.com", ".", "corp.example.com."],
        "node-generic-resources": ["NVIDIA-GPU=UUID1", "SSD=3"],
        "exec-opts": [" native.cgroupdriver = systemd "],
        "cgroup-parent": "docker.slice",
        "bridge-accept-fwmark": "0x1/0xff",
        "userns-remap": "dockremap:dockremap",
      }),
    },
    {
      name: "runtimes and the default runtime",
      code: JSON.stringify({
        "default-runtime": "io.containerd.runsc.v1",
        runtimes: { crun: { path: "/usr/bin/crun", runtimeArgs: ["--debug"] }, kata: { runtimeType: "io.containerd.kata.v2", options: { ConfigPath: "/etc/kata.toml" } }, "io.containerd.runc.v2": { path: "/usr/bin/runc" } },
      }),
    },
    { name: "a default runtime defined under runtimes", code: '{"default-runtime": "crun", "runtimes": {"crun": {"path": "/usr/bin/crun"}}}' },
    { name: "log options of the default driver and of others", code: '{"log-opts": {"max-size": "10m", "max-file": "3", "compress": "true", "tag": "{{.Name}}", "mode": "non-blocking", "max-buffer-size": "4m"}}' },
    { name: "log options of another driver", code: '{"log-driver": "syslog", "log-opts": {"syslog-facility": "daemon", "syslog-address": "udp://1.2.3.4:514"}}' },
    { name: "a plugin log driver's options are its own", code: '{"log-driver": "loki", "log-opts": {"loki-url": "http://loki:3100/loki/api/v1/push"}}' },
    { name: "the builder's settings, as the reference writes them", code: '{"builder": {"gc": {"enabled": true, "defaultKeepStorage": "10GB", "policy": [{"keepStorage": "10GB", "filter": ["unused-for=2200h"]}, {"keepStorage": "50GB", "all": true}]}, "entitlements": {"network-host": true}}}' },
    // aufs is no-aufs-storage-driver's finding.
    { name: "storage drivers dockerd has, and aufs", code: '{"storage-driver": "overlay2"}' },
    { name: "aufs is left to no-aufs-storage-driver", code: '{"storage-driver": "aufs"}' },
    { name: "default-shm-size and counts at their bounds", code: '{"default-shm-size": "64M", "mtu": 0, "max-download-attempts": 0, "network-diagnostic-port": 65535}' },
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
    oneFinding("a removed storage driver", '"storage-driver": "devicemapper"', '"devicemapper"', "removedStorageDriver", { value: "devicemapper", release: "25.0" }),
    oneFinding("api-cors-header is gone", '"api-cors-header": "*"', '"api-cors-header"', "removedKey"),
    oneFinding("an unknown field of a struct is ignored, not refused", '"default-ulimits": {"nofile": {"Name": "nofile", "Hard": 1, "Soft": 1, "Hrad": 2}}', '"Hrad"', "ignoredKey", { path: "default-ulimits.nofile.Hrad", suggestion: "default-ulimits.nofile.Hard" }),
    oneFinding("nri-opts refuses unknown fields", '"nri-opts": {"enabled": true}', '"enabled"', "unknownKey", { path: "nri-opts.enabled", suggestion: "nri-opts.enable" }),
    oneFinding("an integer beyond 64 bits", '"max-concurrent-downloads": 9223372036854775808', "9223372036854775808", "outOfRange", { path: "max-concurrent-downloads", actual: "9223372036854775808", range: "whole numbers within 64 bits" }),
    oneFinding("a negative count", '"mtu": -1', "-1", "outOfRange", { path: "mtu", actual: "-1", range: "0 or more" }),
    oneFinding("a port above 65535", '"network-diagnostic-port": 70000', "70000", "outOfRange", { path: "network-diagnostic-port", actual: "70000", range: "0 to 65535" }),
    oneFinding("a DNS server that is no address", '"dns": ["8.8.8"]', '"8.8.8"', "badFormat"),
    oneFinding("an IPv4 address with a leading zero", '"ip": "010.0.0.1"', '"010.0.0.1"', "badFormat"),
    oneFinding("a zone where net.ParseIP allows none", '"default-gateway-v6": "fe80::1%eth0"', '"fe80::1%eth0"', "badFormat"),
    oneFinding("an IPv6 address with two ellipses", '"dns": ["fd00::1::2"]', '"fd00::1::2"', "badFormat"),
    oneFinding("a pool base without a prefix length", '"default-address-pools": [{"base": "172.80.0.0", "size": 24}]', '"172.80.0.0"', "badFormat"),
    oneFinding("bip without a prefix length", '"bip": "172.17.0.1"', '"172.17.0.1"', "badFormat"),
    oneFinding("bip6 without a prefix length, with ipv6 on", '"ipv6": true, "bip6": "fd00:1::1"', '"fd00:1::1"', "badFormat"),
    oneFinding("fixed-cidr-v6 that is IPv4", '"fixed-cidr-v6": "10.10.0.0/24"', '"10.10.0.0/24"', "badFormat"),
    oneFinding("fixed-cidr-v6 with a prefix too long", '"fixed-cidr-v6": "fd00::/200"', '"fd00::/200"', "badFormat"),
    oneFinding("a shm size dockerd cannot parse", '"default-shm-size": "64x"', '"64x"', "badFormat"),
    oneFinding("an empty shm size", '"default-shm-size": ""', '""', "badFormat"),
    oneFinding("a host on an unknown protocol", '"hosts": ["ftp://127.0.0.1:2375"]', '"ftp://127.0.0.1:2375"', "badFormat"),
    oneFinding("a TCP host with port 0", '"hosts": ["tcp://127.0.0.1:0"]', '"tcp://127.0.0.1:0"', "badFormat"),
    oneFinding("a TCP host with a path", '"hosts": ["tcp://127.0.0.1:2375/docker"]', '"tcp://127.0.0.1:2375/docker"', "badFormat"),
    oneFinding("a mirror without a scheme", '"registry-mirrors": ["mirror.example.com"]', '"mirror.example.com"', "badFormat", {
      path: "registry-mirrors[0]",
      problem: '"mirror.example.com" has no scheme',
      fix: "write https://mirror.example.com",
    }),
    oneFinding("a mirror on another scheme", '"registry-mirrors": ["ftp://m.example.com"]', '"ftp://m.example.com"', "badFormat"),
    oneFinding("a mirror with credentials", '"registry-mirrors": ["https://u:p@m.example.com"]', '"https://u:p@m.example.com"', "badFormat"),
    oneFinding("a mirror with a query", '"registry-mirrors": ["https://m.example.com/?ns=docker.io"]', '"https://m.example.com/?ns=docker.io"', "badFormat"),
    // url.Parse refuses these, and so ValidateMirror ("is not a valid URI").
    oneFinding("a mirror with a bad %-escape", '"registry-mirrors": ["https://m.example.com/%zz"]', '"https://m.example.com/%zz"', "badFormat", {
      path: "registry-mirrors[0]",
      problem: '"https://m.example.com/%zz" is not a valid URL: "%zz" is not a %-escape',
      fix: "write the mirror as https://HOST[:PORT][/PATH]",
    }),
    oneFinding("a mirror whose port is not a number", '"registry-mirrors": ["https://m.example.com:docker"]', '"https://m.example.com:docker"', "badFormat"),
    oneFinding("a mirror with an unclosed IPv6 bracket", '"registry-mirrors": ["https://[2001:db8::5:5000"]', '"https://[2001:db8::5:5000"', "badFormat"),
    oneFinding("a mirror with a fragment", '"registry-mirrors": ["https://m.example.com/#top"]', '"https://m.example.com/#top"', "badFormat"),
    oneFinding("a TCP host whose port overflows strconv.Atoi", '"hosts": ["tcp://127.0.0.1:99999999999999999999"]', '"tcp://127.0.0.1:99999999999999999999"', "badFormat"),
    oneFinding("a TCP host with a space in its name", '"hosts": ["tcp://my host:2375"]', '"tcp://my host:2375"', "badFormat", {
      path: "hosts[0]",
      problem: '"tcp://my host:2375" is not a valid TCP address: a host cannot hold " "',
      fix: "write tcp://HOST:PORT, e.g. tcp://127.0.0.1:2376",
    }),
    oneFinding("an insecure registry on another scheme", '"insecure-registries": ["ftp://r.example.com"]', '"ftp://r.example.com"', "badFormat"),
    oneFinding("an insecure registry with a path", '"insecure-registries": ["r.example.com/team"]', '"r.example.com/team"', "badFormat"),
    oneFinding("an insecure registry with a leading hyphen", '"insecure-registries": ["-r.example.com"]', '"-r.example.com"', "badFormat"),
    oneFinding("a label without a value", '"labels": ["production"]', '"production"', "badFormat"),
    oneFinding("a label in Docker's namespace", '"labels": ["com.docker.role=build"]', '"com.docker.role=build"', "badFormat"),
    oneFinding("a search domain with an underscore", '"dns-search": ["corp_example.com"]', '"corp_example.com"', "badFormat"),
    oneFinding("a generic resource without a value", '"node-generic-resources": ["gpu"]', '"gpu"', "badFormat"),
    oneFinding("an exec-opt without a value", '"exec-opts": ["native.cgroupdriver"]', '"native.cgroupdriver"', "badFormat"),
    oneFinding("an unknown exec-opt", '"exec-opts": ["native.umask=normal"]', '"native.umask=normal"', "badFormat"),
    oneFinding("isolation on Linux", '"exec-opts": ["isolation=hyperv"]', '"isolation=hyperv"', "badFormat"),
    oneFinding("an unknown cgroup driver", '"exec-opts": ["native.cgroupdriver=cgroupv2"]', '"native.cgroupdriver=cgroupv2"', "badFormat"),
    oneFinding("the internal cgroup driver", '"exec-opts": ["native.cgroupdriver=none"]', '"native.cgroupdriver=none"', "badFormat"),
    oneFinding("userns-remap of three parts", '"userns-remap": "a:b:c"', '"a:b:c"', "badFormat"),
    oneFinding("a firewall mark that is a word", '"bridge-accept-fwmark": "docker"', '"docker"', "badFormat"),
    oneFinding("a firewall mark above 32 bits", '"bridge-accept-fwmark": "0x100000000"', '"0x100000000"', "badFormat"),
    oneFinding("a relative userland-proxy-path", '"userland-proxy-path": "docker-proxy"', '"docker-proxy"', "badFormat"),
    oneFinding("min-api-version below 1.24", '"min-api-version": "1.12"', '"1.12"', "badFormat"),
    oneFinding("a builder size dockerd cannot parse", '"builder": {"gc": {"defaultKeepStorage": "20GBx"}}', '"20GBx"', "badFormat"),
    oneFinding("a builder boolean written as a string", '"builder": {"gc": {"enabled": "yes"}}', '"yes"', "wrongType"),
    oneFinding("runtime options that are not an object", '"runtimes": {"crun": {"runtimeType": "io.containerd.runc.v2", "options": "SystemdCgroup=true"}}', '"SystemdCgroup=true"', "wrongType"),
    oneFinding("a label with two values", '"labels": ["env=prod", "env=dev"]', '"env=dev"', "conflictingLabel", { path: "labels[1]", key: "env", value: "dev", other: "prod", line: "1" }),
    oneFinding("two IPv4 host gateways", '"host-gateway-ips": ["192.0.2.1", "192.0.2.2"]', '"192.0.2.2"', "secondGatewayAddress", { path: "host-gateway-ips[1]", family: "4", value: "192.0.2.2" }),
    // netip.ParseAddr refuses a zone on an IPv4 address: that finding alone, not a second gateway as well.
    oneFinding("an IPv4 host gateway with a zone after another", '"host-gateway-ips": ["192.0.2.1", "192.0.2.2%eth0"]', '"192.0.2.2%eth0"', "badFormat"),
    oneFinding("an address pool without a size", '"default-address-pools": [{"base": "172.80.0.0/16"}]', '{"base": "172.80.0.0/16"}', "badAddressPool"),
    oneFinding("a pool size shorter than its base", '"default-address-pools": [{"base": "10.0.0.0/16", "size": 8}]', "8", "badAddressPool"),
    oneFinding("a runtime named runc", '"runtimes": {"runc": {"path": "/usr/local/bin/runc"}}', '"runc"', "reservedRuntime"),
    oneFinding("a runtime with path and runtimeType", '"runtimes": {"crun": {"path": "/usr/bin/crun", "runtimeType": "io.containerd.runc.v2"}}', '"runtimeType"', "badRuntime"),
    oneFinding("a runtime with neither", '"runtimes": {"crun": {}}', '"crun"', "badRuntime"),
    oneFinding("options with a path runtime", '"runtimes": {"crun": {"path": "/usr/bin/crun", "options": {"BinaryName": "x"}}}', '"options"', "badRuntime"),
    oneFinding("arguments with a runtimeType", '"runtimes": {"crun": {"runtimeType": "io.containerd.runc.v2", "runtimeArgs": ["--debug"]}}', '"runtimeArgs"', "badRuntime"),
    // shimopts.Generate: the options go through TOML into runc's Options struct (audit probe 68).
    oneFinding("a runc shim boolean written as a string", '"runtimes": {"crun": {"runtimeType": "io.containerd.runc.v2", "options": {"SystemdCgroup": "true"}}}', '"true"', "badShimOption", {
      path: "runtimes.crun.options.SystemdCgroup",
      actual: "string",
      expected: "a boolean",
      field: "SystemdCgroup",
      fix: "write true without quotes",
    }),
    oneFinding("a runc shim string option given a number", '"runtimes": {"crun": {"runtimeType": "io.containerd.runc.v2", "options": {"binaryname": 5}}}', "5", "badShimOption", {
      path: "runtimes.crun.options.binaryname",
      actual: "float",
      expected: "a string",
      field: "BinaryName",
      fix: "write it as a JSON string",
    }),
    oneFinding("a runc shim integer option: a JSON number is a TOML float to the shim", '"runtimes": {"crun": {"runtimeType": "io.containerd.runc.v2", "options": {"IoUid": 1000}}}', "1000", "badShimOption"),
    oneFinding("a runc shim table where a string goes", '"runtimes": {"crun": {"runtimeType": "io.containerd.runc.v2", "options": {"Root": {"path": "/run/crun"}}}}', '{"path": "/run/crun"}', "badShimOption"),
    oneFinding("a misspelt runc shim option, which go-toml ignores", '"runtimes": {"crun": {"runtimeType": "io.containerd.runc.v2", "options": {"SystemdCgroups": true}}}', '"SystemdCgroups"', "ignoredKey", {
      path: "runtimes.crun.options.SystemdCgroups",
      suggestion: "runtimes.crun.options.SystemdCgroup",
    }),
    oneFinding("a default runtime that is not defined", '"default-runtime": "crun"', '"crun"', "undefinedRuntime", { name: "crun", fix: 'use "runc" if that is the one you meant' }),
    oneFinding("a misspelt json-file option", '"log-opts": {"max-size": "10m", "max-files": "3"}', '"max-files"', "badLogOpt", {
      path: "log-opts.max-files",
      reason: 'the json-file driver has no option "max-files"',
      driver: "json-file",
      fix: " Did you mean `max-file`?",
    }),
    oneFinding("a logging mode dockerd does not know", '"log-opts": {"mode": "async"}', '"async"', "badLogOpt"),
    oneFinding("a buffer size without non-blocking mode", '"log-opts": {"max-buffer-size": "4m"}', '"4m"', "badLogOpt"),
    oneFinding("a misspelt option of the local driver", '"log-driver": "local", "log-opts": {"max-sise": "10m"}', '"max-sise"', "badLogOpt"),
    oneFinding("a syslog facility dockerd does not know", '"log-driver": "syslog", "log-opts": {"syslog-facility": "daemons"}', '"daemons"', "badLogOpt"),
  ],
});
