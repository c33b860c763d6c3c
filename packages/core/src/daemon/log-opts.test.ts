import { describe, expect, it } from "vitest";
import { BUILTIN_LOG_DRIVERS, knownLogOpts, logOptProblems, type LogOptProblem } from "./log-opts.js";

interface Expected {
  option: string;
  kind: LogOptProblem["kind"];
  reason: RegExp;
  suggestion?: string;
}

function problemsOf(driver: string, options: Record<string, string>): LogOptProblem[] {
  return logOptProblems(driver, new Map(Object.entries(options)));
}

function expectProblems(driver: string, options: Record<string, string>, expected: readonly Expected[]): void {
  const problems = problemsOf(driver, options);
  expect(problems).toEqual(expected.map(({ reason, ...rest }) => ({ ...rest, reason: expect.stringMatching(reason) })));
  for (const problem of problems) expect(problem.reason).not.toMatch(/\.$/);
}

describe("logOptProblems: options dockerd accepts", () => {
  const accepted: [string, Record<string, string>][] = [
    ["json-file", { "max-size": "10m", "max-file": "3", compress: "true", labels: "a", tag: "{{.Name}}" }],
    ["json-file", { mode: "non-blocking", "max-buffer-size": "4m", "cache-disabled": "false", "cache-max-size": "20m", "cache-max-file": "2", "cache-compress": "true" }],
    ["json-file", { mode: "", "cache-disabled": "" }],
    // json-file's values are parsed when a container starts, not by its validator.
    ["json-file", { "max-size": "ten megs", "max-file": "0", compress: "maybe" }],
    ["local", { "max-size": "20m", "max-file": "5", compress: "false", env: "OS", "labels-regex": "^com\\." }],
    ["syslog", { "syslog-address": "udp://192.168.0.42:514", "syslog-facility": "daemon", "syslog-format": "rfc5424micro", tag: "{{.Name}}" }],
    ["syslog", { "syslog-address": "tcp+tls://logs.example.com:6514", "syslog-tls-ca-cert": "/etc/ca.pem", "syslog-tls-skip-verify": "true", "syslog-facility": "23" }],
    ["syslog", { "syslog-address": "TCP://logs.example.com", "syslog-facility": "local7", "syslog-format": "rfc3164" }],
    ["syslog", { "syslog-address": "tcp://[::1]:514", "env-regex": "^APP_" }],
    ["syslog", { "syslog-address": "unixgram:///dev/log" }],
    ["journald", { tag: "{{.ImageName}}", labels: "com.example.team", env: "STAGE" }],
    ["gelf", { "gelf-address": "udp://graylog:12201", "gelf-compression-type": "gzip", "gelf-compression-level": "9", tag: "x" }],
    ["gelf", { "gelf-address": "tcp://graylog:12201", "gelf-tcp-max-reconnect": "3", "gelf-tcp-reconnect-delay": "+1" }],
    ["gelf", { "gelf-address": "udp://[2001:db8::1]:12201", "gelf-compression-level": "-1" }],
    [
      "fluentd",
      {
        "fluentd-address": "localhost:24224",
        "fluentd-async": "true",
        "fluentd-buffer-limit": "8m",
        "fluentd-retry-wait": "1.5s",
        "fluentd-max-retries": "30",
        "fluentd-async-reconnect-interval": "500ms",
        "fluentd-write-timeout": "5s",
        "fluentd-read-timeout": "0",
        "fluentd-sub-second-precision": "1",
        "fluentd-request-ack": "False",
        tag: "docker.{{.Name}}",
      },
    ],
    ["fluentd", { "fluentd-address": "unix:///var/run/fluent.sock", "fluentd-async-reconnect-interval": "0", "fluentd-max-retries": "2147483647" }],
    ["fluentd", { "fluentd-address": "tls://fluentd.example.com:24224", "fluentd-async": "", "fluentd-retry-wait": "1h2m3.5s" }],
    ["awslogs", { "awslogs-region": "us-east-1", "awslogs-group": "app", "awslogs-create-group": "true", "awslogs-force-flush-interval-seconds": "5", "awslogs-multiline-pattern": "^INFO", tag: "x" }],
    ["awslogs", { "awslogs-group": "app", "awslogs-format": "json/emf", "awslogs-max-buffered-events": "100", "awslogs-create-stream": "f" }],
    // splunk checks nothing but its keys at start-up (New parses the URL).
    ["splunk", { "splunk-url": "https://splunk.example.com:8088", "splunk-token": "t", "splunk-insecureskipverify": "true", "splunk-gzip": "true", labels: "a" }],
    ["gcplogs", { "gcp-project": "my-project", "gcp-log-cmd": "true", labels: "a", "env-regex": "^X" }],
  ];

  it.each(accepted)("%s with %j starts", (driver, options) => {
    expectProblems(driver, options, []);
  });

  it("accepts anything for none, and checks nothing when log-opts is empty", () => {
    expectProblems("none", { mode: "async", "max-buffer-size": "lots", whatever: "x", "cache-disabled": "maybe" }, []);
    expectProblems("gelf", {}, []);
    expectProblems("awslogs", {}, []);
    expectProblems("json-file", {}, []);
  });
});

