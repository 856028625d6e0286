/**
 * How often and how soon the outbox worker tries a notice again. Pure, so the
 * worker, the outbox page and the tests agree on one rule.
 */

/** A notice is tried at most this many times, then stays failed. */
export const MAX_ATTEMPTS = 5;

/**
 * How long a worker may hold a claimed ('sending') row before another worker treats
 * the first as gone (crashed mid-send) and takes the row back.
 */
export const SENDING_LEASE_MINUTES = 10;

/**
 * Minutes to wait after failed attempt number `attempts` (1-based): 1, 2, 4, 8 …,
 * or null when that was the last attempt allowed.
 *
 * @example
 * retryDelayMinutes(1) // 1
 * retryDelayMinutes(3) // 4
 * retryDelayMinutes(5) // null (gave up)
 */
export function retryDelayMinutes(attempts: number, maxAttempts = MAX_ATTEMPTS): number | null {
  if (attempts >= maxAttempts) return null;
  return 2 ** Math.max(0, attempts - 1);
}

/**
 * When a notice that failed on attempt number `attempts` at `now` may be tried
 * again, or null when it will not be.
 *
 * @example
 * nextAttemptAt(2, new Date("2026-11-23T15:00:00Z")) // 2026-11-23T15:02:00.000Z
 */
export function nextAttemptAt(attempts: number, now: Date, maxAttempts = MAX_ATTEMPTS): Date | null {
  const delay = retryDelayMinutes(attempts, maxAttempts);
  return delay === null ? null : new Date(now.getTime() + delay * 60_000);
}
