-- Webhooks hear the crew: `job.status_changed` is also sent when the crew reports
-- progress (on my way, arrived, done, couldn't finish), not only when the job's
-- status moves, and every job event carries the visit status and arrival estimate.
-- "Arrived" changes both in one update and is one event.

create or replace function private.job_event_data(j public.jobs) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'job', jsonb_build_object(
      'id', j.id, 'workOrder', j.work_order, 'status', j.status, 'customerId', j.customer_id,
      'description', j.description, 'priority', j.priority, 'source', j.source,
      'windowStart', j.window_start, 'windowEnd', j.window_end, 'version', j.version,
      'visitStatus', j.visit_status, 'estimatedArrivalAt', j.estimated_arrival_at))
$$;

create or replace function private.webhook_jobs() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  -- nothing to do for companies without endpoints: one indexed lookup
  if not exists (select 1 from public.webhook_endpoints e where e.org_id = new.org_id and e.active) then
    return null;
  end if;
  if tg_op = 'INSERT' then
    perform private.queue_webhook_event(new.org_id, 'job.created', private.job_event_data(new));
  elsif old.status is distinct from new.status or old.visit_status is distinct from new.visit_status then
    perform private.queue_webhook_event(new.org_id, 'job.status_changed',
      private.job_event_data(new) || jsonb_build_object('previousStatus', old.status, 'previousVisitStatus', old.visit_status));
    if new.status = 'done' and old.status is distinct from 'done' then
      perform private.queue_webhook_event(new.org_id, 'job.completed', private.job_event_data(new));
    elsif new.status = 'cancelled' and old.status is distinct from 'cancelled' then
      perform private.queue_webhook_event(new.org_id, 'job.cancelled', private.job_event_data(new));
    end if;
  end if;
  return null;
end
$$;

drop trigger jobs_webhooks on public.jobs;
create trigger jobs_webhooks after insert or update of status, visit_status on public.jobs
  for each row execute function private.webhook_jobs();
