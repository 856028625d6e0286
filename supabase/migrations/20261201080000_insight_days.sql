-- Insights over long periods read closed days from a cache instead of every visit.
--
-- public.insight_facts() computes, set-based, one row per technician and local day:
-- shift and booked minutes, crew visits, travel between consecutive visits, and the
-- counts of the jobs that technician led (due, done, return visits, windows, SLA,
-- placement). public.insight_response_facts() gives response times (request to
-- arrival) per day, priority and bucket of minutes. Both are security invoker: called
-- by a member they read under row-level security, like every other query.
--
-- A closed day (over in the company's zone, every visit of it ended) is computed once
-- by public.refresh_insight_days() and kept in insight_days / insight_response_days,
-- marked in insight_days_computed. Open days (today, the future, a day with a visit
-- still running) are always computed live. Any write that can change a day's figures
-- (its visits, their jobs, helpers, time off, shifts, the company's zone or travel
-- settings) forgets that day and the 30 after it (return visits look 30 days back),
-- so the next read computes it again. A write to a closed day that commits while a
-- refresh of that same day is running can be missed until the next write to it.

create table public.insight_days_computed (
  org_id uuid not null references public.companies (id) on delete cascade,
  day date not null,
  computed_at timestamptz not null default now(),
  primary key (org_id, day)
);
alter table public.insight_days_computed enable row level security;
comment on table public.insight_days_computed is 'Closed days whose insights figures are kept in insight_days and insight_response_days.';

create table public.insight_days (
  org_id uuid not null,
  day date not null,
  technician_id uuid not null,
  shift_minutes numeric not null,
  booked_minutes numeric not null,
  visits integer not null,
  travel_minutes numeric not null,
  travel_legs integer not null,
  jobs integer not null,
  due integer not null,
  completed integer not null,
  done integer not null,
  returns integer not null,
  windowed integer not null,
  on_time integer not null,
  sla_due integer not null,
  sla_met integer not null,
  automatic integer not null,
  manual integer not null,
  review integer not null,
  primary key (org_id, day, technician_id),
  foreign key (org_id, day) references public.insight_days_computed (org_id, day) on delete cascade,
  foreign key (org_id, technician_id) references public.technicians (org_id, id) on delete cascade
);
alter table public.insight_days enable row level security;
comment on table public.insight_days is 'Insights figures of one technician on one closed day (a cache of public.insight_facts()).';
create index insight_days_technician_idx on public.insight_days (org_id, technician_id, day);

create table public.insight_response_days (
  org_id uuid not null,
  day date not null,
  priority smallint not null,
  bucket smallint not null,
  jobs integer not null,
  minutes numeric not null,
  min_minutes numeric not null,
  max_minutes numeric not null,
  primary key (org_id, day, priority, bucket),
  foreign key (org_id, day) references public.insight_days_computed (org_id, day) on delete cascade
);
alter table public.insight_response_days enable row level security;
comment on table public.insight_response_days is 'Response times (request to arrival) of one closed day, counted per priority and bucket of minutes.';

grant select on public.insight_days_computed, public.insight_days, public.insight_response_days to authenticated, service_role;
grant insert, update, delete on public.insight_days_computed, public.insight_days, public.insight_response_days to service_role;

create policy "Members can view their company's computed insight days"
  on public.insight_days_computed for select to authenticated
  using (org_id in (select private.member_org_ids()));
create policy "Members can view their company's insight days"
  on public.insight_days for select to authenticated
  using (org_id in (select private.member_org_ids()));
create policy "Members can view their company's insight response days"
  on public.insight_response_days for select to authenticated
  using (org_id in (select private.member_org_ids()));

-- Response buckets: 5 minutes under 2 h, 15 under 8 h, an hour under 2 days, 6 hours
-- under 2 weeks, then one bucket. Each keeps its count, sum, smallest and largest
-- value, so averages are exact and a percentile is exact while no bucket holds more than
-- two values, otherwise interpolated inside its bucket (lib/insights/bucket-percentile.ts).
create function private.response_bucket(minutes numeric) returns smallint
language sql immutable set search_path = ''
as $$
  select (case
    when minutes < 120 then floor(minutes / 5)
    when minutes < 480 then 24 + floor((minutes - 120) / 15)
    when minutes < 2880 then 48 + floor((minutes - 480) / 60)
    when minutes < 20160 then 88 + floor((minutes - 2880) / 360)
    else 136 end)::smallint
$$;

create function public.insight_facts(p_org_id uuid, p_days date[], p_now timestamptz, p_technician_id uuid default null)
returns table (
  technician_id uuid, day date, shift_minutes numeric, booked_minutes numeric, visits integer,
  travel_minutes numeric, travel_legs integer, jobs integer, due integer, completed integer, done integer,
  returns integer, windowed integer, on_time integer, sla_due integer, sla_met integer,
  automatic integer, manual integer, review integer, open_visits integer)
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
         v.p_start as arrive, v.p_end as finish,
         (v.p_start at time zone b.tz)::date as day,
         j.status, j.lat, j.lng, j.created_at, j.window_start, j.window_end, j.deadline,
         j.customer_id, coalesce(j.placed_via, 'manual') as placed_via
    from crew v join public.jobs j on j.id = v.job_id cross join b
   where j.status <> 'cancelled' and (v.p_start at time zone b.tz)::date = any (p_days)
),
-- a return visit: the customer's previous completed visit ended in the 30 days before
-- (that visit led by anyone, on any day, in the period or before it)
return_visits as (
  select w.job_id from (
    select a2.job_id,
           max(case when j2.status = 'done' then a2.ends_at end) over (
             partition by j2.customer_id order by a2.starts_at rows between unbounded preceding and 1 preceding) as prev_done
      from public.assignments a2 join public.jobs j2 on j2.id = a2.job_id cross join b
     where a2.org_id = p_org_id and a2.active and a2.starts_at >= b.lo - interval '30 days' and a2.starts_at < b.hi
       and j2.status <> 'cancelled'
       and j2.customer_id in (select v.customer_id from visits v where v.leads)
  ) w
  join visits v on v.job_id = w.job_id and v.leads
  where w.prev_done > v.arrive - interval '30 days'
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
         count(*) filter (where v.leads and v.placed_via = 'review') as review
    from visits v group by v.technician_id, v.day
)
select coalesce(s.technician_id, k.technician_id), coalesce(s.day, k.day),
       coalesce(s.minutes, 0), coalesce(k.booked, 0), coalesce(k.visits, 0)::integer,
       coalesce(l.minutes, 0), coalesce(l.legs, 0)::integer,
       coalesce(k.jobs, 0)::integer, coalesce(k.due, 0)::integer, coalesce(k.completed, 0)::integer,
       coalesce(k.done, 0)::integer, coalesce(k.returns, 0)::integer, coalesce(k.windowed, 0)::integer,
       coalesce(k.on_time, 0)::integer, coalesce(k.sla_due, 0)::integer, coalesce(k.sla_met, 0)::integer,
       coalesce(k.automatic, 0)::integer, coalesce(k.manual, 0)::integer, coalesce(k.review, 0)::integer,
       coalesce(k.open_visits, 0)::integer
  from shift_min s
  full join per_day k on k.technician_id = s.technician_id and k.day = s.day
  left join leg_min l on l.technician_id = coalesce(s.technician_id, k.technician_id) and l.day = coalesce(s.day, k.day)
