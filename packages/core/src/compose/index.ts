/**
 * `@docklint/core/compose`: loading this entry registers the Compose language and its schema
 * validator with the engine. The CLI imports it only when it lints a Compose file, so a
 * Dockerfile-only run loads no YAML or schema code.
 */
import { registerLanguage } from "../linter.js";
import { composeLanguage } from "./language.js";
import { validateComposeSchema } from "./schema/validate-schema.js";
import { setComposeSchemaValidator } from "../rules/compose/_schema-hook.js";

registerLanguage(composeLanguage);
setComposeSchemaValidator(validateComposeSchema);

export { composeLanguage } from "./language.js";
export { parseCompose } from "./parse.js";
export { buildReferences, type BuildReference } from "./build.js";
export { evaluate as evaluateInterpolation, parseInterpolation } from "./interpolation.js";
export { validateComposeSchema, type SchemaProblem } from "./schema/validate-schema.js";
export type * from "./model.js";
