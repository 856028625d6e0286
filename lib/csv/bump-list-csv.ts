/**
 * The bump list as CSV: which visits an urgent job pushed, from when and whom to
 * when and whom, at what added travel and why. Times local to the company.
 */
import { toCsv } from "@/lib/csv/csv-core";
import { writeDateTime } from "@/lib/csv/csv-cells";

export interface BumpListWindow {
  /** ISO instants. */
  start: string;
  end: string;
}

export interface BumpListRow {
  workOrder: string;
  customerName: string;
  /** Null when the visit had no slot before (or has none after: unscheduled). */
  oldWindow: BumpListWindow | null;
  newWindow: BumpListWindow | null;
  technicianBefore: string | null;
  technicianAfter: string | null;
  addedTravelMin: number | null;
  reason: string;
}

export const BUMP_LIST_HEADER = [
  "work_order",
  "customer",
  "old_window",
  "new_window",
  "technician_before",
  "technician_after",
  "added_travel_min",
  "reason",
] as const;

/**
 * A window as one cell: "2026-11-23 09:00-11:00", or both dates when it crosses midnight.
 *
 * @example formatWindowCell({ start: "2026-11-23T15:00:00Z", end: "2026-11-23T17:00:00Z" }, "America/Chicago") // "2026-11-23 09:00-11:00"
 */
export function formatWindowCell(window: BumpListWindow | null, timeZone: string): string {
  if (!window) return "";
  const from = writeDateTime(window.start, timeZone);
  const to = writeDateTime(window.end, timeZone);
  return from.slice(0, 10) === to.slice(0, 10) ? `${from}-${to.slice(11)}` : `${from} - ${to}`;
}

/**
 * The bump list of an urgent insertion as a CSV file.
 *
 * @example
 * serializeBumpList([{ workOrder: "WO-1042", customerName: "Oak Dental", oldWindow: …, newWindow: …,
 *   technicianBefore: "Ali Haddad", technicianAfter: "Sam Okafor", addedTravelMin: 12, reason: "lowest harm: no SLA, customer reachable" }], "America/Chicago")
 */
export function serializeBumpList(rows: readonly BumpListRow[], timeZone: string): string {
  return toCsv(
    BUMP_LIST_HEADER,
    rows.map((r) => [
      r.workOrder,
      r.customerName,
      formatWindowCell(r.oldWindow, timeZone),
      formatWindowCell(r.newWindow, timeZone),
      r.technicianBefore,
      r.technicianAfter,
      r.addedTravelMin,
      r.reason,
    ]),
  );
}
