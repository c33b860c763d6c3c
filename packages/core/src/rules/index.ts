import type { Rule } from "../rule.js";
import { composeRules } from "./compose/index.js";
import { daemonRules } from "./daemon/index.js";
import { dockerfileRules } from "./dockerfile/index.js";

/**
 * Every built-in rule, all kinds. Compose rules run once `@docklint/core/compose` is loaded,
 * daemon.json rules once `@docklint/core/daemon` is.
 */
export const builtinRules: readonly Rule[] = [...dockerfileRules, ...composeRules, ...daemonRules];
