import { describe, expect, test } from "vitest";
import { decodeCsvBytes, templateFor } from "@/components/imports/import-kinds";
import { IMPORT_KINDS } from "@/lib/schemas/imports";
import { parseBoardCsv } from "@/lib/csv/board-csv";
import { parseCustomersCsv } from "@/lib/csv/customers-csv";
import { parseRulesCsv } from "@/lib/csv/rules-csv";
import { parseTechniciansCsv } from "@/lib/csv/technicians-csv";

describe("decodeCsvBytes", () => {
  test.each([
    ["UTF-8 with a BOM", new Uint8Array([0xef, 0xbb, 0xbf, 0x4a, 0x6f, 0x73, 0xc3, 0xa9]), "José"],
    ["UTF-8", new Uint8Array([0x4a, 0x6f, 0x73, 0xc3, 0xa9]), "José"],
    ["Excel's Windows-1252", new Uint8Array([0x4a, 0x6f, 0x73, 0xe9]), "José"],
  ])("%s", (_name, bytes, text) => expect(decodeCsvBytes(bytes)).toBe(text));
});

describe("templateFor", () => {
  const parse = {
    technicians: parseTechniciansCsv,
    customers: parseCustomersCsv,
    board: (t: string) => parseBoardCsv(t, { timeZone: "UTC" }),
    rules: parseRulesCsv,
  };
  test.each(IMPORT_KINDS)("the %s template's header is accepted as it is", (kind) => {
    const { text, filename } = templateFor(kind);
    expect(filename).toBe(`crewboard-${kind}-template.csv`);
    // only complaint: it has no rows yet
    expect(parse[kind](text).errors).toEqual([{ row: 2, column: null, message: "the file has a header but no rows" }]);
  });
});
