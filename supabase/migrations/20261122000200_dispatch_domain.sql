-- The dispatch domain: technicians and their weekly shifts, customers, jobs,
-- assignments (crew leader + helpers), time off. Constraints make bad data
-- impossible; versions make stale writes detectable.

create table public.technicians (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  user_id uuid references auth.users (id) on delete set null,
  name text not null check (length(trim(name)) between 1 and 200),
  email text check (email is null or email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  phone text,
  skills text[] not null default '{}',
  home_lat double precision not null check (home_lat between -90 and 90),
  home_lng double precision not null check (home_lng between -180 and 180),
  home_address text,
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, user_id)
);
alter table public.technicians enable row level security;
comment on table public.technicians is 'A field technician: skills and certifications, home base, linked sign-in.';
create index technicians_org_id_idx on public.technicians (org_id);
create index technicians_user_id_idx on public.technicians (user_id);

create table public.technician_shifts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  technician_id uuid not null,
  -- ISO weekday: 1 = Monday … 7 = Sunday, in the company's time zone
  weekday smallint not null check (weekday between 1 and 7),
  starts_at time not null,
  ends_at time not null,
  check (ends_at > starts_at),
  unique (technician_id, weekday),
  foreign key (org_id, technician_id) references public.technicians (org_id, id) on delete cascade
);
alter table public.technician_shifts enable row level security;
comment on table public.technician_shifts is 'Weekly working hours of a technician, one row per working weekday.';
create index technician_shifts_org_id_idx on public.technician_shifts (org_id);

create table public.customers (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  name text not null check (length(trim(name)) between 1 and 200),
  email text check (email is null or email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  phone text,
  address text,
  city text,
  lat double precision check (lat between -90 and 90),
  lng double precision check (lng between -180 and 180),
  contract boolean not null default false,
  preferred_technician_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((lat is null) = (lng is null)),
  unique (org_id, id),
  foreign key (org_id, preferred_technician_id) references public.technicians (org_id, id) on delete set null (preferred_technician_id)
);
alter table public.customers enable row level security;
comment on table public.customers is 'A customer site: contact, location, service contract, preferred technician.';
create index customers_org_id_idx on public.customers (org_id);

create table public.jobs (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  work_order text not null check (length(trim(work_order)) between 1 and 64),
  customer_id uuid not null,
  description text not null default '',
  -- 1 emergency, 2 high, 3 normal, 4 low
  priority smallint not null default 3 check (priority between 1 and 4),
  required_skills text[] not null default '{}',
  estimated_minutes integer not null check (estimated_minutes > 0 and estimated_minutes <= 24 * 60),
  address text,
  city text,
  lat double precision not null check (lat between -90 and 90),
  lng double precision not null check (lng between -180 and 180),
  window_start timestamptz,
  window_end timestamptz,
  deadline timestamptz,
  sla_protected boolean not null default false,
  pinned boolean not null default false,
  status text not null default 'unscheduled'
    check (status in ('unscheduled', 'scheduled', 'published', 'in_progress', 'done', 'cancelled')),
  reschedule_count integer not null default 0 check (reschedule_count >= 0),
  notes text,
  version integer not null default 1,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, work_order),
  unique (org_id, id),
  check ((window_start is null) = (window_end is null)),
  check (window_end is null or window_end > window_start),
  foreign key (org_id, customer_id) references public.customers (org_id, id) on delete restrict
);
alter table public.jobs enable row level security;
comment on table public.jobs is 'A work order: what to do, where, for whom, how urgent, by when.';
create index jobs_org_id_idx on public.jobs (org_id);
create index jobs_org_status_idx on public.jobs (org_id, status);
create index jobs_customer_id_idx on public.jobs (customer_id);

create table public.assignments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  job_id uuid not null,
  leader_id uuid not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  active boolean not null default true,
  version integer not null default 1,
  published_at timestamptz,
  auto_assigned boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at),
  check (ends_at - starts_at <= interval '24 hours'),
  unique (org_id, id),
  foreign key (org_id, job_id) references public.jobs (org_id, id) on delete cascade,
  foreign key (org_id, leader_id) references public.technicians (org_id, id) on delete restrict
);
alter table public.assignments enable row level security;
comment on table public.assignments is 'When and by which crew a job is done; one active assignment per job.';
create unique index assignments_one_active_per_job on public.assignments (job_id) where active;
create index assignments_org_id_idx on public.assignments (org_id);
create index assignments_org_start_idx on public.assignments (org_id, starts_at) where active;
create index assignments_leader_id_idx on public.assignments (leader_id);

