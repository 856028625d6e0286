-- Adding customers in bulk (an import of thousands) without a trigger call per row:
-- the primary service site and the audit rows of newly inserted customers and sites
-- are written once per statement from its transition table. Updates and deletes keep
-- their row triggers. What is written is the same as before, row for row.

-- the audit rows of one insert statement (the same rows private.audit_row writes)
create function private.audit_inserted() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  ctx jsonb := nullif(current_setting('app.audit_context', true), '')::jsonb;
begin
  insert into public.audit_log (org_id, actor_id, action, table_name, row_id, before, after, context)
  select (to_jsonb(n) ->> 'org_id')::uuid, (select auth.uid()), 'insert', tg_table_name, (to_jsonb(n) ->> 'id')::uuid, null, to_jsonb(n), ctx
    from inserted n;
  return null;
end
$$;
revoke execute on function private.audit_inserted() from public;

-- a customer inserted with coordinates gets its primary site: one insert per statement
create function private.customers_primary_sites_inserted() returns trigger
language plpgsql set search_path = ''
as $$
begin
  insert into public.customer_sites (org_id, customer_id, label, address, city, lat, lng, is_primary, preferred_technician_id)
  select n.org_id, n.id, 'Main site', coalesce(nullif(trim(n.address), ''), coalesce(n.city, n.name)), n.city, n.lat, n.lng, true, n.preferred_technician_id
    from inserted n
   where n.lat is not null;
  return null;
end
$$;
revoke execute on function private.customers_primary_sites_inserted() from public;

drop trigger customers_primary_site on public.customers;
create trigger customers_primary_site after update of address, city, lat, lng on public.customers
  for each row execute function private.customer_primary_site();
create trigger customers_primary_sites_inserted after insert on public.customers
  referencing new table as inserted
  for each statement execute function private.customers_primary_sites_inserted();

drop trigger customers_audit on public.customers;
create trigger customers_audit after update or delete on public.customers
  for each row execute function private.audit_row();
create trigger customers_audit_inserted after insert on public.customers
  referencing new table as inserted
  for each statement execute function private.audit_inserted();

drop trigger customer_sites_audit on public.customer_sites;
create trigger customer_sites_audit after update or delete on public.customer_sites
  for each row execute function private.audit_row();
create trigger customer_sites_audit_inserted after insert on public.customer_sites
  referencing new table as inserted
  for each statement execute function private.audit_inserted();
