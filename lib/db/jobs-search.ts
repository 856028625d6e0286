/**
 * Finding any job again: by work order, customer, address, status, date range and
 * technician, newest first, one page at a time (and the same filter as CSV). The
 * text match runs in `search_job_ids` with its trigram index, each way into a date
 * range uses its own index, so a search stays fast at 100,000 jobs.
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
  // a control character (a pasted tab or line break) searches as a space: the search text keeps one field per line
  const q = filter.q?.replace(/[\u0000-\u001f\u007f]/g, " ").trim();
  // With words to find, the jobs to filter and sort are the ones search_job_ids matched (its
  // trigram indexes work there, see its migrations), with the columns the filters read, so
  // a common word's thousands of jobs are not read a second time; without, the company's jobs.
  const found = q ? `with found as materialized (select m.id, m.created_at, m.status, m.customer_id, m.window_start from public.search_job_ids($1, ${bind(q)}) m) ` : "";
  const source = q ? "found j" : "public.jobs j";
  const where = q ? [] : ["j.org_id = $1"];
  if (filter.status?.length) where.push(`j.status = any(${bind(filter.status)}::text[])`);
  if (filter.customerId) where.push(`j.customer_id = ${bind(filter.customerId)}::uuid`);
  if (filter.technicianId) {
    const t = bind(filter.technicianId);
    where.push(`j.id in (select a2.job_id from public.assignments a2 where a2.org_id = $1 and a2.active
                           and (a2.leader_id = ${t}::uuid or exists (select 1 from public.assignment_helpers h where h.assignment_id = a2.id and h.technician_id = ${t}::uuid)))`);
  }
  const limit = bind(pageSize + 1);
  const offset = bind((page - 1) * pageSize);
  const newestFirst = (conditions: string[], cut: string) =>
    `select j.id, j.created_at from ${source} where ${conditions.length ? conditions.join(" and ") : "true"} order by j.created_at desc, j.id desc limit ${cut}`;
  let pageIds: string;
  if (filter.from || filter.to) {
    // an open end is left out rather than bound as ±infinity (a client may not send infinity as a time)
    const start = filter.from ? bind(dayRange(filter.from, timeZone).start.toISOString()) : null;
    const end = filter.to ? bind(dayRange(filter.to, timeZone).end.toISOString()) : null;
    const within = (column: string) =>
      [start && `${column} >= ${start}::timestamptz`, end && `${column} < ${end}::timestamptz`].filter(Boolean).join(" and ");
    // A job is in the range by its visit, its requested window or the day it was entered.
    // Each of the three is found through its own index and cut at the end of the page
    // asked for: the page of their union is the page of jobs in the range, without
    // checking every job of the company against all three.
    const through = bind(page * pageSize + 1);
    const ways = [
      `j.id in (select a3.job_id from public.assignments a3 where a3.org_id = $1 and a3.active and ${within("a3.starts_at")})`,
      within("j.window_start"),
      within("j.created_at"),
    ];
    pageIds = `${found}select p.id, p.created_at from (${ways.map((way) => `(${newestFirst([...where, way], through)})`).join(" union ")}) p
                order by p.created_at desc, p.id desc limit ${limit} offset ${offset}`;
  } else {
    pageIds = `${found}${newestFirst(where, limit)} offset ${offset}`;
  }
  const rows = await tx.query<Record<string, unknown>>(
    `select j.id, j.work_order, j.customer_id, c.name as customer_name, j.description, j.address, j.city, s.label as site_label,
            j.status, j.priority, a.starts_at, a.ends_at, t.name as technician_name, j.window_start, j.window_end, j.series_id, j.created_at
       from (${pageIds}) p
       join public.jobs j on j.id = p.id and j.org_id = $1
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
