import { describe, expect, it } from "vitest";
import { formatScore, noRoomMessage, rankSuggestions, readableCandidate, suggestionsByLane, whyNoRoom } from "@/components/board/suggestions";
import { testDay, testJob, testTech } from "@/components/board/test-day";
import type { CandidateView } from "@/lib/db/dispatch";

function candidate(technicianId: string, over: Partial<CandidateView> = {}): CandidateView {
  return {
    technicianId,
    technicianName: `Tech ${technicianId}`,
    eligible: true,
    // 10:00–11:30 Chicago on Monday 2026-11-23
    start: "2026-11-23T16:00:00.000Z",
    end: "2026-11-23T17:30:00.000Z",
    score: 30,
    addedTravel: 12,
    utilisation: 0.5,
    reasons: [{ factor: "travel", value: -12, why: "+12 min travel" }],
    ...over,
  };
}

const job = testJob("q1", { status: "unscheduled" });
// 07:00 Chicago on the test day
const MORNING = Date.UTC(2026, 10, 23, 13, 0) / 60000;

describe("rankSuggestions", () => {
  it("keeps the best three eligible slots in order and numbers them from 1", () => {
    const slots = rankSuggestions(job, [candidate("t2", { score: 40 }), candidate("t1", { score: 35 }), candidate("t3", { score: 20 }), candidate("t4", { score: 10 })], [
      "t1",
      "t2",
      "t3",
      "t4",
    ]);
    expect(slots.map((s) => [s.rank, s.technicianId, s.score])).toEqual([
      [1, "t2", 40],
      [2, "t1", 35],
      [3, "t3", 20],
    ]);
    expect(slots[0]).toMatchObject({ jobId: "q1", workOrder: "WO-q1", start: Date.UTC(2026, 10, 23, 16, 0) / 60000, end: Date.UTC(2026, 10, 23, 17, 30) / 60000 });
  });

  it.each([
    ["not eligible", candidate("t1", { eligible: false })],
    ["without a slot", candidate("t1", { start: null, end: null })],
    ["on a technician without a lane", candidate("gone")],
    ["with an empty slot", candidate("t1", { end: "2026-11-23T16:00:00.000Z" })],
  ])("leaves out a candidate %s and ranks the next one first", (_label, skipped) => {
    const slots = rankSuggestions(job, [skipped, candidate("t2")], ["t1", "t2"]);
    expect(slots.map((s) => [s.rank, s.technicianId])).toEqual([[1, "t2"]]);
  });

  it("honours a different limit and an empty answer", () => {
    expect(rankSuggestions(job, [candidate("t1"), candidate("t2")], ["t1", "t2"], { limit: 1 })).toHaveLength(1);
    expect(rankSuggestions(job, [], ["t1"])).toEqual([]);
  });
});

describe("suggestionsByLane", () => {
  it("groups two slots on one technician in rank order", () => {
    const slots = rankSuggestions(job, [candidate("t1"), candidate("t2"), candidate("t1", { start: "2026-11-23T19:00:00.000Z", end: "2026-11-23T20:30:00.000Z" })], ["t1", "t2"]);
    const byLane = suggestionsByLane(slots);
    expect(byLane.get("t1")?.map((s) => s.rank)).toEqual([1, 3]);
    expect(byLane.get("t2")?.map((s) => s.rank)).toEqual([2]);
    expect(byLane.has("t3")).toBe(false);
  });
});

describe("formatScore", () => {
  it.each([
    [37.456, "37"],
    [37.5, "38"],
    [-0.2, "0"],
    [-12.7, "-13"],
  ])("%s reads %s", (score, text) => expect(formatScore(score)).toBe(text));
});

describe("readableCandidate", () => {
  it("rounds each reason's points to one decimal and keeps the words", () => {
    const c = candidate("t1", {
      reasons: [
        { factor: "travel", value: -11, why: "+11 min travel" },
        { factor: "workload", value: 35.294117647058826, why: "utilisation 12% after insertion" },
        { factor: "skill", value: -0.04, why: "holds HVAC" },
      ],
    });
    expect(readableCandidate(c).reasons.map((r) => [r.value, r.why])).toEqual([
      [-11, "+11 min travel"],
      [35.3, "utilisation 12% after insertion"],
      [0, "holds HVAC"],
    ]);
    // the engine's answer itself is left as it was
    expect(c.reasons[1].value).toBe(35.294117647058826);
  });

  it("is what a ranked slot carries", () => {
    const [slot] = rankSuggestions(job, [candidate("t1", { reasons: [{ factor: "workload", value: 12.345, why: "utilisation 70% after insertion" }] })], ["t1"]);
    expect(slot.candidate.reasons[0].value).toBe(12.3);
  });
});

describe("whyNoRoom", () => {
  const day = testDay();

  it("names a skill no technician holds", () => {
    expect(whyNoRoom(testJob("x", { requiredSkills: ["HVAC", "crane-operator"] }), day, MORNING)).toBe("no technician holds crane-operator");
  });

  it("says when the skills are only found split across technicians", () => {
    const split = testDay({ technicians: [testTech("t1", { skills: ["HVAC"] }), testTech("t2", { skills: ["boiler"] })] });
    expect(whyNoRoom(testJob("x", { requiredSkills: ["HVAC", "boiler"] }), split, MORNING)).toBe("no single technician holds HVAC and boiler");
  });

  it("says nobody works when no one has a shift", () => {
    const weekend = testDay({ technicians: [testTech("t1", { shift: null })] });
    expect(whyNoRoom(job, weekend, MORNING)).toBe("nobody works on this day");
  });

  it("says the qualified people are off when only others work", () => {
    const d = testDay({ technicians: [testTech("t1", { skills: ["boiler"] }), testTech("t2", { shift: null })] });
    expect(whyNoRoom(job, d, MORNING)).toBe("no one with HVAC works the rest of this day");
  });

  it("says the day is over once it has passed", () => {
    expect(whyNoRoom(job, day, Date.UTC(2026, 10, 24, 7, 0) / 60000)).toBe("this day is over");
  });

  it("points at a window on another day and a deadline before the day", () => {
    const window = testJob("x", { windowStart: "2026-11-25T15:00:00.000Z", windowEnd: "2026-11-25T17:00:00.000Z" });
    expect(whyNoRoom(window, day, MORNING)).toMatch(/^its arrival window is Wed, Nov 25 09:00, not on this day$/);
    const late = testJob("x", { deadline: "2026-11-20T23:00:00.000Z" });
    expect(whyNoRoom(late, day, MORNING)).toBe("its deadline (Fri, Nov 20 17:00) comes before this day");
  });

  it("says the job is longer than any shift, else that the qualified technicians are full", () => {
    expect(whyNoRoom(testJob("x", { estimatedMinutes: 600 }), day, MORNING)).toBe("it is longer than what is left of any qualified technician's shift");
    expect(whyNoRoom(job, day, MORNING)).toBe("the 2 qualified technicians are fully booked or would go over 90% of their shift");
  });
});

describe("noRoomMessage", () => {
  it("adds the reason when there is one", () => {
    expect(noRoomMessage("nobody works on this day")).toBe("No technician has room for it on this day: nobody works on this day.");
    expect(noRoomMessage(null)).toBe("No technician has room for it on this day.");
  });
});
