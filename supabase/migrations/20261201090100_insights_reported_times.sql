-- Insights use the times technicians report: arrival and finish are the job's
-- arrived_at / finished_at where the technician reported them (the technician app's
-- Arrived and Done), else the planned visit times; each day counts how many visits
-- had reported times so the page can say which it used. Reported times are part of
-- a job's figures, so changing them forgets its kept days; every kept day is
-- forgotten once here, as the definitions changed.

alter table public.insight_days add column reported integer not null default 0;
delete from public.insight_days_computed;

drop function public.insight_facts(uuid, date[], timestamptz, uuid);
create function public.insight_facts(p_org_id uuid, p_days date[], p_now timestamptz, p_technician_id uuid default null)
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
    from public.assignments a cross join b
   where a.org_id = p_org_id and a.active and a.starts_at >= b.lo and a.starts_at < b.hi
     and (p_technician_id is null or a.leader_id = p_technician_id)
  union all
  select a.job_id, h.technician_id, false, a.starts_at, a.ends_at
    from public.assignment_helpers h join public.assignments a on a.id = h.assignment_id cross join b
   where h.org_id = p_org_id and a.active and a.starts_at >= b.lo and a.starts_at < b.hi
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
raw_prior as (
  select a2.job_id,
         max(case when j2.status = 'done' then a2.ends_at end) over (
           partition by j2.customer_id order by a2.starts_at rows between unbounded preceding and 1 preceding) as prev_done
    from public.assignments a2 join public.jobs j2 on j2.id = a2.job_id cross join b
   where a2.org_id = p_org_id and a2.active and a2.starts_at >= b.lo - interval '30 days' and a2.starts_at < b.hi
     and (a2.starts_at at time zone b.tz)::date not in (select k.day from kept_days k)
     and j2.status <> 'cancelled'
     and j2.customer_id in (select v.customer_id from visits v where v.leads)
),
return_visits as (
  select v.job_id
    from visits v left join raw_prior w on w.job_id = v.job_id
   where v.leads
     and greatest(w.prev_done, (
           select max(c.last_done_end) from public.insight_customer_days c
            where c.org_id = p_org_id and c.customer_id = v.customer_id
              and c.day >= v.day - 31 and c.day < v.day)) > v.arrive - interval '30 days'
),
legs as (
  select technician_id, day, lat, lng, lag(lat) over w as plat, lag(lng) over w as plng
    from visits window w as (partition by technician_id, day order by p_start)
),
leg_min as (
  select l.technician_id, l.day,
         sum(case when l.lat = l.plat and l.lng = l.plng then 0
              else ceil(2 * 6371.0088 * asin(least(1, sqrt(
                     power(sin(radians(l.lat - l.plat) / 2), 2)
                     + cos(radians(l.plat)) * cos(radians(l.lat)) * power(sin(radians(l.lng - l.plng) / 2), 2))))
                   * b.road / b.speed * 60) + b.buf end) as minutes,
         count(*) as legs
    from legs l cross join b where l.plat is not null
   group by l.technician_id, l.day
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
         count(*) filter (where v.reported) as reported
    from visits v group by v.technician_id, v.day
)
select coalesce(s.technician_id, k.technician_id), coalesce(s.day, k.day),
       coalesce(s.minutes, 0), coalesce(k.booked, 0), coalesce(k.visits, 0)::integer,
       coalesce(l.minutes, 0), coalesce(l.legs, 0)::integer,
       coalesce(k.jobs, 0)::integer, coalesce(k.due, 0)::integer, coalesce(k.completed, 0)::integer,
       coalesce(k.done, 0)::integer, coalesce(k.returns, 0)::integer, coalesce(k.windowed, 0)::integer,
       coalesce(k.on_time, 0)::integer, coalesce(k.sla_due, 0)::integer, coalesce(k.sla_met, 0)::integer,
       coalesce(k.automatic, 0)::integer, coalesce(k.manual, 0)::integer, coalesce(k.review, 0)::integer,
       coalesce(k.open_visits, 0)::integer, coalesce(k.reported, 0)::integer
  from shift_min s
  full join per_day k on k.technician_id = s.technician_id and k.day = s.day
  left join leg_min l on l.technician_id = coalesce(s.technician_id, k.technician_id) and l.day = coalesce(s.day, k.day)
$$;
comment on function public.insight_facts(uuid, date[], timestamptz, uuid) is
  'Insights figures per technician and local day for the given days, read under the caller''s row-level security.';
grant execute on function public.insight_facts(uuid, date[], timestamptz, uuid) to authenticated, service_role;

