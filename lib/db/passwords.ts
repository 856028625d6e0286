/**
 * Changing and resetting passwords (service role: auth.users and the reset links
 * are nobody's to read through row-level security). Both end the person's other
 * sessions in the same transaction.
 */
import type { Db } from "@/lib/db/client";
import { queueNotification } from "@/lib/db/notifications";
import { withService } from "@/lib/db/with-user";

/** Unused reset links one person may have asked for within an hour (stops email floods). */
const MAX_OPEN_RESETS = 3;

/**
 * Replaces a signed-in person's password after checking the current one, and ends
 * every other session of theirs (the one in `keepTokenHash` stays).
 */
export async function changePassword(
  db: Db,
  userId: string,
  currentOk: (storedHash: string | null) => Promise<boolean>,
  newHash: string,
  keepTokenHash: string,
): Promise<{ ok: true; endedSessions: number } | { ok: false; code: "wrong_password" }> {
  return withService(db, async (tx) => {
    const [user] = await tx.query<{ encrypted_password: string | null }>("select encrypted_password from auth.users where id = $1 for update", [userId]);
    if (!user || !(await currentOk(user.encrypted_password))) return { ok: false, code: "wrong_password" } as const;
    await tx.query("update auth.users set encrypted_password = $2, updated_at = now() where id = $1", [userId, newHash]);
    const ended = await tx.query(
      "update private.sessions set revoked_at = now(), revoked_reason = 'password changed' where user_id = $1 and revoked_at is null and token_hash <> $2 returning id",
      [userId, keepTokenHash],
    );
    return { ok: true, endedSessions: ended.length } as const;
  });
}

/**
 * Records a reset link for the account with this address and queues its email, or
 * does nothing when there is no such account (or it asked too often). The caller
 * answers the same either way.
 */
export async function requestPasswordReset(
  db: Db,
  email: string,
  link: { tokenHash: string; minutes: number; notice: (orgName: string) => { subject: string; body: string } },
): Promise<boolean> {
  return withService(db, async (tx) => {
    const [user] = await tx.query<{ id: string; email: string }>("select id, email from auth.users where lower(email) = lower($1) for update", [email]);
    if (!user) return false;
    const [{ open }] = await tx.query<{ open: number }>(
      "select count(*)::int as open from private.password_resets where user_id = $1 and used_at is null and created_at > now() - interval '1 hour'",
      [user.id],
    );
    if (open >= MAX_OPEN_RESETS) return false;
    // the outbox belongs to a company: the person's first one carries the notice
    const [company] = await tx.query<{ org_id: string; name: string }>(
      `select m.org_id, c.name from public.memberships m join public.companies c on c.id = m.org_id
        where m.user_id = $1 order by m.created_at limit 1`,
      [user.id],
    );
    if (!company) return false;
    const [reset] = await tx.query<{ id: string }>(
      "insert into private.password_resets (user_id, token_hash, expires_at) values ($1, $2, now() + make_interval(mins => $3::int)) returning id",
      [user.id, link.tokenHash, link.minutes],
    );
    const notice = link.notice(company.name);
    await queueNotification(tx, {
      orgId: company.org_id,
      channel: "email",
      recipient: user.email,
      recipientKind: "user",
      subject: notice.subject,
      body: notice.body,
      kind: "password_reset",
      dedupeKey: `password_reset:${reset.id}`,
    });
    return true;
  });
}

/** True while a reset link may still be used. */
export async function isResetLinkUsable(db: Db, tokenHash: string): Promise<boolean> {
  const rows = await withService(db, (tx) =>
    tx.query("select 1 from private.password_resets where token_hash = $1 and used_at is null and expires_at > now()", [tokenHash]),
  );
  return rows.length > 0;
}

/**
 * Sets a new password through a reset link: once, within its hour. Every other reset
 * link of the person stops working, their sessions end, and their sign-in counters
 * are cleared (they proved they own the address).
 */
export async function resetPassword(db: Db, tokenHash: string, newHash: string): Promise<{ ok: true; userId: string } | { ok: false }> {
  return withService(db, async (tx) => {
    const [reset] = await tx.query<{ user_id: string }>(
      "select user_id from private.password_resets where token_hash = $1 and used_at is null and expires_at > now() for update",
      [tokenHash],
    );
    if (!reset) return { ok: false } as const;
    await tx.query("update private.password_resets set used_at = now() where user_id = $1 and used_at is null", [reset.user_id]);
    const [user] = await tx.query<{ email: string }>("update auth.users set encrypted_password = $2, updated_at = now() where id = $1 returning email", [reset.user_id, newHash]);
    await tx.query("update private.sessions set revoked_at = now(), revoked_reason = 'password reset' where user_id = $1 and revoked_at is null", [reset.user_id]);
    await tx.query("delete from private.sign_in_attempts where throttle_key = $1 or throttle_key like $2", [`account:${user.email.toLowerCase()}`, `device:%:${user.email.toLowerCase()}`]);
    return { ok: true, userId: reset.user_id } as const;
  });
}
