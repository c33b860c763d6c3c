/**
 * `text` without its trailing characters that `drop` accepts (one character at a time). A linear
 * scan: `text.replace(/[…]+$/, "")` is quadratic on a long run of those characters followed by
 * another one, since the regex retries the run from every position.
 */
export function trimEndWhere(text: string, drop: (char: string) => boolean): string {
  let end = text.length;
  while (end > 0 && drop(text.charAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

export const isSlash = (char: string): boolean => char === "/";
export const isPathSeparator = (char: string): boolean => char === "/" || char === "\\";

/** `text` up to (not including) the first of `chars`, or all of it: `text.replace(/[chars].*$/, "")` for one-line values, in linear time. */
export function cutAtFirst(text: string, chars: string): string {
  for (let i = 0; i < text.length; i++) if (chars.includes(text.charAt(i))) return text.slice(0, i);
  return text;
}

/** A value a message quotes, cut after `length` characters with `…` when longer. */
export function clipped(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
