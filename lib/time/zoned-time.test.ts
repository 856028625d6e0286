import { describe, expect, it, test } from "vitest";
import { dayRange, isTimeZone, offsetMinutes, wallClock, zonedToUtc } from "@/lib/time/zoned-time";

describe("zonedToUtc", () => {
  test.each([
    ["2026-11-23", "08:00", "America/Chicago", "2026-11-23T14:00:00.000Z"],
    ["2026-07-01", "08:00", "America/Chicago", "2026-07-01T13:00:00.000Z"],
    ["2026-11-23", "08:00", "Europe/Berlin", "2026-11-23T07:00:00.000Z"],
    ["2026-11-23", "00:00", "UTC", "2026-11-23T00:00:00.000Z"],
    ["2026-11-23", "09:30", "Asia/Kolkata", "2026-11-23T04:00:00.000Z"],
    ["2026-11-23", "08:00", "Asia/Kathmandu", "2026-11-23T02:15:00.000Z"],
    // spring forward in Chicago: 02:30 never happens, it is moved to 03:30 CDT
    ["2026-03-08", "02:30", "America/Chicago", "2026-03-08T08:30:00.000Z"],
    ["2026-03-08", "03:00", "America/Chicago", "2026-03-08T08:00:00.000Z"],
    // fall back: 01:30 happens twice, the earlier (CDT) one is taken
    ["2026-11-01", "01:30", "America/Chicago", "2026-11-01T06:30:00.000Z"],
    ["2026-11-01", "02:00", "America/Chicago", "2026-11-01T08:00:00.000Z"],
    // Berlin's gap is at 02:00 on the last Sunday of March
    ["2026-03-29", "02:15", "Europe/Berlin", "2026-03-29T01:15:00.000Z"],
  ])("%s %s in %s is %s", (date, time, timeZone, iso) => {
    expect(zonedToUtc(date, time, timeZone).toISOString()).toBe(iso);
  });
});

describe("wallClock", () => {
  test("a Monday morning in Chicago", () => {
    expect(wallClock(new Date("2026-11-23T15:30:00Z"), "America/Chicago")).toEqual({ date: "2026-11-23", hour: 9, minute: 30, weekday: 1 });
  });
  test("late evening UTC is already tomorrow in Tokyo", () => {
    expect(wallClock(new Date("2026-11-23T20:00:00Z"), "Asia/Tokyo")).toEqual({ date: "2026-11-24", hour: 5, minute: 0, weekday: 2 });
  });
  test("a Sunday reads as weekday 7", () => {
    expect(wallClock(new Date("2026-11-22T18:00:00Z"), "America/Chicago").weekday).toBe(7);
  });
  test("the repeated hour of a fall-back night reads the same wall clock twice", () => {
    expect(wallClock(new Date("2026-11-01T06:30:00Z"), "America/Chicago")).toMatchObject({ hour: 1, minute: 30 });
    expect(wallClock(new Date("2026-11-01T07:30:00Z"), "America/Chicago")).toMatchObject({ hour: 1, minute: 30 });
  });
  test("the spring-forward night jumps from 01:59 to 03:00", () => {
    expect(wallClock(new Date("2026-03-08T07:59:00Z"), "America/Chicago")).toMatchObject({ hour: 1, minute: 59 });
    expect(wallClock(new Date("2026-03-08T08:00:00Z"), "America/Chicago")).toMatchObject({ hour: 3, minute: 0 });
  });
});

describe("offsetMinutes", () => {
  test.each([
    ["2026-11-23T12:00:00Z", "America/Chicago", -360],
    ["2026-07-01T12:00:00Z", "America/Chicago", -300],
    ["2026-11-23T12:00:00Z", "Asia/Kathmandu", 345],
    ["2026-11-23T12:00:00Z", "UTC", 0],
  ])("at %s %s is %i minutes from UTC", (iso, timeZone, offset) => {
    expect(offsetMinutes(new Date(iso), timeZone)).toBe(offset);
  });
});

describe("dayRange", () => {
  test.each([
    ["2026-11-23", "America/Chicago", "2026-11-23T06:00:00.000Z", 24],
    // fall back: the day has 25 hours
    ["2026-11-01", "America/Chicago", "2026-11-01T05:00:00.000Z", 25],
    // spring forward: the day has 23 hours
    ["2026-03-08", "America/Chicago", "2026-03-08T06:00:00.000Z", 23],
    ["2026-11-23", "Asia/Kathmandu", "2026-11-22T18:15:00.000Z", 24],
  ])("%s in %s starts at %s and lasts %i hours", (date, timeZone, start, hours) => {
    const range = dayRange(date, timeZone);
    expect(range.start.toISOString()).toBe(start);
    expect((range.end.getTime() - range.start.getTime()) / 3_600_000).toBe(hours);
  });
  test("a day whose midnight falls in a DST gap starts at the first minute that exists", () => {
    // Santiago springs forward at midnight: 2026-09-06 begins at 01:00 local
    expect(dayRange("2026-09-06", "America/Santiago").start.toISOString()).toBe("2026-09-06T04:00:00.000Z");
  });
});

describe("isTimeZone", () => {
  it("knows IANA names and UTC, and refuses anything else", () => {
    expect(isTimeZone("America/Chicago")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});
