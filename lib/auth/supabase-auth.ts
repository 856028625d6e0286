/**
 * Supabase Auth, the auth Crewboard was specified with. When `SUPABASE_URL` and
 * `SUPABASE_ANON_KEY` are set, Supabase checks passwords and owns accounts: sign-in,
 * sign-up and password-reset emails go through `@supabase/ssr` (the Supabase client for
 * servers, keeping its session in cookies), and every access token Supabase hands back
 * is verified here before anyone is let in — HS256 with the project's JWT secret
 * (`SUPABASE_JWT_SECRET`), or the asymmetric keys (ES256 / RS256) the project publishes
 * at `/auth/v1/.well-known/jwks.json`. The token's `sub` is the person's profile id, so
 * row-level security sees the same claims either way. Crewboard still keeps its own
 * server-side session on top, so signing out, removing a member and changing a role end
 * access at once.
 */
import type { CookieOptions } from "@supabase/ssr";
import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from "jose";

export interface SupabaseAuthConfig {
  /** The project's URL, e.g. https://abcd.supabase.co (no trailing slash). */
  url: string;
  anonKey: string;
  /** The project's legacy JWT secret, for HS256 tokens. */
  jwtSecret: string | null;
}

/** The configured project, null when Supabase Auth is not in use; throws on a half-made setting. */
export function supabaseAuthConfig(env: Record<string, string | undefined> = process.env): SupabaseAuthConfig | null {
  const url = env.SUPABASE_URL?.trim();
  const anonKey = env.SUPABASE_ANON_KEY?.trim();
  if (!url && !anonKey) return null;
  if (!url || !anonKey) throw new Error("Supabase Auth needs both SUPABASE_URL and SUPABASE_ANON_KEY (one of them is missing).");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`SUPABASE_URL is not a URL: "${url}".`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error("SUPABASE_URL must start with https:// (or http:// for a local project).");
  const secret = env.SUPABASE_JWT_SECRET?.trim() || null;
  if (secret !== null && secret.length < 32) throw new Error("SUPABASE_JWT_SECRET is shorter than 32 characters: copy the project's whole JWT secret.");
  return { url: parsed.origin + parsed.pathname.replace(/\/+$/, ""), anonKey, jwtSecret: secret };
}

/** Where Supabase's client keeps its session: the request's cookies. */
export interface CookieJar {
  getAll(): { name: string; value: string }[];
  setAll(cookies: { name: string; value: string; options: CookieOptions }[]): void;
}

/** The Supabase client for one request, its session in `jar` (httpOnly cookies). */
export async function supabaseServerClient(config: SupabaseAuthConfig, jar: CookieJar) {
  // loaded on first use: an install without Supabase Auth never loads the client
  const [{ createServerClient }, { default: WebSocket }] = await Promise.all([import("@supabase/ssr"), import("ws")]);
  return createServerClient(config.url, config.anonKey, {
    cookies: { getAll: () => jar.getAll(), setAll: (cookies) => jar.setAll(cookies) },
    cookieOptions: { httpOnly: true, sameSite: "lax", secure: process.env.COOKIE_SECURE === "true", path: "/" },
    auth: { autoRefreshToken: false, detectSessionInUrl: false, persistSession: true, flowType: "pkce" },
    // the client always builds its realtime part; Node 20 has no WebSocket of its own
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
  });
}

/** What Crewboard takes from a verified access token. */
export interface VerifiedToken {
  /** The Supabase user id: Crewboard's profile id. */
  userId: string;
  email: string | null;
  /** Supabase's session id, when the token names one. */
  sessionId: string | null;
  expiresAt: Date;
}

/** A token that is not to be trusted, with the reason in words. */
export class TokenRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TokenRefused";
  }
}

const ASYMMETRIC = ["ES256", "RS256", "EdDSA"];
const keySets = new Map<string, JWTVerifyGetKey>();

