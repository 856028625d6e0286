-- Rules the database holds, whoever writes (the app, the API, a SQL session):
--   * only an admin approves an urgent request when the company requires it;
--   * nobody records another person as the approver of an urgent request;
--   * approving an option that bumps an SLA or contract job needs the override
--     allowed and a typed reason;
--   * a recorded board change is history: only "undone" may be stamped on it, once;
--     it is never edited or deleted (except with its job or company);
--   * the private helper functions are not executable by PUBLIC, only by the roles
--     that are granted them.

create function private.check_urgent_approval() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  actor uuid := (select auth.uid());
begin
  if new.status <> 'approved' or old.status = 'approved' then
    return new;
  end if;
  -- the service role (no signed-in person) is trusted to record what it was told
  if actor is null then
    return new;
  end if;
  if new.approved_by is distinct from actor then
    raise exception 'an urgent request is approved in your own name: approved_by must be you'
      using errcode = '42501';
  end if;
  if exists (select 1 from public.companies c where c.id = new.org_id and c.urgent_requires_admin)
     and not exists (
       select 1 from public.memberships m
       where m.org_id = new.org_id and m.user_id = actor and m.role = 'admin'
     ) then
    raise exception 'this company requires an admin to approve urgent requests'
      using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger urgent_requests_check_approval before update on public.urgent_requests
  for each row execute function private.check_urgent_approval();

alter table public.urgent_requests add constraint urgent_requests_sla_override_has_reason check (
  status <> 'approved'
  or coalesce((approved_option -> 'flags' ->> 'slaOverride')::boolean, false) = false
  or (allow_sla_override and length(trim(coalesce(override_reason, ''))) >= 5)
) not valid;

create function private.keep_board_change_history() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'DELETE' then
    -- its job or the company itself is being deleted: the history goes with it
    if not exists (select 1 from public.jobs j where j.id = old.job_id)
       or not exists (select 1 from public.companies c where c.id = old.org_id) then
      return old;
    end if;
    raise exception 'board changes are history: they cannot be deleted'
      using errcode = '42501';
  end if;
  if old.undone_at is null and new.undone_at is not null
     and (to_jsonb(new) - 'undone_at') = (to_jsonb(old) - 'undone_at') then
    return new;
  end if;
  -- a foreign key clearing undo_of because the undone change's company is going away
  if (to_jsonb(new) - 'undo_of') = (to_jsonb(old) - 'undo_of') and new.undo_of is null then
    return new;
  end if;
  raise exception 'board changes are history: only marking one undone is allowed'
    using errcode = '42501';
end
$$;
create trigger board_changes_keep_history before update or delete on public.board_changes
  for each row execute function private.keep_board_change_history();

-- Functions are executable by PUBLIC unless revoked: take that away for every
-- private function, keeping the explicit grants. (A per-schema default privilege
-- cannot remove PUBLIC's global one, so a migration that adds a private function
-- revokes it there too; supabase/tests/database-rules.test.ts checks every one.)
revoke execute on all functions in schema private from public;
