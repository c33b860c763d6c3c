import type { FormatterContext, FormatterResult } from "../src/formatters/types.js";

/** eslint-formatter-friendly 7.0.0's own report, as docklint's friendly formatter wrapped it before rendering it itself. */
export function oracleFriendly(results: readonly FormatterResult[], context: FormatterContext): string;
