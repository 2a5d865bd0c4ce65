import { createReadStream } from "node:fs";
import { Transform } from "node:stream";
import { isRecipientField, type LettrLabs, MAX_FIELD_LENGTH, validateRecipient } from "@orderkit/client";
import { Parser } from "csv-parse";
import { type FieldPath, type HeaderMapping, mapHeaders } from "./header-map.js";

/** One data row of the CSV. */
export interface CsvRow {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  /** 0-based index among data rows. */
  index: number;
  recipient: LettrLabs.Recipient;
  /** The row's cells as read, for the rejects file. */
  cells: string[];
  problems: string[];
  /** The row has non-empty cells beyond the header's columns (they are ignored). */
  extraCells: boolean;
}

/** An input problem that stops the import (exit code 2). */
export class CsvError extends Error {
  override name = "CsvError";
}

/** Longest record csv-parse accepts (characters); a longer one stops the import. */
const MAX_RECORD = 64 * 1024;

/**
 * Decodes the file as strict UTF-8: an invalid byte sequence stops the import with its line number
 * (nothing is sent), instead of turning into U+FFFD in someone's address.
 */
/** How many continuation bytes the character `chunk` ends inside still needs (0 when it ends whole). */
function owedAfter(chunk: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const c = chunk[chunk.length - back] as number;
    if ((c & 0xc0) === 0x80) continue;
    const size = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return Math.max(0, size - back);
  }
  return 0;
}

function strictUtf8(path: string): Transform {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const lenient = new TextDecoder("utf-8");
  let line = 1;
  /** Continuation bytes the last chunk's final character still needs. */
  let owed = 0;
  /** The last text counted ended with a CR: a line break of its own, unless the next starts with its LF. */
  let crAtEnd = false;
  // A line ends at an LF, a CRLF or a CR alone (a file saved with old Mac line endings).
  const count = (text: string) => {
    if (text === "") return;
    if (crAtEnd && text.charCodeAt(0) !== 10) line++;
    crAtEnd = false;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) line++;
    for (let i = text.indexOf("\r"); i !== -1; i = text.indexOf("\r", i + 1)) {
      if (i === text.length - 1) crAtEnd = true;
      else if (text.charCodeAt(i + 1) !== 10) line++;
    }
  };
  return new Transform({
    decodeStrings: true,
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, callback) {
      try {
        const text = decoder.decode(chunk, { stream: true });
        owed = owedAfter(chunk);
        count(text);
        callback(null, text);
      } catch {
        // The bytes that end a character the last chunk began are not the fault: the bad byte is
        // looked for after them.
        let start = 0;
        while (start < owed && start < chunk.length && ((chunk[start] as number) & 0xc0) === 0x80) start++;
        const text = lenient.decode(chunk.subarray(start));
        count(text.slice(0, Math.max(0, text.indexOf("\uFFFD"))));
        // A CR right before the bad bytes ended their line: they start the next.
        if (crAtEnd) line++;
        callback(
          new CsvError(
            `${path}: line ${line}: the file is not valid UTF-8 (save it as UTF-8). Nothing was sent.`,
          ),
        );
      }
    },
    flush(callback) {
      try {
        callback(null, decoder.decode());
      } catch {
        callback(
          new CsvError(`${path}: line ${line}: the file ends inside a UTF-8 sequence. Nothing was sent.`),
        );
      }
    },
  });
}

/** Each column's group and key (`address.address2`: `["address", "address2"]`), split once per file. */
type Plan = readonly (readonly ["address" | "personal" | "metadata", string] | undefined)[];

function planOf(fields: readonly (FieldPath | undefined)[]): Plan {
  // Only a recipient's fields (the header checks refuse any other before the first row; this keeps
  // a `__proto__` or an empty name from ever making a group of its own, should they let one by).
  return fields.map((field) =>
    field !== undefined && isRecipientField(field)
      ? (field.split(".") as ["address" | "personal" | "metadata", string])
      : undefined,
  );
}

/**
 * A row's recipient: each mapped cell, trimmed, under its field (empty ones left out); the address
 * with its four required fields first (empty when absent, the state upper-cased), then the others
 * in column order; `personal` and `metadata` only when they hold something. Merge fields (a
 * return state too) go as written: a send's row hashes cover every field, and a send begun by an
 * earlier orderkit must read its file as it did. One walk over the row, no array or entry made
 * per cell (this runs for every row of every pass over the file).
 */
