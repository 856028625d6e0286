// Customer and job search (lib/db/customers.ts, lib/db/jobs-search.ts) through the
// search functions of 20261202000000_record_search_by_index.sql: what a dispatcher
// types finds the record; another company's record with the same words never
// appears; the functions give a non-member nothing; LIKE's wildcards are plain text.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { searchCustomers } from "@/lib/db/customers";
import { searchJobs } from "@/lib/db/jobs-search";
import { withService, withUser } from "@/lib/db/with-user";
import { asSignedOut, createCompany, failureOf, hex, testTargets, type CompanyFixture } from "./helpers";

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
});
