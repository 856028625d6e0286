// The records a company keeps in the app: customer sites and contacts, technician
// certifications, recurring series. Members read them; admins and dispatchers keep
// them; another company sees and touches none; every change is audited; stale saves
// are refused; the customer's primary site follows the customer's address.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db, Queryable } from "@/lib/db/client";
import { withService, withUser } from "@/lib/db/with-user";
import { createCustomerWithSite, getCustomer, saveSite, searchCustomers, updateCustomer } from "@/lib/db/customers";
import { createTechnician as createTechnicianRecord, getTechnician, listTechnicians, saveTimeOff, setTechnicianActive, updateTechnician, type TechnicianInput } from "@/lib/db/technicians";
import type { ResolvedPlace } from "@/lib/geo/resolve-place";
import { createBoard, failureOf, hex, insertRow, readAsService, rolledBack, testTargets, updateRows, deleteRows, type BoardFixture, type Row } from "./helpers";

const place = (address: string, lat = 41.9, lng = -87.65): ResolvedPlace => ({
  address,
  city: "Chicago",
  region: "IL",
  postalCode: "60606",
  country: "US",
  lat,
  lng,
  approximate: true,
});

const techInput = (name: string): TechnicianInput => ({
  name,
  email: null,
  phone: "+1 312 555 0100",
  skills: ["HVAC"],
  zones: ["Loop"],
  notes: null,
  home: place("1 Home St"),
  userId: null,
  shifts: [{ weekday: 1, start: "08:00", end: "16:30", breakStart: "12:00", breakMinutes: 30 }],
  certifications: [
    { name: "EPA-608", expiresOn: "2026-12-10" },
    { name: "Gas-Safe", expiresOn: "2026-11-01" },
  ],
});

interface RecordCase {
  table: string;
  existing: (f: Fixture) => Row;
  newRow: (f: Fixture) => Row;
  change: Row;
}

interface Fixture extends BoardFixture {
  siteId: string;
  contactId: string;
  certificationId: string;
  seriesId: string;
}

const CASES: RecordCase[] = [
  {
    table: "customer_sites",
    existing: (f) => ({ id: f.siteId }),
    newRow: (f) => ({ org_id: f.orgId, customer_id: f.customerId, label: `Dock ${hex()}`, address: "2 Dock Rd", lat: 41.8, lng: -87.7 }),
    change: { access_notes: "Ring twice" },
  },
  {
    table: "customer_contacts",
    existing: (f) => ({ id: f.contactId }),
    newRow: (f) => ({ org_id: f.orgId, customer_id: f.customerId, name: "Pat Facilities" }),
    change: { role: "Changed role" },
  },
  {
    table: "technician_certifications",
    existing: (f) => ({ id: f.certificationId }),
    newRow: (f) => ({ org_id: f.orgId, technician_id: f.spareTechnicianId, name: `Cert ${hex()}` }),
    change: { expires_on: "2030-01-01" },
  },
  {
    table: "job_series",
    existing: (f) => ({ id: f.seriesId }),
    newRow: (f) => ({
      org_id: f.orgId,
      customer_id: f.customerId,
      site_id: f.siteId,
      description: "Quarterly filter change",
      estimated_minutes: 60,
      frequency: "monthly",
      every: 3,
      starts_on: "2026-12-07",
    }),
    change: { every: 2 },
  },
];

async function fixture(db: Db): Promise<Fixture> {
  const board = await createBoard(db);
  return withService(db, async (tx) => {
    const [site] = await tx.query<{ id: string }>("select id from public.customer_sites where customer_id = $1 and is_primary", [board.customerId]);
    const [contact] = await tx.query<{ id: string }>(
      "insert into public.customer_contacts (org_id, customer_id, name, phone, notify_by) values ($1, $2, 'Dana Office', '+13125550100', 'sms') returning id",
      [board.orgId, board.customerId],
    );
    const [cert] = await tx.query<{ id: string }>(
      "insert into public.technician_certifications (org_id, technician_id, name, expires_on) values ($1, $2, 'EPA-608', '2027-06-30') returning id",
      [board.orgId, board.technicianId],
    );
    const [series] = await tx.query<{ id: string }>(
      `insert into public.job_series (org_id, customer_id, site_id, description, estimated_minutes, frequency, starts_on)
       values ($1, $2, $3, 'Monthly check', 45, 'monthly', '2026-12-01') returning id`,
      [board.orgId, board.customerId, site.id],
    );
    return { ...board, siteId: site.id, contactId: contact.id, certificationId: cert.id, seriesId: series.id };
  });
}

