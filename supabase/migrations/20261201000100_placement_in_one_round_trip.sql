-- A board change in two statements instead of twenty.
--
-- public.placement_context() takes the locks a placement needs, in one fixed order
-- (per technician and day, then the job, then its assignment), and returns as one
-- jsonb document everything the scheduling checks read: the company's settings, the
-- job, its assignment, and the crew's lanes for that day. public.apply_placement()
-- writes the change (assignment, helpers, job, withdrawn offers, the change record)
-- and returns the new rows. Both run as the caller (security invoker), so row-level
-- security decides what they see and may write, exactly as for single statements.
--
-- Visits last at most 24 hours (a check on assignments), so a day's visits are found
-- between the day's start less a day and its end, through the leader's index.

create index assignments_leader_start_idx on public.assignments (leader_id, starts_at) where active;

-- A job as the board reads it: the job row plus the customer columns the board shows.
create function private.board_job_json(j public.jobs, c public.customers) returns jsonb
language sql immutable set search_path = ''
as $$
  select to_jsonb(j) || jsonb_build_object(
    'customer_name', c.name,
    'customer_phone', c.phone,
    'customer_email', c.email,
    'contract', c.contract,
    'preferred_technician_id', c.preferred_technician_id
  )
$$;
grant execute on function private.board_job_json(public.jobs, public.customers) to authenticated, service_role;

create function public.placement_context(p_org_id uuid, p_job_id uuid, p_crew uuid[], p_at timestamptz)
returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  v_tz text;
  v_date date;
  v_from timestamptz;
  v_to timestamptz;
  v_tech uuid;
  v_assignment public.assignments;
  v_helpers uuid[];
  v_job jsonb;
  v_names uuid[];
begin
  select c.time_zone into v_tz from public.companies c where c.id = p_org_id;
  if v_tz is null then
    return null;
  end if;

  -- 1. technician-day locks, ascending by technician: two placements on the same
  --    person's day wait for each other, so neither checks against a stale lane
  if p_at is not null and p_crew is not null then
    v_date := (p_at at time zone v_tz)::date;
    foreach v_tech in array (select array_agg(distinct t order by t) from unnest(p_crew) t)
    loop
      perform pg_advisory_xact_lock(hashtextextended(p_org_id::text || '/' || v_tech::text || '/' || v_date::text, 0));
    end loop;
    v_from := v_date::timestamp at time zone v_tz;
    v_to := (v_date + 1)::timestamp at time zone v_tz;
  end if;

  -- 2. the job, then 3. its assignment (the active one, else the latest)
  select private.board_job_json(j, c) into v_job
    from public.jobs j join public.customers c on c.id = j.customer_id
   where j.id = p_job_id and j.org_id = p_org_id
     for update of j;
  if v_job is null then
    return null;
  end if;
  select a.* into v_assignment from public.assignments a
   where a.job_id = p_job_id
   order by a.active desc, a.updated_at desc limit 1
     for update;
  if v_assignment.id is not null then
    select coalesce(array_agg(h.technician_id order by h.technician_id), '{}') into v_helpers
      from public.assignment_helpers h where h.assignment_id = v_assignment.id;
  end if;

  v_names := coalesce(p_crew, '{}') || case when v_assignment.id is null then '{}'::uuid[]
                                            else v_assignment.leader_id || coalesce(v_helpers, '{}') end;

  return jsonb_build_object(
    'date', v_date,
    'company', (
      select to_jsonb(x) from (
        select c.id, c.name, c.time_zone, c.travel_speed_kmh, c.road_factor, c.travel_buffer_min,
               c.capacity_threshold, c.reschedule_notice_enabled, c.snap_minutes,
               c.auto_dispatch_enabled, c.scoring_weights
          from public.companies c where c.id = p_org_id) x),
    'job', v_job,
    'assignment', case when v_assignment.id is null then null else
      to_jsonb(v_assignment) || jsonb_build_object('helper_ids', coalesce(v_helpers, '{}')) end,
    'technicians', (
      select coalesce(jsonb_agg(jsonb_build_object(
               'id', t.id, 'name', t.name, 'skills', t.skills, 'home_lat', t.home_lat,
               'home_lng', t.home_lng, 'active', t.active,
               'shift_start', to_char(s.starts_at, 'HH24:MI'), 'shift_end', to_char(s.ends_at, 'HH24:MI'))), '[]')
        from public.technicians t
        left join public.technician_shifts s
          on s.technician_id = t.id and v_date is not null and s.weekday = extract(isodow from v_date)
       where t.org_id = p_org_id and t.id = any (v_names)),
    'time_off', (
      select coalesce(jsonb_agg(jsonb_build_object(
               'technician_id', o.technician_id, 'starts_at', o.starts_at, 'ends_at', o.ends_at, 'reason', o.reason)), '[]')
        from public.time_off o
       where v_from is not null and o.org_id = p_org_id and o.technician_id = any (p_crew)
         and o.starts_at < v_to and o.ends_at > v_from),
    'lanes', (
      with lane_ids as (
        select a.id from public.assignments a
         where v_from is not null and a.leader_id = any (p_crew) and a.active
           and a.starts_at < v_to and a.starts_at > v_from - interval '24 hours' and a.ends_at > v_from
        union
        select a.id from public.assignment_helpers h join public.assignments a on a.id = h.assignment_id
         where v_from is not null and h.technician_id = any (p_crew) and a.active
           and a.starts_at < v_to and a.ends_at > v_from
      )
      select coalesce(jsonb_agg(private.board_job_json(j, c) || jsonb_build_object(
               'assignment_id', a.id, 'leader_id', a.leader_id, 'assignment_starts_at', a.starts_at,
               'assignment_ends_at', a.ends_at, 'assignment_version', a.version,
               'published_at', a.published_at, 'auto_assigned', a.auto_assigned,
               'helper_ids', (select coalesce(array_agg(h.technician_id order by h.technician_id), '{}')
                                from public.assignment_helpers h where h.assignment_id = a.id))
             order by a.starts_at), '[]')
        from lane_ids l
        join public.assignments a on a.id = l.id
        join public.jobs j on j.id = a.job_id
        join public.customers c on c.id = j.customer_id
       where a.job_id <> p_job_id)
  );
