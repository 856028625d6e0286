import { describe, expect, test } from "vitest";
import { describeWait, retryAfterSeconds } from "@/lib/auth/throttle";

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
