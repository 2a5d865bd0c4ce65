/**
 * What a terminal must never get raw from a server or a file: C0 controls (an escape sequence would
 * recolour, move the cursor or retitle the window; a line break or tab would forge lines and
 * columns), DEL, C1 controls (U+009B is an 8-bit CSI), the bidirectional embeddings, overrides and
 * isolates that reorder what is shown (U+202E...), and the invisible characters that would make two
 * different values look the same (`S\u200b` is not the SKU `S`): every format character (a soft
 * hyphen, a zero-width space, a word joiner, invisible operators, a zero-width no-break space,
 * annotation marks, the Arabic number signs...) but the marks and directional marks below, the
 * Hangul fillers, a blank braille cell, the Mongolian and Khmer invisibles, the code points Unicode
 * keeps invisible for later (U+2065, U+FFF0–U+FFF8, the unassigned tags plane) and the
 * noncharacters. (Regular expressions of the `v` flag: classes are sets, `--` takes one from another.)
 */
const C0 = "\\u0000-\\u001f";
/**
 * Invisible marks that modify the character before them: the zero-width (non-)joiners, variation
 * selectors, the combining grapheme joiner, Mongolian selectors and tag characters. They are shown
 * as they are only after a character of a script or a symbol that takes them (Arabic, Indic and
 * other scripts of Asia, CJK, Hangul, arrows, dingbats and emoji), or after another such mark (emoji
 * sequences, flags); anywhere else, at a value's start included, they only hide a difference.
 */
const TAGS = "\\u{e0001}\\u{e0020}-\\u{e007f}";
const MARKS = `\\u034f\\u180b-\\u180d\\u200c\\u200d\\ufe00-\\ufe0f\\u{e0100}-\\u{e01ef}${TAGS}`;
/**
 * The directional marks (U+200E, U+200F, U+061C): names in Arabic or Hebrew carry them, beside a
 * letter of a right-to-left script or digits, spaces and punctuation next to one (`הרצל 12` + RLM).
 * A run of them with no such letter that near only hides a difference (`S` + LRM is not the SKU `S`).
 */
const DIRECTIONAL = "\\u061c\\u200e\\u200f";
/** The rest of the always-escaped characters, which JSON.stringify leaves raw. */
const ALWAYS_BUT_C0 = `[[\\p{Cf}\\p{Noncharacter_Code_Point}\\p{Zl}\\p{Zp}\\u007f-\\u009f\\u115f\\u1160\\u17b4\\u17b5\\u180e\\u180f\\u2065\\u2800\\u3164\\uffa0\\ufff0-\\ufff8\\u{e0000}-\\u{e0fff}]--[${MARKS}${DIRECTIONAL}]]`;
const ALWAYS = `[[${C0}]${ALWAYS_BUT_C0}]`;
const TAKES_MARKS =
  "\\u0600-\\u07ff\\u0860-\\u08ff\\u0900-\\u109f\\u1100-\\u11ff\\u1780-\\u18af\\u2190-\\u2bff\\u2e80-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\ufb50-\\ufdff\\ufe70-\\ufefc\\u{1f000}-\\u{1faff}\\u{20000}-\\u{3ffff}";
/** A letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko... and their presentation forms). */
const RTL_LETTER =
  "[[\\u0590-\\u08ff\\ufb1d-\\ufdff\\ufe70-\\ufefc\\u{10800}-\\u{10fff}\\u{1e800}-\\u{1efff}]&&\\p{L}]";
/** What may stand between a directional mark and its letter: digits, spaces, punctuation (a few). */
const NEUTRALS = "[\\p{N}\\p{P}\\p{Zs}]{0,8}";
const STRAY_DIRECTIONAL = `(?<!${RTL_LETTER}${NEUTRALS}|[${DIRECTIONAL}])[${DIRECTIONAL}]+(?![${DIRECTIONAL}]|${NEUTRALS}${RTL_LETTER})`;
/**
 * Not stray, though after what takes no marks: the one emoji selector of a keycap (`1` U+FE0F
 * U+20E3) and of a symbol shown as an emoji (©, ®, ‼, ⁉, ™, ℹ followed by U+FE0F alone).
 */
