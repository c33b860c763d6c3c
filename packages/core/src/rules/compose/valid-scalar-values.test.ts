import { describe, expect, it } from "vitest";
import "../../compose/index.js";
import { lintText } from "../../linter.js";
import { createRuleTester, type InvalidCase } from "../../testing/rule-tester.js";
import rule from "./valid-scalar-values.js";
import validSchema from "./valid-schema.js";

const service = (lines: string): string => `services:\n  web:\n    image: nginx:1.27\n${lines}`;

const MEMORY = "a size such as `512m`, `2g` or `1.5GB` (a number, then an optional `b`, `k`, `m`, `g`, `t` or `p`)";
const DURATION = "a number with a unit (`ns`, `us`, `ms`, `s`, `m`, `h`, `d`, `w`), e.g. `1m30s`";

/** The audit's probes (/tmp/s21/audit-compose/cases), each a file compose-go refuses. */
const probes: InvalidCase[] = [
  {
    name: "18: a negative scale",
    code: service("    scale: -1\n"),
    errors: [{ messageId: "negative", line: 4, column: 12, endColumn: 14, data: { path: "services.web.scale", value: "-1", reason: "must be greater than or equal to 0", example: "a number of containers, e.g. `2`" } }],
  },
  {
    name: "19: negative replicas",
    code: service("    deploy:\n      replicas: -1\n"),
    errors: [{ messageId: "negative", line: 5, column: 17, data: { path: "services.web.deploy.replicas", value: "-1", reason: "must be greater than or equal to 0", example: "a number of containers, e.g. `2`" } }],
  },
  {
    name: "38: a device count that is neither all nor a number",
    code: "services:\n  web:\n    image: nvidia/cuda:12.4.1-base-ubuntu22.04\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - driver: nvidia\n              count: any\n              capabilities: [gpu]\n",
    errors: [
      {
        messageId: "deviceCount",
        line: 9,
        column: 22,
        message:
          "`services.web.deploy.resources.reservations.devices[0].count` is \"any\", which docker compose cannot read as a device count (\"invalid value, the only value allowed is 'all' or a number\"); write `all` or a number of devices, e.g. `1`.",
      },
    ],
  },
  {
    name: "50: an unknown size unit",
    code: service("    mem_limit: 1xb\n"),
    errors: [{ messageId: "bytes", line: 4, column: 16, endColumn: 19, data: { path: "services.web.mem_limit", value: '"1xb"', reason: "invalid suffix: 'xb'", example: MEMORY } }],
  },
  {
    name: "51: a duration without a unit, at the value",
    code: service('    healthcheck:\n      test: ["CMD", "true"]\n      interval: "30"\n'),
    errors: [
      {
        messageId: "duration",
        line: 6,
        column: 17,
        endColumn: 21,
        message:
          '`services.web.healthcheck.interval` is "30", which docker compose cannot read as a duration ("time: missing unit in duration"); write it with a unit, e.g. `30s`.',
      },
    ],
  },
  {
    name: "52: a duration in words",
    code: service("    stop_grace_period: 1 minute\n"),
    errors: [{ messageId: "duration", line: 4, column: 24, data: { path: "services.web.stop_grace_period", value: '"1 minute"', reason: 'time: unknown unit " minute" in duration', example: DURATION } }],
  },
  {
    name: "53: a boolean compose-go does not know",
    code: service('    read_only: "enabled"\n'),
    errors: [
      {
        messageId: "boolean",
        line: 4,
        column: 16,
        endColumn: 25,
        message: '`services.web.read_only` is "enabled", which docker compose cannot read as a boolean ("invalid boolean"); write `true` or `false`.',
      },
    ],
  },
  {
    name: "54: cpus in words",
    code: service('    cpus: "half"\n'),
    errors: [{ messageId: "number", line: 4, data: { path: "services.web.cpus", value: '"half"', reason: "strconv.ParseFloat: invalid syntax", example: "a number of CPUs, e.g. `0.5`" } }],
  },
  {
    name: "55: cpu_rt_runtime as a duration",
    code: service("    cpu_rt_runtime: 400ms\n"),
    errors: [
      {
        messageId: "integer",
        line: 4,
        data: { path: "services.web.cpu_rt_runtime", value: '"400ms"', reason: "strconv.ParseInt: invalid syntax", example: "microseconds as a number, e.g. `400000` (a duration such as `400ms` is not read here)" },
      },
    ],
  },
  {
    name: "59: a file mode that is not octal",
    code: service('    secrets:\n      - source: token\n        mode: "0999"\nsecrets:\n  token:\n    file: ./token.txt\n'),
    errors: [{ messageId: "fileMode", line: 6, column: 15, data: { path: "services.web.secrets[0].mode", value: '"0999"', reason: "strconv.ParseInt: invalid syntax", example: 'octal digits, e.g. `"0440"`' } }],
  },
  {
    name: "60: deploy cpus as a percentage",
    code: service('    deploy:\n      resources:\n        limits:\n          cpus: "50%"\n'),
    errors: [{ messageId: "number", line: 7, data: { path: "services.web.deploy.resources.limits.cpus", value: '"50%"', reason: "strconv.ParseFloat: invalid syntax", example: "a number of CPUs, e.g. `0.5`" } }],
  },
  {
    name: "61: an unlimited ulimit",
    code: service("    ulimits:\n      nofile: unlimited\n"),
    errors: [
      {
        messageId: "integer",
        line: 5,
        column: 15,
        data: { path: "services.web.ulimits.nofile", value: '"unlimited"', reason: "strconv.Atoi: invalid syntax", example: "a number, e.g. `65535` (`-1` for no limit), or `soft:` and `hard:` numbers" },
      },
    ],
  },
  {
    name: "79: shm_size with a word unit",
    code: service("    shm_size: 2gig\n"),
    errors: [{ messageId: "bytes", line: 4, data: { path: "services.web.shm_size", value: '"2gig"', reason: "invalid suffix: 'gig'", example: MEMORY } }],
  },
  {
    name: "80: a memory limit in words (512 MB would be read)",
    code: service("    deploy:\n      resources:\n        limits:\n          memory: 512 megabytes\n"),
    errors: [{ messageId: "bytes", line: 7, data: { path: "services.web.deploy.resources.limits.memory", value: '"512 megabytes"', reason: "invalid suffix: 'megabytes'", example: MEMORY } }],
  },
  {
    name: "82: an unlimited pids_limit",
    code: service('    pids_limit: "unlimited"\n'),
    errors: [{ messageId: "integer", line: 4, data: { path: "services.web.pids_limit", value: '"unlimited"', reason: "strconv.ParseInt: invalid syntax", example: "a number of processes, e.g. `200` (`-1` for no limit)" } }],
  },
  {
    name: "83: replicas in words",
    code: service('    deploy:\n      replicas: "two"\n'),
    errors: [{ messageId: "integer", line: 5, data: { path: "services.web.deploy.replicas", value: '"two"', reason: "strconv.Atoi: invalid syntax", example: "a number of containers, e.g. `2`" } }],
  },
  {
    name: "85: oom_score_adj in words",
    code: service('    oom_score_adj: "low"\n'),
    errors: [{ messageId: "integer", line: 4, data: { path: "services.web.oom_score_adj", value: '"low"', reason: "strconv.ParseInt: invalid syntax", example: "a number from -1000 to 1000, e.g. `-500`" } }],
  },
  {
    name: "86: a restart delay without a unit",
    code: service('    deploy:\n      restart_policy:\n        condition: on-failure\n        delay: "5"\n'),
    errors: [{ messageId: "duration", line: 7, data: { path: "services.web.deploy.restart_policy.delay", value: '"5"', reason: "time: missing unit in duration", example: "it with a unit, e.g. `5s`" } }],
  },
  {
    name: "87: healthcheck.disable maybe",
    code: service('    healthcheck:\n      disable: "maybe"\n'),
    errors: [{ messageId: "boolean", line: 5, data: { path: "services.web.healthcheck.disable", value: '"maybe"', example: "`true` or `false`" } }],
  },
  {
    name: "88: a tmpfs size in words",
    code: service("    volumes:\n      - type: tmpfs\n        target: /cache\n        tmpfs:\n          size: 64 megs\n"),
    errors: [{ messageId: "bytes", line: 8, column: 17, data: { path: "services.web.volumes[0].tmpfs.size", value: '"64 megs"', reason: "invalid suffix: 'megs'", example: MEMORY } }],
  },
  {
    name: "89: a build shm_size in words",
    code: "services:\n  web:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM alpine:3.20\n      shm_size: 2gigs\n",
    errors: [{ messageId: "bytes", line: 7, data: { path: "services.web.build.shm_size", value: '"2gigs"', reason: "invalid suffix: 'gigs'", example: MEMORY } }],
  },
  {
    name: "92: negative healthcheck retries",
    code: service('    healthcheck:\n      test: ["CMD", "true"]\n      retries: -1\n'),
    errors: [
      {
        messageId: "negative",
        line: 6,
        column: 16,
        message:
          '`services.web.healthcheck.retries` is -1, but docker compose takes no negative number there ("-1 overflows uint"); write a number of failures, e.g. `3`.',
      },
    ],
  },
  {
    name: "93: negative update parallelism",
    code: service("    deploy:\n      update_config:\n        parallelism: -1\n"),
    errors: [{ messageId: "negative", line: 6, data: { path: "services.web.deploy.update_config.parallelism", value: "-1", reason: "-1 overflows uint", example: "a number of containers, e.g. `1` (`0` for all at once)" } }],
  },
  {
    name: "94: negative max_attempts (require-restart-limit takes it for a limit)",
    code: service("    deploy:\n      restart_policy:\n        condition: on-failure\n        max_attempts: -1\n"),
    errors: [{ messageId: "negative", line: 7, data: { path: "services.web.deploy.restart_policy.max_attempts", value: "-1", reason: "-1 overflows uint", example: "a number of attempts, e.g. `3` (`0` for no limit)" } }],
  },
  {
    name: "98: a soft ulimit in words",
    code: service('    ulimits:\n      nofile:\n        soft: "lots"\n        hard: 65536\n'),
    errors: [{ messageId: "integer", line: 6, column: 15, data: { path: "services.web.ulimits.nofile.soft", value: '"lots"', reason: "strconv.Atoi: invalid syntax", example: "a number, e.g. `65535`" } }],
  },
  {
    name: "99: unlimited swap in words",
    code: service("    mem_limit: 512m\n    memswap_limit: unlimited\n"),
    errors: [{ messageId: "bytes", line: 5, data: { path: "services.web.memswap_limit", value: '"unlimited"', reason: "invalid size", example: `${MEMORY} (\`-1\` for unlimited swap)` } }],
  },
  {
    name: "104: a blkio weight in quotes",
    code: service('    blkio_config:\n      weight: "300"\n'),
    errors: [
      {
        messageId: "quoted",
        line: 5,
        column: 15,
        message:
          "`services.web.blkio_config.weight` is the string \"300\", which docker compose refuses (\"expected type 'uint16', got unconvertible type 'string'\"): it converts no string to a number there, even a number in quotes or from a variable; write a weight from 10 to 1000 without quotes, e.g. `300`.",
      },
    ],
  },
  {
    name: "105: a tmpfs mode in quotes",
    code: service('    volumes:\n      - type: tmpfs\n        target: /scratch\n        tmpfs:\n          mode: "1777"\n'),
    errors: [
      {
        messageId: "quoted",
        line: 8,
        data: { path: "services.web.volumes[0].tmpfs.mode", value: '"1777"', reason: "expected type 'uint32', got unconvertible type 'string'", example: "an octal number without quotes, e.g. `0o1777`" },
      },
    ],
  },
];

