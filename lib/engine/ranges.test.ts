import { describe, expect, test } from "vitest";
import {
  contains,
  duration,
  intersect,
  mergeOverlapping,
  overlaps,
  subtract,
} from "@/lib/engine/ranges";
import type { Interval } from "@/lib/engine/types";

const DAY = Date.UTC(2026, 10, 23) / 60000;
/** An interval given as "HH:MM" clock times on 2026-11-23 (UTC). */
function at(from: string, to: string): Interval {
  const minute = (hhmm: string) => {
    const [h, m] = hhmm.split(":").map(Number);
    return DAY + h * 60 + m;
  };
  return { start: minute(from), end: minute(to) };
}

describe("duration", () => {
  test.each([
    [at("08:00", "09:30"), 90],
    [at("08:00", "08:00"), 0],
    [at("09:00", "08:00"), 0],
  ])("%o lasts %i minutes", (interval, minutes) => {
    expect(duration(interval)).toBe(minutes);
  });
});

describe("overlaps", () => {
  test.each([
    ["partly", at("08:00", "10:00"), at("09:00", "11:00"), true],
    ["inside", at("08:00", "12:00"), at("09:00", "10:00"), true],
    ["back to back", at("08:00", "09:00"), at("09:00", "10:00"), false],
    ["apart", at("08:00", "09:00"), at("10:00", "11:00"), false],
    ["empty", at("09:00", "09:00"), at("08:00", "10:00"), false],
  ])("%s → %s", (_name, a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
    expect(overlaps(b, a)).toBe(expected);
  });
});

describe("intersect", () => {
  test.each([
    [at("08:00", "10:00"), at("09:00", "11:00"), at("09:00", "10:00")],
    [at("08:00", "12:00"), at("09:00", "10:00"), at("09:00", "10:00")],
    [at("08:00", "09:00"), at("09:00", "10:00"), null],
  ])("%o ∩ %o", (a, b, expected) => {
    expect(intersect(a, b)).toEqual(expected);
  });
});

describe("contains", () => {
  test.each([
    ["inside", at("08:00", "16:00"), at("09:00", "10:00"), true],
    ["same", at("08:00", "16:00"), at("08:00", "16:00"), true],
    ["runs past the end", at("08:00", "16:00"), at("15:00", "17:00"), false],
    ["empty", at("08:00", "16:00"), at("09:00", "09:00"), false],
  ])("%s → %s", (_name, outer, inner, expected) => {
    expect(contains(outer, inner)).toBe(expected);
  });
});

describe("mergeOverlapping", () => {
  test("sorts, merges overlapping and touching ranges, drops empty ones", () => {
    expect(
      mergeOverlapping([
        at("13:00", "14:00"),
        at("08:00", "09:00"),
        at("08:30", "10:00"),
        at("10:00", "10:30"),
        at("12:00", "12:00"),
      ]),
    ).toEqual([at("08:00", "10:30"), at("13:00", "14:00")]);
  });

  test("does not mutate its input", () => {
    const input = [at("08:00", "09:00"), at("08:30", "10:00")];
    mergeOverlapping(input);
    expect(input).toEqual([at("08:00", "09:00"), at("08:30", "10:00")]);
  });
});

describe("subtract", () => {
  test.each([
    ["nothing booked", [], [at("08:00", "16:00")]],
    [
      "two jobs, unsorted",
      [at("13:00", "14:00"), at("09:00", "10:00")],
      [at("08:00", "09:00"), at("10:00", "13:00"), at("14:00", "16:00")],
    ],
    [
      "cuts spilling over both ends",
      [at("07:00", "09:00"), at("15:00", "18:00")],
      [at("09:00", "15:00")],
    ],
    ["fully booked", [at("08:00", "12:00"), at("11:00", "16:00")], []],
    ["cuts outside the base", [at("05:00", "06:00"), at("17:00", "18:00")], [at("08:00", "16:00")]],
  ])("shift 08:00–16:00 minus %s", (_name, cuts, gaps) => {
    expect(subtract(at("08:00", "16:00"), cuts)).toEqual(gaps);
  });
});
