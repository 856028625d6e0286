/**
 * The operation's numbers for a period, computed by Postgres under the caller's
 * row-level security: per technician and day (shifts less time off, visits, travel,
 * job counts) and per response-time bucket, then summed into the totals, the daily
 * trend, one row per technician and a technician × day utilisation grid. Nothing
 * row-by-row reaches Node. A closed day's rows are computed once and kept (see
 * supabase/migrations/20261201080000_insight_days.sql); any write that could change
 * them forgets them, so a long period reads a few thousand kept rows, not every visit.
 *
 * Definitions (shown on the page in the same words):
 * - utilisation: booked visit minutes ÷ shift minutes less time off;
 * - jobs per technician per day: crew visits ÷ technician-days with a shift;
 * - travel between jobs: the company's travel estimate between consecutive visits
 *   of one technician on one day (first visit from home is not counted);
 * - completion rate: visits planned to end before now that are done;
 * - return visits: visits to a customer whose previous completed visit ended in the
 *   30 days before;
 * - response time: from the job's creation to arrival, by priority;
 * - SLA adherence: visits with a deadline, ended before now, done by the deadline;
 * - on-time arrival: visits with an arrival window, arrived before now, inside it;
 * - placement: how each visited job first got its technician.
 * Arrival and finish are the times the technician reported (Arrived, Done) where
 * there are any, else the planned visit times (the board's assignment).
 */
import type { Queryable } from "@/lib/db/client";
import { bucketPercentile, type ValueBucket } from "@/lib/insights/bucket-percentile";

export interface InsightsQuery {
  /** First day, YYYY-MM-DD in the company's time zone. */
  from: string;
  /** Last day (inclusive). */
  to: string;
  /** Only this technician's visits and shifts. */
  technicianId?: string | null;
  /** Visits ending before this instant count as due (completion, SLA, on time). */
  now: Date;
  /** Most technicians in the utilisation grid (highest utilisation first). Default 40. */
  heatmapLimit?: number;
}

export interface InsightsSummary {
  utilisation: number | null;
  bookedMinutes: number;
  shiftMinutes: number;
  visits: number;
  technicianDays: number;
  jobsPerTechnicianDay: number | null;
  avgTravelMinutes: number | null;
  travelLegs: number;
  due: number;
  completed: number;
  completionRate: number | null;
  returnVisits: number;
  returnVisitRate: number | null;
  windowed: number;
  onTime: number;
  onTimeRate: number | null;
  slaDue: number;
  slaMet: number;
  slaRate: number | null;
  placement: { automatic: number; manual: number; review: number };
}

export interface ResponseRow {
  priority: 1 | 2 | 3 | 4;
  jobs: number;
  avgMinutes: number;
  p90Minutes: number;
}

export interface TrendRow {
  day: string;
  visits: number;
  completed: number;
  bookedMinutes: number;
  shiftMinutes: number;
  utilisation: number | null;
  avgTravelMinutes: number | null;
}

export interface TechnicianRow {
  technicianId: string;
  name: string;
  visits: number;
  workingDays: number;
  jobsPerDay: number | null;
  bookedMinutes: number;
  shiftMinutes: number;
  utilisation: number | null;
  avgTravelMinutes: number | null;
}

export interface HeatmapCell {
  technicianId: string;
  day: string;
  utilisation: number | null;
  bookedMinutes: number;
  shiftMinutes: number;
}

export interface Insights {
  from: string;
  to: string;
  technicianId: string | null;
  timeZone: string;
  /**
   * Which times the figures use: "planned" (the board's visit times) when no visit of
   * the period has reported times, else "reported" for those visits and planned for the rest.
   */
  timeBasis: "planned" | "reported";
  /** Crew visits whose arrival (and finish, once done) the technician reported. */
  reportedVisits: number;
  summary: InsightsSummary;
  responseByPriority: ResponseRow[];
  trend: TrendRow[];
  technicians: TechnicianRow[];
  heatmap: { technicians: { id: string; name: string }[]; days: string[]; cells: HeatmapCell[] };
}

