/**
 * One image-reference parser for every rule that reads an image name (FROM,
 * COPY --from, RUN --mount from=, Compose `image:`), so that all of them agree
 * on what the registry, repository, tag and digest of a reference are.
 *
 * The grammar is Docker's distribution reference grammar
 * (github.com/distribution/reference: reference.go, regexp.go, normalize.go):
 *
 *   reference        := name [ ":" tag ] [ "@" digest ]
 *   name             := [ domain "/" ] remote-name
 *   domain           := host [ ":" port ]            port := [0-9]+
 *   host             := domain-name | "[" [0-9a-fA-F:]+ "]"
 *   domain-name      := domain-component ( "." domain-component )*
 *   domain-component := [a-zA-Z0-9] | [a-zA-Z0-9] [a-zA-Z0-9-]* [a-zA-Z0-9]
 *   remote-name      := path-component ( "/" path-component )*
 *   path-component   := alnum ( separator alnum )*   alnum := [a-z0-9]+
 *   separator        := "." | "_" | "__" | "-"+
 *   tag              := [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
 *   digest           := algorithm ":" hex{32,}
 *   algorithm        := alg-component ( [-_+.] alg-component )*
 *   alg-component    := [A-Za-z] [A-Za-z0-9]*
 *
 * Which first component is a registry follows normalize.go's heuristic rather
 * than the grammar (which is ambiguous: "foo/bar" fits both ways): it is one
 * when it contains "." or ":" or is exactly "localhost".
 *
 * We scan by hand instead of porting the upstream regular expressions because:
 *  - upstream relies on Go's RE2 engine; the same patterns have nested
 *    quantifiers that a backtracking engine (V8) can take super-linear time on,
 *    and image text comes from untrusted files;
 *  - unresolved `$VAR` / `${VAR:-x:y/z}` can hide or fake the separators
 *    ":", "/" and "@", so splitting has to skip over variable expressions;
 *  - a linter wants every problem and the offsets of each part, not just
 *    "invalid reference format".
 * Every loop below advances monotonically, so parsing is linear in the input.
 */
import { BoundedCache } from "../util/bounded-cache.js";

export interface ImageReference {
  /** The text as written (after variable substitution by the caller, if any). */
  raw: string;
  /** Registry host (with port) if the first path component looks like a host (contains '.' or ':' or is 'localhost'), else undefined. */
  registry: string | undefined;
  /** Effective registry: registry ?? "docker.io". */
  domain: string;
  /** Repository path without registry, as written ("nginx", "library/nginx", "bitnami/redis"). */
  path: string;
  /**
   * Normalised familiar-to-full path: Docker Hub single-component names get "library/".
   * Left as `path` when the path contains a variable, which may expand to several components.
   */
  fullPath: string;
  /** Tag without the ':'; "" when the text ends in a bare ':' (also reported in problems). */
  tag: string | undefined;
  /** Digest without the '@' ("sha256:…"); "" for a bare trailing '@' (also reported in problems). */
  digest: string | undefined;
  /** Offsets (within raw) of the parts, so callers can map them to file positions: [start,end) */
  spans: { registry?: [number, number]; path: [number, number]; tag?: [number, number]; digest?: [number, number] };
  /** True when raw still contains an unresolved variable ($X or ${X}); then the parse is best-effort. */
  hasVariables: boolean;
  /** Validation problems against the grammar (uppercase in repository, bad tag chars, tag > 128 chars, bad digest...). Empty if valid. */
  problems: string[];
}

/** Docker's default registry, used when a reference names none. */
const DEFAULT_DOMAIN = "docker.io";

/** Host names that all reach Docker Hub (or its web UI), compared lower-cased. */
const DOCKER_HUB_HOSTS: ReadonlySet<string> = new Set([
  "docker.io",
  "index.docker.io",
  "registry-1.docker.io",
  "registry.hub.docker.com",
  "hub.docker.com",
]);

/** Namespace of Docker Hub's official images. */
const OFFICIAL_REPO_PREFIX = "library/";

