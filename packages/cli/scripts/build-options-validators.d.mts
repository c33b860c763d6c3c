/** Types of build-options-validators.mjs, for the test that checks its output (test/rule-options-validators.test.ts). */
export function builtinOptionsSchemas(): Promise<Map<string, Record<string, unknown>>>;
/** src/rule-options.validate.ts's text for these schemas, keyed by JSON.stringify of each. */
export function generate(schemas: ReadonlyMap<string, Record<string, unknown>>): string;