create or replace function public.insight_response_facts(p_org_id uuid, p_days date[], p_technician_id uuid default null)
returns table (day date, priority smallint, bucket smallint, jobs integer, minutes numeric, min_minutes numeric, max_minutes numeric)
language sql stable security invoker set search_path = ''
as $$
with b as (
  select c.time_zone as tz,
         ((select min(d) from unnest(p_days) d)::timestamp at time zone c.time_zone) as lo,
         (((select max(d) from unnest(p_days) d) + 1)::timestamp at time zone c.time_zone) as hi
    from public.companies c where c.id = p_org_id
),
r as (
  select (a.starts_at at time zone b.tz)::date as day, j.priority::smallint as priority,
         extract(epoch from coalesce(j.arrived_at, a.starts_at) - j.created_at) / 60 as minutes
    from public.assignments a join public.jobs j on j.id = a.job_id cross join b
   where a.org_id = p_org_id and a.active and a.starts_at >= b.lo and a.starts_at < b.hi
     and (p_technician_id is null or a.leader_id = p_technician_id)
     and j.status <> 'cancelled' and coalesce(j.arrived_at, a.starts_at) >= j.created_at
)
select r.day, r.priority, private.response_bucket(r.minutes), count(*)::integer, sum(r.minutes), min(r.minutes), max(r.minutes)
  from r where r.day = any (p_days)
 group by 1, 2, 3
$$;

create or replace function public.refresh_insight_days(p_org_id uuid, p_from date, p_to date, p_now timestamptz)
returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
  v_tz text;
  v_days date[];
  v_kept integer;
begin
  if not (p_org_id in (select private.member_org_ids()) or current_setting('role', true) = 'service_role') then
    return 0;
  end if;
  select c.time_zone into v_tz from public.companies c where c.id = p_org_id;
  if v_tz is null then
    return 0;
  end if;
  -- a day is closed once it is over in the company's zone
  select array_agg(d::date) into v_days
    from generate_series(p_from - 30, least(p_to, (p_now at time zone v_tz)::date - 1), interval '1 day') d
   where not exists (select 1 from public.insight_days_computed k where k.org_id = p_org_id and k.day = d::date);
  if v_days is null then
    return 0;
  end if;

  -- one statement: the days, their rows per technician and their response buckets;
  -- a day with a visit still running stays open
  with f as materialized (select * from public.insight_facts(p_org_id, v_days, p_now)),
  open_days as (select f.day from f group by f.day having sum(f.open_visits) > 0),
  kept as (
    insert into public.insight_days_computed (org_id, day)
    select p_org_id, d from unnest(v_days) d where d not in (select o.day from open_days o)
    on conflict do nothing
    returning day
  ),
  rows_kept as (
    insert into public.insight_days
    select p_org_id, f.day, f.technician_id, f.shift_minutes, f.booked_minutes, f.visits, f.travel_minutes, f.travel_legs,
           f.jobs, f.due, f.completed, f.done, f.returns, f.windowed, f.on_time, f.sla_due, f.sla_met,
           f.automatic, f.manual, f.review, f.reported
      from f where f.day in (select k.day from kept k)
    on conflict do nothing
    returning 1
  ),
  responses_kept as (
    insert into public.insight_response_days (org_id, day, priority, bucket, jobs, minutes, min_minutes, max_minutes)
    select p_org_id, r.day, r.priority, r.bucket, r.jobs, r.minutes, r.min_minutes, r.max_minutes
      from public.insight_response_facts(p_org_id, v_days) r where r.day in (select k.day from kept k)
    on conflict do nothing
    returning 1
  ),
  customers_kept as (
    insert into public.insight_customer_days (org_id, day, customer_id, last_done_end)
    select p_org_id, (a.starts_at at time zone v_tz)::date, j.customer_id, max(a.ends_at)
      from public.assignments a join public.jobs j on j.id = a.job_id
     where a.org_id = p_org_id and a.active and j.status = 'done'
       and a.starts_at >= (select min(k.day) from kept k)::timestamp at time zone v_tz
       and a.starts_at < ((select max(k.day) from kept k) + 1)::timestamp at time zone v_tz
       and (a.starts_at at time zone v_tz)::date in (select k.day from kept k)
     group by 2, 3
    on conflict do nothing
    returning 1
  )
  select count(*) into v_kept from kept;
  return v_kept;
end
$$;

create or replace function private.forget_insight_days_of_jobs() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.forget_insight_days(a.org_id, min(a.starts_at), max(a.starts_at))
     from new_rows n join old_rows o on o.id = n.id join public.assignments a on a.job_id = n.id
    where (n.status, n.priority, n.lat, n.lng, n.customer_id, n.created_at, n.window_start, n.window_end, n.deadline, n.placed_via,
           n.arrived_at, n.finished_at)
          is distinct from
          (o.status, o.priority, o.lat, o.lng, o.customer_id, o.created_at, o.window_start, o.window_end, o.deadline, o.placed_via,
           o.arrived_at, o.finished_at)
    group by a.org_id;
  return null;
end
$$;

revoke execute on all functions in schema private from public;
grant execute on function private.response_bucket(numeric) to authenticated, service_role;
