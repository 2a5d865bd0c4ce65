/**
 * Text from a server or a file, made safe for a terminal: control characters (an escape sequence
 * that would recolour, move the cursor or retitle the window) are shown as `\uXXXX`; line breaks
 * and tabs stay. JSON output needs none of this (JSON.stringify escapes them).
 */
export function printable(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Writes machine output: pretty JSON on stdout (shapes are documented in the README). */
export function printJson(data: unknown): void {
  process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
}

/** Formats rows as an aligned text table. */
export function table(
  rows: readonly Record<string, unknown>[],
  columns: readonly [key: string, title: string][],
): string {
  const cell = (v: unknown) =>
    v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : printable(String(v));
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
  const width = Math.max(...Object.keys(record).map((k) => k.length));
  for (const [k, v] of Object.entries(record)) {
    process.stdout.write(
      `${`${k}:`.padEnd(width + 2)}${v === null || v === undefined ? "-" : typeof v === "object" ? JSON.stringify(v) : printable(String(v))}\n`,
    );
  }
}

/** A status line for people, on stderr (never mixed into --json output). */
export function note(message: string): void {
  process.stderr.write(`${printable(message)}\n`);
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
