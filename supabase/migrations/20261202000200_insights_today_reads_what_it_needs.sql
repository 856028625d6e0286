-- Insights for today (and any day computed live) read only what they need.
--
-- EXPLAIN ANALYZE of public.insight_facts() for today alone (Postgres 15, 500
-- technicians, 90 days kept, as the company's dispatcher) spent most of its time on
-- the look-back for return visits, not on today's 5,457 crew visits:
--  - `prior` read every visit of the 30 days before the period (80,000 rows through
--    the index) and then dropped the 75,000 on kept days;
--  - the kept days' last completed visits came as one row per customer and day
--    (32,959 rows for 31 days), all sorted and windowed with today's visits.
-- Now the read starts at the first day that is not kept, and the kept days before the
-- period give one row per customer (the latest completed visit is all a visit in the
-- period can look back to; kept days inside the period stay one row per day). The
-- figures are unchanged: the tests of 20261201080000_insight_days.sql and later hold.

create or replace function public.insight_facts(p_org_id uuid, p_days date[], p_now timestamptz, p_technician_id uuid default null)
returns table (
  technician_id uuid, day date, shift_minutes numeric, booked_minutes numeric, visits integer,
  travel_minutes numeric, travel_legs integer, jobs integer, due integer, completed integer, done integer,
  returns integer, windowed integer, on_time integer, sla_due integer, sla_met integer,
  automatic integer, manual integer, review integer, open_visits integer, reported integer)
language sql stable security invoker set search_path = ''
as $$
with b as (
  select c.time_zone as tz, c.travel_speed_kmh as speed, c.road_factor as road, c.travel_buffer_min as buf,
         ((select min(d) from unnest(p_days) d)::timestamp at time zone c.time_zone) as lo,
         (((select max(d) from unnest(p_days) d) + 1)::timestamp at time zone c.time_zone) as hi
    from public.companies c where c.id = p_org_id
),
days as (select distinct d as day from unnest(p_days) d),
shift_min as (
  select s.technician_id, d.day,
         extract(epoch from ((d.day + s.ends_at) at time zone b.tz) - ((d.day + s.starts_at) at time zone b.tz)) / 60
         - coalesce((
             select sum(extract(epoch from least(o.ends_at, (d.day + s.ends_at) at time zone b.tz)
                                      - greatest(o.starts_at, (d.day + s.starts_at) at time zone b.tz)) / 60)
               from public.time_off o
              where o.technician_id = s.technician_id and o.org_id = p_org_id
                and o.starts_at < (d.day + s.ends_at) at time zone b.tz
                and o.ends_at > (d.day + s.starts_at) at time zone b.tz), 0) as minutes
    from public.technician_shifts s
    join days d on s.weekday = extract(isodow from d.day)
    cross join b
   where s.org_id = p_org_id and (p_technician_id is null or s.technician_id = p_technician_id)
),
crew as (
  select a.job_id, a.leader_id as technician_id, true as leads, a.starts_at as p_start, a.ends_at as p_end
    from public.assignments a
   where a.org_id = p_org_id and a.active and a.starts_at >= (select b.lo from b) and a.starts_at < (select b.hi from b)
     and (p_technician_id is null or a.leader_id = p_technician_id)
  union all
  select a.job_id, h.technician_id, false, a.starts_at, a.ends_at
    from public.assignment_helpers h join public.assignments a on a.id = h.assignment_id
   where h.org_id = p_org_id and a.active and a.starts_at >= (select b.lo from b) and a.starts_at < (select b.hi from b)
     and (p_technician_id is null or h.technician_id = p_technician_id)
),
visits as materialized (
  select v.job_id, v.technician_id, v.leads, v.p_start, v.p_end,
         -- the times the technician reported where there are any, else the planned ones
         coalesce(j.arrived_at, v.p_start) as arrive,
         coalesce(j.finished_at, greatest(j.arrived_at, v.p_end), v.p_end) as finish,
         j.arrived_at is not null as reported,
         (v.p_start at time zone b.tz)::date as day,
         j.status, j.lat, j.lng, j.created_at, j.window_start, j.window_end, j.deadline,
         j.customer_id, coalesce(j.placed_via, 'manual') as placed_via
    from crew v join public.jobs j on j.id = v.job_id cross join b
   where j.status <> 'cancelled' and (v.p_start at time zone b.tz)::date = any (p_days)
),
-- a return visit: the customer's previous completed visit ended in the 30 days before
-- (that visit led by anyone, on any day, in the period or before it). Kept days give
-- each customer's last completed visit from insight_customer_days; only the days not
-- kept are read visit by visit.
kept_days as (
  select k.day from public.insight_days_computed k cross join b
   where k.org_id = p_org_id and k.day >= (b.lo at time zone b.tz)::date - 31 and k.day <= (b.hi at time zone b.tz)::date
),
-- the visits of the period and the 30 days before it that are not kept, read by the
-- period's bounds (never through every job of each customer: see the header)
-- the first day of those 30 and the period that is not kept: nothing before it is read
-- (for today alone, with the month before kept, that is today: 75,000 visits not read)
open_from as (
  select coalesce(min(g.d::date), (select (b.hi at time zone b.tz)::date from b)) as day
    from b, generate_series(((b.lo - interval '30 days') at time zone b.tz)::date::timestamp, (b.hi at time zone b.tz)::date::timestamp, interval '1 day') g(d)
   where g.d::date not in (select k.day from kept_days k)
),
prior as materialized (
  select a2.job_id, a2.starts_at, a2.ends_at
    from public.assignments a2
   where a2.org_id = p_org_id and a2.active
     and a2.starts_at >= (select greatest(b.lo - interval '30 days', o.day::timestamp at time zone b.tz) from b, open_from o)
     and a2.starts_at < (select b.hi from b)
     and (a2.starts_at at time zone (select b.tz from b))::date not in (select k.day from kept_days k)
),
-- each of them with the end of the customer's previous completed visit: one window
-- over those visits and, for the kept days among the 31 before the period, each
-- customer's last completed visit of the day (a row that sorts before that day's visits)
raw_prior as materialized (
  select w.job_id, w.arrive, w.day, w.in_period,
         max(w.done_end) over (
           partition by w.customer_id order by w.starts_at rows between unbounded preceding and 1 preceding) as prev_done
    from (
      select p.job_id, j2.customer_id, p.starts_at, coalesce(j2.arrived_at, p.starts_at) as arrive,
             (p.starts_at at time zone b.tz)::date as day, p.starts_at >= b.lo and p.starts_at < b.hi as in_period,
             case when j2.status = 'done' then p.ends_at end as done_end
        from prior p join public.jobs j2 on j2.id = p.job_id cross join b
       where j2.status <> 'cancelled'
      union all
      -- kept days before the period: only each customer's latest completed visit counts
      -- for the period's visits, so one row per customer (not one per customer and day)
      select null, c.customer_id, max(c.day)::timestamp at time zone b.tz, null, max(c.day), false, max(c.last_done_end)
        from public.insight_customer_days c cross join b
       where c.org_id = p_org_id and c.day >= (b.lo at time zone b.tz)::date - 31 and c.day < (b.lo at time zone b.tz)::date
       group by c.customer_id, b.tz
      union all
      select null, c.customer_id, c.day::timestamp at time zone b.tz, null, c.day, false, c.last_done_end
        from public.insight_customer_days c cross join b
       where c.org_id = p_org_id and c.day >= (b.lo at time zone b.tz)::date and c.day <= (b.hi at time zone b.tz)::date
    ) w
),
return_visits as (
  select w.job_id from raw_prior w
   where w.in_period and w.day = any (p_days) and w.prev_done > w.arrive - interval '30 days'
),
-- each visit with the place of the one before it that day: the day's travel legs are
-- summed with the rest of the day's figures, not joined back to them
legs as (
  select v.*, lag(v.lat) over w as plat, lag(v.lng) over w as plng
    from visits v window w as (partition by v.technician_id, v.day order by v.p_start)
),
per_day as (
  select v.technician_id, v.day,
         sum(extract(epoch from v.finish - v.arrive) / 60) as booked, count(*) as visits,
         count(*) filter (where v.p_end > p_now) as open_visits,
         count(*) filter (where v.leads) as jobs,
         count(*) filter (where v.leads and v.p_end <= p_now) as due,
         count(*) filter (where v.leads and v.p_end <= p_now and v.status = 'done') as completed,
         count(*) filter (where v.leads and v.status = 'done') as done,
         count(*) filter (where v.leads and v.job_id in (select r.job_id from return_visits r)) as returns,
         count(*) filter (where v.leads and v.window_start is not null and v.arrive <= p_now) as windowed,
         count(*) filter (where v.leads and v.window_start is not null and v.arrive <= p_now
                            and v.arrive >= v.window_start and v.arrive <= v.window_end) as on_time,
         count(*) filter (where v.leads and v.deadline is not null and v.p_end <= p_now) as sla_due,
         count(*) filter (where v.leads and v.deadline is not null and v.p_end <= p_now and v.status = 'done'
                            and v.finish <= v.deadline) as sla_met,
         count(*) filter (where v.leads and v.placed_via = 'automatic') as automatic,
         count(*) filter (where v.leads and v.placed_via = 'manual') as manual,
         count(*) filter (where v.leads and v.placed_via = 'review') as review,
         count(*) filter (where v.reported) as reported,
         sum(case when v.plat is null or (v.lat = v.plat and v.lng = v.plng) then 0
              else ceil(2 * 6371.0088 * asin(least(1, sqrt(
                     power(sin(radians(v.lat - v.plat) / 2), 2)
                     + cos(radians(v.plat)) * cos(radians(v.lat)) * power(sin(radians(v.lng - v.plng) / 2), 2))))
                   * b.road / b.speed * 60) + b.buf end) as travel_minutes,
         count(v.plat) as travel_legs
    from legs v cross join b group by v.technician_id, v.day
)
select coalesce(s.technician_id, k.technician_id), coalesce(s.day, k.day),
       coalesce(s.minutes, 0), coalesce(k.booked, 0), coalesce(k.visits, 0)::integer,
       coalesce(k.travel_minutes, 0), coalesce(k.travel_legs, 0)::integer,
       coalesce(k.jobs, 0)::integer, coalesce(k.due, 0)::integer, coalesce(k.completed, 0)::integer,
       coalesce(k.done, 0)::integer, coalesce(k.returns, 0)::integer, coalesce(k.windowed, 0)::integer,
       coalesce(k.on_time, 0)::integer, coalesce(k.sla_due, 0)::integer, coalesce(k.sla_met, 0)::integer,
       coalesce(k.automatic, 0)::integer, coalesce(k.manual, 0)::integer, coalesce(k.review, 0)::integer,
       coalesce(k.open_visits, 0)::integer, coalesce(k.reported, 0)::integer
  from shift_min s
  full join per_day k on k.technician_id = s.technician_id and k.day = s.day
$$;

