-- A text message is never sent twice. When the delivery worker stops in the middle of
-- sending an SMS (a crash, a restart), nobody knows whether the provider took it: SMS
-- providers have no idempotency key, so sending it again may text the customer twice.
-- Such a notice becomes 'unknown' instead of being retried; a dispatcher checks with
-- the recipient and resends it from the outbox if it never arrived. Email carries an
-- idempotency key and is retried as before.

alter table public.notifications drop constraint notifications_status_check;
alter table public.notifications add constraint notifications_status_check
  check (status in ('pending', 'sending', 'sent', 'failed', 'held', 'unknown'));

-- a person's decision to resend a notice of unknown fate
create or replace function public.resend_notice(p_notification_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_status text;
begin
  select n.status into v_status
    from public.notifications n
   where n.id = p_notification_id
     and (select private.has_role(n.org_id, array['admin', 'dispatcher']))
   for update;
  if not found then
    raise exception 'That notice does not exist or you may not resend it.' using errcode = '42501';
  end if;
  if v_status <> 'unknown' then
    raise exception 'Only a notice whose delivery is unknown can be resent by hand; this one is %.', v_status
      using errcode = '22023';
  end if;
  update public.notifications
     set status = 'pending',
         next_attempt_at = now(),
         last_error = 'Resent by hand after the first send''s outcome was unknown.'
   where id = p_notification_id;
end;
$$;
revoke execute on function public.resend_notice(uuid) from public;
grant execute on function public.resend_notice(uuid) to authenticated;

-- the outcome becoming unknown, and a person resending, are in the audit trail
create trigger notifications_fate_audit after update on public.notifications
  for each row when (old.status is distinct from new.status and (new.status = 'unknown' or old.status = 'unknown'))
  execute function private.audit_row();
