-- Row-level security that scales to large boards: the busiest tables' policies
-- look the person's companies up once per statement (an uncorrelated subquery
-- Postgres hashes) instead of calling a membership function for every row.
-- The rules themselves are unchanged.

create function private.member_org_ids(roles text[] default null) returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.org_id from public.memberships m
  where m.user_id = (select auth.uid()) and (roles is null or m.role = any (roles))
$$;
grant execute on function private.member_org_ids(text[]) to authenticated, service_role;

do $$
declare
  t text;
begin
  foreach t in array array['technicians', 'technician_shifts', 'customers', 'jobs',
                           'assignments', 'assignment_helpers', 'time_off']
  loop
    execute format(
      'alter policy "Members can view their company''s %1$s" on public.%1$I
         using (org_id in (select private.member_org_ids()))', t);
    execute format(
      'alter policy "Dispatchers and admins can add %1$s" on public.%1$I
         with check (org_id in (select private.member_org_ids(array[''admin'', ''dispatcher''])))', t);
    execute format(
      'alter policy "Dispatchers and admins can change %1$s" on public.%1$I
         using (org_id in (select private.member_org_ids(array[''admin'', ''dispatcher''])))
         with check (org_id in (select private.member_org_ids(array[''admin'', ''dispatcher''])))', t);
    execute format(
      'alter policy "Dispatchers and admins can remove %1$s" on public.%1$I
         using (org_id in (select private.member_org_ids(array[''admin'', ''dispatcher''])))', t);
  end loop;
end
$$;

alter policy "Members can view their company's board changes" on public.board_changes
  using (org_id in (select private.member_org_ids()));
alter policy "Admins and dispatchers can read their company's audit trail" on public.audit_log
  using (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])));
alter policy "Admins and dispatchers can view their company's outbox" on public.notifications
  using (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])));
