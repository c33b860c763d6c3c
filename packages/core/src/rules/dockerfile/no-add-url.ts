import type { DockerfileModel } from "../../dockerfile/model.js";
import { withTriggers } from "../../dockerfile/queries.js";
import { defineRule } from "../../rule.js";
import { copyOperands, isGitSource, isHttpUrl } from "./_copy-operands.js";

interface Options {
  /** Git sources must name a commit (or carry `--checksum`); a version tag is not enough. */
  requireGitCommit: boolean;
}

const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
/** `v1.2.3`, `1.2`, `release-1.4.0`, `refs/tags/…`: names that are tags by every convention. */
const VERSION_TAG = /^(?:refs\/tags\/.+|[A-Za-z_-]*\d+(?:\.\d+)*(?:[-+._][0-9A-Za-z.-]*)?)$/;

const MAX_SHOWN = 80;

function shown(url: string): string {
  return url.length > MAX_SHOWN ? `${url.slice(0, MAX_SHOWN - 1)}…` : url;
}

/** The ref a Git source names: `#ref[:subdir]` (Docker's form) or `?ref=…` (BuildKit's query form). */
function gitRef(url: string): { base: string; ref: string | undefined; checksum: boolean } {
  const hash = url.indexOf("#");
  const query = url.indexOf("?");
  if (query >= 0 && (hash < 0 || query < hash)) {
    const params = new URLSearchParams(url.slice(query + 1, hash >= 0 ? hash : undefined));
    const ref = params.get("ref") ?? params.get("tag") ?? params.get("branch") ?? undefined;
    const checksum = (params.get("checksum") ?? params.get("commit") ?? "") !== "";
    return { base: url.slice(0, query), ref: ref === "" ? undefined : ref, checksum };
  }
  if (hash < 0) return { base: url, ref: undefined, checksum: false };
  const fragment = url.slice(hash + 1);
  const colon = fragment.indexOf(":");
  const ref = colon >= 0 ? fragment.slice(0, colon) : fragment;
  return { base: url.slice(0, hash), ref: ref === "" ? undefined : ref, checksum: false };
}

export default defineRule<DockerfileModel, Options>({
  meta: {
    id: "no-add-url",
    kind: "dockerfile",
    category: "security",
    severity: "warning",
    docs: "Disallow ADD of remote files without `--checksum`, and of Git repositories not pinned to a commit or tag.",
    presets: ["recommended"],
    messages: {
      unverified:
        "ADD downloads {{url}} without `--checksum`, so the image gets whatever the server sends on the day of the build; pin the content by adding `--checksum=sha256:<digest>` to this ADD (`ADD --checksum=sha256:<digest> <url> <dest>`), or download it in a RUN and verify it with `sha256sum -c`.",
      gitDefaultBranch:
        "ADD clones {{url}} at its default branch, which moves with every push; pin a commit (`{{base}}#<commit-sha>`) or add `--checksum=<commit-sha>`.",
      gitBranch:
        "ADD clones {{url}} at `{{ref}}`, which looks like a branch and moves with every push; pin a commit (`{{base}}#<commit-sha>`) or a release tag.",
      gitTag:
        "ADD clones {{url}} at the tag `{{ref}}`, and tags can be moved; pin the commit (`{{base}}#<commit-sha>`) or add `--checksum=<commit-sha>`.",
    },
    options: {
      schema: {
        type: "object",
        properties: { requireGitCommit: { type: "boolean" } },
        additionalProperties: false,
      },
      defaults: { requireGitCommit: false },
    },
    presetOptions: { strict: { requireGitCommit: true } },
    references: {
      checkov: ["CKV_DOCKER_4"],
      kics: ["4b410d24-1cbe-4430-a632-62c9a931cf1c"],
      cis: ["4.9"],
    },
    referencesByMessage: {
      unverified: { checkov: ["CKV_DOCKER_4"], kics: ["4b410d24-1cbe-4430-a632-62c9a931cf1c"], cis: ["4.9"] },
      gitDefaultBranch: { checkov: ["CKV_DOCKER_4"], cis: ["4.9"] },
      gitBranch: { checkov: ["CKV_DOCKER_4"], cis: ["4.9"] },
      gitTag: { checkov: ["CKV_DOCKER_4"], cis: ["4.9"] },
    },
  },
  check({ model, source, options, report }) {
    for (const instruction of withTriggers(model.instructions)) {
      if (instruction.keyword !== "ADD") continue;
      const checksum = instruction.flags.some((f) => f.name.toLowerCase() === "checksum" && (f.value ?? "") !== "");
      if (checksum) continue;
      for (const operand of copyOperands(instruction, source, model.escapeChar).sources) {
        if (operand.heredoc) continue;
        const url = operand.value;
        const range = operand.range;
        if (isGitSource(url)) {
          const { base, ref, checksum: queryChecksum } = gitRef(url);
          if (queryChecksum || (ref !== undefined && COMMIT.test(ref))) continue;
          // `#${REF}` with an ARG without default: the builder picks the ref.
          if (ref?.includes("$")) continue;
          const data = { url: shown(url), base: shown(base), ref: ref ?? "" };
          if (ref === undefined) report({ messageId: "gitDefaultBranch", data, range });
          else if (!VERSION_TAG.test(ref)) report({ messageId: "gitBranch", data, range });
          else if (options.requireGitCommit) report({ messageId: "gitTag", data, range });
          continue;
        }
        if (isHttpUrl(url)) report({ messageId: "unverified", data: { url: shown(url) }, range });
      }
    }
  },
});
