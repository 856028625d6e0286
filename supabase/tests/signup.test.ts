import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { openPostgres } from "@/lib/db/client";
import { createCompanyWithAdmin, hasNoCompany, type NewCompany } from "@/lib/db/signup";
import { loadSessionContext } from "@/lib/db/accounts";
import { withService, withUser } from "@/lib/db/with-user";
import { createServerDatabase, dropServerDatabase } from "./global-setup";
import { hex, openTemplatePglite } from "./helpers";

const never = async () => false;
const company = (over: Partial<NewCompany> = {}): NewCompany => ({
  companyName: `Fjord Heating ${hex()}`,
  timeZone: "Europe/Oslo",
  fullName: "Ada Berg",
  email: `ada-${hex()}@fjord.example`,
  ...over,
});

describe("first run on an empty database", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTemplatePglite();
  });
  afterAll(() => db.close());

  test("the first company gets its admin; after it the page is closed", async () => {
    expect(await hasNoCompany(db)).toBe(true);
    const first = await createCompanyWithAdmin(db, company({ companyName: "Fjord Heating" }), "scrypt$x", { onlyIfEmpty: true, existingPasswordOk: never });
    expect(first).toMatchObject({ ok: true, slug: "fjord-heating" });
    expect(await hasNoCompany(db)).toBe(false);
    if (!first.ok) return;
    const session = await loadSessionContext(db, first.userId, first.orgId);
    expect(session?.user.role).toBe("admin");
    expect(session?.company).toMatchObject({ name: "Fjord Heating", timeZone: "Europe/Oslo" });

    const second = await createCompanyWithAdmin(db, company(), "scrypt$x", { onlyIfEmpty: true, existingPasswordOk: never });
    expect(second).toEqual({ ok: false, code: "closed" });
    const [{ count }] = await withService(db, (tx) => tx.query<{ count: number }>("select count(*)::int as count from public.companies"));
    expect(count).toBe(1);
  });

  test("the audit trail records the new admin creating the company and the membership", async () => {
    const created = await createCompanyWithAdmin(db, company(), "scrypt$x", { onlyIfEmpty: false, existingPasswordOk: never });
    if (!created.ok) throw new Error("expected a company");
    const rows = await withUser(db, { userId: created.userId, email: "", orgId: created.orgId }, (tx) =>
      tx.query<{ table_name: string; actor_id: string }>("select table_name, actor_id from public.audit_log where org_id = $1 order by id", [created.orgId]),
    );
    expect(rows).toEqual([
      { table_name: "companies", actor_id: created.userId },
      { table_name: "memberships", actor_id: created.userId },
    ]);
  });
});

describe("open sign-up (several companies)", () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTemplatePglite();
  });
  afterAll(() => db.close());

  test("two companies with the same name get different slugs and see only themselves", async () => {
    const a = await createCompanyWithAdmin(db, company({ companyName: "Same Name Plumbing" }), "scrypt$x", { onlyIfEmpty: false, existingPasswordOk: never });
    const b = await createCompanyWithAdmin(db, company({ companyName: "Same Name Plumbing" }), "scrypt$x", { onlyIfEmpty: false, existingPasswordOk: never });
    if (!a.ok || !b.ok) throw new Error("expected two companies");
    expect(a.slug).toBe("same-name-plumbing");
    expect(b.slug).toMatch(/^same-name-plumbing-[0-9a-f]{6}$/);
    const seen = await withUser(db, { userId: a.userId, email: "", orgId: a.orgId }, (tx) => tx.query<{ id: string }>("select id from public.companies"));
    expect(seen.map((r) => r.id)).toEqual([a.orgId]);
  });

  test("an address that has an account joins only with that account's password", async () => {
    const email = `owner-${hex()}@example.test`;
    const first = await createCompanyWithAdmin(db, company({ email }), "scrypt$stored", { onlyIfEmpty: false, existingPasswordOk: never });
    if (!first.ok) throw new Error("expected a company");
    const refused = await createCompanyWithAdmin(db, company({ email: email.toUpperCase() }), "scrypt$other", { onlyIfEmpty: false, existingPasswordOk: never });
    expect(refused).toEqual({ ok: false, code: "existing_account" });
    const checked: (string | null)[] = [];
    const joined = await createCompanyWithAdmin(db, company({ email }), "scrypt$other", {
      onlyIfEmpty: false,
      existingPasswordOk: async (stored) => {
        checked.push(stored);
        return true;
      },
    });
    expect(checked).toEqual(["scrypt$stored"]);
    expect(joined).toMatchObject({ ok: true, userId: first.userId });
    const [{ hash }] = await withService(db, (tx) => tx.query<{ hash: string }>("select encrypted_password as hash from auth.users where id = $1", [first.userId]));
    expect(hash).toBe("scrypt$stored");
  });
});

const adminUrl = process.env.TEST_DATABASE_URL;
describe.runIf(Boolean(adminUrl))("first run on a Postgres server, two people at the same moment", () => {
  let url = "";
  let db: Db;
  beforeAll(async () => {
    url = await createServerDatabase(adminUrl ?? "", "crewboard_signup");
    db = await openPostgres(url, { max: 6 });
    await migrate(db);
  });
  afterAll(async () => {
    await db.close();
    await dropServerDatabase(adminUrl ?? "", url);
  });

  test("exactly one company is created", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => createCompanyWithAdmin(db, company(), "scrypt$x", { onlyIfEmpty: true, existingPasswordOk: never })),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.code === "closed")).toBe(true);
  });
});
