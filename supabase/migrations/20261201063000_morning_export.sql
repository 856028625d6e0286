-- The morning export: at a company-chosen local time, the unresolved / unassigned /
-- overdue list goes by email, with the CSV attached, to the company's dispatchers
-- and admins, through the outbox. One row per company and local day is claimed
-- before anything is queued, so several app instances (each running the delivery
-- worker's loop) send it once.

alter table public.companies
  add column morning_export_time time;
comment on column public.companies.morning_export_time is
  'Local time the unresolved list is emailed to dispatchers and admins each morning; null with the export off.';

create table public.morning_exports (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  -- the company's local date the export is for
  export_date date not null,
  rows integer not null default 0 check (rows >= 0),
  recipients integer not null default 0 check (recipients >= 0),
  created_at timestamptz not null default now(),
  unique (org_id, export_date)
);
alter table public.morning_exports enable row level security;
comment on table public.morning_exports is 'One morning export per company and day: the claim that makes it go out once.';
create index morning_exports_org_id_idx on public.morning_exports (org_id, export_date desc);

grant select on public.morning_exports to authenticated;
grant select, insert, update on public.morning_exports to service_role;

create policy "Admins and dispatchers can view their company's morning exports"
  on public.morning_exports for select to authenticated
  using (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])));
-- no insert / update / delete policies: only the worker (service role) writes here

-- Email attachments on an outbox row: [{ "filename": "...", "content_type": "...", "content": "<base64>" }].
alter table public.notifications
  add column attachments jsonb check (attachments is null or jsonb_typeof(attachments) = 'array');

create trigger morning_exports_audit after insert on public.morning_exports
  for each row execute function private.audit_row();
