-- The technician's side of a visit: what the technician reported (on my way,
-- arrived, done, couldn't finish) with its times, a history of every report with
-- the phone's idempotency key, and the narrow rights a technician needs to report
-- on their own visits and to accept an offer through the board's checked path.
--
-- Visit status on the job (read by the dispatcher's board and the customer's tracking page):
--   visit_status            null | on_my_way | arrived | done | not_finished
--   visit_status_at         when the latest status was reported
--   on_my_way_at            when the technician set off
--   estimated_arrival_at    arrival estimate told to the customer (travel estimate, or "running late")
--   arrived_at              actual arrival on site
--   finished_at             actual finish (done, or couldn't finish)
--   visit_note              the technician's short note on "done"
--   not_finished_reason     parts | no_access | customer_absent | second_visit
--   return_visit            true while a job that could not be finished waits for another visit

alter table public.jobs
  add column visit_status text check (visit_status in ('on_my_way', 'arrived', 'done', 'not_finished')),
  add column visit_status_at timestamptz,
  add column on_my_way_at timestamptz,
  add column estimated_arrival_at timestamptz,
  add column arrived_at timestamptz,
  add column finished_at timestamptz,
  add column visit_note text check (visit_note is null or length(visit_note) <= 1000),
  add column not_finished_reason text check (not_finished_reason in ('parts', 'no_access', 'customer_absent', 'second_visit')),
  add column return_visit boolean not null default false;

alter table public.job_offers
  add column decline_reason text check (decline_reason is null or length(decline_reason) <= 300);

create table public.visit_status_events (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  job_id uuid not null,
  technician_id uuid,
  actor_id uuid not null references auth.users (id) on delete cascade,
  status text not null check (status in ('on_my_way', 'arrived', 'done', 'not_finished', 'running_late')),
  -- when the technician tapped it (a phone offline sends it later)
  occurred_at timestamptz not null,
  recorded_at timestamptz not null default now(),
  note text check (note is null or length(note) <= 1000),
  not_finished_reason text check (not_finished_reason in ('parts', 'no_access', 'customer_absent', 'second_visit')),
  estimated_arrival_at timestamptz,
  -- a dispatcher setting a status out of order (e.g. done before arrived)
  correction boolean not null default false,
  -- the phone's key: the same tap sent twice is recorded once
  idempotency_key text not null check (length(idempotency_key) between 8 and 100),
  unique (org_id, idempotency_key),
  foreign key (org_id, job_id) references public.jobs (org_id, id) on delete cascade,
  foreign key (org_id, technician_id) references public.technicians (org_id, id) on delete set null (technician_id)
);
alter table public.visit_status_events enable row level security;
comment on table public.visit_status_events is 'Every status a technician (or a dispatcher correcting it) reported for a visit, once per idempotency key.';
create index visit_status_events_org_id_idx on public.visit_status_events (org_id);
create index visit_status_events_job_idx on public.visit_status_events (job_id, recorded_at);

grant select, insert on public.visit_status_events to authenticated, service_role;

-- ---------------------------------------------------------------------------
-- Who the signed-in person is on the board.

-- The technician records linked to the signed-in person.
create function private.my_technician_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select t.id from public.technicians t where t.user_id = (select auth.uid()) and t.active
$$;

-- True when the signed-in person leads or helps on the job's visit (its active
-- assignment, or the one just ended in this transaction).
create function private.is_on_crew(job uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1
      from (select a.id, a.leader_id from public.assignments a
             where a.job_id = job order by a.active desc, a.updated_at desc limit 1) last
     where last.leader_id in (select private.my_technician_ids())
        or exists (select 1 from public.assignment_helpers h
                    where h.assignment_id = last.id and h.technician_id in (select private.my_technician_ids()))
  )
$$;

-- True when the job is offered to the signed-in person (any answer so far).
create function private.holds_offer(job uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.job_offers o
     where o.job_id = job and o.technician_id in (select private.my_technician_ids())
  )
$$;

