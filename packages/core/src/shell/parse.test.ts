import { describe, expect, it } from 'vitest';
import {
  commandBaseName,
  commandName,
  countShortFlag,
  flagValue,
  flagValues,
  hasArg,
  hasFlag,
  hasOption,
  parseOptions,
  parseShell,
  positionalArgs,
  unwrapCommand,
} from './index.js';
import type { ShellCommand, ShellParseOptions, ShellScript, ShellWord } from './index.js';
import { parseShellWithStats } from './parse.js';

// ------------------------------------------------------------------ helpers

/** Narrows away undefined (the lint config forbids `!`). */
function def<T>(x: T | undefined | null): T {
  if (x === undefined || x === null) throw new Error('expected a value');
  return x;
}

function parse(script: string, options?: ShellParseOptions): ShellScript {
  return parseShell(script, 0, script.length, options);
}

/** Each command as [name, ...args] values (assignments prefixed as NAME=value). */
function argv(script: string, options?: ShellParseOptions): (string | null)[][] {
  return parse(script, options).commands.map((c) => [
    ...c.assignments.map((a) => `${a.name}=${a.value?.value ?? ''}`),
    c.name?.value ?? null,
    ...c.args.map((a) => a.value),
  ]);
}

function only(script: string, options?: ShellParseOptions): ShellCommand {
  const r = parse(script, options);
  expect(r.commands).toHaveLength(1);
  return def(r.commands[0]);
}

function raw(text: string, x: { start: number; end: number }): string {
  return text.slice(x.start, x.end);
}

/** Parses `script` embedded in a Dockerfile after `prefix`, so positions are checked as absolute offsets. */
function inFile(script: string, options?: ShellParseOptions, prefix = 'FROM alpine\nRUN '): { text: string; r: ShellScript } {
  const text = prefix + script + '\nUSER app\n';
  const r = parseShell(text, prefix.length, prefix.length + script.length, options);
  return { text, r };
}

function firstCmd(script: string): ShellCommand {
  const c = parse(script).commands[0];
  if (c === undefined) throw new Error('no command');
  return c;
}

// ------------------------------------------------------------------ words and quoting

describe('words', () => {
  const cases: [string, string[]][] = [
    ['echo a b  c', ['a', 'b', 'c']],
    [`echo "a"'b'c`, ['abc']],
    [`echo 'a b' "c d"`, ['a b', 'c d']],
    [`echo "a\\"b" "\\$x" "\\\\" "\\n"`, ['a"b', '$x', '\\', '\\n']],
    [`echo a\\ b \\$x \\'`, ['a b', '$x', "'"]],
    [`echo $'a\\nb' $'\\t\\x41\\101\\u00e9\\'q\\\\'`, ['a\nb', '\tAAé\'q\\']],
    [`echo $"loc"`, ['loc']],
    ['echo $HOME ${X:-y} $(cmd a) `cmd b` $((1+2)) $[3]', ['$HOME', '${X:-y}', '$(cmd a)', '`cmd b`', '$((1+2))', '$[3]']],
    ['echo $a$b${c}x"$d"', ['$a$b${c}x$d']],
    [`echo "\${x:-"a b"}" \${y:-'}'} \${z#\${w%%/*}}`, ['${x:-"a b"}', "${y:-'}'}", '${z#${w%%/*}}']],
    ['echo a#b c# #d e', ['a#b', 'c#']],
    ['echo {a,b} } { ]]', ['{a,b}', '}', '{', ']]']],
    ['echo $ a$ "$"', ['$', 'a$', '$']],
    ['echo $1 $@ $* $# $? $- $$ $!', ['$1', '$@', '$*', '$#', '$?', '$-', '$$', '$!']],
    ['echo ""', ['']],
    ["echo ''", ['']],
    ['echo ~/x a=b --opt=v', ['~/x', 'a=b', '--opt=v']],
    ['echo @(a|b) !(c) x*(y)', ['@(a|b)', '!(c)', 'x*(y)']],
    ['echo <(ls) >(tee x)', ['<(ls)', '>(tee x)']],
    ['echo é ü 中文', ['é', 'ü', '中文']],
  ];
  it.each(cases)('%s', (script, args) => {
    const c = firstCmd(script);
    expect(c.name?.value).toBe('echo');
    expect(c.args.map((a) => a.value)).toEqual(args);
  });

  it('word positions cover the source text including quotes', () => {
    const s = `echo "a b"'c' $'d' x\\ y $(p q)`;
    const c = firstCmd(s);
    expect(c.args.map((a) => raw(s, a))).toEqual([`"a b"'c'`, `$'d'`, 'x\\ y', '$(p q)']);
    expect(raw(s, def(c.name))).toBe('echo');
    expect(raw(s, c)).toBe(s);
  });

  const flagCases: [string, boolean, boolean, boolean][] = [
    // word, quoted, hasExpansion, unquotedExpansion
    ['abc', false, false, false],
    ['"abc"', true, false, false],
    ["'a$b'", true, false, false],
    ['a\\b', true, false, false],
    ["$'x'", true, false, false],
    ['$x', false, true, true],
    ['"$x"', true, true, false],
    ['"${x}"$y', true, true, true],
    ['$(a)', false, true, true],
    ['"$(a)"', true, true, false],
    ['`a`', false, true, true],
    ['"`a`"', true, true, false],
    ['$((1))', false, true, true],
    ['\\$x', true, false, false],
    ['<(a)', false, true, true],
    ['a$', false, false, false],
  ];
  it.each(flagCases)('flags of %s', (word, quoted, hasExpansion, unquotedExpansion) => {
    const w = def(firstCmd('echo ' + word).args[0]);
    expect({ quoted: w.quoted, hasExpansion: w.hasExpansion, unquotedExpansion: w.unquotedExpansion }).toEqual({
      quoted,
      hasExpansion,
      unquotedExpansion,
    });
  });
});

// ------------------------------------------------------------------ lists, pipelines, operators

