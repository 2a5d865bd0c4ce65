/**
 * What a terminal must never get raw from a server or a file: C0 controls (an escape sequence would
 * recolour, move the cursor or retitle the window; a line break or tab would forge lines and
 * columns), DEL, C1 controls (U+009B is an 8-bit CSI) and the bidirectional embeddings, overrides
 * and isolates that reorder what is shown (U+202E...). The directional marks (U+200E, U+200F,
 * U+061C) stay: names in Arabic or Hebrew carry them, and they reorder nothing around them.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
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
const UNSAFE_IN_JSON = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Writes machine output: pretty JSON on stdout (shapes are documented in the README). */
export function printJson(data: unknown): void {
  process.stdout.write(`${safeJson(data, 2)}\n`);
}

/** Formats rows as an aligned text table. */
export function table(
  rows: readonly Record<string, unknown>[],
  columns: readonly [key: string, title: string][],
): string {
  const cell = (v: unknown) =>
    printable(v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));
  const widths = columns.map(([key, title]) =>
    Math.max(title.length, ...rows.map((r) => cell(r[key]).length)),
  );
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const out = [line(columns.map(([, t]) => t)), line(widths.map((w) => "-".repeat(w)))];
  for (const r of rows) out.push(line(columns.map(([key]) => cell(r[key]))));
  return out.join("\n");
}

/** Prints rows as JSON or as a table, depending on --json. */
export function printRows(
  json: boolean | undefined,
  rows: readonly Record<string, unknown>[],
  columns: readonly [string, string][],
): void {
  if (json) printJson(rows);
  else process.stdout.write(`${rows.length === 0 ? "(none)" : table(rows, columns)}\n`);
}

/** Prints an object as JSON or as "key: value" lines. */
export function printRecord(json: boolean | undefined, record: Record<string, unknown>): void {
  if (json) {
    printJson(record);
    return;
  }
  const width = Math.max(...Object.keys(record).map((k) => printable(k).length));
  for (const [k, v] of Object.entries(record)) {
    process.stdout.write(
      `${`${printable(k)}:`.padEnd(width + 2)}${v === null || v === undefined ? "-" : printable(typeof v === "object" ? JSON.stringify(v) : String(v))}\n`,
    );
  }
}

/** A status line for people, on stderr (never mixed into --json output). */
export function note(message: string): void {
  process.stderr.write(`${printableMessage(message)}\n`);
}

/** Formats an amount of US dollars. */
export function usd(amount: number | undefined): string {
  return amount === undefined ? "-" : `$${amount.toFixed(2)}`;
}

/** The price lines of a checkout preview (charges and credits) and its totals, for people. */
export function formatPreview(preview: {
  lineItems: { name?: string; quantity?: number; rate?: number; total?: number }[];
  credits?: { name?: string; quantity?: number; rate?: number; total?: number }[];
  totalCharges: number;
  totalCredits?: number;
  balance?: number;
}): string {
  const rows = [...preview.lineItems, ...(preview.credits ?? [])].map((li) => ({
    ...li,
    rate: usd(li.rate),
    total: usd(li.total),
  }));
  const lines = table(rows, [
    ["name", "Item"],
    ["quantity", "Qty"],
    ["rate", "Rate"],
    ["total", "Total"],
  ]);
  return `${lines}\nTotal charges: ${usd(preview.totalCharges)}  Credits: ${usd(preview.totalCredits)}  To pay: ${usd(preview.balance ?? preview.totalCharges)}\n`;
}
