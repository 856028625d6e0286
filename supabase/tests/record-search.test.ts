// Customer and job search (lib/db/customers.ts, lib/db/jobs-search.ts) through the
// search functions (20261202000000_record_search_by_index.sql, 20261203000000_record_search_terms.sql):
// what a dispatcher types finds the record in any case; what is searched follows every
// change to a customer or a site; another company's record with the same words never
// appears; the functions give a non-member nothing; LIKE's wildcards are plain text; a
// date range finds a job by its visit, its requested window or the day it was entered.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { saveSite, searchCustomers, updateCustomer, getCustomer } from "@/lib/db/customers";
import { searchJobs } from "@/lib/db/jobs-search";
import { withService, withUser } from "@/lib/db/with-user";
import { asSignedOut, createAssignment, createCompany, createTechnician, failureOf, hex, testTargets, type CompanyFixture } from "./helpers";

describe.each(testTargets())("record search on $name", (target) => {
  let db: Db;
  let a: CompanyFixture;
  let b: CompanyFixture;
  // words unique to this run, so other tests' rows never match
  const word = `Quill${hex(3)}`;
  const street = `${hex(2)} Larch${hex(2)} Ave`;
  const ids: Record<string, string> = {};

  async function customer(org: CompanyFixture, key: string, name: string, phone: string | null, email: string | null, address: string) {
    const [c] = await withService(db, (tx) =>
      tx.query<{ id: string }>(
        "insert into public.customers (org_id, name, phone, email, address, city, lat, lng) values ($1, $2, $3, $4, $5, 'Chicago', 41.9, -87.65) returning id",
        [org.orgId, name, phone, email, address],
      ),
    );
    ids[key] = c.id;
    const [j] = await withService(db, (tx) =>
      tx.query<{ id: string }>(
        "insert into public.jobs (org_id, work_order, customer_id, estimated_minutes, address, lat, lng) values ($1, $2, $3, 60, $4, 41.9, -87.65) returning id",
        [org.orgId, `${key.toUpperCase()}-${word}`, c.id, address],
      ),
    );
    ids[`job:${key}`] = j.id;
  }

  beforeAll(async () => {
    db = await target.open();
    a = await createCompany(db, { name: "Alpha Search" });
    b = await createCompany(db, { name: "Bravo Search" });
    await customer(a, "a1", `${word} Dental`, "+1 (312) 555-0142", `office@${word.toLowerCase()}.test`, `10 ${street}`);
    await customer(a, "a2", `${word} Bakery`, "+1 312 555 0199", null, "5 Other St");
    await customer(a, "a3", `Percent 100% ${word}`, null, null, "7 Other St");
    // company B: the same words everywhere
    await customer(b, "b1", `${word} Dental`, "+1 (312) 555-0142", `office@${word.toLowerCase()}.test`, `10 ${street}`);
  });
  afterAll(async () => {
    await db?.close();
  });

  const find = (q: string, options: { page?: number; pageSize?: number } = {}) =>
    withUser(db, a.users.dispatcher, (tx) => searchCustomers(tx, a.orgId, { q, ...options }));

  test.each([
    ["a name", () => `${word} dental`, ["a1"]],
    ["part of a name, by name", () => word.toLowerCase(), ["a3", "a2", "a1"]],
    ["phone digits typed with spaces", () => "312 555 0142", ["a1"]],
    ["the last digits", () => "0199", ["a2"]],
    ["an email", () => `office@${word}`, ["a1"]],
    ["a site's street", () => street, ["a1"]],
    ["a literal percent sign", () => `100% ${word}`, ["a3"]],
    ["a name in capitals", () => `${word.toUpperCase()} DENTAL`, ["a1"]],
    ["a street in other case", () => street.toLowerCase(), ["a1"]],
    ["an email in capitals", () => `OFFICE@${word.toUpperCase()}`, ["a1"]],
    ["a name with a tab pasted in", () => `${word}\tdental`, ["a1"]],
  ])("finds a customer by %s, never company B's", async (_, q, keys) => {
    const page = await find(q());
    expect(page.items.map((i) => i.id)).toEqual(keys.map((k) => ids[k]));
    expect(page.items.map((i) => i.id)).not.toContain(ids.b1);
  });

  test("a wildcard alone matches nothing special", async () => {
    const page = await find(`${word}_`);
    expect(page.items).toEqual([]);
  });

  test("pages one row at a time with hasMore, and the sites come along", async () => {
    const first = await find(word, { pageSize: 2 });
    const second = await find(word, { page: 2, pageSize: 2 });
    expect(first.items.map((i) => i.id)).toEqual([ids.a3, ids.a2]);
    expect(first.hasMore).toBe(true);
    expect(second.items.map((i) => i.id)).toEqual([ids.a1]);
    expect(second.hasMore).toBe(false);
    expect(second.items[0].sites[0]).toMatchObject({ address: `10 ${street}`, isPrimary: true });
  });

  test("company B's dispatcher finds only B's customer; a viewer of A finds A's", async () => {
    const fromB = await withUser(db, b.users.dispatcher, (tx) => searchCustomers(tx, b.orgId, { q: `${word} Dental` }));
    expect(fromB.items.map((i) => i.id)).toEqual([ids.b1]);
    const viewer = await withUser(db, a.users.viewer, (tx) => searchCustomers(tx, a.orgId, { q: `${word} Dental` }));
    expect(viewer.items.map((i) => i.id)).toEqual([ids.a1]);
  });

  test("asking for another company's records gives nothing, by the page or by the functions", async () => {
    const page = await withUser(db, a.users.admin, (tx) => searchCustomers(tx, b.orgId, { q: `${word} Dental` }));
    expect(page.items).toEqual([]);
    const jobs = await withUser(db, a.users.admin, (tx) => searchJobs(tx, b.orgId, "America/Chicago", { q: word }));
    expect(jobs.items).toEqual([]);
    const direct = await withUser(db, a.users.admin, async (tx) => ({
      customers: await tx.query("select * from public.search_customer_ids($1, $2, null, 50, 0)", [b.orgId, word]),
      jobs: await tx.query("select * from public.search_job_ids($1, $2)", [b.orgId, word]),
    }));
    expect(direct).toEqual({ customers: [], jobs: [] });
  });

  test("the search functions refuse the anonymous role and give a signed-out request nothing", async () => {
    const refused = await failureOf(
      db.transaction(async (tx) => {
        await tx.query("set local role anon");
        return tx.query("select * from public.search_job_ids($1, $2)", [a.orgId, word]);
      }),
    );
    expect(refused.message).toMatch(/permission denied/);
    const signedOut = await asSignedOut(db, (tx) => tx.query("select * from public.search_customer_ids($1, $2, null, 50, 0)", [a.orgId, word]));
    expect(signedOut).toEqual([]);
  });

  test.each([
    ["its work order", () => `A2-${word}`, ["a2"]],
    ["its customer's name", () => `${word} dental`, ["a1"]],
    ["its address", () => street, ["a1"]],
    ["a word every job shares", () => word, ["a3", "a2", "a1"]],
  ])("finds a job by %s, never company B's", async (_, q, keys) => {
    const page = await withUser(db, a.users.dispatcher, (tx) => searchJobs(tx, a.orgId, "America/Chicago", { q: q() }));
    expect(page.items.map((i) => i.id).sort()).toEqual(keys.map((k) => ids[`job:${k}`]).sort());
    expect(page.items.map((i) => i.id)).not.toContain(ids["job:b1"]);
  });

  test("a job search with a status filter keeps both conditions", async () => {
    await withService(db, (tx) => tx.query("update public.jobs set status = 'cancelled' where id = $1", [ids["job:a2"]]));
    const page = await withUser(db, a.users.dispatcher, (tx) => searchJobs(tx, a.orgId, "America/Chicago", { q: word, status: ["cancelled"] }));
    expect(page.items.map((i) => i.id)).toEqual([ids["job:a2"]]);
  });
  test("a name, phone, email or site changed is found by its new words only; a site closed or a customer removed is not found", async () => {
    const old = `Osprey${hex(3)}`;
    const renamed = `Plover${hex(3)}`;
    const [c] = await withService(db, (tx) =>
      tx.query<{ id: string }>(
        "insert into public.customers (org_id, name, phone, email, address, city, lat, lng) values ($1, $2, '+1 312 555 0000', null, $3, 'Chicago', 41.9, -87.65) returning id",
        [a.orgId, `${old} Hotel`, `1 ${old} Way`],
      ),
    );
    const names = async (q: string) => (await find(q)).items.map((i) => i.name);
    expect(await names(`${old} way`)).toEqual([`${old} Hotel`]);
    await withUser(db, a.users.dispatcher, async (tx) => {
      const detail = (await getCustomer(tx, a.orgId, c.id))!;
      await updateCustomer(tx, a.orgId, c.id, detail.version, { ...detail, name: `${renamed} Hotel`, email: `desk@${renamed}.test`, phone: "+1 (773) 555-7171" });
    });
    expect(await names(`${old} hotel`)).toEqual([]);
    expect(await names(`${renamed} hotel`)).toEqual([`${renamed} Hotel`]);
    expect(await names(`desk@${renamed}`)).toEqual([`${renamed} Hotel`]);
    expect(await names("773 555 7171")).toEqual([`${renamed} Hotel`]);
    // the site still finds the customer, under its new name
    expect(await names(`${old} way`)).toEqual([`${renamed} Hotel`]);

    const place = (address: string) => ({ address, city: "Chicago", region: "IL", postalCode: "60601", country: "US", lat: 41.9, lng: -87.65, approximate: false });
    const { id: siteId } = await withUser(db, a.users.dispatcher, (tx) =>
      saveSite(tx, a.orgId, c.id, { label: "Annex", accessNotes: null, preferredTechnicianId: null, primary: false, active: true, place: place(`2 ${old} Annex Rd`) }),
    );
    expect(await names(`${old} annex`)).toEqual([`${renamed} Hotel`]);
    // each change is made as the office makes it, at the version last read
    const changeAnnex = async (address: string, active: boolean) => {
      const detail = await withUser(db, a.users.dispatcher, (tx) => getCustomer(tx, a.orgId, c.id));
      const version = detail!.sites.find((site) => site.id === siteId)!.version;
      await withUser(db, a.users.dispatcher, (tx) =>
        saveSite(tx, a.orgId, c.id, { id: siteId, version, label: "Annex", accessNotes: null, preferredTechnicianId: null, primary: false, active, place: place(address) }),
      );
    };
    await changeAnnex(`3 ${renamed} Annex Rd`, true);
    expect(await names(`${old} annex`)).toEqual([]);
    expect(await names(`${renamed} annex`)).toEqual([`${renamed} Hotel`]);
    await changeAnnex(`3 ${renamed} Annex Rd`, false);
    expect(await names(`${renamed} annex`)).toEqual([]);
    await changeAnnex(`3 ${renamed} Annex Rd`, true);
    expect(await names(`${renamed} annex`)).toEqual([`${renamed} Hotel`]);

    await withService(db, (tx) => tx.query("delete from public.customers where id = $1", [c.id]));
    expect(await names(renamed)).toEqual([]);
    expect(await names(old)).toEqual([]);
  });

  test("customers added in one statement (as an import adds them) are found by name and street at once", async () => {
    const batch = `Heron${hex(3)}`;
    await withService(db, (tx) =>
      tx.query(
        `insert into public.customers (org_id, name, phone, address, city, lat, lng)
         select $1, $2 || ' Shop ' || i, '+1 312 555 ' || lpad(i::text, 4, '0'), i || ' ' || $2 || ' St', 'Chicago', 41.9, -87.65 from generate_series(1, 30) i`,
        [a.orgId, batch],
      ),
    );
    const byName = await find(`${batch} shop`, { pageSize: 100 });
    expect(byName.items).toHaveLength(30);
    expect(byName.items.map((i) => i.name)).toEqual([...byName.items.map((i) => i.name)].sort());
    const byStreet = await find(`17 ${batch} st`);
    expect(byStreet.items.map((i) => i.name)).toEqual([`${batch} Shop 17`]);
  });

  test("a job found by its own words and by its customer's name is listed once", async () => {
    const both = `Tern${hex(3)}`;
    const [c] = await withService(db, (tx) =>
      tx.query<{ id: string }>("insert into public.customers (org_id, name, lat, lng) values ($1, $2, 41.9, -87.65) returning id", [a.orgId, `${both} Foods`]),
    );
    await withService(db, (tx) =>
      tx.query("insert into public.jobs (org_id, work_order, customer_id, estimated_minutes, address, lat, lng) values ($1, $2, $3, 60, $4, 41.9, -87.65)", [
        a.orgId,
        `${both}-1`,
        c.id,
        `9 ${both} Ave`,
      ]),
    );
    const page = await withUser(db, a.users.dispatcher, (tx) => searchJobs(tx, a.orgId, "America/Chicago", { q: both.toUpperCase() }));
    expect(page.items.map((i) => i.workOrder)).toEqual([`${both}-1`]);
  });

  test("a date range finds a job by its visit, its requested window or the day it was entered, newest first, page by page", async () => {
    const tag = `Wren${hex(3)}`;
    const tech = await createTechnician(db, a.orgId, { name: `Tech ${tag}` });
    const [c] = await withService(db, (tx) =>
      tx.query<{ id: string }>("insert into public.customers (org_id, name, lat, lng) values ($1, $2, 41.9, -87.65) returning id", [a.orgId, `${tag} Dairy`]),
    );
    // created_at, window_start, the visit: only one of them in 2025-03-10..2025-03-12 (Chicago) for each job "in"
    const job = async (key: string, createdAt: string, windowStart: string | null) => {
      const [j] = await withService(db, (tx) =>
        tx.query<{ id: string }>(
          `insert into public.jobs (org_id, work_order, customer_id, estimated_minutes, lat, lng, created_at, window_start, window_end)
           values ($1, $2, $3, 60, 41.9, -87.65, $4, $5, $5::timestamptz + interval '4 hours') returning id`,
          [a.orgId, `${tag}-${key}`, c.id, createdAt, windowStart],
        ),
      );
      return j.id;
    };
    await job("entered", "2025-03-11T15:00:00Z", null);
    await job("window", "2025-01-05T15:00:00Z", "2025-03-12T14:00:00Z");
    const visited = await job("visit", "2025-01-04T15:00:00Z", null);
    await createAssignment(db, a.orgId, visited, tech.id, { startsAt: "2025-03-10T15:00:00Z", endsAt: "2025-03-10T16:00:00Z" });
    await job("entered-late", "2025-03-12T23:30:00Z", null); // 17:30 in Chicago on the 12th: in
    await job("before", "2025-03-10T04:00:00Z", "2025-03-09T15:00:00Z"); // 22:00 on the 9th in Chicago: out
    const outVisit = await job("after", "2025-01-03T15:00:00Z", "2025-03-20T15:00:00Z");
    await createAssignment(db, a.orgId, outVisit, tech.id, { startsAt: "2025-03-13T15:00:00Z", endsAt: "2025-03-13T16:00:00Z" });

    const list = async (filter: Parameters<typeof searchJobs>[3], page = 1, pageSize = 50) =>
      withUser(db, a.users.dispatcher, (tx) => searchJobs(tx, a.orgId, "America/Chicago", { from: "2025-03-10", to: "2025-03-12", ...filter }, { page, pageSize }));
    const newestFirst = [`${tag}-entered-late`, `${tag}-entered`, `${tag}-window`, `${tag}-visit`];
    const all = await list({ customerId: c.id });
    expect(all.items.map((i) => i.workOrder)).toEqual(newestFirst);
    expect(all.items.find((i) => i.workOrder === `${tag}-visit`)).toMatchObject({ technicianName: `Tech ${tag}`, start: "2025-03-10T15:00:00.000Z" });
    // paging two at a time crosses the three ways into the range
    const first = await list({ customerId: c.id }, 1, 2);
    const second = await list({ customerId: c.id }, 2, 2);
    const third = await list({ customerId: c.id }, 3, 2);
    expect([first.hasMore, second.hasMore, third.items.length]).toEqual([true, false, 0]);
    expect([...first.items, ...second.items].map((i) => i.workOrder)).toEqual(newestFirst);
    // with words, a technician, only a start or only an end
    expect((await list({ q: tag.toLowerCase() })).items.map((i) => i.workOrder)).toEqual(newestFirst);
    expect((await list({ q: tag, technicianId: tech.id })).items.map((i) => i.workOrder)).toEqual([`${tag}-visit`]);
    expect((await list({ q: tag, from: "2025-03-13", to: undefined })).items.map((i) => i.workOrder)).toEqual([`${tag}-after`]);
    // up to the 9th: the job entered late that evening, and the ones entered in January
    expect((await list({ q: tag, from: undefined, to: "2025-03-09" })).items.map((i) => i.workOrder)).toEqual([`${tag}-before`, `${tag}-window`, `${tag}-visit`, `${tag}-after`]);
  });
});