describe('lists and pipelines', () => {
  const cases: [string, (string | null)[][]][] = [
    ['a && b || c; d & e\nf', [['a'], ['b'], ['c'], ['d'], ['e'], ['f']]],
    ['a|b|&c', [['a'], ['b'], ['c']]],
    ['a &&\n  b ||\n\n c |\n d', [['a'], ['b'], ['c'], ['d']]],
    ['! a | b', [['a'], ['b']]],
    ['a;b;', [['a'], ['b']]],
    ['a&', [['a']]],
    ['  \n\n # only a comment\n', []],
    ['', []],
    ['a # c && d\nb', [['a'], ['b']]],
    ['a#b', [['a#b']]],
    ['a;;', [['a']]],
  ];
  it.each(cases)('%j', (script, expected) => {
    expect(argv(script)).toEqual(expected);
  });

  it('connectors', () => {
    const r = parse('a && b || c; d & e\nf | g |& h;\ni');
    expect(r.commands.map((c) => c.connector)).toEqual([undefined, '&&', '||', ';', '&', '\n', '|', '|&', ';']);
  });

  it('connector of the first command inside a nested list is undefined', () => {
    const r = parse('a && (b; c) && { d; } && e');
    expect(r.commands.map((c) => [c.name?.value, c.connector])).toEqual([
      ['a', undefined],
      ['b', undefined],
      ['c', ';'],
      ['d', undefined],
      ['e', '&&'],
    ]);
  });

  it('pipes: positions of | and |&, not || and not quoted', () => {
    const s = `a | b || c "x|y" 'p|q' x\\|y && d |& e`;
    const r = parse(s);
    expect(r.pipes.map((p) => raw(s, p))).toEqual(['|', '|&']);
    expect(r.pipes.map((p) => p.start)).toEqual([s.indexOf('|'), s.indexOf('|&')]);
    expect(r.commands.map((c) => [c.name?.value, c.inPipeline])).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
      ['d', true],
      ['e', true],
    ]);
  });

  it('inPipeline reaches into compound elements but not into substitutions', () => {
    const r = parse('curl x | (cd y && tar x); echo $(p | q) | r; s $(t)');
    expect(r.commands.map((c) => [c.name?.value, c.inPipeline])).toEqual([
      ['curl', true],
      ['cd', true],
      ['tar', true],
      ['echo', true],
      ['p', true],
      ['q', true],
      ['r', true],
      ['s', false],
      ['t', false],
    ]);
    expect(r.pipes.map((p) => [p.depth, p.inSubstitution])).toEqual([
      [0, false],
      [1, true],
      [0, false],
    ]);
  });

  it('command start/end exclude operators and trailing blanks', () => {
    const s = 'a  x  &&  b y ;  c';
    const r = parse(s);
    expect(r.commands.map((c) => raw(s, c))).toEqual(['a  x', 'b y', 'c']);
  });
});

// ------------------------------------------------------------------ compound commands

