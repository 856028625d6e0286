-- Deleting a company cascades through its jobs and visits, whose statement triggers
-- note the days they touched. A company that is being deleted has no insights left to
-- keep: note nothing for it (the note's company reference would refuse the row).
create or replace function private.note_insight_write(p_org_id uuid, p_from date, p_to date) returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
  if not exists (select 1 from public.companies c where c.id = p_org_id) then
    return;
  end if;
  perform pg_advisory_xact_lock_shared(private.insight_days_lock_key(p_org_id));
  insert into public.insight_day_writes (org_id, from_day, to_day) values (p_org_id, p_from, p_to);
end
$$;
