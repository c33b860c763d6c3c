import type { ExpansionResult, Instruction, VariableScope } from "./model.js";

/**
 * Build arguments that BuildKit defines without an `ARG` in the global scope.
 * Their values depend on the build machine, so they are known but valueless.
 */
export const PREDEFINED_PLATFORM_ARGS: readonly string[] = [
  "BUILDPLATFORM",
  "BUILDOS",
  "BUILDARCH",
  "BUILDVARIANT",
  "TARGETPLATFORM",
  "TARGETOS",
  "TARGETARCH",
  "TARGETVARIANT",
  "TARGETSTAGE",
  "BUILDOSVERSION",
  "TARGETOSVERSION",
];

const ARCHITECTURES: readonly string[] = ["amd64", "arm64", "arm", "386", "ppc64le", "s390x", "riscv64"];
const OPERATING_SYSTEMS: readonly string[] = ["linux", "windows"];
const VARIANTS: readonly string[] = ["", "v6", "v7", "v8"];
const PLATFORMS: readonly string[] = [
  "linux/amd64",
  "linux/arm64",
  "linux/arm64/v8",
  "linux/arm/v6",
  "linux/arm/v7",
  "linux/386",
  "linux/ppc64le",
  "linux/s390x",
  "linux/riscv64",
  "windows/amd64",
  "windows/arm64",
];

/**
 * The values the platform ARGs of `PREDEFINED_PLATFORM_ARGS` take on the platforms images are
 * commonly built for (`docker buildx build --platform linux/amd64,linux/arm64,…`), for a FROM
 * that picks a stage by platform (`FROM base-$TARGETARCH`, see parse.ts). The OS-version and
 * TARGETSTAGE arguments are not here: a FROM that depends on them is not resolved.
 */
export const PLATFORM_ARG_VALUES: ReadonlyMap<string, readonly string[]> = new Map([
  ["TARGETPLATFORM", PLATFORMS],
  ["TARGETOS", OPERATING_SYSTEMS],
  ["TARGETARCH", ARCHITECTURES],
  ["TARGETVARIANT", VARIANTS],
  ["BUILDPLATFORM", PLATFORMS],
  ["BUILDOS", OPERATING_SYSTEMS],
  ["BUILDARCH", ARCHITECTURES],
  ["BUILDVARIANT", VARIANTS],
]);

/** Proxy and BuildKit args the build accepts without declaring them in any scope. */
export const PREDEFINED_ARGS: readonly string[] = [
  "HTTP_PROXY",
  "http_proxy",
  "HTTPS_PROXY",
  "https_proxy",
  "FTP_PROXY",
  "ftp_proxy",
  "NO_PROXY",
  "no_proxy",
  "ALL_PROXY",
  "all_proxy",
  "SOURCE_DATE_EPOCH",
  "BUILDKIT_SYNTAX",
  "BUILDKIT_INLINE_CACHE",
  "BUILDKIT_MULTI_PLATFORM",
  "BUILDKIT_SANDBOX_HOSTNAME",
  "BUILDKIT_CONTEXT_KEEP_GIT_DIR",
  "BUILDKIT_DOCKERFILE_CHECK",
];

interface Binding {
  readonly name: string;
  readonly value: string | null;
  /** Variables left unresolved in the value (`ENV DIR=${SOURCES:+/src}` with `ARG SOURCES`): a use of this name depends on them too. */
  readonly unresolved: readonly string[] | undefined;
  readonly kind: "ARG" | "ENV";
  readonly instruction: Instruction | undefined;
  readonly next: Binding | undefined;
  /** Whether this binding or one further down the chain is an ENV: without one, the first ARG of a name is the answer. */
  readonly hasEnv: boolean;
  /** What `find` answered for the chain from this binding, by name: see `Scope.find`. */
  found?: Map<string, Binding | null>;
  /** `found` holds every name of the chain (`Scope.indexed`): a name it lacks is not bound. */
  complete?: boolean;
  /**
   * Every name bound by the bindings that grew from the same first binding, this chain's and its
   * branches': one set shared by all of them, so a name it lacks is bound nowhere on the chain.
   * Without it, a name no ARG or ENV binds walked the whole chain on every lookup: 20,000 global
   * ARGs whose values each named an unset variable took 8 s to lint.
   */
  readonly declared: Set<string>;
}

