/**
 * What a terminal must never get raw from a server or a file: C0 controls (an escape sequence would
 * recolour, move the cursor or retitle the window; a line break or tab would forge lines and
 * columns), DEL, C1 controls (U+009B is an 8-bit CSI), the bidirectional embeddings, overrides and
 * isolates that reorder what is shown (U+202E...), and the invisible characters that would make two
 * different values look the same (`S\u200b` is not the SKU `S`): a zero-width space, a word joiner,
 * invisible operators, deprecated format characters, a zero-width no-break space, annotation
 * marks, the Hangul fillers, a blank braille cell and the Mongolian vowel separator. The directional
 * marks (U+200E, U+200F, U+061C) stay: names in Arabic or Hebrew carry them.
 */
const ALWAYS =
  "\\u0000-\\u001f\\u007f-\\u009f\\u115f\\u1160\\u180e\\u200b\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\u2800\\u3164\\ufeff\\uffa0\\ufff9-\\ufffb";
/**
 * Invisible marks that modify the character before them: the zero-width (non-)joiners, variation
 * selectors, the combining grapheme joiner, Mongolian selectors and tag characters. After a letter
 * of a non-Latin script or an emoji they are part of what is shown (Persian words, emoji sequences,
 * flags); at the start of a value or after an ASCII or Latin character they only hide a difference.
 */
const MARKS =
  "\\u034f\\u180b-\\u180d\\u200c\\u200d\\ufe00-\\ufe0f\\u{e0001}\\u{e0020}-\\u{e007f}\\u{e0100}-\\u{e01ef}";
const AFTER_LATIN = "(?<=^|[\\u0000-\\u024f])";
const UNSAFE = new RegExp(`[${ALWAYS}]|${AFTER_LATIN}[${MARKS}]+`, "gu");
/** Each character of `run` as `\uXXXX` (a JSON escape, surrogates apart) or, for people, `\u{X}` beyond U+FFFF. */
const escapes =
  (json: boolean) =>
  (run: string): string => {
    let out = "";
    for (const c of run) {
      const code = c.codePointAt(0) as number;
      out +=
        code > 0xffff && !json
          ? `\\u{${code.toString(16)}}`
          : Array.from(
              { length: c.length },
              (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, "0")}`,
            ).join("");
    }
    return out;
  };
const escaped = escapes(false);

/** One value (a field, a cell, a key) made safe for a terminal: every unsafe character escaped (`\uXXXX`). */
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
  return JSON.stringify(data, null, indent).replace(UNSAFE_IN_JSON, escapes(true));
}

/**
 * What JSON.stringify leaves raw of the above (it escapes C0 itself; its own line breaks stay). A
 * value's first character follows its opening quote, so a mark there counts as after ASCII.
 */
const UNSAFE_IN_JSON = new RegExp(
  `[${ALWAYS.slice(ALWAYS.indexOf("\\u007f"))}]|${AFTER_LATIN}[${MARKS}]+`,
  "gu",
);

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
