/** After this many consecutive failures an address must wait before trying again. */
export const FREE_ATTEMPTS = 5;
const BASE_DELAY_SECONDS = 30;
const MAX_DELAY_SECONDS = 15 * 60;

export interface FailedAttempts {
  failedCount: number;
  lastFailedAt: Date;
}

/**
 * Seconds an address must still wait before its next sign-in attempt (0 = may try now).
 * The wait doubles with every failure past the free attempts, up to 15 minutes.
 *
 * @example
 * retryAfterSeconds({ failedCount: 6, lastFailedAt: new Date("2026-11-23T08:00:00Z") }, new Date("2026-11-23T08:00:20Z")) // 40
 */
export function retryAfterSeconds(attempts: FailedAttempts | null, now: Date): number {
  if (!attempts || attempts.failedCount < FREE_ATTEMPTS) return 0;
  const delay = Math.min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** (attempts.failedCount - FREE_ATTEMPTS));
  const elapsed = (now.getTime() - attempts.lastFailedAt.getTime()) / 1000;
  return Math.max(0, Math.ceil(delay - elapsed));
}

/** "2 minutes", "45 seconds": a wait in words. */
export function describeWait(seconds: number): string {
  if (seconds >= 90) return `${Math.ceil(seconds / 60)} minutes`;
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
}
