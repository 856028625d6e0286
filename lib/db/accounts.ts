import type { Db } from "@/lib/db/client";
import { withService, withUser, type Role, type SessionUser } from "@/lib/db/with-user";
import type { FailedAttempts } from "@/lib/auth/throttle";

export interface SignInRecord {
  id: string;
  passwordHash: string | null;
}

/** Looks up an account by email (case-insensitive) for password checking. Service role. */
export async function findAccountByEmail(db: Db, email: string): Promise<SignInRecord | null> {
  const rows = await withService(db, (tx) =>
    tx.query<{ id: string; encrypted_password: string | null }>(
      "select id, encrypted_password from auth.users where lower(email) = lower($1) limit 1",
      [email],
    ),
  );
  return rows[0] ? { id: rows[0].id, passwordHash: rows[0].encrypted_password } : null;
}

export async function readFailedAttempts(db: Db, email: string): Promise<FailedAttempts | null> {
  const rows = await withService(db, (tx) =>
    tx.query<{ failed_count: number; last_failed_at: Date }>(
      "select failed_count, last_failed_at from private.sign_in_attempts where email = lower($1)",
      [email],
    ),
  );
  return rows[0] ? { failedCount: rows[0].failed_count, lastFailedAt: new Date(rows[0].last_failed_at) } : null;
}

export async function recordFailedAttempt(db: Db, email: string): Promise<void> {
  await withService(db, (tx) =>
    tx.query(
      `insert into private.sign_in_attempts (email, failed_count, last_failed_at)
       values (lower($1), 1, now())
       on conflict (email) do update
         set failed_count = private.sign_in_attempts.failed_count + 1, last_failed_at = now()`,
      [email],
    ),
  );
}

export async function clearFailedAttempts(db: Db, email: string): Promise<void> {
  await withService(db, (tx) => tx.query("delete from private.sign_in_attempts where email = lower($1)", [email]));
}

export interface CompanyChoice {
  orgId: string;
  name: string;
  role: Role;
}

/** The companies a person belongs to, oldest membership first. Runs as that person. */
export async function listCompaniesOf(db: Db, userId: string, email: string): Promise<CompanyChoice[]> {
  return withUser(db, { userId, email, orgId: "" }, async (tx) => {
    const rows = await tx.query<{ org_id: string; name: string; role: Role }>(
      `select m.org_id, c.name, m.role
         from public.memberships m join public.companies c on c.id = m.org_id
        where m.user_id = $1
        order by m.created_at, c.name`,
      [userId],
    );
    return rows.map((r) => ({ orgId: r.org_id, name: r.name, role: r.role }));
  });
}

export interface SessionContext {
  user: SessionUser;
  company: { id: string; name: string; timeZone: string };
}

/** Resolves a session cookie's user and company into who they are; null if no longer a member. */
export async function loadSessionContext(db: Db, userId: string, orgId: string): Promise<SessionContext | null> {
  const rows = await withUser(db, { userId, email: "", orgId }, (tx) =>
    tx.query<{ email: string; full_name: string; role: Role; name: string; time_zone: string }>(
      `select p.email, p.full_name, m.role, c.name, c.time_zone
         from public.memberships m
         join public.companies c on c.id = m.org_id
         join public.profiles p on p.id = m.user_id
        where m.user_id = $1 and m.org_id = $2`,
      [userId, orgId],
    ),
  );
  const r = rows[0];
  if (!r) return null;
  return {
    user: { userId, email: r.email, name: r.full_name, orgId, role: r.role },
    company: { id: orgId, name: r.name, timeZone: r.time_zone },
  };
}
