import { createReadStream } from "node:fs";
import type { LettrLabs } from "@orderkit/client";
import { parse } from "csv-parse";
import { type FieldPath, type HeaderMapping, mapHeaders } from "./header-map.js";
import { validateRecipient } from "./validate.js";

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
}

/** An input problem that stops the import (exit code 2). */
export class CsvError extends Error {
  override name = "CsvError";
}

function toRecipient(
  cells: readonly string[],
  fields: readonly (FieldPath | undefined)[],
): LettrLabs.Recipient {
  const address: Record<string, string> = {};
  const groups: Record<"address" | "personal" | "metadata", Record<string, string>> = {
    address,
    personal: {},
    metadata: {},
  };
  fields.forEach((field, i) => {
    const value = cells[i]?.trim();
    if (!field || !value) return;
    const [group, key] = field.split(".") as ["address" | "personal" | "metadata", string];
    groups[group][key] = value;
  });
  const recipient = {
    address: {
      address1: address.address1 ?? "",
      city: address.city ?? "",
      state: (address.state ?? "").toUpperCase(),
      zipCode: address.zipCode ?? "",
      ...Object.fromEntries(
        Object.entries(address).filter(([k]) => !["address1", "city", "state", "zipCode"].includes(k)),
      ),
    },
  } as LettrLabs.Recipient;
  if (Object.keys(groups.personal).length > 0) recipient.personal = groups.personal;
  if (Object.keys(groups.metadata).length > 0) recipient.metadata = groups.metadata;
  return recipient;
}

/**
 * Streams the rows of a recipients CSV (BOM, quoted fields, CRLF handled by csv-parse), mapping
 * headers to recipient fields and validating each row. Rows are yielded one by one, so a file of
 * any size never sits in memory. `onHeader` receives the header mapping before the first row.
 */
export async function* readRecipients(
  path: string,
  options: {
    map?: Readonly<Record<string, string>>;
    onHeader?: (mapping: HeaderMapping, headers: string[]) => void;
  } = {},
): AsyncGenerator<CsvRow, void, undefined> {
  const parser = createReadStream(path).pipe(
    parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true, trim: false }),
  );
  let mapping: HeaderMapping | undefined;
  let index = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
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
        options.onHeader?.(mapping, headers);
        continue;
      }
      const recipient = toRecipient(record, mapping.fields);
      yield {
        line: info.lines,
        index: index++,
        recipient,
        cells: record,
        problems: validateRecipient(recipient),
      };
    }
  } catch (error) {
    if (error instanceof CsvError) throw error;
    if ((error as { code?: string }).code === "ENOENT") throw new CsvError(`${path}: no such file.`);
    const e = error as { message?: string; lines?: number };
    throw new CsvError(
      `${path}: cannot read the CSV${e.lines ? ` at line ${e.lines}` : ""}: ${e.message ?? String(error)}`,
    );
  }
  if (!mapping) throw new CsvError(`${path}: the file is empty (no header row).`);
}
