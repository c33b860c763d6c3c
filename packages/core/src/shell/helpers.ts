/**
 * Helpers that rules use on parsed commands: names, wrapper unwrapping and
 * option parsing. Two flag semantics are offered on purpose:
 *
 * - `hasFlag`, `countShortFlag`, `flagValue(s)`: hadolint-compatible textual
 *   semantics (any argument starting with `-` is a flag, `-abc` is a, b and c,
 *   `--` does not end options). Use them when matching a hadolint rule.
 * - `parseOptions`, `positionalArgs`, `hasOption`: getopt-like semantics that
 *   know which options take a value and honour `--`, for new rules that want
 *   the right answer (`tar -f -x` has no `-x` flag).
 */
import type { OffsetRange } from '../source.js';
import { pathBaseName } from '../util/posix-path.js';
import { RecentCache } from '../util/recent-cache.js';
import type { ShellAssignment, ShellCommand, ShellWord } from './types.js';

/** The command name as written, if it is literal (no expansion); quotes are already removed. No wrapper is unwrapped, no directory is stripped. */
export function commandName(cmd: ShellCommand): string | undefined {
  const n = cmd.name;
  if (n === undefined || n.hasExpansion) return undefined;
  return n.value;
}

/** A word's file range, for a report. */
export function wordRange(word: ShellWord): OffsetRange {
  return [word.start, word.end];
}

/** Like `commandName` but without a leading directory: `/usr/bin/apt-get` → `apt-get`. */
export function commandBaseName(cmd: ShellCommand): string | undefined {
  const name = commandName(cmd);
  return name === undefined ? undefined : pathBaseName(name);
}

/** Whether any argument equals one of `values` (hadolint's subcommand test: any position). */
export function hasArg(cmd: ShellCommand, ...values: string[]): boolean {
  for (const a of cmd.args) if (values.includes(a.value)) return true;
  return false;
}

// -------------------------------------------------------------------- sub-words

/**
 * A word for value[offset…] of `w`. Positions are exact when the word's
 * source is its value verbatim (no quotes, escapes or continuations);
 * otherwise the suffix is assumed to be verbatim (best effort).
 */
export function subWord(w: ShellWord, offset: number): ShellWord {
  const len = w.value.length;
  const o = Math.max(0, Math.min(offset, len));
  const value = w.value.slice(o);
  let start: number;
  if (w.end - w.start === len) start = w.start + o;
  else start = Math.max(w.start, Math.min(w.end, w.end - (len - o)));
  return {
    value,
    start,
    end: w.end,
    quoted: w.quoted,
    hasExpansion: w.hasExpansion && /[$`]/.test(value),
    unquotedExpansion: w.unquotedExpansion && /[$`]/.test(value),
  };
}

// -------------------------------------------------------------------- unwrapping

interface WrapperSpec {
  /** Options that take a value (next word, or attached). */
  withValue?: readonly string[];
  /** Options meaning the wrapper does not run the following word as a command. */
  refuse?: readonly string[];
  /** Fixed positional arguments before the command (`timeout 10 cmd`, `gosu user cmd`). */
  positionals?: number;
  /** `NAME=value` words before the command are environment assignments (`env`, `sudo`). */
  assignments?: boolean;
  /** A lone `-` is an option (`env -` is `env -i`), not the command. */
  dashIsOption?: boolean;
}

/**
 * Wrappers that run their argument vector as a command. `xargs` is included
 * on purpose: `… | xargs apt-get install -y` runs apt-get, and rules should
 * see it (the arguments read from stdin are of course not visible). `sh -c`
 * is not a wrapper: its argument is a script string, not a command.
 */
