/**
 * What the CSV exports read: the revised board of a day, the daily lists of
 * unresolved, unassigned and overdue jobs, and an urgent request's bump list. Row-level security scopes every query;
 * the org filter is for the indexes.
 */
import type { Queryable } from "@/lib/db/client";
import { loadCompanySettings } from "@/lib/db/board";
import type { BoardExportRow } from "@/lib/csv/board-csv";
import type { UnresolvedList, UnresolvedRow } from "@/lib/csv/unresolved-csv";
import type { BumpListRow } from "@/lib/csv/bump-list-csv";
import { getUrgentRequest } from "@/lib/db/urgent-requests";
import { formatDuration } from "@/lib/board-format";
import { dayRange } from "@/lib/time/zoned-time";

export interface ExportData<R> {
  timeZone: string;
  rows: R[];
}

const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string | Date).toISOString());

const VISIT_COLUMNS = `j.work_order, c.name as customer_name, c.contract, j.status, j.priority, j.city, j.sla_protected,
  j.description, j.required_skills, j.estimated_minutes, j.address, j.lat, j.lng, j.window_start, j.window_end,
  j.deadline, j.notes`;

/** Every active visit on the day (in the company's zone), by technician and start. */
export async function loadBoardExport(tx: Queryable, orgId: string, date: string): Promise<ExportData<BoardExportRow> | null> {
  const company = await loadCompanySettings(tx, orgId);
  if (!company) return null;
  const { start, end } = dayRange(date, company.timeZone);
  const rows = await tx.query<Record<string, unknown>>(
    `select ${VISIT_COLUMNS}, a.starts_at, a.ends_at, lt.name as leader_name,
            array(select t.name from public.assignment_helpers h join public.technicians t on t.id = h.technician_id
                   where h.assignment_id = a.id order by t.name) as helper_names
       from public.assignments a
       join public.jobs j on j.id = a.job_id
       join public.customers c on c.id = j.customer_id
       join public.technicians lt on lt.id = a.leader_id
      where a.org_id = $1 and a.active and a.starts_at < $3 and a.ends_at > $2
      order by lt.name, a.starts_at, j.work_order`,
    [orgId, start.toISOString(), end.toISOString()],
  );
  return {
    timeZone: company.timeZone,
    rows: rows.map((r) => ({
      workOrder: r.work_order as string,
      customerName: r.customer_name as string,
      technician: r.leader_name as string,
      helpers: (r.helper_names as string[]) ?? [],
      start: iso(r.starts_at),
      end: iso(r.ends_at),
      status: r.status as BoardExportRow["status"],
      priority: Number(r.priority) as BoardExportRow["priority"],
      city: (r.city as string | null) ?? null,
      slaProtected: Boolean(r.sla_protected),
      contract: Boolean(r.contract),
      description: r.description as string,
      requiredSkills: (r.required_skills as string[]) ?? [],
      estimatedMinutes: Number(r.estimated_minutes),
      address: (r.address as string | null) ?? null,
      location: { lat: Number(r.lat), lng: Number(r.lng) },
      windowStart: iso(r.window_start),
      windowEnd: iso(r.window_end),
      deadline: iso(r.deadline),
      notes: (r.notes as string | null) ?? null,
    })),
  };
}

/**
 * One of the daily lists, as of `now`:
 * - unresolved: planned for the day (on the board, or its window or deadline falls in
 *   the day) and not done by the end of the day;
 * - unassigned: still unscheduled, and wanted by the end of the day (no window, or a
 *   window starting before the day ends);
 * - overdue: past its deadline (at the end of the day, or now if sooner) and not done.
 */