describe("logOptProblems: unknown options", () => {
  const cases: [string, Record<string, string>, Expected[]][] = [
    ["json-file", { "max-files": "3" }, [{ option: "max-files", kind: "unknown", reason: /^the json-file driver has no option "max-files"$/, suggestion: "max-file" }]],
    ["local", { "max-sise": "10m" }, [{ option: "max-sise", kind: "unknown", reason: /^the local driver has no option "max-sise"$/, suggestion: "max-size" }]],
    ["journald", { Tag: "x" }, [{ option: "Tag", kind: "unknown", reason: /journald driver has no option "Tag"/, suggestion: "tag" }]],
    ["syslog", { "max-size": "10m" }, [{ option: "max-size", kind: "unknown", reason: /syslog driver has no option "max-size" \(json-file and local have it\)/ }]],
    ["awslogs", { "awslogs-group": "g", labels: "a" }, [{ option: "labels", kind: "unknown", reason: /awslogs driver has no option "labels"/ }]],
    ["gcplogs", { tag: "x" }, [{ option: "tag", kind: "unknown", reason: /gcplogs driver has no option "tag"/ }]],
    ["splunk", { "splunk-urls": "https://x:8088" }, [{ option: "splunk-urls", kind: "unknown", reason: /splunk driver has no option "splunk-urls"/, suggestion: "splunk-url" }]],
    ["gelf", { "gelf-address": "udp://g:12201", "gelf-adress": "x" }, [{ option: "gelf-adress", kind: "unknown", reason: /gelf driver has no option "gelf-adress"/, suggestion: "gelf-address" }]],
    ["fluentd", { "fluentd-async-connect": "true" }, [{ option: "fluentd-async-connect", kind: "unknown", reason: /fluentd driver has no option "fluentd-async-connect"/ }]],
    ["json-file", { "cache-max-sizes": "1m" }, [{ option: "cache-max-sizes", kind: "unknown", reason: /json-file driver has no option/, suggestion: "cache-max-size" }]],
  ];

  it.each(cases)("%s with %j", (driver, options, expected) => {
    expectProblems(driver, options, expected);
  });
});

