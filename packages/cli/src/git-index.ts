/**
 * The paths git tracks in a working tree, read from its index file (`.git/index`), without running
 * git: docklint never starts a program to lint a file. git's ignore rules apply only to untracked
 * files, so a committed `docker-compose.yml` that a `.gitignore` pattern matches (navidrome's
 * `contrib/docker-compose/docker-compose.yml`, under `docker-compose*.yml`) is still part of the
 * repository, and a clone has it. Format: git's `Documentation/gitformat-index.txt`, versions 2 to 4.
 */
import { Buffer } from "node:buffer";
import { statSync } from "node:fs";
import path from "node:path";

/**
 * Larger index files are not read: ~200 bytes an entry make this about 600,000 tracked files,
 * which no repository a linter walks reaches (the Linux kernel's index holds ~90,000).
 */
export const MAX_INDEX_BYTES = 128 * 1024 * 1024;

const SIGNATURE = 0x44495243; // "DIRC"
/** ctime, mtime (seconds and nanoseconds), dev, ino, mode, uid, gid, size: ten 32-bit fields. */
const STAT_BYTES = 40;
/** SHA-1 object names, and SHA-256 ones (a repository made with `--object-format=sha256`). */
const HASH_SIZES = [20, 32] as const;
const NAME_LENGTH_MASK = 0x0fff;
const EXTENDED_FLAG = 0x4000;

/**
 * The paths of an index file's entries (relative to the working tree's top, with `/`), in the
 * file's order; undefined when the bytes are not an index this reader understands. Each entry's
 * name length, which git stores in its flags, must agree with the path read: reading with the
 * wrong hash size, or a damaged file, fails that check instead of giving wrong paths.
 */
export function parseGitIndex(bytes: Uint8Array): string[] | undefined {
  if (bytes.length < 12) return undefined;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.readUInt32BE(0) !== SIGNATURE) return undefined;
  const version = buffer.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const count = buffer.readUInt32BE(8);
  for (const hashSize of HASH_SIZES) {
    const paths = readEntries(buffer, version, count, hashSize);
    if (paths) return paths;
  }
  return undefined;
}

function readEntries(bytes: Buffer, version: number, count: number, hashSize: number): string[] | undefined {
  const paths: string[] = [];
  let offset = 12;
  // Version 4's names are built in one buffer: each is the previous one with its end replaced.
  let name = Buffer.alloc(version === 4 ? 256 : 0);
  let nameLength = 0;
  for (let entry = 0; entry < count; entry++) {
    const start = offset;
    let cursor = start + STAT_BYTES + hashSize;
    if (cursor + 2 > bytes.length) return undefined;
    const flags = bytes.readUInt16BE(cursor);
    cursor += 2;
    if (flags & EXTENDED_FLAG) {
      if (version < 3) return undefined;
      cursor += 2;
    }
    let path: string;
    if (version === 4) {
      // The previous name minus its last `strip` bytes, then the bytes up to a NUL.
      let strip = 0;
      for (let byte = 0x80, first = true; byte & 0x80; first = false) {
        if (cursor >= bytes.length) return undefined;
        byte = bytes[cursor++] as number;
        // git's offset varint: each continuation adds one before shifting.
        strip = first ? byte & 0x7f : ((strip + 1) << 7) | (byte & 0x7f);
        if (strip > nameLength) return undefined;
      }
      const end = bytes.indexOf(0, cursor);
      if (end < 0) return undefined;
      const kept = nameLength - strip;
      nameLength = kept + end - cursor;
      if (nameLength > name.length) {
        const larger = Buffer.alloc(Math.max(nameLength, name.length * 2));
        name.copy(larger, 0, 0, kept);
        name = larger;
      }
      bytes.copy(name, kept, cursor, end);
      path = name.toString("utf8", 0, nameLength);
      offset = end + 1;
    } else {
      const end = bytes.indexOf(0, cursor);
      if (end < 0) return undefined;
      nameLength = end - cursor;
      path = bytes.toString("utf8", cursor, end);
      // Entries are padded with one to eight NULs to a multiple of eight bytes.
      offset = start + ((cursor - start + nameLength + 8) & ~7);
      if (offset > bytes.length) return undefined;
    }
    const stored = flags & NAME_LENGTH_MASK;
    if (stored !== NAME_LENGTH_MASK && stored !== nameLength) return undefined;
    if (nameLength === 0) return undefined;
    paths.push(path);
  }
  return paths;
}

/** Reads a regular file of at most `limit` bytes; undefined for anything else (files.ts's readFileBytes, which every read of the CLI goes through). */
export type ReadBytes = (file: string, limit: number) => Buffer | undefined;

/** A worktree's or submodule's `.git` file is one line; anything longer is not one. */
const MAX_GITDIR_FILE_BYTES = 4096;

/**
 * Where the index of the working tree at `top` is: `.git/index`, or for a worktree or submodule
 * (whose `.git` is a file, `gitdir: <path>`), the index in the directory it names.
 */
function indexFileOf(top: string, read: ReadBytes): string | undefined {
  const dotGit = path.join(top, ".git");
  if (statSync(dotGit, { throwIfNoEntry: false })?.isDirectory()) return path.join(dotGit, "index");
  const line = read(dotGit, MAX_GITDIR_FILE_BYTES)?.toString("utf8").split("\n", 1)[0] ?? "";
  const gitdir = line.startsWith("gitdir:") ? line.slice("gitdir:".length).trim() : "";
  return gitdir === "" ? undefined : path.join(path.resolve(top, gitdir), "index");
}

/**
 * The files git tracks in the working tree whose top is `top` (paths relative to it, with `/`);
 * undefined when there is no index, it cannot be read, or it is larger than MAX_INDEX_BYTES. An
 * index of 100,000 entries is read in 35–55 ms on the development machine (the file's own versions
 * 2 and 4; bench-free measurement of `parseGitIndex` on a generated index). Never throws.
 */
export function readTrackedPaths(top: string, read: ReadBytes): string[] | undefined {
  try {
    const file = indexFileOf(top, read);
    const bytes = file === undefined ? undefined : read(file, MAX_INDEX_BYTES);
    return bytes && parseGitIndex(bytes);
  } catch {
    return undefined;
  }
}
