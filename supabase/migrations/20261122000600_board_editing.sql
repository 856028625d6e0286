-- Editing the board: a log of each dispatcher change (for undo and readable audit),
-- what was last published to people, publications, and change notifications that
-- other open boards receive through LISTEN/NOTIFY.

-- What technicians and the customer were last told about this visit
-- ({leaderId, helperIds, start, end}); null until the day is first published.
alter table public.assignments add column published_snapshot jsonb;

create table public.board_changes (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  actor_id uuid not null references auth.users (id) on delete cascade,
  job_id uuid not null,
  kind text not null check (kind in ('assign', 'move', 'resize', 'reassign', 'crew', 'unassign', 'undo')),
  -- the placement before and after: null = unassigned, else {leaderId, helperIds, start, end}
  before jsonb,
  after jsonb,
  summary text not null,
  notify_customer boolean,
  undo_of uuid references public.board_changes (id) on delete set null,
  undone_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (org_id, job_id) references public.jobs (org_id, id) on delete cascade
);
alter table public.board_changes enable row level security;
comment on table public.board_changes is 'Each change a dispatcher made on the board, in words, with the placement before and after (for undo).';
create index board_changes_org_id_idx on public.board_changes (org_id, created_at desc);
create index board_changes_actor_idx on public.board_changes (actor_id, created_at desc);
create index board_changes_job_idx on public.board_changes (job_id, created_at desc);

create table public.publications (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  day date not null,
  published_by uuid not null references auth.users (id) on delete cascade,
  assignment_count integer not null check (assignment_count >= 0),
  technician_notices integer not null check (technician_notices >= 0),
  customer_notices integer not null check (customer_notices >= 0),
  created_at timestamptz not null default now()
);
alter table public.publications enable row level security;
comment on table public.publications is 'Each time a day''s schedule was published, by whom, and how many notices it queued.';
create index publications_org_id_idx on public.publications (org_id, day);

grant select, insert, update on public.board_changes to authenticated, service_role;
grant select, insert on public.publications to authenticated, service_role;

create policy "Members can view their company's board changes"
  on public.board_changes for select to authenticated
  using ((select private.is_member(org_id)));
create policy "Dispatchers and admins can record their own board changes"
  on public.board_changes for insert to authenticated
  with check ((select private.has_role(org_id, array['admin', 'dispatcher'])) and actor_id = (select auth.uid()));
create policy "Dispatchers and admins can mark their own changes undone"
  on public.board_changes for update to authenticated
  using ((select private.has_role(org_id, array['admin', 'dispatcher'])) and actor_id = (select auth.uid()))
  with check ((select private.has_role(org_id, array['admin', 'dispatcher'])) and actor_id = (select auth.uid()));
-- no delete policy: the change log is history

create policy "Members can view their company's publications"
  on public.publications for select to authenticated
  using ((select private.is_member(org_id)));
create policy "Dispatchers and admins can publish"
  on public.publications for insert to authenticated
  with check ((select private.has_role(org_id, array['admin', 'dispatcher'])) and published_by = (select auth.uid()));

create trigger board_changes_audit after insert or update on public.board_changes
  for each row execute function private.audit_row();
create trigger publications_audit after insert on public.publications
  for each row execute function private.audit_row();

-- Every change to a job or an assignment tells listening boards of the same company.
-- The payload carries ids only; boards reload what they may see through RLS.
create function private.notify_board_change() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  r jsonb := to_jsonb(coalesce(new, old));
begin
  perform pg_notify(
    'board_changes',
    json_build_object(
      'org_id', r ->> 'org_id',
      'table', tg_table_name,
      'job_id', case when tg_table_name = 'jobs' then r ->> 'id' else r ->> 'job_id' end,
      'actor_id', (select auth.uid())
    )::text
  );
  return null;
end
$$;
create trigger jobs_notify_board after insert or update or delete on public.jobs
  for each row execute function private.notify_board_change();
create trigger assignments_notify_board after insert or update or delete on public.assignments
  for each row execute function private.notify_board_change();
