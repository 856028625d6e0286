-- Slot templates: recurring blocks of a company's working day per weekday. A fixed
-- block is reserved for a kind of work (a job template, e.g. 09:00–11:00 routine
-- maintenance); a flex slot is kept free for urgent and emergency work. Plus the
-- travel-and-recovery buffer the engine keeps between two on-site jobs.

alter table public.companies
  add column recovery_buffer_min integer not null default 0 check (recovery_buffer_min between 0 and 30);
comment on column public.companies.recovery_buffer_min is
  'Minutes kept free between two on-site jobs of a technician, on top of the drive (0–30).';

create table public.slot_blocks (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.companies (id) on delete cascade,
  -- ISO weekday: 1 = Monday … 7 = Sunday, in the company's time zone
  weekday smallint not null check (weekday between 1 and 7),
  starts_at time not null,
  ends_at time not null,
  kind text not null check (kind in ('fixed', 'flex')),
  -- fixed blocks: the kind of work they are reserved for; flex slots: none
  template_id uuid,
  label text not null check (length(trim(label)) between 1 and 120),
  created_at timestamptz not null default now(),
  check (ends_at > starts_at),
  check ((kind = 'fixed') = (template_id is not null)),
  foreign key (org_id, template_id) references public.job_templates (org_id, id) on delete cascade
);
alter table public.slot_blocks enable row level security;
comment on table public.slot_blocks is 'Recurring weekday blocks: fixed ones reserved for a kind of work, flex slots kept for urgent work.';
create index slot_blocks_org_weekday_idx on public.slot_blocks (org_id, weekday);
create index slot_blocks_template_id_idx on public.slot_blocks (template_id);

-- Two blocks of one company may not overlap on the same weekday.
create function private.refuse_overlapping_slot_block() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if exists (
    select 1 from public.slot_blocks b
     where b.org_id = new.org_id and b.weekday = new.weekday and b.id <> new.id
       and b.starts_at < new.ends_at and new.starts_at < b.ends_at
  ) then
    raise exception 'that block overlaps another block on the same weekday'
      using errcode = '23514';
  end if;
  return new;
end
$$;
create trigger slot_blocks_no_overlap before insert or update on public.slot_blocks
  for each row execute function private.refuse_overlapping_slot_block();

grant select, insert, update, delete on public.slot_blocks to authenticated, service_role;

create policy "Members can view their company's slot blocks"
  on public.slot_blocks for select to authenticated
  using (org_id in (select private.member_org_ids()));
create policy "Admins can add slot blocks"
  on public.slot_blocks for insert to authenticated
  with check (org_id in (select private.member_org_ids(array['admin'])));
create policy "Admins can change slot blocks"
  on public.slot_blocks for update to authenticated
  using (org_id in (select private.member_org_ids(array['admin'])))
  with check (org_id in (select private.member_org_ids(array['admin'])));
create policy "Admins can remove slot blocks"
  on public.slot_blocks for delete to authenticated
  using (org_id in (select private.member_org_ids(array['admin'])));

create trigger slot_blocks_audit after insert or update or delete on public.slot_blocks
  for each row execute function private.audit_row();
