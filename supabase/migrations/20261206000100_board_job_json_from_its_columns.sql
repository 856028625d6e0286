-- A job as the placement functions return it, built from its columns.
--
-- private.board_job_json() took the whole job row (to_jsonb) and then dropped what the
-- board never reads (dispatch_detail, search_text, visit_note). Forming the whole row
-- reads every column first: the automatic-dispatch candidates kept on every job (a few
-- kilobytes, stored out of line) were fetched and converted for every visit on the
-- lanes placement_context() reads, only to be thrown away. Naming the columns lets the
-- planner read just those (the function is inlined, so j.id is a plain column of the
-- query that calls it). The keys and values are exactly as before.

create or replace function private.board_job_json(j public.jobs, c public.customers) returns jsonb
language sql stable
as $$
  select pg_catalog.jsonb_build_object(
    'id', j.id, 'org_id', j.org_id, 'work_order', j.work_order, 'customer_id', j.customer_id,
    'description', j.description, 'priority', j.priority, 'required_skills', j.required_skills,
    'estimated_minutes', j.estimated_minutes, 'address', j.address, 'city', j.city, 'lat', j.lat, 'lng', j.lng,
    'window_start', j.window_start, 'window_end', j.window_end, 'deadline', j.deadline,
    'sla_protected', j.sla_protected, 'pinned', j.pinned, 'status', j.status,
    'reschedule_count', j.reschedule_count, 'notes', j.notes, 'version', j.version,
    'created_by', j.created_by, 'created_at', j.created_at, 'updated_at', j.updated_at,
    'template_id', j.template_id, 'source', j.source)
  operator(pg_catalog.||) pg_catalog.jsonb_build_object(
    'dispatch_state', j.dispatch_state, 'dispatch_reason', j.dispatch_reason, 'site_id', j.site_id,
    'series_id', j.series_id, 'series_date', j.series_date, 'cancel_reason', j.cancel_reason,
    'location_approximate', j.location_approximate, 'visit_status', j.visit_status,
    'visit_status_at', j.visit_status_at, 'on_my_way_at', j.on_my_way_at,
    'estimated_arrival_at', j.estimated_arrival_at, 'arrived_at', j.arrived_at, 'finished_at', j.finished_at,
    'not_finished_reason', j.not_finished_reason, 'return_visit', j.return_visit, 'placed_via', j.placed_via,
    'deadline_reason', j.deadline_reason)
  operator(pg_catalog.||) pg_catalog.jsonb_build_object(
    'customer_name', c.name,
    'customer_phone', c.phone,
    'customer_email', c.email,
    'contract', c.contract,
    'preferred_technician_id', c.preferred_technician_id
  )
$$;
