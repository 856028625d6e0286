-- Insights: how each job got its technician, so the KPI "placed automatically vs
-- by hand vs via review" survives a dispatcher later moving the job (which turns
-- dispatch_state into 'manual'). Set by the database from dispatch_state changes;
-- application code never writes it. Plus an index for the period aggregates.

alter table public.jobs
  add column placed_via text check (placed_via in ('automatic', 'manual', 'review'));
comment on column public.jobs.placed_via is
  'How the job first got a technician: automatic (auto-dispatch, template crew, accepted offer), review (a person from the review queue) or manual.';

create function private.stamp_placed_via() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.status = 'unscheduled' then
    -- back in the queue: the next placement decides again
    new.placed_via := null;
  elsif new.dispatch_state in ('auto_assigned', 'preassigned', 'accepted')
        and (tg_op = 'INSERT' or old.dispatch_state is distinct from new.dispatch_state) then
    new.placed_via := 'automatic';
  elsif new.placed_via is null then
    new.placed_via := case when tg_op = 'UPDATE' and old.dispatch_state = 'review' then 'review' else 'manual' end;
  end if;
  return new;
end
$$;
create trigger jobs_stamp_placed_via before insert or update of status, dispatch_state on public.jobs
  for each row execute function private.stamp_placed_via();

-- Period aggregates read a company's visits by start time, helpers included.
create index if not exists assignments_org_start_all_idx on public.assignments (org_id, starts_at) include (job_id, leader_id, ends_at, active);
