import { expect, test } from "vitest";
import { formatClock, formatClockRange } from "@/lib/engine/format-clock";

const minute = (h: number, m: number) => Date.UTC(2026, 10, 23, h, m) / 60000;

test.each([
  [minute(8, 0), "UTC", "08:00"],
  [minute(0, 0), "UTC", "00:00"],
  [minute(14, 30), "America/New_York", "09:30"],
  [minute(23, 45), "Europe/Berlin", "00:45"],
  [minute(8, 0), "Asia/Kathmandu", "13:45"],
])("%i in %s reads %s", (at, timeZone, clock) => {
  expect(formatClock(at, timeZone)).toBe(clock);
});

test("a range reads start–end", () => {
  expect(formatClockRange({ start: minute(8, 0), end: minute(10, 0) })).toBe("08:00–10:00");
});
