-- Recurring series top themselves up: once per company and local day, the app's
-- scheduled loop (the one that queues reminders and the morning export) makes every
-- active series' visits up to its horizon. A row per company and day is claimed in
-- the same transaction as the visits, so several app instances do it once.

create table public.series_top_ups (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  -- the company's local date the top-up ran for
  top_up_date date not null,
  series integer not null default 0 check (series >= 0),
  visits integer not null default 0 check (visits >= 0),
  created_at timestamptz not null default now(),
  unique (org_id, top_up_date)
);
alter table public.series_top_ups enable row level security;
comment on table public.series_top_ups is 'One top-up of recurring series per company and day: the claim that makes it run once, and what it made.';
create index series_top_ups_org_id_idx on public.series_top_ups (org_id, top_up_date desc);

grant select on public.series_top_ups to authenticated;
grant select, insert, update on public.series_top_ups to service_role;

create policy "Admins and dispatchers can view their company's series top-ups"
  on public.series_top_ups for select to authenticated
  using (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])));
-- no insert / update / delete policies: only the scheduled loop (service role) writes here
