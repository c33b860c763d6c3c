// Programmatic API: the CLI itself and the formatters, for tools that lint with core and print like docklint.
export { main, type MainIO, type MainOptions, type OutputStream } from "./main.js";
export {
  FORMATTER_NAMES,
  loadFormatter,
  rulesMetaFor,
  shouldUseColor,
  type ColorEnvironment,
  type Formatter,
  type FormatterContext,
  type FormatterName,
  type FormatterResult,
  type FormatterRuleMeta,
} from "./formatters/index.js";
export { formatRulesJson, formatRulesText } from "./rules-command.js";
export { CONFIG_FILE_NAMES } from "./config.js";
export { DISCOVERY, MAX_FILE_BYTES, type DiscoveryEntry } from "./files.js";
