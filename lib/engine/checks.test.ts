import { describe, expect, test } from "vitest";
import { checkBoard, checkPlacement } from "@/lib/engine/checks";
import type { Placement } from "@/lib/engine/checks";
import {
  at,
  makeAssignment,
  makeJob,
  makeTechnician,
  span,
  travelTable,
} from "@/lib/engine/test-fixtures";
import type { Board } from "@/lib/engine/types";

/*
 * The day (everyone on shift 08:00–16:00): Ana (EPA-608) does WO-1001 09:00–10:00
 * and WO-1003 14:00–15:00; Bo (brazing) helps Cy on WO-1002 11:00–12:00; Cy has
 * time off 15:00–16:00. The job being placed is WO-2000: needs EPA-608, arrival
 * window 10:00–12:00, done by 13:00.
 */
function board(): Board {
  return {
    technicians: [
      makeTechnician({ id: "ana", name: "Ana Ortiz", skills: ["EPA-608"] }),
      makeTechnician({ id: "bo", name: "Bo Li", skills: ["brazing"] }),
      makeTechnician({ id: "cy", name: "Cy Diaz", timeOff: [span("15:00", "16:00")] }),
    ],
    jobs: [
      makeJob({ id: "w1", workOrder: "WO-1001" }),
      makeJob({ id: "w2", workOrder: "WO-1002" }),
      makeJob({ id: "w3", workOrder: "WO-1003" }),
      makeJob({
        id: "new",
        workOrder: "WO-2000",
        status: "unscheduled",
        requiredSkills: ["EPA-608"],
        window: span("10:00", "12:00"),
        deadline: at("13:00"),
      }),
      makeJob({ id: "done", workOrder: "WO-0999", status: "done" }),
      makeJob({ id: "off", workOrder: "WO-0998", status: "cancelled" }),
    ],
    assignments: [
      makeAssignment("w1", "ana", "09:00", "10:00"),
      makeAssignment("w2", "cy", "11:00", "12:00", ["bo"]),
      makeAssignment("w3", "ana", "14:00", "15:00"),
    ],
  };
}

const travel = travelTable({
  "job:w1↔job:new": 34,
  "job:new↔job:w3": 25,
  "home:bo↔job:new": 30,
  "home:ana↔job:w1": 20,
});

function place(leaderId: string, from: string, to: string, helperIds: string[] = []): Placement {
  return { jobId: "new", leaderId, helperIds, start: at(from), end: at(to) };
}

describe("checkPlacement: errors refuse the change", () => {
  test.each([
    ["end not after start", place("ana", "11:00", "11:00"), "invalid_time", "WO-2000 must end after it starts (11:00–11:00)"],
    ["another company's technician as leader", place("zed", "11:00", "12:00"), "unknown_technician", "Technician zed is not on this board"],
    ["another company's technician as helper", place("ana", "11:00", "12:00", ["zed"]), "unknown_technician", "Technician zed is not on this board"],
    ["a done job", { ...place("ana", "11:00", "12:00"), jobId: "done" }, "job_closed", "WO-0999 is done and cannot be scheduled"],
    ["a cancelled job", { ...place("ana", "11:00", "12:00"), jobId: "off" }, "job_closed", "WO-0998 is cancelled and cannot be scheduled"],
    ["a job not on the board", { ...place("ana", "11:00", "12:00"), jobId: "ghost" }, "unknown_job", "Job ghost is not on this board"],
    ["the leader listed as a helper", place("ana", "11:00", "12:00", ["ana"]), "leader_is_helper", "Ana Ortiz cannot be both leader and helper on WO-2000"],
  ])("%s", (_name, placement, code, message) => {
    const { errors } = checkPlacement(placement, board(), travel);
    expect(errors).toContainEqual(expect.objectContaining({ code, message }));
  });

  test("a clean placement has neither errors nor warnings", () => {
    expect(checkPlacement(place("ana", "11:00", "12:00"), board(), travel)).toEqual({
      errors: [],
      warnings: [],
    });
  });
});

