-- Webhooks: endpoints an admin registers for events, and a delivery outbox.
--
-- Events are queued by triggers on the tables they describe, in the same
-- transaction as the change, so every door (board, API, portal, technician app)
-- emits them and a rolled-back change emits nothing. A worker delivers each row
-- with an HMAC signature, retrying with backoff, and records every attempt.
-- The signing secret is readable by the service role only (column grants): it is
-- shown once when the endpoint is created, never again.

create table public.webhook_endpoints (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  url text not null check (url ~ '^https?://' and length(url) <= 2000),
  description text not null default '' check (length(description) <= 200),
  events text[] not null check (cardinality(events) > 0),
  secret text not null check (length(secret) >= 32),
  active boolean not null default true,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id)
);
alter table public.webhook_endpoints enable row level security;
comment on table public.webhook_endpoints is 'Where a company wants to hear about events, which events, and the secret deliveries are signed with.';
create index webhook_endpoints_org_id_idx on public.webhook_endpoints (org_id);

grant select (id, org_id, url, description, events, active, created_by, created_at, updated_at) on public.webhook_endpoints to authenticated;
grant insert (org_id, url, description, events, secret, active, created_by) on public.webhook_endpoints to authenticated;
grant update (url, description, events, active) on public.webhook_endpoints to authenticated;
grant delete on public.webhook_endpoints to authenticated;
grant select, insert, update, delete on public.webhook_endpoints to service_role;

create policy "Admins can view their company's webhook endpoints"
  on public.webhook_endpoints for select to authenticated
  using (org_id in (select private.member_org_ids(array['admin'])));
create policy "Admins can add webhook endpoints"
  on public.webhook_endpoints for insert to authenticated
  with check (org_id in (select private.member_org_ids(array['admin'])));
create policy "Admins can change webhook endpoints"
  on public.webhook_endpoints for update to authenticated
  using (org_id in (select private.member_org_ids(array['admin'])))
  with check (org_id in (select private.member_org_ids(array['admin'])));
create policy "Admins can remove webhook endpoints"
  on public.webhook_endpoints for delete to authenticated
  using (org_id in (select private.member_org_ids(array['admin'])));

create trigger webhook_endpoints_touch before update on public.webhook_endpoints
  for each row execute function private.touch_updated_at();

-- The audit trail must not carry the secret: audit a copy without it.
create function private.audit_webhook_endpoint() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  ctx jsonb := nullif(current_setting('app.audit_context', true), '')::jsonb;
  old_row jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) - 'secret' end;
  new_row jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) - 'secret' end;
  org uuid := coalesce(new_row ->> 'org_id', old_row ->> 'org_id')::uuid;
begin
  if tg_op = 'UPDATE' and old_row = new_row then
    return null;
  end if;
  if tg_op = 'DELETE' and not exists (select 1 from public.companies c where c.id = org) then
    return null;
  end if;
  insert into public.audit_log (org_id, actor_id, action, table_name, row_id, before, after, context)
  values (org, (select auth.uid()), lower(tg_op), tg_table_name, coalesce(new_row ->> 'id', old_row ->> 'id')::uuid, old_row, new_row, ctx);
  return null;
end
$$;
create trigger webhook_endpoints_audit after insert or update or delete on public.webhook_endpoints
  for each row execute function private.audit_webhook_endpoint();

create table public.webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  endpoint_id uuid not null,
  event_id uuid not null,
  event_type text not null,
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'sending', 'delivered', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  -- every attempt: { at, status (HTTP code or null), error, ms }
  attempt_log jsonb not null default '[]'::jsonb,
  last_status_code integer,
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz not null default now(),
  unique (endpoint_id, event_id),
  foreign key (org_id, endpoint_id) references public.webhook_endpoints (org_id, id) on delete cascade
);
alter table public.webhook_deliveries enable row level security;
comment on table public.webhook_deliveries is 'The webhook outbox: one row per event and endpoint, with every delivery attempt and its response code.';
create index webhook_deliveries_org_id_idx on public.webhook_deliveries (org_id, created_at desc);
create index webhook_deliveries_due_idx on public.webhook_deliveries (next_attempt_at) where status in ('pending', 'sending');
create index webhook_deliveries_endpoint_idx on public.webhook_deliveries (endpoint_id, created_at desc);
-- Not audited row by row: it is itself a log, written by triggers and the worker.

grant select on public.webhook_deliveries to authenticated;
grant select, insert, update, delete on public.webhook_deliveries to service_role;

create policy "Admins can view their company's webhook deliveries"
  on public.webhook_deliveries for select to authenticated
  using (org_id in (select private.member_org_ids(array['admin'])));
-- no insert / update / delete policies: rows come from private.queue_webhook_event
-- (triggers, "send test event") and the delivery worker (service role).

-- Queues one event for every active endpoint of the company that listens for it.
create function private.queue_webhook_event(p_org uuid, p_type text, p_data jsonb) returns integer
language plpgsql security definer set search_path = ''
as $$
declare
  event uuid := gen_random_uuid();
  n integer;
