import { describe, expect, test } from "vitest";
import { CLIENT_FREE_ATTEMPTS, FREE_ATTEMPTS, describeWait, retryAfterSeconds, signInThrottleRules } from "@/lib/auth/throttle";

const at = (iso: string) => new Date(iso);

describe("retryAfterSeconds", () => {
  test.each([
    ["no failures", null, "2026-11-23T08:00:00Z", 0],
    ["four failures are free", { failedCount: 4, lastFailedAt: at("2026-11-23T08:00:00Z") }, "2026-11-23T08:00:00Z", 0],
    ["the fifth failure costs 30 s", { failedCount: 5, lastFailedAt: at("2026-11-23T08:00:00Z") }, "2026-11-23T08:00:10Z", 20],
    ["the wait doubles", { failedCount: 6, lastFailedAt: at("2026-11-23T08:00:00Z") }, "2026-11-23T08:00:20Z", 40],
    ["the wait is capped at 15 minutes", { failedCount: 30, lastFailedAt: at("2026-11-23T08:00:00Z") }, "2026-11-23T08:00:00Z", 900],
    ["a wait that has passed", { failedCount: 6, lastFailedAt: at("2026-11-23T08:00:00Z") }, "2026-11-23T08:05:00Z", 0],
  ] as const)("%s", (_name, attempts, now, expected) => {
    expect(retryAfterSeconds(attempts, at(now))).toBe(expected);
  });
});

describe("describeWait", () => {
  test.each([
    [1, "1 second"],
    [45, "45 seconds"],
    [120, "2 minutes"],
    [900, "15 minutes"],
  ])("%i s reads %s", (s, text) => expect(describeWait(s)).toBe(text));
});

describe("signInThrottleRules", () => {
  test("a new device counts against the account; a known device counts on its own", () => {
    expect(signInThrottleRules("ada@example.test", { address: "203.0.113.9" })).toEqual([
      { key: "account:ada@example.test", freeAttempts: FREE_ATTEMPTS, onSuccess: "clear" },
      { key: "client:203.0.113.9", freeAttempts: CLIENT_FREE_ATTEMPTS, onSuccess: "undo" },
    ]);
    expect(signInThrottleRules("ada@example.test", { address: "203.0.113.9", trustedDeviceId: "dev1" })[0].key).toBe("device:dev1:ada@example.test");
  });
  test("the client allowance is larger than the account's", () => {
    expect(CLIENT_FREE_ATTEMPTS).toBeGreaterThan(FREE_ATTEMPTS);
    expect(retryAfterSeconds({ failedCount: CLIENT_FREE_ATTEMPTS - 1, lastFailedAt: at("2026-11-23T08:00:00Z") }, at("2026-11-23T08:00:00Z"), CLIENT_FREE_ATTEMPTS)).toBe(0);
    expect(retryAfterSeconds({ failedCount: CLIENT_FREE_ATTEMPTS, lastFailedAt: at("2026-11-23T08:00:00Z") }, at("2026-11-23T08:00:00Z"), CLIENT_FREE_ATTEMPTS)).toBe(30);
  });
});
