/**
 * Recurring maintenance: a series makes its visits (jobs linked to it) a horizon
 * ahead, into the unscheduled queue — or, when the series names a kind of work (a
 * job template) with routine slots (fixed slot blocks) on the visit's weekday,
 * straight into one of those slots through the checked placement path. Editing a
 * series changes only its future visits that nobody has placed yet; cancelling
 * says what it removes before it does.
 */
import type { Queryable } from "@/lib/db/client";
import { ActionFailure } from "@/lib/actions/result";
import { loadCompanySettings } from "@/lib/db/board";
import type { SessionUser } from "@/lib/db/with-user";
import { addDays } from "@/lib/time/calendar-date";
import { zonedToUtc } from "@/lib/time/zoned-time";
import { weekdayOf } from "@/lib/time/calendar-date";
import { dispatchIntoRoutineSlots, type RoutineSlot } from "@/lib/db/dispatch";
import { describeRecurrence, occurrences, type Frequency } from "@/lib/engine/recurrence";

type Actor = Pick<SessionUser, "userId" | "name" | "orgId">;

export interface SeriesInput {
  customerId: string;
  siteId: string;
  description: string;
  priority: 1 | 2 | 3 | 4;
  requiredSkills: string[];
  estimatedMinutes: number;
  slaProtected: boolean;
  notes: string | null;
  frequency: Frequency;
  every: number;
  startsOn: string;
  endsOn: string | null;
  windowStart: string | null;
  windowEnd: string | null;
  horizonDays: number;
  /** The kind of work of each visit (a job template): its fixed slot blocks are the routine slots. */
  templateId?: string | null;
}

export interface Series extends SeriesInput {
  id: string;
  version: number;
  active: boolean;
  siteLabel: string;
  pattern: string;
  /** Visits from today on: generated, and whether someone placed them. */
  upcoming: { jobId: string; workOrder: string; date: string; status: string; placed: boolean }[];
}

export interface SeriesChange {
  seriesId: string;
  created: string[];
  removed: string[];
  /** Future visits already placed on the board: kept as they are. */
  kept: string[];
  /** Of the visits made, those booked straight into a routine slot. */
  booked?: string[];
}

/** Which of these work orders of the series are on the board. */
async function bookedAmong(tx: Queryable, seriesId: string, workOrders: string[]): Promise<string[]> {
  if (workOrders.length === 0) return [];
  const rows = await tx.query<{ work_order: string }>(
    `select j.work_order from public.jobs j
      where j.series_id = $1 and j.work_order = any($2::text[])
        and exists (select 1 from public.assignments a where a.job_id = j.id and a.active)
      order by j.series_date`,
    [seriesId, workOrders],
  );
  return rows.map((r) => r.work_order);
}