// Closed days come from the cache public.refresh_insight_days() keeps; open days
// (today, the future, a visit still running) and days not kept yet are computed
// live by the same SQL function (supabase/migrations/20261201080000_insight_days.sql).
const SQL = `
with b as (select c.time_zone as tz from public.companies c where c.id = $1),
period as (select array_agg(d::date order by d) as days from generate_series($2::date, $3::date, interval '1 day') d),
live as (
  select coalesce(array_agg(d order by d), '{}') as days from unnest((select days from period)) d
   where not exists (select 1 from public.insight_days_computed k where k.org_id = $1 and k.day = d)
),
techs as (
  select t.id, t.name from public.technicians t where t.org_id = $1 and ($4::uuid is null or t.id = $4)
),
td as materialized (
  select i.technician_id, i.day, i.shift_minutes, i.booked_minutes, i.visits, i.travel_minutes, i.travel_legs,
         i.jobs, i.due, i.completed, i.done, i.returns, i.windowed, i.on_time, i.sla_due, i.sla_met,
         i.automatic, i.manual, i.review, i.reported
    from public.insight_days i
   where i.org_id = $1 and i.day between $2::date and $3::date and ($4::uuid is null or i.technician_id = $4)
  union all
  select f.technician_id, f.day, f.shift_minutes, f.booked_minutes, f.visits, f.travel_minutes, f.travel_legs,
         f.jobs, f.due, f.completed, f.done, f.returns, f.windowed, f.on_time, f.sla_due, f.sla_met,
         f.automatic, f.manual, f.review, f.reported
    from public.insight_facts($1, (select days from live), $5, $4) f
   where (select cardinality(days) from live) > 0
),
-- each row of td is read once more per technician and once per day
per_tech as (
  select technician_id, count(*) filter (where shift_minutes > 0) as days, sum(visits) as visits,
         sum(booked_minutes) as booked, sum(shift_minutes) as shift,
         sum(travel_minutes) as travel, sum(travel_legs) as legs
    from td group by technician_id
),
per_day as (
  select day, count(*) filter (where shift_minutes > 0) as tech_days, sum(visits) as visits,
         sum(booked_minutes) as booked, sum(shift_minutes) as shift, sum(travel_minutes) as travel, sum(travel_legs) as legs,
         sum(jobs) as jobs, sum(due) as due, sum(completed) as completed, sum(done) as done, sum(returns) as returns,
         sum(windowed) as windowed, sum(on_time) as on_time, sum(sla_due) as sla_due, sum(sla_met) as sla_met,
         sum(automatic) as automatic, sum(manual) as manual, sum(review) as review, sum(reported) as reported
    from td group by day
),
-- the team's response times from the cache; one technician's always live (few rows)
resp as (
  select r.priority, r.bucket, r.jobs, r.minutes, r.min_minutes, r.max_minutes from public.insight_response_days r
   where $4::uuid is null and r.org_id = $1 and r.day between $2::date and $3::date
  union all
  select r.priority, r.bucket, r.jobs, r.minutes, r.min_minutes, r.max_minutes
    from public.insight_response_facts($1, case when $4::uuid is null then (select days from live) else (select days from period) end, $4) r
   where $4::uuid is not null or (select cardinality(days) from live) > 0
)
select json_build_object(
  'tz', (select tz from b),
  'summary', (select json_build_object(
      'booked', coalesce(sum(booked), 0), 'shift', coalesce(sum(shift), 0),
      'visits', coalesce(sum(visits), 0), 'techDays', coalesce(sum(tech_days), 0),
      'travel', sum(travel), 'legs', coalesce(sum(legs), 0),
      'all', coalesce(sum(jobs), 0), 'due', coalesce(sum(due), 0), 'completed', coalesce(sum(completed), 0),
      'returns', coalesce(sum(returns), 0), 'windowed', coalesce(sum(windowed), 0), 'onTime', coalesce(sum(on_time), 0),
      'slaDue', coalesce(sum(sla_due), 0), 'slaMet', coalesce(sum(sla_met), 0),
      'automatic', coalesce(sum(automatic), 0), 'manual', coalesce(sum(manual), 0), 'review', coalesce(sum(review), 0),
      'reported', coalesce(sum(reported), 0)) from per_day),
  'response', (select coalesce(json_agg(json_build_array(r.priority, r.bucket, r.jobs, r.minutes, r.lo, r.hi) order by r.priority, r.bucket), '[]'::json)
      from (select priority, bucket, sum(jobs) as jobs, sum(minutes) as minutes, min(min_minutes) as lo, max(max_minutes) as hi
              from resp group by priority, bucket) r),
  'trend', (select coalesce(json_agg(r order by r.day), '[]'::json) from (
      select d.day, coalesce(p.visits, 0) as visits, coalesce(p.booked, 0) as booked, coalesce(p.shift, 0) as shift,
             coalesce(p.done, 0) as completed, p.travel / nullif(p.legs, 0) as travel
        from unnest((select days from period)) as d(day) left join per_day p on p.day = d.day) r),
  'technicians', (select coalesce(json_agg(r order by r.name, r.id), '[]'::json) from (
      select t.id, t.name, p.visits, p.days, p.booked, p.shift, p.travel / nullif(p.legs, 0) as travel
        from techs t join per_tech p on p.technician_id = t.id) r),
  'cells', (select coalesce(json_agg(json_build_array(td.technician_id, td.day, td.booked_minutes, td.shift_minutes)), '[]'::json)
      from td where td.technician_id in (
        select technician_id from per_tech order by booked / nullif(shift, 0) desc nulls last, technician_id limit $6))
) as insights`;

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const round1 = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);

/** Average and 90th percentile per priority from the counted buckets. */
function responseRows(buckets: [number, number, number, number, number, number][]): ResponseRow[] {
  const byPriority = new Map<number, ValueBucket[]>();
  const sums = new Map<number, number>();
  for (const [priority, bucket, count, minutes, min, max] of buckets) {
    const list = byPriority.get(num(priority)) ?? [];
    list.push({ bucket: num(bucket), count: num(count), min: num(min), max: num(max) });
    byPriority.set(num(priority), list);
    sums.set(num(priority), (sums.get(num(priority)) ?? 0) + num(minutes));
  }
  return [...byPriority.entries()]
    .sort(([a], [b]) => a - b)
    .map(([priority, list]) => {
      const jobs = list.reduce((n, b) => n + b.count, 0);
      return {
        priority: priority as ResponseRow["priority"],
        jobs,
        avgMinutes: Math.round((sums.get(priority) ?? 0) / jobs),
        p90Minutes: Math.round(bucketPercentile(list, 0.9) ?? 0),
      };
    });
}