const WRAPPERS: ReadonlyMap<string, WrapperSpec> = new Map<string, WrapperSpec>([
  ['sudo', {
    withValue: ['-u', '--user', '-g', '--group', '-C', '--close-from', '-D', '--chdir', '-h', '--host', '-p', '--prompt',
      '-r', '--role', '-t', '--type', '-T', '--command-timeout', '-U', '--other-user', '-R', '--chroot'],
    refuse: ['-l', '--list', '-v', '--validate', '-K', '--remove-timestamp', '-e', '--edit', '-V', '--version', '--help'],
    assignments: true,
  }],
  ['doas', { withValue: ['-u', '-C'] }],
  ['env', {
    withValue: ['-u', '--unset', '-C', '--chdir'],
    refuse: ['-S', '--split-string', '--help', '--version'],
    assignments: true,
    dashIsOption: true,
  }],
  ['command', { refuse: ['-v', '-V'] }],
  ['builtin', {}],
  ['exec', { withValue: ['-a'] }],
  ['nice', { withValue: ['-n', '--adjustment'] }],
  ['nohup', {}],
  ['time', { withValue: ['-f', '--format', '-o', '--output'] }],
  ['busybox', { refuse: ['--install', '--list', '--list-full', '--help'] }],
  ['xargs', {
    withValue: ['-a', '--arg-file', '-d', '--delimiter', '-E', '-I', '-L', '--max-lines', '-n', '--max-args', '-P',
      '--max-procs', '-s', '--max-chars', '--process-slot-var'],
  }],
  ['timeout', { withValue: ['-s', '--signal', '-k', '--kill-after'], positionals: 1 }],
  ['gosu', { refuse: ['--help', '--version', '-h'], positionals: 1 }],
  ['su-exec', { positionals: 1 }],
  ['chroot', { withValue: ['--userspec', '--groups'], positionals: 1 }],
  ['stdbuf', { withValue: ['-i', '-o', '-e', '--input', '--output', '--error'] }],
  ['setsid', {}],
  ['ionice', { withValue: ['-c', '--class', '-n', '--classdata'], refuse: ['-p', '--pid', '-P', '--pgid', '-u', '--uid'] }],
  ['eatmydata', {}],
]);

/** Names `unwrapCommand` strips (for documentation and rules that want to list them). */
export const WRAPPER_COMMANDS: readonly string[] = [...WRAPPERS.keys()];

const ASSIGNMENT_RE = /^[a-z_]\w*=/i;

/** Index into args of the wrapped command, plus env-style assignments; null if the wrapper runs nothing. */
function wrappedCommandIndex(spec: WrapperSpec, args: readonly ShellWord[]): { index: number; assignments: ShellAssignment[] } | null {
  const withValue = spec.withValue ?? [];
  const refuse = spec.refuse ?? [];
  let i = 0;
  // Options.
  for (let w = args[i]; w !== undefined; w = args[i]) {
    const a = w.value;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-' && spec.dashIsOption) {
      i++;
      continue;
    }
    if (a.length < 2 || a[0] !== '-') break;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a : a.slice(0, eq);
      if (refuse.includes(name)) return null;
      i += eq === -1 && withValue.includes(name) ? 2 : 1;
      continue;
    }
    let skipNext = false;
    for (let k = 1; k < a.length; k++) {
      const name = '-' + a[k];
      if (refuse.includes(name)) return null;
      if (withValue.includes(name)) {
        skipNext = k === a.length - 1;
        break;
      }
    }
    i += skipNext ? 2 : 1;
  }
  const assignments: ShellAssignment[] = [];
  if (spec.assignments) {
    for (let w = args[i]; w !== undefined && ASSIGNMENT_RE.test(w.value); w = args[++i]) {
      const eq = w.value.indexOf('=');
      const value = eq + 1 < w.value.length ? subWord(w, eq + 1) : undefined;
      assignments.push({ name: w.value.slice(0, eq), value, start: w.start, end: w.end });
    }
  }
  i += spec.positionals ?? 0;
  return i < args.length ? { index: i, assignments } : null;
}

/**
 * Strips wrappers so rules see the real command: sudo, doas, env, command,
 * builtin, exec, nice, nohup, time, busybox, xargs, timeout, gosu, su-exec,
 * chroot, stdbuf, setsid, ionice, eatmydata — repeatedly (`sudo env X=1 nice
 * apt-get`). Returns `cmd` itself when nothing is wrapped (or the wrapper
 * runs nothing: `command -v x`, `sudo -l`, `env`); otherwise a view with
 * name/args shifted, `env`/`sudo` assignments appended to `assignments`,
 * `original` set to `cmd` and `wrappers` listing the removed words.
 * Positions are unchanged.
 */
export function unwrapCommand(cmd: ShellCommand): ShellCommand {
  const first = cmd.name;
  if (first === undefined || first.hasExpansion) return cmd;
  if (!WRAPPERS.has(pathBaseName(first.value))) return cmd;
  // Many rules unwrap the same commands of the same RUN; parsed commands are never mutated.
  return unwrapCache.lookup(cmd, unwrapUncached);
}

/**
 * The file's last wrapped commands, not a WeakMap keyed by command, whose entries kept each file
 * with a wrapper alive through young-generation collections (see util/recent-cache.ts). Sixteen
 * is twice the most wrapped commands of any file of the Dockerfile corpus (8); past that the
 * view is computed again, equal but not the same object.
 */
