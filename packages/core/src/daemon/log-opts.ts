/**
 * What dockerd refuses in daemon.json's `log-opts` for the default log driver, as data.
 *
 * At start-up dockerd calls logger.ValidateLogOpts (moby daemon/logger/factory.go) from
 * defaultLogConfig (daemon/logs.go), and only when `log-opts` is not empty. It checks `mode` and
 * `max-buffer-size`, then the external validators (loggerutils/cache: `cache-disabled`), then
 * looks the driver up and runs the driver's own validator on the options minus the built-in ones.
 * Only those checks count here: values a driver parses when a container starts (json-file's and
 * local's max-size, max-file and compress, a `tag` template, splunk's URL, awslogs' multiline
 * pattern) do not stop the daemon.
 *
 * Written from moby at Go 1.26 (Dockerfile GO_VERSION), Linux: etwlogs is Windows-only, so on
 * Linux it is no built-in driver.
 */
import { suggestName } from "../util/suggest-name.js";
import { goDuration } from "../util/go-duration.js";
import { goParseBool, goParseInt, ramInBytes } from "../util/go-strconv.js";
import { parseGoUrl, urlPort } from "../util/go-url.js";
import { splitHostPort } from "../util/ip-address.js";
import { ownValue } from "../util/own-value.js";

/** One option dockerd refuses. `option`: the log-opts key at fault. */
export interface LogOptProblem {
  /**
   * The key at fault. For an option a driver requires and the map lacks (gelf's `gelf-address`,
   * awslogs' `awslogs-group`) it is that missing key, so the caller reports at `log-opts` itself.
   */
  option: string;
  /**
   * `unknown`: the driver has no such option; `value`: the value does not parse or is out of
   * range; `requires`: the option is refused because of another option, one it needs (a mode, a
   * scheme, a required key) or one it cannot be combined with.
   */
  kind: "unknown" | "value" | "requires";
  /** Why, in plain words, naming the value, e.g. `"async" is not a logging mode: use "blocking" or "non-blocking"`, or `the json-file driver has no option "max-files"`. No trailing period. */
  reason: string;
  /** For kind "unknown": the closest known option of that driver, if one is within a small edit distance (e.g. max-files → max-file). */
  suggestion?: string;
}

/**
 * The log drivers built into dockerd on Linux (daemon/logdrivers_linux.go), and "none", which
 * ValidateLogOpts accepts with any options.
 */
export const BUILTIN_LOG_DRIVERS: readonly string[] = Object.freeze([
  "awslogs",
  "fluentd",
  "gcplogs",
  "gelf",
  "journald",
  "json-file",
  "local",
  "none",
  "splunk",
  "syslog",
]);

/** factory.go builtInLogOpts: read by ValidateLogOpts itself, removed before the driver's validator. */
const BUILTIN_OPTS = ["mode", "max-buffer-size"];
/**
 * loggerutils/cache adds "cache-disabled" and "cache-" + each key of local.LogOptKeys to
 * builtInLogOpts, so every driver (plugins too) takes them; only cache-disabled is checked at start-up.
 */
const CACHE_OPTS = ["cache-disabled", "cache-max-file", "cache-max-size", "cache-compress", "cache-labels", "cache-labels-regex", "cache-env", "cache-env-regex", "cache-tag"];
/** loginfo.go AttrEnv, AttrEnvRegex, AttrLabels, AttrLabelsRegex, AttrLogTag. */
const ATTRS = ["env", "env-regex", "labels", "labels-regex", "tag"];

type Problems = Omit<LogOptProblem, "suggestion">[];
type Check = (options: ReadonlyMap<string, string>, problems: Problems) => void;

interface Driver {
  /** The keys the driver's validator accepts. */
  own: readonly string[];
  check?: Check;
}