describe("logOptProblems: driver-independent checks (ValidateLogOpts)", () => {
  const cases: [string, Record<string, string>, Expected[]][] = [
    ["json-file", { mode: "async" }, [{ option: "mode", kind: "value", reason: /^"async" is not a logging mode: use "blocking" or "non-blocking"$/ }]],
    ["json-file", { "max-buffer-size": "4m" }, [{ option: "max-buffer-size", kind: "requires", reason: /only allowed with mode "non-blocking", and mode is not set/ }]],
    ["json-file", { mode: "blocking", "max-buffer-size": "4m" }, [{ option: "max-buffer-size", kind: "requires", reason: /mode is "blocking"/ }]],
    ["json-file", { mode: "non-blocking", "max-buffer-size": "4 megs" }, [{ option: "max-buffer-size", kind: "value", reason: /^"4 megs" is not a size/ }]],
    ["json-file", { mode: "non-blocking", "max-buffer-size": "-1m" }, [{ option: "max-buffer-size", kind: "value", reason: /"-1m" is not a size/ }]],
    [
      "local",
      { "max-buffer-size": "lots", mode: "async" },
      [
        { option: "max-buffer-size", kind: "requires", reason: /mode is "async"/ },
        { option: "max-buffer-size", kind: "value", reason: /"lots" is not a size/ },
        { option: "mode", kind: "value", reason: /"async" is not a logging mode/ },
      ],
    ],
    ["json-file", { "cache-disabled": "maybe" }, [{ option: "cache-disabled", kind: "value", reason: /^"maybe" is not a boolean: use "true" or "false"$/ }]],
    ["json-file", { "cache-disabled": "TRUE", "cache-max-size": "whatever" }, []],
  ];

  it.each(cases)("%s with %j", (driver, options, expected) => {
    expectProblems(driver, options, expected);
  });

  it("checks only these for a driver that is not built in (a plugin), and etwlogs on Linux", () => {
    const options = { "loki-url": "http://loki:3100", mode: "async", "max-buffer-size": "1m", "max-files": "3", "cache-disabled": "nope" };
    const expected: Expected[] = [
      { option: "mode", kind: "value", reason: /"async" is not a logging mode/ },
      { option: "max-buffer-size", kind: "requires", reason: /mode is "async"/ },
      { option: "cache-disabled", kind: "value", reason: /"nope" is not a boolean/ },
    ];
    expectProblems("loki", options, expected);
    expectProblems("etwlogs", options, expected);
    expectProblems("grafana/loki-docker-driver:latest", { mode: "non-blocking", "max-buffer-size": "8m", "loki-batch-size": "400" }, []);
  });
});

