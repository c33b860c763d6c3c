import type { SchemaProblem } from "../../compose/schema/validate-schema.js";

/**
 * The schema validator is registered by the `@docklint/core/compose` entry, not imported by
 * the rule: the rule registry loads every rule module, and a Dockerfile-only run must not pay
 * for the schema code (ajv's runtime and the generated validator).
 */
let validator: ((data: unknown) => SchemaProblem[]) | undefined;

export function setComposeSchemaValidator(validate: (data: unknown) => SchemaProblem[]): void {
  validator = validate;
}

export function composeSchemaValidator(): ((data: unknown) => SchemaProblem[]) | undefined {
  return validator;
}
