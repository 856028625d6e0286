-- Companies (tenants), people's profiles and company memberships with roles.
-- Every tenant table from here on carries org_id references companies(id).

create table public.companies (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(trim(name)) between 1 and 200),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  time_zone text not null default 'UTC',
  -- travel estimate: great-circle km × road factor ÷ speed
  travel_speed_kmh double precision not null default 45 check (travel_speed_kmh > 0 and travel_speed_kmh <= 200),
  road_factor double precision not null default 1.3 check (road_factor >= 1 and road_factor <= 3),
  travel_buffer_min integer not null default 5 check (travel_buffer_min between 0 and 120),
  -- nobody above this utilisation gets more work automatically
  capacity_threshold double precision not null default 0.85 check (capacity_threshold > 0 and capacity_threshold <= 1),
  -- moving a published job within 24 h of its start tells the customer
  reschedule_notice_enabled boolean not null default true,
  snap_minutes integer not null default 15 check (snap_minutes in (5, 10, 15, 30, 60)),
  auto_dispatch_enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.companies enable row level security;
comment on table public.companies is 'A field-service company (tenant) with its scheduling settings.';

-- A time zone must be one Postgres knows, so "today" is always computable.
create function private.is_valid_time_zone(tz text) returns boolean
language sql stable
as $$ select exists (select 1 from pg_timezone_names where name = tz) $$;
alter table public.companies add constraint companies_time_zone_valid check (private.is_valid_time_zone(time_zone));

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text not null,
  full_name text not null check (length(trim(full_name)) between 1 and 200),
  created_at timestamptz not null default now()
);
alter table public.profiles enable row level security;
comment on table public.profiles is 'Display name and email of a person who signs in; readable by people of the same company.';

create table public.memberships (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null check (role in ('admin', 'dispatcher', 'technician', 'viewer')),
  created_at timestamptz not null default now(),
  unique (org_id, user_id)
);
alter table public.memberships enable row level security;
comment on table public.memberships is 'Which company a person belongs to and with which role.';
create index memberships_user_id_idx on public.memberships (user_id);
create index memberships_org_id_idx on public.memberships (org_id);

-- Membership checks used by every policy. Security definer so a policy on
-- memberships does not recurse into itself; search_path pinned.
create function private.has_role(org uuid, roles text[]) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.memberships m
    where m.org_id = org
      and m.user_id = (select auth.uid())
      and m.role = any (roles)
  )
$$;

create function private.is_member(org uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.memberships m
    where m.org_id = org and m.user_id = (select auth.uid())
  )
$$;

create function private.shares_company(other_user uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.memberships mine
    join public.memberships theirs on theirs.org_id = mine.org_id
    where mine.user_id = (select auth.uid()) and theirs.user_id = other_user
  )
$$;

grant execute on function private.has_role(uuid, text[]) to authenticated, service_role;
grant execute on function private.is_member(uuid) to authenticated, service_role;
grant execute on function private.shares_company(uuid) to authenticated, service_role;
grant execute on function private.is_valid_time_zone(text) to authenticated, service_role;

grant select, insert, update, delete on public.companies, public.profiles, public.memberships to authenticated, service_role;

-- companies
create policy "Members can view their company"
  on public.companies for select to authenticated
  using ((select private.is_member(id)));
create policy "Admins can update their company settings"
  on public.companies for update to authenticated
  using ((select private.has_role(id, array['admin'])))
  with check ((select private.has_role(id, array['admin'])));
-- no insert / delete policy: companies are created by the service role only

-- profiles
create policy "People can view profiles of their own company"
  on public.profiles for select to authenticated
  using (id = (select auth.uid()) or (select private.shares_company(id)));
create policy "People can update their own profile"
  on public.profiles for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

-- memberships
create policy "Members can view memberships of their company"
  on public.memberships for select to authenticated
  using ((select private.is_member(org_id)));
create policy "Admins can add members to their company"
  on public.memberships for insert to authenticated
  with check ((select private.has_role(org_id, array['admin'])));
create policy "Admins can change roles in their company"
  on public.memberships for update to authenticated
  using ((select private.has_role(org_id, array['admin'])))
  with check ((select private.has_role(org_id, array['admin'])));
create policy "Admins can remove members from their company"
  on public.memberships for delete to authenticated
  using ((select private.has_role(org_id, array['admin'])));
