/**
 * Text helpers every concern shares: whatever came from outside (a config, an HTTP body, a
 * command's output) made fit for a one-line message, and counted nouns. No imports: config,
 * detection, the notifiers, doctor and the CLI all use it.
 */

/**
 * Characters that must not reach a terminal or log raw from a config: controls (a NUL, an ESC
 * starting a terminal sequence, a line break splitting one problem into two lines), the Unicode
 * line separators, and the invisible marks that reorder or hide text (bidi controls, BOM).
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every unprintable character written as an escape (`\n`, `\u001b`), so it stays one visible line. */
export function escapeUnprintable(text: string): string {
  return text.replace(UNPRINTABLE, (char) => SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Longest piece of a config's own text (a key, a name) quoted in a problem message. */
export const MAX_QUOTED_LENGTH = 40;

/**
 * Text written by the user, for a problem message: in double quotes, escaped like a TOML basic
 * string, shortened with "…" when long. Only for keys and names, never for values that may be secrets.
 */
export function quoted(text: string, maxLength = MAX_QUOTED_LENGTH): string {
  return `"${printableExcerpt(text.replace(/[\\"]/g, (char) => `\\${char}`), maxLength)}"`;
}

/**
 * Text from outside (a config, an HTTP body, a command's output) made fit for a one-line message:
 * unprintable characters escaped, then cut to `maxLength` with "…", never leaving half an escape
 * ("\u00") or half a surrogate pair behind.
 */
export function printableExcerpt(text: string, maxLength: number): string {
  const escaped = escapeUnprintable(text);
  if (escaped.length <= maxLength) return escaped;
  return `${escaped.slice(0, maxLength - 1).replace(/\\(?:u[0-9a-f]{0,3})?$|[\ud800-\udbff]$/, '')}…`;
}

/** Plain text (printable ASCII without spaces, not too long) as written; anything else `quoted`. */
export function shown(text: string, maxLength = MAX_QUOTED_LENGTH): string {
  return text.length <= maxLength && /^[\x21-\x7e]+$/.test(text) ? text : quoted(text, maxLength);
}

/**
 * The first non-empty line, trimmed: what a one-line message can quote of a program's output.
 * `maxLines` bounds the lines looked at, for text that may be a megabyte of anything.
 */
export function firstLine(text: string, maxLines?: number): string {
  return (
    text
      .split(/\r?\n/, maxLines)
      .map((line) => line.trim())
      .find((line) => line !== '') ?? ''
  );
}

/**
 * An unexpected answer's body on one line, cut at `maxLength` characters with "…", for the error
 * messages that quote it; undefined for a body of only whitespace.
 */
export function bodyExcerpt(text: string, maxLength: number): { quoted: string; cut: boolean } | undefined {
  const oneLine = text.trim().replace(/\s+/g, ' ');
  if (oneLine === '') return undefined;
  const cut = oneLine.length > maxLength;
  return { quoted: `"${cut ? `${oneLine.slice(0, maxLength)}…` : oneLine}"`, cut };
}

/** `1 record`, `2 records`; `many` for nouns whose plural is not one more "s". */
export function plural(count: number | bigint, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 || count === 1n ? one : many}`;
}

/** The longest first line `firstLineExcerpt` quotes when not told otherwise. */
const FIRST_LINE_LENGTH = 200;
/** Lines looked at for the first non-empty one: a body can be a megabyte of blank lines. */
const FIRST_LINE_SEARCH = 50;

/**
 * The first non-empty line of a body or of a command's output, for a message. Escaped, because it
 * comes from outside: a hostile echo service must not get terminal escapes into the console or log.
 */
export function firstLineExcerpt(text: string, maxLength = FIRST_LINE_LENGTH): string {
  // Only the start matters (one character more, so a longer line still ends in "…"): escaping a
  // whole 1 MiB first line just to cut it would be wasted work.
  return printableExcerpt(firstLine(text, FIRST_LINE_SEARCH).slice(0, maxLength + 1), maxLength);
}
