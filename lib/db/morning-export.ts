/**
 * The morning export: at each company's chosen local time, one email per
 * dispatcher and admin with what is left — yesterday's unresolved visits, the
 * unassigned queue and everything overdue — as a CSV attachment, through the
 * outbox. A row in `morning_exports` (unique per company and local date) is
 * claimed in the same transaction that queues the emails, so however many app
 * instances run the worker loop at once, one of them queues it and the others
 * find the claim taken.
 */
import type { Db, Queryable } from "@/lib/db/client";
import { loadUnresolvedList } from "@/lib/db/exports";
import { withService } from "@/lib/db/with-user";
import { serializeUnresolved, type UnresolvedRow } from "@/lib/csv/unresolved-csv";
import { wallClock } from "@/lib/time/zoned-time";
import { addDays } from "@/lib/time/calendar-date";

export interface QueuedExport {
  orgId: string;
  date: string;
  rows: number;
  recipients: number;
}

/** The three lists for a company's morning, without repeating a work order. */
async function morningRows(tx: Queryable, orgId: string, today: string, now: Date): Promise<{ rows: UnresolvedRow[]; timeZone: string } | null> {
  const yesterday = await loadUnresolvedList(tx, orgId, addDays(today, -1), "unresolved", now);
  const unassigned = await loadUnresolvedList(tx, orgId, today, "unassigned", now);
  const overdue = await loadUnresolvedList(tx, orgId, today, "overdue", now);
  if (!yesterday || !unassigned || !overdue) return null;
  const seen = new Set<string>();
  const rows = [...overdue.rows, ...yesterday.rows, ...unassigned.rows].filter((r) => !seen.has(r.workOrder) && seen.add(r.workOrder));
  return { rows, timeZone: yesterday.timeZone };
}

/**
 * Claims and queues the morning export of one company for its local `date`;
 * null when another worker (or an earlier tick) already did.
 */
export async function queueMorningExport(tx: Queryable, orgId: string, date: string, now: Date): Promise<QueuedExport | null> {
  const [claim] = await tx.query<{ id: string }>(
    "insert into public.morning_exports (org_id, export_date) values ($1, $2) on conflict (org_id, export_date) do nothing returning id",
    [orgId, date],
  );
  if (!claim) return null;
  const [company] = await tx.query<{ name: string }>("select name from public.companies where id = $1", [orgId]);
  const list = await morningRows(tx, orgId, date, now);
  const people = await tx.query<{ email: string; full_name: string }>(
    `select p.email, p.full_name from public.memberships m join public.profiles p on p.id = m.user_id
      where m.org_id = $1 and m.role in ('admin', 'dispatcher') order by p.email`,
    [orgId],
  );
  const rows = list?.rows ?? [];
  const csv = serializeUnresolved(rows, list?.timeZone ?? "UTC");
  const count = (reason: (r: UnresolvedRow) => boolean) => rows.filter(reason).length;
  const overdue = count((r) => r.reason.startsWith("past its deadline"));
  const unassigned = count((r) => r.reason === "still unscheduled");
  const subject = `${company.name}: ${rows.length} unresolved job${rows.length === 1 ? "" : "s"} on ${date}`;
  const filename = `unresolved-${date}.csv`;
  const attachment = JSON.stringify([{ filename, content_type: "text/csv", content: Buffer.from(csv, "utf8").toString("base64") }]);
  for (const p of people) {
    const body = [
      `Good morning ${p.full_name},`,
      "",
      rows.length === 0
        ? `Nothing is left over at ${company.name} this morning.`
        : `${rows.length} job${rows.length === 1 ? " is" : "s are"} left over at ${company.name}: ${overdue} overdue, ${unassigned} unassigned, ${rows.length - overdue - unassigned} not finished yesterday.`,
      `The list is attached as ${filename}.`,
    ].join("\n");
    await tx.query(
      `insert into public.notifications (org_id, channel, recipient, recipient_kind, subject, body, kind, dedupe_key, attachments)
       values ($1, 'email', $2, 'user', $3, $4, 'morning_export', $5, $6::jsonb)
       on conflict (org_id, dedupe_key) do nothing`,
      [orgId, p.email, subject, body, `morning-export:${date}:${p.email}`, attachment],
    );
  }
  await tx.query("update public.morning_exports set rows = $2, recipients = $3 where id = $1", [claim.id, rows.length, people.length]);
  return { orgId, date, rows: rows.length, recipients: people.length };
}

/**
 * Queues every company's morning export whose local time has come today and that
 * has not gone out yet. Each company in its own transaction, as the service role.
 *
 * @example await queueDueMorningExports(db, now) // [{ orgId, date: "2026-12-02", rows: 7, recipients: 3 }]
 */
export async function queueDueMorningExports(db: Db, now: Date, options: { orgIds?: readonly string[] } = {}): Promise<QueuedExport[]> {
  const companies = await withService(db, (tx) =>
    tx.query<{ id: string; time_zone: string; at: string }>(
      `select c.id, c.time_zone, to_char(c.morning_export_time, 'HH24:MI') as at from public.companies c
        where c.morning_export_time is not null and ($1::uuid[] is null or c.id = any ($1::uuid[]))
          and not exists (select 1 from public.morning_exports e
                           where e.org_id = c.id and e.export_date = (($2::timestamptz) at time zone c.time_zone)::date)`,
      [options.orgIds ?? null, now.toISOString()],
    ),
  );
  const queued: QueuedExport[] = [];
  for (const c of companies) {
    const local = wallClock(now, c.time_zone);
    const hhmm = `${String(local.hour).padStart(2, "0")}:${String(local.minute).padStart(2, "0")}`;
    if (hhmm < c.at) continue;
    const done = await withService(db, (tx) => queueMorningExport(tx, c.id, local.date, now));
    if (done) queued.push(done);
  }
  return queued;
}

export async function loadMorningExportSettings(
  tx: Queryable,
  orgId: string,
): Promise<{ time: string | null; recent: { date: string; rows: number; recipients: number }[] }> {
  const [company] = await tx.query<{ at: string | null }>("select to_char(morning_export_time, 'HH24:MI') as at from public.companies where id = $1", [orgId]);
  const recent = await tx.query<{ date: string; rows: number; recipients: number }>(
    "select export_date::text as date, rows, recipients from public.morning_exports where org_id = $1 order by export_date desc limit 14",
    [orgId],
  );
  return { time: company?.at ?? null, recent: recent.map((r) => ({ date: r.date, rows: Number(r.rows), recipients: Number(r.recipients) })) };
}

export async function saveMorningExportTime(tx: Queryable, orgId: string, time: string | null): Promise<boolean> {
  const rows = await tx.query("update public.companies set morning_export_time = $2 where id = $1 returning id", [orgId, time]);
  return rows.length > 0;
}
