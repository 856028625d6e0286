import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/connection";
import type { SessionContext } from "@/lib/db/accounts";
import { createSession, resolveSession, revokeSession, type SessionToken } from "@/lib/db/sessions";
import type { Role } from "@/lib/db/with-user";
import { authSecret } from "@/lib/auth/secret";
import {
  SESSION_TTL_SECONDS,
  decodeSession,
  encodeSession,
  newSessionId,
  sessionIdHash,
} from "@/lib/auth/session-token";
import { sessionCookieName } from "@/lib/auth/cookie-name";

/** The signed cookie's server-side session: its stored hash and who it belongs to. */
export interface CurrentSession {
  tokenHash: string;
  context: SessionContext;
}

/**
 * What this request's cookie says, once its signature and expiry are checked, or
 * null; not yet whether the server still holds the session (see getCurrentSession).
 */
export const getSessionToken = cache(async (): Promise<SessionToken | null> => {
  const store = await cookies();
  const payload = decodeSession(store.get(sessionCookieName())?.value, authSecret(), Math.floor(Date.now() / 1000));
  return payload ? { tokenHash: sessionIdHash(payload.sid), userId: payload.uid, orgId: payload.org } : null;
});

/** The live server-side session behind this request's cookie, or null. */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const token = await getSessionToken();
  if (!token) return null;
  const context = await resolveSession(await getDb(), token.tokenHash, token.userId, token.orgId);
  return context ? { tokenHash: token.tokenHash, context } : null;
});

/** The signed-in person and their company for this request, or null. */
export const getSession = cache(async (): Promise<SessionContext | null> => (await getCurrentSession())?.context ?? null);

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

/** Starts a server-side session for the person in one company and sets its cookie. */
export async function startSession(userId: string, orgId: string): Promise<void> {
  const store = await cookies();
  const sid = newSessionId();
  const exp = Math.floor(Date.now() / 1000) + SESSION_TTL_SECONDS;
  await createSession(await getDb(), { tokenHash: sessionIdHash(sid), userId, orgId, expiresAt: new Date(exp * 1000) });
  store.set(sessionCookieName(), encodeSession({ sid, uid: userId, org: orgId, exp }, authSecret()), {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.COOKIE_SECURE === "true",
    path: "/",
    maxAge: SESSION_TTL_SECONDS,
  });
}

/** Ends this request's session on the server (a copy of the cookie stops working too) and clears the cookie. */
export async function endSession(): Promise<void> {
  const store = await cookies();
  const payload = decodeSession(store.get(sessionCookieName())?.value, authSecret(), Math.floor(Date.now() / 1000));
  if (payload) await revokeSession(await getDb(), sessionIdHash(payload.sid));
  store.delete({ name: sessionCookieName(), path: "/", secure: process.env.COOKIE_SECURE === "true" });
}
