import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseSync } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mapHeaders, resolveField } from "../src/csv/header-map.js";
import { CsvError, type CsvRow, csvRecords, readRecipients } from "../src/csv/read.js";
import { tempDir } from "./helpers.js";

async function read(content: string | Buffer, map?: Record<string, string>): Promise<CsvRow[]> {
  const path = join(tempDir(), "in.csv");
  writeFileSync(path, content);
  const rows: CsvRow[] = [];
  for await (const row of readRecipients(path, map ? { map } : {})) rows.push(row);
  return rows;
}

describe("header mapping", () => {
  it.each([
    ["first_name", "personal.firstName"],
    ["firstName", "personal.firstName"],
    ["First Name", "personal.firstName"],
    ["LAST-NAME", "personal.lastName"],
    ["zip", "address.zipCode"],
    ["zip_code", "address.zipCode"],
    ["zipcode", "address.zipCode"],
    ["postal_code", "address.zipCode"],
    ["address", "address.address1"],
    ["Address1", "address.address1"],
    ["street", "address.address1"],
    ["Custom 3", "metadata.custom3"],
    ["image6", "metadata.image6"],
    ["Return Address 1", "metadata.returnAddress1"],
    ["return_zip", "metadata.returnZip"],
  ])("maps %j to %s", (header, field) => {
    expect(mapHeaders([header]).fields[0]).toBe(field);
  });

  it("reports unknown columns and applies --map overrides", () => {
    const m = mapHeaders(["Mailing Street", "Notes", "Town"], { "mailing street": "address1" });
    expect(m.fields).toEqual(["address.address1", undefined, "address.city"]);
    expect(m.ignored).toEqual(["Notes"]);
    expect(resolveField("metadata.custom1")).toBe("metadata.custom1");
    expect(resolveField("nonsense")).toBeUndefined();
  });

  it("a --map to a field the API does not have (a misspelling) stops the read before any row", async () => {
    const csv = "address1,city,state,zip,Apt\n1 Main St,Austin,TX,78701,Apt 1\n";
    await expect(read(csv, { Apt: "address.adress2" })).rejects.toThrow(
      /--map: address\.adress2 is not a field of a recipient .*Nothing was sent/,
    );
    await expect(read(csv, { Apt: "metadata.custom7" })).rejects.toBeInstanceOf(CsvError);
    // (A known field in another case is that field: see below.)
    const [row] = await read(csv, { Apt: "address.address2" });
    expect(row?.recipient.address.address2).toBe("Apt 1");
  });

  it("a --map field of a group spelled in another case is that field; a --map column the file lacks stops the read", async () => {
    const csv = "address1,city,state,zip,Apt\n1 Main St,Austin,TX,78701,Apt 1\n";
    const [row] = await read(csv, { Apt: "address.Address2" });
    expect(row?.recipient.address.address2).toBe("Apt 1");
    await expect(read(csv, { "Apt No": "address2" })).rejects.toThrow(
      /--map names "Apt No", which the header does not have .*Nothing was sent/,
    );
  });

  it("a column named like an object's own member (constructor, toString) is an ignored column", async () => {
    const m = mapHeaders(["address1", "constructor", "toString", "__proto__"]);
    expect(m.fields).toEqual(["address.address1", undefined, undefined, undefined]);
    const rows = await read("address1,city,state,zip,constructor\n1 Main St,Austin,TX,78701,x\n");
    expect(rows).toHaveLength(1);
    expect(rows[0]?.problems).toEqual([]);
  });
});

