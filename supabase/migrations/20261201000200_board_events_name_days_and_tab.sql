-- Live board events say which days they touch and which browser tab made them, so an
-- open board patches just the changed jobs of its own day (and the queue) and
-- ignores the rest, and the tab that made a change does not reload it while the
-- same person's other tabs do. The application names its tab with
--   select set_config('app.tab_id', '<id>', true)
-- Days are local dates in the company's time zone; `queue` says the job is or was in
-- the unscheduled queue, which every open board shows.

create or replace function private.notify_board_change() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  r jsonb := to_jsonb(coalesce(new, old));
  o jsonb := case when tg_op = 'UPDATE' then to_jsonb(old) end;
  v_tz text;
  v_job uuid;
  v_days text[];
  v_queue boolean := false;
begin
  select c.time_zone into v_tz from public.companies c where c.id = (r ->> 'org_id')::uuid;
  if tg_table_name = 'assignments' then
    v_job := (r ->> 'job_id')::uuid;
    v_days := array(
      select distinct ((x::timestamptz) at time zone v_tz)::date::text
        from unnest(array[r ->> 'starts_at', o ->> 'starts_at']) x where x is not null);
  else
    v_job := (r ->> 'id')::uuid;
    v_days := array(
      select distinct (a.starts_at at time zone v_tz)::date::text
        from public.assignments a where a.job_id = v_job and a.active);
    v_queue := coalesce(r ->> 'status' = 'unscheduled', false) or coalesce(o ->> 'status' = 'unscheduled', false);
  end if;
  perform pg_notify(
    'board_changes',
    json_build_object(
      'org_id', r ->> 'org_id',
      'table', tg_table_name,
      'job_id', v_job,
      'actor_id', (select auth.uid()),
      'tab_id', nullif(current_setting('app.tab_id', true), ''),
      'days', v_days,
      'queue', v_queue
    )::text
  );
  return null;
end
$$;

-- a job's assignment, active or not, as placement_context() locks it (the unique
-- index on job_id covers active ones only)
create index assignments_job_id_idx on public.assignments (job_id, updated_at desc);
