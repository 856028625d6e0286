-- Technicians' availability (time off and unavailable hours they ask for, which a
-- dispatcher approves or which apply at once, by company setting), reminders
-- (the evening summary of tomorrow and one before each visit, by the technician's
-- chosen channel) and Web Push subscriptions of the installed phone app.

alter table public.companies
  -- true: a dispatcher approves time off; false: a technician's request applies at once
  add column time_off_needs_approval boolean not null default true,
  -- minutes before a visit its crew is reminded; 0 switches visit reminders off
  add column visit_reminder_minutes integer not null default 30 check (visit_reminder_minutes between 0 and 240),
  -- when (company time) the summary of tomorrow's published day goes out
  add column evening_summary_at time not null default '18:00';

alter table public.technicians
  add column reminder_channel text not null default 'push' check (reminder_channel in ('push', 'sms', 'email'));

alter table public.notifications drop constraint notifications_channel_check;
alter table public.notifications add constraint notifications_channel_check check (channel in ('email', 'sms', 'push'));

create table public.time_off_requests (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  technician_id uuid not null,
  requested_by uuid not null references auth.users (id) on delete cascade,
  -- time_off: a day or days away; unavailable: a few hours
  kind text not null default 'time_off' check (kind in ('time_off', 'unavailable')),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  reason text check (reason is null or length(reason) <= 300),
  status text not null default 'pending' check (status in ('pending', 'approved', 'declined')),
  decided_by uuid references auth.users (id) on delete set null,
  decided_at timestamptz,
  decision_note text check (decision_note is null or length(decision_note) <= 300),
  -- the time off it became, once approved
  time_off_id uuid references public.time_off (id) on delete set null,
  created_at timestamptz not null default now(),
  check (ends_at > starts_at),
  check (ends_at - starts_at <= interval '31 days'),
  check ((status = 'pending') = (decided_at is null)),
  unique (org_id, id),
  foreign key (org_id, technician_id) references public.technicians (org_id, id) on delete cascade
);
alter table public.time_off_requests enable row level security;
comment on table public.time_off_requests is 'Time off or unavailable hours a technician asked for, and the dispatcher''s decision.';
create index time_off_requests_org_id_idx on public.time_off_requests (org_id, status, starts_at);
create index time_off_requests_technician_id_idx on public.time_off_requests (technician_id, starts_at);
create index time_off_requests_requested_by_idx on public.time_off_requests (requested_by);

create table public.push_subscriptions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  technician_id uuid not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  endpoint text not null unique check (endpoint ~ '^https?://'),
  p256dh text not null check (length(p256dh) between 40 and 200),
  auth text not null check (length(auth) between 10 and 100),
  user_agent text,
  created_at timestamptz not null default now(),
  foreign key (org_id, technician_id) references public.technicians (org_id, id) on delete cascade
);
alter table public.push_subscriptions enable row level security;
comment on table public.push_subscriptions is 'A phone where a technician allowed push notifications (Web Push endpoint and keys).';
create index push_subscriptions_org_id_idx on public.push_subscriptions (org_id);
create index push_subscriptions_user_id_idx on public.push_subscriptions (user_id);
create index push_subscriptions_technician_id_idx on public.push_subscriptions (technician_id);

grant select, insert, update on public.time_off_requests to authenticated, service_role;
grant select, insert, delete on public.push_subscriptions to authenticated, service_role;

create policy "Members can view their company's time-off requests"
  on public.time_off_requests for select to authenticated
  using (org_id in (select private.member_org_ids()));
create policy "Technicians ask for their own time off; dispatchers for anyone"
  on public.time_off_requests for insert to authenticated
  with check (
    requested_by = (select auth.uid())
    and (
      org_id in (select private.member_org_ids(array['admin', 'dispatcher']))
      or (org_id in (select private.member_org_ids(array['technician']))
          and technician_id in (select private.my_technician_ids())
          and (status = 'pending'
               or (status = 'approved' and not (select c.time_off_needs_approval from public.companies c where c.id = org_id))))
    )
  );
create policy "Dispatchers and admins decide time-off requests"
  on public.time_off_requests for update to authenticated
  using (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])))
  with check (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])));
-- no delete policy: requests and decisions are history

create policy "Technicians can add their own time off where it needs no approval"
  on public.time_off for insert to authenticated
  with check (
    org_id in (select private.member_org_ids(array['technician']))
    and technician_id in (select private.my_technician_ids())
    and not (select c.time_off_needs_approval from public.companies c where c.id = org_id)
  );

create policy "People see their own push subscriptions"
  on public.push_subscriptions for select to authenticated
  using (user_id = (select auth.uid()));
create policy "Technicians subscribe their own phones"
  on public.push_subscriptions for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and org_id in (select private.member_org_ids(array['technician']))
    and technician_id in (select private.my_technician_ids())
  );
create policy "People remove their own push subscriptions"
  on public.push_subscriptions for delete to authenticated
  using (user_id = (select auth.uid()));

create trigger time_off_requests_audit after insert or update on public.time_off_requests
  for each row execute function private.audit_row();
create trigger push_subscriptions_audit after insert or delete on public.push_subscriptions
  for each row execute function private.audit_row();

-- Whom to push to, for whoever queues a technician's notice (a dispatcher's
-- publish or offer, the reminder worker) without reading the subscriptions.
create function private.push_endpoints_of(tech uuid) returns setof text
language sql stable security definer set search_path = ''
as $$
  select s.endpoint from public.push_subscriptions s
   where s.technician_id = tech
     and (current_setting('role', true) = 'service_role' or s.org_id in (select private.member_org_ids()))
$$;

-- Whether a notice with this key (or one of its per-phone keys) was queued: a
-- notice goes out once whichever channel it took.
create function private.notice_exists(org uuid, key text) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.notifications n
     where n.org_id = org and (n.dedupe_key = key or n.dedupe_key like key || ':push:%')
       and (current_setting('role', true) = 'service_role' or org in (select private.member_org_ids()))
  )
$$;
grant execute on function private.push_endpoints_of(uuid) to authenticated, service_role;
grant execute on function private.notice_exists(uuid, text) to authenticated, service_role;
create index notifications_dedupe_prefix_idx on public.notifications (org_id, dedupe_key text_pattern_ops);