describe('compound commands', () => {
  const cases: [string, (string | null)[][]][] = [
    ['(a; b) && c', [['a'], ['b'], ['c']]],
    ['{ a; b; } > log', [['a'], ['b']]],
    ['{ a\n}', [['a']]],
    ['if a; then b; elif c; then d; else e; fi', [['a'], ['b'], ['c'], ['d'], ['e']]],
    ['if a\nthen\n b\nfi', [['a'], ['b']]],
    ['if ! a; then b; fi', [['a'], ['b']]],
    ['for x in a b $(c); do d "$x"; done', [['c'], ['d', '$x']]],
    ['for x; do a; done; for y do b; done', [['a'], ['b']]],
    ['for x in a b\ndo\n c\ndone', [['c']]],
    ['for ((i=0; i<3; i++)); do a; done', [['a']]],
    ['select x in a b; do c; done', [['c']]],
    ['while a; do b; done; until c; do d; done', [['a'], ['b'], ['c'], ['d']]],
    ['while read -r l; do echo "$l"; done < f | sort', [['read', '-r', 'l'], ['echo', '$l'], ['sort']]],
    ['case $x in a) b;; c|d) e ;& (f) g;;& *) h; i;; esac', [['b'], ['e'], ['g'], ['h'], ['i']]],
    ['case x in\n  a)\n    b\n    ;;\n  *)\n    c\n    ;;\nesac', [['b'], ['c']]],
    ['case x in a) ;; esac', []],
    ['case x in a) b; esac', [['b']]],
    ['f() { a; }', [['a']]],
    ['f () {\n a\n}\nf', [['a'], ['f']]],
    ['function g { a; }', [['a']]],
    ['function g() { a; }; g', [['a'], ['g']]],
    ['f() ( a )', [['a']]],
    ['[[ -f x && $(a) == b ]] && c', [['a'], ['c']]],
    ['[[ $x =~ ^(a|b)$ ]] || d', [['d']]],
    ['[[ a < b ]]; e', [['e']]],
    ['(( i++ )) && a', [['a']]],
    ['(( x = $(a) + 1 ))', [['a']]],
    ['((a) && b)', [['a'], ['b']]],
    ['echo $(( (1+2) * 3 ))', [['echo', '$(( (1+2) * 3 ))']]],
    ['x=$((a) | b)', [['x=$((a) | b)', null], ['a'], ['b']]],
    ['if a; then (b; { c; }); fi', [['a'], ['b'], ['c']]],
    ['a || { echo fail; exit 1; }', [['a'], ['echo', 'fail'], ['exit', '1']]],
    ['time a | b', [['time', 'a'], ['b']]],
    ['time { a; } && time -p (b) && time for x in y; do c; done; time', [['a'], ['b'], ['c'], ['time']]],
    ['for x in a b # the list\ndo c; done', [['c']]],
    ['echo if then fi done esac {', [['echo', 'if', 'then', 'fi', 'done', 'esac', '{']]],
    ['iff; fi_x; done.sh', [['iff'], ['fi_x'], ['done.sh']]],
    ['\\if a', [['if', 'a']]],
  ];
  it.each(cases)('%j', (script, expected) => {
    const r = parse(script);
    expect(r.errors).toEqual([]);
    expect(argv(script)).toEqual(expected);
  });

  it('keywords are never command names', () => {
    const s =
      'if a; then b; elif c; then d; else e; fi; for x in y; do f; done; while g; do h; done; until i; do j; done; case k in l) m;; esac; { n; }; function o { p; }; [[ q ]]; select r in s; do t; done';
    const names = parse(s).commands.map((c) => c.name?.value);
    for (const kw of ['if', 'then', 'elif', 'else', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', 'case', 'esac', '{', '}', 'function', '[[', ']]', 'select']) {
      expect(names).not.toContain(kw);
    }
    expect(names).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'm', 'n', 'p', 't']);
  });

  it('depth and inSubstitution', () => {
    const s = 'a; (b; $(c `d`)); if e; then { f; }; fi; g <(h) "$(i)" $((1 + $(j)))';
    expect(parse(s).commands.map((c) => [c.name?.value, c.depth, c.inSubstitution])).toEqual([
      ['a', 0, false],
      ['b', 1, false],
      // A substitution in command position is the command name (its output runs).
      ['$(c `d`)', 1, false],
      ['c', 2, true],
      ['d', 3, true],
      ['e', 1, false],
      ['f', 2, false],
      ['g', 0, false],
      ['h', 1, true],
      ['i', 1, true],
      ['j', 1, true],
    ]);
  });

  it('commands are in source order of their start, each once', () => {
    const s = 'A=$(x) y $(z "$(w)") `v`; for i in $(u); do t; done';
    const r = parse(s);
    expect(r.commands.map((c) => c.name?.value)).toEqual(['y', 'x', 'z', 'w', 'v', 'u', 't']);
    const starts = r.commands.map((c) => c.start);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    // The bare `A=$(x) y`: A is an assignment of command y; x is found inside.
    expect(def(def(r.commands[0]).assignments[0]).name).toBe('A');
  });

  it('case patterns are not commands, even with ) and | and quotes', () => {
    const s = `echo $(case "$1" in --a|-b) x;; '*)') y;; "a b") z;; *) w;; esac) done`;
    const r = parse(s);
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => c.name?.value)).toEqual(['echo', 'x', 'y', 'z', 'w']);
    expect(def(r.commands[0]).args.map((a) => a.value).at(-1)).toBe('done');
  });

  it('$( ) with ) inside quotes, ${ } and nested $( )', () => {
    const s = `a "$(b ')' ")" \${x:-)} $(c $(d ")") e))" f`;
    const r = parse(s);
    expect(r.errors).toEqual([]);
    expect(argv(s)).toEqual([
      ['a', `$(b ')' ")" \${x:-)} $(c $(d ")") e))`, 'f'],
      ['b', ')', ')', '${x:-)}', '$(c $(d ")") e)'],
      ['c', '$(d ")")', 'e'],
      ['d', ')'],
    ]);
  });

  it('backquotes with escaped backquotes and quotes', () => {
    const s = 'echo `a \\`b\\` "c"` "`d \\"e\\"`"';
    const r = parse(s);
    expect(r.errors).toEqual([]);
    expect(argv(s)).toEqual([
      ['echo', '`a \\`b\\` "c"`', '`d \\"e\\"`'],
      ['a', '`b`', 'c'],
      ['b'],
      ['d', 'e'],
    ]);
    // Positions inside an unescaped inner script still point at the file.
    const b = def(r.commands[2]);
    expect(raw(s, b)).toBe('b');
    // A word starting with an escaped char starts at that char (the removed backslash is not covered).
    const e = def(def(r.commands[3]).args[0]);
    expect(raw(s, e)).toBe('"e\\"');
  });

  it('function definitions are not commands; their bodies are', () => {
    const r = parse('f() { apt-get update; }\nf\nfunction g() ( h )');
    expect(r.commands.map((c) => [c.name?.value, c.depth])).toEqual([
      ['apt-get', 1],
      ['f', 0],
      ['h', 1],
    ]);
  });
});

// ------------------------------------------------------------------ assignments

describe('assignments', () => {
  it('prefix assignments with positions', () => {
    const s = 'A=1 B="x y" C= D+=z E[0]=w cmd F=2';
    const c = only(s);
    expect(c.assignments.map((a) => [a.name, a.value?.value, raw(s, a), a.value ? raw(s, a.value) : undefined])).toEqual([
      ['A', '1', 'A=1', '1'],
      ['B', 'x y', 'B="x y"', '"x y"'],
      ['C', undefined, 'C=', undefined],
      ['D', 'z', 'D+=z', 'z'],
      ['E[0]', 'w', 'E[0]=w', 'w'],
    ]);
    expect(c.name?.value).toBe('cmd');
    expect(c.args.map((a) => a.value)).toEqual(['F=2']);
  });

  it('bare assignments have no name', () => {
    const r = parse('A=1; B=$(c) D=2');
    expect(r.commands.map((c) => [c.name?.value, c.assignments.map((a) => a.name)])).toEqual([
      [undefined, ['A']],
      [undefined, ['B', 'D']],
      ['c', []],
    ]);
  });

  it('not assignments: quoted, expanded or after the name', () => {
    expect(argv(`"A=1" cmd`)).toEqual([['A=1', 'cmd']]);
    expect(argv(`A\\=1 cmd`)).toEqual([['A=1', 'cmd']]);
    expect(argv(`$A=1 cmd`)).toEqual([['$A=1', 'cmd']]);
    expect(argv(`1A=1`)).toEqual([['1A=1']]);
    expect(argv(`export A=1 B`)).toEqual([['export', 'A=1', 'B']]);
    expect(argv(`local x=$(y)`)).toEqual([['local', 'x=$(y)'], ['y']]);
  });

  it('arrays', () => {
    const s = 'A=(a "b c" $(d)) e; declare -a X=(1 2) f';
    const r = parse(s);
    expect(r.errors).toEqual([]);
    expect(argv(s)).toEqual([['A=(a "b c" $(d))', 'e'], ['d'], ['declare', '-a', 'X=(1 2)', 'f']]);
    expect(def(def(def(r.commands[0]).assignments[0]).value).hasExpansion).toBe(true);
  });

  it('redirect-only command', () => {
    const c = only('> /tmp/x');
    expect(c.name).toBeUndefined();
    expect(c.redirects.map((r) => [r.op, r.target?.value])).toEqual([['>', '/tmp/x']]);
  });
});

