/**
 * `@docklint/core/daemon`: loading this entry registers the daemon.json language with the
 * engine. The CLI imports it only when it lints a daemon.json, so other runs load no JSON
 * parser.
 */
import { registerLanguage } from "../linter.js";
import { daemonLanguage } from "./language.js";

registerLanguage(daemonLanguage);

export { daemonLanguage } from "./language.js";
export { parseDaemon } from "./parse.js";
export { DAEMON_KEYS, REMOVED_DAEMON_KEYS, type ValueSchema } from "./schema.js";
export type * from "./model.js";
