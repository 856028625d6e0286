// service_rules: members read their company's rules, only admins write them,
// nobody sees or touches another company's, and every change is audited.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { withService, withUser } from "@/lib/db/with-user";
import { createCompany, failureOf, insertRow, readAsService, rolledBack, testTargets, updateRows, deleteRows, type CompanyFixture } from "./helpers";

const rule = (orgId: string, name = "Contracts are protected") => ({
  org_id: orgId,
  name,
  match_kind: "contract_customer",
  set_sla_protected: true,
  position: 1,
});

describe.each(testTargets())("service_rules on $name", (target) => {
  let db: Db;
  let a: CompanyFixture;
  let b: CompanyFixture;
  let ruleId: string;
  beforeAll(async () => {
    db = await target.open();
    a = await createCompany(db);
    b = await createCompany(db);
    const [row] = await withUser(db, a.users.admin, (tx) => insertRow(tx, "service_rules", rule(a.orgId)));
    ruleId = row.id as string;
  });
  afterAll(async () => db?.close());

  test("every member of the company reads the rules; another company's people see none", async () => {
    for (const role of ["admin", "dispatcher", "technician", "viewer"] as const) {
      const rows = await withUser(db, a.users[role], (tx) => tx.query("select id from public.service_rules where org_id = $1", [a.orgId]));
      expect(rows.map((r) => (r as { id: string }).id)).toEqual([ruleId]);
    }
    expect(await withUser(db, b.users.admin, (tx) => tx.query("select id from public.service_rules"))).toEqual([]);
  });

  test("an admin adds, changes and removes rules, each audited with who did it", async () => {
    const trail = await rolledBack(db, a.users.admin, async (tx) => {
      const [row] = await insertRow(tx, "service_rules", rule(a.orgId, "No heat first"));
      await updateRows(tx, "service_rules", { id: row.id }, { set_priority: 1 });
      await deleteRows(tx, "service_rules", { id: row.id });
      return tx.query<{ action: string; actor_id: string }>(
        "select action, actor_id from public.audit_log where table_name = 'service_rules' and row_id = $1 order by id",
        [row.id],
      );
    });
    expect(trail).toEqual(["insert", "update", "delete"].map((action) => ({ action, actor_id: a.users.admin.userId })));
  });

  test.each(["dispatcher", "technician", "viewer"] as const)("a %s cannot add, change or remove rules", async (role) => {
    const user = a.users[role];
    const insert = await failureOf(withUser(db, user, (tx) => insertRow(tx, "service_rules", rule(a.orgId, `By ${role}`), { returning: false })));
    expect(insert.message).toMatch(/row-level security/);
    expect(await withUser(db, user, (tx) => updateRows(tx, "service_rules", { id: ruleId }, { active: false }, { returning: false }))).toEqual([]);
    await withUser(db, user, (tx) => deleteRows(tx, "service_rules", { id: ruleId }, { returning: false }));
    expect(await readAsService(db, "service_rules", { id: ruleId })).toEqual([expect.objectContaining({ active: true })]);
  });

  test("another company's admin cannot add rules to this company or change its rules", async () => {
    const insert = await failureOf(withUser(db, b.users.admin, (tx) => insertRow(tx, "service_rules", rule(a.orgId, "Intruder"), { returning: false })));
    expect(insert.message).toMatch(/row-level security/);
    await withUser(db, b.users.admin, (tx) => updateRows(tx, "service_rules", { id: ruleId }, { set_priority: 4 }, { returning: false }));
    expect(await readAsService(db, "service_rules", { id: ruleId })).toEqual([expect.objectContaining({ set_priority: null })]);
  });

  test.each<[Record<string, unknown>, string]>([
    [{ match_kind: "keyword", match_value: null }, "a keyword rule without a keyword"],
    [{ set_sla_protected: null, set_priority: null }, "a rule that sets nothing"],
    [{ set_priority: 5 }, "a priority outside 1–4"],
    [{ match_kind: "weather" }, "an unknown match kind"],
  ])("the database refuses %j (%s)", async (change) => {
    const err = await failureOf(withService(db, (tx) => insertRow(tx, "service_rules", { ...rule(a.orgId, `Bad ${Math.random()}`), ...change })));
    expect(err.code).toBe("23514");
  });

  test("rule names are unique per company, not across companies", async () => {
    const err = await failureOf(withService(db, (tx) => insertRow(tx, "service_rules", rule(a.orgId))));
    expect(err.code).toBe("23505");
    await withUser(db, b.users.admin, (tx) => insertRow(tx, "service_rules", rule(b.orgId)));
  });
});
