-- The records a company keeps in the app: customers with several service sites and
-- contacts and their SLA terms, technicians' certifications with expiry dates, service
-- zones and shift breaks, recurring maintenance series, and trigram indexes so search
-- stays fast at 100,000 customers.
--
-- Compatibility: customers keep their address and coordinates (they now mirror the
-- customer's primary site, so every existing reader keeps working); a customer
-- inserted with coordinates gets its primary site from a trigger; a job inserted at
-- the coordinates of its customer's primary site is linked to it.

create extension if not exists pg_trgm;

-- Customers: SLA / contract terms, notes, a version for stale-write detection.
alter table public.customers
  add column sla_priority smallint check (sla_priority between 1 and 4),
  add column response_minutes integer check (response_minutes between 1 and 43200),
  add column contract_ends_on date,
  add column notes text check (notes is null or length(notes) <= 4000),
  add column version integer not null default 1;
create trigger customers_bump_version before update on public.customers
  for each row execute function private.bump_version();
create index customers_org_name_idx on public.customers (org_id, name);
create index customers_name_trgm_idx on public.customers using gin (name gin_trgm_ops);
create index customers_phone_trgm_idx on public.customers using gin (phone gin_trgm_ops);
create index customers_email_trgm_idx on public.customers using gin (email gin_trgm_ops);

create table public.customer_sites (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  customer_id uuid not null,
  label text not null default 'Main site' check (length(trim(label)) between 1 and 120),
  address text not null check (length(trim(address)) between 1 and 300),
  city text check (city is null or length(city) <= 120),
  region text check (region is null or length(region) <= 60),
  postal_code text check (postal_code is null or length(postal_code) <= 20),
  country text not null default 'US' check (country ~ '^[A-Z]{2}$'),
  lat double precision not null check (lat between -90 and 90),
  lng double precision not null check (lng between -180 and 180),
  -- true when the point is a postal-code or city centre, not the address itself
  approximate boolean not null default false,
  access_notes text check (access_notes is null or length(access_notes) <= 2000),
  preferred_technician_id uuid,
  is_primary boolean not null default false,
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, customer_id) references public.customers (org_id, id) on delete cascade,
  foreign key (org_id, preferred_technician_id) references public.technicians (org_id, id) on delete set null (preferred_technician_id)
);
alter table public.customer_sites enable row level security;
comment on table public.customer_sites is 'A place where a customer is served: address, coordinates (exact or approximate), access notes, preferred technician.';
create index customer_sites_org_id_idx on public.customer_sites (org_id);
create index customer_sites_customer_id_idx on public.customer_sites (customer_id);
create unique index customer_sites_one_primary on public.customer_sites (customer_id) where is_primary;
create index customer_sites_address_trgm_idx on public.customer_sites using gin (address gin_trgm_ops);
create index customer_sites_preferred_idx on public.customer_sites (preferred_technician_id);
create trigger customer_sites_bump_version before update on public.customer_sites
  for each row execute function private.bump_version();

create table public.customer_contacts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  customer_id uuid not null,
  name text not null check (length(trim(name)) between 1 and 200),
  role text check (role is null or length(role) <= 120),
  email text check (email is null or email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  phone text check (phone is null or length(phone) <= 40),
  -- which channel this person's notices go by; 'none' = not told
  notify_by text not null default 'none' check (notify_by in ('none', 'email', 'sms')),
  created_at timestamptz not null default now(),
  check (notify_by <> 'email' or email is not null),
  check (notify_by <> 'sms' or phone is not null),
  foreign key (org_id, customer_id) references public.customers (org_id, id) on delete cascade
);
alter table public.customer_contacts enable row level security;
comment on table public.customer_contacts is 'People at a customer, and whether and how each is told about visits.';
create index customer_contacts_org_id_idx on public.customer_contacts (org_id);
create index customer_contacts_customer_id_idx on public.customer_contacts (customer_id);

-- Technicians: zones, notes, when they left; certifications expire.
alter table public.technicians
  add column zones text[] not null default '{}',
  add column notes text check (notes is null or length(notes) <= 4000),
  add column home_approximate boolean not null default false,
  add column deactivated_at timestamptz;
create index technicians_org_name_idx on public.technicians (org_id, name);

