import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/db/with-user";
import {
  clearFailedAttempts,
  findAccountByEmail,
  listCompaniesOf,
  readFailedAttempts,
  recordFailedAttempt,
} from "@/lib/db/accounts";
import { DUMMY_HASH_PROMISE, verifyPassword } from "@/lib/auth/password";
import { describeWait, retryAfterSeconds } from "@/lib/auth/throttle";

export type SignInResult =
  | { ok: true; userId: string; orgId: string; role: Role }
  | { ok: false; code: "invalid_credentials" | "throttled" | "no_company"; message: string; retryAfterSeconds?: number };

export const INVALID_CREDENTIALS_MESSAGE = "Email or password is incorrect.";

/**
 * Checks an email and password. The same message is returned for an unknown address
 * and a wrong password, and an unknown address costs the same time, so neither
 * reveals which accounts exist. Repeated failures for one address are slowed down.
 */
export async function signIn(db: Db, email: string, password: string, now = new Date()): Promise<SignInResult> {
  const address = email.trim().toLowerCase();
  const wait = retryAfterSeconds(await readFailedAttempts(db, address), now);
  if (wait > 0) {
    return {
      ok: false,
      code: "throttled",
      message: `Too many failed sign-ins for this address. Try again in ${describeWait(wait)}.`,
      retryAfterSeconds: wait,
    };
  }
  const account = await findAccountByEmail(db, address);
  const valid = await verifyPassword(password, account?.passwordHash ?? (await DUMMY_HASH_PROMISE));
  if (!account || !valid) {
    await recordFailedAttempt(db, address);
    return { ok: false, code: "invalid_credentials", message: INVALID_CREDENTIALS_MESSAGE };
  }
  await clearFailedAttempts(db, address);
  const companies = await listCompaniesOf(db, account.id, address);
  if (companies.length === 0) {
    return { ok: false, code: "no_company", message: "This account does not belong to any company yet. Ask your administrator for access." };
  }
  return { ok: true, userId: account.id, orgId: companies[0].orgId, role: companies[0].role };
}
