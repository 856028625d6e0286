import { describe, expect, test } from "vitest";
import { z } from "zod";
import { detectDelimiter, formatCsvError, guardFormula, normalizeHeader, readCsvFile, readCsvTable, toCsv, type CsvColumn } from "@/lib/csv/csv-core";

const COLUMNS: CsvColumn[] = [
  { key: "name", required: true },
  { key: "home_lat", aliases: ["latitude"] },
  { key: "notes" },
];

describe("normalizeHeader", () => {
  test.each([
    ["Name", "name"],
    ["  Home Lat ", "home_lat"],
    ["HOME-LAT", "home_lat"],
    ["\uFEFFname", "name"],
    ["Work order #", "work_order"],
  ])("%j reads as %j", (raw, key) => expect(normalizeHeader(raw)).toBe(key));
});

describe("detectDelimiter", () => {
  test.each([
    ["name,email\r\nAli,a@x.test", ","],
    ["name;email\r\nAli;a@x.test", ";"],
    ["name\temail\nAli\ta@x.test", "\t"],
    // a semicolon inside a cell does not sway a comma file
    ["name,skills\r\nAli,HVAC; EPA-608; gas", ","],
    ["\uFEFF\"name,x\";email;phone\r\n", ";"],
    ["name", ","],
  ])("%j → %j", (text, delimiter) => expect(detectDelimiter(text)).toBe(delimiter));
});

describe("readCsvTable", () => {
  test("a BOM, Excel's semicolons, CRLF, quoted cells and blank rows", () => {
    const text = '\uFEFFName;Latitude;Notes\r\nAli;41,88;"line one\nline two"\r\n;;\r\n\r\nMei;41.87;"says ""hi"""\r\n';
    const { table, errors } = readCsvTable(text, COLUMNS);
    expect(errors).toEqual([]);
    expect(table.columns).toEqual(["name", "home_lat", "notes"]);
    // a cell spanning two lines is still one spreadsheet row; blank rows keep their numbers
    expect(table.records).toEqual([
      { row: 2, cells: { name: "Ali", home_lat: "41,88", notes: "line one\nline two" } },
      { row: 5, cells: { name: "Mei", home_lat: "41.87", notes: 'says "hi"' } },
    ]);
  });

  test.each([
    ["name,colour\r\nAli,red", { row: 1, column: "colour", message: "unknown column 'colour' (this file can have: name, home_lat, notes)" }],
    ["notes\r\nx", { row: 1, column: "name", message: "the column name is missing from the first row" }],
    ["name,Name\r\nAli,Ali", { row: 1, column: "name", message: "the column name appears twice (column 2 repeats it)" }],
    ["name,notes\r\nAli,x,surprise", { row: 2, column: null, message: "has 3 cells but the first row names 2 columns" }],
    ['name,notes\r\nAli,"never closed', { row: 2, column: null, message: 'has a quoted cell that is never closed (a missing ")' }],
    ["", { row: 1, column: null, message: "the file is empty: the first row must name the columns" }],
  ])("%j reports %j", (text, error) => {
    expect(readCsvTable(text, COLUMNS).errors).toContainEqual(error);
  });

  test("a guarded cell from our own export reads back as written", () => {
    const { table } = readCsvTable("name,notes\r\nAli,'=SUM(A1)\r\n", COLUMNS);
    expect(table.records[0].cells.notes).toBe("=SUM(A1)");
  });
});

describe("toCsv", () => {
  test("BOM, CRLF, yes/no, quoting where needed, numbers as numbers", () => {
    expect(toCsv(["name", "lng", "active", "notes"], [["Ali, Jr.", -87.63, true, "HVAC; gas"], ["Mei", 12, false, null]])).toBe(
      '\uFEFFname,lng,active,notes\r\n"Ali, Jr.",-87.63,yes,"HVAC; gas"\r\nMei,12,no,\r\n',
    );
  });

  test.each([
    ["=HYPERLINK(\"http://evil\",\"x\")", "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""],
    ["+13125550100", "\"'+13125550100\""],
    ["-2+3", "\"'-2+3\""],
    ["@SUM(A1)", "\"'@SUM(A1)\""],
    ["plain text", "plain text"],
  ])("formula guard: %j is written as %s", (cell, written) => {
    expect(toCsv(["x"], [[cell]]).split("\r\n")[1]).toBe(written);
  });

  test("a negative number is a number, not a formula", () => expect(toCsv(["x"], [[-5]]).split("\r\n")[1]).toBe("-5"));
  test("guardFormula leaves safe text alone", () => expect(guardFormula("Lakeview Diner")).toBe("Lakeview Diner"));
});

test("formatCsvError reads as a person would say it", () => {
  expect(formatCsvError({ row: 7, column: "estimated_minutes", message: "must be a whole number of minutes, got 'ninety'" })).toBe(
    "row 7, estimated_minutes: must be a whole number of minutes, got 'ninety'",
  );
  expect(formatCsvError({ row: 3, column: null, message: "has 3 cells but the first row names 2 columns" })).toBe(
    "row 3: has 3 cells but the first row names 2 columns",
  );
});

describe("readCsvFile", () => {
  const spec = { columns: [{ key: "name", required: true }], schema: z.object({ name: z.string().regex(/^Row/, { error: "must start with Row" }) }) };

  test("checks rows in batches and reports progress; the same rows and errors as parsing at once", async () => {
    const text = ["name", ...Array.from({ length: 25 }, (_, i) => (i === 12 ? "Bad" : `Row ${i}`))].join("\n");
    const seen: number[] = [];
    const r = await readCsvFile(text, spec, { batch: 10, onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([10, 20, 25]);
    expect(r.rows).toHaveLength(24);
    expect(r.errors).toEqual([{ row: 14, column: "name", message: "must start with Row" }]);
  });

  test("a file over the row cap is refused whole, before its rows are checked", async () => {
    const text = ["name", "a", "b", "c"].join("\n");
    const r = await readCsvFile(text, spec, { maxRows: 2 });
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ row: 1, column: null, message: "the file has 3 rows; at most 2 can be imported at once — split it into smaller files" }]);
    expect(r.table.records).toHaveLength(3);
  });
});