describe.each(testTargets())("records on $name", (target) => {
  let db: Db;
  let a: Fixture;
  let b: Fixture;
  beforeAll(async () => {
    db = await target.open();
    a = await fixture(db);
    b = await fixture(db);
  });
  afterAll(async () => db?.close());

  test("a customer written with coordinates gets a primary site, and its jobs at that point are linked to it", async () => {
    const [site] = await readAsService(db, "customer_sites", { id: a.siteId });
    expect(site).toMatchObject({ customer_id: a.customerId, is_primary: true, lat: 41.9, lng: -87.65 });
    const [job] = await readAsService(db, "jobs", { id: a.jobId });
    expect(job.site_id).toBe(a.siteId);
  });

  test.each(CASES.map((c) => [c.table, c] as const))("%s: every member reads their company's rows, another company none", async (_, c) => {
    for (const role of ["admin", "dispatcher", "technician", "viewer"] as const) {
      const rows = await withUser(db, a.users[role], (tx) => tx.query(`select id from public.${c.table} where id = $1`, [c.existing(a).id]));
      expect(rows).toHaveLength(1);
    }
    const seen = await withUser(db, b.users.admin, (tx) => tx.query<{ org_id: string }>(`select org_id from public.${c.table}`));
    expect(seen.every((r) => r.org_id === b.orgId)).toBe(true);
  });

  test.each(CASES.map((c) => [c.table, c] as const))("%s: admins and dispatchers add, change and remove, each audited", async (_, c) => {
    for (const role of ["admin", "dispatcher"] as const) {
      const trail = await rolledBack(db, a.users[role], async (tx) => {
        const [row] = await insertRow(tx, c.table, c.newRow(a));
        await updateRows(tx, c.table, { id: row.id }, c.change);
        await deleteRows(tx, c.table, { id: row.id });
        return tx.query<{ action: string; actor_id: string }>("select action, actor_id from public.audit_log where row_id = $1 order by id", [row.id]);
      });
      expect(trail).toEqual(["insert", "update", "delete"].map((action) => ({ action, actor_id: a.users[role].userId })));
    }
  });

  test.each(CASES.map((c) => [c.table, c] as const))("%s: technicians and viewers cannot write; another company's admin cannot either", async (_, c) => {
    for (const user of [a.users.technician, a.users.viewer, b.users.admin]) {
      const insert = await failureOf(withUser(db, user, (tx) => insertRow(tx, c.table, c.newRow(a), { returning: false })));
      expect(insert.message).toMatch(/row-level security/);
      expect(await withUser(db, user, (tx) => updateRows(tx, c.table, c.existing(a), c.change))).toEqual([]);
      expect(await withUser(db, user, (tx) => deleteRows(tx, c.table, c.existing(a)))).toEqual([]);
    }
    expect(await readAsService(db, c.table, c.existing(a))).toHaveLength(1);
  });

  test("a first-time caller: customer and site in one go, found again by name, phone digits or street", async () => {
    const name = `Lakeview Dental ${hex()}`;
    const created = await rolledBack(db, a.users.dispatcher, async (tx) => {
      const c = await createCustomerWithSite(tx, a.orgId, { name, phone: "+1 (312) 555-0142", email: null }, place(`${hex()} Wacker Dr`));
      const byName = await searchCustomers(tx, a.orgId, { q: name.slice(0, 14) });
      const byPhone = await searchCustomers(tx, a.orgId, { q: "312 555 0142" });
      const detail = await getCustomer(tx, a.orgId, c.customerId);
      const street = detail!.sites[0].address;
      const byStreet = await searchCustomers(tx, a.orgId, { q: street });
      const fromB = await searchCustomers(tx, b.orgId, { q: name });
      return { c, byName, byPhone, byStreet, detail, fromB };
    });
    expect(created.byName.items.map((i) => i.name)).toContain(name);
    expect(created.byPhone.items.map((i) => i.id)).toContain(created.c.customerId);
    expect(created.byStreet.items.map((i) => i.id)).toEqual([created.c.customerId]);
    expect(created.detail?.sites).toEqual([expect.objectContaining({ isPrimary: true, approximate: true, postalCode: "60606", region: "IL" })]);
    expect(created.fromB.items).toEqual([]);
  });

  test("a second site made primary moves the customer's address; a stale site or customer save is refused", async () => {
    const result = await rolledBack(db, a.users.dispatcher, async (tx) => {
      const detail = (await getCustomer(tx, a.orgId, a.customerId))!;
      const { id } = await saveSite(tx, a.orgId, a.customerId, { label: "Warehouse", accessNotes: "Dock 4", preferredTechnicianId: null, primary: true, active: true, place: place("900 W Fulton", 41.887, -87.65) });
      const [customer] = await tx.query<{ address: string; lat: number }>("select address, lat from public.customers where id = $1", [a.customerId]);
      const sites = (await getCustomer(tx, a.orgId, a.customerId))!.sites;
      const stale = await failureOf(
        saveSite(tx, a.orgId, a.customerId, { id: a.siteId, version: detail.sites[0].version, label: "Old", accessNotes: null, preferredTechnicianId: null, primary: false, active: true, place: place("1 Old St") }),
      );
      const staleCustomer = await failureOf(
        updateCustomer(tx, a.orgId, a.customerId, detail.version - 1 || 99, { ...detail, name: "Nope" }),
      );
      return { id, customer, sites, stale, staleCustomer };
    });
    expect(result.customer).toEqual({ address: "900 W Fulton", lat: 41.887 });
    expect(result.sites.filter((s) => s.isPrimary).map((s) => s.id)).toEqual([result.id]);
    // the first save bumped the old primary site's version (it stopped being primary)
    expect(result.stale.message).toMatch(/Someone else changed this site/);
    expect(result.staleCustomer.message).toMatch(/Someone else changed this customer/);
  });

  test("another company's customer cannot be read or given a site through the record functions", async () => {
    expect(await withUser(db, b.users.admin, (tx) => getCustomer(tx, b.orgId, a.customerId))).toBeNull();
    const refused = await failureOf(
      withUser(db, b.users.admin, (tx) => saveSite(tx, b.orgId, a.customerId, { label: "Sneaky", accessNotes: null, preferredTechnicianId: null, primary: false, active: true, place: place("1 Nope") })),
    );
    expect(refused.message).toBe("That customer does not exist in your company.");
  });

  test("a technician with shifts, breaks and certifications: expired ones stop counting; stale saves are refused", async () => {
    const out = await rolledBack(db, a.users.dispatcher, async (tx: Queryable) => {
      const { id } = await createTechnicianRecord(tx, a.orgId, techInput(`Rae ${hex()}`));
      const list = await listTechnicians(tx, a.orgId, { skill: "gas-safe", state: "all" }, "2026-12-01");
      const all = await listTechnicians(tx, a.orgId, { zone: "loop" }, "2026-12-01");
      const detail = (await getTechnician(tx, a.orgId, id, new Date("2026-12-01T14:00:00Z")))!;
      const saved = await updateTechnician(tx, a.orgId, id, detail.version, { ...techInput(detail.name), zones: ["North"] });
      const stale = await failureOf(updateTechnician(tx, a.orgId, id, detail.version, techInput(detail.name)));
      return { id, list, all, detail, saved, stale };
    });
    const mine = out.all.find((t) => t.id === out.id)!;
    expect(mine.skills).toEqual(["HVAC", "EPA-608"]);
    expect(mine.certificationWarnings).toEqual(["EPA-608 expires in 9 days (2026-12-10)", "Gas-Safe expired on 2026-11-01 and no longer counts"]);
    expect(out.list.map((t) => t.id)).toContain(out.id);
    expect(out.detail.shifts).toEqual([{ weekday: 1, start: "08:00", end: "16:30", breakStart: "12:00", breakMinutes: 30 }]);
    expect(out.saved.version).toBe(out.detail.version + 1);
    expect(out.stale.message).toMatch(/Someone else changed this technician/);
  });

  test("a break outside the shift is refused by the database", async () => {
    const refused = await failureOf(
      rolledBack(db, a.users.admin, (tx) =>
        tx.query("insert into public.technician_shifts (org_id, technician_id, weekday, starts_at, ends_at, break_starts_at, break_minutes) values ($1, $2, 7, '08:00', '12:00', '11:45', 30)", [a.orgId, a.spareTechnicianId]),
      ),
    );
    expect(refused.message).toMatch(/technician_shifts_break_inside/);
  });

  test("time off lists the visits it collides with; deactivating lists the upcoming work to move", async () => {
    const [assignment] = await readAsService(db, "assignments", { id: a.assignmentId });
    const out = await rolledBack(db, a.users.dispatcher, async (tx) => {
      const off = await saveTimeOff(tx, a.orgId, { technicianId: a.technicianId, start: new Date(assignment.starts_at as Date).toISOString(), end: new Date(assignment.ends_at as Date).toISOString(), reason: "Dentist" });
      const [{ version }] = await tx.query<{ version: number }>("select version from public.technicians where id = $1", [a.technicianId]);
      const gone = await setTechnicianActive(tx, a.orgId, a.technicianId, version, false, new Date(new Date(assignment.starts_at as Date).getTime() - 3_600_000));
      return { off, gone };
    });
    expect(out.off.collisions.map((v) => [v.workOrder, v.role])).toEqual([[a.workOrder, "leader"]]);
    expect(out.gone.upcoming.map((v) => v.workOrder)).toEqual([a.workOrder]);
    const other = await failureOf(withUser(db, b.users.dispatcher, (tx) => saveTimeOff(tx, b.orgId, { technicianId: a.technicianId, start: "2026-12-01T10:00:00Z", end: "2026-12-01T11:00:00Z", reason: null })));
    expect(other.message).toBe("That technician does not exist in your company.");
  });
});
