// Work-order numbers come from a counter per company: other numbering schemes in
// the company's jobs never break it, numbers typed by hand are skipped, two new
// jobs at the same moment never share one, and another company's counter is its own.
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

  test("each company counts for itself; a viewer cannot move the counter, nobody can remove it", async () => {
    const other = await createTestBoard(db);
    expect(await create()).toBe("WO-1001");
    const theirs = await withUser(db, other.dispatcher, (tx) =>
      createJob(tx, other.dispatcher, { customerId: other.customers.reachable, description: "x", date: "2026-11-23", autoDispatch: false }, NINE_AM),
    );
    expect(theirs.job.workOrder).toBe("WO-1001");
    const moved = await withUser(db, b.viewer, (tx) => tx.query("update public.work_order_counters set last_number = 1 where org_id = $1 returning org_id", [b.orgId]));
    expect(moved).toEqual([]);
    const removed = await failureOf(withUser(db, b.dispatcher, (tx) => tx.query("delete from public.work_order_counters where org_id = $1", [b.orgId])));
    expect(removed.code).toBe("42501");
    const seen = await withUser(db, b.dispatcher, (tx) => tx.query<{ org_id: string }>("select org_id from public.work_order_counters"));
    expect(seen.map((r) => r.org_id)).toEqual([b.orgId]);
    expect((await failureOf(withUser(db, b.viewer, (tx) => tx.query("insert into public.work_order_counters (org_id, last_number) values ($1, 5)", [b.orgId])))).code).toBe("42501");
  });
});
