import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOptions, positionalArgs, unwrapCommand } from './helpers.js';
import type { ShellCommand, ShellWord } from './types.js';

function word(value: string): ShellWord {
  return { value, start: 0, end: value.length, quoted: false, hasExpansion: false, unquotedExpansion: false };
}

function command(name: string, args: readonly string[]): ShellCommand {
  return { name: word(name), args: args.map(word), assignments: [], redirects: [], start: 0, end: 1, connector: undefined, depth: 0, inSubstitution: false, inPipeline: false };
}

describe('positionalArgs', () => {
  // positionalArgs has its own scanner (it skips building option records); parseOptions is the reference.
  it('gives the positionals parseOptions gives, for any words and option lists', () => {
    const argWord = fc.constantFrom('-', '--', '-o', '-oval', '-xo', '-ox', '-q', '-qq', '--out', '--out=v', '--verbose', '--v=', 'install', 'x', '', '-t', '--target');
    const options = fc.option(fc.subarray(['-o', '-t', '--out', '--target', '-x']), { nil: undefined });
    fc.assert(
      fc.property(fc.array(argWord, { maxLength: 8 }), options, (args, withValue) => {
        const cmd = command('tool', args);
        const expected = parseOptions(cmd, withValue === undefined ? {} : { withValue }).positionals;
        expect(positionalArgs(cmd, withValue)).toEqual(expected);
      }),
      { numRuns: 1500, seed: 7 },
    );
  });

  it('takes option lists as arrays, sets or other iterables alike', () => {
    const cmd = command('apt-get', ['-o', 'Debug=1', '-t', 'stable', 'install', 'curl']);
    const values = (withValue: Iterable<string>) => positionalArgs(cmd, withValue).map((w) => w.value);
    expect(values(['-o', '-t'])).toEqual(['install', 'curl']);
    expect(values(new Set(['-o', '-t']))).toEqual(['install', 'curl']);
    expect(values(new Map([['-o', 1], ['-t', 2]]).keys())).toEqual(['install', 'curl']);
  });
});

describe('unwrapCommand', () => {
  it('unwraps a wrapper named by path and leaves other programs alone', () => {
    const wrapped = command('/usr/bin/sudo', ['-u', 'root', 'apt-get', 'install']);
    expect(unwrapCommand(wrapped).name?.value).toBe('apt-get');
    const plain = command('/usr/bin/apt-get', ['install']);
    expect(unwrapCommand(plain)).toBe(plain);
  });
});