function toRecipient(cells: readonly string[], plan: Plan): LettrLabs.Recipient {
  const address: Record<string, string> = { address1: "", city: "", state: "", zipCode: "" };
  let personal: Record<string, string> | undefined;
  let metadata: Record<string, string> | undefined;
  for (let i = 0; i < plan.length; i++) {
    const at = plan[i];
    if (at === undefined) continue;
    const value = cells[i]?.trim();
    if (!value) continue;
    const [group, key] = at;
    if (group === "address") address[key] = value;
    else if (group === "personal") {
      personal ??= {};
      personal[key] = value;
    } else {
      metadata ??= {};
      metadata[key] = value;
    }
  }
  address.state = (address.state as string).toUpperCase();
  const recipient = { address } as unknown as LettrLabs.Recipient;
  if (personal) recipient.personal = personal;
  if (metadata) recipient.metadata = metadata;
  return recipient;
}

/** Lines of a file, named in a message: `line 3` or `lines 2, 5, …` (at most 20 of them). */
export function namedLines(lines: readonly number[]): string {
  return `line${lines.length === 1 ? "" : "s"} ${lines.slice(0, 20).join(", ")}${lines.length > 20 ? ", …" : ""}`;
}

/** A record of a CSV file: its cells by position, and the line it ends on (the header is line 1). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/**
 * csv-parse's stream, each record pushed with the line it ends on: the parser's `info.lines` as it
 * stands when the record is pushed, which is what csv-parse's `info: true` reads too. That option
 * also copies the whole of the parser's state into two new objects per record: a pass over a
 * 100k-row file took about twice the CPU with it (`bench/NOTES.md`, session 62). This leans on
 * csv-parse 6's `Parser.info` (the parser's live state, never replaced) and on its pushing each
 * record as it completes, right after `info: true` would snapshot it: an upgrade of csv-parse must
 * pass the seeded property in `test/csv.test.ts` that holds these lines equal to `info: true`'s.
 */
class LinedParser extends Parser {
  override push(record: unknown, encoding?: BufferEncoding): boolean {
    return record === null ? super.push(null, encoding) : super.push({ record, line: this.info.lines });
  }
}

/**
 * Streams the records of the CSV file at `path` (BOM, quoted fields, CRLF handled by csv-parse;
 * empty lines skipped; cells by position, so a header naming a column twice is seen; as written, or
 * with `trim` without the spaces around them outside quotes, csv-parse's `trim`),
 * decoded as strict UTF-8. Every problem reading it is a CsvError naming the file, and the line
 * where known: no such file, a directory, bytes that are not UTF-8, a record over MAX_RECORD
 * characters (a quote left open), a CSV csv-parse cannot read. The one reader of the CLI's CSVs.
 */
export async function* csvRecords(
  path: string,
  { trim = false }: { trim?: boolean } = {},
): AsyncGenerator<CsvRecord, void, undefined> {
  const source = createReadStream(path);
  const utf8 = strictUtf8(path);
  const parser = source.pipe(utf8).pipe(
    new LinedParser({
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim,
      max_record_size: MAX_RECORD,
    }),
  );
  source.on("error", (error) => parser.destroy(error));
  utf8.on("error", (error) => parser.destroy(error));
  // csv-parse counts a CRLF inside a quoted cell as two lines (one outside as one): taken back.
  let doubled = 0;
  try {
    for await (const { record, line } of parser as AsyncIterable<{ record: string[]; line: number }>) {
      for (const cell of record)
        for (let i = cell.indexOf("\r\n"); i !== -1; i = cell.indexOf("\r\n", i + 2)) doubled++;
      yield { cells: record, line: line - doubled };
    }
  } catch (error) {
    if (error instanceof CsvError) throw error;
    if ((error as { code?: string }).code === "CSV_MAX_RECORD_SIZE")
      throw new CsvError(
        `${path}: a record is longer than ${MAX_RECORD} characters (a missing closing quote?). Nothing was sent.`,
      );
    if ((error as { code?: string }).code === "EISDIR")
      throw new CsvError(`${path}: is a directory, not a CSV file.`);
    if ((error as { code?: string }).code === "ENOENT") throw new CsvError(`${path}: no such file.`);
    const e = error as { message?: string; lines?: number };
    throw new CsvError(
      `${path}: cannot read the CSV${e.lines ? ` at line ${e.lines}` : ""}: ${e.message ?? String(error)}`,
    );
  } finally {
    source.destroy();
  }
}

