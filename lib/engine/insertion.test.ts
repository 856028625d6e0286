import { describe, expect, test } from "vitest";
import { findInsertions } from "@/lib/engine/insertion";
import type { InsertionOptions } from "@/lib/engine/insertion";
import {
  at,
  makeAssignment,
  makeJob,
  makeTechnician,
  span,
  travelTable,
} from "@/lib/engine/test-fixtures";
import type { Assignment, Job, Technician } from "@/lib/engine/types";

/*
 * Ana works 08:00–16:00 with WO-A 10:00–11:00 and WO-B 13:00–14:00 booked.
 * The new job X (WO-2000) takes 60 min. Travel, either way: home↔X 10, A↔X 15,
 * X↔B 10, home↔A 20, A↔B 22, B↔home 30.
 */
const ana = makeTechnician({ id: "ana", name: "Ana Ortiz" });
const lane: Assignment[] = [
  makeAssignment("A", "ana", "10:00", "11:00"),
  makeAssignment("B", "ana", "13:00", "14:00"),
];
const x = makeJob({ id: "X", workOrder: "WO-2000" });
const table = {
  "home:ana↔job:X": 10,
  "job:A↔job:X": 15,
  "job:X↔job:B": 10,
  "home:ana↔job:A": 20,
  "job:A↔job:B": 22,
  "job:B↔home:ana": 30,
};
const travel = travelTable(table);

function insert(
  job: Partial<Job> = {},
  options: InsertionOptions = {},
  technician: Technician = ana,
  booked: Assignment[] = lane,
  minutes: Record<string, number> = table,
) {
  return findInsertions(technician, booked, { ...x, ...job }, travelTable(minutes), options);
}

const summary = (r: ReturnType<typeof insert>) =>
  r.positions.map((p) => ({ positionIndex: p.positionIndex, start: p.start, addedTravel: p.addedTravel }));

describe("findInsertions: positions and added travel", () => {
  test("every gap, with travel counted before and after the job, cheapest first", () => {
    const result = findInsertions(ana, lane, x, travel, { slotMinutes: 15 });
    expect(result.reasons).toEqual([]);
    expect(result.positions).toEqual([
      // between A and B: 15 in + 10 on − 22 A→B; ready 11:15
      expect.objectContaining({ positionIndex: 1, start: at("11:15"), end: at("12:15"), addedTravel: 3, travelBefore: 15, travelAfter: 10, prevJobId: "A", nextJobId: "B" }),
      // first of the day: 10 from home + 15 on to A − 20 home→A; ready 08:10, snapped to 08:15
      expect.objectContaining({ positionIndex: 0, start: at("08:15"), addedTravel: 5, travelBefore: 10, travelAfter: 15, prevJobId: null, nextJobId: "A" }),
      // after B: 10 from B; the drive home is not counted
      expect.objectContaining({ positionIndex: 2, start: at("14:15"), addedTravel: 10, travelAfter: 0, prevJobId: "B", nextJobId: null }),
    ]);
  });

  test("travel on to the next job must fit before it starts", () => {
    // 70 min from X to B: between A and B the job would have to end by 11:50.
    const result = insert({}, {}, ana, lane, { ...table, "job:X→job:B": 70 });
    expect(result.positions.map((p) => p.positionIndex)).toEqual([0, 2]);
  });

  test("travel in from the previous job must fit after it ends", () => {
    // 150 min from A to X: ready at 13:30, past the 13:00 start of B.
    const result = insert({}, {}, ana, lane, { ...table, "job:A→job:X": 150 });
    expect(result.positions.map((p) => p.positionIndex)).toEqual([0, 2]);
  });

  test("countReturnHome adds the drive home after the last job (and needs it inside the shift)", () => {
    const result = insert({}, { countReturnHome: true });
    const last = result.positions.find((p) => p.positionIndex === 2);
    // 10 from B + 10 home − 30 B→home
    expect(last).toMatchObject({ start: at("14:15"), addedTravel: -10, travelAfter: 10 });
    const late = insert({}, { countReturnHome: true, earliestStart: at("14:55") });
    expect(late.positions).toEqual([]);
  });

  test("the job's own current slot does not block it", () => {
    const moving = [...lane, makeAssignment("X", "ana", "11:15", "12:15")];
    expect(summary(insert({}, {}, ana, moving))).toEqual(summary(insert()));
  });
});

describe("findInsertions: window, deadline, time off", () => {
  test.each([
    ["arrival window 11:30–12:00", { window: span("11:30", "12:00") }, [{ positionIndex: 1, start: at("11:30"), addedTravel: 3 }]],
    ["arrival exactly at the window's end", { window: span("12:00", "12:00"), durationMin: 30 }, [{ positionIndex: 1, start: at("12:00"), addedTravel: 3 }]],
    ["deadline 09:30", { deadline: at("09:30") }, [{ positionIndex: 0, start: at("08:15"), addedTravel: 5 }]],
    ["deadline 12:15 (the middle gap just fits)", { deadline: at("12:15") }, [
      { positionIndex: 1, start: at("11:15"), addedTravel: 3 },
      { positionIndex: 0, start: at("08:15"), addedTravel: 5 },
    ]],
  ])("%s", (_name, job, expected) => {
    expect(summary(insert(job))).toEqual(expected);
  });

  test.each([
    ["time off in the middle gap removes it", [span("11:00", "12:00")], [0, 2], at("14:15")],
    ["time off after B pushes the start past it", [span("14:00", "14:45")], [1, 0, 2], at("14:45")],
  ])("%s", (_name, timeOff, positionIndexes, lastStart) => {
    const result = insert({}, {}, { ...ana, timeOff });
    expect(result.positions.map((p) => p.positionIndex)).toEqual(positionIndexes);
    expect(result.positions.find((p) => p.positionIndex === 2)?.start).toBe(lastStart);
  });
});

