import { describe, expect, test } from "vitest";
import { prepareBoard } from "@/lib/engine/board-index";
import { createReplacementFinder, promisedWindow } from "@/lib/engine/replacement";
import type { LaneChanges } from "@/lib/engine/replacement";
import { at, makeAssignment, makeJob, makeTechnician, span, travelTable } from "@/lib/engine/test-fixtures";
import { boardPoints, createEstimatedTravel } from "@/lib/engine/travel";
import type { TravelTimes } from "@/lib/engine/travel";
import type { Assignment, Board, Job } from "@/lib/engine/types";

/*
 * WO-1002 (60 min, customer promised 10:00–12:00) was booked with Sam 10:00–11:00
 * and has just been bumped. It is 08:00. Ana is busy until `anaFree`, Bo until
 * `boFree`; everyone works 08:00–16:00. Travel is 0 unless given.
 */
const sam = makeTechnician({ id: "sam", name: "Sam Okafor" });
const ana = makeTechnician({ id: "ana", name: "Ana Ortiz" });
const bo = makeTechnician({ id: "bo", name: "Bo Li" });
const job = makeJob({ id: "j", workOrder: "WO-1002", window: span("10:00", "12:00") });
const old = makeAssignment("j", "sam", "10:00", "11:00");

function today(anaFree: string, boFree: string): Board {
  return {
    technicians: [sam, ana, bo],
    jobs: [job, makeJob({ id: "a1" }), makeJob({ id: "b1" }), makeJob({ id: "s1" })],
    assignments: [
      old,
      makeAssignment("s1", "sam", "11:00", "16:00"),
      ...(anaFree > "08:00" ? [makeAssignment("a1", "ana", "08:00", anaFree)] : []),
      ...(boFree > "08:00" ? [makeAssignment("b1", "bo", "08:00", boFree)] : []),
    ],
  };
}

/** Sam's lane once WO-1002 has left it (the urgent job took its place). */
const samWithout: LaneChanges = new Map([["sam", [makeAssignment("u", "sam", "10:00", "11:00"), makeAssignment("s1", "sam", "11:00", "16:00")]]]);

function place(board: Board, j: Job = job, travel: TravelTimes = travelTable({}), later: Board[] = [], changes: LaneChanges = samWithout) {
  const finder = createReplacementFinder(
    { index: prepareBoard(board), travel },
    later.map((b) => ({ index: prepareBoard(b), travel })),
    at("08:00"),
  );
  return finder.place(j, old, [changes]);
}