export interface ExpandOptions {
  /** Treat variables declared without a value as empty strings, as the build does without `--build-arg`. */
  missingAsEmpty?: boolean;
}

/**
 * An immutable scope: each ARG/ENV adds one binding in front of the chain, so that
 * every instruction can keep the scope in force at its position without copying maps.
 * ENV bindings shadow ARG bindings of the same name whatever their order, as in the build.
 */
export class Scope implements VariableScope {
  private readonly head: Binding | undefined;
  readonly escapeChar: string;

  constructor(escapeChar: string, head?: Binding) {
    this.escapeChar = escapeChar;
    this.head = head;
  }

  with(name: string, value: string | null, kind: "ARG" | "ENV", instruction: Instruction | undefined, unresolved?: readonly string[]): Scope {
    const declared = this.head?.declared ?? new Set<string>();
    declared.add(name);
    const inherits = unresolved !== undefined && unresolved.length > 0 ? unresolved : undefined;
    return new Scope(this.escapeChar, { name, value, unresolved: inherits, kind, instruction, next: this.head, hasEnv: kind === "ENV" || (this.head?.hasEnv ?? false), declared });
  }

  /**
   * This scope, with every name's binding kept on its head: for a scope that is asked often and no
   * longer extended, as the global ARGs are by every stage (looked up one by one, each name walked
   * the chain: 8,000 global ARGs redeclared in a stage took a quadratic half second).
   */
  indexed(): Scope {
    const head = this.head;
    if (!head || head.complete) return this;
    const chain: Binding[] = [];
    for (let b: Binding | undefined = head; b; b = b.next) chain.push(b);
    const found = new Map<string, Binding | null>();
    // Farthest first, so that a nearer binding replaces it, but an ARG never replaces an ENV.
    for (let i = chain.length - 1; i >= 0; i--) {
      const b = chain[i] as Binding;
      if (b.kind === "ENV" || found.get(b.name)?.kind !== "ENV") found.set(b.name, b);
    }
    head.found = found;
    head.complete = true;
    return this;
  }

  /**
   * The binding in force: the first ENV of that name on the chain, else the first ARG. Every
   * instruction of a long stage looks names up in a chain as long as the stage, so the answer
   * is kept on the head binding, and a later walk stops at the first binding that has one.
   */
  private find(name: string): Binding | undefined {
    const head = this.head;
    if (!head) return undefined;
    const known = head.found?.get(name);
    if (known !== undefined) return known ?? undefined;
    if (head.complete || !head.declared.has(name)) return undefined;
    let argBinding: Binding | undefined;
    let result: Binding | undefined;
    let b: Binding | undefined = head;
    for (; b; b = b.next) {
      const earlier = b === head ? undefined : (b.found?.get(name) ?? (b.complete ? null : undefined));
      if (earlier !== undefined) {
        // `earlier` answers for the rest of the chain: an ENV there wins over an ARG seen before it.
        result = earlier?.kind === "ENV" ? earlier : (argBinding ?? earlier ?? undefined);
        break;
      }
      if (b.name !== name) continue;
      if (b.kind === "ENV") {
        result = b;
        break;
      }
      argBinding ??= b;
      // No ENV further down: no later binding can replace this ARG (the global ARGs have none).
      if (!b.next?.hasEnv) {
        result = argBinding;
        break;
      }
    }
    if (!b) result = argBinding;
    (head.found ??= new Map()).set(name, result ?? null);
    return result;
  }

  lookup(name: string): string | null | undefined {
    const binding = this.find(name);
    return binding ? binding.value : undefined;
  }

  /** The variables left unresolved in the value of the binding in force, if any. */
  unresolvedOf(name: string): readonly string[] | undefined {
    return this.find(name)?.unresolved;
  }