// ------------------------------------------------------------------ redirections and here-documents

describe('redirections', () => {
  const cases: [string, [string, string | undefined][], string[]][] = [
    ['cmd >/dev/null 2>&1', [['>', '/dev/null'], ['2>&', '1']], ['cmd']],
    ['cmd &>log &>>log2 >>a <b <>c >|d', [['&>', 'log'], ['&>>', 'log2'], ['>>', 'a'], ['<', 'b'], ['<>', 'c'], ['>|', 'd']], ['cmd']],
    ['cmd 2> err 10>&- <&3 >&2', [['2>', 'err'], ['10>&', '-'], ['<&', '3'], ['>&', '2']], ['cmd']],
    ['cmd <<<"a b" arg', [['<<<', 'a b']], ['cmd', 'arg']],
    ['cmd 2x >y', [['>', 'y']], ['cmd', '2x']],
    ['cmd a>b', [['>', 'b']], ['cmd', 'a']],
    ['>out cmd arg', [['>', 'out']], ['cmd', 'arg']],
    ['cmd < <(a)', [['<', '<(a)']], ['cmd']],
    ['cmd >$(a)', [['>', '$(a)']], ['cmd']],
  ];
  it.each(cases)('%j', (script, redirects, words) => {
    const c = firstCmd(script);
    expect(c.redirects.map((r) => [r.op, r.target?.value])).toEqual(redirects);
    expect([c.name?.value, ...c.args.map((a) => a.value)]).toEqual(words);
  });

  it('redirect positions include the fd and the target', () => {
    const s = 'cmd 2>/dev/null >> "a b"';
    const c = only(s);
    expect(c.redirects.map((r) => raw(s, r))).toEqual(['2>/dev/null', '>> "a b"']);
    expect(raw(s, c)).toBe(s);
  });

  it('missing redirect target is an error', () => {
    const r = parse('cmd >');
    expect(r.errors.map((e) => e.message)).toEqual([`expected a word after '>'`]);
    expect(def(def(r.commands[0]).redirects[0]).target).toBeUndefined();
  });

  it('here-documents: body skipped, recorded, commands after it found', () => {
    const s = 'cat <<EOF > /etc/x && echo a\nline $(notacmd)\n  EOF\nEOF\nls';
    const r = parse(s);
    expect(r.errors).toEqual([]);
    expect(argv(s)).toEqual([['cat'], ['echo', 'a'], ['ls']]);
    const h = def(def(r.commands[0]).redirects[0]);
    expect(h.op).toBe('<<');
    expect(h.heredoc).toMatchObject({ delimiter: 'EOF', quoted: false, stripTabs: false, body: 'line $(notacmd)\n  EOF\n' });
    expect(raw(s, def(h.heredoc))).toBe('line $(notacmd)\n  EOF\n');
    expect(def(r.commands[2]).connector).toBe('\n');
  });

  it('<<- strips tabs, quoted delimiters, two here-docs on one line, CRLF', () => {
    const s = "cat <<-'E O' <<\"X\"\n\ta\n\tE O\nb\nX\r\ncmd";
    const r = parse(s);
    expect(r.errors).toEqual([]);
    const [h1, h2] = def(r.commands[0]).redirects;
    expect(def(h1).heredoc).toMatchObject({ delimiter: 'E O', quoted: true, stripTabs: true, body: '\ta\n' });
    expect(def(h2).heredoc).toMatchObject({ delimiter: 'X', quoted: true, body: 'b\n' });
    expect(r.commands.map((c) => c.name?.value)).toEqual(['cat', 'cmd']);
  });

  it('here-doc inside $( ) and after a compound command', () => {
    const s = 'x=$(cat <<EOF\n)\nEOF\n) ; while read a; do b; done <<END\nc\nEND\nd';
    const r = parse(s);
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => c.name?.value ?? null)).toEqual([null, 'cat', 'read', 'b', 'd']);
  });

  it('unterminated here-document', () => {
    const r = parse('cat <<EOF\nabc');
    expect(r.errors.map((e) => e.message)).toEqual([`here-document delimited by end of script (wanted 'EOF')`]);
    expect(def(def(def(r.commands[0]).redirects[0]).heredoc).body).toBe('abc');
    expect(parse('cat <<EOF').errors.map((e) => e.message)).toEqual([`here-document 'EOF' has no body`]);
  });
});

// ------------------------------------------------------------------ Dockerfile continuations and positions

