/**
 * Customers from a file, set-based: every customer of the company is read once,
 * each row is matched and compared in memory (external id, else email, else name
 * and address), and the differences are written with a few bulk statements.
 * Unchanged customers are not written at all, so a re-import adds no audit rows.
 */
import { randomUUID } from "node:crypto";
import type { Queryable } from "@/lib/db/client";
import { RowProblem, diff, emptyRun, type Run, type TechnicianDirectory } from "@/lib/db/import-common";
import type { CustomerCsvRow } from "@/lib/csv/customers-csv";
import type { CsvError } from "@/lib/csv/csv-core";

/** A customer's fields as the table holds them. */
export interface CustomerValues {
  name: string;
  email: string | null;
  external_id: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  lat: number | null;
  lng: number | null;
  contract: boolean;
  preferred_technician_id: string | null;
}

export interface StoredCustomer extends CustomerValues {
  id: string;
  /** When it last changed: an update applies only if nobody changed it since it was read. */
  updated_at: string;
}

export interface CustomerWrite {
  row: number;
  id: string;
  after: CustomerValues;
  /** For updates: the customer as read (to check nobody changed it, and to undo). */
  before: StoredCustomer | null;
}

export interface CustomerPlan {
  run: Run;
  /** Creates first, then updates. */
  writes: CustomerWrite[];
}

const FIELDS = ["name", "email", "external_id", "phone", "address", "city", "lat", "lng", "contract", "preferred_technician_id"] as const;

/** Every customer of the company, read in one statement. */
export async function loadCustomers(tx: Queryable, orgId: string): Promise<StoredCustomer[]> {
  const [{ j }] = await tx.query<{ j: string }>(
    `select coalesce(json_agg(json_build_object(
        'id', id, 'name', name, 'email', email, 'external_id', external_id, 'phone', phone, 'address', address, 'city', city,
        'lat', lat, 'lng', lng, 'contract', contract, 'preferred_technician_id', preferred_technician_id, 'updated_at', updated_at)), '[]')::text as j
       from public.customers where org_id = $1`,
    [orgId],
  );
  return JSON.parse(j) as StoredCustomer[];
}

// postgres.js mistypes arrays of booleans: they travel as text and are cast in SQL
const param = (v: unknown) => (typeof v === "boolean" ? String(v) : v);
const lower = (s: string | null | undefined) => (s ?? "").trim().toLowerCase();

/** The company's customers indexed the ways a file names them. */
class CustomerIndex {
  readonly byExternal = new Map<string, StoredCustomer>();
  readonly byEmail = new Map<string, StoredCustomer>();
  readonly byName = new Map<string, StoredCustomer[]>();
  constructor(stored: readonly StoredCustomer[]) {
    for (const c of stored) {
      if (c.external_id) this.byExternal.set(c.external_id, c);
      if (c.email) this.byEmail.set(c.email.toLowerCase(), c);
      this.byName.set(lower(c.name), [...(this.byName.get(lower(c.name)) ?? []), c]);
    }
  }

  /** The customer a row describes, or null for a new one. */
  match(r: CustomerCsvRow): StoredCustomer | null {
    if (r.externalId) {
      const byExternal = this.byExternal.get(r.externalId);
      if (byExternal) return byExternal;
    }
    if (r.email) {
      const byEmail = this.byEmail.get(r.email.toLowerCase());
      if (byEmail) {
        if (r.externalId && byEmail.external_id && byEmail.external_id !== r.externalId) {
          throw new RowProblem("external_id", `the customer with email ${r.email} has the external id ${byEmail.external_id}, not ${r.externalId}`);
        }
        return byEmail;
      }
    }
    // by name and address (name alone when the file has no address column); a row
    // with an email or external id only claims a customer who has none yet
    const byName = (this.byName.get(lower(r.name)) ?? []).filter(
      (c) =>
        (r.address === undefined || lower(c.address) === lower(r.address)) &&
        (!r.email || c.email === null) &&
        (!r.externalId || c.external_id === null),
    );
    if (byName.length > 1) {
      throw new RowProblem("name", `${byName.length} customers are named ${r.name}${r.address ? ` at ${r.address}` : ""}; add their email or address to tell them apart`);
    }
    return byName[0] ?? null;
  }
}

/**
 * Matches and compares every row (pure, in memory): what to create, what to update,
 * what is unchanged, and each row's problem.
 */