const unwrapCache = new RecentCache<ShellCommand, ShellCommand>(16);

function unwrapUncached(cmd: ShellCommand): ShellCommand {
  let name = cmd.name;
  let args = cmd.args;
  let assignments = cmd.assignments;
  const wrappers: ShellWord[] = [];
  for (let round = 0; round < 16 && name !== undefined && !name.hasExpansion; round++) {
    const spec = WRAPPERS.get(pathBaseName(name.value));
    if (spec === undefined) break;
    const found = wrappedCommandIndex(spec, args);
    if (found === null) break;
    wrappers.push(name, ...args.slice(0, found.index));
    if (found.assignments.length > 0) assignments = [...assignments, ...found.assignments];
    name = args[found.index];
    args = args.slice(found.index + 1);
  }
  if (wrappers.length === 0) return cmd;
  return { ...cmd, name, args, assignments, original: cmd.original ?? cmd, wrappers: [...(cmd.wrappers ?? []), ...wrappers] };
}

// -------------------------------------------------------------------- textual (hadolint) flags

function isFlagWord(v: string): boolean {
  return v.length > 1 && v[0] === '-' && v !== '--';
}

/** Number of times `letter` appears as a short flag, textually: `-q -q` and `-qq` both count 2. */
export function countShortFlag(cmd: ShellCommand, letter: string): number {
  let count = 0;
  // The letters of each cluster are read in place, not sliced out: hasFlag asks this for every
  // argument of every command it tests.
  for (const a of cmd.args) {
    const v = a.value;
    if (!isFlagWord(v) || v[1] === '-') continue;
    const eq = v.indexOf('=');
    const end = eq === -1 ? v.length : eq;
    for (let k = 1; k < end; k++) if (v[k] === letter) count++;
  }
  return count;
}

function hasLongFlag(cmd: ShellCommand, long: string): boolean {
  const prefix = long + '=';
  for (const a of cmd.args) if (a.value === long || a.value.startsWith(prefix)) return true;
  return false;
}

/**
 * hadolint-like textual flag test; true if any of `names` is present.
 * - `--yes` (or `yes`, any name of 2+ chars without a dash): a `--yes` or `--yes=…` argument.
 * - `-y` (or `y`): the letter in any short cluster (`-y`, `-qy`, `-yq`).
 * - `-qq`: every letter as many times as written, counted over all clusters (`-qq` or `-q -q`).
 * `--` does not end option parsing, and values of options are not skipped.
 */
export function hasFlag(cmd: ShellCommand, ...names: string[]): boolean {
  for (const raw of names) {
    if (raw.startsWith('--')) {
      if (hasLongFlag(cmd, raw)) return true;
    } else if (raw.startsWith('-')) {
      const letters = raw.slice(1);
      if (letters.length === 0) continue;
      // Most names are one letter (`-y`, `-s`): no set of seen letters to allocate.
      if (letters.length === 1) {
        if (countShortFlag(cmd, letters) > 0) return true;
        continue;
      }
      let ok = true;
      const seen = new Set<string>();
      for (const l of letters) {
        if (seen.has(l)) continue;
        seen.add(l);
        let want = 0;
        for (const m of letters) if (m === l) want++;
        if (countShortFlag(cmd, l) < want) {
          ok = false;
          break;
        }
      }
      if (ok) return true;
    } else if (raw.length === 1) {
      if (countShortFlag(cmd, raw) > 0) return true;
    } else if (raw.length > 1 && hasLongFlag(cmd, '--' + raw)) {
      return true;
    }
  }
  return false;
}

/**
 * All values of the given options, textually, in order:
 * `--name=v`, `--name v`, `-n v`, and `-nv` (an attached value after a short
 * option: since you ask for its value, the option is taken to need one).
 * Names are written with their dashes.
 */
export function flagValues(cmd: ShellCommand, ...names: string[]): ShellWord[] {
  const out: ShellWord[] = [];
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (w === undefined) break;
    const v = w.value;
    for (const name of names) {
      if (v === name) {
        const next = args[i + 1];
        if (next !== undefined) {
          out.push(next);
          i++;
        }
        break;
      }
      if (name.startsWith('--')) {
        if (v.startsWith(name + '=')) {
          out.push(subWord(w, name.length + 1));
          break;
        }
      } else if (name.length === 2 && name[0] === '-' && v.length > 2 && v.startsWith(name) && v[1] !== '-') {
        out.push(subWord(w, 2));
        break;
      }
    }
  }
  return out;
}

