/**
 * Reading and writing CSV the way spreadsheets produce and open it: a UTF-8 BOM,
 * Excel's `;` or `,` delimiter, headers in any case or spacing, CRLF, and a guard
 * against formula injection. Pure: text in, rows and row errors out.
 */
import Papa from "papaparse";
import type { z } from "zod";

/** A problem with one cell, one row or the header, as a spreadsheet numbers rows (header = row 1). */
export interface CsvError {
  row: number;
  /** The column (its canonical name), or null when the problem is the whole row. */
  column: string | null;
  message: string;
}

export interface CsvParseResult<T> {
  rows: T[];
  errors: CsvError[];
  /** The cells as read, for a preview table (canonical column names). */
  table: CsvTable;
}

export interface CsvTable {
  columns: string[];
  records: CsvRecord[];
}

export interface CsvRecord {
  /** 1-based spreadsheet row; the header is row 1. */
  row: number;
  /** Cells by canonical column name, trimmed; only the file's columns are present. */
  cells: Record<string, string>;
}

/** One column a kind of file understands. */
export interface CsvColumn {
  /** Canonical name, lowercase snake_case: `home_lat`. */
  key: string;
  /** Other headers people write for it (normalised the same way): `latitude`. */
  aliases?: string[];
  /** The file must have this column. */
  required?: boolean;
  /** Written by our exports for people to read; accepted on import and not used. */
  informational?: boolean;
}

/** "Home Lat" → "home_lat"; "E-mail" → "e_mail". */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s\-./]+/g, "_")
    .replace(/[^a-z0-9_]/g, "")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
}

/**
 * The delimiter of a file, judged from its header line alone (cells such as
 * "HVAC; EPA-608" must not sway it): `;`, tab or `,`.
 *
 * @example detectDelimiter("name;email\r\nAli;a@x.test") // ";"
 */
export function detectDelimiter(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/, 1)[0] ?? "";
  const outsideQuotes = firstLine.replace(/"[^"]*"/g, "");
  const count = (c: string) => outsideQuotes.split(c).length - 1;
  const candidates = [",", ";", "\t"].map((d) => ({ d, n: count(d) }));
  const best = candidates.reduce((a, b) => (b.n > a.n ? b : a));
  return best.n > 0 ? best.d : ",";
}

