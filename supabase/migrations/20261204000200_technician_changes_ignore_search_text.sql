-- A technician's report on a visit was refused once jobs gained `search_text`: the
-- column is generated from the work order and address, and a BEFORE trigger sees it
-- not yet computed, so it looked like a change the technician made. It is derived,
-- never written by anyone, and is left out of the comparison like the visit's own fields.
create or replace function private.limit_technician_changes() returns trigger
language plpgsql set search_path = ''
as $$
declare
  allowed text[] := case tg_table_name
    when 'jobs' then array['status', 'visit_status', 'visit_status_at', 'on_my_way_at', 'estimated_arrival_at',
                           'arrived_at', 'finished_at', 'visit_note', 'not_finished_reason', 'return_visit',
                           'dispatch_state', 'dispatch_reason', 'reschedule_count', 'version', 'updated_at',
                           'search_text']
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