end
$$;
revoke execute on function public.placement_context(uuid, uuid, uuid[], timestamptz) from public;
grant execute on function public.placement_context(uuid, uuid, uuid[], timestamptz) to authenticated, service_role;
comment on function public.placement_context(uuid, uuid, uuid[], timestamptz) is
  'Locks a placement''s technician days, job and assignment (in that order) and returns what its checks read, as jsonb.';

-- p_next: {leaderId, helperIds, start, end}, or null to take the job off the board.
-- p_change: {kind, before, after, summary, notify_customer, undo_of, audit_context, actor_id};
-- actor_id counts only where no person is signed in (the service role): a person is
-- always recorded as themselves.
create function public.apply_placement(
  p_org_id uuid, p_job_id uuid, p_assignment_id uuid, p_next jsonb, p_reschedule integer, p_change jsonb
)
returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  v_change_id uuid := gen_random_uuid();
  v_assignment_id uuid := p_assignment_id;
  v_helpers uuid[];
  v_job jsonb;
  v_assignment jsonb;
begin
  -- every audit row this change writes carries the change it belongs to
  perform set_config('app.audit_context',
    (coalesce(p_change -> 'audit_context', '{}'::jsonb) || jsonb_build_object('change_id', v_change_id))::text, true);

  if p_next is not null then
    v_helpers := coalesce((select array_agg(distinct x::uuid) from jsonb_array_elements_text(p_next -> 'helperIds') x), '{}');
    if v_assignment_id is not null then
      update public.assignments
         set leader_id = (p_next ->> 'leaderId')::uuid, starts_at = (p_next ->> 'start')::timestamptz,
             ends_at = (p_next ->> 'end')::timestamptz, active = true, auto_assigned = false
       where id = v_assignment_id;
      delete from public.assignment_helpers
       where assignment_id = v_assignment_id and technician_id <> all (v_helpers);
    else
      insert into public.assignments (org_id, job_id, leader_id, starts_at, ends_at)
      values (p_org_id, p_job_id, (p_next ->> 'leaderId')::uuid, (p_next ->> 'start')::timestamptz, (p_next ->> 'end')::timestamptz)
      returning id into v_assignment_id;
    end if;
    insert into public.assignment_helpers (org_id, assignment_id, technician_id)
    select p_org_id, v_assignment_id, t from unnest(v_helpers) t
     where not exists (select 1 from public.assignment_helpers h where h.assignment_id = v_assignment_id and h.technician_id = t);
    -- a person placing the job settles any automatic decision; open broadcast offers end
    update public.job_offers set status = 'withdrawn', responded_at = now()
     where job_id = p_job_id and status = 'offered'
       and exists (select 1 from public.jobs j where j.id = p_job_id and j.dispatch_state = 'offered');
    -- one update of the job (one version, one audit row): a change to a planned visit
    -- waits for the next publish; work under way stays under way
    update public.jobs
       set status = case when status = 'in_progress' then status else 'scheduled' end,
           reschedule_count = reschedule_count + p_reschedule,
           dispatch_state = case when dispatch_state in ('review', 'offered', 'auto_assigned', 'preassigned') then 'manual' else dispatch_state end
     where id = p_job_id;
  elsif v_assignment_id is not null then
    update public.assignments set active = false where id = v_assignment_id;
    update public.jobs set status = 'unscheduled', reschedule_count = reschedule_count + p_reschedule where id = p_job_id;
  end if;

  insert into public.board_changes (id, org_id, actor_id, job_id, kind, before, after, summary, notify_customer, undo_of)
  values (v_change_id, p_org_id, coalesce((select auth.uid()), (p_change ->> 'actor_id')::uuid), p_job_id, p_change ->> 'kind',
          nullif(p_change -> 'before', 'null'::jsonb), nullif(p_change -> 'after', 'null'::jsonb),
          p_change ->> 'summary', (p_change ->> 'notify_customer')::boolean, (p_change ->> 'undo_of')::uuid);
  if p_change ->> 'undo_of' is not null then
    update public.board_changes set undone_at = now() where id = (p_change ->> 'undo_of')::uuid;
  end if;

  select private.board_job_json(j, c) into v_job
    from public.jobs j join public.customers c on c.id = j.customer_id where j.id = p_job_id;
  select to_jsonb(a) || jsonb_build_object('helper_ids',
           (select coalesce(array_agg(h.technician_id order by h.technician_id), '{}')
              from public.assignment_helpers h where h.assignment_id = a.id))
    into v_assignment
    from public.assignments a where a.id = v_assignment_id and a.active;

  return jsonb_build_object('change_id', v_change_id, 'job', v_job, 'assignment', v_assignment);
end
$$;
revoke execute on function public.apply_placement(uuid, uuid, uuid, jsonb, integer, jsonb) from public;
grant execute on function public.apply_placement(uuid, uuid, uuid, jsonb, integer, jsonb) to authenticated, service_role;
comment on function public.apply_placement(uuid, uuid, uuid, jsonb, integer, jsonb) is
  'Writes one board change (assignment, helpers, job, offers, change record) and returns the new job and assignment.';
