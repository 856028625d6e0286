import { describe, expect, it } from "vitest";
import { createBoardView } from "@/components/board/board-view";
import { laneLayouts } from "@/components/board/lane-layout";
import { testAssignment, testDay, testJob } from "@/components/board/test-day";
import { toEngineBoard, travelFor } from "@/lib/board/engine-board";
import { checkBoard } from "@/lib/engine/checks";

// t1 has WO-1 09:00–10:30 and WO-2 10:00–11:30: a double booking
const day = testDay({
  assignments: [
    testAssignment("1", "t1", "2026-11-23T15:00:00.000Z", "2026-11-23T16:30:00.000Z"),
    testAssignment("2", "t1", "2026-11-23T16:00:00.000Z", "2026-11-23T17:30:00.000Z", { helperIds: ["t2"] }),
  ],
});

describe("createBoardView", () => {
  it("gives each job the same warnings as checking the whole board", () => {
    const view = createBoardView(day);
    const whole = checkBoard(toEngineBoard(day), travelFor(day), { timeZone: day.company.timeZone });
    for (const id of ["1", "2"]) expect(view.warningsOf(id)).toEqual(whole[id]);
    expect(view.warningsOf("2").map((w) => w.code)).toContain("double_booked");
  });

  it("lays out a lane the same way as laying out the whole board", () => {
    const view = createBoardView(day);
    const all = laneLayouts(day, travelFor(day));
    expect(view.layoutOf("t1")).toEqual(all[0]);
    expect(view.layoutOf("t2")).toEqual(all[1]);
    expect(view.layoutOf("nobody")).toBeNull();
  });

  it("has no warnings for queued or finished jobs and names the crew leader first", () => {
    const done = testDay({ jobs: { ...day.jobs, "1": testJob("1", { status: "done" }) }, assignments: day.assignments });
    const view = createBoardView(done);
    expect(view.warningsOf("1")).toEqual([]);
    expect(view.warningsOf("q1")).toEqual([]);
    expect(view.crewNamesOf("2")).toEqual(["Tech t1", "Tech t2"]);
    expect(view.crewNamesOf("q1")).toEqual([]);
  });
});
