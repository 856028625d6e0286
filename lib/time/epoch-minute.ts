/**
 * Epoch minutes: whole minutes since 1970-01-01T00:00Z, the unit the engine plans in.
 */

/**
 * The epoch minute of an instant (seconds are dropped).
 *
 * @example toMinute("2026-11-23T14:00:00Z") // 29_924_040
 */
export function toMinute(instant: string | Date): number {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  return Math.floor(ms / 60000);
}

/**
 * An epoch minute as a UTC ISO string.
 *
 * @example toIso(29_924_040) // "2026-11-23T14:00:00.000Z"
 */
export function toIso(minute: number): string {
  return new Date(minute * 60000).toISOString();
}