  origin(name: string): { kind: "ARG" | "ENV"; instruction: Instruction | undefined } | undefined {
    const binding = this.find(name);
    return binding ? { kind: binding.kind, instruction: binding.instruction } : undefined;
  }

  /** Names of the ENV bindings, outermost last; used to carry ENV into a stage built on this one. */
  envBindings(): { name: string; value: string | null; instruction: Instruction | undefined }[] {
    const seen = new Set<string>();
    const out: { name: string; value: string | null; instruction: Instruction | undefined }[] = [];
    for (let b = this.head; b; b = b.next) {
      if (b.kind !== "ENV" || seen.has(b.name)) continue;
      seen.add(b.name);
      out.push({ name: b.name, value: b.value, instruction: b.instruction });
    }
    return out.reverse();
  }

  names(): string[] {
    const seen = new Set<string>();
    for (let b = this.head; b; b = b.next) seen.add(b.name);
    return [...seen];
  }

  /**
   * The text with the variables in force substituted. A variable whose own value still holds an
   * unresolved one passes it on: `ENV DIR=${SOURCES:+/src}` then `$DIR/` depends on SOURCES.
   */
  expand(text: string, options: ExpandOptions = {}): ExpansionResult {
    let inherited: string[] | undefined;
    const result = expandVariables(
      text,
      (name) => {
        const binding = this.find(name);
        if (!binding) return undefined;
        if (binding.unresolved) (inherited ??= []).push(...binding.unresolved);
        return binding.value;
      },
      this.escapeChar,
      options,
    );
    if (!inherited) return result;
    return { value: result.value, unresolved: [...new Set([...result.unresolved, ...inherited])] };
  }
}

const NAME_START = /[A-Z_]/i;
const NAME_CHAR = /\w/;

/**
 * Dockerfile variable substitution (`$X`, `${X}`, `${X:-w}`, `${X-w}`, `${X:+w}`, `${X+w}`,
 * `${X:?w}`, `${X?w}`), single pass and linear. A variable the lookup does not know is kept
 * as written so that rules can tell "unresolved" from "empty".
 */
export function expandVariables(
  text: string,
  lookup: (name: string) => string | null | undefined,
  escapeChar = "\\",
  options: ExpandOptions = {},
): ExpansionResult {
  return expandNested(text, lookup, escapeChar, options, 0);
}

/**
 * How deep `${A:-${B:-…}}` defaults are expanded: a deeper one is left as written, its variable
 * unresolved. Each level is a call, and 1,000 levels in one ENV overflowed the stack. The rules'
 * BuildKit word lexer (rules/dockerfile/_buildkit-lexer.ts) stops at the same depth.
 */
export const MAX_NESTED_DEFAULTS = 64;

/**
 * How many characters an expansion may add to the text: past it the text is left as written, its
 * variable unresolved. `ARG A=$A$A` doubles the value each time, so forty such lines asked for a
 * value of 2^40 characters; real values are a few hundred. The BuildKit word lexer has the same bound.
 */
export const MAX_EXPANSION_GROWTH = 1 << 20;