/**
 * The period's KPIs, trend, per-technician rows and utilisation grid.
 *
 * @example
 * await loadInsights(tx, orgId, { from: "2026-11-23", to: "2026-11-29", now })
 * // { summary: { utilisation: 0.72, jobsPerTechnicianDay: 4.1, … }, trend: [...], … }
 */
export async function loadInsights(tx: Queryable, orgId: string, q: InsightsQuery): Promise<Insights> {
  // days computed live (not kept yet, or open) sort and hash in memory instead of on disk
  await tx.query("set local work_mem = '64MB'");
  // keep the period's closed days that are not kept yet (a no-op once they are)
  await tx.query("select public.refresh_insight_days($1, $2::date, $3::date, $4)", [orgId, q.from, q.to, q.now.toISOString()]);
  const [row] = await tx.query<{ insights: Record<string, unknown> }>(SQL, [
    orgId,
    q.from,
    q.to,
    q.technicianId ?? null,
    q.now.toISOString(),
    q.heatmapLimit ?? 40,
  ]);
  const data = (typeof row.insights === "string" ? JSON.parse(row.insights) : row.insights) as Record<string, never>;
  const s = data.summary as Record<string, unknown>;
  const jobs = s;
  const summary: InsightsSummary = {
    bookedMinutes: Math.round(num(s.booked)),
    shiftMinutes: Math.round(num(s.shift)),
    utilisation: ratio(num(s.booked), num(s.shift)),
    visits: num(s.visits),
    technicianDays: num(s.techDays),
    jobsPerTechnicianDay: ratio(num(s.visits), num(s.techDays)),
    avgTravelMinutes: round1(num(s.legs) > 0 ? num(s.travel) / num(s.legs) : null),
    travelLegs: num(s.legs),
    due: num(jobs.due),
    completed: num(jobs.completed),
    completionRate: ratio(num(jobs.completed), num(jobs.due)),
    returnVisits: num(jobs.returns),
    returnVisitRate: ratio(num(jobs.returns), num(jobs.all)),
    windowed: num(jobs.windowed),
    onTime: num(jobs.onTime),
    onTimeRate: ratio(num(jobs.onTime), num(jobs.windowed)),
    slaDue: num(jobs.slaDue),
    slaMet: num(jobs.slaMet),
    slaRate: ratio(num(jobs.slaMet), num(jobs.slaDue)),
    placement: { automatic: num(jobs.automatic), manual: num(jobs.manual), review: num(jobs.review) },
  };
  const names = new Map<string, string>();
  const technicians: TechnicianRow[] = (data.technicians as Record<string, unknown>[]).map((t) => {
    names.set(t.id as string, t.name as string);
    return {
      technicianId: t.id as string,
      name: t.name as string,
      visits: num(t.visits),
      workingDays: num(t.days),
      jobsPerDay: ratio(num(t.visits), num(t.days)),
      bookedMinutes: Math.round(num(t.booked)),
      shiftMinutes: Math.round(num(t.shift)),
      utilisation: ratio(num(t.booked), num(t.shift)),
      avgTravelMinutes: round1(numOrNull(t.travel)),
    };
  });
  const cells: HeatmapCell[] = (data.cells as [string, string, number, number][]).map(([id, day, booked, shift]) => ({
    technicianId: id,
    day,
    bookedMinutes: Math.round(num(booked)),
    shiftMinutes: Math.round(num(shift)),
    utilisation: ratio(num(booked), num(shift)),
  }));
  const gridIds = [...new Set(cells.map((c) => c.technicianId))].sort((a, b) =>
    (names.get(a) ?? a).localeCompare(names.get(b) ?? b),
  );
  return {
    from: q.from,
    to: q.to,
    technicianId: q.technicianId ?? null,
    timeZone: data.tz as string,
    timeBasis: num(s.reported) > 0 ? "reported" : "planned",
    reportedVisits: num(s.reported),
    summary,
    responseByPriority: responseRows(data.response as [number, number, number, number, number, number][]),
    trend: (data.trend as Record<string, unknown>[]).map((r) => ({
      day: r.day as string,
      visits: num(r.visits),
      completed: num(r.completed),
      bookedMinutes: Math.round(num(r.booked)),
      shiftMinutes: Math.round(num(r.shift)),
      utilisation: ratio(num(r.booked), num(r.shift)),
      avgTravelMinutes: round1(numOrNull(r.travel)),
    })),
    technicians,
    heatmap: {
      technicians: gridIds.map((id) => ({ id, name: names.get(id) ?? id })),
      days: (data.trend as { day: string }[]).map((r) => r.day),
      cells,
    },
  };
}