/**
 * Streams the rows of a recipients CSV (csvRecords), mapping headers to recipient fields and
 * validating each row. Rows are yielded one by one, so a file of any size never sits in memory.
 * `onHeader` receives the header mapping before the first row.
 */
export async function* readRecipients(
  path: string,
  options: {
    map?: Readonly<Record<string, string>>;
    onHeader?: (mapping: HeaderMapping, headers: string[]) => void;
  } = {},
): AsyncGenerator<CsvRow, void, undefined> {
  let mapping: HeaderMapping | undefined;
  /** Each column's field, split once the header is read (see planOf). */
  let plan: Plan = [];
  let index = 0;
  for await (const { cells: record, line } of csvRecords(path)) {
    if (!mapping) {
      const headers = record.map((h) => h.trim());
      mapping = mapHeaders(headers, options.map);
      const need = ["address.address1", "address.city", "address.state", "address.zipCode"];
      const missing = need.filter((f) => !mapping?.fields.includes(f as FieldPath));
      if (missing.length > 0) {
        throw new CsvError(
          `${path}: the header has no column for ${missing.map((m) => m.split(".")[1]).join(", ")} (columns: ${headers.join(", ")}). Use --map <column>=<field>.`,
        );
      }
      if (mapping.unmatched.length > 0)
        throw new CsvError(
          `${path}: --map names ${mapping.unmatched.map((c) => `"${c}"`).join(", ")}, which the header does not have (columns: ${headers.join(", ")}). Nothing was sent.`,
        );
      // A --map to a field the API does not have (`address.adress2`) would be dropped from every card.
      const unknown = mapping.fields.find((field) => field !== undefined && !isRecipientField(field));
      if (unknown !== undefined)
        throw new CsvError(
          `--map: ${unknown} is not a field of a recipient (the API would drop it from every card). Nothing was sent. Map that column to a field the API has (a merge field: metadata.custom1 to custom6). A send an earlier orderkit began with this --map (the API kept none of that column) goes on only with --restart, after cancelling its Draft (orderkit orders cancel <id>), or by hand (orderkit recipients add, checkout submit).`,
        );
      const byField = new Map<string, string>();
      mapping.fields.forEach((field, i) => {
        if (!field) return;
        const earlier = byField.get(field);
        if (earlier !== undefined) {
          throw new CsvError(
            `${path}: columns "${earlier}" and "${headers[i]}" both map to ${field}; remove one or map it elsewhere with --map.`,
          );
        }
        byField.set(field, headers[i] as string);
      });
      plan = planOf(mapping.fields);
      options.onHeader?.(mapping, headers);
      continue;
    }
    const recipient = toRecipient(record, plan);
    const found = validateRecipient(recipient);
    const problems = found.map((p) => p.message);
    // Every cell has the SDK's limit on a recipient's fields, ignored columns too, and spaces
    // counted: each named once (the SDK names the fields it reads, as trimmed).
    let named: Set<string> | undefined;
    for (let i = 0; i < record.length; i++) {
      if ((record[i] as string).length <= MAX_FIELD_LENGTH) continue;
      named ??= new Set(found.filter((p) => p.code === "FIELD_TOO_LONG").map((p) => p.field));
      const name = headersOf(mapping, i);
      if (named.has(name)) continue;
      named.add(name);
      problems.push(`${name} is longer than ${MAX_FIELD_LENGTH} characters`);
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    const control = record.findIndex((cell, i) => mapping?.fields[i] && /[\u0000-\u001f\u007f]/.test(cell));
    if (control !== -1)
      problems.push(`${headersOf(mapping, control)} contains a line break or a control character`);
    const extraCells = record.slice(mapping.fields.length).some((cell) => cell.trim() !== "");
    yield { line, index: index++, recipient, cells: record, problems, extraCells };
  }
  if (!mapping) throw new CsvError(`${path}: the file is empty (no header row).`);
}

function headersOf(mapping: HeaderMapping, column: number): string {
  const field = mapping.fields[column];
  return field ? (field.split(".")[1] ?? field) : `column ${column + 1}`;
}
