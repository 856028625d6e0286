import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { createSession, isSessionLive, resolveSession, revokeSession, revokeUserSessions } from "@/lib/db/sessions";
import { withUser } from "@/lib/db/with-user";
import { newSessionId, sessionIdHash } from "@/lib/auth/session-token";
import { createCompany, failureOf, testTargets, type CompanyFixture } from "./helpers";

const inAnHour = () => new Date(Date.now() + 3_600_000);

describe.each(testTargets())("server-side sessions ($name)", (target) => {
  let db: Db;
  let company: CompanyFixture;
  beforeAll(async () => {
    db = await target.open();
    company = await createCompany(db);
  });
  afterAll(() => db.close());

  async function start(role: keyof CompanyFixture["users"], expiresAt = inAnHour()): Promise<string> {
    const tokenHash = sessionIdHash(newSessionId());
    await createSession(db, { tokenHash, userId: company.users[role].userId, orgId: company.orgId, expiresAt });
    return tokenHash;
  }
  const resolve = (hash: string, role: keyof CompanyFixture["users"]) => resolveSession(db, hash, company.users[role].userId, company.orgId);

  test("a live session resolves to the person, their role and company", async () => {
    const hash = await start("dispatcher");
    const ctx = await resolve(hash, "dispatcher");
    expect(ctx?.user).toMatchObject({ userId: company.users.dispatcher.userId, role: "dispatcher", orgId: company.orgId });
    expect(await isSessionLive(db, hash)).toBe(true);
  });

  test("a revoked session signs nobody in, whoever holds its cookie", async () => {
    const hash = await start("viewer");
    await revokeSession(db, hash);
    expect(await resolve(hash, "viewer")).toBeNull();
    expect(await isSessionLive(db, hash)).toBe(false);
  });

  test("a session cannot be used for another person or company than its own", async () => {
    const hash = await start("viewer");
    expect(await resolveSession(db, hash, company.users.admin.userId, company.orgId)).toBeNull();
    const other = await createCompany(db);
    expect(await resolveSession(db, hash, company.users.viewer.userId, other.orgId)).toBeNull();
  });

  test("an expired session signs nobody in", async () => {
    const hash = sessionIdHash(newSessionId());
    const failure = await failureOf(createSession(db, { tokenHash: hash, userId: company.users.viewer.userId, orgId: company.orgId, expiresAt: new Date(Date.now() - 1000) }));
    expect(failure.code).toBe("23514");
  });

  test("sign out everywhere ends every session but the one kept", async () => {
    const a = await start("technician");
    const b = await start("technician");
    const c = await start("technician");
    expect(await revokeUserSessions(db, company.users.technician.userId, "signed out everywhere", c)).toBeGreaterThanOrEqual(2);
    expect(await isSessionLive(db, a)).toBe(false);
    expect(await isSessionLive(db, b)).toBe(false);
    expect(await isSessionLive(db, c)).toBe(true);
  });

  test("changing someone's role ends their sessions in that company, not other people's", async () => {
    const fresh = await createCompany(db);
    const mine = sessionIdHash(newSessionId());
    const theirs = sessionIdHash(newSessionId());
    await createSession(db, { tokenHash: mine, userId: fresh.users.viewer.userId, orgId: fresh.orgId, expiresAt: inAnHour() });
    await createSession(db, { tokenHash: theirs, userId: fresh.users.dispatcher.userId, orgId: fresh.orgId, expiresAt: inAnHour() });
    await withUser(db, fresh.users.admin, (tx) => tx.query("update public.memberships set role = 'dispatcher' where id = $1", [fresh.membershipIds.viewer]));
    expect(await isSessionLive(db, mine)).toBe(false);
    expect(await isSessionLive(db, theirs)).toBe(true);
  });

  test("removing someone from the company ends their sessions there", async () => {
    const fresh = await createCompany(db);
    const hash = sessionIdHash(newSessionId());
    await createSession(db, { tokenHash: hash, userId: fresh.users.technician.userId, orgId: fresh.orgId, expiresAt: inAnHour() });
    await withUser(db, fresh.users.admin, (tx) => tx.query("delete from public.memberships where id = $1", [fresh.membershipIds.technician]));
    expect(await isSessionLive(db, hash)).toBe(false);
  });

  test("signed-in people cannot read or write the sessions table", async () => {
    const failure = await failureOf(withUser(db, company.users.admin, (tx) => tx.query("select * from private.sessions")));
    expect(failure.code).toBe("42501");
  });
});
