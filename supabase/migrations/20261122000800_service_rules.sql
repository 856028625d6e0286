-- Priority and SLA rules: a company's standing instructions for new jobs ("contract
-- customers are SLA-protected", "anything mentioning 'gas leak' is an emergency").
-- Tried in position order; for each field the first matching rule decides
-- (lib/engine/service-rules.ts). Admins keep them; every member may read them.

create table public.service_rules (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  name text not null check (length(trim(name)) between 1 and 120),
  -- contract_customer: the customer holds a contract; skill: the job needs match_value;
  -- keyword: the description or notes mention match_value; customer: the customer is match_value
  match_kind text not null check (match_kind in ('contract_customer', 'skill', 'keyword', 'customer')),
  match_value text check (match_value is null or length(trim(match_value)) between 1 and 200),
  set_priority smallint check (set_priority between 1 and 4),
  set_sla_protected boolean,
  position integer not null default 0 check (position >= 0),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, name),
  check (match_kind = 'contract_customer' or match_value is not null),
  check (set_priority is not null or set_sla_protected is not null)
);
alter table public.service_rules enable row level security;
comment on table public.service_rules is 'Priority and SLA rules for new jobs: match a contract customer, skill, keyword or customer; first match wins per field.';
create index service_rules_org_id_idx on public.service_rules (org_id);

create trigger service_rules_touch before update on public.service_rules
  for each row execute function private.touch_updated_at();

grant select, insert, update, delete on public.service_rules to authenticated, service_role;

create policy "Members can view their company's service rules"
  on public.service_rules for select to authenticated
  using ((select private.is_member(org_id)));
create policy "Admins can add service rules"
  on public.service_rules for insert to authenticated
  with check ((select private.has_role(org_id, array['admin'])));
create policy "Admins can change service rules"
  on public.service_rules for update to authenticated
  using ((select private.has_role(org_id, array['admin'])))
  with check ((select private.has_role(org_id, array['admin'])));
create policy "Admins can remove service rules"
  on public.service_rules for delete to authenticated
  using ((select private.has_role(org_id, array['admin'])));

create trigger service_rules_audit after insert or update or delete on public.service_rules
  for each row execute function private.audit_row();
