import { describe, expect, it } from "vitest";
import { createBoardView, type BoardView } from "@/components/board/board-view";
import { applyOptimistic, applyServerResult } from "@/components/board/board-state";
import { laneLayouts } from "@/components/board/lane-layout";
import { testAssignment, testDay, testJob, testTech } from "@/components/board/test-day";
import type { BoardDay } from "@/lib/db/board";
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

describe("createBoardView from the view before a change", () => {
  // three technicians; t3 has a lane of its own that no change below touches
  const base = testDay({
    technicians: [testTech("t1"), testTech("t2"), testTech("t3")],
    jobs: { ...day.jobs, "3": testJob("3", { location: { lat: 41.8, lng: -87.6 } }) },
    assignments: [...day.assignments, testAssignment("3", "t3", "2026-11-23T15:00:00.000Z", "2026-11-23T16:00:00.000Z")],
  });
  const ids = ["t1", "t2", "t3"];
  const jobIds = ["1", "2", "3", "q1", "q2"];

  /** The derived view answers exactly as a view built from scratch for the same day. */
  function expectSameAsFresh(derived: BoardView, d: BoardDay) {
    const fresh = createBoardView(d);
    for (const t of ids) expect(derived.layoutOf(t)).toEqual(fresh.layoutOf(t));
    for (const j of jobIds) {
      expect(derived.warningsOf(j)).toEqual(fresh.warningsOf(j));
      expect(derived.crewNamesOf(j)).toEqual(fresh.crewNamesOf(j));
    }
    expect([...derived.index.lanes.keys()].sort()).toEqual([...fresh.index.lanes.keys()].sort());
    for (const [t, lane] of fresh.index.lanes) expect(derived.index.lanes.get(t)).toEqual(lane);
  }

  /** A view with every lane laid out and every warning worked out, as on screen. */
  function seen(d: BoardDay, previous?: BoardView): BoardView {
    const v = createBoardView(d, previous);
    for (const t of ids) v.layoutOf(t);
    for (const j of jobIds) v.warningsOf(j);
    return v;
  }

  const cases: [string, (d: BoardDay) => BoardDay][] = [
    ["a move onto a double booking", (d) => applyOptimistic(d, { kind: "place", jobId: "1", placement: { leaderId: "t1", helperIds: [], start: "2026-11-23T17:30:00.000Z", end: "2026-11-23T19:00:00.000Z" } })],
    ["a reassignment to another lane", (d) => applyOptimistic(d, { kind: "place", jobId: "2", placement: { leaderId: "t2", helperIds: [], start: "2026-11-23T17:00:00.000Z", end: "2026-11-23T18:30:00.000Z" } })],
    ["a queued job placed", (d) => applyOptimistic(d, { kind: "place", jobId: "q1", placement: { leaderId: "t2", helperIds: ["t1"], start: "2026-11-23T20:00:00.000Z", end: "2026-11-23T21:00:00.000Z" } })],
    ["a job taken off the board", (d) => applyOptimistic(d, { kind: "unassign", jobId: "2" })],
    [
      "the server's answer with new versions",
      (d) => applyServerResult(d, { job: { ...d.jobs["1"], version: 2 }, assignment: { ...d.assignments[0], start: "2026-11-23T15:30:00.000Z", end: "2026-11-23T17:00:00.000Z", version: 2 } }),
    ],
    ["a job cancelled elsewhere", (d) => ({ ...d, jobs: { ...d.jobs, "2": { ...d.jobs["2"], status: "cancelled" } } })],
    [
      "a job gone from the day (deleted elsewhere)",
      (d) => ({ ...d, jobs: Object.fromEntries(Object.entries(d.jobs).filter(([id]) => id !== "3")), assignments: d.assignments.filter((a) => a.jobId !== "3") }),
    ],
    ["a job moved to another site", (d) => ({ ...d, jobs: { ...d.jobs, "1": { ...d.jobs["1"], location: { lat: 42.1, lng: -88 } } } })],
    [
      "a job new to the day",
      (d) => ({
        ...d,
        jobs: { ...d.jobs, n1: testJob("n1", { location: { lat: 41.7, lng: -87.5 } }) },
        assignments: [...d.assignments, testAssignment("n1", "t1", "2026-11-23T21:00:00.000Z", "2026-11-23T22:00:00.000Z")],
      }),
    ],
  ];

  it.each(cases)("after %s, answers as a view built afresh", (_name, change) => {
    const before = seen(base);
    const after = change(base);
    expectSameAsFresh(createBoardView(after, before), after);
  });

  it("stays right over a chain of changes, each derived from the last", () => {
    let d = base;
    let v = seen(d);
    for (const [, change] of cases) {
      d = change(d);
      v = seen(d, v);
      expectSameAsFresh(v, d);
    }
  });

  it("keeps the lanes a move did not touch and redoes the ones it did", () => {
    const before = seen(base);
    const after = applyOptimistic(base, { kind: "place", jobId: "1", placement: { leaderId: "t1", helperIds: [], start: "2026-11-23T15:30:00.000Z", end: "2026-11-23T17:00:00.000Z" } });
    const view = createBoardView(after, before);
    expect(view.layoutOf("t3")).toBe(before.layoutOf("t3"));
    expect(view.warningsOf("3")).toBe(before.warningsOf("3"));
    expect(view.layoutOf("t1")).not.toBe(before.layoutOf("t1"));
    expect(view.layoutOf("t1")!.items.find((i) => i.job.id === "1")!.assignment.start).toBe("2026-11-23T15:30:00.000Z");
    // the view it came from still shows the day before
    expect(before.layoutOf("t1")!.items.find((i) => i.job.id === "1")!.assignment.start).toBe("2026-11-23T15:00:00.000Z");
    expect(before.index.assignmentByJobId.get("1")!.start).not.toBe(view.index.assignmentByJobId.get("1")!.start);
  });

  it("is the same view when nothing on the lanes changed, and a new one when the technicians did", () => {
    const before = seen(base);
    expect(createBoardView({ ...base, queue: ["q2", "q1"] }, before)).toBe(before);
    const renamed = { ...base, technicians: base.technicians.map((t) => (t.id === "t3" ? { ...t, name: "Ada Lane" } : t)) };
    const view = createBoardView(renamed, before);
    expect(view.layoutOf("t3")!.technician.name).toBe("Ada Lane");
    expectSameAsFresh(view, renamed);
  });
});
