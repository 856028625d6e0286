import { describe, expect, it } from "vitest";
import { clockToMinute, formatWhen, hourTicks, minuteAtX, offsetPercent, parseClock, snapMinute, timelineRange, widthPercent } from "@/components/board/timeline";
import { testAssignment, testDay, testTech } from "@/components/board/test-day";

const m = (iso: string) => Date.parse(iso) / 60000;

describe("timelineRange", () => {
  it("shows 06:00–20:00 in the company's time zone when everything fits", () => {
    const range = timelineRange(testDay());
    expect(range).toEqual({ start: m("2026-11-23T12:00:00Z"), end: m("2026-11-24T02:00:00Z") });
  });

  it("widens to whole hours around an early shift and a late visit", () => {
    const day = testDay({
      technicians: [testTech("t1", { shift: { start: "2026-11-23T11:30:00Z", end: "2026-11-23T20:00:00Z" } })],
      assignments: [testAssignment("1", "t1", "2026-11-24T02:00:00Z", "2026-11-24T03:10:00Z")],
    });
    expect(timelineRange(day)).toEqual({ start: m("2026-11-23T11:00:00Z"), end: m("2026-11-24T04:00:00Z") });
  });

  it("reads the visits in minutes when the board already has them, the same as from the assignments", () => {
    const day = testDay({
      technicians: [testTech("t1", { shift: { start: "2026-11-23T11:30:00Z", end: "2026-11-23T20:00:00Z" } })],
      assignments: [testAssignment("1", "t1", "2026-11-24T02:00:00Z", "2026-11-24T03:10:00Z")],
    });
    const visits = [{ start: m("2026-11-24T02:00:00Z"), end: m("2026-11-24T03:10:00Z") }];
    expect(timelineRange({ ...day, assignments: [] }, {}, visits)).toEqual(timelineRange(day));
    expect(timelineRange(day, {}, [])).toEqual({ start: m("2026-11-23T11:00:00Z"), end: m("2026-11-24T02:00:00Z") });
  });

  it("never reaches past the day, even for a visit running past midnight", () => {
    const day = testDay({ assignments: [testAssignment("1", "t1", "2026-11-24T05:00:00Z", "2026-11-24T07:00:00Z")] });
    expect(timelineRange(day).end).toBe(m("2026-11-24T06:00:00Z"));
  });
});

describe("hourTicks", () => {
  it("labels each hour on the company's wall clock", () => {
    const ticks = hourTicks({ start: m("2026-11-23T12:00:00Z"), end: m("2026-11-23T15:00:00Z") }, "America/Chicago");
    expect(ticks.map((t) => t.label)).toEqual(["06:00", "07:00", "08:00"]);
    expect(ticks.map((t) => t.hour)).toEqual([6, 7, 8]);
  });
});

describe("positions", () => {
  const range = { start: 0, end: 600 };
  it.each([
    [150, 25],
    [-30, 0],
    [700, 100],
  ])("offsetPercent(%d) is %d", (minute, pct) => expect(offsetPercent(range, minute)).toBe(pct));

  it("clips widths to the range", () => {
    expect(widthPercent(range, 540, 720)).toBe(10);
    expect(widthPercent(range, 700, 720)).toBe(0);
  });

  it("turns a pointer position into a minute", () => {
    expect(minuteAtX(range, 350, { left: 100, width: 1000 })).toBe(150);
  });
});

describe("snapMinute", () => {
  const range = { start: 600, end: 1440 };
  it.each([
    [617, 15, 615],
    [623, 15, 630],
    [644, 30, 630],
    [599, 5, 600],
  ])("%d with a %d-minute step is %d", (minute, step, snapped) => expect(snapMinute(range, minute, step)).toBe(snapped));
});

describe("clockToMinute", () => {
  it("reads a wall-clock time in the company's zone", () => {
    expect(clockToMinute("2026-11-23", "10:00", "America/Chicago")).toBe(m("2026-11-23T16:00:00Z"));
  });
});

describe("parseClock", () => {
  it.each([
    ["9:30", "09:30"],
    ["09:30", "09:30"],
    ["930", "09:30"],
    ["1415", "14:15"],
    ["14", "14:00"],
    [" 7 ", "07:00"],
    ["0:05", "00:05"],
  ])("reads %j as %s", (text, clock) => expect(parseClock(text)).toBe(clock));

  it.each(["24:00", "12:60", "noon", "", "9.30", "12345"])("refuses %j", (text) => expect(parseClock(text)).toBeNull());
});

describe("formatWhen", () => {
  it("gives only the clock on the board's day and the date on another", () => {
    expect(formatWhen("2026-11-23T23:00:00Z", "2026-11-23", "America/Chicago")).toBe("17:00");
    expect(formatWhen("2026-11-21T23:00:00Z", "2026-11-23", "America/Chicago")).toBe("Sat, Nov 21 17:00");
  });
});
