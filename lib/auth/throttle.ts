/** After this many attempts for one account from one device (or any new device) the next must wait. */
export const FREE_ATTEMPTS = 5;
/** After this many failed attempts from one client address, across all accounts, the next must wait. */
export const CLIENT_FREE_ATTEMPTS = 100;
const BASE_DELAY_SECONDS = 30;
export const MAX_DELAY_SECONDS = 15 * 60;
/** Counters nobody has added to for this long are deleted: everyone starts afresh. */
export const FORGET_AFTER_HOURS = 24;

export interface FailedAttempts {
  failedCount: number;
  lastFailedAt: Date;
}

/**
 * Seconds an address must still wait before its next sign-in attempt (0 = may try now).
 * The wait doubles with every attempt past the free ones, up to 15 minutes.
 *
 * @example
 * retryAfterSeconds({ failedCount: 6, lastFailedAt: new Date("2026-11-23T08:00:00Z") }, new Date("2026-11-23T08:00:20Z")) // 40
 */
export function retryAfterSeconds(attempts: FailedAttempts | null, now: Date, freeAttempts = FREE_ATTEMPTS): number {
  if (!attempts || attempts.failedCount < freeAttempts) return 0;
  const delay = delaySeconds(attempts.failedCount, freeAttempts);
  const elapsed = (now.getTime() - attempts.lastFailedAt.getTime()) / 1000;
  return Math.max(0, Math.ceil(delay - elapsed));
}

/** The wait after `count` attempts (the database computes the same when it reserves one). */
export function delaySeconds(count: number, freeAttempts: number): number {
  return Math.min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** Math.max(0, count - freeAttempts));
}

/** One counter a sign-in attempt adds to. */
export interface ThrottleRule {
  key: string;
  freeAttempts: number;
  /**
   * What a successful sign-in does to the counter: `clear` it (the account's), or only
   * take back this attempt (`undo`, the client address's: one good account must not
   * wipe out a spray of guesses at others).
   */
  onSuccess: "clear" | "undo";
}

export interface SignInClient {
  /** The client's address as the server sees it ("unknown" when it cannot tell). */
  address: string;
  /** A device that signed in to this account before (its signed cookie), if any. */
  trustedDeviceId?: string | null;
}

/**
 * The counters a sign-in attempt for `email` from `client` adds to. Attempts from a
 * device that signed in to this account before count apart from everyone else's, so a
 * stranger guessing at an address cannot keep its owner out; and every client address
 * has its own, larger allowance across all accounts (password spraying).
 *
 * @example
 * signInThrottleRules("ada@example.test", { address: "203.0.113.9" }).map((r) => r.key)
 * // ["account:ada@example.test", "client:203.0.113.9"]
 */
export function signInThrottleRules(email: string, client: SignInClient): ThrottleRule[] {
  const account = client.trustedDeviceId ? `device:${client.trustedDeviceId}:${email}` : `account:${email}`;
  return [
    { key: account, freeAttempts: FREE_ATTEMPTS, onSuccess: "clear" },
    { key: `client:${client.address}`, freeAttempts: CLIENT_FREE_ATTEMPTS, onSuccess: "undo" },
  ];
}

/** "2 minutes", "45 seconds": a wait in words. */
export function describeWait(seconds: number): string {
  if (seconds >= 90) return `${Math.ceil(seconds / 60)} minutes`;
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
}
