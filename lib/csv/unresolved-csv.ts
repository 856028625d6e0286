/**
 * The daily lists of what is left: unresolved (planned for the day and not done),
 * unassigned (still unscheduled) and overdue (past its deadline and not done).
 */
import { toCsv } from "@/lib/csv/csv-core";
import { writeDateTime } from "@/lib/csv/csv-cells";
import { PRIORITY_LABEL, STATUS_LABEL } from "@/lib/board-format";

export const UNRESOLVED_LISTS = ["unresolved", "unassigned", "overdue"] as const;
export type UnresolvedList = (typeof UNRESOLVED_LISTS)[number];

export interface UnresolvedRow {
  workOrder: string;
  customerName: string;
  priority: 1 | 2 | 3 | 4;
  status: keyof typeof STATUS_LABEL;
  technician: string | null;
  start: string | null;
  end: string | null;
  windowStart: string | null;
  windowEnd: string | null;
  deadline: string | null;
  city: string | null;
  slaProtected: boolean;
  contract: boolean;
  /** Why the job is on the list, in words: "not done by end of day", "past deadline by 2 h 10 min". */
  reason: string;
}

export const UNRESOLVED_HEADER = [
  "work_order", "customer", "priority", "status", "technician", "start", "end",
  "window_start", "window_end", "deadline", "city", "sla_protected", "contract", "reason",
] as const;

/** One of the daily lists as CSV, times local to `timeZone`. */
export function serializeUnresolved(rows: readonly UnresolvedRow[], timeZone: string): string {
  const t = (iso: string | null) => writeDateTime(iso, timeZone);
  return toCsv(
    UNRESOLVED_HEADER,
    rows.map((r) => [
      r.workOrder,
      r.customerName,
      PRIORITY_LABEL[r.priority],
      STATUS_LABEL[r.status],
      r.technician,
      t(r.start),
      t(r.end),
      t(r.windowStart),
      t(r.windowEnd),
      t(r.deadline),
      r.city,
      r.slaProtected,
      r.contract,
      r.reason,
    ]),
  );
}
