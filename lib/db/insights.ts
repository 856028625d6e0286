/**
 * The operation's numbers for a period, computed by Postgres under the caller's
 * row-level security: one statement aggregates the period's visits, shifts and
 * time off, and returns only the totals, the daily trend, one row per technician
 * and a technician × day utilisation grid. Nothing row-by-row reaches Node.
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
 * Arrival and finish are the planned visit times (the board's assignment).
 */
import type { Queryable } from "@/lib/db/client";

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
  /** Which times the figures use: the planned visit times of the board. */
  timeBasis: "planned";
  summary: InsightsSummary;
  responseByPriority: ResponseRow[];
  trend: TrendRow[];
  technicians: TechnicianRow[];
  heatmap: { technicians: { id: string; name: string }[]; days: string[]; cells: HeatmapCell[] };
}

/** Arrival and finish of a visit; one place to switch to reported times. */
const ARRIVE = "v.p_start";
const FINISH = "v.p_end";

const SQL = `
with b as (
  select c.time_zone as tz, c.travel_speed_kmh as speed, c.road_factor as road, c.travel_buffer_min as buf,
         ($2::date::timestamp at time zone c.time_zone) as lo,
         (($3::date + 1)::timestamp at time zone c.time_zone) as hi
    from public.companies c where c.id = $1
),
techs as (
  select t.id, t.name from public.technicians t where t.org_id = $1 and ($4::uuid is null or t.id = $4)
),
days as (
  select d::date as day from generate_series($2::date, $3::date, interval '1 day') d
),
shift_min as (
  select s.technician_id, d.day,
         extract(epoch from ((d.day + s.ends_at) at time zone b.tz) - ((d.day + s.starts_at) at time zone b.tz)) / 60
         - coalesce((
             select sum(extract(epoch from least(o.ends_at, (d.day + s.ends_at) at time zone b.tz)
                                      - greatest(o.starts_at, (d.day + s.starts_at) at time zone b.tz)) / 60)
               from public.time_off o
              where o.technician_id = s.technician_id and o.org_id = $1
                and o.starts_at < (d.day + s.ends_at) at time zone b.tz
                and o.ends_at > (d.day + s.starts_at) at time zone b.tz), 0) as minutes
    from public.technician_shifts s
    join techs t on t.id = s.technician_id
    join days d on s.weekday = extract(isodow from d.day)
    cross join b
   where s.org_id = $1
),
crew as (
  select a.job_id, a.leader_id as technician_id, true as leads, a.starts_at as p_start, a.ends_at as p_end
    from public.assignments a cross join b
   where a.org_id = $1 and a.active and a.starts_at >= b.lo - interval '30 days' and a.starts_at < b.hi
  union all
  select a.job_id, h.technician_id, false, a.starts_at, a.ends_at
    from public.assignment_helpers h join public.assignments a on a.id = h.assignment_id cross join b
   where h.org_id = $1 and a.active and a.starts_at >= b.lo and a.starts_at < b.hi
),
visits as (
  select v.job_id, v.technician_id, v.leads, v.p_start, v.p_end,
         ${ARRIVE} as arrive, ${FINISH} as finish,
         (v.p_start at time zone b.tz)::date as day,
         v.p_start >= b.lo as in_period,
         j.status, j.lat, j.lng, j.priority, j.created_at, j.window_start, j.window_end, j.deadline,
         j.customer_id, coalesce(j.placed_via, 'manual') as placed_via
    from crew v join public.jobs j on j.id = v.job_id cross join b
   where j.status <> 'cancelled'
),
-- previous completed visit of the same customer (leaders only: one row per job)
led as (
  select v.*,
         max(case when v.status = 'done' then v.finish end) over (
           partition by v.customer_id order by v.p_start rows between unbounded preceding and 1 preceding) as prev_done
    from visits v where v.leads
),
mine as (
  select v.* from visits v where v.in_period and ($4::uuid is null or v.technician_id = $4)
),
legs as (
  select technician_id, day, lat, lng,
         lag(lat) over w as plat, lag(lng) over w as plng
    from mine window w as (partition by technician_id, day order by p_start)
),
leg_min as (
  select l.technician_id, l.day,
         case when l.lat = l.plat and l.lng = l.plng then 0
              else ceil(2 * 6371.0088 * asin(least(1, sqrt(
                     power(sin(radians(l.lat - l.plat) / 2), 2)
                     + cos(radians(l.plat)) * cos(radians(l.lat)) * power(sin(radians(l.lng - l.plng) / 2), 2))))
                   * b.road / b.speed * 60) + b.buf end as minutes
    from legs l cross join b where l.plat is not null
),
booked as (
  select technician_id, day, sum(extract(epoch from finish - arrive) / 60) as minutes, count(*) as visits
    from mine group by technician_id, day
),
td as (
  select technician_id, day, coalesce(s.minutes, 0) as shift_minutes, coalesce(k.minutes, 0) as booked_minutes,
         coalesce(k.visits, 0) as visits
    from shift_min s full join booked k using (technician_id, day)
),
jobs_in as (
  select l.* from led l where l.in_period and ($4::uuid is null or l.technician_id = $4)
),
done_by_day as (
  select day, count(*) as completed from jobs_in where status = 'done' group by day
),
travel_by_day as (
  select day, avg(minutes) as travel from leg_min group by day
),
travel_by_tech as (
  select technician_id, avg(minutes) as travel from leg_min group by technician_id
)
select json_build_object(
  'tz', (select tz from b),
  'summary', (select json_build_object(
      'booked', coalesce(sum(booked_minutes), 0), 'shift', coalesce(sum(shift_minutes), 0),
      'visits', coalesce(sum(visits), 0), 'techDays', count(*) filter (where shift_minutes > 0)) from td),
  'travel', (select json_build_object('avg', avg(minutes), 'legs', count(*)) from leg_min),
  'jobs', (select json_build_object(
      'due', count(*) filter (where p_end <= $5),
      'completed', count(*) filter (where p_end <= $5 and status = 'done'),
      'returns', count(*) filter (where prev_done is not null and prev_done > arrive - interval '30 days'),
      'all', count(*),
      'windowed', count(*) filter (where window_start is not null and arrive <= $5),
      'onTime', count(*) filter (where window_start is not null and arrive <= $5 and arrive >= window_start and arrive <= window_end),
      'slaDue', count(*) filter (where deadline is not null and p_end <= $5),
      'slaMet', count(*) filter (where deadline is not null and p_end <= $5 and status = 'done' and finish <= deadline),
      'automatic', count(*) filter (where placed_via = 'automatic'),
      'manual', count(*) filter (where placed_via = 'manual'),
      'review', count(*) filter (where placed_via = 'review')) from jobs_in),
  'response', (select coalesce(json_agg(r order by r.priority), '[]'::json) from (
      select priority, count(*) as jobs,
             avg(extract(epoch from arrive - created_at) / 60) as avg,
             percentile_cont(0.9) within group (order by extract(epoch from arrive - created_at) / 60) as p90
        from jobs_in where arrive >= created_at group by priority) r),
  'trend', (select coalesce(json_agg(r order by r.day), '[]'::json) from (
      select d.day, coalesce(sum(td.visits), 0) as visits, coalesce(sum(td.booked_minutes), 0) as booked,
             coalesce(sum(td.shift_minutes), 0) as shift,
             coalesce(max(c.completed), 0) as completed, max(tr.travel) as travel
        from days d left join td on td.day = d.day
        left join done_by_day c on c.day = d.day left join travel_by_day tr on tr.day = d.day
       group by d.day) r),
  'technicians', (select coalesce(json_agg(r order by r.name, r.id), '[]'::json) from (
      select t.id, t.name, coalesce(sum(td.visits), 0) as visits,
             count(td.day) filter (where td.shift_minutes > 0) as days,
             coalesce(sum(td.booked_minutes), 0) as booked, coalesce(sum(td.shift_minutes), 0) as shift,
             max(tr.travel) as travel
        from techs t left join td on td.technician_id = t.id left join travel_by_tech tr on tr.technician_id = t.id
       group by t.id, t.name
      having count(td.day) > 0) r),
  'cells', (select coalesce(json_agg(json_build_array(technician_id, day, booked_minutes, shift_minutes)), '[]'::json)
      from td where technician_id in (
        select technician_id from td group by technician_id
         order by sum(booked_minutes) / nullif(sum(shift_minutes), 0) desc nulls last, technician_id limit $6))
) as insights`;

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const round1 = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);

