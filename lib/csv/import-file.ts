/**
 * Reading an import file of any kind: the header, every row through its kind's
 * schema (in batches, yielding between them), the checks across rows, and the row
 * cap. Pure apart from yielding to the event loop: text in, rows and errors out.
 */
import { readCsvFile, type CsvError, type CsvTable, type ReadProgress } from "@/lib/csv/csv-core";
import { boardCsvSpec, type BoardCsvRow } from "@/lib/csv/board-csv";
import { CUSTOMERS_SPEC, type CustomerCsvRow } from "@/lib/csv/customers-csv";
import { RULES_SPEC, toRuleRows, type RuleCsvRow } from "@/lib/csv/rules-csv";
import { TECHNICIANS_SPEC, type TechnicianCsvRow } from "@/lib/csv/technicians-csv";
import { MAX_IMPORT_ROWS, type ImportKind } from "@/lib/schemas/imports";

interface Read<K extends ImportKind, R> {
  kind: K;
  rows: R[];
  errors: CsvError[];
  table: CsvTable;
}

/** A file as read, by kind. */
export type ImportFile =
  | Read<"technicians", TechnicianCsvRow>
  | Read<"customers", CustomerCsvRow>
  | Read<"board", BoardCsvRow>
  | Read<"rules", RuleCsvRow>;

export interface ReadImportOptions {
  /** The company's time zone: local times in a board file are read in it. */
  timeZone: string;
  /** At most this many data rows (default {@link MAX_IMPORT_ROWS}). */
  maxRows?: number;
  onProgress?: (p: ReadProgress) => void;
}

/**
 * Reads a file of one kind.
 *
 * @example await readImportFile("customers", "name,city\r\nLakeview Diner,Chicago", { timeZone: "America/Chicago" })
 * // { kind: "customers", rows: [{ row: 2, name: "Lakeview Diner", city: "Chicago", … }], errors: [], table }
 */
export async function readImportFile(kind: ImportKind, text: string, options: ReadImportOptions): Promise<ImportFile> {
  const read = { maxRows: options.maxRows ?? MAX_IMPORT_ROWS, onProgress: options.onProgress };
  switch (kind) {
    case "technicians":
      return { kind, ...(await readCsvFile(text, TECHNICIANS_SPEC, read)) };
    case "customers":
      return { kind, ...(await readCsvFile(text, CUSTOMERS_SPEC, read)) };
    case "board":
      return { kind, ...(await readCsvFile(text, boardCsvSpec({ timeZone: options.timeZone }), read)) };
    case "rules": {
      const r = await readCsvFile(text, RULES_SPEC, read);
      return { kind, ...r, rows: toRuleRows(r.rows) };
    }
  }
}