describe("logOptProblems: driver value checks", () => {
  const cases: [string, string, Record<string, string>, Expected[]][] = [
    // syslog.ValidateLogOpt
    ["facility name", "syslog", { "syslog-facility": "daemons" }, [{ option: "syslog-facility", kind: "value", reason: /^"daemons" is not a syslog facility/ }]],
    ["facility number", "syslog", { "syslog-facility": "24" }, [{ option: "syslog-facility", kind: "value", reason: /"24" is not a syslog facility/ }]],
    ["format", "syslog", { "syslog-format": "rfc5425" }, [{ option: "syslog-format", kind: "value", reason: /"rfc5425" is not a syslog format/ }]],
    ["address scheme", "syslog", { "syslog-address": "http://logs:514" }, [{ option: "syslog-address", kind: "value", reason: /"http:\/\/logs:514" is not a syslog address: the scheme "http"/ }]],
    ["address without scheme", "syslog", { "syslog-address": "logs.example.com:514" }, [{ option: "syslog-address", kind: "value", reason: /scheme "logs.example.com"/ }]],
    ["address without scheme or port", "syslog", { "syslog-address": "192.168.0.1" }, [{ option: "syslog-address", kind: "value", reason: /scheme ""/ }]],
    ["address colons", "syslog", { "syslog-address": "tcp://::1:514" }, [{ option: "syslog-address", kind: "value", reason: /too many colons/ }]],
    ["address port", "syslog", { "syslog-address": "udp://logs:5l4" }, [{ option: "syslog-address", kind: "value", reason: /"5l4" is not a port number/ }]],
    ["address bracket", "syslog", { "syslog-address": "udp://[::1:514" }, [{ option: "syslog-address", kind: "value", reason: /lacks its "\]"/ }]],
    ["address IPv4 in brackets", "syslog", { "syslog-address": "udp://[10.0.0.1]:514" }, [{ option: "syslog-address", kind: "value", reason: /not an IPv6 address/ }]],
    ["address escape", "syslog", { "syslog-address": "udp://lo%zzgs:514" }, [{ option: "syslog-address", kind: "value", reason: /"%zz" is not a %-escape/ }]],
    ["address host character", "syslog", { "syslog-address": "udp://my logs:514" }, [{ option: "syslog-address", kind: "value", reason: /a host cannot hold " "/ }]],
    ["address control character", "syslog", { "syslog-address": "udp://logs:514\n" }, [{ option: "syslog-address", kind: "value", reason: /control character/ }]],
    ["unix address without path", "syslog", { "syslog-address": "unix:dev/log" }, [{ option: "syslog-address", kind: "value", reason: /names no socket path/ }]],
    // gelf.ValidateLogOpt
    ["no address", "gelf", { tag: "x" }, [{ option: "gelf-address", kind: "requires", reason: /^the gelf driver requires gelf-address/ }]],
    ["empty address", "gelf", { "gelf-address": "" }, [{ option: "gelf-address", kind: "value", reason: /gelf-address is empty/ }]],
    ["address scheme", "gelf", { "gelf-address": "graylog:12201" }, [{ option: "gelf-address", kind: "value", reason: /"graylog:12201" is not a gelf address: the scheme "graylog" is not udp or tcp/ }]],
    ["address port", "gelf", { "gelf-address": "udp://graylog" }, [{ option: "gelf-address", kind: "value", reason: /needs a host and a port/ }]],
    [
      "compression over tcp",
      "gelf",
      { "gelf-address": "tcp://graylog:12201", "gelf-compression-type": "gzip", "gelf-compression-level": "5" },
      [
        { option: "gelf-compression-type", kind: "requires", reason: /gelf-compression-type only applies to a "udp:\/\/" gelf-address, not "tcp:\/\/"/ },
        { option: "gelf-compression-level", kind: "requires", reason: /gelf-compression-level only applies to a "udp:\/\/"/ },
      ],
    ],
    ["tcp option over udp", "gelf", { "gelf-address": "udp://graylog:12201", "gelf-tcp-max-reconnect": "3" }, [{ option: "gelf-tcp-max-reconnect", kind: "requires", reason: /only applies to a "tcp:\/\/" gelf-address/ }]],
    [
      "values",
      "gelf",
      { "gelf-address": "udp://graylog:12201", "gelf-compression-level": "10", "gelf-compression-type": "lz4" },
      [
        { option: "gelf-compression-level", kind: "value", reason: /"10" is not a compression level: use -1 to 9/ },
        { option: "gelf-compression-type", kind: "value", reason: /"lz4" is not a compression type/ },
      ],
    ],
    [
      "tcp values",
      "gelf",
      { "gelf-address": "tcp://graylog:12201", "gelf-tcp-max-reconnect": "-1", "gelf-tcp-reconnect-delay": "1s" },
      [
        { option: "gelf-tcp-max-reconnect", kind: "value", reason: /"-1" is not a whole number of 0 or more/ },
        { option: "gelf-tcp-reconnect-delay", kind: "value", reason: /"1s" is not a whole number/ },
      ],
    ],
    [
      "values without an address: the scheme is unknown",
      "gelf",
      { "gelf-compression-level": "", "gelf-tcp-reconnect-delay": "3" },
      [
        { option: "gelf-compression-level", kind: "value", reason: /"" is not a compression level/ },
        { option: "gelf-address", kind: "requires", reason: /requires gelf-address/ },
      ],
    ],
    // fluentd.ValidateLogOpt → parseConfig
    ["address scheme", "fluentd", { "fluentd-address": "udp://fluentd:24224" }, [{ option: "fluentd-address", kind: "value", reason: /"udp:\/\/fluentd:24224" is not a fluentd address: the scheme "udp"/ }]],
    ["address path", "fluentd", { "fluentd-address": "tcp://fluentd:24224/logs" }, [{ option: "fluentd-address", kind: "value", reason: /cannot have a path/ }]],
    ["address port", "fluentd", { "fluentd-address": "fluentd:65536" }, [{ option: "fluentd-address", kind: "value", reason: /the port 65536 is not from 0 to 65535/ }]],
    ["unix address", "fluentd", { "fluentd-address": "unix:///" }, [{ option: "fluentd-address", kind: "value", reason: /names no socket path/ }]],
    ["buffer limit", "fluentd", { "fluentd-buffer-limit": "8 megs" }, [{ option: "fluentd-buffer-limit", kind: "value", reason: /"8 megs" is not a size/ }]],
    ["retry wait", "fluentd", { "fluentd-retry-wait": "1000" }, [{ option: "fluentd-retry-wait", kind: "value", reason: /^"1000" is not a duration/ }]],
    ["max retries", "fluentd", { "fluentd-max-retries": "2147483648" }, [{ option: "fluentd-max-retries", kind: "value", reason: /"2147483648" is not a whole number from 0 to 2147483647/ }]],
    ["max retries sign", "fluentd", { "fluentd-max-retries": "+5" }, [{ option: "fluentd-max-retries", kind: "value", reason: /"\+5" is not a whole number/ }]],
    [
      "booleans",
      "fluentd",
      { "fluentd-async": "yes", "fluentd-request-ack": "on", "fluentd-sub-second-precision": "True " },
      [
        { option: "fluentd-async", kind: "value", reason: /"yes" is not a boolean/ },
        { option: "fluentd-request-ack", kind: "value", reason: /"on" is not a boolean/ },
        { option: "fluentd-sub-second-precision", kind: "value", reason: /"True " is not a boolean/ },
      ],
    ],
    ["reconnect interval too short", "fluentd", { "fluentd-async-reconnect-interval": "50ms" }, [{ option: "fluentd-async-reconnect-interval", kind: "value", reason: /"50ms" is outside 100ms to 10s/ }]],
    ["reconnect interval too long", "fluentd", { "fluentd-async-reconnect-interval": "10.001s" }, [{ option: "fluentd-async-reconnect-interval", kind: "value", reason: /outside 100ms to 10s/ }]],
    ["reconnect interval negative", "fluentd", { "fluentd-async-reconnect-interval": "-1s" }, [{ option: "fluentd-async-reconnect-interval", kind: "value", reason: /outside/ }]],
    [
      "timeouts",
      "fluentd",
      { "fluentd-write-timeout": "-1s", "fluentd-read-timeout": "5 s" },
      [
        { option: "fluentd-write-timeout", kind: "value", reason: /"-1s" is negative/ },
        { option: "fluentd-read-timeout", kind: "value", reason: /"5 s" is not a duration/ },
      ],
    ],
    // awslogs.ValidateLogOpt
    ["no group", "awslogs", { "awslogs-region": "eu-west-1" }, [{ option: "awslogs-group", kind: "requires", reason: /^the awslogs driver requires awslogs-group$/ }]],
    ["empty group", "awslogs", { "awslogs-group": "" }, [{ option: "awslogs-group", kind: "value", reason: /awslogs-group must not be empty/ }]],
    [
      "booleans and counts",
      "awslogs",
      { "awslogs-group": "g", "awslogs-create-group": "yes", "awslogs-force-flush-interval-seconds": "0", "awslogs-max-buffered-events": "lots" },
      [
        { option: "awslogs-create-group", kind: "value", reason: /"yes" is not a boolean/ },
        { option: "awslogs-force-flush-interval-seconds", kind: "value", reason: /"0" is not a whole number above 0/ },
        { option: "awslogs-max-buffered-events", kind: "value", reason: /"lots" is not a whole number above 0/ },
      ],
    ],
    [
      "datetime format with multiline pattern",
      "awslogs",
      { "awslogs-datetime-format": "%Y-%m-%d", "awslogs-group": "g", "awslogs-multiline-pattern": "" },
      [{ option: "awslogs-multiline-pattern", kind: "requires", reason: /awslogs-multiline-pattern cannot be used together with awslogs-datetime-format/ }],
    ],
    ["format", "awslogs", { "awslogs-group": "g", "awslogs-format": "json" }, [{ option: "awslogs-format", kind: "value", reason: /"json" is not a log format: "json\/emf" is the only one/ }]],
    [
      "json/emf with a multiline pattern",
      "awslogs",
      { "awslogs-multiline-pattern": "^x", "awslogs-group": "g", "awslogs-format": "json/emf" },
      [{ option: "awslogs-multiline-pattern", kind: "requires", reason: /awslogs-multiline-pattern cannot be used with awslogs-format "json\/emf"/ }],
    ],
  ];

  it.each(cases)("%s (%s)", (_name, driver, options, expected) => {
    expectProblems(driver, options, expected);
  });

  it("reports every problem, in the map's order, a missing required option last", () => {
    expectProblems(
      "gelf",
      { "gelf-compression-type": "lz4", mode: "async", "gelf-adress": "udp://g:12201", "max-buffer-size": "1m" },
      [
        { option: "gelf-compression-type", kind: "value", reason: /"lz4"/ },
        { option: "mode", kind: "value", reason: /"async"/ },
        { option: "gelf-adress", kind: "unknown", reason: /no option "gelf-adress"/, suggestion: "gelf-address" },
        { option: "max-buffer-size", kind: "requires", reason: /non-blocking/ },
        { option: "gelf-address", kind: "requires", reason: /requires gelf-address/ },
      ],
    );
  });
});

