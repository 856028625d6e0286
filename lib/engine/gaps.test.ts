import { describe, expect, test } from "vitest";
import { prepareBoard } from "@/lib/engine/board-index";
import { dayGaps, fillFromQueue, idleWindows, weekBalance } from "@/lib/engine/gaps";
import { at, makeAssignment, makeJob, makeTechnician, span, travelTable } from "@/lib/engine/test-fixtures";

describe("idle windows", () => {
  test("free stretches of 30 minutes or more around visits and time off, after now", () => {
    const ana = makeTechnician({ id: "ana", timeOff: [span("14:00", "15:00")] });
    const lane = [makeAssignment("a", "ana", "08:00", "09:00"), makeAssignment("b", "ana", "09:20", "11:00")];
    expect(idleWindows(ana, lane)).toEqual([span("11:00", "14:00"), span("15:00", "16:00")]);
    expect(idleWindows(ana, lane, { from: at("13:45") })).toEqual([span("15:00", "16:00")]);
    expect(idleWindows(ana, lane, { minMinutes: 10 })).toContainEqual(span("09:00", "09:20"));
  });
});

describe("fill from queue", () => {
  test("only jobs whose best slot lies inside the gap, best score first, with reasons", () => {
    const ana = makeTechnician({ id: "ana", name: "Ana", skills: ["HVAC"] });
    const jobs = [
      makeJob({ id: "a" }),
      makeJob({ id: "b" }),
      makeJob({ id: "short", durationMin: 45, status: "unscheduled", priority: 2 }),
      makeJob({ id: "long", durationMin: 180, status: "unscheduled" }),
      makeJob({ id: "skill", durationMin: 30, status: "unscheduled", requiredSkills: ["EPA-608"] }),
      makeJob({ id: "near", durationMin: 60, status: "unscheduled", preferredTechnicianId: "ana" }),
    ];
    const index = prepareBoard({ technicians: [ana], jobs, assignments: [makeAssignment("a", "ana", "08:00", "10:00"), makeAssignment("b", "ana", "11:30", "16:00")] });
    const [gap] = dayGaps(index)[0].gaps;
    expect(gap).toEqual(span("10:00", "11:30"));
    const fills = fillFromQueue(index, ana, gap, jobs.filter((j) => j.status === "unscheduled"), travelTable({}, 0), { capacityThreshold: 2 });
    expect(fills.map((f) => f.job.id)).toEqual(["near", "short"]);
    expect(fills[0].candidate.parts.map((p) => p.why)).toContain("customer's preferred technician");
    expect(fills.every((f) => f.candidate.slot!.start >= gap.start && f.candidate.slot!.end <= gap.end)).toBe(true);
  });
});

describe("week balance", () => {
  test("the spread of utilisation across the team, flagged over 15 points", () => {
    const b = weekBalance([0.9, 0.3, 0.6])!;
    expect([b.min, b.max, b.mean]).toEqual([0.3, 0.9, 0.6]);
    expect(b.spread).toBeCloseTo(0.245, 3);
    expect(b.unbalanced).toBe(true);
    expect(weekBalance([0.7, 0.75, 0.8])!.unbalanced).toBe(false);
    expect(weekBalance([])).toBeNull();
  });
});
