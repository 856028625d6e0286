import { describe, expect, test } from "vitest";
import { laneOf, prepareBoard } from "@/lib/engine/board-index";
import { findBumpCandidates } from "@/lib/engine/bump-candidates";
import { DEFAULT_BUMP_HARM_WEIGHTS } from "@/lib/engine/bump-harm";
import { bumpOptionId, completeBumpOption, meetsDeadline } from "@/lib/engine/bump-option";
import type { BumpOptionContext } from "@/lib/engine/bump-option";
import { createReplacementFinder } from "@/lib/engine/replacement";
import { at, makeAssignment, makeJob, makeTechnician, span, travelTable } from "@/lib/engine/test-fixtures";
import type { Board } from "@/lib/engine/types";

describe("meetsDeadline", () => {
  const urgent = makeJob({ id: "u", deadline: at("11:00"), window: span("09:00", "10:00") });
  test.each([
    ["finishes by the deadline, starts in the window", span("09:30", "10:30"), true],
    ["starts exactly at the window's end", span("10:00", "11:00"), true],
    ["finishes after the deadline", span("10:00", "11:15"), false],
    ["starts after the window", span("10:15", "10:45"), false],
  ])("%s → %s", (_name, slot, expected) => {
    expect(meetsDeadline(urgent, slot)).toBe(expected);
  });

  test("no deadline and no window: any slot", () => {
    expect(meetsDeadline({ ...urgent, deadline: null, window: null }, span("15:00", "16:00"))).toBe(true);
  });
});

describe("completeBumpOption", () => {
  /*
   * Sam's WO-X (Low) 09:00–09:30 and WO-Y (Normal) 09:30–10:00 must both go for the
   * urgent hour; Dee has room for one 30-min job only, 13:00–13:30.
   */
  const sam = makeTechnician({ id: "sam", name: "Sam Okafor" });
  const dee = makeTechnician({ id: "dee", name: "Dee Park" });
  const board: Board = {
    technicians: [sam, dee],
    jobs: [
      makeJob({ id: "s1", slaProtected: true }),
      makeJob({ id: "x", workOrder: "WO-X", priority: 4, durationMin: 30 }),
      makeJob({ id: "y", workOrder: "WO-Y", priority: 3, durationMin: 30 }),
      makeJob({ id: "s3", slaProtected: true }),
      makeJob({ id: "d1" }),
      makeJob({ id: "d2" }),
    ],
    assignments: [
      makeAssignment("s1", "sam", "08:00", "09:00"),
      makeAssignment("x", "sam", "09:00", "09:30"),
      makeAssignment("y", "sam", "09:30", "10:00"),
      makeAssignment("s3", "sam", "10:00", "16:00"),
      makeAssignment("d1", "dee", "08:00", "13:00"),
      makeAssignment("d2", "dee", "13:30", "16:00"),
    ],
  };
  const urgent = makeJob({ id: "u", workOrder: "WO-9001", priority: 1, deadline: at("11:00") });
  const index = prepareBoard(board);
  const travel = travelTable({});
  const ctx: BumpOptionContext = {
    urgent,
    index,
    later: [],
    laterStarts: [],
    now: at("08:00"),
    timeZone: "UTC",
    weights: DEFAULT_BUMP_HARM_WEIGHTS,
    finder: createReplacementFinder({ index, travel }, [], at("08:00")),
    holders: () => [],
  };
  const [pair] = findBumpCandidates(sam, laneOf(index, "sam"), urgent, index.jobById, travel, at("08:00")).candidates;

  test("the more urgent bumped job chooses its new slot first; the other sees it taken", () => {
    const option = completeBumpOption(ctx, pair);
    expect(option.id).toBe(bumpOptionId(pair));
    expect(option.id).toBe("sam/1/x+y");
    expect(option.bumped.map((b) => [b.workOrder, b.newSlot?.leaderId ?? null, b.newSlot?.start ?? null])).toEqual([
      ["WO-X", null, null],
      ["WO-Y", "dee", at("13:00")],
    ]);
    expect(option.flags).toEqual({ slaOverride: false, unscheduled: true });
    // Low 20 + unscheduled 1000; Normal 50 + its 09:30–11:30 window pushed back 3 h 30 min (35).
    expect(option.harm.score).toBe(20 + 1000 + 50 + 35);
    expect(option.meetsDeadline).toBe(true);
  });
});
