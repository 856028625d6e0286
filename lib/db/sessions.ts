import type { Db } from "@/lib/db/client";
import type { SessionContext } from "@/lib/db/accounts";
import type { Queryable } from "@/lib/db/client";
import { withService, type Role, type WithUserOptions } from "@/lib/db/with-user";

/**
 * Server-side sessions. Rows are keyed by the SHA-256 of the cookie's random id, so a
 * copy of the table signs nobody in. Service role: the person is not known yet.
 */
export async function createSession(db: Db, s: { tokenHash: string; userId: string; orgId: string; expiresAt: Date }): Promise<void> {
  await withService(db, async (tx) => {
    // long-expired rows are of no use to anyone; keep the table small
    await tx.query("delete from private.sessions where expires_at < now() - interval '7 days'");
    await tx.query("insert into private.sessions (token_hash, user_id, org_id, expires_at) values ($1, $2, $3, $4)", [
      s.tokenHash,
      s.userId,
      s.orgId,
      s.expiresAt.toISOString(),
    ]);
  });
}

/**
 * Who a live session belongs to, with their current role and company, in one query;
 * null when the session was revoked, has expired, or its membership is gone.
 */
export async function resolveSession(db: Db, tokenHash: string, userId: string, orgId: string): Promise<SessionContext | null> {
  const rows = await withService(db, (tx) =>
    tx.query<{ email: string; full_name: string; role: Role; name: string; time_zone: string }>(
      `select p.email, p.full_name, m.role, c.name, c.time_zone
         from private.sessions s
         join public.memberships m on m.user_id = s.user_id and m.org_id = s.org_id
         join public.companies c on c.id = s.org_id
         join public.profiles p on p.id = s.user_id
        where s.token_hash = $1 and s.user_id = $2 and s.org_id = $3
          and s.revoked_at is null and s.expires_at > now()`,
      [tokenHash, userId, orgId],
    ),
  );
  const r = rows[0];
  if (!r) return null;
  return {
    user: { userId, email: r.email, name: r.full_name, orgId, role: r.role },
    company: { id: orgId, name: r.name, timeZone: r.time_zone },
  };
}

/** The cookie's session, as the request presents it: the stored hash of its id, the person and the company. */
export interface SessionToken {
  tokenHash: string;
  userId: string;
  orgId: string;
}

/**
 * Runs `fn` in one transaction as the person behind a live session. The session,
 * membership and company are read in the transaction's first statement, which also
 * sets the claims `withUser` sets, so a change costs no lookup of its own before it.
 * Null (and nothing run) when the session was revoked, has expired, or its
 * membership is gone. `fn` may refuse by throwing; the transaction is then rolled back.
 *
 * @example
 * const done = await withSessionUser(db, token, (session, tx) => placeJob(tx, session.user, input, now()));
 */
export async function withSessionUser<T>(
  db: Db,
  token: SessionToken,
  fn: (session: SessionContext, tx: Queryable) => Promise<T>,
  options: WithUserOptions = {},
): Promise<{ session: SessionContext; value: T } | null> {
  return db.transaction(async (tx) => {
    // the sessions table is no person's to read: look the session up as the connection's
    // own role, and in the same statement become the person for everything after it
    const rows = await tx.query<{ email: string; full_name: string; role: Role; name: string; time_zone: string }>(
      `select x.email, x.full_name, x.role, x.name, x.time_zone,
              set_config('role', 'authenticated', true),
              set_config('request.jwt.claims', json_build_object(
                'sub', $2::text, 'email', x.email, 'role', 'authenticated', 'aud', 'authenticated',
                'app_metadata', json_build_object('org_id', $3::text))::text, true),
              set_config('app.audit_context', $4, true), set_config('app.tab_id', $5, true)
         from (select p.email, p.full_name, m.role, c.name, c.time_zone
                 from private.sessions s
                 join public.memberships m on m.user_id = s.user_id and m.org_id = s.org_id
                 join public.companies c on c.id = s.org_id
                 join public.profiles p on p.id = s.user_id
                where s.token_hash = $1 and s.user_id = $2 and s.org_id = $3
                  and s.revoked_at is null and s.expires_at > now()
               offset 0) x`,
      [token.tokenHash, token.userId, token.orgId, options.auditContext ? JSON.stringify(options.auditContext) : "", options.tabId ?? ""],
    );
    const r = rows[0];
    if (!r) return null;
    const session: SessionContext = {
      user: { userId: token.userId, email: r.email, name: r.full_name, orgId: token.orgId, role: r.role },
      company: { id: token.orgId, name: r.name, timeZone: r.time_zone },
    };
    return { session, value: await fn(session, tx) };
  });
}

/** True while the session may still be used (the live event stream asks every heartbeat). */
export async function isSessionLive(db: Db, tokenHash: string): Promise<boolean> {
  const rows = await withService(db, (tx) =>
    tx.query<{ live: boolean }>(
      `select exists (
         select 1 from private.sessions s
           join public.memberships m on m.user_id = s.user_id and m.org_id = s.org_id
          where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now()
       ) as live`,
      [tokenHash],
    ),
  );
  return rows[0].live;
}

/** Ends one session (signing out). */
export async function revokeSession(db: Db, tokenHash: string, reason = "signed out"): Promise<void> {
  await withService(db, (tx) =>
    tx.query("update private.sessions set revoked_at = now(), revoked_reason = $2 where token_hash = $1 and revoked_at is null", [tokenHash, reason]),
  );
}

/** Ends every session of a person, in every company, except `keepTokenHash`; returns how many ended. */
export async function revokeUserSessions(db: Db, userId: string, reason: string, keepTokenHash?: string): Promise<number> {
  const rows = await withService(db, (tx) =>
    tx.query<{ id: string }>(
      `update private.sessions set revoked_at = now(), revoked_reason = $2
        where user_id = $1 and revoked_at is null and token_hash is distinct from $3
        returning id`,
      [userId, reason, keepTokenHash ?? null],
    ),
  );
  return rows.length;
}

/** How many live sessions a person has (shown on the account page). */
export async function countLiveSessions(db: Db, userId: string): Promise<number> {
  const rows = await withService(db, (tx) =>
    tx.query<{ n: number }>("select count(*)::int as n from private.sessions where user_id = $1 and revoked_at is null and expires_at > now()", [userId]),
  );
  return rows[0].n;
}
