-- Work-order numbers without waiting: a sequence per company instead of a counter row.
--
-- The counter row (public.work_order_counters) was updated by each new job and so
-- stayed locked until that job's transaction ended — through its whole automatic
-- dispatch — and every other new job of the company waited for it. A sequence hands
-- out numbers without holding anything until commit: a number taken by a change that
-- is then refused or rolled back is simply never used (numbers may have gaps; they are
-- still unique per company, and still never parsed from other numbering schemes).
--
-- private.take_work_order_number(org) returns the company's next free "WO-<n>":
--  - only an admin or dispatcher of the company (or the service role) may take one,
--    as only they may add jobs;
--  - a number already taken by hand or by an import (WO-1005 typed in) is skipped: the
--    sequence jumps past the highest number in our format. That rare jump holds the
--    company's numbering until its transaction ends (ALTER SEQUENCE's lock), so no
--    number is handed out twice while it moves;
--  - other formats (PO-20261122000123) are someone else's numbering and never move it.
-- Each company's sequence is private.work_order_numbers_<org id without dashes>,
-- created with the company (so no job's transaction creates it) and dropped with it.

create function private.work_order_sequence(p_org_id uuid) returns text
language sql immutable set search_path = ''
as $$
  select 'private.' || quote_ident('work_order_numbers_' || replace(p_org_id::text, '-', ''))
$$;

create function private.take_work_order_number(p_org_id uuid) returns text
language plpgsql volatile security definer set search_path = ''
as $$
declare
  v_seq text := private.work_order_sequence(p_org_id);
  v_n bigint;
  v_top bigint;
  v_last bigint;
begin
  -- whoever may add jobs may take the next number (the jobs table says the same)
  if current_setting('role', true) = 'authenticated' and not private.has_role(p_org_id, array['admin', 'dispatcher']) then
    raise exception 'only an admin or dispatcher of the company can take a work-order number' using errcode = '42501';
  end if;
  if not exists (select 1 from public.companies c where c.id = p_org_id) then
    raise exception 'no company %', p_org_id using errcode = 'P0002';
  end if;

  if to_regclass(v_seq) is null then
    -- made with the company; only a company from before its trigger could lack one
    begin
      execute format('create sequence %s as bigint minvalue 1 start with 1001', v_seq);
    exception when duplicate_table or unique_violation then
      -- another new job of the company created it at the same moment
      null;
    end;
  end if;

  for attempt in 1..3 loop
    v_n := nextval(v_seq::regclass);
    if not exists (select 1 from public.jobs j where j.org_id = p_org_id and j.work_order = 'WO-' || v_n) then
      return 'WO-' || v_n;
    end if;
    -- taken by hand or by an import: hold the numbering (nextval waits) until this
    -- transaction ends, then jump past the highest number in this format
    execute format('alter sequence %s increment by 1', v_seq);
    select max(substring(j.work_order from 4)::bigint) into v_top
      from public.jobs j where j.org_id = p_org_id and j.work_order ~ '^WO-[0-9]{1,15}$';
    execute format('select last_value from %s', v_seq) into v_last;
    if v_top > v_last then
      perform setval(v_seq::regclass, v_top);
    end if;
  end loop;
  raise exception 'no free work-order number after jumping past the highest one';
end
$$;
revoke execute on function private.take_work_order_number(uuid) from public;
revoke execute on function private.work_order_sequence(uuid) from public;
grant execute on function private.work_order_sequence(uuid) to authenticated, service_role;
grant execute on function private.take_work_order_number(uuid) to authenticated, service_role;
comment on function private.take_work_order_number(uuid) is
  'The company''s next free work-order number (WO-<n>) from its own sequence; holds no lock until commit.';

-- A company's numbering comes and goes with it.
create function private.work_order_sequence_of_company() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    execute format('create sequence if not exists %s as bigint minvalue 1 start with 1001', private.work_order_sequence(new.id));
    return new;
  end if;
  execute format('drop sequence if exists %s', private.work_order_sequence(old.id));
  return old;
end
$$;
revoke execute on function private.work_order_sequence_of_company() from public;
create trigger companies_work_order_sequence after insert or delete on public.companies
  for each row execute function private.work_order_sequence_of_company();

-- Each company goes on from its counter's last number (a company without one starts at 1001).
do $$
declare
  c record;
begin
  for c in
    select co.id, coalesce(w.last_number + 1, 1001) as first
      from public.companies co left join public.work_order_counters w on w.org_id = co.id
  loop
    execute format('create sequence %s as bigint minvalue 1 start with %s', private.work_order_sequence(c.id), c.first);
  end loop;
end
$$;

drop table public.work_order_counters;
