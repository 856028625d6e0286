-- Lights-out dispatch: job templates (with pre-assigned workers, broadcast or
-- automatic scoring), the reasons of every automatic decision on the job, the
-- manual review queue, and broadcast offers that the first technician to accept wins.

alter table public.companies
  add column scoring_weights jsonb not null default '{"travel": 1, "skill": 10, "workload": 40, "preference": 25}'::jsonb;

create table public.job_templates (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  name text not null check (length(trim(name)) between 1 and 120),
  default_minutes integer not null check (default_minutes > 0 and default_minutes <= 24 * 60),
  required_skills text[] not null default '{}',
  priority smallint not null default 3 check (priority between 1 and 4),
  notes text,
  -- preassigned: the template's workers; broadcast: offered to every qualified
  -- technician, first to accept wins; auto: best-scoring technician; manual: a person decides
  dispatch_mode text not null default 'auto' check (dispatch_mode in ('preassigned', 'broadcast', 'auto', 'manual')),
  auto_dispatch_enabled boolean not null default true,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, name),
  unique (org_id, id)
);
alter table public.job_templates enable row level security;
comment on table public.job_templates is 'A kind of job with its defaults and how new jobs of that kind are dispatched.';
create index job_templates_org_id_idx on public.job_templates (org_id);

create table public.job_template_workers (
  org_id uuid not null references public.companies (id) on delete cascade,
  template_id uuid not null,
  technician_id uuid not null,
  role text not null check (role in ('leader', 'helper')),
  position smallint not null default 0,
  primary key (template_id, technician_id),
  foreign key (org_id, template_id) references public.job_templates (org_id, id) on delete cascade,
  foreign key (org_id, technician_id) references public.technicians (org_id, id) on delete cascade
);
alter table public.job_template_workers enable row level security;
comment on table public.job_template_workers is 'Workers pre-assigned on a template: leaders in order of preference, and helpers.';
create index job_template_workers_org_id_idx on public.job_template_workers (org_id);
create unique index job_template_workers_one_leader_position on public.job_template_workers (template_id, position) where role = 'leader';

alter table public.jobs
  add column template_id uuid,
  add column source text not null default 'dispatcher' check (source in ('dispatcher', 'portal', 'api', 'import', 'urgent')),
  -- what automatic dispatch did with the job, and why, in words
  add column dispatch_state text not null default 'none'
    check (dispatch_state in ('none', 'auto_assigned', 'preassigned', 'review', 'offered', 'accepted', 'manual')),
  add column dispatch_reason text,
  add column dispatch_detail jsonb,
  add constraint jobs_template_fk foreign key (org_id, template_id) references public.job_templates (org_id, id) on delete set null (template_id);
create index jobs_org_dispatch_state_idx on public.jobs (org_id, dispatch_state);

create table public.job_offers (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  job_id uuid not null,
  technician_id uuid not null,
  status text not null default 'offered' check (status in ('offered', 'accepted', 'declined', 'withdrawn')),
  -- the slot the engine found for this technician
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  created_at timestamptz not null default now(),
  responded_at timestamptz,
  check (ends_at > starts_at),
  unique (job_id, technician_id),
  foreign key (org_id, job_id) references public.jobs (org_id, id) on delete cascade,
  foreign key (org_id, technician_id) references public.technicians (org_id, id) on delete cascade
);
alter table public.job_offers enable row level security;
comment on table public.job_offers is 'A job broadcast to several technicians; the first to accept gets it.';
create index job_offers_org_id_idx on public.job_offers (org_id);
create index job_offers_technician_id_idx on public.job_offers (technician_id, status);
create unique index job_offers_one_accepted on public.job_offers (job_id) where status = 'accepted';

grant select, insert, update, delete on public.job_templates, public.job_template_workers to authenticated, service_role;
grant select, insert, update on public.job_offers to authenticated, service_role;

create policy "Members can view their company's templates"
  on public.job_templates for select to authenticated using ((select private.is_member(org_id)));
create policy "Admins can add templates"
  on public.job_templates for insert to authenticated with check ((select private.has_role(org_id, array['admin'])));
