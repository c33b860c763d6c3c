import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Fix, Level, LintMessage, PeerName } from "@docklint/core";
import { DOCKLINT_HOMEPAGE, docklintVersion, fingerprinter, isUnderCwd, jsonText, levelOf, rangeOf, reportPath, ruleMeta, suppressedOf } from "./shared.js";
import type { Formatter, FormatterContext, FormatterResult, FormatterRuleMeta } from "./types.js";

/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), the format GitHub code scanning,
 * Azure DevOps, GitLab (via converters), SonarQube and VS Code's SARIF viewer ingest.
 *
 * - one run; `tool.driver` has docklint's name, version and home page and a `rules[]` entry for
 *   every rule that appears in the results (sorted by id): `shortDescription`, `fullDescription`,
 *   `help`, `helpUri` (the rule's page), `defaultConfiguration.level`, and `properties.tags`
 *   (the rule's category, then the peers' ids as `<peer>:<id>`, e.g. `hadolint:DL3002`);
 * - one result per message with a rule: `ruleId`, `ruleIndex`, `level` (error / warning / note for
 *   info), the message, the exact region (1-based, `endColumn` exclusive, UTF-16 code units as
 *   `columnKind` says), `partialFingerprints` (the same stable hash as the GitLab format), and
 *   `fixes[]` from the message's safe fix (what `--fix` applies) and its suggestions (shown, never
 *   applied), as replacements by `charOffset`/`charLength` in the text the positions refer to;
 * - suppressed findings (docklint-disable, hadolint ignore, …) are results with
 *   `suppressions: [{ kind: "inSource" }]`, which code scanning shows as closed;
 * - paths are relative to the directory docklint ran in, under `uriBaseId: "%SRCROOT%"` (given in
 *   `originalUriBaseIds`), as code scanning wants them; a file outside it gets an absolute file URI;
 * - messages without a rule are not results: a fatal one (a file that could not be read or parsed)
 *   is a `toolExecutionNotification` and makes `executionSuccessful` false; the others (a bad
 *   suppression comment, an unused one, an invalid `# check=` directive) are
 *   `toolConfigurationNotifications`.
 */

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT = "%SRCROOT%";

type SarifLevel = "error" | "warning" | "note";

const SARIF_LEVEL: Record<Level, SarifLevel> = { error: "error", warning: "warning", info: "note" };

const PEER_ORDER: readonly PeerName[] = ["hadolint", "buildkit", "trivy", "checkov", "kics", "dclint", "semgrep", "cis"];
const PEER_NAMES: Record<PeerName, string> = {
  hadolint: "hadolint",
  buildkit: "BuildKit",
  trivy: "Trivy",
  checkov: "Checkov",
  kics: "KICS",
  dclint: "dclint",
  semgrep: "Semgrep",
  cis: "CIS Docker Benchmark",
};

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface Location {
  physicalLocation: { artifactLocation: ArtifactLocation; region: Region };
}

interface SarifFix {
  description: { text: string };
  artifactChanges: {
    artifactLocation: ArtifactLocation;
    replacements: { deletedRegion: { charOffset: number; charLength: number }; insertedContent: { text: string } }[];
  }[];
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: Location[];
  partialFingerprints: Record<string, string>;
  fixes?: SarifFix[];
  suppressions?: { kind: "inSource" | "external"; justification?: string }[];
}

interface Notification {
  level: SarifLevel;
  message: { text: string };
  locations: Location[];
}

interface ReportingDescriptor {
  id: string;
  shortDescription?: { text: string };
  fullDescription?: { text: string };
  help?: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration?: { level: SarifLevel };
  properties?: { tags: string[] };
}

function encodePath(relative: string): string {
  return relative.split("/").map(encodeURIComponent).join("/");
}

function artifactLocation(filePath: string, cwd: string): ArtifactLocation {
  if (isUnderCwd(filePath, cwd)) return { uri: encodePath(reportPath(filePath, cwd)), uriBaseId: SRCROOT };
  return { uri: pathToFileURL(filePath).href };
}

function location(artifact: ArtifactLocation, message: LintMessage): Location {
  const range = rangeOf(message);
  return {
    physicalLocation: {
      artifactLocation: artifact,
      region: { startLine: range.line, startColumn: range.column, endLine: range.endLine, endColumn: range.endColumn },
    },
  };
}