const DRIVERS: Readonly<Record<string, Driver>> = {
  // jsonfilelog.ValidateLogOpt: keys only (New parses max-size, max-file and compress).
  "json-file": { own: ["max-file", "max-size", "compress", ...ATTRS] },
  // local.ValidateLogOpt (local.LogOptKeys): keys only (newConfig, called by New, parses the values).
  local: { own: ["max-file", "max-size", "compress", ...ATTRS] },
  // journald.validateLogOpt.
  journald: { own: ATTRS },
  // splunk.ValidateLogOpt: keys only (parseURL and the token are checked by New).
  splunk: {
    own: [
      "splunk-url",
      "splunk-token",
      "splunk-source",
      "splunk-sourcetype",
      "splunk-index",
      "splunk-capath",
      "splunk-caname",
      "splunk-insecureskipverify",
      "splunk-format",
      "splunk-verify-connection",
      "splunk-gzip",
      "splunk-gzip-level",
      "splunk-index-acknowledgment",
      ...ATTRS,
    ],
  },
  // gcplogs.ValidateLogOpts: no "tag".
  gcplogs: { own: ["gcp-project", "gcp-log-cmd", "gcp-meta-zone", "gcp-meta-name", "gcp-meta-id", "env", "env-regex", "labels", "labels-regex"] },
  // awslogs.ValidateLogOpt: "tag" is its only common attribute.
  awslogs: {
    own: [
      "awslogs-group",
      "awslogs-stream",
      "awslogs-create-group",
      "awslogs-create-stream",
      "awslogs-region",
      "awslogs-endpoint",
      "awslogs-datetime-format",
      "awslogs-multiline-pattern",
      "awslogs-credentials-endpoint",
      "awslogs-force-flush-interval-seconds",
      "awslogs-max-buffered-events",
      "awslogs-format",
      "tag",
    ],
    check: checkAwslogs,
  },
  // syslog.ValidateLogOpt.
  syslog: {
    own: ["syslog-address", "syslog-facility", "syslog-tls-ca-cert", "syslog-tls-cert", "syslog-tls-key", "syslog-tls-skip-verify", "syslog-format", ...ATTRS],
    check: checkSyslog,
  },
  // gelf.ValidateLogOpt.
  gelf: { own: ["gelf-address", "gelf-compression-level", "gelf-compression-type", "gelf-tcp-max-reconnect", "gelf-tcp-reconnect-delay", ...ATTRS], check: checkGelf },
  // fluentd.ValidateLogOpt, which runs parseConfig.
  fluentd: {
    own: [
      "fluentd-address",
      "fluentd-async",
      "fluentd-async-reconnect-interval",
      "fluentd-buffer-limit",
      "fluentd-max-retries",
      "fluentd-request-ack",
      "fluentd-retry-wait",
      "fluentd-sub-second-precision",
      "fluentd-write-timeout",
      "fluentd-read-timeout",
      ...ATTRS,
    ],
    check: checkFluentd,
  },
};

const KNOWN = new Map<string, readonly string[]>([["none", Object.freeze([])]]);
for (const [name, driver] of Object.entries(DRIVERS)) KNOWN.set(name, Object.freeze([...driver.own, ...BUILTIN_OPTS, ...CACHE_OPTS]));

/** Drivers (other than the one at hand) that take an option: "max-size" on syslog is a driver mix-up, not a typo. */
const OWNERS = new Map<string, string[]>();
for (const [name, driver] of Object.entries(DRIVERS)) {
  for (const option of driver.own) {
    if (ATTRS.includes(option)) continue;
    OWNERS.set(option, [...(OWNERS.get(option) ?? []), name]);
  }
}

/**
 * Options each built-in driver accepts (including the common ones dockerd filters before the
 * driver's validator). [] for "none", which uses no option (dockerd ignores, not refuses, them);
 * undefined for a driver not built in (a plugin: docklint cannot know its options).
 */
export function knownLogOpts(driver: string): readonly string[] | undefined {
  return KNOWN.get(driver);
}

/**
 * What dockerd refuses about `options` for `driver` (the resolved `log-driver`: "json-file" when
 * daemon.json names none); [] when it starts. Problems follow the map's order; a required option
 * the map lacks comes last. For a driver that is not built in, only ValidateLogOpts' own checks
 * (mode, max-buffer-size, cache-disabled), which run before it looks the driver up.
 */