describe("createReplacementFinder: today", () => {
  test("inside its own window when someone has room there: the promise stands", () => {
    expect(place(today("11:00", "16:00"))).toEqual({
      dayIndex: 0,
      technicianId: "ana",
      technicianName: "Ana Ortiz",
      start: at("11:00"),
      end: at("12:00"),
      addedTravel: 0,
      oldWindow: span("10:00", "12:00"),
      newWindow: span("10:00", "12:00"),
      missedWindow: null,
      missedDeadline: null,
    });
  });

  test.each([
    ["its window", job, { missedWindow: span("10:00", "12:00"), missedDeadline: null }],
    ["its deadline", { ...job, window: null, deadline: at("12:00") }, { missedWindow: null, missedDeadline: at("12:00") }],
  ])("when nobody can keep %s: the best slot today anyway, and the miss is reported", (_name, j, missed) => {
    expect(place(today("13:00", "16:00"), j)).toMatchObject({
      technicianId: "ana",
      start: at("13:00"),
      newWindow: span("13:00", "15:00"),
      ...missed,
    });
  });

  test.each([
    // Ana at 11:30 keeps the promised 10:00–12:00 but drives 30 min (30); Bo at 12:30
    // moves the window 2 h 30 min later (25) with no driving.
    [30, "bo", at("12:30")],
    [20, "ana", at("11:30")],
  ])("hours later and minutes of driving are weighed together (Ana %s min away → %s)", (minutes, who, start) => {
    const travel = travelTable({ "job:a1↔job:j": minutes });
    const promisedOnly = { ...job, window: null };
    expect(place(today("11:00", "12:30"), promisedOnly, travel)).toMatchObject({ technicianId: who, start });
  });

  test("keeping the job's own window comes first, however far the drive", () => {
    const travel = travelTable({ "job:a1↔job:j": 30 });
    expect(place(today("11:00", "12:30"), job, travel)).toMatchObject({ technicianId: "ana", start: at("11:30"), missedWindow: null });
  });

  test("never before the window the customer was promised, nor before now", () => {
    const noWindow = { ...job, window: null };
    const afternoon = makeAssignment("j", "sam", "14:10", "15:10");
    expect(promisedWindow(noWindow, afternoon)).toEqual(span("14:00", "16:00"));
    const finder = createReplacementFinder({ index: prepareBoard(today("08:00", "16:00")), travel: travelTable({}) }, [], at("08:00"));
    expect(finder.place(noWindow, afternoon, [samWithout])).toMatchObject({ technicianId: "ana", start: at("14:00") });
  });

  test("lanes an option changed are searched instead of the board's, and one option's changes do not leak into the next", () => {
    const board = today("11:00", "13:00");
    const finder = createReplacementFinder({ index: prepareBoard(board), travel: travelTable({}) }, [], at("08:00"));
    const anaTaken = new Map<string, readonly Assignment[]>([...samWithout, ["ana", [makeAssignment("a1", "ana", "08:00", "11:00"), makeAssignment("x", "ana", "11:00", "16:00")]]]);
    expect(finder.place(job, old, [anaTaken])).toMatchObject({ technicianId: "bo", start: at("13:00") });
    expect(finder.place(job, old, [samWithout])).toMatchObject({ technicianId: "ana", start: at("11:00") });
  });
});

describe("createReplacementFinder: later days", () => {
  const full = today("16:00", "16:00");
  const tomorrow: Board = {
    technicians: [sam, ana, bo].map((t) => ({ ...t, shifts: [{ start: at("08:00") + 1440, end: at("16:00") + 1440 }] })),
    jobs: [makeJob({ id: "t1" })],
    assignments: [{ ...makeAssignment("t1", "ana", "08:00", "09:30"), start: at("08:00") + 1440, end: at("09:30") + 1440 }],
  };

  test("the first later day with room, cheapest by travel, its own window no longer binding", () => {
    // Real distances (the search's bounds assume travel obeys the triangle inequality):
    // Ana's 08:00–09:30 job is next door to WO-1002; Bo's home is ~4 km away, Sam's ~8 km.
    const site = { lat: 40, lng: -75 };
    const board: Board = {
      ...tomorrow,
      technicians: tomorrow.technicians.map((t) => ({ ...t, home: { lat: 40 + { sam: 0.07, ana: 0.1, bo: 0.035 }[t.id as "sam"], lng: -75 } })),
      jobs: [{ ...tomorrow.jobs[0], location: site }, { ...job, location: site }],
    };
    const points = new Map([...boardPoints(full), ...boardPoints(board)]);
    const travel = createEstimatedTravel({ speedKmh: 40, roadFactor: 1.3, bufferMin: 5 }, points);
    expect(place(full, job, travel, [board])).toMatchObject({
      dayIndex: 1,
      technicianId: "ana",
      start: at("09:30") + 1440,
      addedTravel: 0,
      newWindow: { start: at("09:30") + 1440, end: at("11:30") + 1440 },
      missedWindow: null,
    });
  });

  test("null when no day given has room", () => {
    const fullTomorrow: Board = {
      ...tomorrow,
      assignments: ["sam", "ana", "bo"].map((id) => ({ ...makeAssignment(`t-${id}`, id, "08:00", "16:00"), start: at("08:00") + 1440, end: at("16:00") + 1440 })),
    };
    expect(place(full)).toBeNull();
    expect(place(full, job, travelTable({}), [fullTomorrow])).toBeNull();
  });
});