describe("reading recipients", () => {
  it("handles a BOM, quoted commas and CRLF line endings", async () => {
    const csv = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        'First Name,Address,City,State,Zip\r\n"Reyes, Jordan","1458 Oak Street, Apt 2",Austin,tx,78704\r\n',
      ),
    ]);
    const [row] = await read(csv);
    expect(row?.recipient).toEqual({
      address: { address1: "1458 Oak Street, Apt 2", city: "Austin", state: "TX", zipCode: "78704" },
      personal: { firstName: "Reyes, Jordan" },
    });
    expect(row?.problems).toEqual([]);
    expect(row?.line).toBe(2);
  });

  it("validates every row with its line number", async () => {
    const rows = await read(
      "address,city,state,zip\n1 Main St,Austin,TX,78704\n,Austin,TX,78704\n2 Main St,Austin,XX,78704\n3 Main St,Austin,TX,7870\n4 Main St,,TX,78704-1234\n",
    );
    expect(rows.map((r) => [r.line, r.problems])).toEqual([
      [2, []],
      [3, ["missing address1"]],
      [4, ['bad state code "XX"']],
      [5, ['bad ZIP "7870"']],
      [6, ["missing city"]],
    ]);
  });

  it("names the line of a byte that is not UTF-8 when a character before it spans two reads (review 146)", async () => {
    const header = "address,city,state,zip\n";
    const row = "1 Main St,Austin,TX,78704\n";
    // A "€" (3 bytes) across the first 64 KiB read, then 100 good lines, then a bad byte.
    const lead = header + row.repeat(Math.floor((65536 - header.length - 40) / row.length));
    const pad = "x".repeat(65534 - Buffer.byteLength(lead));
    const first = `${lead}${pad}€,Austin,TX,78704\n`;
    const before = first.split("\n").length - 1 + 100;
    const bytes = Buffer.concat([
      Buffer.from(first + row.repeat(100)),
      Buffer.from("2 Main St,Austin,TX,7870"),
      Buffer.from([0xff]),
      Buffer.from("\n"),
    ]);
    expect(bytes.subarray(65534, 65537).toString()).toBe("€");
    await expect(read(bytes)).rejects.toThrow(`line ${before + 1}: the file is not valid UTF-8`);
    // A bad byte that starts the second read, after a first that ended whole, is its own line's
    // (a Windows-1252 apostrophe, 0x92, looks like a continuation byte).
    const whole = Buffer.concat([Buffer.from(lead + pad + "x\n"), Buffer.from([0x92]), Buffer.from("\n")]);
    expect(whole[65536]).toBe(0x92);
    const lineOf92 = (lead + pad).split("\n").length + 1;
    await expect(
      read(Buffer.concat([whole, Buffer.from(row.repeat(50)), Buffer.from([0xe9, 0x0a])])),
    ).rejects.toThrow(`line ${lineOf92}: the file is not valid UTF-8`);
  });

  it("a return address is whole or absent: part of one is a problem of its row", async () => {
    const rows = await read(
      "address,city,state,zip,return_city,return_address1,return_state,return_zip\n" +
        "1 Main St,Austin,TX,78704,Dallas,,,\n" +
        "2 Main St,Austin,TX,78704,Dallas,9 Shop Rd,tx,75201\n" +
        "3 Main St,Austin,TX,78704,,,,\n",
    );
    expect(rows.map((r) => [r.line, r.problems])).toEqual([
      [
        2,
        [
          "return address without returnAddress1, returnState, returnZip as text (give a complete return address or none)",
        ],
      ],
      [3, []],
      [4, []],
    ]);
    // A return state goes as written (the validator takes it in any case): a send's row hashes
    // cover it, and one begun by an earlier orderkit must resume.
    expect(rows[1]?.recipient.metadata?.returnState).toBe("tx");
  });

  it("keeps metadata fields", async () => {
    const [row] = await read(
      "address,city,state,zip,custom1,image2,email\n1 Main St,Austin,TX,78704,Hi,https://x.test/a.png,a@b.test\n",
    );
    expect(row?.recipient.metadata).toEqual({
      custom1: "Hi",
      image2: "https://x.test/a.png",
      email: "a@b.test",
    });
  });

  it("rejects an empty file", async () => {
    await expect(read("")).rejects.toBeInstanceOf(CsvError);
  });

  it("rejects a header without address columns", async () => {
    await expect(read("name,email\nA,b@c.d\n")).rejects.toThrow(
      /no column for address1, city, state, zipCode/,
    );
  });

  it("returns no rows for a header-only file", async () => {
    expect(await read("address,city,state,zip\n")).toEqual([]);
  });
});