export function logOptProblems(driver: string, options: ReadonlyMap<string, string>): LogOptProblem[] {
  if (options.size === 0 || driver === "none") return [];
  const problems: Problems = [];

  const mode = options.get("mode");
  if (mode !== undefined && mode !== "" && mode !== "blocking" && mode !== "non-blocking") {
    problems.push(value("mode", `${q(mode)} is not a logging mode: use "blocking" or "non-blocking"`));
  }
  const bufferSize = options.get("max-buffer-size");
  if (bufferSize !== undefined) {
    if (mode !== "non-blocking") {
      const actual = mode === undefined ? "mode is not set" : mode === "" ? "mode is empty" : `mode is ${q(mode)}`;
      problems.push({ option: "max-buffer-size", kind: "requires", reason: `max-buffer-size is only allowed with mode "non-blocking", and ${actual}` });
    }
    if (!("bytes" in ramInBytes(bufferSize))) problems.push(value("max-buffer-size", notSize(bufferSize)));
  }
  // cache.validateLogCacheOpts: an empty value is skipped.
  const cacheDisabled = options.get("cache-disabled");
  if (cacheDisabled !== undefined && cacheDisabled !== "" && goParseBool(cacheDisabled) === undefined) {
    problems.push(value("cache-disabled", notBool(cacheDisabled)));
  }

  // An own property only: a driver named "constructor" is a plugin to dockerd, not Object.prototype's.
  const spec = ownValue(DRIVERS, driver);
  if (spec !== undefined) {
    for (const option of options.keys()) {
      if (BUILTIN_OPTS.includes(option) || CACHE_OPTS.includes(option) || spec.own.includes(option)) continue;
      const owners = (OWNERS.get(option) ?? []).filter((name) => name !== driver);
      const hint = owners.length === 0 ? "" : ` (${list(owners, "and")} ${owners.length === 1 ? "has" : "have"} it)`;
      problems.push({ option, kind: "unknown", reason: `the ${driver} driver has no option ${q(option)}${hint}` });
    }
    spec.check?.(options, problems);
  }

  const order = [...options.keys()];
  const rank = (option: string): number => {
    const at = order.indexOf(option);
    return at < 0 ? order.length : at;
  };
  const known = knownLogOpts(driver) ?? [];
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => rank(a.problem.option) - rank(b.problem.option) || a.index - b.index)
    .map(({ problem }) => {
      if (problem.kind !== "unknown") return problem;
      const suggestion = suggestName(problem.option, known, { caseSensitive: false });
      return suggestion === undefined ? problem : { ...problem, suggestion };
    });
}

// syslog.ValidateLogOpt: parseAddress, parseFacility and parseLogFormat(format, "").
function checkSyslog(options: ReadonlyMap<string, string>, problems: Problems): void {
  const address = options.get("syslog-address");
  if (address !== undefined && address !== "") {
    const why = syslogAddressProblem(address);
    if (why !== undefined) problems.push(value("syslog-address", `${q(address)} is not a syslog address: ${why}`));
  }
  const facility = options.get("syslog-facility");
  if (facility !== undefined && facility !== "" && !SYSLOG_FACILITIES.includes(facility)) {
    const number = goAtoi(facility);
    if (number === undefined || number < 0n || number > 23n) {
      problems.push(value("syslog-facility", `${q(facility)} is not a syslog facility: use a name such as "daemon" or "local0", or a number from 0 to 23`));
    }
  }
  const format = options.get("syslog-format");
  if (format !== undefined && format !== "" && !["rfc3164", "rfc5424", "rfc5424micro"].includes(format)) {
    problems.push(value("syslog-format", `${q(format)} is not a syslog format: use "rfc3164", "rfc5424" or "rfc5424micro"`));
  }
}

const SYSLOG_FACILITIES = ["kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"];

function syslogAddressProblem(address: string): string | undefined {
  const url = parseGoUrl(address);
  if (typeof url === "string") return url;
  // A unix socket is stat'ed on the host: only a missing path is certain to fail.
  if (url.scheme === "unix" || url.scheme === "unixgram") return url.path === "" ? "it names no socket path" : undefined;
  if (url.scheme !== "udp" && url.scheme !== "tcp" && url.scheme !== "tcp+tls") {
    return `the scheme ${q(url.scheme)} is not udp, tcp, tcp+tls, unix or unixgram (e.g. "udp://host:514")`;
  }
  // A missing port is fine: syslog adds 514.
  const split = splitHostPort(url.host);
  return typeof split === "string" && split !== "missing port in address" ? split : undefined;
}