function isOffset(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/** A text edit as a SARIF fix; undefined for an edit that is not a valid range. */
function sarifFix(fix: Fix | undefined, description: string, artifact: ArtifactLocation): SarifFix | undefined {
  const [start, end] = fix?.range ?? [];
  if (!fix || !isOffset(start) || !isOffset(end) || end < start || typeof fix.text !== "string") return undefined;
  return {
    description: { text: description },
    artifactChanges: [
      {
        artifactLocation: artifact,
        replacements: [{ deletedRegion: { charOffset: start, charLength: end - start }, insertedContent: { text: fix.text } }],
      },
    ],
  };
}

function fixesOf(message: LintMessage, artifact: ArtifactLocation): SarifFix[] {
  const fixes: SarifFix[] = [];
  const safe = sarifFix(message.fix, "Safe fix: `docklint --fix` applies it.", artifact);
  if (safe) fixes.push(safe);
  for (const suggestion of message.suggestions ?? []) {
    const fix = sarifFix(suggestion.fix, `Suggestion (review it; --fix does not apply it): ${suggestion.desc}`, artifact);
    if (fix) fixes.push(fix);
  }
  return fixes;
}

/** ESLint's suppression records, if a host attached them; docklint's own are all comments in the file. */
function suppressionsOf(message: LintMessage): { kind: "inSource" | "external"; justification?: string }[] {
  const attached = (message as { suppressions?: unknown }).suppressions;
  if (Array.isArray(attached) && attached.length > 0) {
    return attached.map((entry: unknown) => {
      const { kind, justification } = (entry ?? {}) as { kind?: unknown; justification?: unknown };
      return {
        kind: kind === "external" ? "external" : "inSource",
        ...(typeof justification === "string" && justification !== "" ? { justification } : {}),
      };
    });
  }
  return [{ kind: "inSource" }];
}

function peerTags(meta: FormatterRuleMeta): string[] {
  const tags: string[] = [];
  for (const peer of PEER_ORDER) for (const id of meta.references?.[peer] ?? []) tags.push(`${peer}:${id}`);
  return tags;
}

function peerSentence(meta: FormatterRuleMeta): string {
  const parts = PEER_ORDER.filter((peer) => (meta.references?.[peer] ?? []).length > 0).map(
    (peer) => `${PEER_NAMES[peer]} ${(meta.references?.[peer] ?? []).join(", ")}`,
  );
  return parts.length > 0 ? ` Peers' ids for the same check: ${parts.join("; ")}.` : "";
}

function descriptor(id: string, meta: FormatterRuleMeta | undefined): ReportingDescriptor {
  if (!meta) return { id };
  const description = meta.docs.description || id;
  const url = meta.docs.url;
  const tags = [...(meta.category ? [meta.category] : []), ...peerTags(meta)];
  return {
    id,
    shortDescription: { text: description },
    fullDescription: { text: `${description}${peerSentence(meta)}` },
    ...(url
      ? { help: { text: `${description}\nDocumentation: ${url}`, markdown: `${description}\n\n[${id} documentation](${url})` }, helpUri: url }
      : {}),
    ...(meta.defaultLevel ? { defaultConfiguration: { level: SARIF_LEVEL[meta.defaultLevel] } } : {}),
    ...(tags.length > 0 ? { properties: { tags } } : {}),
  };
}

function ruleIds(results: readonly FormatterResult[]): string[] {
  const ids = new Set<string>();
  for (const result of results) {
    for (const message of [...result.messages, ...suppressedOf(result)]) if (message.ruleId !== null) ids.add(message.ruleId);
  }
  return [...ids].sort();
}

function srcroot(cwd: string): string {
  const href = pathToFileURL(path.resolve(cwd)).href;
  return href.endsWith("/") ? href : `${href}/`;
}

/** The SARIF log as an object (for tools that want to post-process it). */
export function toSarif(results: readonly FormatterResult[], context: FormatterContext): Record<string, unknown> {
  const ids = ruleIds(results);
  const index = new Map(ids.map((id, i) => [id, i]));
  const sarifResults: SarifResult[] = [];
  const execution: Notification[] = [];
  const configuration: Notification[] = [];

  for (const result of results) {
    const artifact = artifactLocation(result.filePath, context.cwd);
    const fingerprint = fingerprinter(result, context.cwd);
    const toResult = (message: LintMessage & { ruleId: string }, suppressed: boolean): SarifResult => {
      const fixes = fixesOf(message, artifact);
      return {
        ruleId: message.ruleId,
        ruleIndex: index.get(message.ruleId) ?? -1,
        level: SARIF_LEVEL[levelOf(message)],
        message: { text: message.message },
        locations: [location(artifact, message)],
        partialFingerprints: { "docklint/v1": fingerprint(message) },
        ...(fixes.length > 0 ? { fixes } : {}),
        ...(suppressed ? { suppressions: suppressionsOf(message) } : {}),
      };
    };
    for (const message of result.messages) {
      if (message.ruleId !== null) {
        sarifResults.push(toResult({ ...message, ruleId: message.ruleId }, false));
        continue;
      }
      const notification: Notification = {
        level: SARIF_LEVEL[levelOf(message)],
        message: { text: message.message },
        locations: [location(artifact, message)],
      };
      (message.fatal ? execution : configuration).push(notification);
    }
    for (const message of suppressedOf(result)) {
      if (message.ruleId !== null) sarifResults.push(toResult({ ...message, ruleId: message.ruleId }, true));
    }
  }

  const version = docklintVersion();
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "docklint",
            version,
            semanticVersion: version,
            informationUri: DOCKLINT_HOMEPAGE,
            rules: ids.map((id) => descriptor(id, ruleMeta(context, id))),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: srcroot(context.cwd) } },
        columnKind: "utf16CodeUnits",
        invocations: [
          {
            executionSuccessful: execution.length === 0,
            ...(execution.length > 0 ? { toolExecutionNotifications: execution } : {}),
            ...(configuration.length > 0 ? { toolConfigurationNotifications: configuration } : {}),
          },
        ],
        results: sarifResults,
      },
    ],
  };
}

const formatSarif: Formatter = (results, context) => `${jsonText(toSarif(results, context), 2)}\n`;

export default formatSarif;
