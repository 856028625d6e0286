import { describe, expect, test } from "vitest";
import { addDays, formatDate, isCalendarDate, weekdayOf } from "@/lib/time/calendar-date";

describe("addDays", () => {
  test.each([
    ["2026-12-31", 1, "2027-01-01"],
    ["2026-03-01", -1, "2026-02-28"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2026-11-23", 7, "2026-11-30"],
    // DST-change days in America/Chicago are still one calendar day apart
    ["2026-03-07", 1, "2026-03-08"],
    ["2026-11-01", 1, "2026-11-02"],
    ["2026-11-23", 0, "2026-11-23"],
  ])("%s + %i days is %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe("weekdayOf", () => {
  test.each([
    ["2026-11-23", 1],
    ["2026-11-27", 5],
    ["2026-11-22", 7],
    ["2027-03-14", 7],
  ])("%s is ISO weekday %i", (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });
});

describe("formatDate", () => {
  test.each([
    ["2026-11-23", "EEEE, MMMM d", "Monday, November 23"],
    ["2026-11-23", "EEE, MMM d", "Mon, Nov 23"],
    ["2026-11-23", "MMMM d, yyyy", "November 23, 2026"],
    ["2026-12-31", "EEE d MMM", "Thu 31 Dec"],
  ])("%s as %s reads %s", (date, pattern, expected) => {
    expect(formatDate(date, pattern)).toBe(expected);
  });
});

describe("isCalendarDate", () => {
  test.each([
    ["2026-11-23", true],
    ["2028-02-29", true],
    ["2026-02-29", false],
    ["2026-02-30", false],
    ["2026-13-01", false],
    ["2026-1-5", false],
    ["23/11/2026", false],
    ["", false],
  ])("%s → %s", (s, valid) => {
    expect(isCalendarDate(s)).toBe(valid);
  });
});
