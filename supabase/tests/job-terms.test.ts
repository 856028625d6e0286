// A rule's response time, or the customer's own contract terms, becomes a new job's
// deadline with the reason kept on the job; what the dispatcher gave is kept; terms of
// an ended contract and another company's rules do not count.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db, Queryable } from "@/lib/db/client";
import { withUser } from "@/lib/db/with-user";
import { createJob } from "@/lib/db/dispatch";
import { createBoard, failureOf, hex, rolledBack, testTargets, type BoardFixture } from "./helpers";

const NOW = new Date("2026-12-02T15:00:00Z");

describe.each(testTargets())("new jobs take their deadline from the rules on $name", (target) => {
  let db: Db;
  let a: BoardFixture;
  let b: BoardFixture;
  beforeAll(async () => {
    db = await target.open();
    a = await createBoard(db);
    b = await createBoard(db);
  });
  afterAll(async () => db?.close());

  const actor = (f: BoardFixture) => ({ userId: f.users.dispatcher.userId, name: "Dispatcher", orgId: f.orgId });
  const addRule = (tx: Queryable, orgId: string, name: string, word: string, minutes: number, position = 5) =>
    tx.query(
      "insert into public.service_rules (org_id, name, match_kind, match_value, response_minutes, position) values ($1, $2, 'keyword', $3, $4, $5)",
      [orgId, name, word, minutes, position],
    );
  const make = (tx: Queryable, f: BoardFixture, description: string, extra: { deadline?: string } = {}) =>
    createJob(tx, actor(f), { customerId: f.customerId, description, autoDispatch: false, ...extra }, NOW);
  const stored = async (tx: Queryable, id: string) => {
    const [r] = await tx.query<{ deadline: Date | null; deadline_reason: string | null }>("select deadline, deadline_reason from public.jobs where id = $1", [id]);
    return { deadline: r.deadline ? new Date(r.deadline).toISOString() : null, reason: r.deadline_reason };
  };

  test("the first matching rule with a response time sets the deadline, in words", async () => {
    const word = `leak${hex()}`;
    const out = await rolledBack(db, a.users.admin, async (tx) => {
      await addRule(tx, a.orgId, "Water calls", word, 240);
      await addRule(tx, a.orgId, "Slower", word, 2880, 9);
      const created = await make(tx, a, `Ceiling ${word} in the lobby`);
      const plain = await make(tx, a, "Annual check");
      return { created, job: await stored(tx, created.job.id), plain: await stored(tx, plain.job.id) };
    });
    expect(out.job).toEqual({ deadline: "2026-12-02T19:00:00.000Z", reason: `rule Water calls: the job mentions “${word}”, respond within 4 h` });
    expect(out.created.job.deadline).toBe("2026-12-02T19:00:00.000Z");
    expect(out.created.job.deadlineReason).toBe(out.job.reason);
    expect(out.plain).toEqual({ deadline: null, reason: null });
  });

  test("the customer's own terms come first; an ended contract's terms do not count", async () => {
    const word = `leak${hex()}`;
    const out = await rolledBack(db, a.users.admin, async (tx) => {
      await addRule(tx, a.orgId, "Water calls", word, 240);
      const [c] = await tx.query<{ name: string }>("update public.customers set response_minutes = 90, contract_ends_on = '2027-06-30' where id = $1 returning name", [a.customerId]);
      const terms = await stored(tx, (await make(tx, a, `Ceiling ${word}`)).job.id);
      await tx.query("update public.customers set contract_ends_on = '2026-11-30' where id = $1", [a.customerId]);
      const ended = await stored(tx, (await make(tx, a, `Ceiling ${word}`)).job.id);
      return { name: c.name, terms, ended };
    });
    expect(out.terms).toEqual({ deadline: "2026-12-02T16:30:00.000Z", reason: `${out.name}'s contract terms: respond within 1 h 30 min` });
    expect(out.ended.reason).toBe(`rule Water calls: the job mentions “${word}”, respond within 4 h`);
  });

  test("a deadline the dispatcher gave is kept, with no rule named", async () => {
    const word = `leak${hex()}`;
    const out = await rolledBack(db, a.users.admin, async (tx) => {
      await addRule(tx, a.orgId, "Water calls", word, 240);
      return stored(tx, (await make(tx, a, `Ceiling ${word}`, { deadline: "2026-12-03T17:00:00.000Z" })).job.id);
    });
    expect(out).toEqual({ deadline: "2026-12-03T17:00:00.000Z", reason: null });
  });

  test("another company's rule does not reach this company's jobs; another company's customer is refused", async () => {
    const word = `leak${hex()}`;
    await withUser(db, b.users.admin, (tx) => addRule(tx, b.orgId, "Theirs", word, 60));
    const out = await rolledBack(db, a.users.admin, async (tx) => stored(tx, (await make(tx, a, `Ceiling ${word}`)).job.id));
    expect(out).toEqual({ deadline: null, reason: null });
    const refused = await failureOf(withUser(db, a.users.dispatcher, (tx) => createJob(tx, actor(a), { customerId: b.customerId, description: "x", autoDispatch: false }, NOW)));
    expect(refused.message).toBe("That customer does not exist in your company.");
  });
});
