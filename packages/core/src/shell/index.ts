export type {
  HereDocument,
  ShellAssignment,
  ShellCommand,
  ShellParseError,
  ShellParseOptions,
  ShellPipe,
  ShellRedirect,
  ShellScript,
  ShellWord,
} from './types.js';
export { parseShell } from './parse.js';
export {
  WRAPPER_COMMANDS,
  commandBaseName,
  commandName,
  countShortFlag,
  flagValue,
  flagValues,
  hasArg,
  hasFlag,
  hasOption,
  parseOptions,
  positionalArgs,
  subWord,
  unwrapCommand,
} from './helpers.js';
export type { OptionSpec, ParsedArgs, ParsedOption } from './helpers.js';
