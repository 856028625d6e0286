import { expect, test } from "vitest";
import { MAX_ATTEMPTS, nextAttemptAt, retryDelayMinutes } from "@/lib/notify/retry-policy";

test.each([
  [1, 1],
  [2, 2],
  [3, 4],
  [4, 8],
  [5, null],
  [6, null],
])("after failed attempt %i the next try waits %s minutes", (attempts, minutes) => {
  expect(retryDelayMinutes(attempts)).toBe(minutes);
});

test("gives up after five attempts", () => {
  expect(MAX_ATTEMPTS).toBe(5);
});

test("the next try is counted from the failure", () => {
  const now = new Date("2026-11-23T15:00:00Z");
  expect(nextAttemptAt(3, now)?.toISOString()).toBe("2026-11-23T15:04:00.000Z");
  expect(nextAttemptAt(5, now)).toBeNull();
});
