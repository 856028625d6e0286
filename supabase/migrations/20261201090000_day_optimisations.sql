-- Optimise day: a dispatcher's whole-day optimisation, applied as one change.
--
-- Each optimisation is a row of public.day_optimisations (who, which day, what it
-- saved, in words). Its placements are ordinary board changes written by
-- public.apply_placement(), the same path as a drag, each carrying the optimisation
-- it belongs to (board_changes.optimisation_id, and in every audit row's context),
-- so the whole optimisation is listed, audited and undone as one.

create table public.day_optimisations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  actor_id uuid not null references auth.users (id) on delete cascade,
  day date not null,
  technician_ids uuid[] not null,
  move_published boolean not null,
  summary text not null,
  travel_before integer not null check (travel_before >= 0),
  travel_after integer not null check (travel_after >= 0),
  moved integer not null check (moved >= 0),
  placed integer not null check (placed >= 0),
  undone_at timestamptz,
  created_at timestamptz not null default now()
);
alter table public.day_optimisations enable row level security;
comment on table public.day_optimisations is 'Each "optimise day" a dispatcher approved: which day and technicians, what it saved, and whether it was undone.';
create index day_optimisations_org_id_idx on public.day_optimisations (org_id, created_at desc);
create index day_optimisations_actor_idx on public.day_optimisations (actor_id, created_at desc);

grant select, insert, update on public.day_optimisations to authenticated, service_role;

create policy "Members can view their company's day optimisations"
  on public.day_optimisations for select to authenticated
  using (org_id in (select private.member_org_ids()));
create policy "Dispatchers and admins can record their own day optimisations"
  on public.day_optimisations for insert to authenticated
  with check (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])) and actor_id = (select auth.uid()));
create policy "Dispatchers and admins can mark their own day optimisations undone"
  on public.day_optimisations for update to authenticated
  using (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])) and actor_id = (select auth.uid()))
  with check (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])) and actor_id = (select auth.uid()));
-- no delete policy: history

create trigger day_optimisations_audit after insert or update on public.day_optimisations
  for each row execute function private.audit_row();

alter table public.board_changes
  add column optimisation_id uuid references public.day_optimisations (id) on delete cascade;
create index board_changes_optimisation_idx on public.board_changes (optimisation_id) where optimisation_id is not null;

-- apply_placement() as before, also recording the optimisation a change belongs to
-- (p_change ->> 'optimisation_id', null for a single change).
create or replace function public.apply_placement(
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
  -- (and, inside an optimisation, the optimisation it is part of)
  perform set_config('app.audit_context',
    (coalesce(p_change -> 'audit_context', '{}'::jsonb) || jsonb_build_object('change_id', v_change_id)
      || case when p_change ->> 'optimisation_id' is null then '{}'::jsonb
              else jsonb_build_object('optimisation_id', p_change ->> 'optimisation_id') end)::text, true);

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

  insert into public.board_changes (id, org_id, actor_id, job_id, kind, before, after, summary, notify_customer, undo_of, optimisation_id)
  values (v_change_id, p_org_id, coalesce((select auth.uid()), (p_change ->> 'actor_id')::uuid), p_job_id, p_change ->> 'kind',
          nullif(p_change -> 'before', 'null'::jsonb), nullif(p_change -> 'after', 'null'::jsonb),
          p_change ->> 'summary', (p_change ->> 'notify_customer')::boolean, (p_change ->> 'undo_of')::uuid,
          (p_change ->> 'optimisation_id')::uuid);
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