function projectKeys(config: SupabaseAuthConfig): JWTVerifyGetKey {
  const url = `${config.url}/auth/v1/.well-known/jwks.json`;
  let keys = keySets.get(url);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(url), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
    keySets.set(url, keys);
  }
  return keys;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Verifies a Supabase access token: signature (HS256 with the JWT secret, or the
 * project's published keys), issuer `<project>/auth/v1`, audience `authenticated`,
 * expiry, and a user id for `sub`. Throws TokenRefused saying why.
 */
export async function verifySupabaseAccessToken(token: string, config: SupabaseAuthConfig, now: Date = new Date()): Promise<VerifiedToken> {
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw new TokenRefused("The access token is not a JWT.");
  }
  const options = { issuer: `${config.url}/auth/v1`, audience: "authenticated", currentDate: now, clockTolerance: 5 };
  try {
    let payload;
    if (alg === "HS256") {
      if (!config.jwtSecret) throw new TokenRefused("The token is signed with the project's JWT secret (HS256), but SUPABASE_JWT_SECRET is not set.");
      ({ payload } = await jwtVerify(token, new TextEncoder().encode(config.jwtSecret), { ...options, algorithms: ["HS256"] }));
    } else if (alg && ASYMMETRIC.includes(alg)) {
      ({ payload } = await jwtVerify(token, projectKeys(config), { ...options, algorithms: ASYMMETRIC }));
    } else {
      throw new TokenRefused(`The token's algorithm (${alg ?? "none"}) is not one Supabase signs with.`);
    }
    if (typeof payload.sub !== "string" || !UUID.test(payload.sub)) throw new TokenRefused("The token names no user.");
    if (payload.role !== "authenticated") throw new TokenRefused(`The token is for the "${String(payload.role)}" role, not a signed-in person.`);
    return {
      userId: payload.sub.toLowerCase(),
      email: typeof payload.email === "string" && payload.email ? payload.email.toLowerCase() : null,
      sessionId: typeof payload.session_id === "string" ? payload.session_id : null,
      expiresAt: new Date((payload.exp ?? 0) * 1000),
    };
  } catch (err) {
    if (err instanceof TokenRefused) throw err;
    if (err instanceof joseErrors.JWTExpired) throw new TokenRefused("The access token has expired.");
    if (err instanceof joseErrors.JWSSignatureVerificationFailed) throw new TokenRefused("The access token's signature does not match: it was altered or not signed by this project.");
    if (err instanceof joseErrors.JWTClaimValidationFailed) throw new TokenRefused(`The access token's ${err.claim} claim is wrong for this project.`);
    if (err instanceof joseErrors.JWKSNoMatchingKey) throw new TokenRefused("No key the project publishes matches the token.");
    throw new TokenRefused(`The access token could not be verified: ${(err as Error).message}`);
  }
}

export type SupabaseCredentialCheck =
  | { ok: true; token: VerifiedToken }
  | { ok: false; code: "invalid_credentials" | "unconfirmed" | "unavailable" | "refused_token"; message: string };

const UNAVAILABLE = "Sign-in is unavailable right now (the authentication service did not answer). Try again in a minute.";

/** Checks an email and password with Supabase Auth, then verifies the token it returns. */
export async function signInThroughSupabase(config: SupabaseAuthConfig, jar: CookieJar, email: string, password: string): Promise<SupabaseCredentialCheck> {
  const supabase = await supabaseServerClient(config, jar);
  let result;
  try {
    result = await supabase.auth.signInWithPassword({ email, password });
  } catch {
    return { ok: false, code: "unavailable", message: UNAVAILABLE };
  }
  const { data, error } = result;
  if (error || !data.session) {
    if (error?.code === "email_not_confirmed") return { ok: false, code: "unconfirmed", message: "Confirm your email address first: open the link Supabase sent you, then sign in." };
    if (!error || (error.status !== undefined && error.status >= 500) || error.name === "AuthRetryableFetchError") {
      return { ok: false, code: "unavailable", message: UNAVAILABLE };
    }
    return { ok: false, code: "invalid_credentials", message: "Email or password is incorrect." };
  }
  return verified(data.session.access_token, config);
}

async function verified(accessToken: string, config: SupabaseAuthConfig): Promise<SupabaseCredentialCheck> {
  try {
    return { ok: true, token: await verifySupabaseAccessToken(accessToken, config) };
  } catch (err) {
    return { ok: false, code: "refused_token", message: `Sign-in was refused: ${(err as Error).message}` };
  }
}

export type SupabaseSignUp =
  | { ok: true; userId: string; email: string; signedIn: boolean }
  | { ok: false; code: "exists" | "unavailable" | "refused_token" | "invalid"; message: string };

/**
 * Gets the Supabase account for a new Crewboard person: signs in when the address
 * already has an account with this password, else signs up. `signedIn` is false when
 * the project asks new people to confirm their email first.
 */