/** reference.go NameTotalLengthMax: the name (registry + "/" + path) may not exceed this. */
const NAME_TOTAL_LENGTH_MAX = 255;

/** The tag grammar allows one leading character plus at most 127 more. */
const TAG_LENGTH_MAX = 128;

/**
 * go-digest, which `docker pull` validates digests with, insists on the exact
 * hex length and lower case for the algorithms it registers. Other algorithms
 * only have to fit the reference grammar here: whether a registry accepts them
 * is not something a static check can know.
 */
const DIGEST_HEX_LENGTH: ReadonlyMap<string, number> = new Map([
  ["sha256", 64],
  ["sha384", 96],
  ["sha512", 128],
]);

/** Minimum hex length of a digest's encoded part in the reference grammar. */
const DIGEST_HEX_LENGTH_MIN = 32;

/** Longest excerpt of the input quoted in a problem, so a huge input can't make huge messages. */
const QUOTE_MAX = 40;

// Single-quantifier, anchored patterns only: each runs in linear time on V8.
const LOWER_HEX_64 = /^[a-f0-9]{64}$/;
const HEX = /^[0-9a-f]+$/i;
const LOWER_HEX = /^[0-9a-f]+$/;
const DIGITS = /^\d+$/;
const ALG_COMPONENT = /^[A-Z][A-Z0-9]*$/i;

const DOLLAR = 0x24;
const LBRACE = 0x7b;
const RBRACE = 0x7d;

type Span = [number, number];

/** Which offsets of the input lie inside a `$VAR` / `${VAR…}` expression. */
interface VariableMask {
  /** 1 at each offset inside a variable expression; undefined when there are none. */
  readonly bits: Uint8Array | undefined;
  readonly unterminated: boolean;
}