$$;
comment on function public.insight_facts(uuid, date[], timestamptz, uuid) is
  'Insights figures per technician and local day for the given days, read under the caller''s row-level security.';

create function public.insight_response_facts(p_org_id uuid, p_days date[], p_technician_id uuid default null)
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
         extract(epoch from a.starts_at - j.created_at) / 60 as minutes
    from public.assignments a join public.jobs j on j.id = a.job_id cross join b
   where a.org_id = p_org_id and a.active and a.starts_at >= b.lo and a.starts_at < b.hi
     and (p_technician_id is null or a.leader_id = p_technician_id)
     and j.status <> 'cancelled' and a.starts_at >= j.created_at
)
select r.day, r.priority, private.response_bucket(r.minutes), count(*)::integer, sum(r.minutes), min(r.minutes), max(r.minutes)
  from r where r.day = any (p_days)
 group by 1, 2, 3
$$;
comment on function public.insight_response_facts(uuid, date[], uuid) is
  'Response times (request to arrival) per local day, priority and bucket, read under the caller''s row-level security.';

grant execute on function public.insight_facts(uuid, date[], timestamptz, uuid) to authenticated, service_role;
grant execute on function public.insight_response_facts(uuid, date[], uuid) to authenticated, service_role;

-- Computes and keeps the closed days of [p_from, p_to] not kept yet. Any member may ask
-- (viewers read insights too); the figures are the company's own, so the function runs
-- as its owner to write the cache, after checking the caller's membership.
create function public.refresh_insight_days(p_org_id uuid, p_from date, p_to date, p_now timestamptz)
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
    from generate_series(p_from, least(p_to, (p_now at time zone v_tz)::date - 1), interval '1 day') d
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
           f.automatic, f.manual, f.review
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
  )
  select count(*) into v_kept from kept;
  return v_kept;
end
$$;
revoke execute on function public.refresh_insight_days(uuid, date, date, timestamptz) from public;
grant execute on function public.refresh_insight_days(uuid, date, date, timestamptz) to authenticated, service_role;
comment on function public.refresh_insight_days(uuid, date, date, timestamptz) is
  'Computes and keeps the insights figures of the closed days of a period that are not kept yet; returns how many days it kept.';

-- Forgetting: a day's figures, and the 30 days after it whose return visits look back
-- at it. Days are taken in UTC with a day of margin either side, whatever the zone.
create function private.forget_insight_days(p_org_id uuid, p_from timestamptz, p_to timestamptz) returns void
language sql volatile security definer set search_path = ''
as $$
  delete from public.insight_days_computed k
   where k.org_id = p_org_id
     and k.day between (p_from at time zone 'UTC')::date - 1 and (p_to at time zone 'UTC')::date + 31
