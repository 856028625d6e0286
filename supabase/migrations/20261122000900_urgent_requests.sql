-- Emergency intake: an urgent job, the bump options ranked for it, and the one a
-- person approved. The work-order number is the key: entering it twice finds the
-- same request, and only one approval can ever apply.

alter table public.companies
  add column urgent_requires_admin boolean not null default false;

create table public.urgent_requests (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  work_order text not null check (length(trim(work_order)) between 1 and 64),
  job_id uuid not null,
  status text not null default 'open' check (status in ('open', 'approved', 'cancelled')),
  allow_sla_override boolean not null default false,
  -- the options presented to the dispatcher at the last ranking, with the versions
  -- of everything each option touches
  options jsonb not null default '[]'::jsonb,
  ranking_message text,
  ranked_at timestamptz,
  ranked_by uuid references auth.users (id) on delete set null,
  approved_option jsonb,
  approved_by uuid references auth.users (id) on delete set null,
  approved_at timestamptz,
  override_reason text,
  created_by uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, work_order),
  check ((status = 'approved') = (approved_at is not null)),
  foreign key (org_id, job_id) references public.jobs (org_id, id) on delete cascade
);
alter table public.urgent_requests enable row level security;
comment on table public.urgent_requests is 'An urgent job, the bump options ranked for it, and the option a person approved.';
create index urgent_requests_org_id_idx on public.urgent_requests (org_id, created_at desc);

grant select, insert, update on public.urgent_requests to authenticated, service_role;

create policy "Members can view their company's urgent requests"
  on public.urgent_requests for select to authenticated
  using ((select private.is_member(org_id)));
create policy "Dispatchers and admins can enter urgent requests"
  on public.urgent_requests for insert to authenticated
  with check ((select private.has_role(org_id, array['admin', 'dispatcher'])) and created_by = (select auth.uid()));
create policy "Dispatchers and admins can rank and approve urgent requests"
  on public.urgent_requests for update to authenticated
  using ((select private.has_role(org_id, array['admin', 'dispatcher'])))
  with check ((select private.has_role(org_id, array['admin', 'dispatcher'])));
-- no delete policy: an urgent request is history

create trigger urgent_requests_touch before update on public.urgent_requests
  for each row execute function private.touch_updated_at();
create trigger urgent_requests_audit after insert or update on public.urgent_requests
  for each row execute function private.audit_row();
