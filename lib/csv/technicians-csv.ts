/**
 * The technicians file: one technician a row, with skills, home base, weekly shifts
 * (`mon` … `sun` as "08:00-16:30", empty for a day off) and whether they are active.
 * A column left out of the file leaves that field as it is.
 */
import { z } from "zod";
import { coordinate, email, list, optionalText, requiredText, shift, yesNo } from "@/lib/csv/csv-cells";
import { duplicateErrors, parseCsvWith, toCsv, type CsvColumn, type CsvParseResult, type CsvSpec } from "@/lib/csv/csv-core";

export const WEEKDAY_COLUMNS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type WeekdayColumn = (typeof WEEKDAY_COLUMNS)[number];
const WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

export const TECHNICIAN_COLUMNS: CsvColumn[] = [
  { key: "name", aliases: ["technician", "full name"], required: true },
  { key: "email", aliases: ["e-mail", "email address"] },
  { key: "phone", aliases: ["mobile", "phone number"] },
  { key: "skills", aliases: ["certifications"] },
  { key: "home_lat", aliases: ["lat", "latitude"], required: true },
  { key: "home_lng", aliases: ["lng", "lon", "longitude"], required: true },
  { key: "home_address", aliases: ["address"] },
  ...WEEKDAY_COLUMNS.map((key, i) => ({ key, aliases: [WEEKDAY_NAMES[i]] })),
  { key: "active" },
  { key: "external_id", aliases: ["external id", "employee id", "employee number", "technician id"] },
];

const TechnicianRow = z
  .object({
    name: requiredText(200),
    email: email().optional(),
    phone: optionalText(40).optional(),
    skills: list("skills", 20, 60).optional(),
    home_lat: coordinate("latitude", true),
    home_lng: coordinate("longitude", true),
    home_address: optionalText(300).optional(),
    mon: shift().optional(),
    tue: shift().optional(),
    wed: shift().optional(),
    thu: shift().optional(),
    fri: shift().optional(),
    sat: shift().optional(),
    sun: shift().optional(),
    active: yesNo().optional(),
    external_id: optionalText(100).optional(),
  })
  .transform((r) => {
    // ISO weekday → shift, only for the weekday columns the file has
    const shifts: Partial<Record<number, { start: string; end: string } | null>> = {};
    WEEKDAY_COLUMNS.forEach((key, i) => {
      if (r[key] !== undefined) shifts[i + 1] = r[key];
    });
    return {
      name: r.name,
      email: r.email,
      phone: r.phone,
      skills: r.skills,
      home: { lat: r.home_lat as number, lng: r.home_lng as number },
      homeAddress: r.home_address,
      shifts,
      active: r.active === undefined ? undefined : (r.active ?? true),
      externalId: r.external_id,
    };
  });

/**
 * A technician as the file describes them. `undefined` = the column is not in the
 * file (keep what is there); `null` = the cell is empty (clear it).
 */
export interface TechnicianCsvRow {
  row: number;
  name: string;
  email: string | null | undefined;
  phone: string | null | undefined;
  skills: string[] | undefined;
  home: { lat: number; lng: number };
  homeAddress: string | null | undefined;
  /** ISO weekday (1 = Monday) → that day's shift, or null for a day off; missing weekdays are left as they are. */
  shifts: Partial<Record<number, { start: string; end: string } | null>>;
  active: boolean | undefined;
  /** The technician's id in the system the file comes from; unique in the company. */
  externalId: string | null | undefined;
}

/**
 * Parses a technicians CSV.
 *
 * @example
 * parseTechniciansCsv("name,home_lat,home_lng,mon\r\nAli Haddad,41.88,-87.63,08:00-16:30")
 * // { rows: [{ row: 2, name: "Ali Haddad", home: { lat: 41.88, lng: -87.63 }, shifts: { 1: { start: "08:00", end: "16:30" } }, … }], errors: [] }
 */
export function parseTechniciansCsv(text: string): CsvParseResult<TechnicianCsvRow> {
  return parseCsvWith(text, TECHNICIAN_COLUMNS, TechnicianRow, techniciansAcross);
}

function techniciansAcross(rows: TechnicianCsvRow[]) {
  return [
    ...duplicateErrors(rows, (r) => r.externalId ?? null, "external_id", (r) => `the external id ${r.externalId}`),
    ...duplicateErrors(rows, (r) => r.email?.toLowerCase() ?? null, "email", (r) => `the email ${r.email}`),
    ...duplicateErrors(rows, (r) => (r.email || r.externalId ? null : r.name.toLowerCase()), "name", (r) => `the technician ${r.name}`),
  ];
}

/** The technicians file for {@link readCsvFile}. */
export const TECHNICIANS_SPEC = { columns: TECHNICIAN_COLUMNS, schema: TechnicianRow, across: techniciansAcross } satisfies CsvSpec<typeof TechnicianRow>;

/** What the technicians export writes for one technician. */
export interface TechnicianExport {
  name: string;
  email: string | null;
  phone: string | null;
  skills: string[];
  home: { lat: number; lng: number };
  homeAddress: string | null;
  /** ISO weekday → "HH:MM" start and end. */
  shifts: Partial<Record<number, { start: string; end: string }>>;
  active: boolean;
  externalId?: string | null;
}

/** The technicians as a CSV that imports back unchanged. */
export function serializeTechnicians(technicians: readonly TechnicianExport[]): string {
  return toCsv(
    TECHNICIAN_COLUMNS.map((c) => c.key),
    technicians.map((t) => [
      t.name,
      t.email,
      t.phone,
      t.skills.join("; "),
      t.home.lat,
      t.home.lng,
      t.homeAddress,
      ...WEEKDAY_COLUMNS.map((_, i) => {
        const s = t.shifts[i + 1];
        return s ? `${s.start}-${s.end}` : "";
      }),
      t.active,
      t.externalId,
    ]),
  );
}
