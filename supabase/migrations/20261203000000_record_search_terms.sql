-- Customer and job search at 100,000 records.
--
-- What EXPLAIN ANALYZE of the searches at 100,000 customers and jobs (embedded
-- database) showed:
-- - a common word ("Harbor", 5,000 customers) matched by `ilike` over name, phone and
--   email: the planner judged three trigram indexes dearer than a sequential scan and
--   ran `ilike` on every customer (500 ms); `ilike` lower-cases both sides of every
--   row it checks;
-- - a street every twelfth site is on ("Wacker") found 8,333 sites through their
--   index, then read each site's customer by primary key to sort by name;
-- - the page, read back through row-level security, joined the function's rows to
--   all 100,000 customers with a hash join (it expected 1,000 rows, got 26);
-- - a job search for a common street read every matching job twice.
--
-- Now:
-- - private.customer_terms holds what a customer is found by, with the customer's name
--   to sort by: one row for the customer (name, phone and email, lower-cased, one per
--   line, and the phone's digits) and one per active site (its address, lower-cased).
--   One trigram index covers them all, so a search is one index scan of narrow rows
--   and a sort of the hits by name, however common the word. Triggers keep it in step
--   with customers and sites (set-based for inserts, as an import adds thousands).
--   Only the search function reads it; nobody signed in can.
-- - jobs.search_text holds work order and address the same way, with one trigram
--   index, and search_job_ids returns what the list filters and sorts by, so the
--   jobs are not read again for that.
-- - A search lower-cases its words once and matches with `like`: in a multi-byte
--   database `x ilike p` is `lower(x) like lower(p)`, and a search never holds a line
--   break (the app turns control characters into spaces), so a search finds what it
--   found before and never across two fields.
-- - The trigram indexes these replace are dropped: a customer, site or job written
--   updates fewer indexes.

create table private.customer_terms (
  org_id uuid not null,
  customer_id uuid not null references public.customers (id) on delete cascade,
  -- null: the customer's own name, phone and email
  site_id uuid references public.customer_sites (id) on delete cascade,
  -- the customer's name, to sort by
  name text not null,
  terms text not null,
  phone_digits text not null default ''
);
alter table private.customer_terms enable row level security;
comment on table private.customer_terms is
  'What each customer is found by (name, phone, email; each active site''s address), lower-cased, for search_customer_ids only.';
-- no grants and no policies: read only by the security-definer search functions, written only by the triggers below

insert into private.customer_terms (org_id, customer_id, name, terms, phone_digits)
select c.org_id, c.id, c.name, lower(c.name) || E'\n' || lower(coalesce(c.phone, '')) || E'\n' || lower(coalesce(c.email, '')), c.phone_digits
  from public.customers c;
insert into private.customer_terms (org_id, customer_id, site_id, name, terms)
select s.org_id, s.customer_id, s.id, c.name, lower(s.address)
  from public.customer_sites s join public.customers c on c.id = s.customer_id
 where s.active;

create index customer_terms_customer_idx on private.customer_terms (customer_id);
create unique index customer_terms_site_key on private.customer_terms (site_id) where site_id is not null;
-- A trigram index keeps new entries in a pending list that every search reads in full
-- until it is merged (by vacuum, or when the list outgrows its limit, 4 MB by default).
-- The embedded database runs no autovacuum, so after an import the list stayed near
-- full and a search for a word nobody has took 50 ms at 30,000 customers instead of
-- 2 ms. A 64 kB limit merges small batches as they come: writes stay batched, a search
-- reads little.
create index customer_terms_trgm_idx on private.customer_terms using gin (terms gin_trgm_ops) with (gin_pending_list_limit = 64);
create index customer_terms_digits_trgm_idx on private.customer_terms using gin (phone_digits gin_trgm_ops) with (gin_pending_list_limit = 64)
  where site_id is null;

create function private.customer_terms_inserted() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into private.customer_terms (org_id, customer_id, name, terms, phone_digits)
  select n.org_id, n.id, n.name, lower(n.name) || E'\n' || lower(coalesce(n.phone, '')) || E'\n' || lower(coalesce(n.email, '')), n.phone_digits
    from inserted n;
  return null;
end
$$;
revoke execute on function private.customer_terms_inserted() from public;
create trigger customers_terms_inserted after insert on public.customers
  referencing new table as inserted
  for each statement execute function private.customer_terms_inserted();

create function private.customer_terms_changed() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  update private.customer_terms t
     set name = new.name,
         terms = case when t.site_id is null
                      then lower(new.name) || E'\n' || lower(coalesce(new.phone, '')) || E'\n' || lower(coalesce(new.email, ''))
                      else t.terms end,
         phone_digits = case when t.site_id is null then new.phone_digits else t.phone_digits end
   where t.customer_id = new.id;
  return null;
end
$$;
revoke execute on function private.customer_terms_changed() from public;
create trigger customers_terms_changed after update of name, phone, email on public.customers
  for each row when ((old.name, old.phone, old.email) is distinct from (new.name, new.phone, new.email))
  execute function private.customer_terms_changed();

create function private.site_terms_inserted() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into private.customer_terms (org_id, customer_id, site_id, name, terms)
  select n.org_id, n.customer_id, n.id, c.name, lower(n.address)
    from inserted n join public.customers c on c.id = n.customer_id
   where n.active;
  return null;
end
$$;
revoke execute on function private.site_terms_inserted() from public;
create trigger customer_sites_terms_inserted after insert on public.customer_sites
  referencing new table as inserted
  for each statement execute function private.site_terms_inserted();

create function private.site_terms_changed() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.active then
    insert into private.customer_terms (org_id, customer_id, site_id, name, terms)
    select new.org_id, new.customer_id, new.id, c.name, lower(new.address) from public.customers c where c.id = new.customer_id
    on conflict (site_id) where site_id is not null do update set terms = excluded.terms;
  else
    delete from private.customer_terms where site_id = new.id;
  end if;
  return null;
end
$$;
revoke execute on function private.site_terms_changed() from public;
create trigger customer_sites_terms_changed after update of address, active on public.customer_sites
  for each row when ((old.address, old.active) is distinct from (new.address, new.active))
  execute function private.site_terms_changed();

drop index public.customers_name_trgm_idx;
drop index public.customers_phone_trgm_idx;
drop index public.customers_email_trgm_idx;
drop index public.customers_phone_digits_trgm_idx;
drop index public.customer_sites_address_trgm_idx;

alter table public.jobs
  add column search_text text generated always as (lower(work_order) || E'\n' || lower(coalesce(address, ''))) stored;
comment on column public.jobs.search_text is
  'Work order and address lower-cased, one per line, for search (trigram index).';
create index jobs_search_text_trgm_idx on public.jobs using gin (search_text gin_trgm_ops) with (gin_pending_list_limit = 64);
drop index public.jobs_work_order_trgm_idx;
drop index public.jobs_address_trgm_idx;

-- One page of a company's customers whose name, phone, email or an active site's
-- address contains p_text (or whose phone digits contain p_digits), by name.
create or replace function public.search_customer_ids(p_org_id uuid, p_text text, p_digits text, p_limit integer, p_offset integer)
returns table (id uuid)
language plpgsql stable security definer set search_path = ''
rows 26
as $$
declare
  v_like text := '%' || replace(replace(replace(lower(p_text), '\', '\\'), '%', '\%'), '_', '\_') || '%';
begin
  if p_org_id is null or not (p_org_id in (select private.member_org_ids())) then
    return;
  end if;
  -- dynamic, so each search is planned for its own words
  return query execute
    'select t.customer_id from private.customer_terms t
      where t.org_id = $1 and (t.terms like $2'
      || case when coalesce(p_digits, '') <> '' then ' or (t.site_id is null and t.phone_digits like $3)' else '' end || ')
      group by t.customer_id, t.name
      order by t.name, t.customer_id limit $4 offset $5'
    using p_org_id, v_like, '%' || coalesce(p_digits, '') || '%', p_limit, p_offset;
end
$$;

-- Every job of a company whose work order, address or customer's name contains
-- p_text, with what the jobs list filters and sorts by.
drop function public.search_job_ids(uuid, text);
create function public.search_job_ids(p_org_id uuid, p_text text)
returns table (id uuid, created_at timestamptz, status text, customer_id uuid, window_start timestamptz)
language plpgsql stable security definer set search_path = ''
rows 500
as $$
declare
  v_like text := '%' || replace(replace(replace(lower(p_text), '\', '\\'), '%', '\%'), '_', '\_') || '%';
begin
  if p_org_id is null or not (p_org_id in (select private.member_org_ids())) then
    return;
  end if;
  -- a job found by its own text is not looked for again by its customer's name
  return query execute
    'select j.id, j.created_at, j.status, j.customer_id, j.window_start from public.jobs j
      where j.org_id = $1 and j.search_text like $2
     union all
     select j.id, j.created_at, j.status, j.customer_id, j.window_start from public.jobs j
      where j.org_id = $1 and not (j.search_text like $2)
        and j.customer_id in (select t.customer_id from private.customer_terms t
                               where t.org_id = $1 and t.site_id is null and t.terms like $2 and lower(t.name) like $2)'
    using p_org_id, v_like;
end
$$;
revoke execute on function public.search_job_ids(uuid, text) from public, anon;
grant execute on function public.search_job_ids(uuid, text) to authenticated, service_role;
comment on function public.search_job_ids(uuid, text) is
  'A company''s jobs whose work order, address or customer name contains the text, for a member of that company (none otherwise).';
