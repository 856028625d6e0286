import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { changePassword, isResetLinkUsable, requestPasswordReset, resetPassword } from "@/lib/db/passwords";
import { createSession, isSessionLive } from "@/lib/db/sessions";
import { withService, withUser } from "@/lib/db/with-user";
import { newLinkToken } from "@/lib/auth/tokens";
import { newSessionId, sessionIdHash } from "@/lib/auth/session-token";
import { passwordResetNotice } from "@/lib/accounts/notices";
import { createCompany, hex, testTargets, type CompanyFixture } from "@/supabase/tests/helpers";

const notice = () => passwordResetNotice("http://localhost:3000/reset-password/x");

describe.each(testTargets())("passwords ($name)", (target) => {
  let db: Db;
  let company: CompanyFixture;
  beforeAll(async () => {
    db = await target.open();
    company = await createCompany(db);
  });
  afterAll(() => db.close());

  async function sessionOf(userId: string): Promise<string> {
    const hash = sessionIdHash(newSessionId());
    await createSession(db, { tokenHash: hash, userId, orgId: company.orgId, expiresAt: new Date(Date.now() + 3_600_000) });
    return hash;
  }
  const storedHash = async (userId: string) =>
    (await withService(db, (tx) => tx.query<{ h: string | null }>("select encrypted_password as h from auth.users where id = $1", [userId])))[0].h;

  test("changing a password needs the current one and ends the person's other sessions", async () => {
    const me = company.users.dispatcher;
    await withService(db, (tx) => tx.query("update auth.users set encrypted_password = 'scrypt$old' where id = $1", [me.userId]));
    const here = await sessionOf(me.userId);
    const elsewhere = await sessionOf(me.userId);
    expect(await changePassword(db, me.userId, async (h) => h === "scrypt$wrong", "scrypt$new", here)).toEqual({ ok: false, code: "wrong_password" });
    expect(await storedHash(me.userId)).toBe("scrypt$old");
    expect(await changePassword(db, me.userId, async (h) => h === "scrypt$old", "scrypt$new", here)).toEqual({ ok: true, endedSessions: 1 });
    expect(await storedHash(me.userId)).toBe("scrypt$new");
    expect(await isSessionLive(db, here)).toBe(true);
    expect(await isSessionLive(db, elsewhere)).toBe(false);
  });

  test("a reset link works once, ends every session, and other links stop working", async () => {
    const me = company.users.viewer;
    const session = await sessionOf(me.userId);
    const first = newLinkToken();
    const second = newLinkToken();
    expect(await requestPasswordReset(db, me.email.toUpperCase(), { tokenHash: first.tokenHash, minutes: 60, notice })).toBe(true);
    expect(await requestPasswordReset(db, me.email, { tokenHash: second.tokenHash, minutes: 60, notice })).toBe(true);
    expect(await isResetLinkUsable(db, first.tokenHash)).toBe(true);
    expect(await resetPassword(db, first.tokenHash, "scrypt$reset")).toMatchObject({ ok: true, userId: me.userId });
    expect(await storedHash(me.userId)).toBe("scrypt$reset");
    expect(await isSessionLive(db, session)).toBe(false);
    expect(await resetPassword(db, first.tokenHash, "scrypt$again")).toEqual({ ok: false });
    expect(await resetPassword(db, second.tokenHash, "scrypt$again")).toEqual({ ok: false });
    expect(await storedHash(me.userId)).toBe("scrypt$reset");
  });

  test("an expired link is refused", async () => {
    const me = company.users.technician;
    const aged = newLinkToken();
    await withService(db, (tx) =>
      tx.query("insert into private.password_resets (user_id, token_hash, created_at, expires_at) values ($1, $2, now() - interval '2 hours', now() - interval '1 hour')", [me.userId, aged.tokenHash]),
    );
    expect(await isResetLinkUsable(db, aged.tokenHash)).toBe(false);
    expect(await resetPassword(db, aged.tokenHash, "scrypt$late")).toEqual({ ok: false });
  });

  test("an unknown address queues nothing; a known one queues an email nobody can read in the outbox", async () => {
    expect(await requestPasswordReset(db, `nobody-${hex()}@example.test`, { tokenHash: newLinkToken().tokenHash, minutes: 60, notice })).toBe(false);
    const me = company.users.technician;
    expect(await requestPasswordReset(db, me.email, { tokenHash: newLinkToken().tokenHash, minutes: 60, notice })).toBe(true);
    const queued = await withService(db, (tx) => tx.query<{ recipient: string }>("select recipient from public.notifications where org_id = $1 and kind = 'password_reset'", [company.orgId]));
    expect(queued.map((r) => r.recipient)).toContain(me.email);
    const seenByAdmin = await withUser(db, company.users.admin, (tx) => tx.query("select 1 from public.notifications where org_id = $1 and kind = 'password_reset'", [company.orgId]));
    expect(seenByAdmin).toEqual([]);
  });

  test("at most three open links an hour per person (no email floods)", async () => {
    const fresh = await createCompany(db);
    const me = fresh.users.viewer;
    const results: boolean[] = [];
    for (let i = 0; i < 5; i++) results.push(await requestPasswordReset(db, me.email, { tokenHash: newLinkToken().tokenHash, minutes: 60, notice }));
    expect(results).toEqual([true, true, true, false, false]);
  });
});