const EMOJI_SELECTOR = `(?!(?<=[0-9#*])\\ufe0f\\u20e3)(?!(?<=[\\u00a9\\u00ae\\u203c\\u2049\\u2122\\u2139])\\ufe0f(?![${MARKS}]))`;
/**
 * A run of marks after anything but what takes them (or at a value's start), or after a character
 * shown escaped or a directional mark (neither shows what follows it); tags anywhere but in a flag
 * (after U+1F3F4, or another tag): they could spell a hidden text after any emoji; and stray
 * directional marks (above).
 */
const STRAY_MARKS = `(?:(?<![${TAKES_MARKS}${MARKS}])${EMOJI_SELECTOR}|(?<=${ALWAYS}|[${DIRECTIONAL}]))[${MARKS}]+|(?<![\\u{1f3f4}${TAGS}])[${TAGS}]+|${STRAY_DIRECTIONAL}`;
/**
 * Spaces that look like a plain one (no-break, en, em, thin, ideographic...) at a value's start or
 * end, where they only hide a difference (`SKU-1` + NBSP, pasted from a spreadsheet).
 */
const SPACE = "[\\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000]";
/** A whole run of them (tried only where one starts: linear on a long run that does not end the value). */
const SPACES = `(?<!${SPACE})${SPACE}+`;
/**
 * What only hides a difference at a value's edges, told by the assertions `start` and `end` (`^` and
 * `$` for a value, a JSON string's quotes in JSON): look-alike spaces at either edge; at the end,
 * where no sequence ends with them, joiners and more than one variation selector (a single one after
 * an emoji or a CJK character is its presentation).
 */
const AT_EDGES = (start: string, end: string) =>
  `(?<![\\u034f\\u200c\\u200d])[\\u034f\\u200c\\u200d]+${end}|(?<![\\ufe00-\\ufe0f])[\\ufe00-\\ufe0f]{2,}${end}|${start}${SPACES}|${SPACES}${end}`;
const UNSAFE = new RegExp(`${ALWAYS}|${STRAY_MARKS}|${AT_EDGES("^", "$")}`, "gv");
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

/** The secrets of this run (an API key, a client secret), never printed; see {@link hideInOutput}. */
const secrets: string[] = [];
/** The client's redaction (`redactSecrets`), given with the first secret: the client loads only when a command runs. */
let redactWith: ((text: string, secrets: readonly string[]) => string) | undefined;

/**
 * From now on, everything this module prints shows `secret` as `***`: a table's cells, a record's
 * values, notes and errors, and every string and key of JSON output. A server may echo what it was
 * sent (a key in a field, or in a message), and the key must never reach the terminal or a log.
 * Called where a command resolves its credentials, with the client's `redactSecrets`.
 */
export function hideInOutput(
  secret: string | undefined,
  redact: (text: string, secrets: readonly string[]) => string,
): void {
  redactWith = redact;
  hideSecret(secret);
}

/**
 * As {@link hideInOutput}, before the client has loaded (given-secrets.ts, as the CLI starts):
 * until a command gives the client's redaction, `secret` is hidden where it is written as given.
 * None of 3 characters or less (the client's redaction leaves those too).
 */
export function hideSecret(secret: string | undefined): void {
  if (!secret || secret.length <= 3) return;
  // As a URL path or query writes it (a `/`, `+` or space in it), and an all-digit one as a JSON
  // number reads it back and prints it (leading zeros dropped, digits beyond a double's rounded).
  // (Only a number form as long as the key: one that lost leading zeros would hide ordinary ids
  // and prices, `1000` of the key `0000001000`.)
  const digits = /^\d+$/.test(secret)
    ? [String(Number(secret)), Number(secret).toFixed(0)].filter((form) => form.length === secret.length)
    : [];
  const forms = [secret, encodeURIComponent(secret), ...digits];
  for (const form of forms) if (!secrets.includes(form)) secrets.push(form);
}

