import { describe, expect, test } from "vitest";
import { formatHours, loadLevel } from "@/components/board/WeekView";

describe("loadLevel", () => {
  test.each([
    ["nothing booked on a working day", 0, 480, "ok"],
    ["at the threshold", 408, 480, "ok"],
    ["above the threshold", 420, 480, "busy"],
    ["exactly full", 480, 480, "busy"],
    ["over full", 495, 480, "over"],
    ["a day off", 0, 0, "off"],
    ["work booked on a day off", 60, 0, "over"],
    ["time off larger than the shift", 30, -60, "over"],
  ] as const)("%s", (_, booked, capacity, level) => {
    expect(loadLevel(booked, capacity, 0.85)).toBe(level);
  });
});

describe("formatHours", () => {
  test.each([
    [480, "8"],
    [390, "6.5"],
    [440, "7.3"],
    [0, "0"],
  ])("%i minutes read %s h", (minutes, text) => {
    expect(formatHours(minutes)).toBe(text);
  });
});
