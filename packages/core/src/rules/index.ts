import type { Rule } from "../rule.js";
import { dockerfileRules } from "./dockerfile/index.js";

/** Every built-in rule, all kinds. */
export const builtinRules: readonly Rule[] = [...dockerfileRules];