grant execute on function private.my_technician_ids() to authenticated, service_role;
grant execute on function private.is_on_crew(uuid) to authenticated, service_role;
grant execute on function private.holds_offer(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------
-- Technicians' rights: their own visits and offers only.

create policy "Members can view their company's visit status events"
  on public.visit_status_events for select to authenticated
  using (org_id in (select private.member_org_ids()));
create policy "Crews and dispatchers can report visit statuses"
  on public.visit_status_events for insert to authenticated
  with check (
    actor_id = (select auth.uid())
    and (
      org_id in (select private.member_org_ids(array['admin', 'dispatcher']))
      or (org_id in (select private.member_org_ids(array['technician'])) and private.is_on_crew(job_id))
    )
  );
-- no update / delete policies: the history stays as reported

create policy "Technicians can report on their own visits and offered jobs"
  on public.jobs for update to authenticated
  using (org_id in (select private.member_org_ids(array['technician'])) and (private.is_on_crew(id) or private.holds_offer(id)))
  with check (org_id in (select private.member_org_ids(array['technician'])) and (private.is_on_crew(id) or private.holds_offer(id)));

create policy "Technicians can take a job offered to them"
  on public.assignments for insert to authenticated
  with check (
    org_id in (select private.member_org_ids(array['technician']))
    and active
    and leader_id in (select private.my_technician_ids())
    and exists (select 1 from public.job_offers o
                 where o.job_id = assignments.job_id and o.technician_id = assignments.leader_id and o.status = 'offered')
  );
create policy "Technicians can end their own visits"
  on public.assignments for update to authenticated
  using (org_id in (select private.member_org_ids(array['technician'])) and private.is_on_crew(job_id))
  with check (org_id in (select private.member_org_ids(array['technician'])) and private.is_on_crew(job_id));

create policy "Technicians can answer offers of jobs offered to them"
  on public.job_offers for update to authenticated
  using (org_id in (select private.member_org_ids(array['technician'])) and private.holds_offer(job_id))
  with check (org_id in (select private.member_org_ids(array['technician'])) and private.holds_offer(job_id));

create policy "Technicians can record changes to their own visits"
  on public.board_changes for insert to authenticated
  with check (
    actor_id = (select auth.uid())
    and org_id in (select private.member_org_ids(array['technician']))
    and private.is_on_crew(job_id)
  );

create policy "Technicians can queue notices to the customers of their visits"
  on public.notifications for insert to authenticated
  with check (
    org_id in (select private.member_org_ids(array['technician']))
    and recipient_kind = 'customer' and job_id is not null and private.is_on_crew(job_id)
    and status = 'pending' and attempts = 0
    and provider is null and provider_id is null and sent_at is null and last_error is null
  );

-- (inserting with RETURNING needs the new row to be visible to its author)
create policy "Technicians can view the notices they queued"
  on public.notifications for select to authenticated
  using (created_by = (select auth.uid()) and org_id in (select private.member_org_ids(array['technician'])));
create index notifications_created_by_idx on public.notifications (created_by);

-- What a technician's update may touch: the visit's status, and what accepting an
-- offer or ending a visit changes. Everything else stays the dispatcher's.
create function private.limit_technician_changes() returns trigger
language plpgsql set search_path = ''
as $$
declare
  allowed text[] := case tg_table_name
    when 'jobs' then array['status', 'visit_status', 'visit_status_at', 'on_my_way_at', 'estimated_arrival_at',
                           'arrived_at', 'finished_at', 'visit_note', 'not_finished_reason', 'return_visit',
                           'dispatch_state', 'dispatch_reason', 'reschedule_count', 'version', 'updated_at']
    when 'assignments' then array['active', 'auto_assigned', 'version', 'updated_at']
    else array['status', 'responded_at', 'decline_reason']
  end;
begin
  -- only a technician of the row's company is limited (the service role and
  -- dispatchers are not; anyone else is stopped by the row-level policies)
  if (select auth.uid()) is null
     or old.org_id not in (select private.member_org_ids(array['technician'])) then
    return new;
  end if;
  if (to_jsonb(new) - allowed) is distinct from (to_jsonb(old) - allowed) then
    raise exception 'a technician can only report on a visit; % are changed by a dispatcher', replace(tg_table_name, '_', ' ')
      using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger jobs_limit_technician_changes before update on public.jobs
  for each row execute function private.limit_technician_changes();
create trigger assignments_limit_technician_changes before update on public.assignments
  for each row execute function private.limit_technician_changes();
create trigger job_offers_limit_technician_changes before update on public.job_offers
  for each row execute function private.limit_technician_changes();

create trigger visit_status_events_audit after insert on public.visit_status_events
  for each row execute function private.audit_row();

-- Offers are answered through the board's checked placement path now.
drop function public.respond_to_job_offer(uuid, boolean);
