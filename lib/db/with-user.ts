import type { Db, Queryable } from "@/lib/db/client";

export type Role = "admin" | "dispatcher" | "technician" | "viewer";

/** Who is making a request, as the session knows them. */
export interface SessionUser {
  userId: string;
  email: string;
  name: string;
  orgId: string;
  role: Role;
}

export interface WithUserOptions {
  /** Recorded with every audit row this transaction writes (e.g. `{ undo: true }`). */
  auditContext?: Record<string, unknown>;
  /** The browser tab making the change: its live events say so, and that tab skips them. */
  tabId?: string;
}

/** The claims Supabase would put in `request.jwt.claims` for this user. */
export function claimsFor(user: Pick<SessionUser, "userId" | "email" | "orgId">): Record<string, unknown> {
  return {
    sub: user.userId,
    email: user.email,
    role: "authenticated",
    aud: "authenticated",
    app_metadata: { org_id: user.orgId },
  };
}

/**
 * Runs `fn` in one transaction as role `authenticated` with the user's claims set,
 * so row-level security applies to application code exactly as to anyone else.
 *
 * @example
 * const jobs = await withUser(db, user, (tx) => tx.query("select * from jobs"));
 */
export async function withUser<T>(
  db: Db,
  user: Pick<SessionUser, "userId" | "email" | "orgId">,
  fn: (tx: Queryable) => Promise<T>,
  options: WithUserOptions = {},
): Promise<T> {
  return db.transaction(async (tx) => {
    // one statement: `set_config('role', …, true)` is `set local role`
    await tx.query(
      `select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true),
              set_config('app.audit_context', $2, true), set_config('app.tab_id', $3, true)`,
      [JSON.stringify(claimsFor(user)), options.auditContext ? JSON.stringify(options.auditContext) : "", options.tabId ?? ""],
    );
    return fn(tx);
  });
}

/**
 * Runs `fn` in one transaction as `service_role` (bypasses row-level security).
 * Only migrations, the seed, sign-in and background workers use this.
 */
export async function withService<T>(db: Db, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    // one statement, as in withUser: `set_config('role', …, true)` is `set local role`
    await tx.query(
      "select set_config('role', 'service_role', true), set_config('request.jwt.claims', '', true), set_config('app.audit_context', '', true)",
    );
    return fn(tx);
  });
}
