import { describe, expect, test } from "vitest";
import { InsightsParams, resolvePeriod } from "@/lib/schemas/insights";

describe("resolvePeriod", () => {
  test.each([
    [{ period: "today" as const }, "2026-11-26", "2026-11-26", "2026-11-26"],
    [{ period: "week" as const }, "2026-11-26", "2026-11-23", "2026-11-29"],
    [{ period: "week" as const }, "2026-11-29", "2026-11-23", "2026-11-29"],
    [{ period: "4weeks" as const }, "2026-11-26", "2026-10-30", "2026-11-26"],
    [{ period: "custom" as const, from: "2026-03-01", to: "2026-03-31" }, "2026-11-26", "2026-03-01", "2026-03-31"],
  ])("%o on %s is %s to %s", (params, today, from, to) => {
    const p = resolvePeriod(params, today);
    expect([p.from, p.to, p.problem]).toEqual([from, to, null]);
  });

  test.each([
    [{ period: "custom" as const, from: "2026-03-01" }, "Choose both"],
    [{ period: "custom" as const, from: "2026-03-10", to: "2026-03-01" }, "before the first day"],
    [{ period: "custom" as const, from: "2026-01-01", to: "2026-12-31" }, "at most 92 days"],
  ])("a bad custom period %o falls back to four weeks and says why", (params, why) => {
    const p = resolvePeriod(params, "2026-11-26");
    expect([p.from, p.to]).toEqual(["2026-10-30", "2026-11-26"]);
    expect(p.problem).toContain(why);
  });
});

describe("InsightsParams", () => {
  test("defaults to the last four weeks and refuses a date that does not exist", () => {
    expect(InsightsParams.parse({}).period).toBe("4weeks");
    expect(InsightsParams.safeParse({ period: "custom", from: "2026-02-30" }).success).toBe(false);
  });

  test("the period form's empty fields mean the whole team and no custom dates", () => {
    expect(InsightsParams.parse({ period: "today", from: "", to: "", technician: "" })).toEqual({ period: "today" });
  });
});