describe("knownLogOpts", () => {
  it("lists each built-in driver's options with the common ones", () => {
    for (const driver of BUILTIN_LOG_DRIVERS.filter((name) => name !== "none")) {
      const known = knownLogOpts(driver);
      expect(known, driver).toBeDefined();
      expect(known).toEqual(expect.arrayContaining(["mode", "max-buffer-size", "cache-disabled", "cache-max-size", "cache-max-file", "cache-compress"]));
      expect(new Set(known).size).toBe(known?.length);
    }
    expect(knownLogOpts("json-file")).toEqual(expect.arrayContaining(["max-size", "max-file", "compress", "labels", "labels-regex", "env", "env-regex", "tag"]));
    expect(knownLogOpts("awslogs")).toContain("tag");
    expect(knownLogOpts("awslogs")).not.toContain("labels");
    expect(knownLogOpts("gcplogs")).toContain("labels");
    expect(knownLogOpts("gcplogs")).not.toContain("tag");
    expect(knownLogOpts("journald")).not.toContain("max-size");
  });

  it("is [] for none, undefined for a driver that is not built in", () => {
    expect(knownLogOpts("none")).toEqual([]);
    expect(knownLogOpts("loki")).toBeUndefined();
    expect(knownLogOpts("etwlogs")).toBeUndefined();
    expect(knownLogOpts("JSON-FILE")).toBeUndefined();
    expect(BUILTIN_LOG_DRIVERS).not.toContain("etwlogs");
  });
});

describe("names that Object.prototype holds", () => {
  // A driver or a unit named like a property of every object once made the lookup find a function.
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty"])("the driver %s is a plugin", (driver) => {
    expect(knownLogOpts(driver)).toBeUndefined();
    expect(problemsOf(driver, { "max-size": "10m", constructor: "x" })).toEqual([]);
  });
  it("a duration unit named constructor is no unit", () => {
    expectProblems("fluentd", { "fluentd-address": "tcp://h:24224", "fluentd-retry-wait": "1constructor" }, [{ option: "fluentd-retry-wait", kind: "value", reason: /1constructor/ }]);
  });
});
