// Rules on what signed-in people write that row-level security alone does not state.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { withService, withUser } from "@/lib/db/with-user";
import { createBoard, failureOf, hex, testTargets, type BoardFixture } from "./helpers";

describe.each(testTargets())("write rules on $name", (target) => {
  let db: Db;
  let a: BoardFixture;
  beforeAll(async () => {
    db = await target.open();
    a = await createBoard(db);
  });
  afterAll(async () => db?.close());

  test("the last admin cannot be demoted or removed, but another admin can be", async () => {
    const demote = withUser(db, a.users.admin, (tx) => tx.query("update public.memberships set role = 'viewer' where id = $1", [a.membershipIds.admin]));
    expect((await failureOf(demote)).message).toContain("a company needs at least one admin");
    const remove = withUser(db, a.users.admin, (tx) => tx.query("delete from public.memberships where id = $1", [a.membershipIds.admin]));
    expect((await failureOf(remove)).message).toContain("a company needs at least one admin");
    // with a second admin, the first may step down
    await withUser(db, a.users.admin, (tx) => tx.query("update public.memberships set role = 'admin' where id = $1", [a.membershipIds.dispatcher]));
    await withUser(db, a.users.admin, (tx) => tx.query("update public.memberships set role = 'dispatcher' where id = $1", [a.membershipIds.admin]));
    const [m] = await withService(db, (tx) => tx.query<{ role: string }>("select role from public.memberships where id = $1", [a.membershipIds.admin]));
    expect(m.role).toBe("dispatcher");
  });

  test("'created by' is always the signed-in person", async () => {
    const [job] = await withUser(db, a.users.dispatcher, (tx) =>
      tx.query<{ created_by: string }>(
        `insert into public.jobs (org_id, work_order, customer_id, estimated_minutes, lat, lng, created_by)
         values ($1, $2, $3, 30, 41.9, -87.6, $4) returning created_by`,
        [a.orgId, `WO-${hex()}`, a.customerId, a.users.viewer.userId],
      ),
    );
    expect(job.created_by).toBe(a.users.dispatcher.userId);
  });

  test("a dispatcher cannot queue a notice that claims it was already delivered", async () => {
    const forged = withUser(db, a.users.dispatcher, (tx) =>
      tx.query(
        `insert into public.notifications (org_id, channel, recipient, recipient_kind, body, kind, dedupe_key, status, sent_at, provider, provider_id)
         values ($1, 'sms', '+15550100', 'customer', 'hi', 'test', $2, 'sent', now(), 'twilio', 'SM123')`,
        [a.orgId, `forged-${hex()}`],
      ),
    );
    expect((await failureOf(forged)).message).toMatch(/row-level security/);
    const honest = await withUser(db, a.users.dispatcher, (tx) =>
      tx.query<{ status: string }>(
        "insert into public.notifications (org_id, channel, recipient, recipient_kind, body, kind, dedupe_key) values ($1, 'sms', '+15550100', 'customer', 'hi', 'test', $2) returning status",
        [a.orgId, `honest-${hex()}`],
      ),
    );
    expect(honest[0].status).toBe("pending");
  });
});
