-- Natural keys for imported people and places, and work-order numbers from a
-- counter per company.
--
-- Technicians and customers: an optional external_id (the record's id in the system
-- a company moves from) and the email are each unique per company, so a file
-- imported twice — even by two people at the same moment — can never create a
-- record twice; the database refuses the second copy.
--
-- Work orders: the next "WO-<n>" comes from a counter per company instead of the
-- digits at the end of other work orders (an imported "PO-20261122000123" no
-- longer breaks numbering).

alter table public.technicians
  add column external_id text check (external_id is null or length(trim(external_id)) between 1 and 100);
alter table public.customers
  add column external_id text check (external_id is null or length(trim(external_id)) between 1 and 100);

-- Two records of one company sharing an email cannot be told apart by an import:
-- refuse to continue with a message that says which, rather than pick one.
do $$
declare
  dup record;
begin
  for dup in
    select 'technicians' as t, org_id, lower(email) as email from public.technicians
      where email is not null group by org_id, lower(email) having count(*) > 1
    union all
    select 'customers', org_id, lower(email) from public.customers
      where email is not null group by org_id, lower(email) having count(*) > 1
  loop
    raise exception 'company % has several % with the email %: give each its own email (or none) and migrate again',
      dup.org_id, dup.t, dup.email;
  end loop;
end
$$;

create unique index technicians_org_email_key on public.technicians (org_id, lower(email)) where email is not null;
create unique index technicians_org_external_id_key on public.technicians (org_id, external_id) where external_id is not null;
create unique index customers_org_email_key on public.customers (org_id, lower(email)) where email is not null;
create unique index customers_org_external_id_key on public.customers (org_id, external_id) where external_id is not null;

create table public.work_order_counters (
  org_id uuid primary key references public.companies (id) on delete cascade,
  -- the last number handed out; the next work order is "WO-" || last_number + 1
  last_number bigint not null check (last_number >= 0),
  updated_at timestamptz not null default now()
);
alter table public.work_order_counters enable row level security;
comment on table public.work_order_counters is 'The last work-order number handed out per company (WO-<n>).';

grant select, insert, update on public.work_order_counters to authenticated;
grant select, insert, update, delete on public.work_order_counters to service_role;

-- Whoever may add jobs may take the next number (the jobs table says the same).
create policy "Members can view their company's work-order counter"
  on public.work_order_counters for select to authenticated
  using (org_id in (select private.member_org_ids()));
create policy "Dispatchers and admins can start their company's work-order counter"
  on public.work_order_counters for insert to authenticated
  with check (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])));
create policy "Dispatchers and admins can advance their company's work-order counter"
  on public.work_order_counters for update to authenticated
  using (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])))
  with check (org_id in (select private.member_org_ids(array['admin', 'dispatcher'])));
-- no delete policy: numbers are never handed out twice

create trigger work_order_counters_audit after insert or update or delete on public.work_order_counters
  for each row execute function private.audit_row();

-- Start each company after its highest number in our own format (WO-<digits>);
-- other formats are someone else's numbering and are left alone.
insert into public.work_order_counters (org_id, last_number)
select org_id, max(substring(work_order from 4)::bigint)
  from public.jobs
 where work_order ~ '^WO-[0-9]{1,15}$'
 group by org_id;
