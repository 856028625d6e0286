-- Automatic dispatch books a job in one write of the job and one of its assignment.
--
-- A job that dispatched itself was written three times after its insert — the
-- placement (apply_placement), then "update assignments set auto_assigned = true",
-- then the decision and its reasons on the job — each a new version, an audit row, a
-- live board event and the insight and webhook triggers, all while the technician's
-- day stayed locked. apply_placement() now takes both in its change document:
--   auto_assigned: true        the assignment is marked automatic as it is written;
--   dispatch: {state, reason, detail}  the decision is written in the job's one update.
-- Without them a placement is a person's, as before (the automatic flag is cleared and
-- an automatic decision is settled as manual).

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
             ends_at = (p_next ->> 'end')::timestamptz, active = true,
             auto_assigned = coalesce((p_change ->> 'auto_assigned')::boolean, false)
       where id = v_assignment_id;
      delete from public.assignment_helpers
       where assignment_id = v_assignment_id and technician_id <> all (v_helpers);
    else
      insert into public.assignments (org_id, job_id, leader_id, starts_at, ends_at, auto_assigned)
      values (p_org_id, p_job_id, (p_next ->> 'leaderId')::uuid, (p_next ->> 'start')::timestamptz, (p_next ->> 'end')::timestamptz,
              coalesce((p_change ->> 'auto_assigned')::boolean, false))
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
    -- waits for the next publish; work under way stays under way. Automatic dispatch
    -- records its decision and reasons in the same update
    update public.jobs
       set status = case when status = 'in_progress' then status else 'scheduled' end,
           reschedule_count = reschedule_count + p_reschedule,
           dispatch_state = case when p_change -> 'dispatch' is not null then p_change -> 'dispatch' ->> 'state'
                                 when dispatch_state in ('review', 'offered', 'auto_assigned', 'preassigned') then 'manual'
                                 else dispatch_state end,
           dispatch_reason = case when p_change -> 'dispatch' is not null then p_change -> 'dispatch' ->> 'reason' else dispatch_reason end,
           dispatch_detail = case when p_change -> 'dispatch' is not null then p_change -> 'dispatch' -> 'detail' else dispatch_detail end
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