begin
  insert into public.webhook_deliveries (org_id, endpoint_id, event_id, event_type, payload)
  select e.org_id, e.id, event, p_type,
         jsonb_build_object('id', event, 'type', p_type, 'createdAt', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'data', p_data)
    from public.webhook_endpoints e
   where e.org_id = p_org and e.active and p_type = any (e.events);
  get diagnostics n = row_count;
  return n;
end
$$;
revoke all on function private.queue_webhook_event(uuid, text, jsonb) from public;
grant execute on function private.queue_webhook_event(uuid, text, jsonb) to service_role;

-- "Send test event": an admin of the endpoint's company queues a ping to it alone.
create function private.send_webhook_test(p_endpoint uuid) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  e public.webhook_endpoints%rowtype;
  event uuid := gen_random_uuid();
  delivery uuid;
begin
  select * into e from public.webhook_endpoints where id = p_endpoint;
  if not found or not private.has_role(e.org_id, array['admin']) then
    return null;
  end if;
  insert into public.webhook_deliveries (org_id, endpoint_id, event_id, event_type, payload)
  values (e.org_id, e.id, event, 'ping',
          jsonb_build_object('id', event, 'type', 'ping', 'createdAt', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                             'data', jsonb_build_object('endpointId', e.id, 'message', 'A test event from Crewboard.')))
  returning id into delivery;
  return delivery;
end
$$;
revoke all on function private.send_webhook_test(uuid) from public;
grant execute on function private.send_webhook_test(uuid) to authenticated, service_role;

create function private.job_event_data(j public.jobs) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'job', jsonb_build_object(
      'id', j.id, 'workOrder', j.work_order, 'status', j.status, 'customerId', j.customer_id,
      'description', j.description, 'priority', j.priority, 'source', j.source,
      'windowStart', j.window_start, 'windowEnd', j.window_end, 'version', j.version))
$$;

create function private.webhook_jobs() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  -- nothing to do for companies without endpoints: one indexed lookup
  if not exists (select 1 from public.webhook_endpoints e where e.org_id = new.org_id and e.active) then
    return null;
  end if;
  if tg_op = 'INSERT' then
    perform private.queue_webhook_event(new.org_id, 'job.created', private.job_event_data(new));
  elsif old.status is distinct from new.status then
    perform private.queue_webhook_event(new.org_id, 'job.status_changed',
      private.job_event_data(new) || jsonb_build_object('previousStatus', old.status));
    if new.status = 'done' then
      perform private.queue_webhook_event(new.org_id, 'job.completed', private.job_event_data(new));
    elsif new.status = 'cancelled' then
      perform private.queue_webhook_event(new.org_id, 'job.cancelled', private.job_event_data(new));
    end if;
  end if;
  return null;
end
$$;
create trigger jobs_webhooks after insert or update of status on public.jobs
  for each row execute function private.webhook_jobs();

create function private.webhook_assignments() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  j public.jobs%rowtype;
begin
  if not new.active then
    return null;
  end if;
  if tg_op = 'UPDATE' and old.active and old.leader_id = new.leader_id and old.starts_at = new.starts_at and old.ends_at = new.ends_at then
    return null;
  end if;
  if not exists (select 1 from public.webhook_endpoints e where e.org_id = new.org_id and e.active) then
    return null;
  end if;
  select * into j from public.jobs where id = new.job_id;
  perform private.queue_webhook_event(new.org_id, 'job.assigned',
    private.job_event_data(j) || jsonb_build_object('assignment', jsonb_build_object(
      'id', new.id, 'leaderId', new.leader_id,
      'leaderName', (select t.name from public.technicians t where t.id = new.leader_id),
      'start', new.starts_at, 'end', new.ends_at)));
  return null;
end
$$;
create trigger assignments_webhooks after insert or update on public.assignments
  for each row execute function private.webhook_assignments();

create function private.webhook_urgent() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.status = 'approved' and old.status is distinct from 'approved' then
    perform private.queue_webhook_event(new.org_id, 'urgent.approved', jsonb_build_object(
      'urgentRequest', jsonb_build_object('id', new.id, 'workOrder', new.work_order, 'jobId', new.job_id,
        'optionId', new.approved_option ->> 'id', 'technicianId', new.approved_option ->> 'technicianId',
        'start', new.approved_option ->> 'urgentStart', 'end', new.approved_option ->> 'urgentEnd')));
  end if;
  return null;
end
$$;
create trigger urgent_requests_webhooks after update on public.urgent_requests
  for each row execute function private.webhook_urgent();

create function private.webhook_offers() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.status = 'accepted' and old.status is distinct from 'accepted' then
    perform private.queue_webhook_event(new.org_id, 'offer.taken', jsonb_build_object(
      'offer', jsonb_build_object('id', new.id, 'jobId', new.job_id, 'technicianId', new.technician_id,
        'technicianName', (select t.name from public.technicians t where t.id = new.technician_id),
        'start', new.starts_at, 'end', new.ends_at)));
  end if;
  return null;
end
$$;
create trigger job_offers_webhooks after update on public.job_offers
  for each row execute function private.webhook_offers();
