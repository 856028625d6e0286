import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { acceptInvitation, createInvitation, findInvitation, renewInvitation, revokeInvitation } from "@/lib/db/members";
import { queueNotification } from "@/lib/db/notifications";
import { withService, withUser } from "@/lib/db/with-user";
import { newLinkToken } from "@/lib/auth/tokens";
import { createCompany, createPerson, createTechnician, failureOf, hex, testTargets, type CompanyFixture } from "./helpers";

const newPerson = (fullName = "New Person") => ({ fullName, newPasswordHash: "scrypt$new", existingPasswordOk: async () => false });

describe.each(testTargets())("invitations ($name)", (target) => {
  let db: Db;
  let company: CompanyFixture;
  beforeAll(async () => {
    db = await target.open();
    company = await createCompany(db);
  });
  afterAll(() => db.close());

  async function invite(role: "admin" | "dispatcher" | "technician" | "viewer", options: { technicianId?: string | null; email?: string; hours?: number } = {}) {
    const { token, tokenHash } = newLinkToken();
    const email = options.email ?? `invitee-${hex()}@example.test`;
    const outcome = await withUser(db, company.users.admin, (tx) =>
      createInvitation(tx, { orgId: company.orgId, invitedBy: company.users.admin.userId, email, role, technicianId: options.technicianId ?? null, tokenHash, validHours: options.hours ?? 72 }),
    );
    if (!outcome.ok) throw new Error(`invitation refused: ${outcome.code}`);
    return { token, tokenHash, email, id: outcome.invitationId };
  }

  test("accepting creates the account and the membership, once", async () => {
    const inv = await invite("dispatcher");
    expect(await findInvitation(db, inv.tokenHash)).toMatchObject({ email: inv.email, role: "dispatcher", closed: null, hasAccount: false });
    const [first, second] = await Promise.all([acceptInvitation(db, inv.tokenHash, newPerson()), acceptInvitation(db, inv.tokenHash, newPerson())]);
    const oks = [first, second].filter((o) => o.ok);
    expect(oks).toHaveLength(1);
    expect([first, second].find((o) => !o.ok)).toEqual({ ok: false, code: "accepted" });
    const [m] = await withService(db, (tx) =>
      tx.query<{ role: string }>("select m.role from public.memberships m join auth.users u on u.id = m.user_id where m.org_id = $1 and u.email = $2", [company.orgId, inv.email]),
    );
    expect(m.role).toBe("dispatcher");
    expect((await findInvitation(db, inv.tokenHash))?.closed).toBe("accepted");
  });

  test("an existing account joins only with its own password, keeping it", async () => {
    const person = await createPerson(db, "Existing Person");
    await withService(db, (tx) => tx.query("update auth.users set encrypted_password = 'scrypt$mine' where id = $1", [person.userId]));
    const inv = await invite("viewer", { email: person.email });
    expect((await findInvitation(db, inv.tokenHash))?.hasAccount).toBe(true);
    expect(await acceptInvitation(db, inv.tokenHash, newPerson())).toEqual({ ok: false, code: "wrong_password" });
    const ok = await acceptInvitation(db, inv.tokenHash, { fullName: null, newPasswordHash: "", existingPasswordOk: async (h) => h === "scrypt$mine" });
    expect(ok).toMatchObject({ ok: true, userId: person.userId });
  });

  test("expired, revoked and replaced links are refused", async () => {
    const expired = await invite("viewer", { hours: 0 });
    expect(await acceptInvitation(db, expired.tokenHash, newPerson())).toEqual({ ok: false, code: "expired" });

    const revoked = await invite("viewer");
    expect(await withUser(db, company.users.admin, (tx) => revokeInvitation(tx, company.orgId, revoked.id))).toBe(true);
    expect(await acceptInvitation(db, revoked.tokenHash, newPerson())).toEqual({ ok: false, code: "revoked" });

    const resent = await invite("viewer");
    const fresh = newLinkToken();
    await withUser(db, company.users.admin, (tx) => renewInvitation(tx, company.orgId, resent.id, fresh.tokenHash, 72, company.users.admin.userId));
    expect(await acceptInvitation(db, resent.tokenHash, newPerson())).toEqual({ ok: false, code: "unknown" });
    expect(await acceptInvitation(db, fresh.tokenHash, newPerson())).toMatchObject({ ok: true });
  });

  test("a technician invitation links the named record, else one with the same email, else a new one", async () => {
    const named = await createTechnician(db, company.orgId, { name: `Named ${hex()}` });
    const a = await invite("technician", { technicianId: named.id });
    const linked = await acceptInvitation(db, a.tokenHash, newPerson("Tech A"));
    expect(linked).toMatchObject({ ok: true, technicianId: named.id });

    const byEmail = await createTechnician(db, company.orgId, { name: `By email ${hex()}` });
    const email = `tech-${hex()}@example.test`;
    await withService(db, (tx) => tx.query("update public.technicians set email = $2 where id = $1", [byEmail.id, email]));
    const b = await invite("technician", { email });
    expect(await acceptInvitation(db, b.tokenHash, newPerson("Tech B"))).toMatchObject({ ok: true, technicianId: byEmail.id });

    const c = await invite("technician");
    const created = await acceptInvitation(db, c.tokenHash, newPerson("Tech C"));
    if (!created.ok || !created.technicianId) throw new Error("expected a technician record");
    const [tech] = await withService(db, (tx) => tx.query<{ name: string; user_id: string }>("select name, user_id from public.technicians where id = $1", [created.technicianId]));
    expect(tech).toEqual({ name: "Tech C", user_id: created.userId });
  });

  test("only admins invite, and only in their own name", async () => {
    const row = (invitedBy: string) => [company.orgId, `x-${hex()}@example.test`, newLinkToken().tokenHash, invitedBy];
    const sql = "insert into public.invitations (org_id, email, role, token_hash, invited_by, expires_at) values ($1, $2, 'viewer', $3, $4, now() + interval '1 hour')";
    expect((await failureOf(withUser(db, company.users.dispatcher, (tx) => tx.query(sql, row(company.users.dispatcher.userId))))).code).toBe("42501");
    expect((await failureOf(withUser(db, company.users.admin, (tx) => tx.query(sql, row(company.users.dispatcher.userId))))).code).toBe("42501");
    const other = await createCompany(db);
    expect((await failureOf(withUser(db, other.users.admin, (tx) => tx.query(sql, row(other.users.admin.userId))))).code).toBe("42501");
  });

  test("an address already in the company or already invited is refused", async () => {
    const inv = await invite("viewer");
    const again = await withUser(db, company.users.admin, (tx) =>
      createInvitation(tx, { orgId: company.orgId, invitedBy: company.users.admin.userId, email: inv.email, role: "viewer", technicianId: null, tokenHash: newLinkToken().tokenHash, validHours: 72 }),
    );
    expect(again).toEqual({ ok: false, code: "already_invited" });
    const member = await withUser(db, company.users.admin, (tx) =>
      createInvitation(tx, { orgId: company.orgId, invitedBy: company.users.admin.userId, email: company.users.viewer.email, role: "viewer", technicianId: null, tokenHash: newLinkToken().tokenHash, validHours: 72 }),
    );
    expect(member).toEqual({ ok: false, code: "already_member" });
  });

  test("invitation emails are visible in the outbox to admins only; password resets to nobody", async () => {
    for (const kind of ["invitation", "password_reset", "technician_day"]) {
      await withService(db, (tx) =>
        queueNotification(tx, { orgId: company.orgId, channel: "email", recipient: "someone@example.test", recipientKind: "user", subject: kind, body: `secret ${kind}`, kind, dedupeKey: `${kind}:${hex()}` }),
      );
    }
    const seen = async (role: "admin" | "dispatcher") =>
      (await withUser(db, company.users[role], (tx) => tx.query<{ kind: string }>("select distinct kind from public.notifications where org_id = $1 order by kind", [company.orgId]))).map((r) => r.kind);
    expect(await seen("admin")).toEqual(["invitation", "technician_day"]);
    expect(await seen("dispatcher")).toEqual(["technician_day"]);
  });

  test("the audit trail has the invitation, its acceptance and the new membership", async () => {
    const inv = await invite("viewer");
    const accepted = await acceptInvitation(db, inv.tokenHash, newPerson("Audited Person"));
    if (!accepted.ok) throw new Error("expected acceptance");
    const rows = await withUser(db, company.users.admin, (tx) =>
      tx.query<{ table_name: string; action: string; actor_id: string }>(
        "select table_name, action, actor_id from public.audit_log where org_id = $1 and (row_id = $2 or (table_name = 'memberships' and after ->> 'user_id' = $3)) order by id",
        [company.orgId, inv.id, accepted.userId],
      ),
    );
    expect(rows).toEqual([
      { table_name: "invitations", action: "insert", actor_id: company.users.admin.userId },
      { table_name: "memberships", action: "insert", actor_id: accepted.userId },
      { table_name: "invitations", action: "update", actor_id: accepted.userId },
    ]);
  });
});
