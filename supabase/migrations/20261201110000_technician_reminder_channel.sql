-- A technician chooses how their reminders reach them (push, text or email) from
-- the phone app. Technicians may not change their own technician row otherwise
-- (skills, shifts and home base are the dispatcher's), so the choice goes through
-- this one function; the row's audit trigger records it like any change.

create function public.set_my_reminder_channel(channel text)
returns void
language plpgsql security definer set search_path = ''
as $$
begin
  if channel is null or channel not in ('push', 'sms', 'email') then
    raise exception 'reminders go by push, sms or email' using errcode = '22023';
  end if;
  update public.technicians t set reminder_channel = channel
   where t.user_id = (select auth.uid()) and t.active
     and t.org_id in (select private.member_org_ids(array['technician']));
  if not found then
    raise exception 'no technician record is linked to this sign-in' using errcode = '42501';
  end if;
end
$$;
comment on function public.set_my_reminder_channel(text) is 'The signed-in technician chooses how reminders reach them.';
revoke all on function public.set_my_reminder_channel(text) from public, anon;
grant execute on function public.set_my_reminder_channel(text) to authenticated;
