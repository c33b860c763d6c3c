/**
 * What the Dockerfile frontend knows about instructions: keywords and the flags each accepts,
 * from BuildKit's instructions/parse.go (moby/buildkit@73ed682, Dockerfile frontend 1.20+).
 */
import { DOCKERFILE_KEYWORDS } from "./_keyword-typos.js";

/** Every instruction keyword BuildKit dispatches (upper case). */
export const INSTRUCTION_KEYWORDS: ReadonlySet<string> = new Set(DOCKERFILE_KEYWORDS);

/** `bool`: `--flag`, `--flag=true|false`; `string`: `--flag=value`, once; `strings`: `--flag=value`, repeatable. */
export type FlagType = "bool" | "string" | "strings";

export interface FlagSpec {
  type: FlagType;
  /** Allowed values (compared as written), for flags with a fixed set. */
  values?: readonly string[];
  /** A Go duration (`30s`, `1m30s`). */
  duration?: boolean;
  /** A non-negative integer. */
  count?: boolean;
  /** Only in the `docker/dockerfile:1-labs` frontend. */
  labs?: boolean;
}

/**
 * Flags per instruction. An instruction missing here accepts no flag at all (BuildKit fails with
 * `unknown flag`), except ARG and STOPSIGNAL, whose parsers never look at flags (they are dropped).
 */
export const INSTRUCTION_FLAGS: ReadonlyMap<string, ReadonlyMap<string, FlagSpec>> = new Map<string, ReadonlyMap<string, FlagSpec>>([
  ["FROM", new Map([["platform", { type: "string" }]])],
  [
    "COPY",
    new Map<string, FlagSpec>([
      ["from", { type: "string" }],
      ["chown", { type: "string" }],
      ["chmod", { type: "string" }],
      ["link", { type: "bool" }],
      ["parents", { type: "bool" }],
      ["exclude", { type: "strings" }],
    ]),
  ],
  [
    "ADD",
    new Map<string, FlagSpec>([
      ["chown", { type: "string" }],
      ["chmod", { type: "string" }],
      ["link", { type: "bool" }],
      ["checksum", { type: "string" }],
      ["keep-git-dir", { type: "bool" }],
      ["unpack", { type: "bool" }],
      ["exclude", { type: "strings" }],
    ]),
  ],
  [
    "RUN",
    new Map<string, FlagSpec>([
      ["mount", { type: "strings" }],
      ["network", { type: "string", values: ["default", "none", "host"] }],
      ["security", { type: "string", values: ["sandbox", "insecure"] }],
      ["device", { type: "strings", labs: true }],
    ]),
  ],
  [
    "HEALTHCHECK",
    new Map<string, FlagSpec>([
      ["interval", { type: "string", duration: true }],
      ["timeout", { type: "string", duration: true }],
      ["start-period", { type: "string", duration: true }],
      ["start-interval", { type: "string", duration: true }],
      ["retries", { type: "string", count: true }],
    ]),
  ],
]);

/** Instructions whose flags BuildKit extracts and then ignores. */
export const FLAGS_IGNORED: ReadonlySet<string> = new Set(["ARG", "STOPSIGNAL"]);

export const MOUNT_TYPES: readonly string[] = ["bind", "cache", "tmpfs", "secret", "ssh"];

/** Every `--mount` key BuildKit accepts (commands_runmount.go parseMount). */
export const MOUNT_KEYS: readonly string[] = [
  "type",
  "from",
  "source",
  "src",
  "target",
  "dst",
  "destination",
  "readonly",
  "ro",
  "readwrite",
  "rw",
  "id",
  "sharing",
  "required",
  "size",
  "mode",
  "uid",
  "gid",
  "env",
];

/** `--mount` keys that are valid without `=value`. */
export const MOUNT_BARE_KEYS: ReadonlySet<string> = new Set(["readonly", "ro", "readwrite", "rw", "required"]);

export const MOUNT_SHARING: readonly string[] = ["shared", "private", "locked"];

/** One field of a CSV flag value (`--mount=type=cache,target=/x`), with its place in the value. */
export interface CsvField {
  /** The field after CSV unquoting. */
  text: string;
  /** Offsets into the flag value: [start, end) of the field as written. */
  start: number;
  end: number;
  quoted: boolean;
}

/** Go encoding/csv-style split of one record: a field is quoted only when it starts with `"`, `""` is a quote. */
export function csvFields(value: string): CsvField[] {
  const fields: CsvField[] = [];
  let i = 0;
  for (;;) {
    const start = i;
    if (value[i] === '"') {
      let text = "";
      i++;
      while (i < value.length) {
        if (value[i] === '"') {
          if (value[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += value[i];
        i++;
      }
      while (i < value.length && value[i] !== ",") text += value[i++];
      fields.push({ text, start, end: i, quoted: true });
    } else {
      const comma = value.indexOf(",", i);
      const end = comma < 0 ? value.length : comma;
      fields.push({ text: value.slice(i, end), start, end, quoted: false });
      i = end;
    }
    if (i >= value.length) break;
    i++;
  }
  return fields;
}