const more: InvalidCase[] = [
  {
    name: "every boolean field, and 1 and t that strconv.ParseBool would take",
    code:
      'services:\n  web:\n    image: nginx:1.27\n    init: "1"\n    privileged: t\n    stdin_open: enable\n    tty: "yes please"\n    oom_kill_disable: "T"\n    attach: "0"\n' +
      '    depends_on:\n      db:\n        condition: service_started\n        restart: always\n' +
      "    volumes:\n      - type: volume\n        source: data\n        target: /data\n        read_only: ro\n        volume:\n          nocopy: nocopy\n      - type: bind\n        source: ./x\n        target: /x\n        bind:\n          create_host_path: maybe\n" +
      '    build:\n      context: .\n      no_cache: "1"\n      pull: always\n      privileged: "t"\n' +
      "    post_start:\n      - command: echo hi\n        privileged: root\n    pre_stop:\n      - command: echo bye\n        privileged: root\n" +
      "    develop:\n      watch:\n        - path: ./src\n          action: sync+exec\n          target: /src\n          exec:\n            command: echo\n            privileged: root\n" +
      "  db:\n    image: postgres:17\n" +
      "networks:\n  front:\n    external: maybe\n    internal: internal\n    attachable: sure\n    enable_ipv4: v4\n    enable_ipv6: v6\n" +
      "volumes:\n  data:\n    external: nope\nsecrets:\n  token:\n    external: nah\nconfigs:\n  site:\n    external: nah\n",
    errors: [
      { messageId: "boolean", line: 4, data: { path: "services.web.init", value: '"1"', example: "`true` or `false`" } },
      { messageId: "boolean", line: 5, data: { path: "services.web.privileged", value: '"t"', example: "`true` or `false`" } },
      { messageId: "boolean", line: 6 },
      { messageId: "boolean", line: 7 },
      { messageId: "boolean", line: 8 },
      { messageId: "boolean", line: 9, data: { path: "services.web.attach", value: '"0"', example: "`true` or `false`" } },
      { messageId: "boolean", line: 13, data: { path: "services.web.depends_on.db.restart", value: '"always"', example: "`true` or `false`" } },
      { messageId: "boolean", line: 18, data: { path: "services.web.volumes[0].read_only", value: '"ro"', example: "`true` or `false`" } },
      { messageId: "boolean", line: 20, data: { path: "services.web.volumes[0].volume.nocopy", value: '"nocopy"', example: "`true` or `false`" } },
      { messageId: "boolean", line: 25, data: { path: "services.web.volumes[1].bind.create_host_path", value: '"maybe"', example: "`true` or `false`" } },
      { messageId: "boolean", line: 28, data: { path: "services.web.build.no_cache", value: '"1"', example: "`true` or `false`" } },
      { messageId: "boolean", line: 29 },
      { messageId: "boolean", line: 30 },
      { messageId: "boolean", line: 33, data: { path: "services.web.post_start[0].privileged", value: '"root"', example: "`true` or `false`" } },
      { messageId: "boolean", line: 36 },
      { messageId: "boolean", line: 44, data: { path: "services.web.develop.watch[0].exec.privileged", value: '"root"', example: "`true` or `false`" } },
      { messageId: "boolean", line: 49, data: { path: "networks.front.external", value: '"maybe"', example: "`true` or `false`" } },
      { messageId: "boolean", line: 50 },
      { messageId: "boolean", line: 51 },
      { messageId: "boolean", line: 52 },
      { messageId: "boolean", line: 53 },
      { messageId: "boolean", line: 56, data: { path: "volumes.data.external", value: '"nope"', example: "`true` or `false`" } },
      { messageId: "boolean", line: 59 },
      { messageId: "boolean", line: 62, data: { path: "configs.site.external", value: '"nah"', example: "`true` or `false`" } },
    ],
  },
  {
    // compose-go's hooks.go reads both as a Go bool: mapstructure's cast hook calls toBoolean.
    name: "a pre_start hook's privileged and per_replica",
    code: service("    pre_start:\n      - image: busybox:1.37\n        command: chown -R 10001 /data\n        privileged: \"1\"\n        per_replica: always\n      - command: \"true\"\n        per_replica: \"yes\"\n"),
    errors: [
      { messageId: "boolean", line: 7, data: { path: "services.web.pre_start[0].privileged", value: '"1"', example: "`true` or `false`" } },
      { messageId: "boolean", line: 8, data: { path: "services.web.pre_start[0].per_replica", value: '"always"', example: "`true` or `false`" } },
    ],
  },
  {
    name: "numbers compose-go casts: syntax, range, and its schema's bounds on the cast number",
    code: service(
      '    cpu_count: "-1"\n    cpu_percent: "150"\n    cpu_shares: "1.5"\n    oom_score_adj: "-2000"\n    cpu_quota: "99999999999999999999"\n    cpus: "1e39"\n    cpu_period: " 100000"\n' +
        '    deploy:\n      placement:\n        max_replicas_per_node: "-2"\n      rollback_config:\n        max_failure_ratio: "10%"\n      resources:\n        limits:\n          pids: "1_000"\n        reservations:\n          cpus: ".5."\n          generic_resources:\n            - discrete_resource_spec:\n                kind: gpu\n                value: "one"\n',
    ),
    errors: [
      { messageId: "range", line: 4, data: { path: "services.web.cpu_count", value: '"-1"', reason: "must be greater than or equal to 0", example: "a number of CPUs, e.g. `2`" } },
      { messageId: "range", line: 5, data: { path: "services.web.cpu_percent", value: '"150"', reason: "must be less than or equal to 100", example: "a whole percentage from 0 to 100, e.g. `50`" } },
      { messageId: "integer", line: 6, data: { path: "services.web.cpu_shares", value: '"1.5"', reason: "strconv.ParseInt: invalid syntax", example: "a relative weight, e.g. `512`" } },
      { messageId: "range", line: 7, data: { path: "services.web.oom_score_adj", value: '"-2000"', reason: "must be greater than or equal to -1000", example: "a number from -1000 to 1000, e.g. `-500`" } },
      { messageId: "integer", line: 8, data: { path: "services.web.cpu_quota", value: '"99999999999999999999"', reason: "strconv.ParseInt: value out of range", example: "microseconds as a number, e.g. `50000`" } },
      { messageId: "number", line: 9, data: { path: "services.web.cpus", value: '"1e39"', reason: "strconv.ParseFloat: value out of range", example: "a number of CPUs, e.g. `0.5`" } },
      { messageId: "integer", line: 10 },
      { messageId: "negative", line: 13, data: { path: "services.web.deploy.placement.max_replicas_per_node", value: '"-2"', reason: "-2 overflows uint", example: "a number of containers, e.g. `1`" } },
      { messageId: "number", line: 15, data: { path: "services.web.deploy.rollback_config.max_failure_ratio", value: '"10%"', reason: "strconv.ParseFloat: invalid syntax", example: "a fraction, e.g. `0.1`" } },
      { messageId: "integer", line: 18, data: { path: "services.web.deploy.resources.limits.pids", value: '"1_000"', reason: "strconv.ParseInt: invalid syntax", example: "a number of processes, e.g. `200`" } },
      { messageId: "number", line: 20 },
      { messageId: "integer", line: 24, data: { path: "services.web.deploy.resources.reservations.generic_resources[0].discrete_resource_spec.value", value: '"one"', reason: "strconv.ParseInt: invalid syntax", example: "a number, e.g. `1`" } },
    ],
  },
  {
    name: "infinity cast at interpolation cannot be encoded as JSON for the schema",
    code: service('    cpus: "inf"\n    cpu_percent: "NaN"\n'),
    errors: [
      { messageId: "range", line: 4, data: { path: "services.web.cpus", value: '"inf"', reason: "json: unsupported value: +Inf", example: "a number of CPUs, e.g. `0.5`" } },
      { messageId: "range", line: 5, data: { path: "services.web.cpu_percent", value: '"NaN"', reason: "json: unsupported value: NaN", example: "a whole percentage from 0 to 100, e.g. `50`" } },
    ],
  },
  {
    name: "a cpu_percent that is not whole once cast",
    code: service('    cpu_percent: "50.5"\n'),
    errors: [{ messageId: "range", line: 4, data: { path: "services.web.cpu_percent", value: '"50.5"', reason: "must be a integer", example: "a whole percentage from 0 to 100, e.g. `50`" } }],
  },
  {
    name: "negative numbers in unsigned fields, a float too",
    code: service(
      "    healthcheck:\n      retries: -1.5\n    blkio_config:\n      weight: -5\n      weight_device:\n        - path: /dev/sda\n          weight: -1\n    deploy:\n      rollback_config:\n        parallelism: \"-1\"\n",
    ),
    errors: [
      { messageId: "negative", line: 5, data: { path: "services.web.healthcheck.retries", value: "-1.5", reason: "-1.500000 overflows uint", example: "a number of failures, e.g. `3`" } },
      { messageId: "negative", line: 7, data: { path: "services.web.blkio_config.weight", value: "-5", reason: "-5 overflows uint", example: "a weight from 10 to 1000 without quotes, e.g. `300`" } },
      { messageId: "negative", line: 10, data: { path: "services.web.blkio_config.weight_device[0].weight", value: "-1", reason: "-1 overflows uint", example: "a weight from 10 to 1000 without quotes, e.g. `300`" } },
      { messageId: "negative", line: 13, data: { path: "services.web.deploy.rollback_config.parallelism", value: '"-1"', reason: "-1 overflows uint", example: "a number of containers, e.g. `1` (`0` for all at once)" } },
    ],
  },
  {
    name: "a quoted number where no cast applies, even from a variable",
    code: service('    blkio_config:\n      weight: "${WEIGHT:-300}"\n      weight_device:\n        - path: /dev/sda\n          weight: "200"\n'),
    errors: [
      { messageId: "quoted", line: 5, data: { path: "services.web.blkio_config.weight", value: '"${WEIGHT:-300}"', reason: "expected type 'uint16', got unconvertible type 'string'", example: "a weight from 10 to 1000 without quotes, e.g. `300`" } },
      { messageId: "quoted", line: 8 },
    ],
  },
  {
    name: "build ulimits are not cast: a string limit or bound is refused",
    code: "services:\n  web:\n    build:\n      context: .\n      ulimits:\n        nproc: \"65535\"\n        nofile:\n          soft: \"1024\"\n          hard: 2048\n",
    errors: [
      { messageId: "quoted", line: 6, data: { path: "services.web.build.ulimits.nproc", value: '"65535"', reason: "invalid type string for external", example: "the number without quotes, e.g. `65535`" } },
      { messageId: "quoted", line: 8, data: { path: "services.web.build.ulimits.nofile.soft", value: '"1024"', reason: "interface conversion: interface {} is string, not int", example: "the number without quotes, e.g. `65535`" } },
    ],
  },
  {
    name: "byte sizes go-units refuses",
    code: service(
      '    mem_reservation: "-1g"\n    mem_swappiness: "60%"\n    deploy:\n      resources:\n        reservations:\n          memory: " 512m"\n    blkio_config:\n      device_read_bps:\n        - path: /dev/sda\n          rate: 20 mbps\n      device_write_iops:\n        - path: /dev/sda\n          rate: lots\n',
    ),
    errors: [
      { messageId: "bytes", line: 4, data: { path: "services.web.mem_reservation", value: '"-1g"', reason: "invalid size", example: MEMORY } },
      { messageId: "bytes", line: 5, data: { path: "services.web.mem_swappiness", value: '"60%"', reason: "invalid suffix: '%'", example: "a percentage from 0 to 100, e.g. `60`" } },
      { messageId: "bytes", line: 9, data: { path: "services.web.deploy.resources.reservations.memory", value: '" 512m"', reason: 'strconv.ParseFloat: parsing " 512": invalid syntax', example: MEMORY } },
      { messageId: "bytes", line: 13, data: { path: "services.web.blkio_config.device_read_bps[0].rate", value: '"20 mbps"', reason: "invalid suffix: 'mbps'", example: "a number of bytes with an optional unit, e.g. `20mb`" } },
      { messageId: "bytes", line: 16, data: { path: "services.web.blkio_config.device_write_iops[0].rate", value: '"lots"', reason: "invalid size", example: "a number of operations per second, e.g. `1000`" } },
    ],
  },
  {
    name: "durations str2duration refuses",
    code: service(
      '    healthcheck:\n      timeout: 10sec\n      start_period: 1h 30m\n      start_interval: ""\n    deploy:\n      update_config:\n        delay: 1y\n        monitor: "1.5"\n      rollback_config:\n        delay: "s"\n        monitor: "1e3s"\n      restart_policy:\n        window: 2 minutes\n',
    ),
    errors: [
      { messageId: "duration", line: 5, data: { path: "services.web.healthcheck.timeout", value: '"10sec"', reason: 'time: unknown unit "sec" in duration', example: DURATION } },
      { messageId: "duration", line: 6, data: { path: "services.web.healthcheck.start_period", value: '"1h 30m"', reason: 'time: unknown unit "h " in duration', example: DURATION } },
      { messageId: "duration", line: 7, data: { path: "services.web.healthcheck.start_interval", value: '""', reason: "time: invalid duration", example: DURATION } },
      { messageId: "duration", line: 10, data: { path: "services.web.deploy.update_config.delay", value: '"1y"', reason: 'time: unknown unit "y" in duration', example: DURATION } },
      { messageId: "duration", line: 11, data: { path: "services.web.deploy.update_config.monitor", value: '"1.5"', reason: "time: missing unit in duration", example: "it with a unit, e.g. `1.5s`" } },
      { messageId: "duration", line: 13, data: { path: "services.web.deploy.rollback_config.delay", value: '"s"', reason: "time: invalid duration", example: DURATION } },
      { messageId: "duration", line: 14, data: { path: "services.web.deploy.rollback_config.monitor", value: '"1e3s"', reason: 'time: unknown unit "e" in duration', example: DURATION } },
      { messageId: "duration", line: 16, data: { path: "services.web.deploy.restart_policy.window", value: '"2 minutes"', reason: 'time: unknown unit " minutes" in duration', example: DURATION } },
    ],
  },
  {
    name: "file modes and device counts: a float go-yaml reads where docklint's parser reads a whole number",
    code: service(
      '    configs:\n      - source: site\n        mode: 08\n    build:\n      context: .\n      secrets:\n        - source: token\n          mode: 0o8\n    gpus:\n      - count: 1.0\n        driver: nvidia\n      - count: "two"\n        driver: nvidia\nconfigs:\n  site:\n    file: ./site.conf\nsecrets:\n  token:\n    file: ./token\n',
    ),
    errors: [
      { messageId: "fileMode", line: 6, data: { path: "services.web.configs[0].mode", value: "08", reason: "unexpected value type float64 for mode", example: 'octal digits, e.g. `"0440"`' } },
      { messageId: "fileMode", line: 11, data: { path: "services.web.build.secrets[0].mode", value: '"0o8"', reason: "strconv.ParseInt: invalid syntax", example: 'octal digits, e.g. `"0440"`' } },
      { messageId: "deviceCount", line: 13, data: { path: "services.web.gpus[0].count", value: "1.0", reason: "invalid type float64 for device count", example: "`all` or a number of devices, e.g. `1`" } },
      { messageId: "deviceCount", line: 15 },
    ],
  },
  {
    name: "a value in an anchor, once, where it is written, under the first path that reads it",
    code: "x-defaults: &defaults\n  read_only: enabled\n  healthcheck: &hc\n    interval: \"30\"\nservices:\n  web:\n    <<: *defaults\n    image: nginx:1.27\n  api:\n    <<: *defaults\n    image: nginx:1.27\n    healthcheck: *hc\n",
    errors: [
      { messageId: "boolean", line: 2, column: 14, data: { path: "services.web.read_only", value: '"enabled"', example: "`true` or `false`" } },
      { messageId: "duration", line: 4, column: 15, data: { path: "services.web.healthcheck.interval", value: '"30"', reason: "time: missing unit in duration", example: "it with a unit, e.g. `30s`" } },
    ],
  },
  {
    name: "one anchored value read by two kinds of field is checked for each",
    code: "services:\n  web:\n    image: nginx:1.27\n    scale: &one \"1\"\n    tty: *one\n",
    errors: [{ messageId: "boolean", line: 4, column: 17, data: { path: "services.web.tty", value: '"1"', example: "`true` or `false`" } }],
  },
  {
    name: "a service's own key wins over a merged one",
    code: "x-defaults: &defaults\n  read_only: true\nservices:\n  web:\n    <<: *defaults\n    image: nginx:1.27\n    read_only: enabled\n",
    errors: [{ messageId: "boolean", line: 7, column: 16 }],
  },
  {
    name: "an override fragment is read and cast like any file",
    code: "services:\n  web:\n    stop_grace_period: 30\n    tty: \"on\"\n    privileged: \"1\"\n",
    errors: [{ messageId: "boolean", line: 5 }],
  },
];

createRuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: "booleans toBoolean reads, in any case",
      code: service('    read_only: true\n    privileged: "false"\n    tty: "Yes"\n    stdin_open: yes\n    init: "ON"\n    oom_kill_disable: "n"\n    attach: Off\n    healthcheck:\n      disable: "FALSE"\n'),
    },
    {
      name: "numbers as strings that cast, and YAML numbers",
      code: service(
        '    scale: "2"\n    cpu_count: "0"\n    cpu_percent: "50.0"\n    cpu_period: "+100000"\n    cpu_rt_runtime: "400000"\n    cpus: ".5"\n    oom_score_adj: "-1000"\n    pids_limit: "-1"\n    ulimits:\n      nproc: "65535"\n      core: -1\n      nofile:\n        soft: "1024"\n        hard: 2048\n' +
          '    healthcheck:\n      retries: "0"\n    deploy:\n      replicas: 0\n      update_config:\n        parallelism: "-0"\n        max_failure_ratio: "1e-1"\n      restart_policy:\n        max_attempts: 0\n      placement:\n        max_replicas_per_node: "1"\n      resources:\n        limits:\n          cpus: "inf"\n          pids: "100"\n',
      ),
    },
    {
      name: "integers go-yaml reads where docklint's parser reads a string: not a string to compose-go",
      code: service("    scale: 1_0\n    deploy:\n      replicas: 0b11\n    pids_limit: -0x10\n"),
    },
    {
      name: "ParseFloat takes underscores between digits and hexadecimal floats",
      code: service('    cpus: "1_0.5"\n    deploy:\n      resources:\n        limits:\n          cpus: "0x1p-1"\n'),
    },
    {
      name: "sizes go-units reads, and -1",
      code: service(
        '    mem_limit: "512m"\n    mem_reservation: 1.5GB\n    memswap_limit: "-1"\n    shm_size: 512 MB\n    mem_swappiness: "60"\n    deploy:\n      resources:\n        limits:\n          memory: 1GiB\n        reservations:\n          memory: "100"\n    build:\n      context: .\n      shm_size: 2 g\n    volumes:\n      - type: tmpfs\n        target: /cache\n        tmpfs:\n          size: 1e3\n      - type: tmpfs\n        target: /run\n        tmpfs:\n          size: "1_000m"\n    blkio_config:\n      device_read_bps:\n        - path: /dev/sda\n          rate: 20mb\n      device_write_bps:\n        - path: /dev/sda\n          rate: "1024b"\n',
      ),
    },
    {
      name: "durations str2duration reads: days, weeks, fractions, a bare 0",
      code: service(
        '    stop_grace_period: 1m30s\n    healthcheck:\n      interval: 1d\n      timeout: "1.5s"\n      start_period: .5s\n      start_interval: "0"\n    deploy:\n      update_config:\n        delay: 2w\n        monitor: 500ms\n      restart_policy:\n        delay: "-1s"\n        window: 1h\n',
      ),
    },
    {
      name: "file modes in octal, as strings or YAML numbers",
      code: service('    secrets:\n      - source: a\n        mode: "0440"\n      - source: b\n        mode: 0440\n      - source: c\n        mode: 0o440\n      - source: d\n        mode: 288\n      - e\nsecrets:\n  a:\n    file: ./a\n  b:\n    file: ./b\n  c:\n    file: ./c\n  d:\n    file: ./d\n  e:\n    file: ./e\n'),
    },
    {
      name: "device counts: all in any case, numbers",
      code: service('    gpus:\n      - count: ALL\n      - count: "2"\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - count: all\n              capabilities: [gpu]\n            - count: 1\n              capabilities: [gpu]\n'),
    },
    {
      name: "unsigned fields as unquoted numbers",
      code: service("    blkio_config:\n      weight: 300\n      weight_device:\n        - path: /dev/sda\n          weight: 200\n    volumes:\n      - type: tmpfs\n        target: /scratch\n        tmpfs:\n          mode: 0o1777\n    build:\n      context: .\n      ulimits:\n        nproc: 65535\n        nofile:\n          soft: 1024\n          hard: 2048\n"),
    },
    {
      name: "values with a variable are known only when the file is run",
      code: service('    read_only: ${READ_ONLY:-enabled}\n    cpus: "$CPUS"\n    mem_limit: ${MEM:-1xb}\n    healthcheck:\n      interval: ${HC_INTERVAL:-30}\n    deploy:\n      replicas: ${REPLICAS}\n'),
    },
    {
      name: "top-level resources: booleans toBoolean reads, and external as a mapping",
      code: "services:\n  web:\n    image: nginx:1.27\nnetworks:\n  front:\n    external: \"true\"\n  back:\n    internal: \"yes\"\n    enable_ipv6: false\n  old:\n    external:\n      name: legacy\nvolumes:\n  data:\n    external: y\n",
    },
    {
      name: "extension fields are not read by compose-go",
      code: "x-bad:\n  read_only: enabled\n  healthcheck:\n    interval: \"30\"\nservices:\n  web:\n    image: nginx:1.27\n    x-tuning:\n      mem_limit: lots\n",
    },
    {
      name: "short syntax entries where the long syntax has typed fields",
      code: service('    volumes:\n      - ./data:/data:ro\n    secrets:\n      - token\n    ulimits:\n      nofile: 1024\nsecrets:\n  token:\n    file: ./token\n'),
    },
    {
      name: "values valid-schema reports (no string allowed, or not the type) and ports (valid-ports)",
      code: service('    read_only: 1\n    use_api_socket: "maybe"\n    stop_grace_period: 30\n    depends_on:\n      db:\n        condition: service_started\n        required: "maybe"\n    ports:\n      - target: "abc"\n        published: "8080"\n  db:\n    image: postgres:17\n'),
    },
    {
      name: "a tag decides the type: not read here",
      code: service("    read_only: !!str enabled\n    tty: !reset null\n"),
    },
    {
      name: "a Compose v1 file is valid-schema's",
      code: "web:\n  image: nginx:1.27\n  read_only: enabled\n",
    },
    {
      name: "inherited through extends: checked where it is written",
      code: "services:\n  base:\n    image: nginx:1.27\n  web:\n    extends: base\n",
    },
  ],
  invalid: [...probes, ...more],
});

describe("valid-scalar-values and valid-schema", () => {
  // The rule speaks only where the schema takes the value, so that one mistake gets one finding.
  for (const testCase of [...probes, ...more]) {
    it(`valid-schema is silent on the value of: ${testCase.name ?? ""}`, () => {
      const result = lintText(testCase.code, { filePath: "compose.yaml", kind: "compose", rules: [validSchema, rule], config: { rules: { "valid-schema": "error", "valid-scalar-values": "error" } } });
      const ours = new Set(result.messages.filter((m) => m.ruleId === "valid-scalar-values").map((m) => m.line));
      const schema = result.messages.filter((m) => m.ruleId === "valid-schema" && ours.has(m.line));
      expect(schema.map((m) => `${m.line}: ${m.message}`)).toEqual([]);
    });
  }
});