create policy "Admins can change templates"
  on public.job_templates for update to authenticated
  using ((select private.has_role(org_id, array['admin'])))
  with check ((select private.has_role(org_id, array['admin'])));
create policy "Admins can remove templates"
  on public.job_templates for delete to authenticated using ((select private.has_role(org_id, array['admin'])));

create policy "Members can view their company's template workers"
  on public.job_template_workers for select to authenticated using ((select private.is_member(org_id)));
create policy "Admins can add template workers"
  on public.job_template_workers for insert to authenticated with check ((select private.has_role(org_id, array['admin'])));
create policy "Admins can change template workers"
  on public.job_template_workers for update to authenticated
  using ((select private.has_role(org_id, array['admin'])))
  with check ((select private.has_role(org_id, array['admin'])));
create policy "Admins can remove template workers"
  on public.job_template_workers for delete to authenticated using ((select private.has_role(org_id, array['admin'])));

create policy "Members can view their company's offers"
  on public.job_offers for select to authenticated using ((select private.is_member(org_id)));
create policy "Dispatchers and admins can make offers"
  on public.job_offers for insert to authenticated
  with check ((select private.has_role(org_id, array['admin', 'dispatcher'])));
create policy "Dispatchers and admins can withdraw offers"
  on public.job_offers for update to authenticated
  using ((select private.has_role(org_id, array['admin', 'dispatcher'])))
  with check ((select private.has_role(org_id, array['admin', 'dispatcher'])));
-- no delete policy: offers are history; technicians answer through respond_to_job_offer()

do $$
declare
  t text;
begin
  foreach t in array array['job_templates', 'job_template_workers', 'job_offers'] loop
    execute format(
      'create trigger %1$s_audit after insert or update or delete on public.%1$I
         for each row execute function private.audit_row()', t);
  end loop;
end
$$;

-- A technician answers an offer made to them. Accepting is atomic: the job row is
-- locked, and only while nobody else has accepted (and it is not yet assigned)
-- does the acceptance win; the other offers are withdrawn and the job assigned.
create function public.respond_to_job_offer(offer uuid, accept boolean)
returns text
language plpgsql security definer set search_path = ''
as $$
declare
  o public.job_offers;
  me uuid := (select auth.uid());
  wo text;
begin
  select * into o from public.job_offers where id = offer;
  if o.id is null or not exists (
    select 1 from public.technicians t
    where t.id = o.technician_id and t.user_id = me and t.org_id = o.org_id
  ) or not private.has_role(o.org_id, array['technician', 'dispatcher', 'admin']) then
    raise exception 'that offer is not yours' using errcode = '42501';
  end if;
  -- serialise every answer to offers of this job
  select work_order into wo from public.jobs where id = o.job_id for update;
  select * into o from public.job_offers where id = offer;
  if o.status <> 'offered' then
    return o.status;  -- already answered, or someone else got it
  end if;
  if not accept then
    update public.job_offers set status = 'declined', responded_at = now() where id = offer;
    return 'declined';
  end if;
  if exists (select 1 from public.assignments a where a.job_id = o.job_id and a.active) then
    update public.job_offers set status = 'withdrawn', responded_at = now() where id = offer;
    return 'taken';
  end if;
  update public.job_offers set status = 'accepted', responded_at = now() where id = offer;
  update public.job_offers set status = 'withdrawn', responded_at = now()
    where job_id = o.job_id and id <> offer and status = 'offered';
  insert into public.assignments (org_id, job_id, leader_id, starts_at, ends_at, auto_assigned)
    values (o.org_id, o.job_id, o.technician_id, o.starts_at, o.ends_at, true);
  update public.jobs set status = 'scheduled', dispatch_state = 'accepted',
    dispatch_reason = 'accepted the broadcast offer first'
    where id = o.job_id;
  return 'accepted';
end
$$;
revoke all on function public.respond_to_job_offer(uuid, boolean) from public;
grant execute on function public.respond_to_job_offer(uuid, boolean) to authenticated;
