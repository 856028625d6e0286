import "server-only";
import { requireSession } from "@/lib/auth/session";
import type { SessionContext } from "@/lib/db/accounts";
import type { Queryable } from "@/lib/db/client";
import { getDb } from "@/lib/db/connection";
import { withUser } from "@/lib/db/with-user";

/** A signed-in page's session and its way to read the database as that person. */
export interface PageSession {
  session: SessionContext;
  /**
   * Runs `fn` in one transaction as the signed-in person, so row-level security
   * scopes every query to their company.
   */
  read<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

/**
 * The start of every signed-in page: the session (or a redirect to sign-in that
 * comes back to `path`) and a reader bound to it. Role checks stay in the page.
 *
 * @example
 * const { session, read } = await pageSession("/jobs");
 * const jobs = await read((tx) => searchJobs(tx, session.user.orgId, …));
 */
export async function pageSession(path: string): Promise<PageSession> {
  const session = await requireSession(path);
  return { session, read: async (fn) => withUser(await getDb(), session.user, fn) };
}