/** The last value of the given options (the one most tools honour); see `flagValues`. */
export function flagValue(cmd: ShellCommand, ...names: string[]): ShellWord | undefined {
  const all = flagValues(cmd, ...names);
  return all[all.length - 1];
}

// -------------------------------------------------------------------- getopt-like options

export interface OptionSpec {
  /** Options that take a value, with dashes: "-o", "--output". Others are boolean. */
  withValue?: Iterable<string>;
  /** Stop at the first positional argument (POSIX getopt); default false (GNU permutation: options anywhere). */
  stopAtPositional?: boolean;
}

export interface ParsedOption {
  /** With dashes: "-y", "--yes". */
  name: string;
  /** Value of an option that takes one (`-ofile`, `-o file`, `--out=f`, `--out f`) or of any `--x=v`. */
  value: ShellWord | undefined;
  /** The word the option was written in. */
  word: ShellWord;
}

export interface ParsedArgs {
  options: ParsedOption[];
  positionals: ShellWord[];
}

/**
 * A membership test for the options that take a value. Rules pass short constant lists for
 * every command: a list is searched as it is rather than copied into a set per call.
 */
function optionTest(withValue: Iterable<string> | undefined): (name: string) => boolean {
  if (withValue === undefined) return () => false;
  if (withValue instanceof Set) return (name) => (withValue as Set<string>).has(name);
  const list: readonly string[] = Array.isArray(withValue) ? withValue : [...withValue];
  return (name) => list.includes(name);
}

/**
 * getopt_long-like parse of `cmd.args`: `--` ends options (and is dropped),
 * `-` is positional, short clusters stop at the first option that takes a
 * value (the rest of the cluster, or the next word, is its value).
 */
export function parseOptions(cmd: ShellCommand, spec: OptionSpec = {}): ParsedArgs {
  const options: ParsedOption[] = [];
  const positionals = scanArgs(cmd, optionTest(spec.withValue), spec.stopAtPositional === true, options);
  return { options, positionals };
}

/**
 * Positional (non-option) arguments, skipping the values of `optionsWithValue`
 * (with dashes: "-o", "--output"); `--` ends options. Unlike hadolint, a value
 * given as the next word is never mistaken for a positional.
 */
export function positionalArgs(cmd: ShellCommand, optionsWithValue?: Iterable<string>): ShellWord[] {
  return scanArgs(cmd, optionTest(optionsWithValue), false, undefined);
}

/**
 * The one walk over `cmd.args` behind parseOptions and positionalArgs. `options` undefined: no
 * option records are made, as positional callers never read them (the package-manager rules ask
 * for the operands of every call they look at, and each record would be garbage).
 */
function scanArgs(cmd: ShellCommand, takesValue: (name: string) => boolean, stopAtPositional: boolean, options: ParsedOption[] | undefined): ShellWord[] {
  const positionals: ShellWord[] = [];
  const args = cmd.args;
  let done = false;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (w === undefined) break;
    const v = w.value;
    if (done || v.length < 2 || v[0] !== '-') {
      positionals.push(w);
      if (stopAtPositional) done = true;
      continue;
    }
    if (v === '--') {
      done = true;
      continue;
    }
    if (v[1] === '-') {
      const eq = v.indexOf('=');
      if (eq !== -1) {
        options?.push({ name: v.slice(0, eq), value: subWord(w, eq + 1), word: w });
      } else if (takesValue(v)) {
        const next = args[i + 1];
        options?.push({ name: v, value: next, word: w });
        if (next !== undefined) i++;
      } else {
        options?.push({ name: v, value: undefined, word: w });
      }
      continue;
    }
    for (let k = 1; k < v.length; k++) {
      const name = '-' + v[k];
      if (takesValue(name)) {
        if (k + 1 < v.length) options?.push({ name, value: subWord(w, k + 1), word: w });
        else {
          const next = args[i + 1];
          options?.push({ name, value: next, word: w });
          if (next !== undefined) i++;
        }
        break;
      }
      options?.push({ name, value: undefined, word: w });
    }
  }
  return positionals;
}

/** getopt-like presence test: true if any of `names` (with dashes) was given as an option. */
export function hasOption(cmd: ShellCommand, names: readonly string[], spec?: OptionSpec): boolean {
  for (const o of parseOptions(cmd, spec).options) if (names.includes(o.name)) return true;
  return false;
}
