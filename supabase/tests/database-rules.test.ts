// Rules the database holds whoever writes: urgent approvals, SLA overrides, board
// change history, and who may execute the private helper functions.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { withService, withUser } from "@/lib/db/with-user";
import { createBoard, failureOf, testTargets, type BoardFixture } from "./helpers";

const SLA_OPTION = JSON.stringify({ id: "opt-1", flags: { slaOverride: true, unscheduled: false } });
const PLAIN_OPTION = JSON.stringify({ id: "opt-2", flags: { slaOverride: false, unscheduled: false } });

describe.each(testTargets())("rules the database holds ($name)", (target) => {
  let db: Db;
  let a: BoardFixture;
  beforeAll(async () => {
    db = await target.open();
    a = await createBoard(db);
  });
  afterAll(async () => db?.close());

  const approve = (who: keyof BoardFixture["users"], approvedBy: string, option = PLAIN_OPTION, extra = "") =>
    withUser(db, a.users[who], (tx) =>
      tx.query(
        `update public.urgent_requests set status = 'approved', approved_at = now(), approved_by = $2, approved_option = $3::jsonb ${extra} where id = $1`,
        [a.urgentRequestId, approvedBy, option],
      ),
    );
  const reopen = () => withService(db, (tx) => tx.query("update public.urgent_requests set status = 'open', approved_at = null, approved_by = null, approved_option = null, override_reason = null, allow_sla_override = false where id = $1", [a.urgentRequestId]));
  const requireAdmin = (on: boolean) => withService(db, (tx) => tx.query("update public.companies set urgent_requires_admin = $2 where id = $1", [a.orgId, on]));

  test("nobody records another person as the approver", async () => {
    await reopen();
    const failure = await failureOf(approve("dispatcher", a.users.admin.userId));
    expect(failure.message).toContain("approved in your own name");
  });

  test("when the company requires it, only an admin approves an urgent request", async () => {
    await reopen();
    await requireAdmin(true);
    const failure = await failureOf(approve("dispatcher", a.users.dispatcher.userId));
    expect(failure).toMatchObject({ code: "42501" });
    expect(failure.message).toContain("requires an admin");
    await approve("admin", a.users.admin.userId);
    await reopen();
    await requireAdmin(false);
    await approve("dispatcher", a.users.dispatcher.userId);
  });

  test("an option that bumps an SLA or contract job needs the override allowed and a reason", async () => {
    await reopen();
    expect((await failureOf(approve("dispatcher", a.users.dispatcher.userId, SLA_OPTION))).code).toBe("23514");
    await reopen();
    expect((await failureOf(approve("dispatcher", a.users.dispatcher.userId, SLA_OPTION, ", allow_sla_override = true, override_reason = '  '"))).code).toBe("23514");
    await reopen();
    await approve("dispatcher", a.users.dispatcher.userId, SLA_OPTION, ", allow_sla_override = true, override_reason = 'Hospital freezer down'");
  });

  test("a recorded board change cannot be rewritten or deleted, only marked undone once", async () => {
    const admin = a.users.admin;
    const rewrite = await failureOf(withUser(db, admin, (tx) => tx.query("update public.board_changes set summary = 'nothing happened' where id = $1", [a.boardChangeId])));
    expect(rewrite.message).toContain("board changes are history");
    const asService = await failureOf(withService(db, (tx) => tx.query("update public.board_changes set after = null where id = $1", [a.boardChangeId])));
    expect(asService.message).toContain("board changes are history");
    // the service role may not delete them either (no grant; the trigger refuses regardless)
    const remove = await failureOf(withService(db, (tx) => tx.query("delete from public.board_changes where id = $1", [a.boardChangeId])));
    expect(remove.code).toBe("42501");
    const asOwner = await failureOf(db.query("delete from public.board_changes where id = $1", [a.boardChangeId]));
    expect(asOwner.message).toContain("cannot be deleted");
    await withUser(db, admin, (tx) => tx.query("update public.board_changes set undone_at = now() where id = $1", [a.boardChangeId]));
    const again = await failureOf(withUser(db, admin, (tx) => tx.query("update public.board_changes set undone_at = now() - interval '1 day' where id = $1", [a.boardChangeId])));
    expect(again.message).toContain("board changes are history");
  });

  test("deleting a company still takes its board changes with it", async () => {
    const doomed = await createBoard(db);
    await withService(db, (tx) => tx.query("delete from public.companies where id = $1", [doomed.orgId]));
    const left = await withService(db, (tx) => tx.query("select 1 from public.board_changes where org_id = $1", [doomed.orgId]));
    expect(left).toEqual([]);
  });

  test("PUBLIC cannot execute any private function", async () => {
    const rows = await db.query<{ name: string }>(
      `select p.proname as name
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'private'
          and exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a where a.grantee = 0 and a.privilege_type = 'EXECUTE')
        order by 1`,
    );
    expect(rows).toEqual([]);
    const anon = await failureOf(
      db.transaction(async (tx) => {
        await tx.query("set local role anon");
        await tx.query("select private.is_member(gen_random_uuid())");
      }),
    );
    expect(anon.code).toBe("42501");
  });
});
