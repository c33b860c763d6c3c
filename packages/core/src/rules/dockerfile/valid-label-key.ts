import type { DockerfileModel } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule, type ReportDescriptor } from "../../rule.js";
import { labelsOf, type Label } from "./_labels.js";
import { suggestName } from "../../util/suggest-name.js";
import { trimEndWhere } from "../../util/trim-end.js";

/** Namespaces Docker reserves for its own labels (docs: "Docker object labels"). */
const RESERVED = ["com.docker.", "io.docker.", "org.dockerproject."];

/**
 * Reserved keys Docker tells image authors to set: Docker Desktop reads them from an extension's
 * image and does not list an extension without the required ones (docs.docker.com, "Extension
 * image labels"). Compose's `com.docker.compose.*` are not here: Compose sets those itself.
 */
const DOCKER_EXTENSION_KEYS = [
  "com.docker.desktop.extension.api.version",
  "com.docker.desktop.extension.icon",
  "com.docker.extension.screenshots",
  "com.docker.extension.detailed-description",
  "com.docker.extension.publisher-url",
  "com.docker.extension.additional-urls",
  "com.docker.extension.changelog",
  "com.docker.extension.account-info",
  "com.docker.extension.categories",
];
const EXTENSION_NAMESPACES = ["com.docker.desktop.extension.", "com.docker.extension."];

/** Docker's key guideline, with `_` and `/` allowed as hadolint allows them. */
const ALLOWED_CHAR = /[a-z0-9._/-]/;

function problemOf(key: string): string | undefined {
  if (key === "") return "is empty";
  const bad = [...new Set([...key].filter((c) => !ALLOWED_CHAR.test(c)))];
  if (bad.length > 0) {
    const upper = bad.every((c) => /[A-Z]/.test(c));
    return upper ? "has upper-case letters" : `contains ${bad.map((c) => (c === " " ? "a space" : `"${c}"`)).join(", ")}`;
  }
  if (!/^[a-z]/.test(key)) return "does not start with a lower-case letter";
  if (!/[a-z0-9]$/.test(key)) return "does not end with a lower-case letter or digit";
  if (key.includes("..") || key.includes("--")) return `has consecutive "${key.includes("..") ? "." : "-"}" separators`;
  return undefined;
}

/** The key made valid: lower-cased, other characters turned into `-`, separators collapsed and trimmed. */
function normalized(key: string): string | undefined {
  const cleaned = key
    .toLowerCase()
    .replace(/[^a-z0-9._/-]+/g, "-")
    .replace(/\.{2,}/g, ".")
    .replace(/-{2,}/g, "-")
    .replace(/^[^a-z]+/, "");
  const candidate = trimEndWhere(cleaned, (char) => !/[a-z0-9]/.test(char));
  return candidate !== "" && problemOf(candidate) === undefined && !RESERVED.some((p) => candidate.startsWith(p)) ? candidate : undefined;
}

/** Keys whose meaning the OCI image spec's pre-defined annotations name (`LABEL MAINTAINER=…`). */
const OCI_KEYS: Readonly<Record<string, string>> = {
  maintainer: "authors",
  author: "authors",
  authors: "authors",
  description: "description",
  version: "version",
  vendor: "vendor",
  url: "url",
  source: "source",
  title: "title",
  license: "licenses",
  licenses: "licenses",
  documentation: "documentation",
  created: "created",
  revision: "revision",
};

function describe(label: Label, key: string): ReportDescriptor | undefined {
  if (DOCKER_EXTENSION_KEYS.includes(key)) return undefined;
  const reserved = RESERVED.find((prefix) => key.startsWith(prefix));
  if (reserved) {
    // Under an extension namespace a key Docker Desktop does not know is a misspelt one it would ignore.
    const meant = EXTENSION_NAMESPACES.some((prefix) => key.startsWith(prefix)) ? suggestName(key, DOCKER_EXTENSION_KEYS, { caseSensitive: false }) : undefined;
    if (meant === undefined) return { messageId: "reserved", data: { key, prefix: reserved }, range: label.keyRange };
    const descriptor: ReportDescriptor = { messageId: "unknownExtensionKey", data: { key, suggestion: meant }, range: label.keyRange };
    if (label.pair.key === key) descriptor.suggestions = [{ desc: `Rename the label to "${meant}"`, fix: { range: label.keyRange, text: meant } }];
    return descriptor;
  }
  const problem = problemOf(key);
  if (!problem) return undefined;
  const descriptor: ReportDescriptor = { messageId: "invalid", data: { key, problem }, range: label.keyRange };
  const better = normalized(key);
  // Only a key written without variables: the edit then replaces exactly what the build reads.
  if (better !== undefined && label.pair.key === key) {
    const oci = Object.hasOwn(OCI_KEYS, better) ? `org.opencontainers.image.${OCI_KEYS[better]}` : undefined;
    descriptor.suggestions = [
      ...(oci ? [{ desc: `Rename the label to "${oci}", the OCI image spec's key for it`, fix: { range: label.keyRange, text: oci } }] : []),
      { desc: `Rename the label to "${better}"`, fix: { range: label.keyRange, text: better } },
    ];
  }
  return descriptor;
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "valid-label-key",
    kind: "dockerfile",
    category: "style",
    severity: "info",
    docs: "Require LABEL keys to be lower-case reverse-DNS style names outside Docker's reserved namespaces.",
    presets: ["recommended"],
    hasSuggestions: true,
    messages: {
      reserved:
        "Label key \"{{key}}\" uses the \"{{prefix}}\" namespace, which Docker reserves for its own labels; prefix it with a domain you own (e.g. `com.example.…`).",
      unknownExtensionKey:
        "Label key \"{{key}}\" is not one of the Docker Desktop extension labels, so Docker Desktop ignores it; did you mean \"{{suggestion}}\"?",
      invalid:
        "Label key \"{{key}}\" {{problem}}; keys are lower-case names of a-z, 0-9, `.` and `-` that start with a letter and end with a letter or digit, namespaced by a domain you own (e.g. `com.example.build-date`).",
    },
    references: { hadolint: ["DL3048"] },
    referencesByMessage: { reserved: { hadolint: ["DL3048"] }, unknownExtensionKey: { hadolint: ["DL3048"] }, invalid: { hadolint: ["DL3048"] } },
  },
  check({ model, report }) {
    for (const instruction of withTriggers(model.instructions)) {
      for (const label of labelsOf(instruction)) {
        let key = label.key;
        if (label.keyUnresolved.length > 0) {
          // `LABEL ${PREFIX}.version=1` with `ARG PREFIX`: the key is the builder's to choose. A name no ARG or
          // ENV declares was not meant as a variable (`invalid$character`): judge the key as written.
          if (label.keyUnresolved.some((name) => instruction.scope.lookup(name) !== undefined)) continue;
          key = label.pair.key;
        }
        const descriptor = describe(label, key);
        if (descriptor) report(descriptor);
      }
    }
  },
});
