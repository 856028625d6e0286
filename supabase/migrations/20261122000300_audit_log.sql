-- Append-only audit trail written by the database in the same transaction as the
-- change. Nobody, not even an admin or the service role, may alter or remove it.

create table public.audit_log (
  id bigint generated always as identity primary key,
  org_id uuid not null references public.companies (id) on delete cascade,
  actor_id uuid,
  action text not null check (action in ('insert', 'update', 'delete')),
  table_name text not null,
  row_id uuid,
  before jsonb,
  after jsonb,
  -- what the application said about the change (e.g. "undo", notify choice)
  context jsonb,
  at timestamptz not null default now()
);
alter table public.audit_log enable row level security;
comment on table public.audit_log is 'Who changed what and when, before and after; append-only.';
create index audit_log_org_at_idx on public.audit_log (org_id, at desc);
create index audit_log_row_id_idx on public.audit_log (row_id);

grant select on public.audit_log to authenticated;
grant select, insert on public.audit_log to service_role;

create policy "Admins and dispatchers can read their company's audit trail"
  on public.audit_log for select to authenticated
  using ((select private.has_role(org_id, array['admin', 'dispatcher'])));
-- no insert / update / delete policies: only the audit trigger writes here

-- Security definer so the company lookup below sees every company, whoever deletes.
create function private.refuse_audit_change() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  -- Deleting a company cascades to its trail (on delete cascade above); that is the
  -- one delete allowed, and only once the company itself is gone.
  if tg_op = 'DELETE' and not exists (select 1 from public.companies c where c.id = old.org_id) then
    return old;
  end if;
  raise exception 'the audit trail is append-only: % is not allowed', lower(tg_op)
    using errcode = '42501';
end
$$;
create trigger audit_log_no_update before update or delete on public.audit_log
  for each row execute function private.refuse_audit_change();
create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function private.refuse_audit_change();

-- The application may describe the change it is making:
--   select set_config('app.audit_context', '{"undo":true}', true)
create function private.audit_row() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  ctx jsonb := nullif(current_setting('app.audit_context', true), '')::jsonb;
  old_row jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  new_row jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  org uuid;
  rid uuid;
begin
  if tg_op = 'UPDATE' and old_row = new_row then
    return null;
  end if;
  if tg_table_name = 'companies' then
    org := coalesce(new_row ->> 'id', old_row ->> 'id')::uuid;
  else
    org := coalesce(new_row ->> 'org_id', old_row ->> 'org_id')::uuid;
  end if;
  rid := nullif(coalesce(new_row ->> 'id', old_row ->> 'id', new_row ->> 'assignment_id', old_row ->> 'assignment_id'), '')::uuid;
  -- a company being deleted takes its trail with it (cascade); nothing to record
  if tg_op = 'DELETE' and not exists (select 1 from public.companies c where c.id = org) then
    return null;
  end if;
  insert into public.audit_log (org_id, actor_id, action, table_name, row_id, before, after, context)
  values (org, (select auth.uid()), lower(tg_op), tg_table_name, rid, old_row, new_row, ctx);
  return null;
end
$$;

do $$
declare
  t text;
begin
  foreach t in array array['companies', 'memberships', 'technicians', 'technician_shifts',
                           'customers', 'jobs', 'assignments', 'assignment_helpers', 'time_off']
  loop
    execute format(
      'create trigger %1$s_audit after insert or update or delete on public.%1$I
         for each row execute function private.audit_row()', t);
  end loop;
end
$$;