describe('Dockerfile continuations', () => {
  it('absolute positions inside a Dockerfile', () => {
    const { text, r } = inFile('apt-get update && apt-get install -y curl');
    expect(r.commands.map((c) => raw(text, c))).toEqual(['apt-get update', 'apt-get install -y curl']);
    const c = def(r.commands[1]);
    expect(c.start).toBe(text.indexOf('apt-get install'));
    expect(c.args.map((a) => raw(text, a))).toEqual(['install', '-y', 'curl']);
  });

  it('a continuation that splits a word', () => {
    const { text, r } = inFile('apt-get ins\\\ntall -y \\\n    curl');
    expect(r.errors).toEqual([]);
    const c = def(r.commands[0]);
    expect(c.args.map((a) => a.value)).toEqual(['install', '-y', 'curl']);
    expect(raw(text, def(c.args[0]))).toBe('ins\\\ntall');
    expect(raw(text, def(c.args[2]))).toBe('curl');
    expect(raw(text, c)).toBe('apt-get ins\\\ntall -y \\\n    curl');
    expect(r.script).toBe('apt-get install -y     curl');
  });

  it('comment lines and empty lines inside a continuation are dropped', () => {
    const script = 'apt-get install -y \\\n  # the fetcher\n\n   \n  curl \\\n# && evil\n  && rm -rf /x';
    const { text, r } = inFile(script);
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => [c.name?.value, ...c.args.map((a) => a.value)])).toEqual([
      ['apt-get', 'install', '-y', 'curl'],
      ['rm', '-rf', '/x'],
    ]);
    expect(raw(text, def(def(r.commands[0]).args[2]))).toBe('curl');
    expect(def(r.commands[1]).connector).toBe('&&');
  });

  it('without dockerfileContinuations, # lines are shell comments and \\-newline is the shell continuation', () => {
    const s = 'apt-get install \\\n  # c\n  curl';
    expect(argv(s, { dockerfileContinuations: false })).toEqual([['apt-get', 'install'], ['curl']]);
    expect(argv(s)).toEqual([['apt-get', 'install', 'curl']]);
    expect(argv('a b\\\nc', { dockerfileContinuations: false })).toEqual([['a', 'bc']]);
  });

  it('CRLF line endings', () => {
    const script = 'apt-get update \\\r\n && apt-get install -y \\\r\n   # c\r\n   curl\\  \r\n  wget';
    const { text, r } = inFile(script, undefined, 'FROM x\r\nRUN ');
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => [c.name?.value, ...c.args.map((a) => a.value)])).toEqual([
      ['apt-get', 'update'],
      ['apt-get', 'install', '-y', 'curl', 'wget'],
    ]);
    expect(raw(text, def(def(r.commands[1]).args[3]))).toBe('wget');
    expect(def(def(r.commands[1]).args[3]).start).toBe(text.lastIndexOf('wget'));
  });

  it('escape=` : backtick-newline continues, backslash is the shell’s', () => {
    const script = 'echo a\\b `\n  && dir c:\\\\x';
    const { text, r } = inFile(script, { escapeChar: '`' });
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => [c.name?.value, ...c.args.map((a) => a.value)])).toEqual([
      ['echo', 'ab'],
      ['dir', 'c:\\x'],
    ]);
    expect(raw(text, def(r.commands[1]))).toBe('dir c:\\\\x');
    // Backquote substitutions still work when they are not at a line end.
    expect(argv('echo `date` `\n x', { escapeChar: '`' })).toEqual([['echo', '`date`', 'x'], ['date']]);
  });

  it('escape + trailing blanks + newline is a continuation; a trailing escape at the region end is removed', () => {
    expect(argv('a \\   \n b \\')).toEqual([['a', 'b']]);
    // Only the last backslash continues the line; the shell then sees `a \b`.
    expect(parse('a \\\\\nb').script).toBe('a \\b');
    expect(argv('a \\\\\nb')).toEqual([['a', 'b']]);
  });

  it('a continuation inside quotes still joins (Docker does it before the shell)', () => {
    const { text, r } = inFile('echo "a \\\n  b" \'c\\\nd\'');
    expect(def(r.commands[0]).args.map((a) => a.value)).toEqual(['a   b', 'cd']);
    expect(raw(text, def(def(r.commands[0]).args[1]))).toBe("'c\\\nd'");
  });

  it('comment at the end of a joined line swallows the rest (as in Docker)', () => {
    expect(argv('a # note \\\n && b')).toEqual([['a']]);
  });

  it('start/end select a region; defaults cover the whole text; bad bounds are clamped', () => {
    const text = 'xx echo hi yy';
    expect(parseShell(text, 3, 10).commands.map((c) => raw(text, c))).toEqual(['echo hi']);
    expect(parseShell('echo a').commands).toHaveLength(1);
    expect(parseShell('echo a', 5, 2).commands).toEqual([]);
    expect(parseShell('echo a', -5, 99).commands).toHaveLength(1);
  });

  it('error positions are absolute too', () => {
    const { text, r } = inFile('echo \\\n  "abc');
    expect(r.errors).toHaveLength(1);
    expect(raw(text, def(r.errors[0]))).toBe('"');
    expect(def(r.errors[0]).start).toBe(text.indexOf('"abc'));
  });
});

// ------------------------------------------------------------------ errors and recovery

describe('errors and recovery', () => {
  const cases: [string, RegExp, string, (string | null)[]][] = [
    // script, message, text at the error range, command names still found
    [`echo "abc`, /unterminated double-quoted/, '"', ['echo']],
    [`echo 'abc; b`, /unterminated single-quoted/, "'", ['echo']],
    ['echo $(a; b', /'\$\(' without matching '\)'/, '$(', ['echo', 'a', 'b']],
    ['echo `a', /unterminated backquote/, '`', ['echo', 'a']],
    ['echo ${a', /unterminated '\$\{'/, '${', ['echo']],
    ['echo $((1+', /'\$\(\(' without matching '\)\)'/, '$((', ['echo']],
    ['(a; b', /'\(' without matching '\)'/, '(', ['a', 'b']],
    ['a; b)', /unexpected '\)'/, ')', ['a', 'b']],
    ['if a; then b', /'if' without matching 'fi'/, 'if', ['a', 'b']],
    ['if a; fi; c', /expected 'then' before 'fi'/, 'fi', ['a', 'c']],
    ['while a; do b', /'while' without matching 'done'/, 'while', ['a', 'b']],
    ['{ a; b', /'\{' without matching '\}'/, '{', ['a', 'b']],
    ['case x in a) b', /'case' without matching 'esac'/, 'case', ['b']],
    ['fi; a', /unexpected 'fi'/, 'fi', ['a']],
    ['a && ; b', /expected a command after '&&'/, '&&', ['a', 'b']],
    ['a | ; b', /expected a command after '\|'/, '|', ['a', 'b']],
    ['; a', /unexpected ';'/, ';', ['a']],
    ['&& a', /unexpected '&&'/, '&&', ['a']],
    ['a & ; b', /unexpected ';'/, ';', ['a', 'b']],
    ['echo ( a', /unexpected '\('/, '(', ['echo']],
    ['[[ a', /'\[\[' without matching '\]\]'/, '[[', []],
    ['echo $\'abc', /unterminated \$'…' string/, "$'", ['echo']],
    ['f()', /expected a function body/, 'f()', []],
    ['x=$(echo a; fi)', /unexpected 'fi'/, 'fi', [null, 'echo']],
  ];
  it.each(cases)('%j', (script, message, at, names) => {
    const r = parse(script);
    expect(r.errors.length).toBeGreaterThan(0);
    const e = r.errors.find((x) => message.test(x.message));
    expect(e, JSON.stringify(r.errors)).toBeDefined();
    expect(raw(script, def(e))).toBe(at);
    const found = r.commands.map((c) => c.name?.value ?? null);
    expect(found.filter((x) => x !== null)).toEqual(names.filter((x) => x !== null));
  });

  it('errors are capped at 100', () => {
    expect(parse(';'.repeat(5000)).errors.length).toBeLessThanOrEqual(100);
  });

  it('a bare $ ( or unknown chars do not derail the parse', () => {
    expect(argv('echo $ ; b')).toEqual([['echo', '$'], ['b']]);
  });
});

