import { describe, expect, test } from "vitest";
import { formatDayLabel, formatWindow } from "@/lib/notify/notice-windows";

const CHICAGO = "America/Chicago";
// Monday 23 November 2026; Chicago is UTC-6 (CST).
const at = (hhmm: string, date = "2026-11-23") => {
  const [h, m] = hhmm.split(":").map(Number);
  const [y, mo, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h + 6, m)).toISOString(); // Chicago wall clock → UTC
};

describe("formatWindow", () => {
  test.each([
    [{ start: at("09:30"), end: at("11:30") }, CHICAGO, "between 09:30 and 11:30 on Monday, November 23"],
    [{ start: "2026-11-23T15:30:00Z", end: "2026-11-23T17:30:00Z" }, "UTC", "between 15:30 and 17:30 on Monday, November 23"],
    [{ start: at("22:00"), end: at("01:00", "2026-11-24") }, CHICAGO, "between 22:00 on Monday, November 23 and 01:00 on Tuesday, November 24"],
    [{ start: at("22:00"), end: at("00:00", "2026-11-24") }, CHICAGO, "between 22:00 and 00:00 on Monday, November 23"],
    // 23:30 UTC on the 23rd is already the 24th in Berlin
    [{ start: "2026-11-23T23:30:00Z", end: "2026-11-24T01:30:00Z" }, "Europe/Berlin", "between 00:30 and 02:30 on Tuesday, November 24"],
  ])("%o in %s reads %s", (window, tz, expected) => {
    expect(formatWindow(window, tz)).toBe(expected);
  });

  test("the day is the company's, not UTC's", () => {
    expect(formatDayLabel("2026-11-24T03:00:00Z", CHICAGO)).toBe("Monday, November 23");
  });
});