export async function loadUnresolvedList(
  tx: Queryable,
  orgId: string,
  date: string,
  list: UnresolvedList,
  now: Date,
): Promise<ExportData<UnresolvedRow> | null> {
  const company = await loadCompanySettings(tx, orgId);
  if (!company) return null;
  const { start, end } = dayRange(date, company.timeZone);
  const asOf = new Date(Math.min(now.getTime(), end.getTime()));
  const where = {
    unresolved: `j.status not in ('done', 'cancelled') and (
        (a.id is not null and a.starts_at < b.day_end and a.ends_at > b.day_start)
        or (a.id is null and ((j.window_start >= b.day_start and j.window_start < b.day_end)
                              or (j.deadline >= b.day_start and j.deadline < b.day_end))))`,
    unassigned: "j.status = 'unscheduled' and (j.window_start is null or j.window_start < b.day_end)",
    overdue: "j.status not in ('done', 'cancelled') and j.deadline < b.as_of",
  }[list];
  const rows = await tx.query<Record<string, unknown>>(
    `with b as (select $2::timestamptz as day_start, $3::timestamptz as day_end, $4::timestamptz as as_of)
     select ${VISIT_COLUMNS}, a.id as assignment_id, a.starts_at, a.ends_at, lt.name as leader_name
       from b, public.jobs j
       join public.customers c on c.id = j.customer_id
       left join public.assignments a on a.job_id = j.id and a.active
       left join public.technicians lt on lt.id = a.leader_id
      where j.org_id = $1 and ${where}
      order by j.priority, coalesce(a.starts_at, j.window_start, j.deadline) nulls last, j.work_order`,
    [orgId, start.toISOString(), end.toISOString(), asOf.toISOString()],
  );
  return {
    timeZone: company.timeZone,
    rows: rows.map((r) => {
      const deadline = iso(r.deadline);
      const status = r.status as UnresolvedRow["status"];
      const late = deadline ? Math.floor((asOf.getTime() - Date.parse(deadline)) / 60000) : 0;
      const reason =
        list === "overdue"
          ? `past its deadline by ${formatDuration(Math.max(late, 1))}`
          : status === "unscheduled"
            ? "still unscheduled"
            : `not done by the end of the day (${status.replace("_", " ")})`;
      return {
        workOrder: r.work_order as string,
        customerName: r.customer_name as string,
        priority: Number(r.priority) as UnresolvedRow["priority"],
        status,
        technician: (r.leader_name as string | null) ?? null,
        start: iso(r.starts_at),
        end: iso(r.ends_at),
        windowStart: iso(r.window_start),
        windowEnd: iso(r.window_end),
        deadline,
        city: (r.city as string | null) ?? null,
        slaProtected: Boolean(r.sla_protected),
        contract: Boolean(r.contract),
        reason,
      };
    }),
  };
}

/**
 * The bump list of an urgent request: the approved option's moved visits (or, before
 * approval, the best-ranked option's), with technicians by name. Null when the
 * request is not in the company.
 */
export async function loadBumpListExport(tx: Queryable, orgId: string, requestId: string): Promise<(ExportData<BumpListRow> & { workOrder: string }) | null> {
  const urgent = await getUrgentRequest(tx, orgId, requestId);
  if (!urgent) return null;
  const company = await loadCompanySettings(tx, orgId);
  if (!company) return null;
  const names = new Map(
    (await tx.query<{ id: string; name: string }>("select id, name from public.technicians where org_id = $1", [orgId])).map((t) => [t.id, t.name]),
  );
  const option = urgent.approvedOption ?? urgent.options[0] ?? null;
  const rows = (option?.bumped ?? []).map((b) => ({
    workOrder: b.workOrder,
    customerName: b.customerName,
    oldWindow: b.oldWindow,
    newWindow: b.newWindow,
    technicianBefore: names.get(b.old.leaderId) ?? "",
    technicianAfter: b.next ? (names.get(b.next.leaderId) ?? "") : "",
    addedTravelMin: option!.travelByTechnician.find((t) => b.next && t.technicianId === b.next.leaderId)?.addedMin ?? 0,
    reason: b.reason,
  }));
  return { workOrder: urgent.workOrder, timeZone: company.timeZone, rows };
}
