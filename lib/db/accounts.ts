import type { Db, Queryable } from "@/lib/db/client";
import { withService, withUser, type Role, type SessionUser } from "@/lib/db/with-user";
import { FORGET_AFTER_HOURS, MAX_DELAY_SECONDS, retryAfterSeconds, type ThrottleRule } from "@/lib/auth/throttle";

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

/** Thrown inside the reservation transaction to roll every counter back. */
class Throttled extends Error {
  constructor(readonly waitSeconds: number) {
    super("throttled");
  }
}

/**
 * Counts one sign-in attempt against every rule, before the password is checked, or
 * refuses (counting nothing) when a rule's key must still wait. Each key's row is
 * updated by one conditional upsert, so parallel attempts queue on the row and the
 * ones past the allowance are refused without running a password check.
 */
export async function reserveSignInAttempt(db: Db, rules: readonly ThrottleRule[]): Promise<{ ok: true } | { ok: false; waitSeconds: number }> {
  try {
    await withService(db, async (tx) => {
      await tx.query("delete from private.sign_in_attempts where last_failed_at < now() - make_interval(hours => $1::int)", [FORGET_AFTER_HOURS]);
      for (const rule of rules) {
        const counted = await tx.query<{ failed_count: number }>(
          `insert into private.sign_in_attempts as a (throttle_key, failed_count, last_failed_at)
           values ($1, 1, now())
           on conflict (throttle_key) do update
             set failed_count = a.failed_count + 1, last_failed_at = now()
             where a.failed_count < $2
                or a.last_failed_at + make_interval(secs => least($3::float8, 30 * power(2::float8, least(20, greatest(0, a.failed_count - $2))::float8))) <= now()
           returning failed_count`,
          [rule.key, rule.freeAttempts, MAX_DELAY_SECONDS],
        );
        if (counted.length > 0) continue;
        const [row] = await tx.query<{ failed_count: number; last_failed_at: Date; now: Date }>(
          "select failed_count, last_failed_at, now() as now from private.sign_in_attempts where throttle_key = $1",
          [rule.key],
        );
        const wait = row ? retryAfterSeconds({ failedCount: row.failed_count, lastFailedAt: new Date(row.last_failed_at) }, new Date(row.now), rule.freeAttempts) : 1;
        throw new Throttled(Math.max(1, wait));
      }
    });
    return { ok: true };
  } catch (err) {
    if (err instanceof Throttled) return { ok: false, waitSeconds: err.waitSeconds };
    throw err;
  }
}

/** After a successful sign-in: clears the account's counter and takes this attempt back from the client's. */
export async function settleSuccessfulSignIn(db: Db, rules: readonly ThrottleRule[]): Promise<void> {
  await withService(db, async (tx) => {
    for (const rule of rules) {
      if (rule.onSuccess === "clear") {
        await tx.query("delete from private.sign_in_attempts where throttle_key = $1", [rule.key]);
      } else {
        await tx.query("update private.sign_in_attempts set failed_count = greatest(0, failed_count - 1) where throttle_key = $1", [rule.key]);
      }
    }
  });
}

/** Replaces a password hash made with older settings, unless it changed meanwhile. */
export async function upgradePasswordHash(db: Db, userId: string, oldHash: string, newHash: string): Promise<void> {
  await withService(db, (tx) =>
    tx.query("update auth.users set encrypted_password = $3, updated_at = now() where id = $1 and encrypted_password = $2", [userId, oldHash, newHash]),
  );
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

/**
 * The Crewboard account of a verified Supabase user: the profile with their id (a
 * Supabase project's own users), else the one linked to them before, else — once, by
 * the address Supabase proved they own — the account with that email, which is then
 * linked. Null when they have no Crewboard account.
 */
export async function linkedSupabaseAccount(tx: Queryable, supabaseUserId: string, email: string | null): Promise<string | null> {
  const [found] = await tx.query<{ id: string }>(
    `select id from public.profiles where id = $1
     union all
     select user_id from private.auth_identities where provider = 'supabase' and subject = $1
     limit 1`,
    [supabaseUserId],
  );
  if (found) return found.id;
  if (!email) return null;
  const [byEmail] = await tx.query<{ id: string }>("select id from public.profiles where lower(email) = lower($1) limit 1", [email]);
  if (!byEmail) return null;
  await tx.query(
    `insert into private.auth_identities (provider, subject, user_id) values ('supabase', $1, $2)
     on conflict (provider, subject) do nothing`,
    [supabaseUserId, byEmail.id],
  );
  return byEmail.id;
}

/** The account a verified Supabase user signs in to (see linkedSupabaseAccount). */
export async function accountForSupabaseUser(db: Db, supabaseUserId: string, email: string | null): Promise<string | null> {
  return withService(db, (tx) => linkedSupabaseAccount(tx, supabaseUserId, email));
}
