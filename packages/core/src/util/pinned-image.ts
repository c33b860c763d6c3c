/**
 * Options of `require-pinned-image`, shared by its Dockerfile and Compose rules (one id, one
 * set of options, the same `strict` preset options).
 */
export interface PinnedImageOptions {
  /** Require a digest (`@sha256:…`) on every image, tagged or not. */
  requireDigest: boolean;
  /**
   * Tags that move with new releases and so pin nothing (compared exactly: tags are
   * case-sensitive). Setting the option replaces the list.
   */
  prohibitedTags: string[];
}

export const PINNED_IMAGE_OPTIONS: { schema: Readonly<Record<string, unknown>>; defaults: PinnedImageOptions } = {
  schema: {
    type: "object",
    properties: {
      requireDigest: { type: "boolean" },
      prohibitedTags: { type: "array", items: { type: "string" } },
    },
    additionalProperties: false,
  },
  // dclint's list: each of these names a release channel that moves, so it pins nothing.
  defaults: { requireDigest: false, prohibitedTags: ["latest", "stable", "edge", "test", "nightly", "dev", "beta", "canary", "lts"] },
};

/** The `strict` preset asks for digests. */
export const PINNED_IMAGE_PRESET_OPTIONS: { strict: Partial<PinnedImageOptions> } = { strict: { requireDigest: true } };
