import { describe, expect, test } from "vitest";
import { formatClock, formatClockRange, formatHm, formatInZone } from "@/lib/time/format-time";

const minute = (h: number, m: number) => Date.UTC(2026, 10, 23, h, m) / 60000;

describe("formatClock", () => {
  test.each([
    [minute(8, 0), "UTC", "08:00"],
    [minute(0, 0), "UTC", "00:00"],
    [minute(14, 30), "America/New_York", "09:30"],
    [minute(23, 45), "Europe/Berlin", "00:45"],
    [minute(8, 0), "Asia/Kathmandu", "13:45"],
  ])("%i in %s reads %s", (at, timeZone, clock) => {
    expect(formatClock(at, timeZone)).toBe(clock);
  });
  test("both passes through the repeated hour of a fall-back night read 01:30", () => {
    expect(formatClock(Date.UTC(2026, 10, 1, 6, 30) / 60000, "America/Chicago")).toBe("01:30");
    expect(formatClock(Date.UTC(2026, 10, 1, 7, 30) / 60000, "America/Chicago")).toBe("01:30");
  });
  test("a range reads start–end", () => {
    expect(formatClockRange({ start: minute(8, 0), end: minute(10, 0) })).toBe("08:00–10:00");
  });
});

describe("formatHm", () => {
  test("drops seconds", () => expect(formatHm(new Date("2026-11-23T14:05:59Z"), "America/Chicago")).toBe("08:05"));
});

describe("formatInZone", () => {
  test.each([
    ["2026-11-23T15:30:00Z", "EEEE, MMMM d", "America/Chicago", "Monday, November 23"],
    // 03:00 UTC on the 24th is still the evening of the 23rd in Chicago
    ["2026-11-24T03:00:00Z", "EEE MMM d", "America/Chicago", "Mon Nov 23"],
    ["2026-11-24T03:00:00Z", "EEE MMM d", "UTC", "Tue Nov 24"],
    ["2026-11-23T15:30:00Z", "MMM d", "Asia/Tokyo", "Nov 24"],
  ])("%s as %s in %s reads %s", (iso, pattern, timeZone, expected) => {
    expect(formatInZone(iso, pattern, { timeZone })).toBe(expected);
  });
});