export function planCustomers(stored: readonly StoredCustomer[], rows: readonly CustomerCsvRow[], technicians: TechnicianDirectory): CustomerPlan {
  const run = emptyRun(["customers"]);
  const index = new CustomerIndex(stored);
  const claimed = new Map<string, number>();
  const emailOwner = new Map(stored.filter((c) => c.email).map((c) => [c.email!.toLowerCase(), c.id]));
  const externalOwner = new Map(stored.filter((c) => c.external_id).map((c) => [c.external_id!, c.id]));
  const creates: CustomerWrite[] = [];
  const updates: CustomerWrite[] = [];
  for (const r of rows) {
    try {
      const preferred =
        r.preferredTechnician === undefined ? undefined : r.preferredTechnician === null ? null : technicians.find(r.preferredTechnician, "preferred_technician").id;
      const found = index.match(r);
      if (found) {
        const earlier = claimed.get(found.id);
        if (earlier !== undefined) throw new RowProblem("name", `describes the same customer as row ${earlier} (${found.name})`);
        claimed.set(found.id, r.row);
      }
      const id = found?.id ?? randomUUID();
      // an email or external id may belong to one customer only
      if (r.email && (emailOwner.get(r.email.toLowerCase()) ?? id) !== id) throw new RowProblem("email", `another customer of your company already has the email ${r.email}`);
      if (r.externalId && (externalOwner.get(r.externalId) ?? id) !== id) throw new RowProblem("external_id", `another customer of your company already has the external id ${r.externalId}`);
      const fromFile: Partial<CustomerValues> = {
        name: r.name,
        email: r.email,
        external_id: r.externalId,
        phone: r.phone,
        address: r.address,
        city: r.city,
        lat: r.location === undefined ? undefined : (r.location?.lat ?? null),
        lng: r.location === undefined ? undefined : (r.location?.lng ?? null),
        contract: r.contract,
        preferred_technician_id: preferred,
      };
      if (!found) {
        const after: CustomerValues = {
          name: r.name,
          email: r.email ?? null,
          external_id: r.externalId ?? null,
          phone: r.phone ?? null,
          address: r.address ?? null,
          city: r.city ?? null,
          lat: r.location?.lat ?? null,
          lng: r.location?.lng ?? null,
          contract: r.contract ?? false,
          preferred_technician_id: preferred ?? null,
        };
        creates.push({ row: r.row, id, after, before: null });
        run.counts.customers.created += 1;
        continue;
      }
      const changes = diff({ ...found }, { ...fromFile });
      if (Object.keys(changes).length === 0) {
        run.counts.customers.unchanged += 1;
        continue;
      }
      const after = Object.fromEntries(FIELDS.map((f) => [f, f in changes ? changes[f] : found[f]])) as unknown as CustomerValues;
      updates.push({ row: r.row, id, after, before: found });
      run.counts.customers.updated += 1;
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err;
      run.errors.push({ row: r.row, column: err.column, message: err.message });
    }
  }
  return { run, writes: [...creates, ...updates] };
}

const COLUMNS = `name, email, external_id, phone, address, city, lat, lng, contract, preferred_technician_id`;
const UNNEST = `unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::float8[], $10::float8[], $11::text[]::boolean[], $12::uuid[])`;

function columnsOf(writes: readonly { id: string; after: CustomerValues }[]): unknown[] {
  return [
    writes.map((w) => w.id),
    ...FIELDS.map((f) => writes.map((w) => param(w.after[f]))),
  ];
}

/**
 * Writes a slice of the plan with one insert and one update. Returns the rows that
 * someone else changed meanwhile (a customer added with the same email, or edited
 * since it was read): the caller refuses the whole import then.
 */
export async function writeCustomers(tx: Queryable, orgId: string, writes: readonly CustomerWrite[]): Promise<CsvError[]> {
  const problems: CsvError[] = [];
  const creates = writes.filter((w) => !w.before);
  const updates = writes.filter((w) => w.before);
  if (creates.length > 0) {
    const inserted = await tx.query<{ id: string }>(
      `insert into public.customers (org_id, id, ${COLUMNS}) select $1, * from ${UNNEST} on conflict do nothing returning id`,
      [orgId, ...columnsOf(creates)],
    );
    const ok = new Set(inserted.map((r) => r.id));
    for (const w of creates) {
      if (!ok.has(w.id)) problems.push({ row: w.row, column: w.after.external_id ? "external_id" : "email", message: "a customer with this email or external id was added by someone else while the file was imported" });
    }
  }
  if (updates.length > 0) {
    const updated = await tx.query<{ id: string }>(
      `update public.customers c
          set ${FIELDS.map((f) => `${f} = u.${f}`).join(", ")}
         from ${UNNEST.replace("$2::uuid[],", "$2::uuid[], $13::timestamptz[],")} as u(id, seen, ${COLUMNS})
        where c.org_id = $1 and c.id = u.id and c.updated_at = u.seen
        returning c.id`,
      [orgId, ...columnsOf(updates), updates.map((w) => w.before!.updated_at)],
    );
    const ok = new Set(updated.map((r) => r.id));
    for (const w of updates) {
      if (!ok.has(w.id)) problems.push({ row: w.row, column: null, message: `${w.before!.name} was changed by someone else while the file was imported` });
    }
  }
  return problems;
}

/** Puts a slice of written customers back as they were: created ones removed, updated ones restored. */
export async function undoCustomers(tx: Queryable, orgId: string, writes: readonly CustomerWrite[]): Promise<void> {
  const created = writes.filter((w) => !w.before).map((w) => w.id);
  if (created.length > 0) await tx.query("delete from public.customers where org_id = $1 and id = any($2::uuid[])", [orgId, created]);
  const restored = writes.filter((w) => w.before).map((w) => ({ id: w.id, after: w.before! }));
  if (restored.length > 0) {
    await tx.query(
      `update public.customers c set ${FIELDS.map((f) => `${f} = u.${f}`).join(", ")}
         from ${UNNEST} as u(id, ${COLUMNS}) where c.org_id = $1 and c.id = u.id`,
      [orgId, ...columnsOf(restored)],
    );
  }
}
