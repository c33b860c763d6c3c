import type { DockerfileModel } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { isEmail, isGitHash, isRfc3339, isSemver, isSpdx, isUrl } from "./_label-values.js";
import { labelSchema, labelsOf, type Label, type LabelType } from "./_labels.js";
import { spdxFor } from "./_spdx.js";

interface Options {
  /** SPDX license or exception identifiers to accept besides the built-in list (case-insensitive). */
  extraLicenses: string[];
}

const MAX_SHOWN = 60;

function shown(value: string): string {
  const oneLine = value.replace(/\s+/g, " ");
  return oneLine.length > MAX_SHOWN ? `${oneLine.slice(0, MAX_SHOWN - 1)}…` : oneLine;
}

/** The value as a double-quoted Dockerfile word holding exactly `value`. */
function quoteValue(value: string, escapeChar: string): string {
  let out = "";
  for (const c of value) out += c === '"' || c === "$" || c === escapeChar ? escapeChar + c : c;
  return `"${out}"`;
}

const VALIDATORS: Record<Exclude<LabelType, "text">, { messageId: string; valid: (value: string, extra: ReadonlySet<string>) => boolean }> = {
  url: { messageId: "url", valid: isUrl },
  rfc3339: { messageId: "rfc3339", valid: isRfc3339 },
  spdx: { messageId: "spdx", valid: isSpdx },
  hash: { messageId: "hash", valid: isGitHash },
  semver: { messageId: "semver", valid: isSemver },
  email: { messageId: "email", valid: isEmail },
};

/** A corrected value the user can accept with a click, when the intent is unambiguous. */
function correction(type: LabelType, value: string): string | undefined {
  if (type === "semver" && /^v/i.test(value) && isSemver(value.slice(1))) return value.slice(1);
  if (type === "spdx") return spdxFor(value);
  if (type === "hash" && /^[0-9A-F]{7,40}$/i.test(value)) return value.toLowerCase();
  if (type === "url" && /^[A-Z0-9-]+(?:\.[A-Z0-9-]+)+(?:[/:?#]\S*)?$/i.test(value) && isUrl(`https://${value}`)) return `https://${value}`;
  return undefined;
}

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "valid-label-values",
    kind: "dockerfile",
    category: "maintainability",
    severity: "warning",
    docs: "Require the labels of `settings.labelSchema` to have non-empty values of their declared type.",
    presets: ["recommended"],
    hasSuggestions: true,
    messages: {
      empty: "Label \"{{key}}\" is empty, but settings.labelSchema requires it ({{type}}); give it a value or remove the LABEL.",
      url: "Label \"{{key}}\" is \"{{value}}\", which is not an absolute URL; write it with its scheme, e.g. `https://example.com/project`.",
      rfc3339:
        "Label \"{{key}}\" is \"{{value}}\", which is not an RFC 3339 timestamp; write it as `2024-05-01T12:00:00Z` (e.g. pass `$(date -u +%Y-%m-%dT%H:%M:%SZ)` as a build argument).",
      spdx:
        "Label \"{{key}}\" is \"{{value}}\", which is not an SPDX license expression; use identifiers from https://spdx.org/licenses/ (e.g. `Apache-2.0`, `MIT OR Apache-2.0`, `LicenseRef-Proprietary`).",
      hash: "Label \"{{key}}\" is \"{{value}}\", which is not a git commit id; use the output of `git rev-parse HEAD` (lower-case hex, 7 to 40 digits).",
      semver:
        "Label \"{{key}}\" is \"{{value}}\", which is not a semantic version; write MAJOR.MINOR.PATCH with an optional `-pre-release` and `+build`, e.g. `1.4.2` or `2.0.0-rc.1`.",
      email: "Label \"{{key}}\" is \"{{value}}\", which is not an e-mail address; write `name@example.com` or `Jane Doe <name@example.com>`.",
    },
    options: {
      schema: {
        type: "object",
        properties: { extraLicenses: { type: "array", items: { type: "string" } } },
        additionalProperties: false,
      },
      defaults: { extraLicenses: [] },
    },
    references: { hadolint: ["DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058"] },
    referencesByMessage: {
      empty: { hadolint: ["DL3051"] },
      url: { hadolint: ["DL3052"] },
      rfc3339: { hadolint: ["DL3053"] },
      spdx: { hadolint: ["DL3054"] },
      hash: { hadolint: ["DL3055"] },
      semver: { hadolint: ["DL3056"] },
      email: { hadolint: ["DL3058"] },
    },
  },
  check({ model, options, settings, report }) {
    const schema = labelSchema(settings);
    if (!schema || schema.size === 0) return;
    const extra = new Set(options.extraLicenses.map((id) => id.toLowerCase()));
    for (const instruction of withTriggers(model.instructions)) {
      for (const label of labelsOf(instruction)) {
        const type = schema.get(label.key);
        if (type === undefined || label.keyUnresolved.length > 0) continue;
        // `LABEL org.opencontainers.image.created=$BUILD_DATE`: the value is given at build time.
        if (label.valueUnresolved.length > 0) continue;
        const value = label.value.trim();
        if (value === "") {
          report({ messageId: "empty", data: { key: label.key, type }, range: label.valueRange });
          continue;
        }
        if (type === "text") continue;
        const validator = VALIDATORS[type];
        if (validator.valid(value, extra)) continue;
        report(describe(label, type, validator.messageId, value, model.escapeChar));
      }
    }
  },
});

function describe(label: Label, type: LabelType, messageId: string, value: string, escapeChar: string): ReportDescriptor {
  const descriptor: ReportDescriptor = { messageId, data: { key: label.key, value: shown(value) }, range: label.valueRange };
  const better = correction(type, value);
  // Only where the value is written on its own (not built from variables), so the edit replaces exactly it.
  if (better !== undefined && label.pair.valueRange && label.pair.value === label.value) {
    descriptor.suggestions = [{ desc: `Write "${better}"`, fix: { range: label.pair.valueRange, text: quoteValue(better, escapeChar) } }];
  }
  return descriptor;
}