function expandNested(
  text: string,
  lookup: (name: string) => string | null | undefined,
  escapeChar: string,
  options: ExpandOptions,
  depth: number,
): ExpansionResult {
  if (!text.includes("$")) return { value: text, unresolved: [] };
  const limit = text.length + MAX_EXPANSION_GROWTH;
  const unresolved: string[] = [];
  let out = "";
  let i = 0;
  const n = text.length;
  const valueOf = (name: string): string | undefined => {
    const v = lookup(name);
    if (v === undefined || (v === null && !options.missingAsEmpty)) return undefined;
    return v ?? "";
  };
  while (i < n) {
    const c = text[i];
    if (c === escapeChar && text[i + 1] === "$") {
      out += "$";
      i += 2;
      continue;
    }
    if (c !== "$") {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next !== undefined && NAME_START.test(next)) {
      let j = i + 2;
      while (j < n && NAME_CHAR.test(text[j] ?? "")) j++;
      const name = text.slice(i + 1, j);
      const v = valueOf(name);
      if (v === undefined) {
        unresolved.push(name);
        out += text.slice(i, j);
      } else if (out.length + v.length > limit) return { value: text, unresolved: [name] };
      else out += v;
      i = j;
      continue;
    }
    if (next === "{") {
      const close = findClosingBrace(text, i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const body = text.slice(i + 2, close);
      const value = expandBraced(body, text.slice(i, close + 1), unresolved, lookup, escapeChar, options, depth);
      if (out.length + value.length > limit) return { value: text, unresolved: [/^[A-Z_]\w*/i.exec(body)?.[0] ?? body] };
      out += value;
      i = close + 1;
      continue;
    }
    out += c;
    i++;
  }
  return { value: out, unresolved };
}

function findClosingBrace(text: string, from: number): number {
  let depth = 1;
  for (let j = from; j < text.length; j++) {
    const ch = text[j];
    if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return j;
  }
  return -1;
}

function expandBraced(
  body: string,
  whole: string,
  unresolved: string[],
  lookup: (name: string) => string | null | undefined,
  escapeChar: string,
  options: ExpandOptions,
  depth: number,
): string {
  const match = /^([A-Z_]\w*)(?:(:?[-+?])([\s\S]*))?$/i.exec(body);
  if (!match) {
    unresolved.push(body);
    return whole;
  }
  const name = match[1] ?? "";
  const operator = match[2];
  const raw = lookup(name);
  // "unknown": declared by an ARG without a default, so only the build knows the value.
  const state =
    raw === undefined ? "unset" : raw === null ? (options.missingAsEmpty ? "empty" : "unknown") : raw === "" ? "empty" : "value";
  const keep = (): string => {
    unresolved.push(name);
    return whole;
  };
  const word = (): string => {
    if (depth >= MAX_NESTED_DEFAULTS) return keep();
    const inner = expandNested(match[3] ?? "", lookup, escapeChar, options, depth + 1);
    unresolved.push(...inner.unresolved);
    return inner.value;
  };
  const colon = operator?.startsWith(":") ?? false;
  switch (operator?.replace(":", "")) {
    case undefined:
      return state === "value" || state === "empty" ? (raw ?? "") : keep();
    case "-":
      // Defaults are evaluated even for ARGs without a value: `${TAG:-latest}` is what a plain build uses.
      if (state === "value") return raw ?? "";
      if (state === "empty") return colon ? word() : "";
      return word();
    case "+":
      if (state === "value") return word();
      if (state === "empty") return colon ? "" : word();
      return state === "unset" ? "" : keep();
    default:
      // `?`: the build fails without the variable, so its value is the user's to give.
      return state === "value" || (state === "empty" && !colon) ? (raw ?? "") : keep();
  }
}

/** The scope before a Dockerfile's first ARG: the platform ARGs BuildKit declares, without a value here. */
export function platformArgScope(escapeChar: string): Scope {
  return PREDEFINED_PLATFORM_ARGS.reduce((scope, name) => scope.with(name, null, "ARG", undefined), new Scope(escapeChar));
}

/**
 * `scope` with a global ARG declared: its default expanded in the scope before it (null without
 * one), or the value a build passes instead (`--build-arg`, Compose's `build.args`), taken as
 * written; `null` passed is a value from the environment, unknown here, kept as `${NAME}`. The
 * parser and the Compose side's build of a service's Dockerfile declare global ARGs so.
 */
export function withGlobalArg(scope: Scope, name: string, defaultValue: string | undefined, instruction: Instruction, passed?: string | null): Scope {
  if (passed === null) return scope.with(name, `\${${name}}`, "ARG", instruction, [name]);
  if (passed !== undefined) return scope.with(name, passed, "ARG", instruction);
  const expanded = defaultValue === undefined ? undefined : scope.expand(defaultValue);
  return scope.with(name, expanded?.value ?? null, "ARG", instruction, expanded?.unresolved);
}
