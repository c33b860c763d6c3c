/**
 * The named build contexts that a Buildx bake file gives the Dockerfiles its targets build
 * (`contexts = { base = "target:base" }`): Mailu and discourse build `FROM base` and
 * `COPY --from=assets` that way, which a Dockerfile alone reads as an image and a missing stage.
 *
 * Only what that needs is read, from `docker-bake.hcl` (HCL) and `docker-bake.json`: each
 * `target` block's `context`, `dockerfile`, `contexts` and `inherits`. A value that is not a
 * plain string (an interpolation, a function call, a variable) leaves that setting unknown, and
 * a target whose Dockerfile is unknown gives nothing. No library reads HCL in JavaScript short of
 * a WebAssembly build of HashiCorp's parser (megabytes, for four attributes), so this is a
 * tokenizer of HCL's lexical syntax and a walk of its blocks and objects; anything it does not
 * understand is skipped to the end of its attribute or block, never guessed at.
 */
import path from "node:path";

/** The names `docker buildx bake` reads by default, in its order (an override's targets merge over the file's). */
export const BAKE_FILE_NAMES: readonly string[] = ["docker-bake.json", "docker-bake.override.json", "docker-bake.hcl", "docker-bake.override.hcl"];

interface BakeTarget {
  context?: string;
  dockerfile?: string;
  /** `context` or `dockerfile` is set to a value not known here (`"${TAG}/x"`): the Dockerfile is unknown. */
  computed?: boolean;
  contexts?: string[];
  inherits?: string[];
}

/**
 * Absolute Dockerfile path → the names of the named contexts the bake targets that build it give.
 * Relative paths resolve from `runDir`, where `docker buildx bake` runs (`-f tests/build.hcl` run
 * from the project's top, as Mailu does), by default each file's own directory.
 */
export function bakeContexts(files: readonly { path: string; text: string }[], runDir?: string): Map<string, string[]> {
  const targets = new Map<string, { target: BakeTarget; dir: string }>();
  for (const file of files) {
    let parsed: Map<string, BakeTarget>;
    try {
      parsed = file.path.endsWith(".json") ? jsonTargets(file.text) : hclTargets(file.text);
    } catch {
      // A bake file docklint cannot read gives nothing; `docker buildx bake` reports it.
      continue;
    }
    const dir = runDir ?? path.dirname(file.path);
    for (const [name, target] of parsed) {
      // A later file's target adds to the earlier one's; its named contexts join the earlier ones.
      const known = targets.get(name)?.target;
      targets.set(name, { target: known ? { ...known, ...target, contexts: [...(known.contexts ?? []), ...(target.contexts ?? [])] } : target, dir });
    }
  }
  const byDockerfile = new Map<string, Set<string>>();
  for (const [name, { dir }] of targets) {
    const target = resolved(name, targets, new Set());
    if (!target.contexts?.length || target.computed) continue;
    const context = path.resolve(dir, target.context ?? ".");
    const dockerfile = path.resolve(context, target.dockerfile ?? "Dockerfile");
    const names = byDockerfile.get(dockerfile) ?? new Set<string>();
    for (const contextName of target.contexts) names.add(contextName);
    byDockerfile.set(dockerfile, names);
  }
  return new Map([...byDockerfile].map(([file, names]) => [file, [...names].sort()]));
}

/** A target with what it inherits applied (`inherits = ["base"]`: the base's settings, then its own). */
function resolved(name: string, targets: ReadonlyMap<string, { target: BakeTarget }>, seen: Set<string>): BakeTarget {
  const own = targets.get(name)?.target;
  if (!own || seen.has(name)) return {};
  seen.add(name);
  let merged: BakeTarget = {};
  for (const parent of own.inherits ?? []) {
    const inherited = resolved(parent, targets, seen);
    merged = { ...merged, ...inherited, contexts: [...(merged.contexts ?? []), ...(inherited.contexts ?? [])] };
  }
  return { ...merged, ...own, contexts: [...(merged.contexts ?? []), ...(own.contexts ?? [])] };
}

