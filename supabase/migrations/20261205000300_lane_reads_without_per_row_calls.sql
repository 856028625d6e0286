-- Reading a crew's lanes without a function call per row.
--
-- private.board_job_json() carried `set search_path`, so Postgres could not inline it:
-- every visit on the lanes placement_context() reads paid a full function call
-- (setting and restoring the path around a small SQL executor). It is now a plain
-- stable SQL expression the planner inlines into the query that uses it; every name
-- in it is schema-qualified, so no search path can change what it means.
--
-- private.member_org_ids() is planned as returning 1,000 rows (the default for a set
-- function), so every row-level-security check built a hash table sized for 1,000
-- companies per table per statement. A person belongs to a handful.

create or replace function private.board_job_json(j public.jobs, c public.customers) returns jsonb
language sql stable
as $$
  select (pg_catalog.to_jsonb(j) operator(pg_catalog.-) 'dispatch_detail'::text operator(pg_catalog.-) 'search_text'::text
            operator(pg_catalog.-) 'visit_note'::text)
         operator(pg_catalog.||) pg_catalog.jsonb_build_object(
    'customer_name', c.name,
    'customer_phone', c.phone,
    'customer_email', c.email,
    'contract', c.contract,
    'preferred_technician_id', c.preferred_technician_id
  )
$$;

alter function private.member_org_ids(text[]) rows 5;
