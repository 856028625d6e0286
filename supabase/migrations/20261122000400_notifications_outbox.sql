-- Outbox of notices to technicians and customers. A change that must notify
-- someone inserts rows here in its own transaction; the delivery worker (service
-- role) sends each exactly once and records the provider's id or the error.

create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  channel text not null check (channel in ('email', 'sms')),
  recipient text not null check (length(trim(recipient)) > 0),
  recipient_kind text not null check (recipient_kind in ('technician', 'customer', 'user')),
  subject text,
  body text not null,
  kind text not null,
  job_id uuid,
  technician_id uuid,
  customer_id uuid,
  -- the same notice is never queued twice
  dedupe_key text not null,
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed', 'held')),
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  provider text,
  provider_id text,
  last_error text,
  sent_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  unique (org_id, dedupe_key),
  check ((status = 'sent') = (sent_at is not null))
);
alter table public.notifications enable row level security;
comment on table public.notifications is 'Outbox of email and SMS notices; delivered by a worker, each sent once.';
create index notifications_org_id_idx on public.notifications (org_id, created_at desc);
create index notifications_due_idx on public.notifications (next_attempt_at) where status in ('pending', 'failed');

grant select, insert on public.notifications to authenticated;
grant select, insert, update on public.notifications to service_role;

create policy "Admins and dispatchers can view their company's outbox"
  on public.notifications for select to authenticated
  using ((select private.has_role(org_id, array['admin', 'dispatcher'])));
create policy "Admins and dispatchers can queue notices"
  on public.notifications for insert to authenticated
  with check ((select private.has_role(org_id, array['admin', 'dispatcher'])));
-- no update / delete policies: only the delivery worker changes delivery state

create trigger notifications_audit after insert on public.notifications
  for each row execute function private.audit_row();
