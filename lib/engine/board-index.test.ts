import { describe, expect, test } from "vitest";
import {
  addAssignment,
  laneOf,
  prepareBoard,
  removeAssignment,
} from "@/lib/engine/board-index";
import { makeAssignment, makeJob, makeTechnician } from "@/lib/engine/test-fixtures";
import type { Board } from "@/lib/engine/types";

function board(): Board {
  return {
    technicians: [makeTechnician({ id: "ana" }), makeTechnician({ id: "bo" })],
    jobs: [
      makeJob({ id: "j1" }),
      makeJob({ id: "j2" }),
      makeJob({ id: "j3" }),
      makeJob({ id: "gone", status: "cancelled" }),
    ],
    assignments: [
      makeAssignment("j2", "ana", "13:00", "14:00"),
      makeAssignment("j1", "ana", "09:00", "10:00", ["bo"]),
      makeAssignment("gone", "bo", "11:00", "12:00"),
    ],
  };
}

const jobsOn = (lane: readonly { jobId: string }[]) => lane.map((a) => a.jobId);

describe("prepareBoard", () => {
  test("a crew appears on every member's lane, in time order", () => {
    const index = prepareBoard(board());
    expect(jobsOn(laneOf(index, "ana"))).toEqual(["j1", "j2"]);
    expect(jobsOn(laneOf(index, "bo"))).toEqual(["j1"]);
  });

  test("cancelled jobs block no one; unknown technicians have an empty lane", () => {
    const index = prepareBoard(board());
    expect(jobsOn(laneOf(index, "bo"))).not.toContain("gone");
    expect(laneOf(index, "nobody")).toEqual([]);
  });
});

describe("addAssignment / removeAssignment", () => {
  test("a new decision lands in time order on each crew member's lane", () => {
    const index = prepareBoard(board());
    addAssignment(index, makeAssignment("j9", "ana", "11:00", "12:00", ["bo"]), makeJob({ id: "j9" }));
    expect(jobsOn(laneOf(index, "ana"))).toEqual(["j1", "j9", "j2"]);
    expect(jobsOn(laneOf(index, "bo"))).toEqual(["j1", "j9"]);
    expect(index.jobById.has("j9")).toBe(true);
  });

  test("re-assigning a job moves it rather than duplicating it", () => {
    const index = prepareBoard(board());
    addAssignment(index, makeAssignment("j1", "bo", "15:00", "16:00"));
    expect(jobsOn(laneOf(index, "ana"))).toEqual(["j2"]);
    expect(jobsOn(laneOf(index, "bo"))).toEqual(["j1"]);
    expect(laneOf(index, "bo")[0].start).toBe(makeAssignment("x", "bo", "15:00", "16:00").start);
  });

  test("unassigning frees every crew member", () => {
    const index = prepareBoard(board());
    removeAssignment(index, "j1");
    expect(jobsOn(laneOf(index, "ana"))).toEqual(["j2"]);
    expect(laneOf(index, "bo")).toEqual([]);
  });
});
