import { describe, expect, it } from "vitest";
import { optimiseGhosts } from "@/components/board/optimise-ghosts";
import type { DayPlan } from "@/lib/engine/vrp/day-plan";

const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const ana = { technicianId: "ana", technicianName: "Ana" };
const ben = { technicianId: "ben", technicianName: "Ben" };

function plan(partial: Partial<DayPlan>): DayPlan {
  return { routes: [], moved: [], placed: [], leftOut: [], fixed: [], skipped: [], travelBefore: 0, travelAfter: 0, summary: "", ...partial };
}

describe("optimiseGhosts", () => {
  it("draws a moved visit at its new place on the new lane and marks where it leaves on the old one", () => {
    const ghosts = optimiseGhosts(
      plan({ moved: [{ jobId: "j1", workOrder: "WO-1", from: { ...ben, start: 540, end: 600 }, to: { ...ana, start: 780, end: 840 }, why: "" }] }),
      clock,
    );
    expect(ghosts.get("ana")).toEqual([{ jobId: "j1", workOrder: "WO-1", start: 780, end: 840, kind: "after", note: "from Ben 09:00–10:00" }]);
    expect(ghosts.get("ben")).toEqual([{ jobId: "j1", workOrder: "WO-1", start: 540, end: 600, kind: "before", note: "to Ana 13:00–14:00" }]);
  });

  it("a visit re-timed on the same lane gets both blocks there, in time order, without repeating the name", () => {
    const ghosts = optimiseGhosts(
      plan({ moved: [{ jobId: "j1", workOrder: "WO-1", from: { ...ana, start: 780, end: 840 }, to: { ...ana, start: 540, end: 600 }, why: "" }] }),
      clock,
    );
    expect(ghosts.get("ana")?.map((g) => [g.kind, g.start, g.note])).toEqual([
      ["after", 540, "from 13:00–14:00"],
      ["before", 780, "to 09:00–10:00"],
    ]);
  });

  it("draws queue jobs the plan places, and nothing for lanes the plan leaves alone", () => {
    const ghosts = optimiseGhosts(plan({ placed: [{ jobId: "q", workOrder: "WO-9", from: null, to: { ...ben, start: 600, end: 660 }, why: "" }] }), clock);
    expect(ghosts.get("ben")).toEqual([{ jobId: "q", workOrder: "WO-9", start: 600, end: 660, kind: "after", note: "from the queue" }]);
    expect(ghosts.has("ana")).toBe(false);
  });
});
