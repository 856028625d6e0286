/**
 * The board file: one job a row (by work order) and, optionally, who does it when.
 * Times are the company's local "YYYY-MM-DD HH:MM" or ISO 8601 with an offset.
 *
 * Empty cells: text, skills, window and deadline are cleared; priority, SLA,
 * minutes and the location (address, city, lat, lng) are "not given" — a new job
 * takes them from the company's rules or the customer, an existing job keeps them.
 * With a `technician` column, an empty technician means "not scheduled".
 */
import { z } from "zod";
import { coordinate, dateTime, list, optionalText, priority, requiredText, wholeNumber, writeDateTime, yesNo } from "@/lib/csv/csv-cells";
import { duplicateErrors, parseCsvWith, toCsv, type CsvColumn, type CsvParseResult, type CsvSpec } from "@/lib/csv/csv-core";
import { PRIORITY_LABEL, STATUS_LABEL } from "@/lib/board-format";

export const BOARD_COLUMNS: CsvColumn[] = [
  { key: "work_order", aliases: ["wo", "work order number", "job"], required: true },
  { key: "customer", aliases: ["customer name"], required: true },
  { key: "description", aliases: ["job description", "work"] },
  { key: "priority" },
  { key: "required_skills", aliases: ["skills"] },
  { key: "estimated_minutes", aliases: ["minutes", "duration", "duration_min"] },
  { key: "address", aliases: ["site address"] },
  { key: "city" },
  { key: "lat", aliases: ["latitude"] },
  { key: "lng", aliases: ["lon", "longitude"] },
  { key: "window_start", aliases: ["arrival from"] },
  { key: "window_end", aliases: ["arrival to"] },
  { key: "deadline", aliases: ["due", "finish by"] },
  { key: "sla_protected", aliases: ["sla"] },
  { key: "notes" },
  { key: "technician", aliases: ["leader", "crew leader", "assigned to"] },
  { key: "helpers" },
  { key: "start", aliases: ["starts", "start time"] },
  { key: "end", aliases: ["ends", "end time"] },
  // written by the board export for people; the import leaves them to the board
  { key: "status", informational: true },
  { key: "contract", informational: true },
];

export interface BoardCsvOptions {
  /** The company's IANA time zone: local times in the file are read in it. */
  timeZone: string;
}

/** One crew on one visit, by technician name or email. */
export interface BoardCsvAssignment {
  technician: string;
  /** undefined = the file has no helpers column (keep the job's current helpers). */
  helpers: string[] | undefined;
  start: string;
  end: string;
}

/** A job row: `undefined` = column not in the file (or, for defaults, the cell is empty). */
export interface BoardCsvRow {
  row: number;
  workOrder: string;
  /** The customer's name. */
  customer: string;
  description: string | undefined;
  priority: 1 | 2 | 3 | 4 | undefined;
  requiredSkills: string[] | undefined;
  estimatedMinutes: number | undefined;
  address: string | undefined;
  city: string | undefined;
  location: { lat: number; lng: number } | undefined;
  windowStart: string | null | undefined;
  windowEnd: string | null | undefined;
  deadline: string | null | undefined;
  slaProtected: boolean | undefined;
  notes: string | null | undefined;
  /** undefined = no technician column; null = not scheduled. */
  assignment: BoardCsvAssignment | null | undefined;
}

const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

function boardRow(timeZone: string) {
  return z
    .object({
      work_order: requiredText(64),
      customer: requiredText(200),
      description: optionalText(2000).optional(),
      priority: priority().optional(),
      required_skills: list("skills", 20, 60).optional(),
      estimated_minutes: wholeNumber("minutes", 1, 24 * 60).optional(),
      address: optionalText(300).optional(),
      city: optionalText(120).optional(),
      lat: coordinate("latitude").optional(),
      lng: coordinate("longitude").optional(),
      window_start: dateTime(timeZone).optional(),
      window_end: dateTime(timeZone).optional(),
      deadline: dateTime(timeZone).optional(),
      sla_protected: yesNo().optional(),
      notes: optionalText(2000).optional(),
      technician: optionalText(200).optional(),
      helpers: list("helpers", 10, 200).optional(),
      start: dateTime(timeZone).optional(),
      end: dateTime(timeZone).optional(),
    })
    .superRefine((r, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      if ((r.lat ?? null) === null !== ((r.lng ?? null) === null)) issue(r.lat == null ? "lat" : "lng", "give both lat and lng, or neither");
      if ((r.window_start === undefined) !== (r.window_end === undefined)) issue(r.window_start === undefined ? "window_start" : "window_end", "window_start and window_end go together: add both columns, or neither");
      else if (Boolean(r.window_start) !== Boolean(r.window_end)) issue(r.window_start ? "window_end" : "window_start", "give both ends of the arrival window, or neither");
      else if (r.window_start && r.window_end && Date.parse(r.window_end) <= Date.parse(r.window_start)) issue("window_end", "the arrival window must end after it starts");
      if (r.technician) {
        if (!r.start) issue("start", "is required when a technician is given");
        if (!r.end) issue("end", "is required when a technician is given");
        if (r.start && r.end && Date.parse(r.end) <= Date.parse(r.start)) issue("end", "must be after start");
        else if (r.start && r.end && Date.parse(r.end) - Date.parse(r.start) > 24 * 3_600_000) issue("end", "a visit lasts at most 24 hours");
        const lower = r.technician.toLowerCase();
        if (r.helpers?.some((h) => h.toLowerCase() === lower)) issue("helpers", `${r.technician} leads the crew and cannot also be a helper`);
      } else {
        if (r.helpers && r.helpers.length > 0) issue("helpers", "needs a technician to lead the crew");
        if (r.start || r.end) issue("technician", "is required when start or end is given");
      }
    })
    .transform(
      (r): Omit<BoardCsvRow, "row"> => ({
        workOrder: r.work_order,
        customer: r.customer,
        description: r.description === undefined ? undefined : (r.description ?? ""),
        priority: orUndefined(r.priority),
        requiredSkills: r.required_skills,
        estimatedMinutes: orUndefined(r.estimated_minutes),
        address: orUndefined(r.address),
        city: orUndefined(r.city),
        location: r.lat != null && r.lng != null ? { lat: r.lat, lng: r.lng } : undefined,
        windowStart: r.window_start,
        windowEnd: r.window_end,
        deadline: r.deadline,
        slaProtected: orUndefined(r.sla_protected),
        notes: r.notes,
        assignment:
          r.technician === undefined
            ? undefined
            : r.technician === null
              ? null
              : { technician: r.technician, helpers: r.helpers, start: r.start!, end: r.end! },
      }),
    );
}

