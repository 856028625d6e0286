-- The customer request portal (/request/<slug>) and tracking links (/track/<token>).
--
-- A company turns its portal on; the job templates marked "offered to customers"
-- are the kinds of service a customer can ask for. Each company has one portal
-- principal: an account that cannot sign in, named "A customer via the portal",
-- with a dispatcher membership. Portal requests run through withUser as that
-- principal, so row-level security and the audit trail apply as to a person.
-- A tracking link's token is stored only as a hash.

alter table public.companies
  add column portal_enabled boolean not null default false,
  add column portal_principal_id uuid references auth.users (id) on delete set null;

alter table public.job_templates
  add column offered_to_customers boolean not null default false;

create table public.portal_requests (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  job_id uuid not null,
  customer_id uuid not null,
  -- sha-256 of the tracking token, hex
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  preferred_date date,
  preferred_window text check (preferred_window in ('any', 'morning', 'afternoon')),
  location_label text,
  location_approximate boolean not null default false,
  -- what the customer asked for afterwards
  customer_action text check (customer_action in ('cancelled', 'reschedule_requested')),
  customer_message text check (customer_message is null or length(customer_message) <= 500),
  customer_action_at timestamptz,
  -- the link stops working after this (pushed to a day after the visit ends)
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, job_id) references public.jobs (org_id, id) on delete cascade,
  foreign key (org_id, customer_id) references public.customers (org_id, id) on delete cascade
);
alter table public.portal_requests enable row level security;
comment on table public.portal_requests is 'A service request a customer made through the portal: its job, the hashed tracking token and what the customer asked for since.';
create index portal_requests_org_id_idx on public.portal_requests (org_id, created_at desc);
create index portal_requests_job_id_idx on public.portal_requests (job_id);

grant select, insert, update on public.portal_requests to authenticated;
grant select, insert, update, delete on public.portal_requests to service_role;

create policy "Members can view their company's portal requests"
  on public.portal_requests for select to authenticated
  using (org_id in (select private.member_org_ids()));
create policy "Dispatchers and admins can add portal requests"
  on public.portal_requests for insert to authenticated
  with check (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])));
create policy "Dispatchers and admins can change portal requests"
  on public.portal_requests for update to authenticated
  using (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])))
  with check (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])));
create policy "Admins can remove portal requests"
  on public.portal_requests for delete to authenticated
  using (org_id in (select private.member_org_ids(array['admin'])));

create trigger portal_requests_audit after insert or update or delete on public.portal_requests
  for each row execute function private.audit_row();

-- The company's portal principal, created on first use. Service role only: the
-- portal finds its company by slug before anyone is known.
create function private.ensure_portal_principal(p_org uuid) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  principal uuid;
  address text;
begin
  select portal_principal_id into principal from public.companies where id = p_org for update;
  if principal is not null and exists (select 1 from public.memberships m where m.org_id = p_org and m.user_id = principal) then
    return principal;
  end if;
  address := 'portal-' || p_org || '@portal.crewboard.invalid';
  select id into principal from auth.users where email = address;
  if principal is null then
    insert into auth.users (email, encrypted_password, raw_user_meta_data)
    values (address, null, jsonb_build_object('kind', 'portal', 'org_id', p_org))
    returning id into principal;
    insert into public.profiles (id, email, full_name) values (principal, address, 'A customer via the portal');
  end if;
  insert into public.memberships (org_id, user_id, role) values (p_org, principal, 'dispatcher')
  on conflict (org_id, user_id) do nothing;
  update public.companies set portal_principal_id = principal where id = p_org;
  return principal;
end
$$;
revoke all on function private.ensure_portal_principal(uuid) from public;
grant execute on function private.ensure_portal_principal(uuid) to service_role;