// ------------------------------------------------------------------ adversarial inputs (structural bounds, no clocks)

describe('adversarial inputs finish in linear work', () => {
  const N = 100_000;
  const inputs: [string, string][] = [
    ['((((', '('.repeat(N)],
    ['))))', ')'.repeat(N)],
    ['$($($(', '$('.repeat(N / 2)],
    ['$(($((', '$(('.repeat(N / 3)],
    ['"""" (even)', '"'.repeat(N)],
    ['"""" (odd)', '"'.repeat(N + 1)],
    ["''''", "'".repeat(N + 1)],
    ['````', '`'.repeat(N + 1)],
    ['\\`\\`', '`' + '\\`'.repeat(N / 2)],
    ['${${', '${'.repeat(N / 2)],
    ['{ { {', '{ '.repeat(N / 2)],
    ['if if', 'if '.repeat(N / 3)],
    ['case', 'case x in a) '.repeat(N / 13)],
    ['<<E', '<<E '.repeat(N / 4) + '\nE\n'],
    ['f()', 'f() '.repeat(N / 4)],
    ['a=(', 'a=('.repeat(N / 3)],
    ['; ; ;', '; '.repeat(N / 2)],
    ['a|', 'a|'.repeat(N / 2)],
    ['[[ ', '[[ '.repeat(N / 3)],
    ['long word', 'a'.repeat(N)],
    ['long identifier-ish', 'a'.repeat(N) + '=x'],
    ['many commands', 'a;'.repeat(N / 2)],
    ['nested pipelines in groups', '{ a | '.repeat(100) + 'b' + ' ; }'.repeat(100)],
    ['backslash flood', '\\'.repeat(N)],
    ['continuations', 'a \\\n'.repeat(N / 4)],
    ['comment lines in continuation', 'a \\\n#c\n'.repeat(N / 6)],
    ['mixed junk', '$(`"\'${(('.repeat(N / 10)],
  ];
  it.each(inputs)('%s', (_name, input) => {
    let result: ReturnType<typeof parseShellWithStats> | undefined;
    expect(() => {
      result = parseShellWithStats(input);
    }).not.toThrow();
    const { script, stats } = def(result);
    // Work outside the single forward pass is bounded by a small multiple of the input.
    expect(stats.steps).toBeLessThanOrEqual(10 * input.length + 10_000);
    expect(script.errors.length).toBeLessThanOrEqual(100);
    for (const e of script.errors) expect(e.message).not.toMatch(/internal/);
    for (const c of script.commands) {
      expect(c.start).toBeGreaterThanOrEqual(0);
      expect(c.end).toBeLessThanOrEqual(input.length);
      expect(c.start).toBeLessThanOrEqual(c.end);
    }
  });

  it('deep nesting becomes a single error, not a stack overflow', () => {
    const r = parse('$('.repeat(5000) + 'a' + ')'.repeat(5000));
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringMatching(/nesting deeper than/)]);
    const ok = parse('$('.repeat(50) + 'a' + ')'.repeat(50));
    expect(ok.errors).toEqual([]);
    expect(def(ok.commands.at(-1)).depth).toBe(50);
  });
});

// ------------------------------------------------------------------ randomized robustness

describe('random scripts never throw and keep invariants', () => {
  const alphabet = ['a', 'b', ' ', ' ', '\n', ';', '&', '|', '(', ')', '{', '}', '$', '`', "'", '"', '\\', '#', '<', '>', '=', 'if ', 'then ', 'fi ', 'do ', 'done ', 'case ', 'in ', 'esac ', ';;', '$(', '${', '$((', '<<E\n', 'E\n', '[[ ', ' ]]', '*', '1'];
  let seed = 12345;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  it('2000 random scripts', () => {
    for (let k = 0; k < 2000; k++) {
      let s = '';
      const len = 1 + rand(60);
      for (let j = 0; j < len; j++) s += alphabet[rand(alphabet.length)];
      const prefix = 'RUN ';
      const text = prefix + s + '\nX';
      const r = parseShell(text, prefix.length, prefix.length + s.length, { dockerfileContinuations: rand(2) === 0 });
      for (const e of r.errors) {
        expect(e.message, s).not.toMatch(/internal/);
        expect(e.start).toBeGreaterThanOrEqual(prefix.length);
        expect(e.end).toBeLessThanOrEqual(prefix.length + s.length);
      }
      let last = -1;
      for (const c of r.commands) {
        expect(c.start, s).toBeGreaterThanOrEqual(last);
        last = c.start;
        expect(c.start).toBeGreaterThanOrEqual(prefix.length);
        expect(c.end).toBeLessThanOrEqual(prefix.length + s.length);
        const words: ShellWord[] = [...(c.name ? [c.name] : []), ...c.args];
        for (const w of words) {
          expect(w.start).toBeLessThan(w.end);
          expect(w.start).toBeGreaterThanOrEqual(c.start);
          expect(w.end).toBeLessThanOrEqual(c.end);
        }
        // Keywords after a redirection or assignment are ordinary words (as in bash).
        if (c.name && c.name.start === c.start && !c.name.quoted) expect(['if', 'then', 'fi', 'do', 'done', 'case', 'esac']).not.toContain(c.name.value);
      }
    }
  });
});