describe("de-duplication never drops a distinct recipient on a hash collision", () => {
  it("with every row hashing alike, only rows with the same identity are duplicates", async () => {
    const { scanCsv } = await import("../src/send/scan.js");
    const dir = tempDir();
    const csv = join(dir, "collide.csv");
    writeFileSync(
      csv,
      "first_name,street,city,state,zip\nAnn,1 Main St,Austin,TX,78704\nBo,2 Main St,Austin,TX,78704\nann,1 MAIN ST,Austin,TX,78704\nCy,3 Main St,Austin,TX,78704\nBo,2 Main St,Austin,TX,78704\n",
    );
    const scan = await scanCsv(csv, {}, undefined, () => 7);
    expect(scan.valid).toBe(3);
    expect(scan.duplicateCount).toBe(2);
    expect(scan.duplicates.map((d) => d.line)).toEqual([4, 6]);
    expect([...scan.skip].sort()).toEqual([2, 4]);
  });

  it("the recipient digest ignores row order and line endings, and changes with one recipient", async () => {
    const { scanCsv } = await import("../src/send/scan.js");
    const dir = tempDir();
    const rows = ["Ann,1 Main St,Austin,TX,78704", "Bo,2 Main St,Austin,TX,78704"];
    const write = (name: string, body: string) => {
      const p = join(dir, name);
      writeFileSync(p, body);
      return p;
    };
    const a = await scanCsv(write("a.csv", `first_name,street,city,state,zip\n${rows.join("\n")}\n`), {});
    const b = await scanCsv(
      write("b.csv", `first_name,street,city,state,zip\r\n${[...rows].reverse().join("\r\n")}\r\n`),
      {},
    );
    const c = await scanCsv(
      write("c.csv", `first_name,street,city,state,zip\n${rows[0]}\nBo,2 Main St,Austin,TX,78705\n`),
      {},
    );
    expect(b.digest).toBe(a.digest);
    expect(b.rowOrderDigest).not.toBe(a.rowOrderDigest);
    expect(c.digest).not.toBe(a.digest);
  });
});

describe("the line each record ends on", () => {
  it("seeded: is csv-parse's own count (info: true), less the CRLFs inside quoted cells, over any file, trimmed or not", async () => {
    // Cells from pieces that move line counts: quoted line breaks of each kind, empty lines, quotes
    // left open, spaces for trim, a BOM, and a last line with or without its line break.
    // A quote left open makes the whole file fail: rare, so that most files are read through.
    const piece = fc.oneof(
      {
        weight: 100,
        arbitrary: fc.constantFrom(
          "a",
          "Bé",
          " x ",
          "",
          "   ",
          "#c",
          '"q,1"',
          '"l\nm"',
          '"c\r\nd"',
          '"r\re"',
          '""',
        ),
      },
      { weight: 1, arbitrary: fc.constant('"open') },
    );
    const line = fc.array(piece, { minLength: 1, maxLength: 4 }).map((cells) => cells.join(","));
    const file = fc.record({
      bom: fc.boolean(),
      lines: fc.array(fc.oneof(line, fc.constant("")), { minLength: 1, maxLength: 12 }),
      eol: fc.constantFrom("\n", "\r\n", "\r"),
      last: fc.boolean(),
      trim: fc.boolean(),
    });
    const path = join(tempDir(), "lines.csv");
    await fc.assert(
      fc.asyncProperty(file, async ({ bom, lines, eol, last, trim }) => {
        const text = `${bom ? "\uFEFF" : ""}${lines.join(eol)}${last ? eol : ""}`;
        writeFileSync(path, text);
        const options = { bom: true, skip_empty_lines: true, relax_column_count: true, trim };
        let expected: { cells: string[]; line: number }[] | "fails";
        try {
          let doubled = 0;
          expected = (
            parseSync(text, { ...options, info: true }) as unknown as {
              record: string[];
              info: { lines: number };
            }[]
          ).map(({ record, info }) => {
            for (const cell of record) doubled += cell.split("\r\n").length - 1;
            return { cells: record, line: info.lines - doubled };
          });
        } catch {
          expected = "fails";
        }
        const got: { cells: string[]; line: number }[] = [];
        let failed = false;
        try {
          for await (const record of csvRecords(path, { trim })) got.push(record);
        } catch (error) {
          expect(error).toBeInstanceOf(CsvError);
          failed = true;
        }
        if (expected === "fails") expect(failed).toBe(true);
        else {
          expect(failed).toBe(false);
          expect(got).toEqual(expected);
        }
      }),
      { seed: 20261206, numRuns: 300 },
    );
  });
});

