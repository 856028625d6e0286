/**
 * The time the app plans with. Normally the real clock; `CREWBOARD_CLOCK` (an ISO
 * instant) starts it at another moment and lets it run from there — for
 * demonstrations and browser tests that need a working morning whatever the hour.
 * Session expiry, sign-in throttling and delivery retries always use the real clock.
 */
const startedAt = Date.now();
const configured = process.env.CREWBOARD_CLOCK ? Date.parse(process.env.CREWBOARD_CLOCK) : Number.NaN;

/** The current planning time. */
export function now(): Date {
  return Number.isNaN(configured) ? new Date() : new Date(configured + (Date.now() - startedAt));
}
