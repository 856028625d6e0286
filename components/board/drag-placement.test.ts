import { describe, expect, it } from "vitest";
import { moveBlock, placeFromQueue, placementChanged, resizeBlock } from "@/components/board/drag-placement";
import { testAssignment } from "@/components/board/test-day";

const m = (iso: string) => Date.parse(iso) / 60000;
// 06:00–20:00 Chicago, 15-minute steps
const ctx = { range: { start: m("2026-11-23T12:00:00Z"), end: m("2026-11-24T02:00:00Z") }, snapMinutes: 15 };
const a = testAssignment("1", "t1", "2026-11-23T15:00:00.000Z", "2026-11-23T16:30:00.000Z", { helperIds: ["t2"] });

describe("placeFromQueue", () => {
  it("starts the job at the snapped pointer time and gives it its estimate", () => {
    expect(placeFromQueue({ estimatedMinutes: 90 }, "t1", m("2026-11-23T16:06:30Z"), ctx)).toEqual({
      leaderId: "t1",
      helperIds: [],
      start: "2026-11-23T16:00:00.000Z",
      end: "2026-11-23T17:30:00.000Z",
    });
  });
});

describe("moveBlock", () => {
  it("keeps the length and snaps the start", () => {
    expect(moveBlock(a, "t1", "t1", 52, ctx)).toMatchObject({ start: "2026-11-23T15:45:00.000Z", end: "2026-11-23T17:15:00.000Z", leaderId: "t1" });
  });

  it("hands the job to the technician of the lane it lands on", () => {
    expect(moveBlock(a, "t1", "t3", 0, ctx)).toMatchObject({ leaderId: "t3", helperIds: ["t2"], start: a.start });
  });
});

describe("resizeBlock", () => {
  it("moves only the end, snapped", () => {
    expect(resizeBlock(a, 31, ctx)).toMatchObject({ start: a.start, end: "2026-11-23T17:00:00.000Z" });
  });

  it("never makes a visit shorter than one step", () => {
    expect(resizeBlock(a, -500, ctx).end).toBe("2026-11-23T15:15:00.000Z");
  });
});

describe("placementChanged", () => {
  it("is false for the same crew and time, in any helper order", () => {
    expect(placementChanged({ ...a, helperIds: ["x", "y"] }, { leaderId: "t1", helperIds: ["y", "x"], start: a.start, end: a.end })).toBe(false);
    expect(placementChanged(a, { leaderId: "t1", helperIds: ["t2"], start: a.start, end: "2026-11-23T17:00:00.000Z" })).toBe(true);
    expect(placementChanged(undefined, { leaderId: "t1", helperIds: [], start: a.start, end: a.end })).toBe(true);
  });
});