alter table public.technician_shifts
  add column break_starts_at time,
  add column break_minutes smallint check (break_minutes between 5 and 240),
  add constraint technician_shifts_break_inside check (
    (break_starts_at is null) = (break_minutes is null)
    and (break_starts_at is null or (break_starts_at >= starts_at and break_starts_at + make_interval(mins => break_minutes) <= ends_at))
  );

create table public.technician_certifications (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  technician_id uuid not null,
  name text not null check (length(trim(name)) between 1 and 60),
  -- the last day it is valid; null = does not expire
  expires_on date,
  created_at timestamptz not null default now(),
  unique (technician_id, name),
  foreign key (org_id, technician_id) references public.technicians (org_id, id) on delete cascade
);
alter table public.technician_certifications enable row level security;
comment on table public.technician_certifications is 'A certification a technician holds and the day it expires; an expired one no longer counts as a skill.';
create index technician_certifications_org_id_idx on public.technician_certifications (org_id);
create index technician_certifications_technician_idx on public.technician_certifications (technician_id);

-- Recurring maintenance: a series generates visits (jobs) ahead of time.
create table public.job_series (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  customer_id uuid not null,
  site_id uuid not null,
  description text not null check (length(trim(description)) between 1 and 2000),
  priority smallint not null default 3 check (priority between 1 and 4),
  required_skills text[] not null default '{}',
  estimated_minutes integer not null check (estimated_minutes between 5 and 1440),
  sla_protected boolean not null default false,
  notes text,
  -- weekly: every `every` weeks on the start date's weekday; monthly: every `every`
  -- months on the start date's day; monthly_weekday: every `every` months on the
  -- start date's n-th weekday (e.g. second Tuesday)
  frequency text not null check (frequency in ('weekly', 'monthly', 'monthly_weekday')),
  every smallint not null default 1 check (every between 1 and 52),
  starts_on date not null,
  ends_on date,
  -- arrival window each visit asks for, in the company's time zone (optional)
  window_start time,
  window_end time,
  horizon_days smallint not null default 60 check (horizon_days between 7 and 366),
  active boolean not null default true,
  version integer not null default 1,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  check (ends_on is null or ends_on >= starts_on),
  check ((window_start is null) = (window_end is null)),
  check (window_end is null or window_end > window_start),
  foreign key (org_id, customer_id) references public.customers (org_id, id) on delete cascade,
  foreign key (org_id, site_id) references public.customer_sites (org_id, id) on delete cascade
);
alter table public.job_series enable row level security;
comment on table public.job_series is 'Recurring maintenance: what to do, where, and how often; visits are generated as jobs a horizon ahead.';
create index job_series_org_id_idx on public.job_series (org_id);
create index job_series_customer_id_idx on public.job_series (customer_id);
create index job_series_site_id_idx on public.job_series (site_id);
create trigger job_series_bump_version before update on public.job_series
  for each row execute function private.bump_version();

-- Jobs: where (the site), which series, why cancelled, and whether the point is approximate.
alter table public.jobs
  add column site_id uuid,
  add column series_id uuid,
  add column series_date date,
  add column cancel_reason text check (cancel_reason is null or length(cancel_reason) <= 500),
  add column location_approximate boolean not null default false,
  add constraint jobs_site_fk foreign key (org_id, site_id) references public.customer_sites (org_id, id) on delete set null (site_id),
  add constraint jobs_series_fk foreign key (org_id, series_id) references public.job_series (org_id, id) on delete set null (series_id);
create unique index jobs_one_visit_per_series_date on public.jobs (series_id, series_date) where series_id is not null;
create index jobs_site_id_idx on public.jobs (site_id);
create index jobs_org_created_idx on public.jobs (org_id, created_at desc);
create index jobs_org_window_idx on public.jobs (org_id, window_start);
create index jobs_work_order_trgm_idx on public.jobs using gin (work_order gin_trgm_ops);
create index jobs_address_trgm_idx on public.jobs using gin (address gin_trgm_ops);

