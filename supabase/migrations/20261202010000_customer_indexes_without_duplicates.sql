-- Fewer index entries per customer and site written: an import of 20,000 customers
-- writes 20,000 of each, and every index is one more entry per row.
--
-- - customers (org_id) and customer_sites (org_id) duplicate the leading column of the
--   tables' own unique (org_id, id) indexes, which serve every lookup by company
--   (the row-level security policies included).
-- - customer_sites (preferred_technician_id) held an entry for every site, though
--   almost none names a preferred technician; the only lookup by it (a technician
--   removed, "on delete set null") asks for one technician, so the index keeps the
--   sites that name one.

drop index public.customers_org_id_idx;
drop index public.customer_sites_org_id_idx;

drop index public.customer_sites_preferred_idx;
create index customer_sites_preferred_idx on public.customer_sites (preferred_technician_id)
  where preferred_technician_id is not null;
