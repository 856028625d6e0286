import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/db/with-user";
import { findAccountByEmail, listCompaniesOf, reserveSignInAttempt, settleSuccessfulSignIn, upgradePasswordHash } from "@/lib/db/accounts";
import { DUMMY_HASH_PROMISE, hashPassword, needsRehash, verifyPassword } from "@/lib/auth/password";
import { describeWait, signInThrottleRules, type SignInClient } from "@/lib/auth/throttle";
import { signInThroughSupabase, type CookieJar, type SupabaseAuthConfig } from "@/lib/auth/supabase-auth";
import { accountForSupabaseUser } from "@/lib/db/accounts";

export type SignInResult =
  | { ok: true; userId: string; orgId: string; role: Role }
  | { ok: false; code: "invalid_credentials" | "throttled" | "no_company" | "unavailable"; message: string; retryAfterSeconds?: number };

export const INVALID_CREDENTIALS_MESSAGE = "Email or password is incorrect.";

export interface SignInOptions {
  /** Who is asking; default an unknown address on a new device. */
  client?: SignInClient;
  /** The password check (instrumented in tests to count how many run). */
  verify?: typeof verifyPassword;
  /** Supabase Auth checks the password instead (SUPABASE_URL and SUPABASE_ANON_KEY set). */
  supabase?: { config: SupabaseAuthConfig; jar: CookieJar };
}

const NO_COMPANY = "This account does not belong to any company yet. Ask your administrator for access.";

/**
 * Checks an email and password. The same message is returned for an unknown address
 * and a wrong password, and an unknown address costs the same time, so neither
 * reveals which accounts exist. Every attempt is counted before the password is
 * checked (see reserveSignInAttempt), so parallel guessing gets only the free few.
 * A hash made with older scrypt settings is replaced after a successful check.
 */
export async function signIn(db: Db, email: string, password: string, options: SignInOptions = {}): Promise<SignInResult> {
  const address = email.trim().toLowerCase();
  const rules = signInThrottleRules(address, options.client ?? { address: "unknown" });
  const reserved = await reserveSignInAttempt(db, rules);
  if (!reserved.ok) {
    return {
      ok: false,
      code: "throttled",
      message: `Too many failed sign-ins for this address. Try again in ${describeWait(reserved.waitSeconds)}.`,
      retryAfterSeconds: reserved.waitSeconds,
    };
  }
  if (options.supabase) return signInWithSupabase(db, address, password, rules, options.supabase);
  const verify = options.verify ?? verifyPassword;
  const account = await findAccountByEmail(db, address);
  const valid = await verify(password, account?.passwordHash ?? (await DUMMY_HASH_PROMISE));
  if (!account || !valid) return { ok: false, code: "invalid_credentials", message: INVALID_CREDENTIALS_MESSAGE };
  await settleSuccessfulSignIn(db, rules);
  if (account.passwordHash && needsRehash(account.passwordHash)) {
    await upgradePasswordHash(db, account.id, account.passwordHash, await hashPassword(password));
  }
  const companies = await listCompaniesOf(db, account.id, address);
  if (companies.length === 0) {
    return { ok: false, code: "no_company", message: NO_COMPANY };
  }
  return { ok: true, userId: account.id, orgId: companies[0].orgId, role: companies[0].role };
}

/**
 * The same sign-in with Supabase Auth checking the password: the throttle still counts
 * every attempt first, the token Supabase returns is verified, and its user is mapped to
 * the Crewboard account (see accountForSupabaseUser).
 */
async function signInWithSupabase(
  db: Db,
  address: string,
  password: string,
  rules: ReturnType<typeof signInThrottleRules>,
  supabase: { config: SupabaseAuthConfig; jar: CookieJar },
): Promise<SignInResult> {
  const check = await signInThroughSupabase(supabase.config, supabase.jar, address, password);
  if (!check.ok) {
    if (check.code === "invalid_credentials") return { ok: false, code: "invalid_credentials", message: INVALID_CREDENTIALS_MESSAGE };
    if (check.code === "unavailable") return { ok: false, code: "unavailable", message: check.message };
    return { ok: false, code: "invalid_credentials", message: check.message };
  }
  await settleSuccessfulSignIn(db, rules);
  const userId = await accountForSupabaseUser(db, check.token.userId, check.token.email ?? address);
  const companies = userId ? await listCompaniesOf(db, userId, address) : [];
  if (!userId || companies.length === 0) return { ok: false, code: "no_company", message: NO_COMPANY };
  return { ok: true, userId, orgId: companies[0].orgId, role: companies[0].role };
}