-- Existing customers' addresses become their primary sites; existing jobs at those
-- coordinates are linked to them.
insert into public.customer_sites (org_id, customer_id, label, address, city, lat, lng, is_primary, preferred_technician_id)
select c.org_id, c.id, 'Main site', coalesce(nullif(trim(c.address), ''), coalesce(c.city, c.name)), c.city, c.lat, c.lng, true, c.preferred_technician_id
from public.customers c
where c.lat is not null;

update public.jobs j set site_id = s.id
from public.customer_sites s
where s.customer_id = j.customer_id and s.is_primary and s.lat = j.lat and s.lng = j.lng;

-- A customer inserted with coordinates (CSV import, urgent intake, seed) gets its primary site.
create function private.customer_primary_site() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    if new.lat is not null then
      insert into public.customer_sites (org_id, customer_id, label, address, city, lat, lng, is_primary, preferred_technician_id)
      values (new.org_id, new.id, 'Main site', coalesce(nullif(trim(new.address), ''), coalesce(new.city, new.name)),
              new.city, new.lat, new.lng, true, new.preferred_technician_id);
    end if;
  elsif (new.address, new.city, new.lat, new.lng) is distinct from (old.address, old.city, old.lat, old.lng)
        and new.lat is not null then
    update public.customer_sites s
       set address = coalesce(nullif(trim(new.address), ''), s.address), city = new.city, lat = new.lat, lng = new.lng
     where s.customer_id = new.id and s.is_primary
       and (s.address, s.city, s.lat, s.lng) is distinct from (coalesce(nullif(trim(new.address), ''), s.address), new.city, new.lat, new.lng);
    if not found and not exists (select 1 from public.customer_sites s where s.customer_id = new.id and s.is_primary) then
      insert into public.customer_sites (org_id, customer_id, label, address, city, lat, lng, is_primary, preferred_technician_id)
      values (new.org_id, new.id, 'Main site', coalesce(nullif(trim(new.address), ''), coalesce(new.city, new.name)),
              new.city, new.lat, new.lng, true, new.preferred_technician_id);
    end if;
  end if;
  return null;
end
$$;
create trigger customers_primary_site after insert or update of address, city, lat, lng on public.customers
  for each row execute function private.customer_primary_site();

-- A job written without a site, at its customer's primary site, is linked to that site.
create function private.job_default_site() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.site_id is null then
    select s.id into new.site_id
      from public.customer_sites s
     where s.customer_id = new.customer_id and s.is_primary and s.lat = new.lat and s.lng = new.lng;
  end if;
  return new;
end
$$;
create trigger jobs_default_site before insert on public.jobs
  for each row execute function private.job_default_site();

grant select, insert, update, delete on
  public.customer_sites, public.customer_contacts, public.technician_certifications, public.job_series
  to authenticated, service_role;

-- Every member reads; admins and dispatchers keep the records.
do $$
declare
  t text;
begin
  foreach t in array array['customer_sites', 'customer_contacts', 'technician_certifications', 'job_series']
  loop
    execute format(
      'create policy "Members can view their company''s %1$s" on public.%1$I
         for select to authenticated using (org_id in (select private.member_org_ids()))', t);
    execute format(
      'create policy "Dispatchers and admins can add %1$s" on public.%1$I
         for insert to authenticated
         with check (org_id in (select private.member_org_ids(array[''admin'', ''dispatcher''])))', t);
    execute format(
      'create policy "Dispatchers and admins can change %1$s" on public.%1$I
         for update to authenticated
         using (org_id in (select private.member_org_ids(array[''admin'', ''dispatcher''])))
         with check (org_id in (select private.member_org_ids(array[''admin'', ''dispatcher''])))', t);
    execute format(
      'create policy "Dispatchers and admins can remove %1$s" on public.%1$I
         for delete to authenticated
         using (org_id in (select private.member_org_ids(array[''admin'', ''dispatcher''])))', t);
    execute format(
      'create trigger %1$s_audit after insert or update or delete on public.%1$I
         for each row execute function private.audit_row()', t);
  end loop;
end
$$;

-- Rules: an SLA response time (sets a job's deadline) besides priority and protection.
alter table public.service_rules
  add column response_minutes integer check (response_minutes between 1 and 43200),
  drop constraint service_rules_check1,
  add constraint service_rules_sets_something check (set_priority is not null or set_sla_protected is not null or response_minutes is not null);
