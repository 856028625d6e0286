// Row-level security: what a person must NOT be able to do, table by table.
// Company A ("Alpha") is the victim, company B ("Bravo") the intruder; refused
// writes are committed, then A's rows are re-read as the service role.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db, Queryable } from "@/lib/db/client";
import { withService, withUser, type Role } from "@/lib/db/with-user";
import {
  BOARD_TABLES,
  COMPANY_TABLES,
  asSignedOut,
  createBoard,
  deleteRows,
  failureOf,
  insertRow,
  readAsService,
  rolledBack,
  selectRows,
  tableCase,
  testTargets,
  updateRows,
  type BoardFixture,
  type Row,
  type TableCase,
  type TestUser,
} from "./helpers";

const RLS_REFUSAL = /new row violates row-level security policy/;
/** Refusals are tested without RETURNING, so the SELECT policy cannot mask a broken write policy. */
const NO_RETURNING = { returning: false };
const NO_PRIVILEGE = /permission denied for table/;

type Op = "insert" | "update" | "delete";

/** Writes that authenticated users hold no privilege for at all: refused before any policy. */
const NOT_GRANTED: Record<string, Op[]> = {
  audit_log: ["insert", "update", "delete"],
  notifications: ["update", "delete"],
  board_changes: ["delete"],
  day_optimisations: ["delete"],
  publications: ["update", "delete"],
  job_offers: ["delete"],
  urgent_requests: ["delete"],
};
const granted = (table: string, op: Op) => !NOT_GRANTED[table]?.includes(op);

/** What a refused update or delete looks like: no row touched, or no privilege at all. */
async function outcomeOf(p: Promise<Row[]>): Promise<{ rows: number } | { refused: string }> {
  try {
    return { rows: (await p).length };
  } catch (err) {
    return { refused: String((err as Error).message) };
  }
}

function expectNothingTouched(table: string, op: Op, outcome: { rows: number } | { refused: string }) {
  if (granted(table, op)) expect(outcome).toEqual({ rows: 0 });
  else expect(outcome).toEqual({ refused: expect.stringMatching(NO_PRIVILEGE) });
}

const named = (cases: TableCase[]) => cases.map((t) => [t.table, t] as const);

async function countOf(tx: Queryable | Db, table: string): Promise<number> {
  const [row] = await tx.query<{ n: number }>(`select count(*)::int as n from public.${table}`);
  return row.n;
}