/** Collects problems once each, in the order found. */
class Problems {
  readonly list: string[] = [];
  private readonly seen = new Set<string>();
  add(message: string): void {
    if (this.seen.has(message)) return;
    this.seen.add(message);
    this.list.push(message);
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c;
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isLower(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}
function isUpper(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}
function isAlnum(c: number): boolean {
  return isDigit(c) || isLower(c) || isUpper(c);
}
/** `\w` in the tag grammar. */
function isWord(c: number): boolean {
  return isAlnum(c) || c === 0x5f;
}
/** Shell/Compose variable names: [A-Za-z_][A-Za-z0-9_]*. */
function isNameStart(c: number): boolean {
  return isLower(c) || isUpper(c) || c === 0x5f;
}

function quote(text: string): string {
  const shown = text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text;
  return JSON.stringify(shown);
}

/**
 * Finds variable expressions the way Dockerfile and Compose interpolation
 * recognise them: `$NAME`, `$1` (positional: BuildKit's lexer accepts it) and
 * `${…}` with nested `${…}` inside defaults such as `${A:-${B}}`.
 * A `$` followed by anything else is a literal character (and invalid in a
 * reference, which the validators report).
 */
function scanVariables(s: string, start: number, end: number): VariableMask {
  let bits: Uint8Array | undefined;
  let unterminated = false;
  let i = start;
  while (i < end) {
    if (s.charCodeAt(i) !== DOLLAR || i + 1 >= end) {
      i++;
      continue;
    }
    const next = s.charCodeAt(i + 1);
    let j = i + 2;
    if (next === LBRACE) {
      // Track depth so that the `}` of a nested default does not end the outer expression.
      let depth = 1;
      while (j < end && depth > 0) {
        const c = s.charCodeAt(j);
        if (c === DOLLAR && j + 1 < end && s.charCodeAt(j + 1) === LBRACE) {
          depth++;
          j += 2;
          continue;
        }
        if (c === RBRACE) depth--;
        j++;
      }
      if (depth > 0) unterminated = true;
    } else if (isNameStart(next)) {
      while (j < end && isWord(s.charCodeAt(j))) j++;
    } else if (isDigit(next)) {
      while (j < end && isDigit(s.charCodeAt(j))) j++;
    } else {
      i++;
      continue;
    }
    bits ??= new Uint8Array(s.length);
    bits.fill(1, i, j);
    i = j;
  }
  return { bits, unterminated };
}

/** Reads the input only outside variable expressions. */
class Scanner {
  constructor(
    readonly s: string,
    readonly bits: Uint8Array | undefined,
  ) {}

  isLiteral(i: number): boolean {
    return this.bits === undefined || this.bits[i] !== 1;
  }

  hasVariable(from: number, to: number): boolean {
    if (this.bits === undefined) return false;
    for (let i = from; i < to; i++) if (this.bits[i] === 1) return true;
    return false;
  }

  /** First literal occurrence of `ch` in [from, to), or -1. */
  indexOf(ch: string, from: number, to: number): number {
    for (let i = this.s.indexOf(ch, from); i !== -1 && i < to; i = this.s.indexOf(ch, i + 1)) {
      if (this.isLiteral(i)) return i;
    }
    return -1;
  }

  /** Last literal occurrence of `ch` in [from, to), or -1. */
  lastIndexOf(ch: string, from: number, to: number): number {
    if (to <= from) return -1;
    for (let i = this.s.lastIndexOf(ch, to - 1); i !== -1 && i >= from; i = i === 0 ? -1 : this.s.lastIndexOf(ch, i - 1)) {
      if (this.isLiteral(i)) return i;
    }
    return -1;
  }
}

/**
 * normalize.go's test for "this first component is a registry". A component
 * holding a variable counts as one too: `${REGISTRY}/app` and `$ECR/app` are
 * the common idiom, and calling an unknown value Docker Hub would make
 * registry rules claim facts they cannot know.
 */
function looksLikeHost(sc: Scanner, from: number, to: number): boolean {
  if (sc.hasVariable(from, to)) return true;
  const text = sc.s.slice(from, to);
  return text === "localhost" || text.includes(".") || text.includes(":");
}

function validateRegistry(sc: Scanner, [from, to]: Span, problems: Problems): void {
  const text = sc.s.slice(from, to);
  if (sc.hasVariable(from, to)) {
    // Only the literal characters can be judged; the variable may hold anything.
    for (let i = from; i < to; i++) {
      const c = sc.s.charCodeAt(i);
      if (sc.isLiteral(i) && !(isAlnum(c) || c === 0x2e || c === 0x2d || c === 0x3a || c === 0x5b || c === 0x5d)) {
        problems.add(`invalid character ${quote(sc.s.charAt(i))} in registry ${quote(text)}`);
      }
    }
    return;
  }
  let port: string | undefined;
  if (text.startsWith("[")) {
    const close = text.indexOf("]");
    if (close === -1) {
      problems.add(`invalid registry ${quote(text)}: unclosed "[" in IPv6 address`);
      return;
    }
    const address = text.slice(1, close);
    if (!/^[0-9a-f:]+$/i.test(address)) {
      problems.add(`invalid IPv6 address ${quote(address)} in registry`);
    }
    const rest = text.slice(close + 1);
    if (rest !== "" && !rest.startsWith(":")) {
      problems.add(`invalid registry ${quote(text)}: unexpected text after IPv6 address`);
      return;
    }
    port = rest === "" ? undefined : rest.slice(1);
  } else {
    const colon = text.indexOf(":");
    const host = colon === -1 ? text : text.slice(0, colon);
    port = colon === -1 ? undefined : text.slice(colon + 1);
    if (host === "") {
      problems.add(`invalid registry ${quote(text)}: empty host name`);
    } else {
      for (const component of host.split(".")) {
        if (!isDomainComponent(component)) {
          problems.add(`invalid registry host ${quote(host)}: each dot-separated part must be letters, digits and inner hyphens`);
          break;
        }
      }
    }
  }
  if (port !== undefined && !DIGITS.test(port)) {
    problems.add(`invalid registry port ${quote(port)} in ${quote(text)}: must be digits`);
  }
}

function isDomainComponent(component: string): boolean {
  const n = component.length;
  if (n === 0) return false;
  if (!isAlnum(component.charCodeAt(0)) || !isAlnum(component.charCodeAt(n - 1))) return false;
  for (let i = 1; i < n - 1; i++) {
    const c = component.charCodeAt(i);
    if (!isAlnum(c) && c !== 0x2d) return false;
  }
  return true;
}

function validatePath(sc: Scanner, [from, to]: Span, problems: Problems): void {
  if (from === to) {
    problems.add("missing repository name");
    return;
  }
  let componentStart = from;
  while (componentStart <= to) {
    const slash = sc.indexOf("/", componentStart, to);
    const componentEnd = slash === -1 ? to : slash;
    validatePathComponent(sc, componentStart, componentEnd, problems);
    if (slash === -1) break;
    componentStart = slash + 1;
  }
}

/** One path component; uppercase letters are reported once but otherwise treated as alphanumerics, so "MyApp" gets only the lowercase problem. */
function validatePathComponent(sc: Scanner, from: number, to: number, problems: Problems): void {
  if (from === to) {
    problems.add("empty path component in repository name (\"//\" or a leading or trailing \"/\")");
    return;
  }
  const s = sc.s;
  let charsOk = true;
  for (let i = from; i < to; i++) {
    if (!sc.isLiteral(i)) continue;
    const c = s.charCodeAt(i);
    if (isUpper(c)) {
      problems.add("repository name must be lowercase");
    } else if (!(isDigit(c) || isLower(c) || c === 0x2e || c === 0x5f || c === 0x2d)) {
      problems.add(`invalid character ${quote(s.charAt(i))} in repository name`);
      charsOk = false;
    }
  }
  // Separator rules need to see both neighbours of a separator; a variable hides them.
  if (!charsOk || sc.hasVariable(from, to)) return;
  const component = s.slice(from, to);
  if (!isAlnum(s.charCodeAt(from)) || !isAlnum(s.charCodeAt(to - 1))) {
    problems.add(`path component ${quote(component)} must start and end with a letter or digit`);
  }
  // Runs of separator characters between alphanumerics must be ".", "_", "__" or any number of "-".
  let i = from;
  while (i < to) {
    if (isAlnum(s.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < to && !isAlnum(s.charCodeAt(j))) j++;
    const run = s.slice(i, j);
    if (!(run === "." || run === "_" || run === "__" || /^-+$/.test(run))) {
      problems.add(`invalid separator ${quote(run)} in path component ${quote(component)}: use ".", "_", "__" or dashes`);
    }
    i = j;
  }
}

function validateTag(sc: Scanner, [from, to]: Span, problems: Problems): void {
  if (from === to) {
    problems.add('empty tag after ":"');
    return;
  }
  const s = sc.s;
  const tag = s.slice(from, to);
  const hasVariable = sc.hasVariable(from, to);
  if (sc.isLiteral(from) && !isWord(s.charCodeAt(from))) {
    problems.add(`tag ${quote(tag)} must start with a letter, digit or underscore`);
  }
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (sc.isLiteral(i) && !(isWord(c) || c === 0x2e || c === 0x2d)) {
      problems.add(`invalid character ${quote(s.charAt(i))} in tag ${quote(tag)}`);
    }
  }
  // The length of a variable's value is unknown, so only judge fully literal tags.
  if (!hasVariable && tag.length > TAG_LENGTH_MAX) {
    problems.add(`tag is ${tag.length} characters long; the maximum is ${TAG_LENGTH_MAX}`);
  }
}

function validateDigest(sc: Scanner, [from, to]: Span, problems: Problems): void {
  if (from === to) {
    problems.add('empty digest after "@"');
    return;
  }
  const s = sc.s;
  const digest = s.slice(from, to);
  if (sc.hasVariable(from, to)) {
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      if (sc.isLiteral(i) && !(isAlnum(c) || c === 0x3a || c === 0x2b || c === 0x2e || c === 0x5f || c === 0x2d)) {
        problems.add(`invalid character ${quote(s.charAt(i))} in digest ${quote(digest)}`);
      }
    }
    return;
  }
  if (digest.includes("@")) {
    problems.add('more than one "@" in image reference');
  }
  const colon = digest.indexOf(":");
  if (colon === -1) {
    problems.add(`digest ${quote(digest)} must have the form <algorithm>:<hex>`);
    return;
  }
  const algorithm = digest.slice(0, colon);
  const encoded = digest.slice(colon + 1);
  if (!algorithm.split(/[-_+.]/).every((part) => ALG_COMPONENT.test(part))) {
    problems.add(`invalid digest algorithm ${quote(algorithm)}`);
  }
  if (!HEX.test(encoded)) {
    problems.add(`digest ${quote(digest)} must end in hexadecimal digits`);
    return;
  }
  const expected = DIGEST_HEX_LENGTH.get(algorithm);
  if (expected !== undefined) {
    if (encoded.length !== expected) {
      problems.add(`${algorithm} digest must have ${expected} hex digits, not ${encoded.length}`);
    }
    if (!LOWER_HEX.test(encoded)) {
      problems.add(`${algorithm} digest must use lowercase hex digits`);
    }
  } else if (encoded.length < DIGEST_HEX_LENGTH_MIN) {
    problems.add(`digest must have at least ${DIGEST_HEX_LENGTH_MIN} hex digits, not ${encoded.length}`);
  }
}

/**
 * Parses an image reference such as "registry.example.com:443/team/app:v1@sha256:…".
 * Never throws: grammar violations are collected in `problems`, and text with
 * unresolved variables is split as well as it can be (`hasVariables`).
 * Returns undefined only for empty or whitespace-only input.
 */
export function parseImageReference(raw: string): ImageReference | undefined {
  // Several rules parse the same FROM (and a corpus repeats the same base images): the result
  // is only read, so one parse serves all. Bounded, so that a long-running process does not grow.
  return parsedReferences.lookup(raw, parseUncached);
}

const parsedReferences = new BoundedCache<string, ImageReference | undefined>(2048);

function parseUncached(raw: string): ImageReference | undefined {
  let start = 0;
  let end = raw.length;
  while (start < end && isSpace(raw.charCodeAt(start))) start++;
  while (end > start && isSpace(raw.charCodeAt(end - 1))) end--;
  if (start === end) return undefined;

  const problems = new Problems();
  if (start > 0 || end < raw.length) {
    problems.add("image reference has leading or trailing whitespace");
  }
  const mask = scanVariables(raw, start, end);
  if (mask.unterminated) problems.add('unterminated "${" variable');
  const sc = new Scanner(raw, mask.bits);

  // Split right to left by the grammar's fixed structure: a name cannot contain
  // "@", and a tag cannot contain "/", so the digest follows the first "@" and
  // the tag follows the first ":" after the last "/". That keeps the port of
  // "host:5000/app" out of the tag.
  const at = sc.indexOf("@", start, end);
  const beforeDigest = at === -1 ? end : at;
  const lastSlash = sc.lastIndexOf("/", start, beforeDigest);
  const colon = sc.indexOf(":", lastSlash === -1 ? start : lastSlash + 1, beforeDigest);
  const nameEnd = colon === -1 ? beforeDigest : colon;

  const spans: ImageReference["spans"] = { path: [start, nameEnd] };
  const firstSlash = sc.indexOf("/", start, nameEnd);
  if (firstSlash !== -1 && looksLikeHost(sc, start, firstSlash)) {
    spans.registry = [start, firstSlash];
    spans.path = [firstSlash + 1, nameEnd];
  }
  if (colon !== -1) spans.tag = [colon + 1, beforeDigest];
  if (at !== -1) spans.digest = [at + 1, end];

  const slice = (span: Span | undefined): string | undefined => (span ? raw.slice(span[0], span[1]) : undefined);
  const registry = slice(spans.registry);
  const path = raw.slice(spans.path[0], spans.path[1]);
  const hasVariables = mask.bits !== undefined;

  if (spans.registry) validateRegistry(sc, spans.registry, problems);
  validatePath(sc, spans.path, problems);
  if (spans.tag) validateTag(sc, spans.tag, problems);
  if (spans.digest) validateDigest(sc, spans.digest, problems);

  if (!sc.hasVariable(start, nameEnd)) {
    const nameLength = nameEnd - start;
    if (nameLength > NAME_TOTAL_LENGTH_MAX) {
      problems.add(`repository name is ${nameLength} characters long; the maximum is ${NAME_TOTAL_LENGTH_MAX}`);
    }
  }
  // normalize.go refuses a bare 64-hex name: it would be mistaken for an image ID.
  if (!hasVariables && LOWER_HEX_64.test(raw.slice(start, end))) {
    problems.add("repository name cannot be a 64-character hexadecimal string (that is an image ID)");
  }

  const domain = registry ?? DEFAULT_DOMAIN;
  const pathHasVariable = sc.hasVariable(spans.path[0], spans.path[1]);
  const fullPath =
    DOCKER_HUB_HOSTS.has(domain.toLowerCase()) && path !== "" && !path.includes("/") && !pathHasVariable
      ? OFFICIAL_REPO_PREFIX + path
      : path;

  return {
    raw,
    registry,
    domain,
    path,
    fullPath,
    tag: slice(spans.tag),
    digest: slice(spans.digest),
    spans,
    hasVariables,
    problems: problems.list,
  };
}

/**
 * The name as Docker shows it, without tag or digest (reference.FamiliarName):
 * "nginx" for "docker.io/library/nginx:1", "bitnami/redis" for Docker Hub user
 * images, and "registry/path" for every other registry.
 */
export function familiarName(ref: ImageReference): string {
  if (!isDockerHub(ref)) return `${ref.domain}/${ref.path}`;
  if (ref.fullPath.startsWith(OFFICIAL_REPO_PREFIX)) {
    const rest = ref.fullPath.slice(OFFICIAL_REPO_PREFIX.length);
    // Only a single-component remainder is an official image: "library/a/b" keeps its prefix, as upstream.
    if (!rest.includes("/")) return rest;
  }
  return ref.fullPath;
}

/** docker.io, index.docker.io, registry-1.docker.io, registry.hub.docker.com or hub.docker.com (any case), or no registry at all. */
export function isDockerHub(ref: ImageReference): boolean {
  return DOCKER_HUB_HOSTS.has(ref.domain.toLowerCase());
}

/**
 * `FROM scratch`: the reserved empty base image. Only the bare, lower-case
 * name counts, as in BuildKit (`BaseName == "scratch"`): it pulls
 * "docker.io/library/scratch" or "scratch:latest" like any other image (and
 * fails), and rejects "SCRATCH" as an invalid reference.
 */
export function isScratch(ref: ImageReference): boolean {
  return (
    ref.registry === undefined &&
    ref.tag === undefined &&
    ref.digest === undefined &&
    ref.path === "scratch"
  );
}

/**
 * hadolint DL3026-style registry pattern match: "*" matches all, "*.x" is a
 * suffix match, "x*" a prefix match, anything else an exact match; all
 * case-insensitive because host names are. Docker Hub references also match
 * "docker.io" and "hub.docker.com", the names users write for Docker Hub in
 * allow-lists, whichever Hub alias (or none) the reference used.
 */
export function registryMatches(ref: ImageReference, pattern: string): boolean {
  const p = pattern.trim().toLowerCase();
  if (p === "") return false;
  if (p === "*") return true;
  const candidates = [ref.domain.toLowerCase()];
  if (isDockerHub(ref)) candidates.push("docker.io", "hub.docker.com");
  if (p.startsWith("*")) {
    const suffix = p.slice(1);
    return candidates.some((host) => host.endsWith(suffix));
  }
  if (p.endsWith("*")) {
    const prefix = p.slice(0, -1);
    return candidates.some((host) => host.startsWith(prefix));
  }
  return candidates.includes(p);
}