// ------------------------------------------------------------------ helpers

describe('commandName / unwrapCommand', () => {
  it('commandName is the literal name; expansions give undefined', () => {
    expect(commandName(firstCmd('apt-get x'))).toBe('apt-get');
    expect(commandName(firstCmd('"apt-get" x'))).toBe('apt-get');
    expect(commandName(firstCmd('/usr/bin/apt-get x'))).toBe('/usr/bin/apt-get');
    expect(commandBaseName(firstCmd('/usr/bin/apt-get x'))).toBe('apt-get');
    expect(commandName(firstCmd('$PM install'))).toBeUndefined();
    expect(commandName(firstCmd('A=1'))).toBeUndefined();
    expect(commandName(firstCmd('sudo apt-get'))).toBe('sudo');
  });

  const cases: [string, (string | undefined)[], string[]][] = [
    // script, [name, ...args] after unwrapping, wrapper words
    ['sudo apt-get install -y x', ['apt-get', 'install', '-y', 'x'], ['sudo']],
    ['sudo -u root -E apt-get update', ['apt-get', 'update'], ['sudo', '-u', 'root', '-E']],
    ['sudo --user=root -- apt-get update', ['apt-get', 'update'], ['sudo', '--user=root', '--']],
    ['sudo -uroot apt-get', ['apt-get'], ['sudo', '-uroot']],
    ['env -i PATH=/bin DEBIAN_FRONTEND=noninteractive apt-get', ['apt-get'], ['env', '-i', 'PATH=/bin', 'DEBIAN_FRONTEND=noninteractive']],
    ['env -u X cmd a', ['cmd', 'a'], ['env', '-u', 'X']],
    ['env - PATH=/bin sh -c x', ['sh', '-c', 'x'], ['env', '-', 'PATH=/bin']],
    ['command apt-get x', ['apt-get', 'x'], ['command']],
    ['builtin echo x', ['echo', 'x'], ['builtin']],
    ['exec -a name gosu app cmd', ['cmd'], ['exec', '-a', 'name', 'gosu', 'app']],
    ['nice -n 10 nohup time -p make -j4', ['make', '-j4'], ['nice', '-n', '10', 'nohup', 'time', '-p']],
    ['nice -10 make', ['make'], ['nice', '-10']],
    ['busybox wget x', ['wget', 'x'], ['busybox']],
    ['xargs -I{} -n 1 rm -f {}', ['rm', '-f', '{}'], ['xargs', '-I{}', '-n', '1']],
    ['timeout -s KILL 10 curl x', ['curl', 'x'], ['timeout', '-s', 'KILL', '10']],
    ['su-exec app:app node server.js', ['node', 'server.js'], ['su-exec', 'app:app']],
    ['/usr/bin/sudo pip install x', ['pip', 'install', 'x'], ['/usr/bin/sudo']],
    ['sudo env X=1 nice apt-get upgrade', ['apt-get', 'upgrade'], ['sudo', 'env', 'X=1', 'nice']],
  ];
  it.each(cases)('%s', (script, expected, wrappers) => {
    const cmd = firstCmd(script);
    const u = unwrapCommand(cmd);
    expect([u.name?.value, ...u.args.map((a) => a.value)]).toEqual(expected);
    expect(def(u.wrappers).map((w) => w.value)).toEqual(wrappers);
    expect(u.original).toBe(cmd);
    // Positions are those of the original words.
    expect(u.name).toBe(cmd.args.find((a) => a === u.name));
  });

  const unchanged = ['apt-get install', 'command -v apt-get', 'sudo -l', 'env', 'env -S "a b"', 'sudo', 'timeout 10', '$SUDO apt-get', 'A=1', 'sh -c "apt-get x"'];
  it.each(unchanged)('%s is returned as is', (script) => {
    const cmd = firstCmd(script);
    expect(unwrapCommand(cmd)).toBe(cmd);
  });

  it('env / sudo assignments become assignments of the view', () => {
    const s = 'env DEBIAN_FRONTEND=noninteractive apt-get install -y x';
    const u = unwrapCommand(only(s));
    expect(u.assignments.map((a) => [a.name, a.value?.value, raw(s, def(a.value))])).toEqual([
      ['DEBIAN_FRONTEND', 'noninteractive', 'noninteractive'],
    ]);
  });
});