export async function signUpThroughSupabase(config: SupabaseAuthConfig, jar: CookieJar, email: string, password: string, fullName: string): Promise<SupabaseSignUp> {
  const existing = await signInThroughSupabase(config, jar, email, password);
  if (existing.ok) return { ok: true, userId: existing.token.userId, email, signedIn: true };
  if (existing.code === "unavailable" || existing.code === "refused_token") return { ok: false, code: existing.code, message: existing.message };
  const supabase = await supabaseServerClient(config, jar);
  let result;
  try {
    result = await supabase.auth.signUp({ email, password, options: { data: { full_name: fullName } } });
  } catch {
    return { ok: false, code: "unavailable", message: UNAVAILABLE };
  }
  const { data, error } = result;
  if (error) {
    if ((error.status ?? 0) >= 500) return { ok: false, code: "unavailable", message: UNAVAILABLE };
    if (error.code === "user_already_exists" || error.code === "email_exists") {
      return { ok: false, code: "exists", message: "This email already has an account: enter that account's password." };
    }
    return { ok: false, code: "invalid", message: error.message };
  }
  // an address that is already registered comes back with no identities (nothing created)
  if (!data.user || (data.user.identities && data.user.identities.length === 0)) {
    return { ok: false, code: "exists", message: "This email already has an account: enter that account's password." };
  }
  if (data.session) {
    const check = await verified(data.session.access_token, config);
    if (!check.ok) return { ok: false, code: "refused_token", message: check.message };
    return { ok: true, userId: check.token.userId, email, signedIn: true };
  }
  return { ok: true, userId: data.user.id.toLowerCase(), email, signedIn: false };
}

/** Ends the Supabase session in this request's cookies (its refresh token stops working). */
export async function signOutOfSupabase(config: SupabaseAuthConfig, jar: CookieJar): Promise<void> {
  const supabase = await supabaseServerClient(config, jar);
  try {
    await supabase.auth.signOut({ scope: "local" });
  } catch {
    // Crewboard's own session ends regardless; the refresh token expires on its own
  }
}

/** Asks Supabase to email a password-reset link (the answer never says whether the address has an account). */
export async function requestPasswordResetThroughSupabase(config: SupabaseAuthConfig, jar: CookieJar, email: string, redirectTo: string): Promise<void> {
  const supabase = await supabaseServerClient(config, jar);
  try {
    await supabase.auth.resetPasswordForEmail(email, { redirectTo });
  } catch {
    // the page says the same either way
  }
}

export type SupabasePasswordChange = { ok: true } | { ok: false; code: "wrong_current" | "unavailable" | "refused"; message: string };

/** Changes the password Supabase holds, after checking the current one with Supabase. */
export async function changePasswordThroughSupabase(
  config: SupabaseAuthConfig,
  jar: CookieJar,
  email: string,
  currentPassword: string,
  newPassword: string,
): Promise<SupabasePasswordChange> {
  const check = await signInThroughSupabase(config, jar, email, currentPassword);
  if (!check.ok) {
    if (check.code === "invalid_credentials") return { ok: false, code: "wrong_current", message: "That is not your current password." };
    return { ok: false, code: check.code === "unavailable" ? "unavailable" : "refused", message: check.message };
  }
  return setPasswordThroughSupabase(config, jar, newPassword);
}

/** Sets a new password for the Supabase session in `jar` (after sign-in or a reset link). */
export async function setPasswordThroughSupabase(config: SupabaseAuthConfig, jar: CookieJar, newPassword: string): Promise<SupabasePasswordChange> {
  const supabase = await supabaseServerClient(config, jar);
  try {
    const { error } = await supabase.auth.updateUser({ password: newPassword });
    if (!error) return { ok: true };
    if ((error.status ?? 0) >= 500 || error.name === "AuthRetryableFetchError") return { ok: false, code: "unavailable", message: UNAVAILABLE };
    return { ok: false, code: "refused", message: error.message };
  } catch {
    return { ok: false, code: "unavailable", message: UNAVAILABLE };
  }
}

/**
 * The link in a Supabase email (password reset, address confirmation) comes back with a
 * one-time code: exchanges it for a session in `jar` and verifies the token.
 */
export async function exchangeCodeThroughSupabase(config: SupabaseAuthConfig, jar: CookieJar, code: string): Promise<SupabaseCredentialCheck> {
  const supabase = await supabaseServerClient(config, jar);
  let result;
  try {
    result = await supabase.auth.exchangeCodeForSession(code);
  } catch {
    return { ok: false, code: "unavailable", message: UNAVAILABLE };
  }
  if (result.error || !result.data.session) {
    if ((result.error?.status ?? 0) >= 500) return { ok: false, code: "unavailable", message: UNAVAILABLE };
    return { ok: false, code: "invalid_credentials", message: "This link has expired or was already used. Ask for a new one." };
  }
  return verified(result.data.session.access_token, config);
}

/** The verified Supabase session already in `jar` (after an exchanged link), or null. */
export async function currentSupabaseUser(config: SupabaseAuthConfig, jar: CookieJar): Promise<VerifiedToken | null> {
  const supabase = await supabaseServerClient(config, jar);
  const { data } = await supabase.auth.getSession();
  if (!data.session) return null;
  try {
    return await verifySupabaseAccessToken(data.session.access_token, config);
  } catch {
    return null;
  }
}