create table public.assignment_helpers (
  org_id uuid not null references public.companies (id) on delete cascade,
  assignment_id uuid not null,
  technician_id uuid not null,
  primary key (assignment_id, technician_id),
  foreign key (org_id, assignment_id) references public.assignments (org_id, id) on delete cascade,
  foreign key (org_id, technician_id) references public.technicians (org_id, id) on delete restrict
);
alter table public.assignment_helpers enable row level security;
comment on table public.assignment_helpers is 'Helpers on a crew; the crew leader is on the assignment itself.';
create index assignment_helpers_org_id_idx on public.assignment_helpers (org_id);
create index assignment_helpers_technician_id_idx on public.assignment_helpers (technician_id);

create table public.time_off (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  technician_id uuid not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  reason text,
  created_at timestamptz not null default now(),
  check (ends_at > starts_at),
  foreign key (org_id, technician_id) references public.technicians (org_id, id) on delete cascade
);
alter table public.time_off enable row level security;
comment on table public.time_off is 'Approved absence of a technician; no work may be planned in it.';
create index time_off_org_id_idx on public.time_off (org_id);
create index time_off_technician_id_idx on public.time_off (technician_id, starts_at);

-- A helper cannot also lead the same crew.
create function private.check_helper_not_leader() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if exists (
    select 1 from public.assignments a
    where a.id = new.assignment_id and a.leader_id = new.technician_id
  ) then
    raise exception 'the crew leader cannot also be a helper on the same job'
      using errcode = '23514';
  end if;
  return new;
end
$$;
create trigger assignment_helpers_not_leader
  before insert or update on public.assignment_helpers
  for each row execute function private.check_helper_not_leader();

-- …and the same rule from the other side: changing the leader to one of the helpers.
create function private.check_leader_not_helper() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if exists (
    select 1 from public.assignment_helpers h
    where h.assignment_id = new.id and h.technician_id = new.leader_id
  ) then
    raise exception 'the crew leader cannot also be a helper on the same job'
      using errcode = '23514';
  end if;
  return new;
end
$$;
create trigger assignments_leader_not_helper
  before update of leader_id on public.assignments
  for each row execute function private.check_leader_not_helper();

-- Every update of a versioned row increments its version, so a writer holding an
-- older version can detect that someone else changed it.
create function private.bump_version() returns trigger
language plpgsql set search_path = ''
as $$
begin
  new.version := old.version + 1;
  new.updated_at := now();
  return new;
end
$$;
create trigger technicians_bump_version before update on public.technicians
  for each row execute function private.bump_version();
create trigger jobs_bump_version before update on public.jobs
  for each row execute function private.bump_version();
create trigger assignments_bump_version before update on public.assignments
  for each row execute function private.bump_version();

create function private.touch_updated_at() returns trigger
language plpgsql set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;
create trigger companies_touch before update on public.companies
  for each row execute function private.touch_updated_at();
create trigger customers_touch before update on public.customers
  for each row execute function private.touch_updated_at();

grant select, insert, update, delete on
  public.technicians, public.technician_shifts, public.customers, public.jobs,
  public.assignments, public.assignment_helpers, public.time_off
  to authenticated, service_role;

-- Policies: every member reads the company's board; admins and dispatchers change it.
-- One policy per operation per table, generated so the rule is stated once.
do $$
declare
  t text;
begin
  foreach t in array array['technicians', 'technician_shifts', 'customers', 'jobs',
                           'assignments', 'assignment_helpers', 'time_off']
  loop
    execute format(
      'create policy "Members can view their company''s %1$s" on public.%1$I
         for select to authenticated using ((select private.is_member(org_id)))', t);
    execute format(
      'create policy "Dispatchers and admins can add %1$s" on public.%1$I
         for insert to authenticated
         with check ((select private.has_role(org_id, array[''admin'', ''dispatcher''])))', t);
    execute format(
      'create policy "Dispatchers and admins can change %1$s" on public.%1$I
         for update to authenticated
         using ((select private.has_role(org_id, array[''admin'', ''dispatcher''])))
         with check ((select private.has_role(org_id, array[''admin'', ''dispatcher''])))', t);
    execute format(
      'create policy "Dispatchers and admins can remove %1$s" on public.%1$I
         for delete to authenticated
         using ((select private.has_role(org_id, array[''admin'', ''dispatcher''])))', t);
  end loop;
end
$$;
