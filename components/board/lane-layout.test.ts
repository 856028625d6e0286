import { describe, expect, it } from "vitest";
import { formatHours, laneLayouts } from "@/components/board/lane-layout";
import { testAssignment, testDay } from "@/components/board/test-day";
import { homeKey, jobKey, type TravelTimes } from "@/lib/engine/travel";

const travel: TravelTimes = {
  minutes: (from, to) => (from === homeKey("t1") && to === jobKey("1") ? 20 : from === jobKey("1") && to === jobKey("2") ? 12 : 30),
};

describe("laneLayouts", () => {
  it("puts each visit on every crew member's lane with their role", () => {
    const [t1, t2] = laneLayouts(testDay(), travel);
    expect(t1.items.map((i) => [i.job.workOrder, i.role])).toEqual([
      ["WO-1", "leader"],
      ["WO-2", "leader"],
    ]);
    expect(t2.items.map((i) => [i.job.workOrder, i.role])).toEqual([["WO-2", "helper"]]);
  });

  it("shows travel from home base before the first visit and from the previous visit after", () => {
    const [t1, t2] = laneLayouts(testDay(), travel);
    expect(t1.items[0].travel).toEqual({ minutes: 20, from: "home", fromWorkOrder: null });
    expect(t1.items[1].travel).toEqual({ minutes: 12, from: "job", fromWorkOrder: "WO-1" });
    expect(t2.items[0].travel).toEqual({ minutes: 30, from: "home", fromWorkOrder: null });
  });

  it("adds booked minutes against the shift", () => {
    const [t1, t2] = laneLayouts(testDay(), travel);
    expect(t1.bookedMinutes).toBe(180);
    expect(t1.shiftMinutes).toBe(510);
    expect(t2.bookedMinutes).toBe(90);
  });

  it("stacks overlapping visits into separate tracks", () => {
    const day = testDay({
      assignments: [
        testAssignment("1", "t1", "2026-11-23T15:00:00.000Z", "2026-11-23T16:30:00.000Z"),
        testAssignment("2", "t1", "2026-11-23T16:00:00.000Z", "2026-11-23T17:00:00.000Z"),
      ],
    });
    const [t1] = laneLayouts(day, travel);
    expect(t1.tracks).toBe(2);
    expect(t1.items.map((i) => i.track)).toEqual([0, 1]);
  });

  it("shows no travel for a place the estimate does not know instead of failing", () => {
    const throwing: TravelTimes = {
      minutes: () => {
        throw new Error("unknown");
      },
    };
    expect(laneLayouts(testDay(), throwing)[0].items[0].travel).toBeNull();
  });
});

describe("formatHours", () => {
  it.each([
    [390, "6.5"],
    [480, "8"],
    [0, "0"],
  ])("%d minutes read %s", (min, text) => expect(formatHours(min)).toBe(text));
});