$$;

create function private.forget_insight_days_of_assignments() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform private.forget_insight_days(o.org_id, min(o.starts_at), max(o.starts_at)) from old_rows o group by o.org_id;
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    perform private.forget_insight_days(n.org_id, min(n.starts_at), max(n.starts_at)) from new_rows n group by n.org_id;
  end if;
  return null;
end
$$;
create trigger assignments_forget_insight_days_ins after insert on public.assignments
  referencing new table as new_rows for each statement execute function private.forget_insight_days_of_assignments();
create trigger assignments_forget_insight_days_upd after update on public.assignments
  referencing old table as old_rows new table as new_rows for each statement execute function private.forget_insight_days_of_assignments();
create trigger assignments_forget_insight_days_del after delete on public.assignments
  referencing old table as old_rows for each statement execute function private.forget_insight_days_of_assignments();

create function private.forget_insight_days_of_helpers() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'DELETE' then
    perform private.forget_insight_days(a.org_id, min(a.starts_at), max(a.starts_at))
       from old_rows h join public.assignments a on a.id = h.assignment_id group by a.org_id;
  else
    perform private.forget_insight_days(a.org_id, min(a.starts_at), max(a.starts_at))
       from new_rows h join public.assignments a on a.id = h.assignment_id group by a.org_id;
  end if;
  return null;
end
$$;
create trigger assignment_helpers_forget_insight_days_ins after insert on public.assignment_helpers
  referencing new table as new_rows for each statement execute function private.forget_insight_days_of_helpers();
create trigger assignment_helpers_forget_insight_days_del after delete on public.assignment_helpers
  referencing old table as old_rows for each statement execute function private.forget_insight_days_of_helpers();

-- a job's figures change with its status, priority, site, customer, times or placement
create function private.forget_insight_days_of_jobs() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.forget_insight_days(a.org_id, min(a.starts_at), max(a.starts_at))
     from new_rows n join old_rows o on o.id = n.id join public.assignments a on a.job_id = n.id
    where (n.status, n.priority, n.lat, n.lng, n.customer_id, n.created_at, n.window_start, n.window_end, n.deadline, n.placed_via)
          is distinct from
          (o.status, o.priority, o.lat, o.lng, o.customer_id, o.created_at, o.window_start, o.window_end, o.deadline, o.placed_via)
    group by a.org_id;
  return null;
end
$$;
create trigger jobs_forget_insight_days after update on public.jobs
  referencing old table as old_rows new table as new_rows for each statement execute function private.forget_insight_days_of_jobs();

create function private.forget_insight_days_of_time_off() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform private.forget_insight_days(o.org_id, min(o.starts_at), max(o.ends_at)) from old_rows o group by o.org_id;
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    perform private.forget_insight_days(n.org_id, min(n.starts_at), max(n.ends_at)) from new_rows n group by n.org_id;
  end if;
  return null;
end
$$;
create trigger time_off_forget_insight_days_ins after insert on public.time_off
  referencing new table as new_rows for each statement execute function private.forget_insight_days_of_time_off();
create trigger time_off_forget_insight_days_upd after update on public.time_off
  referencing old table as old_rows new table as new_rows for each statement execute function private.forget_insight_days_of_time_off();
create trigger time_off_forget_insight_days_del after delete on public.time_off
  referencing old table as old_rows for each statement execute function private.forget_insight_days_of_time_off();

-- weekly shifts and the company's zone and travel settings shape every past day
create function private.forget_all_insight_days() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_table_name = 'companies' then
    delete from public.insight_days_computed k using new_rows n join old_rows o on o.id = n.id
     where k.org_id = n.id
       and (n.time_zone, n.travel_speed_kmh, n.road_factor, n.travel_buffer_min)
           is distinct from (o.time_zone, o.travel_speed_kmh, o.road_factor, o.travel_buffer_min);
  elsif tg_op = 'DELETE' then
    delete from public.insight_days_computed k where k.org_id in (select o.org_id from old_rows o);
  else
    delete from public.insight_days_computed k where k.org_id in (select n.org_id from new_rows n);
  end if;
  return null;
end
$$;
create trigger technician_shifts_forget_insight_days_ins after insert on public.technician_shifts
  referencing new table as new_rows for each statement execute function private.forget_all_insight_days();
create trigger technician_shifts_forget_insight_days_upd after update on public.technician_shifts
  referencing old table as old_rows new table as new_rows for each statement execute function private.forget_all_insight_days();
create trigger technician_shifts_forget_insight_days_del after delete on public.technician_shifts
  referencing old table as old_rows for each statement execute function private.forget_all_insight_days();
create trigger companies_forget_insight_days after update on public.companies
  referencing old table as old_rows new table as new_rows for each statement execute function private.forget_all_insight_days();
