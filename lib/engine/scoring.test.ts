import { describe, expect, test } from "vitest";
import { addAssignment, prepareBoard } from "@/lib/engine/board-index";
import { checkPlacement } from "@/lib/engine/checks";
import {
  DEFAULT_SCORING_WEIGHTS,
  bestCandidate,
  scoreCandidate,
  scoreTechnicians,
} from "@/lib/engine/scoring";
import type { Candidate } from "@/lib/engine/scoring";
import {
  at,
  makeAssignment,
  makeJob,
  makeTechnician,
  travelTable,
} from "@/lib/engine/test-fixtures";
import type { Board, Job } from "@/lib/engine/types";

/*
 * Everyone works 08:00–16:00 (480 min). Ana (EPA-608) has WO-A1 08:00–10:00;
 * Bo (brazing) is free; Cy (EPA-608) has WO-C1 08:00–14:30 (390 min); Dee
 * (EPA-608) is inactive; Eve (EPA-608) has no shift today. The job: WO-2000,
 * 60 min, needs EPA-608. Ana's job is 18 min from it, everything else 0.
 */
function board(): Board {
  return {
    technicians: [
      makeTechnician({ id: "ana", name: "Ana Ortiz", skills: ["EPA-608"] }),
      makeTechnician({ id: "bo", name: "Bo Li", skills: ["brazing"] }),
      makeTechnician({ id: "cy", name: "Cy Diaz", skills: ["EPA-608"] }),
      makeTechnician({ id: "dee", name: "Dee Park", skills: ["EPA-608"], active: false }),
      makeTechnician({ id: "eve", name: "Eve Moss", skills: ["EPA-608"], shifts: [] }),
    ],
    jobs: [makeJob({ id: "a1", workOrder: "WO-A1" }), makeJob({ id: "c1", workOrder: "WO-C1" })],
    assignments: [
      makeAssignment("a1", "ana", "08:00", "10:00"),
      makeAssignment("c1", "cy", "08:00", "14:30"),
    ],
  };
}

const job = makeJob({ id: "new", workOrder: "WO-2000", status: "unscheduled", requiredSkills: ["EPA-608"] });
const travel = travelTable({ "job:a1↔job:new": 18 });
const byId = (cs: Candidate[]) => Object.fromEntries(cs.map((c) => [c.technicianId, c]));
const whys = (c: Candidate) => c.parts.map((p) => p.why);

describe("scoreTechnicians: who is excluded, and why", () => {
  const candidates = byId(scoreTechnicians(prepareBoard(board()), job, travel));

  test.each([
    ["bo", "skill", "missing EPA-608"],
    ["cy", "workload", "utilisation 94% > 85%: not eligible"],
    ["dee", "availability", "Dee Park is inactive"],
    ["eve", "availability", "Eve Moss has no shift on this day"],
  ])("%s is excluded by %s: %s", (id, factor, why) => {
    expect(candidates[id]).toMatchObject({ eligible: false, score: 0 });
    expect(candidates[id].parts).toContainEqual({ factor, value: 0, why });
  });

  test("every excluded technician comes back with at least one reason", () => {
    const excluded = Object.values(candidates).filter((c) => !c.eligible);
    expect(excluded.map((c) => c.technicianId).sort()).toEqual(["bo", "cy", "dee", "eve"]);
    for (const c of excluded) expect(c.parts.length).toBeGreaterThan(0);
  });

  test("a capacity-excluded technician still shows the slot they would get", () => {
    expect(candidates.cy.slot).toEqual({ start: at("14:30"), end: at("15:30"), positionIndex: 1 });
  });

  test("a higher threshold lets a busy technician in", () => {
    const loose = byId(scoreTechnicians(prepareBoard(board()), job, travel, { capacityThreshold: 0.95 }));
    expect(loose.cy.eligible).toBe(true);
  });
});

describe("scoreTechnicians: the eligible technician's reasons", () => {
  test("score is the sum of readable parts", () => {
    const [best] = scoreTechnicians(prepareBoard(board()), job, travel);
    expect(best.technicianId).toBe("ana");
    // (120 + 60) / 480 = 37.5% → 40 × 0.625 = 25; travel −18; skill +10
    expect(best.parts).toEqual([
      { factor: "travel", value: -18, why: "+18 min travel" },
      { factor: "skill", value: 10, why: "holds EPA-608" },
      { factor: "workload", value: 25, why: "utilisation 38% after insertion" },
    ]);
    expect(best.score).toBe(17);
    expect(best.slot).toEqual({ start: at("10:30"), end: at("11:30"), positionIndex: 1 });
  });

  test("the customer's preferred technician is credited", () => {
    const preferredJob: Job = { ...job, preferredTechnicianId: "ana" };
    const [best] = scoreTechnicians(prepareBoard(board()), preferredJob, travel);
    expect(best.parts).toContainEqual({ factor: "preference", value: 25, why: "customer's preferred technician" });
    expect(best.score).toBe(17 + DEFAULT_SCORING_WEIGHTS.preference);
  });

  test("company weights change the outcome", () => {
    const b = board();
    b.technicians.push(makeTechnician({ id: "fay", name: "Fay Ng", skills: ["EPA-608"] }));
    b.assignments.push(makeAssignment("a2", "fay", "08:00", "13:00"));
    b.jobs.push(makeJob({ id: "a2" }));
    const t = travelTable({ "job:a1↔job:new": 18, "job:a2↔job:new": 5 });
    // Fay is busier (75%) but 5 min away: 10 + 10 − 5 = 15. Ana: 10 + 25 − 18 = 17.
    expect(bestCandidate(scoreTechnicians(prepareBoard(b), job, t))?.technicianId).toBe("ana");
    const travelFirst = { weights: { travel: 5 } };
    expect(bestCandidate(scoreTechnicians(prepareBoard(b), job, t, travelFirst))?.technicianId).toBe("fay");
  });
});