describe("checkPlacement: warnings the dispatcher may override", () => {
  test.each([
    [
      "double-booked leader",
      place("ana", "09:30", "10:30"),
      "double_booked",
      "Ana Ortiz is already on WO-1001 at 09:00–10:00",
    ],
    [
      "double-booked helper (a crew sits on every member's lane)",
      place("ana", "10:45", "11:30", ["bo"]),
      "double_booked",
      "Bo Li is already on WO-1002 at 11:00–12:00",
    ],
    ["no one holds the certification", place("cy", "10:00", "11:00"), "missing_skill", "No one on the crew holds EPA-608"],
    [
      "too little time after the previous job",
      place("ana", "10:10", "11:10"),
      "travel_before",
      "Ana Ortiz needs 34 min travel from WO-1001, only 10 min gap",
    ],
    [
      "first job of the day, too close to shift start",
      place("bo", "08:10", "09:00"),
      "travel_before",
      "Bo Li needs 30 min travel from home base, only 10 min after shift start 08:00",
    ],
    [
      "too little time before the next job",
      place("ana", "12:00", "13:50"),
      "travel_after",
      "Ana Ortiz needs 25 min travel to WO-1003, only 10 min gap",
    ],
    [
      "runs past the end of the shift",
      place("ana", "15:30", "16:30"),
      "outside_shift",
      "WO-2000 at 15:30–16:30 is outside Ana Ortiz's shift 08:00–16:00",
    ],
    ["no shift at all then", place("ana", "17:00", "18:00"), "outside_shift", "Ana Ortiz has no shift at 17:00–18:00"],
    [
      "starts before the arrival window",
      place("bo", "09:30", "10:00"),
      "outside_window",
      "WO-2000 starts 09:30, outside the customer's arrival window 10:00–12:00",
    ],
    [
      "starts after the arrival window",
      place("ana", "12:15", "12:45"),
      "outside_window",
      "WO-2000 starts 12:15, outside the customer's arrival window 10:00–12:00",
    ],
    ["ends past the deadline", place("ana", "11:30", "13:15"), "past_deadline", "WO-2000 ends 13:15, past its deadline 13:00"],
    ["during time off", place("cy", "14:30", "15:30", ["ana"]), "time_off", "Cy Diaz is on time off 15:00–16:00"],
  ])("%s", (_name, placement, code, message) => {
    const { errors, warnings } = checkPlacement(placement, board(), travel);
    expect(errors).toEqual([]);
    expect(warnings).toContainEqual(expect.objectContaining({ code, message }));
  });

  test("arriving exactly at the end of the window is on time", () => {
    const { warnings } = checkPlacement(place("ana", "12:00", "13:00"), board(), travel);
    expect(warnings.map((w) => w.code)).not.toContain("outside_window");
  });

  test("a helper holding the certification satisfies the job", () => {
    const { warnings } = checkPlacement(place("cy", "10:00", "11:00", ["ana"]), board(), travel);
    expect(warnings.map((w) => w.code)).not.toContain("missing_skill");
  });

  test("moving a job does not collide with its own current slot", () => {
    const b = board();
    b.assignments.push(makeAssignment("new", "ana", "11:00", "12:00"));
    const { warnings } = checkPlacement(place("ana", "11:15", "12:15"), b, travel);
    expect(warnings.map((w) => w.code)).not.toContain("double_booked");
  });

  test("clock times read in the company's time zone", () => {
    const { warnings } = checkPlacement(place("ana", "09:30", "10:30"), board(), travel, {
      timeZone: "America/New_York",
    });
    expect(warnings).toContainEqual(
      expect.objectContaining({ message: "Ana Ortiz is already on WO-1001 at 04:00–05:00" }),
    );
  });
});