/**
 * The period's KPIs, trend, per-technician rows and utilisation grid.
 *
 * @example
 * await loadInsights(tx, orgId, { from: "2026-11-23", to: "2026-11-29", now })
 * // { summary: { utilisation: 0.72, jobsPerTechnicianDay: 4.1, … }, trend: [...], … }
 */
export async function loadInsights(tx: Queryable, orgId: string, q: InsightsQuery): Promise<Insights> {
  // a quarter of a large company's visits sorts and hashes in memory instead of on disk
  await tx.query("set local work_mem = '64MB'");
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
  const travel = data.travel as Record<string, unknown>;
  const jobs = data.jobs as Record<string, unknown>;
  const summary: InsightsSummary = {
    bookedMinutes: Math.round(num(s.booked)),
    shiftMinutes: Math.round(num(s.shift)),
    utilisation: ratio(num(s.booked), num(s.shift)),
    visits: num(s.visits),
    technicianDays: num(s.techDays),
    jobsPerTechnicianDay: ratio(num(s.visits), num(s.techDays)),
    avgTravelMinutes: round1(numOrNull(travel.avg)),
    travelLegs: num(travel.legs),
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
    timeBasis: "planned",
    summary,
    responseByPriority: (data.response as Record<string, unknown>[]).map((r) => ({
      priority: num(r.priority) as ResponseRow["priority"],
      jobs: num(r.jobs),
      avgMinutes: Math.round(num(r.avg)),
      p90Minutes: Math.round(num(r.p90)),
    })),
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