// gelf.ValidateLogOpt: parseAddress first, then each key against the address's scheme.
function checkGelf(options: ReadonlyMap<string, string>, problems: Problems): void {
  const address = options.get("gelf-address");
  let scheme: string | undefined;
  if (address === undefined) {
    problems.push({ option: "gelf-address", kind: "requires", reason: 'the gelf driver requires gelf-address, e.g. "udp://graylog:12201"' });
  } else if (address === "") {
    problems.push(value("gelf-address", 'gelf-address is empty: use "udp://host:port" or "tcp://host:port"'));
  } else {
    const url = parseGoUrl(address);
    const why =
      typeof url === "string"
        ? url
        : url.scheme !== "udp" && url.scheme !== "tcp"
          ? `the scheme ${q(url.scheme)} is not udp or tcp`
          : typeof splitHostPort(url.host) === "string"
            ? 'it needs a host and a port, as in "udp://graylog:12201"'
            : undefined;
    if (why === undefined && typeof url !== "string") scheme = url.scheme;
    else problems.push(value("gelf-address", `${q(address)} is not a gelf address: ${why}`));
  }
  // Without a valid address dockerd stops there: which scheme the other keys need is unknown.
  const needs = (option: string, wanted: string): void => {
    if (scheme !== undefined && scheme !== wanted) {
      problems.push({ option, kind: "requires", reason: `${option} only applies to a "${wanted}://" gelf-address, not "${scheme}://"` });
    }
  };
  for (const [option, text] of options) {
    switch (option) {
      case "gelf-compression-level": {
        needs(option, "udp");
        const level = goAtoi(text);
        // flate.DefaultCompression (-1) to flate.BestCompression (9).
        if (level === undefined || level < -1n || level > 9n) problems.push(value(option, `${q(text)} is not a compression level: use -1 to 9`));
        break;
      }
      case "gelf-compression-type":
        needs(option, "udp");
        if (!["gzip", "zlib", "none"].includes(text)) problems.push(value(option, `${q(text)} is not a compression type: use "gzip", "zlib" or "none"`));
        break;
      case "gelf-tcp-max-reconnect":
      case "gelf-tcp-reconnect-delay": {
        needs(option, "tcp");
        const count = goAtoi(text);
        if (count === undefined || count < 0n) problems.push(value(option, `${q(text)} is not a whole number of 0 or more`));
        break;
      }
    }
  }
}

// fluentd.parseConfig: every check skips an empty value.
function checkFluentd(options: ReadonlyMap<string, string>, problems: Problems): void {
  const get = (option: string): string | undefined => {
    const text = options.get(option);
    return text === "" ? undefined : text;
  };
  const address = get("fluentd-address");
  if (address !== undefined) {
    const why = fluentdAddressProblem(address);
    if (why !== undefined) problems.push(value("fluentd-address", `${q(address)} is not a fluentd address: ${why}`));
  }
  const bufferLimit = get("fluentd-buffer-limit");
  if (bufferLimit !== undefined && !("bytes" in ramInBytes(bufferLimit))) problems.push(value("fluentd-buffer-limit", notSize(bufferLimit)));
  const retryWait = get("fluentd-retry-wait");
  if (retryWait !== undefined && goDuration(retryWait) === undefined) problems.push(value("fluentd-retry-wait", notDuration(retryWait)));
  const maxRetries = get("fluentd-max-retries");
  // ParseUint(v, 10, 32), then capped at math.MaxInt32.
  if (maxRetries !== undefined && !(/^\d+$/.test(maxRetries) && BigInt(maxRetries) <= 2147483647n)) {
    problems.push(value("fluentd-max-retries", `${q(maxRetries)} is not a whole number from 0 to 2147483647`));
  }
  for (const option of ["fluentd-async", "fluentd-sub-second-precision", "fluentd-request-ack"]) {
    const text = get(option);
    if (text !== undefined && goParseBool(text) === undefined) problems.push(value(option, notBool(text)));
  }
  const interval = get("fluentd-async-reconnect-interval");
  if (interval !== undefined) {
    const nanos = goDuration(interval);
    if (nanos === undefined) problems.push(value("fluentd-async-reconnect-interval", notDuration(interval)));
    else if (nanos !== 0 && (nanos < 100_000_000 || nanos > 10_000_000_000)) {
      problems.push(value("fluentd-async-reconnect-interval", `${q(interval)} is outside 100ms to 10s (or 0 for the default)`));
    }
  }
  for (const option of ["fluentd-write-timeout", "fluentd-read-timeout"]) {
    const text = get(option);
    if (text === undefined) continue;
    const nanos = goDuration(text);
    if (nanos === undefined) problems.push(value(option, notDuration(text)));
    else if (nanos < 0) problems.push(value(option, `${q(text)} is negative`));
  }
}

