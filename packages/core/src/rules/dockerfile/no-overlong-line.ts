import type { DockerfileModel } from "../../dockerfile/model.js";
import { defineRule } from "../../rule.js";

/**
 * The longest line BuildKit's parser reads, in bytes without its `\n`: it scans the file with Go's
 * bufio.Scanner at the default buffer size (bufio.MaxScanTokenSize, 64 KiB, which must also hold
 * the `\n`), and fails on a longer line: "dockerfile line greater than max allowed size of 65535".
 */
const MAX_LINE_BYTES = 65_535;

/** A UTF-16 code unit is at most 3 bytes in UTF-8 (a surrogate pair, two units, is 4): a text this short holds no line too long. */
const NO_LONG_LINE_BELOW = Math.floor(MAX_LINE_BYTES / 3) + 1;

/** UTF-8 length of `text[start, end)`, as the file has it on disk (a lone surrogate as U+FFFD, 3 bytes, as TextEncoder writes it). */
function utf8Length(text: string, start: number, end: number): number {
  let bytes = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export default defineRule<DockerfileModel>({
  meta: {
    id: "no-overlong-line",
    kind: "dockerfile",
    category: "correctness",
    severity: "error",
    docs: "Disallow lines longer than 65,535 bytes, which BuildKit's parser refuses (\"dockerfile line greater than max allowed size of 65535\").",
    presets: ["recommended"],
    messages: {
      overlong:
        "Line {{line}} is {{bytes}} bytes long, and BuildKit reads lines of at most 65,535 bytes, so the build fails (\"dockerfile line greater than max allowed size of 65535\"); split it with line continuations, or move the data into a file of the build context and COPY it.",
    },
    references: {},
  },
  check({ source, report }) {
    const text = source.text;
    if (text.length < NO_LONG_LINE_BELOW) return;
    // Lines as BuildKit's scanner splits them: at `\n` only (a `\r` before it counts toward the line's bytes).
    for (let start = 0; start < text.length; ) {
      const newline = text.indexOf("\n", start);
      const end = newline < 0 ? text.length : newline;
      if (end - start >= NO_LONG_LINE_BELOW) {
        const bytes = utf8Length(text, start, end);
        if (bytes > MAX_LINE_BYTES) {
          report({ messageId: "overlong", data: { line: source.positionAt(start).line, bytes }, range: [start, start] });
        }
      }
      if (newline < 0) break;
      start = newline + 1;
    }
  },
});