/** Our exports prefix risky cells with `'`; reading them back removes it again. */
function unguard(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** Spreadsheet rows are 1-based with the header on row 1. */
const rowNumber = (recordIndex: number) => recordIndex + 1;

function describeQuoteError(code: string): string {
  if (code === "MissingQuotes") return "has a quoted cell that is never closed (a missing \")";
  if (code === "InvalidQuotes") return "has a stray \" inside a quoted cell (write \"\" for a quote)";
  return "could not be read as CSV";
}

/**
 * Reads a CSV into a table keyed by canonical column names, reporting header
 * problems (unknown, missing and repeated columns) and rows with too many cells.
 */
export function readCsvTable(text: string, columns: readonly CsvColumn[]): { table: CsvTable; errors: CsvError[] } {
  const errors: CsvError[] = [];
  const source = text.replace(/^\uFEFF/, "");
  if (source.trim() === "") {
    return { table: { columns: [], records: [] }, errors: [{ row: 1, column: null, message: "the file is empty: the first row must name the columns" }] };
  }
  const parsed = Papa.parse<string[]>(source, { delimiter: detectDelimiter(source), header: false, skipEmptyLines: false });
  const quoteErrors = new Map<number, string>();
  for (const e of parsed.errors) {
    if (e.type === "Quotes" && e.row !== undefined) quoteErrors.set(e.row, describeQuoteError(e.code));
  }

  const byName = new Map<string, CsvColumn>();
  for (const c of columns) {
    byName.set(c.key, c);
    for (const a of c.aliases ?? []) byName.set(normalizeHeader(a), c);
  }
  const header = parsed.data[0] ?? [];
  const keys: (string | null)[] = [];
  const seen = new Set<string>();
  header.forEach((raw, i) => {
    const name = normalizeHeader(raw);
    if (name === "") {
      keys.push(null);
      return;
    }
    const col = byName.get(name);
    if (!col) {
      errors.push({
        row: 1,
        column: raw.trim(),
        message: `unknown column '${raw.trim()}' (this file can have: ${columns.filter((c) => !c.informational).map((c) => c.key).join(", ")})`,
      });
      keys.push(null);
      return;
    }
    if (seen.has(col.key)) {
      errors.push({ row: 1, column: col.key, message: `the column ${col.key} appears twice (column ${i + 1} repeats it)` });
      keys.push(null);
      return;
    }
    seen.add(col.key);
    keys.push(col.key);
  });
  for (const c of columns) {
    if (c.required && !seen.has(c.key)) errors.push({ row: 1, column: c.key, message: `the column ${c.key} is missing from the first row` });
  }

  const records: CsvRecord[] = [];
  for (let i = 1; i < parsed.data.length; i++) {
    const cellsIn = parsed.data[i];
    if (cellsIn.every((c) => c.trim() === "")) continue; // blank lines, and Excel's ";;;;" rows
    const row = rowNumber(i);
    if (quoteErrors.has(i)) errors.push({ row, column: null, message: quoteErrors.get(i)! });
    const extra = cellsIn.slice(header.length).filter((c) => c.trim() !== "");
    if (extra.length > 0) {
      errors.push({ row, column: null, message: `has ${cellsIn.length} cells but the first row names ${header.length} columns` });
    }
    const cells: Record<string, string> = {};
    keys.forEach((key, j) => {
      if (key) cells[key] = unguard((cellsIn[j] ?? "").trim());
    });
    records.push({ row, cells });
  }
  // header errors also Papa reports on row 0
  if (quoteErrors.has(0)) errors.push({ row: 1, column: null, message: quoteErrors.get(0)! });
  return { table: { columns: keys.filter((k): k is string => k !== null), records }, errors };
}

/**
 * Parses every record with a zod row schema; each issue becomes a row error on the
 * column its path names. Returns the rows that parsed, each with its row number.
 */
export function parseRecords<S extends z.ZodType>(
  table: CsvTable,
  schema: S,
): { rows: (z.output<S> & { row: number })[]; errors: CsvError[] } {
  const rows: (z.output<S> & { row: number })[] = [];
  const errors: CsvError[] = [];
  for (const record of table.records) {
    const result = schema.safeParse(record.cells);
    if (result.success) {
      rows.push({ ...(result.data as object), row: record.row } as z.output<S> & { row: number });
    } else {
      for (const issue of result.error.issues) {
        const column = issue.path.length > 0 ? String(issue.path[0]) : null;
        errors.push({ row: record.row, column, message: issue.message });
      }
    }
  }
  return { rows, errors };
}

/**
 * Reports rows that repeat another row's key (a work order, an email…): the later
 * row is the error, pointing at the first.
 */
export function duplicateErrors<T extends { row: number }>(
  rows: readonly T[],
  keyOf: (row: T) => string | null,
  column: string,
  what: (row: T) => string,
): CsvError[] {
  const first = new Map<string, number>();
  const errors: CsvError[] = [];
  for (const r of rows) {
    const key = keyOf(r);
    if (key === null) continue;
    const earlier = first.get(key);
    if (earlier !== undefined) errors.push({ row: r.row, column, message: `${what(r)} already appears on row ${earlier}` });
    else first.set(key, r.row);
  }
  return errors;
}

/** Errors in spreadsheet order: by row, then by the column order of the kind. */
export function sortErrors(errors: CsvError[], columns: readonly CsvColumn[]): CsvError[] {
  const order = new Map(columns.map((c, i) => [c.key, i]));
  return [...errors].sort((a, b) => a.row - b.row || (order.get(a.column ?? "") ?? -1) - (order.get(b.column ?? "") ?? -1));
}

/**
 * One error as a person reads it.
 *
 * @example formatCsvError({ row: 7, column: "estimated_minutes", message: "must be a whole number of minutes, got 'ninety'" })
 * // "row 7, estimated_minutes: must be a whole number of minutes, got 'ninety'"
 */
export function formatCsvError(e: CsvError): string {
  return e.column ? `row ${e.row}, ${e.column}: ${e.message}` : `row ${e.row}: ${e.message}`;
}

/**
 * Reads a file of one kind: header, cells through the row schema, then checks
 * across rows. The shared path behind every `parse…Csv`.
 */
export function parseCsvWith<S extends z.ZodType>(
  text: string,
  columns: readonly CsvColumn[],
  schema: S,
  across: (rows: (z.output<S> & { row: number })[]) => CsvError[] = () => [],
): CsvParseResult<z.output<S> & { row: number }> {
  const { table, errors: headerErrors } = readCsvTable(text, columns);
  const missing = columns.some((c) => c.required && !table.columns.includes(c.key));
  if (missing) {
    // without a required column every row would repeat the same complaint
    return { rows: [], errors: sortErrors(headerErrors, columns), table };
  }
  const { rows, errors } = parseRecords(table, schema);
  const all = [...headerErrors, ...errors, ...across(rows)];
  if (table.records.length === 0) all.push({ row: 2, column: null, message: "the file has a header but no rows" });
  return { rows, errors: sortErrors(all, columns), table };
}

/** What a kind of file is: its columns, the schema of one row, and the checks across rows. */
export interface CsvSpec<S extends z.ZodType> {
  columns: readonly CsvColumn[];
  schema: S;
  across?: (rows: (z.output<S> & { row: number })[]) => CsvError[];
}

/** Where reading a large file has got to, for a progress bar. */
export interface ReadProgress {
  done: number;
  total: number;
}

export interface ReadCsvOptions {
  /** Refuse files with more data rows than this (the whole file, before any row is checked). */
  maxRows?: number;
  /** Rows checked between two yields to the event loop (other requests run in between). */
  batch?: number;
  onProgress?: (p: ReadProgress) => void;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * {@link parseCsvWith} for large files: the rows are checked in batches, giving the
 * event loop back between batches so one big file never stalls other requests of
 * the same server, and a file over `maxRows` is refused before its rows are read.
 *
 * @example await readCsvFile(text, { columns, schema }, { maxRows: 50_000, onProgress: (p) => console.log(p.done) })
 */
export async function readCsvFile<S extends z.ZodType>(
  text: string,
  spec: CsvSpec<S>,
  options: ReadCsvOptions = {},
): Promise<CsvParseResult<z.output<S> & { row: number }>> {
  const { table, errors: headerErrors } = readCsvTable(text, spec.columns);
  const total = table.records.length;
  if (options.maxRows !== undefined && total > options.maxRows) {
    const message = `the file has ${total.toLocaleString("en-US")} rows; at most ${options.maxRows.toLocaleString("en-US")} can be imported at once — split it into smaller files`;
    return { rows: [], errors: [{ row: 1, column: null, message }], table };
  }
  if (spec.columns.some((c) => c.required && !table.columns.includes(c.key))) {
    return { rows: [], errors: sortErrors(headerErrors, spec.columns), table };
  }
  const batch = options.batch ?? 1_000;
  const rows: (z.output<S> & { row: number })[] = [];
  const errors: CsvError[] = [...headerErrors];
  for (let i = 0; i < total; i += batch) {
    const part = parseRecords({ columns: table.columns, records: table.records.slice(i, i + batch) }, spec.schema);
    rows.push(...part.rows);
    errors.push(...part.errors);
    options.onProgress?.({ done: Math.min(i + batch, total), total });
    if (i + batch < total) await yieldToEventLoop();
  }
  errors.push(...(spec.across?.(rows) ?? []));
  if (total === 0) errors.push({ row: 2, column: null, message: "the file has a header but no rows" });
  return { rows, errors: sortErrors(errors, spec.columns), table };
}

// ---------------------------------------------------------------------------
// Writing

export type CsvCell = string | number | boolean | null | undefined;

/** Cells a spreadsheet would run as a formula (OWASP: = + - @ tab CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell made safe to open in a spreadsheet: a leading = + - @ gets a `'`.
 * Numbers are written as numbers and need no guard.
 *
 * @example guardFormula("=HYPERLINK(\"http://x\")") // "'=HYPERLINK(\"http://x\")"
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A CSV that Excel, Numbers and LibreOffice open cleanly: UTF-8 BOM, CRLF, cells
 * quoted where needed (also on `;`, for spreadsheets set to that delimiter), text
 * starting with = + - @ guarded, yes/no for booleans.
 *
 * @example toCsv(["name", "active"], [["Ali", true]]) // "\uFEFFname,active\r\nAli,yes\r\n"
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const data = rows.map((r) => r.map((c) => (typeof c === "boolean" ? (c ? "yes" : "no") : c ?? "")));
  const body = Papa.unparse(
    { fields: [...header], data },
    {
      newline: "\r\n",
      escapeFormulae: FORMULA_START,
      quotes: (value: unknown) => typeof value === "string" && value.includes(";"),
    },
  );
  // with no rows Papa ends the header with a newline of its own
  return `\uFEFF${body.replace(/\r\n$/, "")}\r\n`;
}
