import type { Queryable } from "@/lib/db/client";
import { ROWS_PER_CHANGE, groupChanges, type AuditChange } from "@/lib/audit/group";
import { referencesOf, withNamesFromRecords } from "@/lib/audit/references";
import { EMPTY_NAMES, type AuditAction, type AuditNames, type AuditRecord } from "@/lib/audit/types";
import { dayRange } from "@/lib/time/zoned-time";

export interface AuditFilter {
  /** Only this calendar day (YYYY-MM-DD) in the company's time zone. */
  date?: string | null;
  /** Only this person's changes (a user id), or "system" for changes nobody signed in made. */
  actor?: string | null;
  /** Only changes touching jobs whose work order contains this text (case-insensitive). */
  job?: string | null;
  /** 1-based. */
  page?: number;
  /** Changes per page. */
  pageSize?: number;
}

export interface AuditPage {
  /** One per change (the rows of one transaction), newest first. */
  changes: AuditChange[];
  /** Every row of those changes, in the same order. */
  entries: AuditRecord[];
  /** Names of everyone and everything the entries mention. */
  names: AuditNames;
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export interface AuditActor {
  id: string;
  name: string;
}

export const AUDIT_PAGE_SIZE = 50;

const iso = (v: unknown): string => new Date(v as string | Date).toISOString();
const json = (v: unknown): Record<string, unknown> | null =>
  v == null ? null : typeof v === "string" ? (JSON.parse(v) as Record<string, unknown>) : (v as Record<string, unknown>);

/** `%text%` for ILIKE, with the person's own % and _ taken literally. */
const containing = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The ids of audit rows about jobs whose work order contains `text`: the jobs, their
 * visits (helpers are recorded under their visit's id) and their board changes. All
 * of them are `row_id`s, so the trail is then searched through its row_id index.
 */
async function rowIdsOfJobs(tx: Queryable, orgId: string, text: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `with matched as (select id from public.jobs where org_id = $1 and work_order ilike $2)
     select id from matched
     union all select s.id from public.assignments s where s.org_id = $1 and s.job_id in (select id from matched)
     union all select c.id from public.board_changes c where c.org_id = $1 and c.job_id in (select id from matched)`,
    [orgId, containing(text)],
  );
  return rows.map((r) => r.id);
}

/**
 * Names for the ids a page mentions: one query per kind of thing, never one per row.
 * Row-level security keeps it to the caller's company.
 */
export async function loadAuditNames(tx: Queryable, orgId: string, records: AuditRecord[]): Promise<AuditNames> {
  const refs = referencesOf(records);
  const lookup = async (ids: string[], sql: string): Promise<Record<string, string>> => {
    if (ids.length === 0) return {};
    const rows = await tx.query<{ id: string; label: string }>(sql, [ids, orgId]);
    return Object.fromEntries(rows.map((r) => [r.id, r.label]));
  };
  const [people, technicians, jobs, customers, assignments] = await Promise.all([
    lookup(
      refs.people,
      `select p.id, p.full_name as label from public.profiles p
        where p.id = any($1::uuid[])
          and (p.id = (select auth.uid()) or exists (select 1 from public.memberships m where m.user_id = p.id and m.org_id = $2))`,
    ),
    lookup(refs.technicians, "select id, name as label from public.technicians where id = any($1::uuid[]) and org_id = $2"),
    lookup(refs.jobs, "select id, work_order as label from public.jobs where id = any($1::uuid[]) and org_id = $2"),
    lookup(refs.customers, "select id, name as label from public.customers where id = any($1::uuid[]) and org_id = $2"),
    lookup(
      refs.assignments,
      `select s.id, j.work_order as label from public.assignments s join public.jobs j on j.id = s.job_id
        where s.id = any($1::uuid[]) and s.org_id = $2`,
    ),
  ]);
  return withNamesFromRecords({ ...EMPTY_NAMES, people, technicians, jobs, customers, assignments }, records);
}

/**
 * One page of a company's audit trail, newest change first, filtered by day, person
 * and job. A change is what one transaction wrote (rows of a transaction share its
 * time and id), so a drag's job, visit and board-change rows are one entry. Row-level
 * security decides who may read it (admins and dispatchers); anyone else gets an
 * empty page.
 */
export async function loadAuditPage(tx: Queryable, orgId: string, timeZone: string, filter: AuditFilter = {}): Promise<AuditPage> {
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  const pageSize = Math.max(1, Math.min(200, Math.floor(filter.pageSize ?? AUDIT_PAGE_SIZE)));
  const empty: AuditPage = { changes: [], entries: [], names: EMPTY_NAMES, page, pageSize, hasMore: false };
  const params: unknown[] = [orgId];
  const where = ["a.org_id = $1"];
  const bind = (v: unknown) => `$${params.push(v)}`;

  if (filter.date) {
    const { start, end } = dayRange(filter.date, timeZone);
    where.push(`a.at >= ${bind(start.toISOString())}::timestamptz`, `a.at < ${bind(end.toISOString())}::timestamptz`);
  }
  if (filter.actor === "system") where.push("a.actor_id is null");
  else if (filter.actor) where.push(`a.actor_id = ${bind(filter.actor)}::uuid`);
  // with a job filter, only the rows about the job are loaded (the others of the same
  // change are counted), and they tell the change
  let focus = "false";
  if (filter.job) {
    const ids = await rowIdsOfJobs(tx, orgId, filter.job);
    if (ids.length === 0) return empty;
    const idsParam = bind(ids);
    where.push(`a.row_id = any(${idsParam}::uuid[])`);
    focus = `coalesce(a.row_id = any(${idsParam}::uuid[]), false)`;
  }

  // Page by transaction time (an index walk that stops at the page's end), then load
  // each change's rows; rows of two transactions that started at the same instant are
  // told apart by their transaction id.
  const rows = await tx.query<Record<string, unknown>>(
    `with page as (
       select distinct a.at from public.audit_log a
        where ${where.join(" and ")}
        order by a.at desc
        limit ${bind(pageSize + 1)} offset ${bind((page - 1) * pageSize)}
     )
     select r.*, p.at as change_at
       from page p
       cross join lateral (
         select a.id as nid, a.id::text as id, a.at, a.actor_id, a.action, a.table_name, a.row_id, a.before, a.after, a.context,
                coalesce(a.txid::text, '') as txid, count(*) over (partition by a.txid) as row_count,
                ${focus} as focus,
                row_number() over (partition by a.txid order by ${focus} desc, a.id) as nth
           from public.audit_log a
          where a.org_id = $1 and a.at = p.at
       ) r
      where r.nth <= ${ROWS_PER_CHANGE}${filter.job ? " and r.focus" : ""}
      order by p.at desc, r.nid`,
    params,
  );
  if (rows.length === 0) return empty;
  const times = [...new Set(rows.map((r) => iso(r.change_at)))];
  const shown = new Set(times.slice(0, pageSize));
  const changes = groupChanges(
    rows
      .filter((r) => shown.has(iso(r.change_at)))
      .map((r) => ({
        id: r.id as string,
        at: iso(r.at),
        actorId: (r.actor_id as string | null) ?? null,
        action: r.action as AuditAction,
        tableName: r.table_name as string,
        rowId: (r.row_id as string | null) ?? null,
        before: json(r.before),
        after: json(r.after),
        context: json(r.context),
        changeKey: `${iso(r.at)}/${r.txid as string}`,
        rowCount: Number(r.row_count),
        focus: r.focus === true,
      })),
  );
  // newest change first; two changes of one instant, the later-written first
  changes.sort((x, y) => (x.at === y.at ? Number(y.records[0].id) - Number(x.records[0].id) : x.at < y.at ? 1 : -1));
  const entries = changes.flatMap((c) => c.records);
  const names = await loadAuditNames(tx, orgId, entries);
  return { changes, entries, names, page, pageSize, hasMore: times.length > pageSize };
}

/** The company's members, for the "by person" filter, by name. */
export async function listAuditActors(tx: Queryable, orgId: string): Promise<AuditActor[]> {
  const rows = await tx.query<{ id: string; full_name: string }>(
    `select p.id, p.full_name from public.memberships m join public.profiles p on p.id = m.user_id
      where m.org_id = $1 order by p.full_name, p.id`,
    [orgId],
  );
  return rows.map((r) => ({ id: r.id, name: r.full_name }));
}