function jsonTargets(text: string): Map<string, BakeTarget> {
  const root: unknown = JSON.parse(text);
  const out = new Map<string, BakeTarget>();
  const blocks = isRecord(root) ? root["target"] : undefined;
  if (!isRecord(blocks)) return out;
  for (const [name, value] of Object.entries(blocks)) {
    if (!isRecord(value)) continue;
    const target: BakeTarget = {};
    for (const key of ["context", "dockerfile"] as const) {
      const given = value[key];
      if (isPlain(given)) target[key] = given;
      else if (given !== undefined) target.computed = true;
    }
    if (isRecord(value["contexts"])) target.contexts = Object.keys(value["contexts"]);
    if (Array.isArray(value["inherits"])) target.inherits = value["inherits"].filter(isPlain);
    out.set(name, target);
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A string without an interpolation: its value is known. */
function isPlain(value: unknown): value is string {
  return typeof value === "string" && !value.includes("${");
}

type Token = { kind: "string"; value: string; plain: boolean } | { kind: "word"; value: string } | { kind: "punct"; value: string } | { kind: "newline" };

/** HCL's tokens, as far as bake files use them: comments dropped, heredocs and numbers read as words. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? "";
    if (c === "\n") {
      tokens.push({ kind: "newline" });
      i++;
    } else if (c === " " || c === "\t" || c === "\r") i++;
    else if (c === "#" || (c === "/" && text[i + 1] === "/")) {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === '"') {
      const read = readString(text, i);
      tokens.push({ kind: "string", value: read.value, plain: read.plain });
      i = read.end;
    } else if ("{}[]()=,:?".includes(c)) {
      tokens.push({ kind: "punct", value: c });
      i++;
    } else {
      let end = i + 1;
      while (end < text.length && !' \t\r\n{}[]()=,:?"#'.includes(text[end] ?? "")) end++;
      tokens.push({ kind: "word", value: text.slice(i, end) });
      i = end;
    }
  }
  return tokens;
}

/** A quoted string from `start` (its opening quote): its text, whether it holds no `${…}`, and where it ends. */
function readString(text: string, start: number): { value: string; plain: boolean; end: number } {
  let value = "";
  let plain = true;
  let depth = 0;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && i + 1 < text.length) {
      const next = text[++i] ?? "";
      value += next === "n" ? "\n" : next === "t" ? "\t" : next;
    } else if ((c === "$" || c === "%") && text[i + 1] === "{" && text[i - 1] !== c) {
      plain = false;
      depth++;
      value += `${c}{`;
      i++;
    } else if (c === "}" && depth > 0) {
      depth--;
      value += c;
    } else if (c === '"' && depth === 0) return { value, plain, end: i + 1 };
    else if (c === "\n" && depth === 0) return { value, plain: false, end: i };
    else value += c;
  }
  return { value, plain: false, end: text.length };
}

function hclTargets(text: string): Map<string, BakeTarget> {
  const tokens = tokenize(text);
  const out = new Map<string, BakeTarget>();
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token?.kind === "word" && token.value === "target") {
      const label = tokens[i + 1];
      const open = tokens[i + 2];
      if (label?.kind === "string" && label.plain && open?.kind === "punct" && open.value === "{") {
        const body = blockBody(tokens, i + 3);
        out.set(label.value, targetOf(tokens, i + 3, body));
        i = body + 1;
        continue;
      }
    }
    // Any other top-level construct (variable, group, function, a target with a computed label):
    // its block or attribute is skipped whole.
    i = token?.kind === "punct" && token.value === "{" ? blockBody(tokens, i + 1) + 1 : i + 1;
  }
  return out;
}

/** The index of the `}` that closes a block or object whose contents start at `from`. */
function blockBody(tokens: readonly Token[], from: number): number {
  let depth = 1;
  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i];
    if (token?.kind !== "punct") continue;
    if (token.value === "{" || token.value === "[" || token.value === "(") depth++;
    else if (token.value === "}" || token.value === "]" || token.value === ")") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return tokens.length;
}

/** The attributes of a target block's body, tokens `from` up to `end` (its closing brace). */
function targetOf(tokens: readonly Token[], from: number, end: number): BakeTarget {
  const target: BakeTarget = {};
  let i = from;
  while (i < end) {
    const name = tokens[i];
    const equals = tokens[i + 1];
    if (name?.kind !== "word" || equals?.kind !== "punct" || equals.value !== "=") {
      i++;
      continue;
    }
    const valueStart = i + 2;
    const valueEnd = attributeEnd(tokens, valueStart, end);
    const value = tokens.slice(valueStart, valueEnd);
    const only = value.length === 1 ? value[0] : undefined;
    const plainString = only?.kind === "string" && only.plain ? only.value : undefined;
    if (name.value === "context" || name.value === "dockerfile") {
      if (plainString !== undefined) target[name.value] = plainString;
      else target.computed = true;
    } else if (name.value === "contexts") target.contexts = objectKeys(value);
    else if (name.value === "inherits") target.inherits = value.flatMap((t) => (t.kind === "string" && t.plain ? [t.value] : []));
    i = valueEnd;
  }
  return target;
}

/** Where an attribute's value ends: the first newline (or the block's end) outside brackets. */
function attributeEnd(tokens: readonly Token[], from: number, end: number): number {
  let depth = 0;
  for (let i = from; i < end; i++) {
    const token = tokens[i];
    if (token?.kind === "newline" && depth === 0 && i > from) return i;
    if (token?.kind !== "punct") continue;
    if (token.value === "{" || token.value === "[" || token.value === "(") depth++;
    else if (token.value === "}" || token.value === "]" || token.value === ")") depth--;
  }
  return end;
}

/** The keys of an object expression `{ base = "…", "name" = … }` (its top level only). */
function objectKeys(value: readonly Token[]): string[] {
  const first = value[0];
  if (first?.kind !== "punct" || first.value !== "{") return [];
  const keys: string[] = [];
  let depth = 0;
  let atKey = true;
  for (let i = 1; i < value.length; i++) {
    const token = value[i];
    if (!token) continue;
    if (token.kind === "punct" && (token.value === "{" || token.value === "[" || token.value === "(")) depth++;
    else if (token.kind === "punct" && (token.value === "}" || token.value === "]" || token.value === ")")) depth--;
    if (depth !== 0) continue;
    if (token.kind === "newline" || (token.kind === "punct" && token.value === ",")) atKey = true;
    else if (atKey && (token.kind === "word" || (token.kind === "string" && token.plain))) {
      const next = value[i + 1];
      if (next?.kind === "punct" && (next.value === "=" || next.value === ":")) keys.push(token.value);
      atKey = false;
    }
  }
  return keys;
}