describe('flags', () => {
  const c = (s: string): ShellCommand => firstCmd(s);

  const hasFlagCases: [string, string[], boolean][] = [
    ['apt-get install -y x', ['-y'], true],
    ['apt-get install -qy x', ['-y'], true],
    ['apt-get install -yq x', ['-q'], true],
    ['apt-get install --yes x', ['-y', '--yes'], true],
    ['apt-get install --assume-yes=true x', ['--assume-yes'], true],
    ['apt-get install x', ['-y', '--yes'], false],
    ['apt-get install -qq x', ['-qq'], true],
    ['apt-get install -q -q x', ['-qq'], true],
    ['apt-get install -q x', ['-qq'], false],
    ['apt-get install --yesno x', ['--yes'], false],
    ['apt-get install -- -y', ['-y'], true], // textual: `--` does not end options
    ['apt-get install "-y"', ['-y'], true],
    ['apt-get install yes', ['yes'], false],
    ['apt-get install --yes', ['yes'], true],
    ['apt-get install -y', ['y'], true],
    ['rm - x', ['-'], false],
  ];
  it.each(hasFlagCases)('hasFlag(%j, %j) = %j', (s, names, expected) => {
    expect(hasFlag(c(s), ...names)).toBe(expected);
  });

  it('countShortFlag', () => {
    expect(countShortFlag(c('apt-get -q -qq -yq --quiet x'), 'q')).toBe(4);
    expect(countShortFlag(c('apt-get x'), 'q')).toBe(0);
  });

  const valueCases: [string, string[], string | undefined, string | undefined][] = [
    // script, names, value, source text of the value
    ['pip install -r req.txt', ['-r', '--requirement'], 'req.txt', 'req.txt'],
    ['pip install --requirement=req.txt', ['-r', '--requirement'], 'req.txt', 'req.txt'],
    ['pip install --requirement req.txt', ['--requirement'], 'req.txt', 'req.txt'],
    ['useradd -u1000 app', ['-u'], '1000', '1000'],
    ['useradd -u 1 -u 2 app', ['-u'], '2', '2'],
    ['useradd app', ['-u'], undefined, undefined],
    ['curl -o', ['-o'], undefined, undefined],
    ['docker run --user="app x" img', ['--user'], 'app x', undefined],
  ];
  it.each(valueCases)('flagValue(%j, %j)', (s, names, value, src) => {
    const w = flagValue(c(s), ...names);
    expect(w?.value).toBe(value);
    if (src !== undefined) expect(raw(s, def(w))).toBe(src);
  });

  it('flagValues returns all', () => {
    expect(flagValues(c('x -e A=1 --env B=2 --env=C=3'), '-e', '--env').map((w) => w.value)).toEqual(['A=1', 'B=2', 'C=3']);
  });

  it('positionalArgs skips option values and honours --', () => {
    const cmd = c('apt-get install -y -o Dpkg::Options::=--force-confold --target-release=stable curl -- -weird "wget"');
    expect(positionalArgs(cmd, ['-o', '-t', '--target-release']).map((w) => w.value)).toEqual(['install', 'curl', '-weird', 'wget']);
    expect(positionalArgs(cmd).map((w) => w.value)).toEqual(['install', 'Dpkg::Options::=--force-confold', 'curl', '-weird', 'wget']);
    expect(positionalArgs(c('tar -xzf file.tgz -C /opt'), ['-f', '-C']).map((w) => w.value)).toEqual([]);
    expect(positionalArgs(c('cat - x')).map((w) => w.value)).toEqual(['-', 'x']);
  });

  it('parseOptions: clusters, attached values, stopAtPositional', () => {
    const p = parseOptions(c('tar -xzf a.tgz -C/opt --strip-components=1 --verbose'), { withValue: ['-f', '-C'] });
    expect(p.options.map((o) => [o.name, o.value?.value])).toEqual([
      ['-x', undefined],
      ['-z', undefined],
      ['-f', 'a.tgz'],
      ['-C', '/opt'],
      ['--strip-components', '1'],
      ['--verbose', undefined],
    ]);
    const s = 'sh -ec "echo -n"';
    expect(parseOptions(c(s), { stopAtPositional: true }).positionals.map((w) => w.value)).toEqual(['echo -n']);
    expect(hasOption(c('tar -f -x'), ['-x'], { withValue: ['-f'] })).toBe(false);
    expect(hasFlag(c('tar -f -x'), '-x')).toBe(true);
    expect(hasOption(c('tar -xf a'), ['-x'], { withValue: ['-f'] })).toBe(true);
  });

  it('hasArg is any-position equality', () => {
    expect(hasArg(c('apt-get -y install x'), 'install')).toBe(true);
    expect(hasArg(c('apt-get update'), 'install')).toBe(false);
  });

  it('flag helpers work on unwrapped views', () => {
    const u = unwrapCommand(c('sudo -E apt-get install -y curl'));
    expect(commandName(u)).toBe('apt-get');
    expect(hasFlag(u, '-y')).toBe(true);
    expect(hasFlag(u, '-E')).toBe(false);
    expect(positionalArgs(u).map((w) => w.value)).toEqual(['install', 'curl']);
  });
});

// ------------------------------------------------------------------ realistic RUNs

describe('realistic RUN instructions', () => {
  it('buildpack-deps style', () => {
    const script = [
      'set -eux; \\',
      '\tsavedAptMark="$(apt-mark showmanual)"; \\',
      '\tapt-get update; \\',
      '\tapt-get install -y --no-install-recommends \\',
      '\t\tca-certificates \\',
      '\t\t# keep wget for now',
      '\t\twget \\',
      '\t; \\',
      '\tdpkgArch="$(dpkg --print-architecture | awk -F- \'{ print $NF }\')"; \\',
      '\tcase "$dpkgArch" in \\',
      '\t\tamd64) arch=x86_64 ;; \\',
      '\t\tarm64) arch=aarch64 ;; \\',
      '\t\t*) echo >&2 "unsupported: $dpkgArch"; exit 1 ;; \\',
      '\tesac; \\',
      '\tif [ -n "$savedAptMark" ]; then apt-mark manual $savedAptMark > /dev/null; fi; \\',
      '\trm -rf /var/lib/apt/lists/*',
    ].join('\n');
    const { text, r } = inFile(script);
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => c.name?.value ?? null)).toEqual([
      'set', null, 'apt-mark', 'apt-get', 'apt-get', null, 'dpkg', 'awk', null, null, 'echo', 'exit', '[', 'apt-mark', 'rm',
    ]);
    const install = def(r.commands[4]);
    expect(install.args.map((a) => a.value)).toEqual(['install', '-y', '--no-install-recommends', 'ca-certificates', 'wget']);
    expect(raw(text, def(install.args[4]))).toBe('wget');
    expect(r.pipes.map((p) => raw(text, p))).toEqual(['|']);
    const echo = def(r.commands[10]);
    expect(echo.redirects.map((x) => [x.op, x.target?.value])).toEqual([['>&', '2']]);
    expect(echo.depth).toBe(1);
  });

  it('sh -c strings are words, not commands (like hadolint)', () => {
    expect(argv(`sh -c "apt-get install x && rm y"`)).toEqual([['sh', '-c', 'apt-get install x && rm y']]);
  });
});
