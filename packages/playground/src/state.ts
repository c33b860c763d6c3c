import { FILE_KINDS, PRESET_NAMES, type FileKind, type SeveritySetting } from "@docklint/core";

export type KindChoice = FileKind | "auto";

/** The part of a `docklint.config.json` the playground edits: presets and per-rule severities. */
export interface PlaygroundConfig {
  extends: string[];
  rules: Record<string, SeveritySetting>;
}

/** Everything a shared link reproduces. */
export interface PlaygroundState {
  text: string;
  kind: KindChoice;
  config: PlaygroundConfig;
}

const SEVERITIES: readonly string[] = ["off", "info", "warn", "error"];
/** `z.` marks a deflate-compressed payload, `b.` a plain one (browsers without CompressionStream). */
const COMPRESSED = "z.";
const PLAIN = "b.";

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  // Chunks keep String.fromCharCode below the engines' argument-count limit on large files.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=/g, "");
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const piped = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

/** The URL fragment (without `#`) that holds the state; nothing of it is ever sent to a server. */
export async function encodeState(state: PlaygroundState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify({ t: state.text, k: state.kind, c: state.config }));
  if (typeof CompressionStream === "undefined") return PLAIN + toBase64Url(json);
  return COMPRESSED + toBase64Url(await pipe(json, new CompressionStream("deflate-raw")));
}

function isConfig(value: unknown): value is PlaygroundConfig {
  if (typeof value !== "object" || value === null) return false;
  const { extends: presets, rules } = value as Record<string, unknown>;
  return (
    Array.isArray(presets) &&
    presets.every((p) => (PRESET_NAMES as readonly unknown[]).includes(p)) &&
    typeof rules === "object" &&
    rules !== null &&
    Object.values(rules).every((s) => SEVERITIES.includes(s as string))
  );
}

/** The state in a URL fragment, or undefined when the fragment is not one (a hand-edited or truncated link). */
export async function decodeState(fragment: string): Promise<PlaygroundState | undefined> {
  const body = fragment.replace(/^#/, "");
  try {
    let bytes: Uint8Array;
    if (body.startsWith(COMPRESSED)) bytes = await pipe(fromBase64Url(body.slice(COMPRESSED.length)), new DecompressionStream("deflate-raw"));
    else if (body.startsWith(PLAIN)) bytes = fromBase64Url(body.slice(PLAIN.length));
    else return undefined;
    const data = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const kind = data["k"];
    if (typeof data["t"] !== "string" || !(kind === "auto" || (FILE_KINDS as readonly unknown[]).includes(kind)) || !isConfig(data["c"])) return undefined;
    return { text: data["t"], kind: kind as KindChoice, config: data["c"] };
  } catch {
    return undefined;
  }
}
