/**
 * What a terminal must never get raw from a server or a file: C0 controls (an escape sequence would
 * recolour, move the cursor or retitle the window; a line break or tab would forge lines and
 * columns), DEL, C1 controls (U+009B is an 8-bit CSI), the bidirectional embeddings, overrides and
 * isolates that reorder what is shown (U+202E...), and the invisible characters that would make two
 * different values look the same (`S\u200b` is not the SKU `S`): a soft hyphen, a zero-width space,
 * a word joiner, invisible operators, deprecated format characters, a zero-width no-break space,
 * annotation marks, the Hangul fillers, a blank braille cell, the Mongolian and Khmer invisibles,
 * shorthand and musical format controls, and the code points Unicode keeps invisible for later
 * (U+2065, U+FFF0–U+FFF8, the unassigned tags plane). The directional marks are apart (below).
 */
const C0 = "\\u0000-\\u001f";
/** The rest, which JSON.stringify leaves raw. */
const ALWAYS_BUT_C0 =
  "\\u007f-\\u009f\\u00ad\\u115f\\u1160\\u17b4\\u17b5\\u180e\\u180f\\u200b\\u202a-\\u202e\\u2060-\\u206f\\u2800\\u3164\\ufeff\\uffa0\\ufff0-\\ufffb\\u{1bca0}-\\u{1bca3}\\u{1d173}-\\u{1d17a}\\u{e0000}\\u{e0002}-\\u{e001f}\\u{e0080}-\\u{e00ff}\\u{e01f0}-\\u{e0fff}";
const ALWAYS = `${C0}${ALWAYS_BUT_C0}`;
/**
 * Invisible marks that modify the character before them: the zero-width (non-)joiners, variation
 * selectors, the combining grapheme joiner, Mongolian selectors and tag characters. They are shown
 * as they are only after a character of a script or a symbol that takes them (Arabic, Indic and
 * other scripts of Asia, CJK, Hangul, arrows, dingbats and emoji), or after another such mark (emoji
 * sequences, flags); anywhere else, at a value's start included, they only hide a difference.
 */
const TAGS = "\\u{e0001}\\u{e0020}-\\u{e007f}";
const MARKS = `\\u034f\\u180b-\\u180d\\u200c\\u200d\\ufe00-\\ufe0f\\u{e0100}-\\u{e01ef}${TAGS}`;
const TAKES_MARKS =
  "\\u0600-\\u07ff\\u0860-\\u08ff\\u0900-\\u109f\\u1100-\\u11ff\\u1780-\\u18af\\u2190-\\u2bff\\u2e80-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\ufb50-\\ufdff\\ufe70-\\ufefc\\u{1f000}-\\u{1faff}\\u{20000}-\\u{3ffff}";
/**
 * The directional marks (U+200E, U+200F, U+061C): names in Arabic or Hebrew carry them, beside a
 * letter of a right-to-left script. A run of them with no such letter before or after it only hides
 * a difference (`S\u200e` is not the SKU `S`).
 */
const DIRECTIONAL = "\\u061c\\u200e\\u200f";
const RIGHT_TO_LEFT =
  "\\u0590-\\u08ff\\ufb1d-\\ufdff\\ufe70-\\ufefc\\u{10800}-\\u{10fff}\\u{1e800}-\\u{1efff}";
const STRAY_DIRECTIONAL = `(?<![${RIGHT_TO_LEFT}${DIRECTIONAL}])[${DIRECTIONAL}]+(?![${RIGHT_TO_LEFT}${DIRECTIONAL}])`;
/**
 * A run of marks after anything but what takes them (or at a value's start), or after a character
 * shown escaped or a directional mark (neither shows what follows it); and tags anywhere but in a
 * flag (after U+1F3F4, or another tag): they could spell a hidden text after any emoji;
 * and stray directional marks.
 */
const STRAY_MARKS = `(?:(?<![${TAKES_MARKS}${MARKS}])|(?<=[${ALWAYS}${DIRECTIONAL}]))[${MARKS}]+|(?<![\\u{1f3f4}${TAGS}])[${TAGS}]+|${STRAY_DIRECTIONAL}`;
const UNSAFE = new RegExp(`[${ALWAYS}]|${STRAY_MARKS}`, "gu");
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
const escapedInJson = escapes(true);

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
  return JSON.stringify(data, null, indent).replace(UNSAFE_IN_JSON, escapedInJson);
}

/**
 * What JSON.stringify leaves raw of the above (it escapes C0 itself; its own line breaks stay). A
 * value's first character follows its opening quote, so a mark there is a stray one.
 */
const UNSAFE_IN_JSON = new RegExp(`[${ALWAYS_BUT_C0}]|${STRAY_MARKS}`, "gu");

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