const day = (v: unknown): string | null => (v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const hm = (v: unknown): string | null => (v == null ? null : String(v).slice(0, 5));

function rowToInput(r: Record<string, unknown>): SeriesInput {
  return {
    customerId: r.customer_id as string,
    siteId: r.site_id as string,
    description: r.description as string,
    priority: Number(r.priority) as 1 | 2 | 3 | 4,
    requiredSkills: (r.required_skills as string[]) ?? [],
    estimatedMinutes: Number(r.estimated_minutes),
    slaProtected: Boolean(r.sla_protected),
    notes: (r.notes as string | null) ?? null,
    frequency: r.frequency as Frequency,
    every: Number(r.every),
    startsOn: day(r.starts_on)!,
    endsOn: day(r.ends_on),
    windowStart: hm(r.window_start),
    windowEnd: hm(r.window_end),
    horizonDays: Number(r.horizon_days),
    templateId: (r.template_id as string | null) ?? null,
  };
}

/** A customer's series with their upcoming visits. */
export async function listSeries(tx: Queryable, orgId: string, customerId: string, today: string): Promise<Series[]> {
  const rows = await tx.query<Record<string, unknown>>(
    `select js.*, s.label as site_label from public.job_series js join public.customer_sites s on s.id = js.site_id
      where js.org_id = $1 and js.customer_id = $2 order by js.active desc, js.created_at`,
    [orgId, customerId],
  );
  const out: Series[] = [];
  for (const r of rows) {
    const visits = await tx.query<Record<string, unknown>>(
      `select j.id, j.work_order, j.series_date, j.status, exists (select 1 from public.assignments a where a.job_id = j.id and a.active) as placed
         from public.jobs j where j.series_id = $1 and j.series_date >= $2 order by j.series_date limit 24`,
      [r.id, today],
    );
    const input = rowToInput(r);
    out.push({
      ...input,
      id: r.id as string,
      version: Number(r.version),
      active: Boolean(r.active),
      siteLabel: r.site_label as string,
      pattern: describeRecurrence(input),
      upcoming: visits.map((v) => ({ jobId: v.id as string, workOrder: v.work_order as string, date: day(v.series_date)!, status: v.status as string, placed: Boolean(v.placed) })),
    });
  }
  return out;
}

async function assertSite(tx: Queryable, orgId: string, customerId: string, siteId: string, templateId?: string | null): Promise<void> {
  const [site] = await tx.query("select 1 from public.customer_sites where org_id = $1 and customer_id = $2 and id = $3 and active", [orgId, customerId, siteId]);
  if (!site) throw new ActionFailure("not_found", "That site is not one of the customer's active sites.", { siteId: ["Choose one of the customer's sites."] });
  if (!templateId) return;
  const [template] = await tx.query("select 1 from public.job_templates where org_id = $1 and id = $2", [orgId, templateId]);
  if (!template) throw new ActionFailure("not_found", "That kind of work is not one of your company's templates.", { templateId: ["Choose a kind of work from the list."] });
}

/** The template's routine slots (fixed blocks) on a date, as instants in the company's zone. */
async function routineSlotsOf(tx: Queryable, orgId: string, templateId: string | null | undefined, timeZone: string): Promise<(date: string) => RoutineSlot[]> {
  if (!templateId) return () => [];
  const blocks = await tx.query<{ weekday: number; starts_at: string; ends_at: string; label: string }>(
    `select weekday, to_char(starts_at, 'HH24:MI') as starts_at, to_char(ends_at, 'HH24:MI') as ends_at, label
       from public.slot_blocks where org_id = $1 and template_id = $2 and kind = 'fixed' order by starts_at`,
    [orgId, templateId],
  );
  return (date) =>
    blocks
      .filter((b) => Number(b.weekday) === weekdayOf(date))
      .map((b) => ({ start: zonedToUtc(date, b.starts_at, timeZone).toISOString(), end: zonedToUtc(date, b.ends_at, timeZone).toISOString(), label: b.label }));
}

/**
 * Makes the series' missing visits from `today` to its horizon (the unique index
 * on series and date makes this safe to repeat). With `now`, each visit after today
 * whose weekday has routine slots for the series' template is booked into one.
 */
export async function generateVisits(tx: Queryable, actor: Actor, seriesId: string, today: string, now?: Date): Promise<string[]> {
  const [r] = await tx.query<Record<string, unknown>>("select * from public.job_series where org_id = $1 and id = $2 and active", [actor.orgId, seriesId]);
  if (!r) return [];
  const s = rowToInput(r);
  const company = await loadCompanySettings(tx, actor.orgId);
  if (!company) throw new ActionFailure("not_found", "Your company could not be loaded.");
  const dates = occurrences(s, today, addDays(today, s.horizonDays));
  const existing = new Set(
    (await tx.query<{ series_date: unknown }>("select series_date from public.jobs where series_id = $1", [seriesId])).map((x) => day(x.series_date)),
  );
  const [site] = await tx.query<{ address: string; city: string | null; lat: number; lng: number; approximate: boolean }>(
    "select address, city, lat, lng, approximate from public.customer_sites where id = $1",
    [s.siteId],
  );
  const slotsOn = now ? await routineSlotsOf(tx, actor.orgId, s.templateId, company.timeZone) : () => [];
  const created: string[] = [];
  for (const date of dates) {
    if (existing.has(date)) continue;
    const [{ n }] = await tx.query<{ n: number }>("select count(*)::int as n from public.jobs where series_id = $1", [seriesId]);
    const workOrder = `RM-${seriesId.slice(0, 6).toUpperCase()}-${date.replace(/-/g, "")}`;
    const windowStart = s.windowStart ? zonedToUtc(date, s.windowStart, company.timeZone).toISOString() : null;
    const windowEnd = s.windowEnd ? zonedToUtc(date, s.windowEnd, company.timeZone).toISOString() : null;
    const [job] = await tx.query<{ id: string }>(
      `insert into public.jobs (org_id, work_order, customer_id, site_id, series_id, series_date, description, priority, required_skills,
          estimated_minutes, address, city, lat, lng, location_approximate, window_start, window_end, sla_protected, notes, source, dispatch_reason, created_by,
          template_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 'dispatcher', $20, $21, $22)
       on conflict do nothing returning id`,
      [
        actor.orgId, workOrder, s.customerId, s.siteId, seriesId, date, s.description, s.priority, s.requiredSkills, s.estimatedMinutes,
        site.address, site.city, site.lat, site.lng, site.approximate, windowStart, windowEnd, s.slaProtected, s.notes,
        `recurring maintenance, visit ${n + 1}: ${describeRecurrence(s)}`, actor.userId, s.templateId ?? null,
      ],
    );
    if (!job) continue;
    created.push(workOrder);
    // today's board is the dispatcher's live work: only later visits go straight into a slot
    const slots = date > today ? slotsOn(date) : [];
    if (slots.length > 0 && now) await dispatchIntoRoutineSlots(tx, actor, job.id, company, date, slots, now);
  }
  return created;
}

export async function createSeries(tx: Queryable, actor: Actor, input: SeriesInput, today: string, now?: Date): Promise<SeriesChange> {
  await assertSite(tx, actor.orgId, input.customerId, input.siteId, input.templateId);
  const [row] = await tx.query<{ id: string }>(
    `insert into public.job_series (org_id, customer_id, site_id, description, priority, required_skills, estimated_minutes, sla_protected, notes,
        frequency, every, starts_on, ends_on, window_start, window_end, horizon_days, created_by, template_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) returning id`,
    [actor.orgId, input.customerId, input.siteId, input.description, input.priority, input.requiredSkills, input.estimatedMinutes, input.slaProtected, input.notes,
     input.frequency, input.every, input.startsOn, input.endsOn, input.windowStart, input.windowEnd, input.horizonDays, actor.userId, input.templateId ?? null],
  );
  const created = await generateVisits(tx, actor, row.id, today, now);
  return { seriesId: row.id, created, removed: [], kept: [], booked: await bookedAmong(tx, row.id, created) };
}

/** Future visits of a series split into those nobody placed (may change) and those on the board (kept). */
async function futureVisits(tx: Queryable, seriesId: string, today: string) {
  const rows = await tx.query<{ id: string; work_order: string; placed: boolean; status: string }>(
    `select j.id, j.work_order, j.status, exists (select 1 from public.assignments a where a.job_id = j.id and a.active) as placed
       from public.jobs j where j.series_id = $1 and j.series_date >= $2 and j.status not in ('done', 'cancelled')`,
    [seriesId, today],
  );
  return { unplaced: rows.filter((r) => !r.placed && r.status === "unscheduled"), placed: rows.filter((r) => r.placed || r.status !== "unscheduled") };
}

/** Saves a series seen at `version`: its unplaced future visits are remade; placed ones stay. */
export async function updateSeries(tx: Queryable, actor: Actor, id: string, version: number, input: SeriesInput, today: string, now?: Date): Promise<SeriesChange> {
  await assertSite(tx, actor.orgId, input.customerId, input.siteId, input.templateId);
  const rows = await tx.query(
    `update public.job_series set site_id = $4, description = $5, priority = $6, required_skills = $7, estimated_minutes = $8, sla_protected = $9,
            notes = $10, frequency = $11, every = $12, starts_on = $13, ends_on = $14, window_start = $15, window_end = $16, horizon_days = $17,
            template_id = $19
      where org_id = $1 and id = $2 and version = $3 and customer_id = $18 returning id`,
    [actor.orgId, id, version, input.siteId, input.description, input.priority, input.requiredSkills, input.estimatedMinutes, input.slaProtected,
     input.notes, input.frequency, input.every, input.startsOn, input.endsOn, input.windowStart, input.windowEnd, input.horizonDays, input.customerId, input.templateId ?? null],
  );
  if (rows.length === 0) {
    const [exists] = await tx.query("select 1 from public.job_series where org_id = $1 and id = $2", [actor.orgId, id]);
    throw exists
      ? new ActionFailure("conflict", "Someone else changed this series since you opened it. Reload and try again.")
      : new ActionFailure("not_found", "That series does not exist in your company.");
  }
  const { unplaced, placed } = await futureVisits(tx, id, today);
  if (unplaced.length) await tx.query("delete from public.jobs where id = any($1::uuid[])", [unplaced.map((u) => u.id)]);
  const created = await generateVisits(tx, actor, id, today, now);
  return { seriesId: id, removed: unplaced.map((u) => u.work_order), kept: placed.map((p) => p.work_order), created, booked: await bookedAmong(tx, id, created) };
}

/** What cancelling would remove (unplaced future visits) and keep (placed ones). */
export async function previewCancelSeries(tx: Queryable, orgId: string, id: string, today: string): Promise<SeriesChange> {
  const [exists] = await tx.query("select 1 from public.job_series where org_id = $1 and id = $2", [orgId, id]);
  if (!exists) throw new ActionFailure("not_found", "That series does not exist in your company.");
  const { unplaced, placed } = await futureVisits(tx, id, today);
  return { seriesId: id, created: [], removed: unplaced.map((u) => u.work_order), kept: placed.map((p) => p.work_order) };
}

export async function cancelSeries(tx: Queryable, actor: Actor, id: string, version: number, today: string): Promise<SeriesChange> {
  const rows = await tx.query("update public.job_series set active = false where org_id = $1 and id = $2 and version = $3 returning id", [actor.orgId, id, version]);
  if (rows.length === 0) throw new ActionFailure("conflict", "This series changed or no longer exists. Reload and try again.");
  const change = await previewCancelSeries(tx, actor.orgId, id, today);
  const { unplaced } = await futureVisits(tx, id, today);
  if (unplaced.length) await tx.query("delete from public.jobs where id = any($1::uuid[])", [unplaced.map((u) => u.id)]);
  return change;
}

/** Every active series of the company tops its visits up to its horizon (run on each visit to the page or by a worker). */
export async function topUpAllSeries(tx: Queryable, actor: Actor, today: string, now?: Date): Promise<number> {
  const ids = await tx.query<{ id: string }>("select id from public.job_series where org_id = $1 and active", [actor.orgId]);
  let n = 0;
  for (const { id } of ids) n += (await generateVisits(tx, actor, id, today, now)).length;
  return n;
}
