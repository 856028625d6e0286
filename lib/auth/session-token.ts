import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** What the signed session cookie carries. */
export interface SessionPayload {
  /** random session id; its SHA-256 is the server-side session row */
  sid: string;
  /** user id */
  uid: string;
  /** company the user is working in */
  org: string;
  /** expiry, epoch seconds */
  exp: number;
}

export const SESSION_TTL_SECONDS = 60 * 60 * 12;

/** A new random session id (256 bits). */
export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

/** What the server stores for a session id: its SHA-256, hex. */
export function sessionIdHash(sid: string): string {
  return createHash("sha256").update(sid).digest("hex");
}

function sign(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("base64url");
}

/**
 * Encodes and signs a session payload.
 *
 * @example
 * encodeSession({ sid, uid, org, exp: 1_800_000_000 }, secret) // "eyJzaWQ….Q2x…"
 */
export function encodeSession(payload: SessionPayload, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${sign(body, secret)}`;
}

/** Verifies signature and expiry; null when the token is forged, malformed or expired. */
export function decodeSession(token: string | undefined, secret: string, nowSeconds: number): SessionPayload | null {
  if (!token) return null;
  const dot = token.indexOf(".");
  if (dot <= 0) return null;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const expected = Buffer.from(sign(body, secret), "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as SessionPayload;
    if (typeof payload.sid !== "string" || payload.sid.length < 32) return null;
    if (typeof payload.uid !== "string" || typeof payload.org !== "string" || typeof payload.exp !== "number") return null;
    if (payload.exp <= nowSeconds) return null;
    return payload;
  } catch {
    return null;
  }
}
