/**
 * Options of `require-healthcheck`, shared by its Dockerfile and Compose rules (one id, one
 * options object).
 *
 * `allowNone` has no default value on purpose: left unset, each kind keeps its own reading of
 * an explicit opt-out. A Dockerfile's `HEALTHCHECK NONE` is accepted (the image's author decided,
 * as hadolint does); a Compose `healthcheck: {disable: true}` or `test: ["NONE"]` is reported (the
 * deployer turns off the check the image defines, which CIS 5.27 and KICS report). Setting it
 * to `true` or `false` decides for both kinds.
 */
export interface HealthcheckOptions {
  /** Accept explicit opt-outs (`HEALTHCHECK NONE`, `disable: true`, `test: ["NONE"]`); unset = the kind's default. */
  allowNone?: boolean;
  /** Image name patterns (`*` wildcard; no tag = every tag) known to define a HEALTHCHECK. */
  imagesWithHealthcheck: readonly string[];
}

export const HEALTHCHECK_OPTIONS = {
  schema: {
    type: "object",
    properties: {
      allowNone: { type: "boolean" },
      imagesWithHealthcheck: { type: "array", items: { type: "string" } },
    },
    additionalProperties: false,
  },
  defaults: { imagesWithHealthcheck: [] },
} as const satisfies { schema: Record<string, unknown>; defaults: HealthcheckOptions };
