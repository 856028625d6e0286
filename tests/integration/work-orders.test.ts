// Work-order numbers come from a sequence per company: other numbering schemes in
// the company's jobs never break it, numbers typed by hand are skipped, two new
// jobs at the same moment never share one (nor wait for each other), and another
// company's numbering is its own.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { withService, withUser } from "@/lib/db/with-user";
import { createJob } from "@/lib/db/dispatch";
import { failureOf, testTargets } from "@/supabase/tests/helpers";
import { NINE_AM, createTestBoard, type TestBoard } from "@/tests/integration/board-fixture";

describe.each(testTargets())("work-order numbers on $name", (target) => {
  let db: Db;
  let b: TestBoard;
  beforeEach(async () => {
    db = await target.open();
    b = await createTestBoard(db);
  });
  afterEach(async () => db?.close());

  const create = () =>
    withUser(db, b.dispatcher, (tx) =>
      createJob(tx, b.dispatcher, { customerId: b.customers.reachable, description: "Filter change", date: "2026-11-23", autoDispatch: false }, NINE_AM),
    ).then((r) => r.job.workOrder);
  const addJob = (workOrder: string) =>
    withService(db, (tx) =>
      tx.query(
        `insert into public.jobs (org_id, work_order, customer_id, description, priority, estimated_minutes, lat, lng)
         values ($1, $2, $3, 'Imported', 3, 60, 41.88, -87.63)`,
        [b.orgId, workOrder, b.customers.reachable],
      ),
    );

  test("a job numbered PO-20261122000123 does not break numbering", async () => {
    await addJob("PO-20261122000123");
    await addJob("20261122000124");
    expect(await create()).toBe("WO-1001");
    expect(await create()).toBe("WO-1002");
  });

  test("numbers already taken by hand or by an import are skipped", async () => {
    expect(await create()).toBe("WO-1001");
    await addJob("WO-1002");
    await addJob("WO-1003");
    await addJob("WO-0999999999999999999");
    expect(await create()).toBe("WO-1004");
    expect(await create()).toBe("WO-1005");
  });

  test("new jobs created at the same moment get different numbers", async () => {
    const numbers = await Promise.all(Array.from({ length: 6 }, () => create()));
    expect(new Set(numbers).size).toBe(6);
    expect([...numbers].sort()).toEqual(["WO-1001", "WO-1002", "WO-1003", "WO-1004", "WO-1005", "WO-1006"]);
  });

  test("each company counts for itself; a viewer cannot take a number, nobody can move the numbering by hand", async () => {
    const other = await createTestBoard(db);
    expect(await create()).toBe("WO-1001");
    const theirs = await withUser(db, other.dispatcher, (tx) =>
      createJob(tx, other.dispatcher, { customerId: other.customers.reachable, description: "x", date: "2026-11-23", autoDispatch: false }, NINE_AM),
    );
    expect(theirs.job.workOrder).toBe("WO-1001");
    expect(await create()).toBe("WO-1002");
    // a viewer may not add jobs, so may not take a number
    const viewer = await failureOf(withUser(db, b.viewer, (tx) => tx.query("select private.take_work_order_number($1)", [b.orgId])));
    expect(viewer.code).toBe("42501");
    // a dispatcher of another company may not take this company's numbers
    const stranger = await failureOf(withUser(db, other.dispatcher, (tx) => tx.query("select private.take_work_order_number($1)", [b.orgId])));
    expect(stranger.code).toBe("42501");
    // the sequence itself is out of reach: no rewinding, no taking numbers around the checks
    const [{ seq }] = await withService(db, (tx) => tx.query<{ seq: string }>("select private.work_order_sequence($1) as seq", [b.orgId]));
    for (const sql of [`select setval('${seq}', 1)`, `select nextval('${seq}')`]) {
      expect((await failureOf(withUser(db, b.dispatcher, (tx) => tx.query(sql)))).code).toBe("42501");
    }
    expect(await create()).toBe("WO-1003");
  });

  test("a number taken by a job that was then rolled back is not handed out again", async () => {
    expect(await create()).toBe("WO-1001");
    await failureOf(
      withUser(db, b.dispatcher, async (tx) => {
        await createJob(tx, b.dispatcher, { customerId: b.customers.reachable, description: "Changed my mind", date: "2026-11-23", autoDispatch: false }, NINE_AM);
        throw new Error("roll back");
      }),
    );
    expect(await create()).toBe("WO-1003");
  });

  test("a company's numbering comes and goes with the company", async () => {
    const doomed = await createTestBoard(db);
    await withUser(db, doomed.dispatcher, (tx) =>
      createJob(tx, doomed.dispatcher, { customerId: doomed.customers.reachable, description: "x", date: "2026-11-23", autoDispatch: false }, NINE_AM),
    );
    const sequence = () =>
      withService(db, (tx) => tx.query<{ r: string | null }>("select to_regclass(private.work_order_sequence($1))::text as r", [doomed.orgId])).then((r) => r[0].r);
    expect(await sequence()).not.toBeNull();
    await withService(db, (tx) => tx.query("delete from public.companies where id = $1", [doomed.orgId]));
    expect(await sequence()).toBeNull();
  });

  test.runIf(target.name === "postgres")("a new job does not wait for another new job of the company to finish its dispatch", async () => {
    // the first job's transaction stays open (as during a long automatic dispatch) until the second is done
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstTook!: () => void;
    const firstHasNumber = new Promise<void>((resolve) => (firstTook = resolve));
    const first = withUser(db, b.dispatcher, async (tx) => {
      const r = await createJob(tx, b.dispatcher, { customerId: b.customers.reachable, description: "Long dispatch", date: "2026-11-23", autoDispatch: false }, NINE_AM);
      firstTook();
      await held;
      return r.job.workOrder;
    });
    await firstHasNumber;
    const second = await Promise.race([
      create(),
      new Promise<string>((resolve) => setTimeout(() => resolve("still waiting"), 10_000)),
    ]);
    release();
    expect(await first).toBe("WO-1001");
    expect(second).toBe("WO-1002");
  });
});
