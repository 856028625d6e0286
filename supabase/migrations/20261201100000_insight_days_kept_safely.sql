-- A closed day's insights figures are never kept stale by a write that races the refresh.
--
-- public.refresh_insight_days() computes a day under one snapshot and keeps it. A write
-- to that day that commits after the snapshot was taken used to be missed: its trigger
-- deleted the day's mark before the refresh had inserted it (or could not see the
-- refresh's uncommitted mark), so the stale figures stayed until the next write.
--
-- Now every write that forgets days also notes them in insight_day_writes (one row per
-- statement and company, with its transaction id) under a shared advisory lock on the
-- company that it holds until it commits; writers never wait for one another. Before
-- the refresh finishes it takes the same lock exclusively, so every write already under
-- way commits first (and a write that starts later waits for the refresh, then forgets
-- the days it kept the ordinary way); it then drops each day it was keeping that a
-- write invisible to its snapshot touched. That day is computed again on the next read.

create table public.insight_day_writes (
  id bigint generated always as identity primary key,
  org_id uuid not null references public.companies (id) on delete cascade,
  from_day date not null,
  to_day date not null,
  xid xid8 not null default pg_current_xact_id(),
  written_at timestamptz not null default now()
);
alter table public.insight_day_writes enable row level security;
comment on table public.insight_day_writes is
  'Days whose insights figures a write changed, with the writing transaction: lets a refresh drop days written after its snapshot. Pruned after a day.';
create index insight_day_writes_org_id_idx on public.insight_day_writes (org_id, written_at);
-- only the security definer functions below write it; members may read their company's
revoke all on public.insight_day_writes from anon, authenticated;
grant select on public.insight_day_writes to authenticated;
create policy "Members can view their company's insight day writes"
  on public.insight_day_writes for select to authenticated
  using (org_id in (select private.member_org_ids()));

-- The advisory lock key of a company's kept insight days.
create function private.insight_days_lock_key(p_org_id uuid) returns bigint
language sql immutable set search_path = ''
as $$
  select hashtextextended('insight_days:' || p_org_id::text, 0)
$$;

-- Notes a write to [p_from, p_to] (local days, inclusive) of a company; called by every forget.
create function private.note_insight_write(p_org_id uuid, p_from date, p_to date) returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
  perform pg_advisory_xact_lock_shared(private.insight_days_lock_key(p_org_id));
  insert into public.insight_day_writes (org_id, from_day, to_day) values (p_org_id, p_from, p_to);
end
$$;

create or replace function private.forget_insight_days(p_org_id uuid, p_from timestamptz, p_to timestamptz) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  v_from date := (p_from at time zone 'UTC')::date - 1;
  v_to date := (p_to at time zone 'UTC')::date + 31;
begin
  perform private.note_insight_write(p_org_id, v_from, v_to);
  delete from public.insight_days_computed k where k.org_id = p_org_id and k.day between v_from and v_to;
end
$$;

create or replace function private.forget_all_insight_days() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_table_name = 'companies' then
    perform private.note_insight_write(n.id, '-infinity', 'infinity')
       from new_rows n join old_rows o on o.id = n.id
      where (n.time_zone, n.travel_speed_kmh, n.road_factor, n.travel_buffer_min)
            is distinct from (o.time_zone, o.travel_speed_kmh, o.road_factor, o.travel_buffer_min);
    delete from public.insight_days_computed k using new_rows n join old_rows o on o.id = n.id
     where k.org_id = n.id
       and (n.time_zone, n.travel_speed_kmh, n.road_factor, n.travel_buffer_min)
           is distinct from (o.time_zone, o.travel_speed_kmh, o.road_factor, o.travel_buffer_min);
  elsif tg_op = 'DELETE' then
    perform private.note_insight_write(o.org_id, '-infinity', 'infinity') from (select distinct org_id from old_rows) o;
    delete from public.insight_days_computed k where k.org_id in (select o.org_id from old_rows o);
  else
    perform private.note_insight_write(n.org_id, '-infinity', 'infinity') from (select distinct org_id from new_rows) n;
    delete from public.insight_days_computed k where k.org_id in (select n.org_id from new_rows n);
  end if;
  return null;
end
$$;

create or replace function public.refresh_insight_days(p_org_id uuid, p_from date, p_to date, p_now timestamptz)
returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
  v_tz text;
  v_days date[];
  v_kept integer;
  v_dropped integer;
  -- taken before the figures are computed: a write this snapshot does not see may be missing from them
  v_snapshot pg_snapshot := pg_current_snapshot();
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

  -- every write under way commits first; then a day written after the snapshot is not kept
  perform pg_advisory_xact_lock(private.insight_days_lock_key(p_org_id));
  delete from public.insight_days_computed k
   where k.org_id = p_org_id and k.day = any (v_days)
     and exists (select 1 from public.insight_day_writes w
                  where w.org_id = p_org_id and k.day between w.from_day and w.to_day
                    and not pg_visible_in_snapshot(w.xid, v_snapshot));
  get diagnostics v_dropped = row_count;
  delete from public.insight_day_writes w where w.org_id = p_org_id and w.written_at < now() - interval '1 day';
  return greatest(v_kept - v_dropped, 0);
end
$$;

revoke execute on all functions in schema private from public;
grant execute on function private.response_bucket(numeric) to authenticated, service_role;