/**
 * Parses a board CSV; local times are read in `options.timeZone`.
 *
 * @example
 * parseBoardCsv("work_order,customer,estimated_minutes,technician,start,end\r\nWO-1,Lakeview Diner,60,Ali Haddad,2026-11-23 09:00,2026-11-23 10:00", { timeZone: "America/Chicago" })
 * // rows[0].assignment → { technician: "Ali Haddad", start: "2026-11-23T15:00:00.000Z", end: "2026-11-23T16:00:00.000Z", helpers: undefined }
 */
export function parseBoardCsv(text: string, options: BoardCsvOptions): CsvParseResult<BoardCsvRow> {
  const spec = boardCsvSpec(options);
  return parseCsvWith(text, spec.columns, spec.schema, spec.across);
}

/** The board file for {@link readCsvFile}; local times are read in `options.timeZone`. */
export function boardCsvSpec(options: BoardCsvOptions) {
  const schema = boardRow(options.timeZone);
  return {
    columns: BOARD_COLUMNS,
    schema,
    across: (rows: BoardCsvRow[]) => duplicateErrors(rows, (r) => r.workOrder.toLowerCase(), "work_order", (r) => `work order ${r.workOrder}`),
  } satisfies CsvSpec<typeof schema>;
}

/** One visit of the day as the board export writes it. */
export interface BoardExportRow {
  workOrder: string;
  customerName: string;
  technician: string | null;
  helpers: string[];
  start: string | null;
  end: string | null;
  status: keyof typeof STATUS_LABEL;
  priority: 1 | 2 | 3 | 4;
  city: string | null;
  slaProtected: boolean;
  contract: boolean;
  description: string;
  requiredSkills: string[];
  estimatedMinutes: number;
  address: string | null;
  location: { lat: number; lng: number };
  windowStart: string | null;
  windowEnd: string | null;
  deadline: string | null;
  notes: string | null;
}

/** The export's column order: what a person reads first, then the rest of the job. */
export const BOARD_EXPORT_HEADER = [
  "work_order", "customer", "technician", "helpers", "start", "end", "status", "priority", "city", "sla_protected", "contract",
  "description", "required_skills", "estimated_minutes", "address", "lat", "lng", "window_start", "window_end", "deadline", "notes",
] as const;

/**
 * The revised board of a day as CSV, times local to `timeZone`. It imports back
 * unchanged (status and contract are for reading only).
 */
export function serializeBoard(rows: readonly BoardExportRow[], timeZone: string): string {
  const t = (iso: string | null) => writeDateTime(iso, timeZone);
  return toCsv(
    BOARD_EXPORT_HEADER,
    rows.map((r) => [
      r.workOrder,
      r.customerName,
      r.technician,
      r.helpers.join("; "),
      t(r.start),
      t(r.end),
      STATUS_LABEL[r.status],
      PRIORITY_LABEL[r.priority],
      r.city,
      r.slaProtected,
      r.contract,
      r.description,
      r.requiredSkills.join("; "),
      r.estimatedMinutes,
      r.address,
      r.location.lat,
      r.location.lng,
      t(r.windowStart),
      t(r.windowEnd),
      t(r.deadline),
      r.notes,
    ]),
  );
}

/** An empty board file with every column, to fill in. */
export function boardTemplateCsv(): string {
  return toCsv(BOARD_COLUMNS.filter((c) => !c.informational).map((c) => c.key), []);
}
