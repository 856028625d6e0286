-- A job as the placement functions return it: without what the board never reads.
--
-- private.board_job_json() returned the whole job row (to_jsonb) plus the customer's
-- columns. placement_context() builds it for every visit in the crew's lanes, so each
-- placement built, sent and parsed the automatic-dispatch candidates kept on every job
-- on those lanes (dispatch_detail, a few kilobytes each), its search text and its visit
-- note, none of which the checks or the board read (lib/db/board.ts JOB_COLUMNS).
-- Leaving them out makes a placement about a tenth cheaper for the server.

create or replace function private.board_job_json(j public.jobs, c public.customers) returns jsonb
language sql immutable set search_path = ''
as $$
  select (to_jsonb(j) - 'dispatch_detail' - 'search_text' - 'visit_note') || jsonb_build_object(
    'customer_name', c.name,
    'customer_phone', c.phone,
    'customer_email', c.email,
    'contract', c.contract,
    'preferred_technician_id', c.preferred_technician_id
  )
$$;
