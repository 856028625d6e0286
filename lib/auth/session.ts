import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/connection";
import { loadSessionContext, type SessionContext } from "@/lib/db/accounts";
import type { Role } from "@/lib/db/with-user";
import { authSecret } from "@/lib/auth/secret";
import { SESSION_COOKIE, SESSION_TTL_SECONDS, decodeSession, encodeSession } from "@/lib/auth/session-token";

/** The signed-in person and their company for this request, or null. */
export const getSession = cache(async (): Promise<SessionContext | null> => {
  const store = await cookies();
  const payload = decodeSession(store.get(SESSION_COOKIE)?.value, authSecret(), Math.floor(Date.now() / 1000));
  if (!payload) return null;
  return loadSessionContext(await getDb(), payload.uid, payload.org);
});

/** The session, or a redirect to sign-in (keeping where the person was going). */
export async function requireSession(next?: string): Promise<SessionContext> {
  const session = await getSession();
  if (!session) redirect(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  return session;
}

/** True when the session's role is one of `roles`. */
export function hasRole(session: SessionContext, roles: readonly Role[]): boolean {
  return roles.includes(session.user.role);
}

export async function startSession(userId: string, orgId: string): Promise<void> {
  const store = await cookies();
  const exp = Math.floor(Date.now() / 1000) + SESSION_TTL_SECONDS;
  store.set(SESSION_COOKIE, encodeSession({ uid: userId, org: orgId, exp }, authSecret()), {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.COOKIE_SECURE === "true",
    path: "/",
    maxAge: SESSION_TTL_SECONDS,
  });
}

export async function endSession(): Promise<void> {
  const store = await cookies();
  store.delete(SESSION_COOKIE);
}
