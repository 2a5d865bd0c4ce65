/**
 * What a terminal must never get raw from a server or a file: C0 controls (an escape sequence would
 * recolour, move the cursor or retitle the window; a line break or tab would forge lines and
 * columns), DEL, C1 controls (U+009B is an 8-bit CSI) and the bidirectional embeddings, overrides
 * and isolates that reorder what is shown (U+202E...), and the invisible characters that would make
 * two different values look the same (a zero-width space, a word joiner, invisible operators, a
 * zero-width no-break space: `S\u200b` is not the SKU `S`). The directional marks (U+200E, U+200F,
 * U+061C) and the zero-width (non-)joiners (U+200C, U+200D) stay: names in Arabic, Hebrew, Persian
 * or Indic scripts, and emoji, carry them.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** One value (a field, a cell, a key) made safe for a terminal: every unsafe character as `\uXXXX`. */
export function printable(text: string): string {
  return text.replace(UNSAFE, escaped);
}

/**
 * A message for people (ours, quoting a server's words) made safe for a terminal: unsafe characters
 * as `\uXXXX`, except its line breaks, after which every line is indented, so that no quoted text
 * can start a line of its own (a forged `hint:` or `error:`).
 */
export function printableMessage(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => printable(line))
    .join("\n  ");
}

/**
 * JSON with the characters above escaped as JSON escapes (`\u009b`): the same data once parsed,
 * but nothing a terminal acts on when it is shown (JSON.stringify leaves DEL, C1 and bidi raw).
 */
export function safeJson(data: unknown, indent?: number): string {
  return JSON.stringify(data, null, indent).replace(UNSAFE_IN_JSON, escaped);
}

/** What JSON.stringify leaves raw of the above (it escapes C0 itself; its own line breaks stay). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Writes machine output: pretty JSON on stdout (shapes are documented in the README). */
export function printJson(data: unknown): void {
  process.stdout.write(`${safeJson(data, 2)}\n`);
}

/** A status line for people, on stderr (never mixed into --json output). */
export function note(message: string): void {
  process.stderr.write(`${printableMessage(message)}\n`);
}

/** Formats an amount of US dollars. */
export function usd(amount: number | undefined): string {
  return amount === undefined ? "-" : `$${amount.toFixed(2)}`;
}