describe("scoreTechnicians: crews", () => {
  const brazing = { ...job, requiredSkills: ["EPA-608", "brazing"] };

  test("a helper can supply a certification the leader lacks", () => {
    const index = prepareBoard(board());
    const alone = scoreCandidate(index, brazing, index.technicianById.get("ana")!, travel);
    expect(alone.eligible).toBe(false);
    expect(whys(alone)).toEqual(["missing brazing"]);

    const crew = scoreCandidate(index, brazing, index.technicianById.get("ana")!, travel, { helperIds: ["bo"] });
    expect(crew.eligible).toBe(true);
    expect(crew.parts).toContainEqual({ factor: "skill", value: 2.5, why: "brazing from helper Bo Li" });
    expect(crew.parts).toContainEqual({ factor: "skill", value: 5, why: "holds EPA-608" });
  });

  test("the helper is not also ranked as a leader of the same crew", () => {
    const candidates = byId(scoreTechnicians(prepareBoard(board()), brazing, travel, { helperIds: ["bo"] }));
    expect(whys(candidates.bo)).toEqual(["Bo Li is proposed as a helper on this crew"]);
    expect(candidates.ana.eligible).toBe(true);
  });

  test("crewSkills count like a helper's", () => {
    const index = prepareBoard(board());
    const crew = scoreCandidate(index, brazing, index.technicianById.get("ana")!, travel, { crewSkills: ["brazing"] });
    expect(crew.parts).toContainEqual({ factor: "skill", value: 2.5, why: "brazing supplied by the crew" });
  });
});

describe("scoreTechnicians: ties are broken the same way every time", () => {
  test("the preferred technician wins a tie", () => {
    const b: Board = {
      technicians: [
        makeTechnician({ id: "abe", name: "Abe Hill" }),
        makeTechnician({ id: "zed", name: "Zed Ruiz" }),
      ],
      jobs: [],
      assignments: [],
    };
    const tied = { ...job, requiredSkills: [], preferredTechnicianId: "zed" };
    const ranked = scoreTechnicians(prepareBoard(b), tied, travelTable({}), { weights: { preference: 0 } });
    // Both: no travel, 60 of 480 min booked → 40 × (1 − 0.125) = 35.
    expect(ranked.map((c) => c.score)).toEqual([35, 35]);
    expect(ranked.map((c) => c.technicianId)).toEqual(["zed", "abe"]);
  });

  test("then lower added travel, then name", () => {
    // Zoe: 10 min away, half booked → −10 + 20 = 10. Abe: 20 min away, a quarter booked → −20 + 30 = 10.
    const b: Board = {
      technicians: [
        makeTechnician({ id: "abe", name: "Abe Hill" }),
        makeTechnician({ id: "zoe", name: "Zoe Quinn" }),
        makeTechnician({ id: "amy", name: "Amy Hart" }),
      ],
      jobs: [makeJob({ id: "z1" }), makeJob({ id: "a1" }), makeJob({ id: "m1" })],
      assignments: [
        makeAssignment("z1", "zoe", "08:00", "11:00"),
        makeAssignment("a1", "abe", "08:00", "09:00"),
        makeAssignment("m1", "amy", "08:00", "09:00"),
      ],
    };
    const t = travelTable({ "job:z1↔job:new": 10, "job:a1↔job:new": 20, "job:m1↔job:new": 20 });
    const ranked = scoreTechnicians(prepareBoard(b), { ...job, requiredSkills: [] }, t);
    expect(ranked.map((c) => [c.technicianId, c.score])).toEqual([
      ["zoe", 10],
      ["abe", 10],
      ["amy", 10],
    ]);
  });
});

describe("auto-dispatch with an index updated after each decision", () => {
  test("the next job sees the booking the last decision made", () => {
    const b = board();
    const index = prepareBoard(b);
    const first = bestCandidate(scoreTechnicians(index, job, travel))!;
    addAssignment(
      index,
      { jobId: job.id, leaderId: first.technicianId, helperIds: [], start: first.slot!.start, end: first.slot!.end, version: 1 },
      job,
    );
    const second = makeJob({ id: "new2", workOrder: "WO-2001", requiredSkills: ["EPA-608"] });
    const next = byId(scoreTechnicians(index, second, travel));
    expect(next.ana.slot!.start).toBeGreaterThanOrEqual(first.slot!.end);
    expect(next.ana.utilisation).toBeCloseTo((120 + 60 + 60) / 480);
  });
});

describe("scoring agrees with the board checks", () => {
  test("the suggested slot raises no warning when the dispatcher places it", () => {
    const b = board();
    const index = prepareBoard(b);
    const windowed = { ...job, window: { start: at("09:00"), end: at("12:00") } };
    index.jobById.set(windowed.id, windowed);
    for (const c of scoreTechnicians(index, windowed, travel).filter((c) => c.eligible)) {
      const placement = { jobId: windowed.id, leaderId: c.technicianId, helperIds: [], ...c.slot! };
      expect(checkPlacement(placement, index, travel)).toEqual({ errors: [], warnings: [] });
    }
  });
});
