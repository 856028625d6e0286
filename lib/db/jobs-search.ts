/**
 * Finding any job again: by work order, customer, address, status, date range and
 * technician, newest first, one page at a time (and the same filter as CSV). The
 * text match runs in `search_job_ids` with its trigram indexes, the date range uses
 * its own indexes, so a search stays fast at 100,000 jobs.
 */
import type { Queryable } from "@/lib/db/client";
import { dayRange } from "@/lib/time/zoned-time";
import type { STATUS_LABEL } from "@/lib/board-format";

export type JobStatus = keyof typeof STATUS_LABEL;

export interface JobFilter {
  /** Work order, customer name or address contains this. */
  q?: string;
  status?: JobStatus[];
  /** YYYY-MM-DD, the company's days: the visit, the requested window or the day entered falls in [from, to]. */
  from?: string;
  to?: string;
  technicianId?: string;
  customerId?: string;
}

export interface JobListItem {
  id: string;
  workOrder: string;
  customerId: string;
  customerName: string;
  description: string;
  address: string | null;
  city: string | null;
  siteLabel: string | null;
  status: JobStatus;
  priority: 1 | 2 | 3 | 4;
  start: string | null;
  end: string | null;
  technicianName: string | null;
  windowStart: string | null;
  windowEnd: string | null;
  seriesId: string | null;
  createdAt: string;
}

export interface JobPage {
  items: JobListItem[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export const JOB_PAGE_SIZE = 50;

const iso = (v: unknown) => (v == null ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

/**
 * One page of the company's jobs matching `filter`, newest first.
 *
 * @example
 * await searchJobs(tx, orgId, "America/Chicago", { q: "WO-1042" }) // { items: [{ workOrder: "WO-1042", … }], hasMore: false, … }
 */
export async function searchJobs(
  tx: Queryable,
  orgId: string,
  timeZone: string,
  filter: JobFilter,
  options: { page?: number; pageSize?: number } = {},
): Promise<JobPage> {
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const pageSize = Math.max(1, Math.min(5000, Math.floor(options.pageSize ?? JOB_PAGE_SIZE)));
  const params: unknown[] = [orgId];
  const bind = (v: unknown) => `$${params.push(v)}`;
  const where = ["j.org_id = $1"];
  const q = filter.q?.trim();
  if (q) {
    // matched in search_job_ids, where the trigram indexes work (see its migration)
    where.push(`j.id in (select m.id from public.search_job_ids($1, ${bind(q)}) m)`);
  }
  if (filter.status?.length) where.push(`j.status = any(${bind(filter.status)}::text[])`);
  if (filter.customerId) where.push(`j.customer_id = ${bind(filter.customerId)}::uuid`);
  if (filter.technicianId) {
    const t = bind(filter.technicianId);
    where.push(`j.id in (select a2.job_id from public.assignments a2 where a2.org_id = $1 and a2.active
                           and (a2.leader_id = ${t}::uuid or exists (select 1 from public.assignment_helpers h where h.assignment_id = a2.id and h.technician_id = ${t}::uuid)))`);
  }
  if (filter.from || filter.to) {
    const start = bind(filter.from ? dayRange(filter.from, timeZone).start.toISOString() : "-infinity");
    const end = bind(filter.to ? dayRange(filter.to, timeZone).end.toISOString() : "infinity");
    where.push(`(j.id in (select a3.job_id from public.assignments a3 where a3.org_id = $1 and a3.active and a3.starts_at >= ${start}::timestamptz and a3.starts_at < ${end}::timestamptz)
                 or (j.window_start >= ${start}::timestamptz and j.window_start < ${end}::timestamptz)
                 or (j.created_at >= ${start}::timestamptz and j.created_at < ${end}::timestamptz))`);
  }
  const limit = bind(pageSize + 1);
  const offset = bind((page - 1) * pageSize);
  const rows = await tx.query<Record<string, unknown>>(
    `select j.id, j.work_order, j.customer_id, c.name as customer_name, j.description, j.address, j.city, s.label as site_label,
            j.status, j.priority, a.starts_at, a.ends_at, t.name as technician_name, j.window_start, j.window_end, j.series_id, j.created_at
       from (select j.* from public.jobs j where ${where.join(" and ")}
              order by j.created_at desc, j.id desc limit ${limit} offset ${offset}) j
       join public.customers c on c.id = j.customer_id
       left join public.customer_sites s on s.id = j.site_id
       left join public.assignments a on a.job_id = j.id and a.active
       left join public.technicians t on t.id = a.leader_id
      order by j.created_at desc, j.id desc`,
    params,
  );
  return {
    items: rows.slice(0, pageSize).map((r) => ({
      id: r.id as string,
      workOrder: r.work_order as string,
      customerId: r.customer_id as string,
      customerName: r.customer_name as string,
      description: r.description as string,
      address: (r.address as string | null) ?? null,
      city: (r.city as string | null) ?? null,
      siteLabel: (r.site_label as string | null) ?? null,
      status: r.status as JobStatus,
      priority: Number(r.priority) as 1 | 2 | 3 | 4,
      start: iso(r.starts_at),
      end: iso(r.ends_at),
      technicianName: (r.technician_name as string | null) ?? null,
      windowStart: iso(r.window_start),
      windowEnd: iso(r.window_end),
      seriesId: (r.series_id as string | null) ?? null,
      createdAt: iso(r.created_at)!,
    })),
    page,
    pageSize,
    hasMore: rows.length > pageSize,
  };
}