describe("checkBoard", () => {
  test("flags both sides of a double booking and leaves clean jobs clean", () => {
    const b = board();
    b.assignments.push(makeAssignment("new", "cy", "11:30", "12:30", ["ana"]));
    const byJob = checkBoard(b, travel);
    expect(byJob.w1).toEqual([]);
    expect(byJob.w2.map((w) => w.message)).toContain("Cy Diaz is already on WO-2000 at 11:30–12:30");
    expect(byJob.new.map((w) => w.message)).toContain("Cy Diaz is already on WO-1002 at 11:00–12:00");
  });

  test("a tight gap warns on both jobs around it", () => {
    const b = board();
    b.assignments.push(makeAssignment("new", "ana", "10:10", "11:10"));
    const byJob = checkBoard(b, travel);
    expect(byJob.new).toEqual([
      expect.objectContaining({
        code: "travel_before",
        message: "Ana Ortiz needs 34 min travel from WO-1001, only 10 min gap",
        otherJobId: "w1",
      }),
    ]);
    expect(byJob.w1).toEqual([
      expect.objectContaining({
        code: "travel_after",
        message: "Ana Ortiz needs 34 min travel to WO-2000, only 10 min gap",
      }),
    ]);
  });

  test("agrees with checkPlacement for every assignment", () => {
    const b = board();
    b.assignments.push(makeAssignment("new", "bo", "08:10", "09:40", ["cy"]));
    const byJob = checkBoard(b, travel);
    for (const a of b.assignments) {
      expect(byJob[a.jobId]).toEqual(checkPlacement(a, b, travel).warnings);
    }
  });
});

describe("certifications that expire, and shift breaks", () => {
  // the test day is 2026-11-23; a certification is valid to the end of its last day
  const until = (date: string) => Date.parse(`${date}T00:00:00Z`) / 60000 + 1440;
  const cert = (expiresOn: string) => ({ name: "EPA-608", expiresOn, validUntil: until(expiresOn) });
  const withAna = (over: Partial<Board["technicians"][number]>): Board => {
    const b = board();
    b.technicians = b.technicians.map((t) => (t.id === "ana" ? { ...t, ...over } : t));
    return b;
  };

  test.each([
    ["expires in 12 days", "2026-12-05", ["Ana Ortiz's EPA-608 expires 2026-12-05, 12 days after this visit: renew it or plan someone else"]],
    ["expires that day", "2026-11-23", ["Ana Ortiz's EPA-608 expires 2026-11-23, the day of this visit: renew it or plan someone else"]],
    ["expires in 30 days", "2026-12-23", ["Ana Ortiz's EPA-608 expires 2026-12-23, 30 days after this visit: renew it or plan someone else"]],
    ["expires in 31 days: no warning", "2026-12-24", []],
  ])("a needed certification that %s is flagged on the placement", (_name, expiresOn, messages) => {
    const { warnings } = checkPlacement(place("ana", "11:00", "12:00"), withAna({ certifications: [cert(expiresOn)] }), travel);
    expect(warnings.filter((w) => w.code === "certification_expiring").map((w) => w.message)).toEqual(messages);
    expect(warnings.map((w) => w.code)).not.toContain("missing_skill");
  });

  test("an expired certification does not count, and the warning names whose expired", () => {
    const { warnings } = checkPlacement(place("ana", "11:00", "12:00"), withAna({ certifications: [cert("2026-11-22")] }), travel);
    expect(warnings).toContainEqual({ code: "missing_skill", message: "No one on the crew holds EPA-608: Ana Ortiz's expired 2026-11-22", technicianId: "ana" });
  });

  test("a crew member whose certification lasts covers a colleague's expiring one", () => {
    const b = withAna({ certifications: [cert("2026-11-30")] });
    b.technicians = b.technicians.map((t) => (t.id === "bo" ? { ...t, skills: ["EPA-608"] } : t));
    const { warnings } = checkPlacement(place("ana", "10:45", "11:30", ["bo"]), b, travel);
    expect(warnings.map((w) => w.code)).not.toContain("certification_expiring");
  });

  test("the board warns on assignments already placed", () => {
    const b = withAna({ certifications: [cert("2026-12-01")] });
    b.assignments.push(makeAssignment("new", "ana", "11:00", "12:00"));
    expect(checkBoard(b, travel)["new"]).toContainEqual(expect.objectContaining({ code: "certification_expiring", technicianId: "ana" }));
  });

  test("work over a shift break is flagged, with the break's times", () => {
    const b = withAna({ breaks: [span("12:00", "12:30")] });
    const over = checkPlacement(place("ana", "11:45", "12:45"), b, travel).warnings;
    expect(over).toContainEqual({ code: "on_break", message: "WO-2000 at 11:45–12:45 runs into Ana Ortiz's break 12:00–12:30", technicianId: "ana" });
    const before = checkPlacement(place("ana", "11:00", "12:00"), b, travel).warnings;
    expect(before.map((w) => w.code)).not.toContain("on_break");
  });
});
