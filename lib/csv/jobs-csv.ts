/** The jobs list's current filter as CSV (what /jobs shows, every page). */
import { toCsv } from "@/lib/csv/csv-core";
import { writeDateTime } from "@/lib/csv/csv-cells";
import { PRIORITY_LABEL, STATUS_LABEL } from "@/lib/board-format";
import type { JobListItem } from "@/lib/db/jobs-search";

export const JOBS_HEADER = ["work_order", "customer", "site", "address", "city", "description", "priority", "status", "technician", "start", "end", "window_start", "window_end", "recurring", "created"] as const;

/** @example serializeJobs([job], "America/Chicago") // "work_order,customer,…\r\nWO-1042,Dana Whitfield,…" */
export function serializeJobs(rows: readonly JobListItem[], timeZone: string): string {
  const t = (iso: string | null) => writeDateTime(iso, timeZone);
  return toCsv(
    JOBS_HEADER,
    rows.map((r) => [
      r.workOrder,
      r.customerName,
      r.siteLabel,
      r.address,
      r.city,
      r.description,
      PRIORITY_LABEL[r.priority],
      STATUS_LABEL[r.status],
      r.technicianName,
      t(r.start),
      t(r.end),
      t(r.windowStart),
      t(r.windowEnd),
      r.seriesId ? "yes" : "no",
      t(r.createdAt),
    ]),
  );
}
