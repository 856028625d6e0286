/**
 * Customer records: the customer, their service sites (each with its own point,
 * access notes and preferred technician), their contacts and who of them is told
 * about visits, their SLA / contract terms, and their job history.
 *
 * The customer's own address columns mirror its primary site, so everything that
 * reads a customer's location (dispatch, urgent intake, exports) keeps working.
 */
import type { Queryable } from "@/lib/db/client";
import { ActionFailure } from "@/lib/actions/result";
import type { ResolvedPlace } from "@/lib/geo/resolve-place";

export interface SiteSummary {
  id: string;
  label: string;
  address: string;
  city: string | null;
  postalCode: string | null;
  lat: number;
  lng: number;
  approximate: boolean;
  isPrimary: boolean;
}

export interface CustomerHit {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  contract: boolean;
  /** Active sites, primary first (at most 5, for the picker). */
  sites: SiteSummary[];
}

export interface CustomerPage {
  items: CustomerHit[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export interface Site extends SiteSummary {
  version: number;
  region: string | null;
  country: string;
  accessNotes: string | null;
  preferredTechnicianId: string | null;
  active: boolean;
}

export interface Contact {
  id: string;
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
  notifyBy: "none" | "email" | "sms";
}

export interface CustomerJob {
  id: string;
  workOrder: string;
  description: string;
  status: string;
  siteLabel: string | null;
  when: string | null;
  createdAt: string;
}

export interface CustomerDetail {
  id: string;
  version: number;
  name: string;
  email: string | null;
  phone: string | null;
  contract: boolean;
  slaPriority: number | null;
  responseMinutes: number | null;
  contractEndsOn: string | null;
  notes: string | null;
  preferredTechnicianId: string | null;
  sites: Site[];
  contacts: Contact[];
  jobs: CustomerJob[];
}

export const CUSTOMER_PAGE_SIZE = 25;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

function mapSiteSummary(r: Record<string, unknown>): SiteSummary {
  return {
    id: r.id as string,
    label: r.label as string,
    address: r.address as string,
    city: (r.city as string | null) ?? null,
    postalCode: (r.postal_code as string | null) ?? null,
    lat: Number(r.lat),
    lng: Number(r.lng),
    approximate: Boolean(r.approximate),
    isPrimary: Boolean(r.is_primary),
  };
}

/**
 * Customers whose name, phone, email or a site's address contains `q` (any case), by
 * name, one page at a time. The match runs in `search_customer_ids`, where its trigram
 * indexes work (under row-level security they could not), so it stays fast at 100,000
 * customers; paging fetches one row more than a page instead of counting.
 *
 * @example
 * await searchCustomers(tx, orgId, { q: "wacker" }) // { items: [{ name: "Willis Tower", sites: [{ address: "233 S Wacker Dr", … }] }], hasMore: false, … }
 */
export async function searchCustomers(
  tx: Queryable,
  orgId: string,
  options: { q?: string; page?: number; pageSize?: number } = {},
): Promise<CustomerPage> {
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const pageSize = Math.max(1, Math.min(100, Math.floor(options.pageSize ?? CUSTOMER_PAGE_SIZE)));
  // a control character (a pasted tab or line break) searches as a space: the search text keeps one field per line
  const q = options.q?.replace(/[\u0000-\u001f\u007f]/g, " ").trim() ?? "";
  const params: unknown[] = [orgId, pageSize + 1, (page - 1) * pageSize];
  let rows: Record<string, unknown>[];
  if (!q) {
    rows = await tx.query(
      `select c.id, c.name, c.phone, c.email, c.contract from public.customers c
        where c.org_id = $1 order by c.name, c.id limit $2 offset $3`,
      params,
    );
  } else {
    const digits = q.replace(/\D/g, "");
    // "312 555 0100" finds "+1 (312) 555-0100": compare digits when the query is mostly a number
    const byDigits = digits.length >= 4 && digits.length >= q.replace(/\s/g, "").length - 3;
    // the match runs in search_customer_ids (its trigram indexes work there, see its migrations);
    // the page's rows are read here by primary key, under row-level security like any other read
    rows = await tx.query(
      `select c.id, c.name, c.phone, c.email, c.contract from public.customers c
        where c.org_id = $1 and c.id = any (array(select h.id from public.search_customer_ids($1, $4, $5, $2, $3) h))
        order by c.name, c.id`,
      [...params, q, byDigits ? digits : null],
    );
  }
  const items = rows.slice(0, pageSize);
  const ids = items.map((r) => r.id as string);
  const siteRows = ids.length
    ? await tx.query<Record<string, unknown>>(
        `select s.id, s.customer_id, s.label, s.address, s.city, s.postal_code, s.lat, s.lng, s.approximate, s.is_primary
           from public.customer_sites s
          where s.customer_id = any($1::uuid[]) and s.active
          order by s.is_primary desc, s.label`,
        [ids],
      )
    : [];
  const sitesOf = new Map<string, SiteSummary[]>();
  for (const s of siteRows) {
    const list = sitesOf.get(s.customer_id as string) ?? [];
    if (list.length < 5) list.push(mapSiteSummary(s));
    sitesOf.set(s.customer_id as string, list);
  }
  return {
    items: items.map((r) => ({
      id: r.id as string,
      name: r.name as string,
      phone: (r.phone as string | null) ?? null,
      email: (r.email as string | null) ?? null,
      contract: Boolean(r.contract),
      sites: sitesOf.get(r.id as string) ?? [],
    })),
    page,
    pageSize,
    hasMore: rows.length > pageSize,
  };
}

/** A customer with sites, contacts, terms and the latest 50 jobs. */
export async function getCustomer(tx: Queryable, orgId: string, id: string): Promise<CustomerDetail | null> {
  const [c] = await tx.query<Record<string, unknown>>(
    `select id, version, name, email, phone, contract, sla_priority, response_minutes, to_char(contract_ends_on, 'YYYY-MM-DD') as contract_ends_on,
            notes, preferred_technician_id
       from public.customers where org_id = $1 and id = $2`,
    [orgId, id],
  );
  if (!c) return null;
  const [sites, contacts, jobs] = await Promise.all([
    tx.query<Record<string, unknown>>(
      `select id, version, label, address, city, region, postal_code, country, lat, lng, approximate, access_notes,
              preferred_technician_id, is_primary, active
         from public.customer_sites where customer_id = $1 order by is_primary desc, active desc, label`,
      [id],
    ),
    tx.query<Record<string, unknown>>("select id, name, role, email, phone, notify_by from public.customer_contacts where customer_id = $1 order by name", [id]),
    tx.query<Record<string, unknown>>(
      `select j.id, j.work_order, j.description, j.status, s.label as site_label, a.starts_at, j.window_start, j.created_at
         from public.jobs j
         left join public.customer_sites s on s.id = j.site_id
         left join public.assignments a on a.job_id = j.id and a.active
        where j.customer_id = $1
        order by j.created_at desc limit 50`,
      [id],
    ),
  ]);
  return {
    id: c.id as string,
    version: Number(c.version),
    name: c.name as string,
    email: (c.email as string | null) ?? null,
    phone: (c.phone as string | null) ?? null,
    contract: Boolean(c.contract),
    slaPriority: c.sla_priority == null ? null : Number(c.sla_priority),
    responseMinutes: c.response_minutes == null ? null : Number(c.response_minutes),
    contractEndsOn: (c.contract_ends_on as string | null) ?? null,
    notes: (c.notes as string | null) ?? null,
    preferredTechnicianId: (c.preferred_technician_id as string | null) ?? null,
    sites: sites.map((s) => ({
      ...mapSiteSummary(s),
      version: Number(s.version),
      region: (s.region as string | null) ?? null,
      country: s.country as string,
      accessNotes: (s.access_notes as string | null) ?? null,
      preferredTechnicianId: (s.preferred_technician_id as string | null) ?? null,
      active: Boolean(s.active),
    })),
    contacts: contacts.map((r) => ({
      id: r.id as string,
      name: r.name as string,
      role: (r.role as string | null) ?? null,
      email: (r.email as string | null) ?? null,
      phone: (r.phone as string | null) ?? null,
      notifyBy: r.notify_by as Contact["notifyBy"],
    })),
    jobs: jobs.map((j) => ({
      id: j.id as string,
      workOrder: j.work_order as string,
      description: j.description as string,
      status: j.status as string,
      siteLabel: (j.site_label as string | null) ?? null,
      when: j.starts_at ? iso(j.starts_at) : j.window_start ? iso(j.window_start) : null,
      createdAt: iso(j.created_at),
    })),
  };
}

export interface CustomerInput {
  name: string;
  email: string | null;
  phone: string | null;
  contract: boolean;
  slaPriority: number | null;
  responseMinutes: number | null;
  contractEndsOn: string | null;
  notes: string | null;
  preferredTechnicianId: string | null;
}

/**
 * A new customer with its first (primary) site, in one go — a first-time caller.
 *
 * @example
 * await createCustomerWithSite(tx, orgId, { name: "Lakeview Dental", phone: "+1 312 555 0101", email: null }, place)
 */
export async function createCustomerWithSite(
  tx: Queryable,
  orgId: string,
  customer: Pick<CustomerInput, "name" | "email" | "phone"> & Partial<CustomerInput>,
  place: ResolvedPlace,
  siteLabel = "Main site",
): Promise<{ customerId: string; siteId: string; site: SiteSummary }> {
  const [row] = await tx.query<{ id: string }>(
    `insert into public.customers (org_id, name, email, phone, address, city, lat, lng, contract, sla_priority, response_minutes, contract_ends_on, notes)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
    [
      orgId,
      customer.name,
      customer.email,
      customer.phone,
      place.address,
      place.city,
      place.lat,
      place.lng,
      customer.contract ?? false,
      customer.slaPriority ?? null,
      customer.responseMinutes ?? null,
      customer.contractEndsOn ?? null,
      customer.notes ?? null,
    ],
  );
  // the primary site came from the customers trigger; add what only a site holds
  const [site] = await tx.query<Record<string, unknown>>(
    `update public.customer_sites set label = $2, region = $3, postal_code = $4, country = $5, approximate = $6
      where customer_id = $1 and is_primary
      returning id, label, address, city, postal_code, lat, lng, approximate, is_primary`,
    [row.id, siteLabel, place.region, place.postalCode, place.country, place.approximate],
  );
  return { customerId: row.id, siteId: site.id as string, site: mapSiteSummary(site) };
}

/** Saves a customer seen at `version`; a newer change by someone else is a conflict. */
export async function updateCustomer(tx: Queryable, orgId: string, id: string, version: number, input: CustomerInput): Promise<{ id: string; version: number }> {
  const rows = await tx.query<{ version: number }>(
    `update public.customers set name = $4, email = $5, phone = $6, contract = $7, sla_priority = $8, response_minutes = $9,
            contract_ends_on = $10, notes = $11, preferred_technician_id = $12
      where org_id = $1 and id = $2 and version = $3 returning version`,
    [orgId, id, version, input.name, input.email, input.phone, input.contract, input.slaPriority, input.responseMinutes, input.contractEndsOn, input.notes, input.preferredTechnicianId],
  );
  if (rows.length === 0) await missingOrStale(tx, "customers", orgId, id, "customer");
  return { id, version: Number(rows[0].version) };
}

async function missingOrStale(tx: Queryable, table: string, orgId: string, id: string, what: string): Promise<never> {
  const [exists] = await tx.query(`select 1 from public.${table} where org_id = $1 and id = $2`, [orgId, id]);
  if (!exists) throw new ActionFailure("not_found", `That ${what} does not exist in your company.`);
  throw new ActionFailure("conflict", `Someone else changed this ${what} since you opened it. Reload to see their change, then edit again.`);
}

export interface SiteInput {
  label: string;
  accessNotes: string | null;
  preferredTechnicianId: string | null;
  primary: boolean;
  active: boolean;
  place: ResolvedPlace;
}

/** Adds a site to a customer, or changes one seen at `version`. A primary site's address is mirrored on the customer. */
export async function saveSite(
  tx: Queryable,
  orgId: string,
  customerId: string,
  site: { id?: string; version?: number } & SiteInput,
): Promise<{ id: string }> {
  const [customer] = await tx.query("select 1 from public.customers where org_id = $1 and id = $2 for update", [orgId, customerId]);
  if (!customer) throw new ActionFailure("not_found", "That customer does not exist in your company.");
  const [{ count }] = await tx.query<{ count: number }>("select count(*)::int as count from public.customer_sites where customer_id = $1 and is_primary", [customerId]);
  const primary = site.primary || Number(count) === 0;
  if (primary && !site.active) throw new ActionFailure("validation", "The primary site cannot be inactive: make another site primary first.", { active: ["Keep the primary site active."] });
  if (primary) await tx.query("update public.customer_sites set is_primary = false where customer_id = $1 and is_primary and id is distinct from $2", [customerId, site.id ?? null]);
  const p = site.place;
  let id = site.id;
  if (id) {
    const rows = await tx.query<{ id: string }>(
      `update public.customer_sites set label = $4, address = $5, city = $6, region = $7, postal_code = $8, country = $9, lat = $10, lng = $11,
              approximate = $12, access_notes = $13, preferred_technician_id = $14, is_primary = $15, active = $16
        where org_id = $1 and customer_id = $2 and id = $3 and version = $17 returning id`,
      [orgId, customerId, id, site.label, p.address, p.city, p.region, p.postalCode, p.country, p.lat, p.lng, p.approximate, site.accessNotes, site.preferredTechnicianId, primary, site.active, site.version ?? 0],
    );
    if (rows.length === 0) await missingOrStale(tx, "customer_sites", orgId, id, "site");
  } else {
    const [row] = await tx.query<{ id: string }>(
      `insert into public.customer_sites (org_id, customer_id, label, address, city, region, postal_code, country, lat, lng, approximate, access_notes, preferred_technician_id, is_primary, active)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning id`,
      [orgId, customerId, site.label, p.address, p.city, p.region, p.postalCode, p.country, p.lat, p.lng, p.approximate, site.accessNotes, site.preferredTechnicianId, primary, site.active],
    );
    id = row.id;
  }
  if (primary) {
    await tx.query(
      `update public.customers set address = $3, city = $4, lat = $5, lng = $6
        where org_id = $1 and id = $2 and (address, city, lat, lng) is distinct from ($3, $4, $5::double precision, $6::double precision)`,
      [orgId, customerId, p.address, p.city, p.lat, p.lng],
    );
  }
  return { id };
}

export async function addContact(tx: Queryable, orgId: string, customerId: string, c: Omit<Contact, "id">): Promise<{ id: string }> {
  const [customer] = await tx.query("select 1 from public.customers where org_id = $1 and id = $2", [orgId, customerId]);
  if (!customer) throw new ActionFailure("not_found", "That customer does not exist in your company.");
  const [row] = await tx.query<{ id: string }>(
    "insert into public.customer_contacts (org_id, customer_id, name, role, email, phone, notify_by) values ($1, $2, $3, $4, $5, $6, $7) returning id",
    [orgId, customerId, c.name, c.role, c.email, c.phone, c.notifyBy],
  );
  return row;
}

export async function removeContact(tx: Queryable, orgId: string, customerId: string, id: string): Promise<void> {
  const rows = await tx.query("delete from public.customer_contacts where org_id = $1 and customer_id = $2 and id = $3 returning id", [orgId, customerId, id]);
  if (rows.length === 0) throw new ActionFailure("not_found", "That contact no longer exists.");
}

/** A site of the company with its customer (for a job form that was handed a site id). */
export async function getSite(tx: Queryable, orgId: string, siteId: string): Promise<(SiteSummary & { customerId: string; customerName: string }) | null> {
  const [r] = await tx.query<Record<string, unknown>>(
    `select s.id, s.customer_id, c.name as customer_name, s.label, s.address, s.city, s.postal_code, s.lat, s.lng, s.approximate, s.is_primary
       from public.customer_sites s join public.customers c on c.id = s.customer_id
      where s.org_id = $1 and s.id = $2 and s.active`,
    [orgId, siteId],
  );
  return r ? { ...mapSiteSummary(r), customerId: r.customer_id as string, customerName: r.customer_name as string } : null;
}

/** A customer's address and point as the customer row holds them (its primary site), or null when not in the company. */
export async function getCustomerLocation(
  tx: Queryable,
  orgId: string,
  customerId: string,
): Promise<{ lat: number | null; lng: number | null; address: string | null; city: string | null } | null> {
  const [c] = await tx.query<{ lat: number | null; lng: number | null; address: string | null; city: string | null }>(
    "select lat, lng, address, city from public.customers where id = $1 and org_id = $2",
    [customerId, orgId],
  );
  return c ?? null;
}