// fluentd.parseAddress.
function fluentdAddressProblem(address: string): string | undefined {
  const url = parseGoUrl(address.includes("://") ? address : `tcp://${address}`);
  if (typeof url === "string") return url;
  if (url.scheme === "unix") return url.path.replace(/^\/+/, "") === "" ? "it names no socket path" : undefined;
  if (url.scheme !== "tcp" && url.scheme !== "tls") return `the scheme ${q(url.scheme)} is not tcp, tls or unix`;
  if (url.path !== "") return `a ${url.scheme} address cannot have a path (${q(url.path)})`;
  const port = urlPort(url.host);
  // ParseUint(port, 10, 16).
  if (port !== "" && BigInt(port) > 65535n) return `the port ${port} is not from 0 to 65535`;
  return undefined;
}

// awslogs.ValidateLogOpt.
function checkAwslogs(options: ReadonlyMap<string, string>, problems: Problems): void {
  const group = options.get("awslogs-group");
  if (group === undefined) problems.push({ option: "awslogs-group", kind: "requires", reason: "the awslogs driver requires awslogs-group" });
  else if (group === "") problems.push(value("awslogs-group", "awslogs-group must not be empty"));
  for (const option of ["awslogs-create-group", "awslogs-create-stream"]) {
    const text = options.get(option);
    if (text !== undefined && text !== "" && goParseBool(text) === undefined) problems.push(value(option, notBool(text)));
  }
  for (const option of ["awslogs-force-flush-interval-seconds", "awslogs-max-buffered-events"]) {
    const text = options.get(option);
    if (text === undefined || text === "") continue;
    const number = goAtoi(text);
    if (number === undefined || number <= 0n) problems.push(value(option, `${q(text)} is not a whole number above 0`));
  }
  // Presence counts here, even with an empty value.
  const datetime = options.has("awslogs-datetime-format");
  const multiline = options.has("awslogs-multiline-pattern");
  if (datetime && multiline) {
    const keys = [...options.keys()];
    const later = keys.indexOf("awslogs-datetime-format") > keys.indexOf("awslogs-multiline-pattern") ? "awslogs-datetime-format" : "awslogs-multiline-pattern";
    const other = later === "awslogs-datetime-format" ? "awslogs-multiline-pattern" : "awslogs-datetime-format";
    problems.push({ option: later, kind: "requires", reason: `${later} cannot be used together with ${other}` });
  }
  const format = options.get("awslogs-format");
  if (format !== undefined && format !== "") {
    if (format !== "json/emf") problems.push(value("awslogs-format", `${q(format)} is not a log format: "json/emf" is the only one`));
    else {
      for (const option of ["awslogs-datetime-format", "awslogs-multiline-pattern"]) {
        if (options.has(option)) problems.push({ option, kind: "requires", reason: `${option} cannot be used with awslogs-format "json/emf"` });
      }
    }
  }
}

/** strconv.Atoi on 64-bit hosts. */
function goAtoi(text: string): bigint | undefined {
  const parsed = goParseInt(text, 10);
  return "value" in parsed ? parsed.value : undefined;
}

function value(option: string, reason: string): Problems[number] {
  return { option, kind: "value", reason };
}

function q(text: string): string {
  return JSON.stringify(text);
}

function list(items: readonly string[], conjunction: string): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}

function notBool(text: string): string {
  return `${q(text)} is not a boolean: use "true" or "false"`;
}

function notSize(text: string): string {
  return `${q(text)} is not a size: use a number with an optional unit, e.g. "4m" or "512k"`;
}

function notDuration(text: string): string {
  return `${q(text)} is not a duration: use a number with a unit, e.g. "1s" or "500ms"`;
}

// ---------------------------------------------------------------------------------------------
// Go's parsers, as the checks above use them.