describe("a row's recipient", () => {
  it("seeded: each mapped cell trimmed under its field, the address's four first (state upper-cased), then the rest in column order, groups only when they hold something", async () => {
    const required = ["address1", "city", "state", "zip"];
    const optional = [
      "address2",
      "first_name",
      "LAST-NAME",
      "Custom 3",
      "custom1",
      "image6",
      "Return Address 1",
      "return_zip",
      "Notes",
    ];
    // Cells as written in the file, and what they hold.
    const cells: Record<string, string> = {
      "": "",
      " ": " ",
      " a ": " a ",
      Ana: "Ana",
      tx: "tx",
      é: "é",
      "1 Main St": "1 Main St",
      "0": "0",
      '"a, b"': "a, b",
      '"q""x "': 'q"x ',
    };
    const cell = fc.constantFrom(...Object.keys(cells));
    const file = fc
      .record({
        columns: fc
          .shuffledSubarray(optional)
          .chain((more) =>
            fc.shuffledSubarray([...required, ...more], { minLength: required.length + more.length }),
          ),
      })
      .chain(({ columns }) =>
        fc.record({
          columns: fc.constant(columns),
          // Rows as long as the header, or shorter (their last cells absent).
          rows: fc.array(fc.array(cell, { minLength: 1, maxLength: columns.length }), {
            minLength: 1,
            maxLength: 5,
          }),
          map: fc.constantFrom(undefined, { Notes: "metadata.custom2" }, { Notes: "address.address2" }),
        }),
      );
    const path = join(tempDir(), "recipients.csv");
    await fc.assert(
      fc.asyncProperty(file, async ({ columns, rows: written, map }) => {
        // (A row whose one cell is empty is an empty line, which the reader skips.)
        const rows = written.filter((r) => r.join(",") !== "");
        // (A --map of a column the header lacks, or onto a field another column has, stops the read.)
        const mapped = map && columns.includes("Notes") && !columns.includes("address2") ? map : undefined;
        writeFileSync(path, [columns.join(","), ...written.map((r) => r.join(","))].join("\n"));
        const { fields } = mapHeaders(columns, mapped);
        const got: CsvRow[] = [];
        for await (const row of readRecipients(path, mapped ? { map: mapped } : {})) got.push(row);
        expect(got).toHaveLength(rows.length);
        rows.forEach((row, n) => {
          const address: Record<string, string> = { address1: "", city: "", state: "", zipCode: "" };
          const groups: Record<string, Record<string, string>> = { address, personal: {}, metadata: {} };
          fields.forEach((field, i) => {
            const value = (cells[row[i] as string] ?? "").trim();
            if (!field || !value) return;
            const [group, key] = field.split(".") as [string, string];
            (groups[group] as Record<string, string>)[key] = value;
          });
          address.state = (address.state as string).toUpperCase();
          const expected: Record<string, unknown> = { address };
          if (Object.keys(groups.personal as object).length > 0) expected.personal = groups.personal;
          if (Object.keys(groups.metadata as object).length > 0) expected.metadata = groups.metadata;
          // As JSON: the key order is what a send's row hashes and bodies are made of.
          expect(JSON.stringify(got[n]?.recipient)).toBe(JSON.stringify(expected));
        });
      }),
      { seed: 20261206, numRuns: 200 },
    );
  });
});

describe("the line of a byte that is not UTF-8", () => {
  it("seeded: is its line by LF, CRLF or a CR alone, also where a line break or the byte falls on a read's boundary", async () => {
    const file = fc.record({
      eol: fc.constantFrom("\n", "\r\n", "\r"),
      lengths: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 2, maxLength: 400 }),
      // The first line fills the first 64 KiB read up to its line break (which then ends it, or
      // straddles it) or to the bad byte itself; or it is as drawn.
      first: fc.constantFrom("drawn", "break-at-boundary", "byte-at-boundary"),
      at: fc.nat(),
      offset: fc.nat(),
    });
    const path = join(tempDir(), "bad-byte.csv");
    await fc.assert(
      fc.asyncProperty(file, async ({ eol, lengths, first, at, offset }) => {
        const lines = lengths.map((n, i) => `${i % 10}`.repeat(n));
        const READ = 64 * 1024;
        if (first === "break-at-boundary") lines[0] = "a".repeat(READ - 1);
        if (first === "byte-at-boundary") lines[0] = "a".repeat(READ - eol.length);
        const k = first === "byte-at-boundary" ? 1 : 1 + (at % (lines.length - 1));
        const into = first === "byte-at-boundary" ? 0 : offset % ((lines[k] as string).length + 1);
        const before = `${lines.slice(0, k).join(eol)}${eol}${(lines[k] as string).slice(0, into)}`;
        const after = `${(lines[k] as string).slice(into)}${eol}${lines.slice(k + 1).join(eol)}`;
        writeFileSync(path, Buffer.concat([Buffer.from(before), Buffer.from([0x92]), Buffer.from(after)]));
        const error = await (async () => {
          for await (const _ of csvRecords(path));
        })().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CsvError);
        expect((error as Error).message).toContain(`: line ${k + 1}: the file is not valid UTF-8`);
      }),
      { seed: 20261206, numRuns: 150 },
    );
  });
});