describe.each(testTargets())("row-level security on $name", (target) => {
  let db: Db;
  let a: BoardFixture;
  let b: BoardFixture;

  beforeAll(async () => {
    db = await target.open();
    a = await createBoard(db, { name: "Alpha Heating" });
    b = await createBoard(db, { name: "Bravo Plumbing" });
  });
  afterAll(async () => {
    await db?.close();
  });

  describe("an admin of company B against company A", () => {
    test.each(named(COMPANY_TABLES))("%s: A's rows are invisible to B (and visible to A's admin)", async (_, t) => {
      const asOwner = await withUser(db, a.users.admin, (tx) => selectRows(tx, t.table, t.existing(a)));
      const asIntruder = await withUser(db, b.users.admin, (tx) => selectRows(tx, t.table, t.existing(a)));
      expect(asOwner.length).toBeGreaterThan(0);
      expect(asIntruder).toEqual([]);
    });

    test.each(named(COMPANY_TABLES))("%s: a full read by B returns only B's rows", async (_, t) => {
      const rows = await withUser(db, b.users.admin, (tx) => tx.query<Row>(`select * from public.${t.table}`));
      const bUserIds = Object.values(b.users).map((u) => u.userId);
      const foreign = rows.filter((r) =>
        t.table === "companies" ? r.id !== b.orgId : t.table === "profiles" ? !bUserIds.includes(r.id as string) : r.org_id !== b.orgId,
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(foreign).toEqual([]);
    });

    test.each(named(COMPANY_TABLES))("%s: B cannot insert a row into A", async (_, t) => {
      const attempted = t.newRow(a);
      const before = await readAsService(db, t.table, attempted);
      const err = await failureOf(withUser(db, b.users.admin, (tx) => insertRow(tx, t.table, attempted, NO_RETURNING)));
      expect(err.message).toMatch(granted(t.table, "insert") ? RLS_REFUSAL : NO_PRIVILEGE);
      expect(await readAsService(db, t.table, attempted)).toEqual(before);
    });

    test.each(named(COMPANY_TABLES))("%s: B cannot update A's rows", async (_, t) => {
      const before = await readAsService(db, t.table, t.existing(a));
      const outcome = await outcomeOf(withUser(db, b.users.admin, (tx) => updateRows(tx, t.table, t.existing(a), t.change(a))));
      expectNothingTouched(t.table, "update", outcome);
      expect(before.length).toBeGreaterThan(0);
      expect(await readAsService(db, t.table, t.existing(a))).toEqual(before);
    });

    test.each(named(COMPANY_TABLES))("%s: B cannot delete A's rows", async (_, t) => {
      const before = await readAsService(db, t.table, t.existing(a));
      const outcome = await outcomeOf(withUser(db, b.users.admin, (tx) => deleteRows(tx, t.table, t.existing(a))));
      expectNothingTouched(t.table, "delete", outcome);
      expect(before.length).toBeGreaterThan(0);
      expect(await readAsService(db, t.table, t.existing(a))).toEqual(before);
    });

    // A WHERE clause makes Postgres apply the SELECT policy too, so the targeted tests
    // above would pass even with an UPDATE or DELETE policy of `using (true)`. A blanket
    // statement is judged by the write policy alone. It runs rolled back, and checks
    // A's rows as the service role inside the same transaction.
    test.each(named(COMPANY_TABLES))("%s: a blanket update by B leaves A's rows alone", async (_, t) => {
      const before = await readAsService(db, t.table, t.existing(a));
      const ownRow = t.table === "profiles" ? { id: b.users.admin.userId } : t.existing(b);
      const ownBefore = await readAsService(db, t.table, ownRow);
      const attempt = rolledBack(db, b.users.admin, async (tx) => {
        await updateRows(tx, t.table, null, t.change(b), NO_RETURNING);
        await tx.query("set local role service_role");
        return { theirs: await selectRows(tx, t.table, t.existing(a)), mine: await selectRows(tx, t.table, ownRow) };
      });
      if (!granted(t.table, "update")) {
        expect((await failureOf(attempt)).message).toMatch(NO_PRIVILEGE);
        return;
      }
      const { theirs, mine } = await attempt;
      expect(theirs).toEqual(before);
      expect(mine).not.toEqual(ownBefore); // the statement did change B's own row
    });

    // Deleting everything of a table first needs its dependants gone (restricting keys).
    const DELETE_ORDER = [
      "assignment_helpers",
      "assignments",
      "time_off",
      "technician_shifts",
      "jobs",
      "customers",
      "technicians",
      "profiles",
      "companies",
      // last: without their membership B's admin would no longer be an admin above
      "memberships",
    ];
    const NO_DELETE_POLICY = ["profiles", "companies"];

    test.each(DELETE_ORDER)("%s: a blanket delete by B leaves A's rows alone", async (table) => {
      const t = tableCase(table);
      const before = await readAsService(db, table, t.existing(a));
      if (table === "memberships") {
        // a company keeps its last admin: B cannot empty its own memberships at all
        const err = await failureOf(rolledBack(db, b.users.admin, (tx) => deleteRows(tx, table, null, NO_RETURNING)));
        expect(err.message).toContain("a company needs at least one admin");
        expect(await readAsService(db, table, t.existing(a))).toEqual(before);
        return;
      }
      const { theirs, mine } = await rolledBack(db, b.users.admin, async (tx) => {
        for (const dependant of DELETE_ORDER.slice(0, DELETE_ORDER.indexOf(table))) {
          await deleteRows(tx, dependant, null, NO_RETURNING);
        }
        await deleteRows(tx, table, null, NO_RETURNING);
        await tx.query("set local role service_role");
        return { theirs: await selectRows(tx, table, t.existing(a)), mine: await selectRows(tx, table, t.existing(b)) };
      });
      expect(before.length).toBeGreaterThan(0);
      expect(theirs).toEqual(before);
      // B's admin may clear B's own board and memberships, but not profiles or the company
      expect(mine.length).toBe(NO_DELETE_POLICY.includes(table) ? 1 : 0);
    });

    // Blanket again: with a WHERE, the SELECT policy would refuse the moved row by itself.
    test.each(named([...BOARD_TABLES, tableCase("memberships")]))("%s: B cannot move its own rows into A", async (_, t) => {
      const err = await failureOf(
        rolledBack(db, b.users.admin, (tx) => updateRows(tx, t.table, null, { org_id: a.orgId }, NO_RETURNING)),
      );
      // moving B's last admin away is refused by that rule before the policy is checked
      expect(err.message).toMatch(t.table === "memberships" ? /row-level security|at least one admin/ : RLS_REFUSAL);
    });

    test("B's admin cannot move a non-admin membership of B into A", async () => {
      const err = await failureOf(
        rolledBack(db, b.users.admin, (tx) => updateRows(tx, "memberships", { id: b.membershipIds.viewer }, { org_id: a.orgId }, NO_RETURNING)),
      );
      expect(err.message).toMatch(RLS_REFUSAL);
    });

    test("B's admin cannot make themselves an admin of A", async () => {
      const mine = { org_id: a.orgId, user_id: b.users.admin.userId };
      const err = await failureOf(
        withUser(db, b.users.admin, (tx) => insertRow(tx, "memberships", { ...mine, role: "admin" }, NO_RETURNING)),
      );
      expect(err.message).toMatch(RLS_REFUSAL);
      expect(await readAsService(db, "memberships", mine)).toEqual([]);
      // and still sees nothing of A afterwards
      expect(await withUser(db, b.users.admin, (tx) => selectRows(tx, "jobs", { org_id: a.orgId }))).toEqual([]);
    });
  });

  describe.each(["viewer", "technician"] as const)("a %s of company A", (role) => {
    const user = (): TestUser => a.users[role];

    test.each(named(BOARD_TABLES))("reads the board's %s", async (_, t) => {
      const rows = await withUser(db, user(), (tx) => selectRows(tx, t.table, t.existing(a)));
      expect(rows).toHaveLength(1);
    });

    test.each(named(BOARD_TABLES))("cannot add %s", async (_, t) => {
      const attempted = t.newRow(a);
      const err = await failureOf(withUser(db, user(), (tx) => insertRow(tx, t.table, attempted, NO_RETURNING)));
      expect(err.message).toMatch(RLS_REFUSAL);
      expect(await readAsService(db, t.table, attempted)).toEqual([]);
    });

    test.each(named(BOARD_TABLES))("cannot change %s", async (_, t) => {
      const before = await readAsService(db, t.table, t.existing(a));
      const outcome = await outcomeOf(withUser(db, user(), (tx) => updateRows(tx, t.table, t.existing(a), t.change(a))));
      // the technician leads this visit: they may report on it, and are told that is all
      if (role === "technician" && ["jobs", "assignments"].includes(t.table)) {
        expect(outcome).toEqual({ refused: expect.stringMatching(/a technician can only report on a visit/) });
      } else {
        expect(outcome).toEqual({ rows: 0 });
      }
      expect(await readAsService(db, t.table, t.existing(a))).toEqual(before);
    });

    test.each(named(BOARD_TABLES))("cannot remove %s", async (_, t) => {
      const removed = await withUser(db, user(), (tx) => deleteRows(tx, t.table, t.existing(a)));
      expect(removed).toHaveLength(0);
      expect(await readAsService(db, t.table, t.existing(a))).toHaveLength(1);
    });
  });

  describe.each(["dispatcher", "admin"] as const)("a %s of company A", (role) => {
    test.each(named(BOARD_TABLES))("adds, removes and changes %s", async (_, t) => {
      const counts = await rolledBack(db, a.users[role], async (tx) => {
        const inserted = await insertRow(tx, t.table, t.newRow(a));
        const removed = await deleteRows(tx, t.table, t.key(inserted[0]));
        const changed = await updateRows(tx, t.table, t.existing(a), t.change(a));
        return { inserted: inserted.length, removed: removed.length, changed: changed.length };
      });
      expect(counts).toEqual({ inserted: 1, removed: 1, changed: 1 });
    });
  });

  describe("company settings and memberships", () => {
    const roles: Role[] = ["admin", "dispatcher", "technician", "viewer"];
    const onlyAdmin = roles.map((r) => [r, r === "admin"] as const);

    test.each(onlyAdmin)("a %s may change company settings: %s", async (role, allowed) => {
      const companies = tableCase("companies");
      if (allowed) {
        const changed = await rolledBack(db, a.users[role], (tx) => updateRows(tx, "companies", { id: a.orgId }, companies.change(a)));
        expect(changed).toHaveLength(1);
      } else {
        const before = await readAsService(db, "companies", { id: a.orgId });
        const changed = await withUser(db, a.users[role], (tx) => updateRows(tx, "companies", { id: a.orgId }, companies.change(a)));
        expect(changed).toHaveLength(0);
        expect(await readAsService(db, "companies", { id: a.orgId })).toEqual(before);
      }
    });

    test.each(onlyAdmin)("a %s may add, change and remove members: %s", async (role, allowed) => {
      const m = tableCase("memberships");
      const newcomer = m.newRow(a);
      if (allowed) {
        const counts = await rolledBack(db, a.users[role], async (tx) => ({
          added: (await insertRow(tx, "memberships", newcomer)).length,
          changed: (await updateRows(tx, "memberships", m.existing(a), { role: "dispatcher" })).length,
          removed: (await deleteRows(tx, "memberships", m.existing(a))).length,
        }));
        expect(counts).toEqual({ added: 1, changed: 1, removed: 1 });
      } else {
        const before = await readAsService(db, "memberships", { org_id: a.orgId });
        const err = await failureOf(withUser(db, a.users[role], (tx) => insertRow(tx, "memberships", newcomer, NO_RETURNING)));
        expect(err.message).toMatch(RLS_REFUSAL);
        const changed = await withUser(db, a.users[role], (tx) => updateRows(tx, "memberships", m.existing(a), { role: "admin" }));
        const removed = await withUser(db, a.users[role], (tx) => deleteRows(tx, "memberships", m.existing(a)));
        expect({ changed: changed.length, removed: removed.length }).toEqual({ changed: 0, removed: 0 });
        expect(await readAsService(db, "memberships", { org_id: a.orgId })).toEqual(before);
      }
    });

    test("nobody can create a company", async () => {
      const err = await failureOf(
        withUser(db, a.users.admin, (tx) => insertRow(tx, "companies", { name: "Side Co", slug: "side-co" }, NO_RETURNING)),
      );
      expect(err.message).toMatch(RLS_REFUSAL);
    });

    test.each(roles)("a %s can rename themselves but not a colleague", async (role) => {
      const colleague = role === "viewer" ? a.users.admin : a.users.viewer;
      const own = await rolledBack(db, a.users[role], (tx) =>
        updateRows(tx, "profiles", { id: a.users[role].userId }, { full_name: "New Name" }),
      );
      expect(own).toHaveLength(1);
      const before = await readAsService(db, "profiles", { id: colleague.userId });
      const theirs = await withUser(db, a.users[role], (tx) =>
        updateRows(tx, "profiles", { id: colleague.userId }, { full_name: "Renamed By Colleague" }),
      );
      expect(theirs).toHaveLength(0);
      expect(await readAsService(db, "profiles", { id: colleague.userId })).toEqual(before);
    });
  });

  describe("audit trail and outbox", () => {
    const readers = [
      ["admin", true],
      ["dispatcher", true],
      ["technician", false],
      ["viewer", false],
    ] as const;

    test.each(readers)("a %s reads the company's audit trail: %s", async (role, allowed) => {
      const rows = await withUser(db, a.users[role], (tx) => selectRows(tx, "audit_log", { org_id: a.orgId }));
      if (allowed) expect(rows.length).toBeGreaterThan(0);
      else expect(rows).toEqual([]);
    });

    test.each(readers.map(([r]) => r))("a %s cannot write an audit row", async (role) => {
      const before = await readAsService(db, "audit_log", { org_id: a.orgId });
      const err = await failureOf(
        withUser(db, a.users[role], (tx) => insertRow(tx, "audit_log", tableCase("audit_log").newRow(a), NO_RETURNING)),
      );
      expect(err.message).toMatch(NO_PRIVILEGE);
      expect(await readAsService(db, "audit_log", { org_id: a.orgId })).toEqual(before);
    });

    test.each(readers)("a %s sees and queues notices: %s", async (role, allowed) => {
      const notices = tableCase("notifications");
      const seen = await withUser(db, a.users[role], (tx) => selectRows(tx, "notifications", notices.existing(a)));
      if (allowed) {
        expect(seen).toHaveLength(1);
        const queued = await rolledBack(db, a.users[role], (tx) => insertRow(tx, "notifications", notices.newRow(a)));
        expect(queued).toHaveLength(1);
      } else {
        expect(seen).toEqual([]);
        const attempted = notices.newRow(a);
        const err = await failureOf(withUser(db, a.users[role], (tx) => insertRow(tx, "notifications", attempted, NO_RETURNING)));
        expect(err.message).toMatch(RLS_REFUSAL);
        expect(await readAsService(db, "notifications", attempted)).toEqual([]);
      }
    });
  });

  describe("a signed-out session (role authenticated, no claims)", () => {
    test.each(named(COMPANY_TABLES))("%s: sees nothing", async (_, t) => {
      const total = await withService(db, (tx) => countOf(tx, t.table));
      const seen = await asSignedOut(db, (tx) => countOf(tx, t.table));
      expect(total).toBeGreaterThan(0);
      expect(seen).toBe(0);
    });

    test("cannot add a job", async () => {
      const attempted = tableCase("jobs").newRow(a);
      const err = await failureOf(asSignedOut(db, (tx) => insertRow(tx, "jobs", attempted, NO_RETURNING)));
      expect(err.message).toMatch(RLS_REFUSAL);
      expect(await readAsService(db, "jobs", attempted)).toEqual([]);
    });
  });
});