describe("findInsertions: snapping to the slot grid", () => {
  // An empty day: the first possible start is 08:10 (10 min from home).
  test.each([
    [{ slotMinutes: 1 }, "08:10"],
    [{ slotMinutes: 5 }, "08:10"],
    [{ slotMinutes: 15 }, "08:15"],
    [{ slotMinutes: 60 }, "09:00"],
    [{ slotMinutes: 5, earliestStart: at("09:07") }, "09:10"],
    [{ slotMinutes: 15, earliestStart: at("09:07") }, "09:15"],
  ])("%o → starts %s", (options, clock) => {
    const result = insert({}, options, ana, []);
    expect(result.positions[0].start).toBe(at(clock));
  });
});

describe("findInsertions: why nothing fits", () => {
  const full = [makeAssignment("A", "ana", "08:00", "12:00"), makeAssignment("B", "ana", "12:30", "16:00")];
  test.each([
    ["no shift today", {}, {}, { ...ana, shifts: [] }, lane, "no_shift", "Ana Ortiz has no shift on this day"],
    ["shift on another day only", {}, { day: span("00:00", "24:00") }, { ...ana, shifts: [{ start: at("08:00") + 1440, end: at("16:00") + 1440 }] }, lane, "no_shift", "Ana Ortiz has no shift on this day"],
    ["on time off all day", {}, {}, { ...ana, timeOff: [span("00:00", "24:00")] }, lane, "time_off_all_day", "Ana Ortiz is on time off all day"],
    ["window already closed", { window: span("10:00", "12:00") }, { earliestStart: at("12:30") }, ana, lane, "window_closed", "WO-2000's arrival window 10:00–12:00 has closed"],
    ["deadline before now plus the work", { deadline: at("13:00") }, { earliestStart: at("12:30") }, ana, lane, "deadline_unreachable", "WO-2000 cannot finish by its deadline 13:00: 60 min of work starting no earlier than 12:30"],
    ["deadline too early once travel counts", { deadline: at("09:00") }, {}, ana, lane, "deadline_unreachable", "WO-2000 cannot finish by its deadline 09:00; the earliest finish is 09:15"],
    ["window only during booked time", { window: span("13:00", "13:30") }, {}, ana, lane, "window_missed", "Ana Ortiz cannot start WO-2000 in its arrival window 13:00–13:30; the earliest start is 08:15"],
    ["longer than the shift", { durationMin: 600 }, {}, ana, [], "too_long", "WO-2000 takes 600 min; Ana Ortiz's longest free stretch is 480 min"],
    ["window outside the shift", { window: span("17:00", "18:00") }, {}, ana, lane, "outside_shift", "WO-2000 must start between 17:00 and 18:00, outside Ana Ortiz's working time 08:00–16:00"],
    ["fully booked", {}, {}, ana, full, "no_gap", "No gap in Ana Ortiz's day fits WO-2000 (60 min plus travel)"],
  ])("%s", (_name, job, options, technician, booked, code, message) => {
    const result = insert(job, options, technician, booked);
    expect(result.positions).toEqual([]);
    expect(result.reasons).toContainEqual({ code, message });
  });
});

describe("findInsertions: an already double-booked day", () => {
  test("travel is allowed from and to both overlapping jobs", () => {
    // A 10:00–11:00 overlaps C 10:30–10:50 (C ends first, 60 min from X), B 13:00–14:00
    // overlaps D 13:30–14:30 (D starts later, 60 min from X).
    const booked = [
      makeAssignment("A", "ana", "10:00", "11:00"),
      makeAssignment("C", "ana", "10:30", "10:50"),
      makeAssignment("B", "ana", "13:00", "14:00"),
      makeAssignment("D", "ana", "13:30", "14:30"),
    ];
    const result = insert({}, {}, ana, booked, { ...table, "job:C↔job:X": 60, "job:X↔job:D": 60 });
    const middle = result.positions.find((p) => p.prevJobId === "A" && p.nextJobId === "B");
    // Ready at 10:50 + 60 = 11:50 (not 11:15); must end by 13:30 − 60 = 12:30 → 11:30 at the latest.
    expect(middle).toBeUndefined();
    const looser = insert({}, {}, ana, booked, { ...table, "job:C↔job:X": 30, "job:X↔job:D": 30 });
    expect(looser.positions.find((p) => p.prevJobId === "A" && p.nextJobId === "B")?.start).toBe(at("11:30"));
  });
});