/** {@link hideSecret} for `secret`, and for it without spaces or a CR around it (as a key copied with them is typed). */
export function hideSecretTrimmed(secret: string | undefined): void {
  for (const form of [secret, secret?.trim()]) hideSecret(form);
}

/** Each of `list` in `text` as `***`, longest first (before the client's redaction has loaded). */
const asWritten = (text: string, list: readonly string[]): string =>
  [...list]
    .sort((a, b) => b.length - a.length)
    .reduce((shown, secret) => shown.split(secret).join("***"), text);

/** `text` with this run's secrets hidden (see {@link hideInOutput}). */
const hidden = (text: string): string =>
  secrets.length === 0 ? text : (redactWith ?? asWritten)(text, secrets);

/** One value (a field, a cell, a key) made safe for a terminal: every unsafe character escaped (`\uXXXX`), this run's secrets hidden. */
export function printable(text: string): string {
  return hidden(text).replace(UNSAFE, escaped);
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
  return jsonText(data, indent).replace(UNSAFE_IN_JSON, escapedInJson);
}

/** What stands for a value nested too deep to print. */
const TOO_DEEP = "(nested too deep to show)";

/**
 * `JSON.stringify(data)`, except that an answer nested so deep that it overflows the stack (a
 * server's, thousands of levels) is printed with what lies below 64 levels as {@link TOO_DEEP}
 * instead of failing the command after its work is done (review 171).
 */
export function jsonText(data: unknown, indent?: number): string {
  const hide = secrets.length === 0 ? undefined : hidingSecrets;
  try {
    return JSON.stringify(data, hide, indent);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return JSON.stringify(clipped(data, 64), hide, indent);
  }
}

/** A `JSON.stringify` replacer hiding this run's secrets in every string, number and key. */
function hidingSecrets(_key: string, value: unknown): unknown {
  if (typeof value === "string") return hidden(value);
  // A number whose digits hold a secret (an all-digit key echoed as a number) is printed as text.
  if (typeof value === "number") {
    const text = String(value);
    const shown = hidden(text);
    return shown === text ? value : shown;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const names = keys.map(hidden);
  if (names.every((name, i) => name === keys[i])) return value;
  // The keys that hold no secret keep their names; one that does is renamed, and gets a suffix
  // where its hidden name is taken (`***`, `***#2`): nothing that is no secret is lost or renamed.
  // (No prototype: an own `__proto__` key stays a key.)
  const out: Record<string, unknown> = Object.create(null);
  const at = (i: number) => (value as Record<string, unknown>)[keys[i] as string];
  names.forEach((name, i) => {
    if (name === keys[i]) out[name] = at(i);
  });
  names.forEach((name, i) => {
    if (name === keys[i]) return;
    let free = name;
    for (let n = 2; Object.hasOwn(out, free); n++) free = `${name}#${n}`;
    out[free] = at(i);
  });
  return out;
}

/** `value` with what lies `depth` levels below it as {@link TOO_DEEP} (recursing at most `depth` deep). */
function clipped(value: unknown, depth: number): unknown {
  const v =
    typeof (value as { toJSON?: unknown } | null)?.toJSON === "function"
      ? (value as { toJSON: () => unknown }).toJSON()
      : value;
  if (typeof v !== "object" || v === null) return v;
  if (depth === 0) return TOO_DEEP;
  if (Array.isArray(v)) return v.map((item) => clipped(item, depth - 1));
  return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, clipped(item, depth - 1)]));
}

/**
 * What JSON.stringify leaves raw of the above (it escapes C0 itself; its own line breaks stay). A
 * value's first character follows its opening quote, so a mark there is a stray one, and its edges
 * are next to its quotes.
 */
const UNSAFE_IN_JSON = new RegExp(`${ALWAYS_BUT_C0}|${STRAY_MARKS}|${AT_EDGES('(?<=")', '(?=")')}`, "gv");

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
