import { describe, expect, test } from "vitest";
import { addDays, dayRange, formatHm, offsetMinutes, wallClock, weekdayOf, zonedToUtc } from "@/lib/engine/zoned-time";

describe("zonedToUtc", () => {
  test.each([
    ["2026-11-23", "08:00", "America/Chicago", "2026-11-23T14:00:00.000Z"],
    ["2026-07-01", "08:00", "America/Chicago", "2026-07-01T13:00:00.000Z"],
    ["2026-11-23", "08:00", "Europe/Berlin", "2026-11-23T07:00:00.000Z"],
    ["2026-11-23", "00:00", "UTC", "2026-11-23T00:00:00.000Z"],
    ["2026-11-23", "09:30", "Asia/Kolkata", "2026-11-23T04:00:00.000Z"],
    // spring forward in Chicago: 02:30 does not exist, moved to 03:30 CDT
    ["2026-03-08", "02:30", "America/Chicago", "2026-03-08T08:30:00.000Z"],
    // fall back: 01:30 happens twice, the earlier (CDT) one is taken
    ["2026-11-01", "01:30", "America/Chicago", "2026-11-01T06:30:00.000Z"],
  ])("%s %s in %s is %s", (date, time, tz, iso) => {
    expect(zonedToUtc(date, time, tz).toISOString()).toBe(iso);
  });
});

describe("wallClock and offsets", () => {
  test("a Monday morning in Chicago", () => {
    expect(wallClock(new Date("2026-11-23T15:30:00Z"), "America/Chicago")).toEqual({ date: "2026-11-23", hour: 9, minute: 30, weekday: 1 });
  });
  test("late evening UTC is already tomorrow in Tokyo", () => {
    expect(wallClock(new Date("2026-11-23T20:00:00Z"), "Asia/Tokyo").date).toBe("2026-11-24");
  });
  test("offsets follow daylight saving", () => {
    expect(offsetMinutes(new Date("2026-11-23T12:00:00Z"), "America/Chicago")).toBe(-360);
    expect(offsetMinutes(new Date("2026-07-01T12:00:00Z"), "America/Chicago")).toBe(-300);
  });
  test("formatHm", () => expect(formatHm(new Date("2026-11-23T14:05:00Z"), "America/Chicago")).toBe("08:05"));
});

describe("calendar days", () => {
  test("addDays crosses months and years", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
  test("weekdayOf", () => {
    expect(weekdayOf("2026-11-23")).toBe(1);
    expect(weekdayOf("2026-11-22")).toBe(7);
  });
  test("a DST-change day is 25 hours long", () => {
    const { start, end } = dayRange("2026-11-01", "America/Chicago");
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(25);
  });
});
