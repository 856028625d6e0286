-- Closing gaps in what a signed-in person may write:
--   * a company always keeps at least one admin;
--   * "created by" is the signed-in person, not whatever the client claims;
--   * a queued notice starts undelivered — only the delivery worker records delivery.

create function private.keep_last_admin() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if old.role <> 'admin' or (tg_op = 'UPDATE' and new.role = 'admin' and new.org_id = old.org_id) then
    return coalesce(new, old);
  end if;
  -- the company itself is being deleted: its memberships go with it
  if not exists (select 1 from public.companies c where c.id = old.org_id) then
    return coalesce(new, old);
  end if;
  if not exists (
    select 1 from public.memberships m
    where m.org_id = old.org_id and m.role = 'admin' and m.id <> old.id
  ) then
    raise exception 'a company needs at least one admin: make someone else admin first'
      using errcode = '23514';
  end if;
  return coalesce(new, old);
end
$$;
create trigger memberships_keep_last_admin before update or delete on public.memberships
  for each row execute function private.keep_last_admin();

create function private.stamp_created_by() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if (select auth.uid()) is not null then
    new.created_by := (select auth.uid());
  end if;
  return new;
end
$$;
create trigger jobs_stamp_created_by before insert on public.jobs
  for each row execute function private.stamp_created_by();
create trigger notifications_stamp_created_by before insert on public.notifications
  for each row execute function private.stamp_created_by();

drop policy "Admins and dispatchers can queue notices" on public.notifications;
create policy "Admins and dispatchers can queue undelivered notices"
  on public.notifications for insert to authenticated
  with check (
    (select private.has_role(org_id, array['admin', 'dispatcher']))
    and status = 'pending' and attempts = 0
    and provider is null and provider_id is null and sent_at is null and last_error is null
  );
