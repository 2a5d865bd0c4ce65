import { jsonText, printable, printJson, usd } from "./output.js";

/** What a terminal shows of a value: its `printable()` text, objects as JSON, nothing for null. */
const cellText = (v: unknown): string =>
  printable(v === null || v === undefined ? "" : typeof v === "object" ? jsonText(v) : String(v));

/** Printable ASCII only: one terminal column per UTF-16 unit, no width table needed. */
const NARROW = /^[\x20-\x7e]*$/;

let measureWide: ((text: string) => number) | undefined;

/**
 * How many terminal columns each text takes: a CJK character or an emoji takes two, a combining
 * accent none (`String.length` counts UTF-16 units, which misaligned every column after such a
 * cell). The width table (fast-string-width) is loaded only when some text is not plain ASCII, so
 * `--help` and plain-ASCII output never pay for it.
 */
async function columnsOf(texts: readonly string[]): Promise<(text: string) => number> {
  if (texts.every((t) => NARROW.test(t))) return (t) => t.length;
  measureWide ??= (await import("fast-string-width")).default;
  const wide = measureWide;
  return (t) => (NARROW.test(t) ? t.length : wide(t));
}

/** Formats rows as a text table aligned in terminal columns (wide characters included). */
export async function table(
  rows: readonly Record<string, unknown>[],
  columns: readonly [key: string, title: string][],
): Promise<string> {
  const titles = columns.map(([, title]) => printable(title));
  // A row that is no object (a server's `null` in a list) is a row of empty cells.
  const cells = rows.map((r) =>
    columns.map(([key]) => cellText(typeof r === "object" && r !== null ? r[key] : undefined)),
  );
  const width = await columnsOf([...titles, ...cells.flat()]);
  const widths = columns.map((_, i) =>
    Math.max(width(titles[i] ?? ""), ...cells.map((c) => width(c[i] ?? ""))),
  );
  const pad = (text: string, to: number) => text + " ".repeat(Math.max(0, to - width(text)));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => pad(v, widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(titles), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

/** Prints rows as JSON or as a table, depending on --json. */
export async function printRows(
  json: boolean | undefined,
  rows: readonly Record<string, unknown>[],
  columns: readonly [string, string][],
): Promise<void> {
  if (json) printJson(rows);
  else process.stdout.write(`${rows.length === 0 ? "(none)" : await table(rows, columns)}\n`);
}

/** Prints an object as JSON or as "key: value" lines, the values aligned in terminal columns. */
export async function printRecord(json: boolean | undefined, record: Record<string, unknown>): Promise<void> {
  if (json) {
    printJson(record);
    return;
  }
  const entries = Object.entries(record).map(
    ([k, v]) => [`${printable(k)}:`, v === null || v === undefined ? "-" : cellText(v)] as const,
  );
  const width = await columnsOf(entries.map(([k]) => k));
  const keyWidth = Math.max(...entries.map(([k]) => width(k)));
  let out = "";
  for (const [k, v] of entries) out += `${k}${" ".repeat(keyWidth + 1 - width(k))}${v}\n`;
  process.stdout.write(out);
}

/** The cards a checkout preview prices: its largest line quantity (0 when it shows none). */
export function cardsPriced(preview: { lineItems: { quantity?: number }[] }): number {
  return Math.max(0, ...preview.lineItems.map((item) => item.quantity ?? 0));
}

/** What a checkout preview says is paid: the balance after credits, else the total charges. */
export function amountToPay(preview: { totalCharges: number; balance?: number }): number {
  return preview.balance ?? preview.totalCharges;
}

/**
 * The question asked before a checkout, from its price preview: how many are mailed (the preview's
 * largest quantity, else `recipients`; left out when neither says), how, and what is paid.
 */
export function checkoutQuestion(
  orderId: number,
  preview: Parameters<typeof formatPreview>[0],
  postage: string,
  production: string,
  recipients = 0,
): string {
  const count = cardsPriced(preview) || recipients;
  return `Check out order ${orderId}: ${count ? `${count} recipients, ` : ""}${postage} postage, ${production} production, ${usd(amountToPay(preview))} to pay?`;
}

/** The price lines of a checkout preview (charges and credits) and its totals, for people. */
export async function formatPreview(preview: {
  lineItems: { name?: string; quantity?: number; rate?: number; total?: number }[];
  credits?: { name?: string; quantity?: number; rate?: number; total?: number }[];
  totalCharges: number;
  totalCredits?: number;
  balance?: number;
}): Promise<string> {
  const rows = [...preview.lineItems, ...(preview.credits ?? [])].map((li) => ({
    ...li,
    rate: usd(li.rate),
    total: usd(li.total),
  }));
  const lines = await table(rows, [
    ["name", "Item"],
    ["quantity", "Qty"],
    ["rate", "Rate"],
    ["total", "Total"],
  ]);
  const totals = `Total charges: ${usd(preview.totalCharges)}  Credits: ${usd(preview.totalCredits)}  To pay: ${usd(amountToPay(preview))}`;
  return `${lines}\n${printable(totals)}\n`;
}
