import { describe, expect, test } from "vitest";
import { laneOf, prepareBoard } from "@/lib/engine/board-index";
import type { BoardIndex } from "@/lib/engine/board-index";
import { DEFAULT_BUMP_HARM_WEIGHTS } from "@/lib/engine/bump-harm";
import { rankBumpOptions } from "@/lib/engine/bump-ranking";
import type { BumpOption, BumpRankingOptions } from "@/lib/engine/bump-ranking";
import { createRandom } from "@/lib/engine/random";
import { DAY, at, makeAssignment, makeJob, makeTechnician, span, travelTable } from "@/lib/engine/test-fixtures";
import { boardPoints, createEstimatedTravel, travelMinutes } from "@/lib/engine/travel";
import type { TravelTimes } from "@/lib/engine/travel";
import type { Assignment, Board, GeoPoint, Interval, Job, Technician } from "@/lib/engine/types";

/*
 * Everyone works 08:00–16:00 on Monday 2026-11-23 (UTC). It is 08:00 and
 * WO-9001 comes in: an emergency (priority 1), 60 min, needs EPA-608, must be
 * finished by 11:00. Travel is 0 unless a test says otherwise, so slots are easy
 * to read.
 *
 * Sam Okafor (EPA-608) is booked solid: WO-S1 08:00–09:00 and WO-S3 10:00–16:00
 * are SLA-protected; WO-S2 09:00–10:00 (Low) is the one he could drop. Dee Park
 * (no skills) has WO-D1 08:00–13:00 and is free from 13:00.
 */
const sam = makeTechnician({ id: "sam", name: "Sam Okafor", skills: ["EPA-608"] });
const cy = makeTechnician({ id: "cy", name: "Cy Diaz", skills: ["EPA-608"] });
const dee = makeTechnician({ id: "dee", name: "Dee Park" });
const eve = makeTechnician({ id: "eve", name: "Eve Moss", skills: ["backflow"] });

const urgent = makeJob({
  id: "u",
  workOrder: "WO-9001",
  priority: 1,
  status: "unscheduled",
  requiredSkills: ["EPA-608"],
  deadline: at("11:00"),
});

type Booking = [job: Partial<Job> & { id: string }, leaderId: string, from: string, to: string, helperIds?: string[]];

/** A board from bookings: each job WO-<ID> and as long as its booking unless given. */
function boardOf(technicians: Technician[], bookings: Booking[], dayOffset = 0): Board {
  const shift = (a: Assignment) => ({ ...a, start: a.start + dayOffset * 1440, end: a.end + dayOffset * 1440 });
  return {
    technicians: technicians.map((t) => ({
      ...t,
      shifts: t.shifts.map((s) => ({ start: s.start + dayOffset * 1440, end: s.end + dayOffset * 1440 })),
    })),
    jobs: bookings.map(([j, , from, to]) =>
      makeJob({ workOrder: `WO-${j.id.toUpperCase()}`, durationMin: at(to) - at(from), ...j }),
    ),
    assignments: bookings.map(([j, leader, from, to, helpers]) => shift(makeAssignment(j.id, leader, from, to, helpers))),
  };
}

/** Sam's solid day, with WO-S2 changed as the test needs. */
function samsDay(s2: Partial<Job> = {}): Booking[] {
  return [
    [{ id: "s1", slaProtected: true }, "sam", "08:00", "09:00"],
    [{ id: "s2", priority: 4, ...s2 }, "sam", "09:00", "10:00"],
    [{ id: "s3", slaProtected: true }, "sam", "10:00", "16:00"],
  ];
}
const deesDay: Booking[] = [[{ id: "d1", slaProtected: true }, "dee", "08:00", "13:00"]];

const zero = travelTable({});

function rank(board: Board | BoardIndex, options: BumpRankingOptions = {}, job: Job = urgent, travel: TravelTimes = zero, now = at("08:00")) {
  return rankBumpOptions(job, board, travel, now, options);
}

const bumpedIds = (r: ReturnType<typeof rank>) => r.options.map((o) => o.bumped.map((b) => b.jobId).join("+") || "gap");

describe("rankBumpOptions: which jobs may be bumped", () => {
  test.each([
    ["SLA-protected", { slaProtected: true }],
    ["a contract customer's", { contract: true }],
  ])("a job that is %s is never bumped without the override", (_name, s2) => {
    const result = rank(boardOf([sam, dee], [...samsDay(s2), ...deesDay]));
    expect(result.options).toEqual([]);
    expect(result.deadlineMet).toBe(false);
    expect(result.excluded).toContainEqual({
      technicianId: "sam",
      reason: "nothing in Sam Okafor's day can be bumped for WO-9001: 3 SLA/contract",
    });
  });

  test.each([
    ["SLA-protected", { slaProtected: true }, "WO-S2 is SLA-protected: bumped only by override"],
    ["a contract customer's", { contract: true }, "WO-S2 is a contract customer's: bumped only by override"],
  ])("with the override, a job that is %s can be bumped, flagged and costly", (_name, s2, why) => {
    const result = rank(boardOf([sam, dee], [...samsDay(s2), ...deesDay]), { allowSlaOverride: true });
    const [option] = result.options;
    expect(option.bumped.map((b) => [b.jobId, b.slaOrContract])).toEqual([["s2", true]]);
    expect(option.flags.slaOverride).toBe(true);
    expect(option.harm.parts).toContainEqual({ factor: "sla", value: DEFAULT_BUMP_HARM_WEIGHTS.slaOverride, why });
    expect(option.warnings).toContain(`WO-S2 is ${_name}: bumped by override`);
    // The other SLA jobs could now be bumped too, but each costs more than WO-S2.
    expect(result.options.every((o) => o.flags.slaOverride)).toBe(true);
  });

  test.each([
    ["in progress", { status: "in_progress" as const }, "1 in progress or done"],
    ["done", { status: "done" as const }, "1 in progress or done"],
    ["pinned", { pinned: true }, "1 pinned"],
  ])("a job that is %s is never bumped", (_name, s2, count) => {
    const result = rank(boardOf([sam, dee], [...samsDay(s2), ...deesDay]), { allowSlaOverride: false });
    expect(result.options).toEqual([]);
    expect(result.excluded.find((e) => e.technicianId === "sam")?.reason).toContain(count);
  });

  test("a job already under way (its start has passed) is never bumped", () => {
    const result = rank(boardOf([sam, dee], [...samsDay(), ...deesDay]), {}, urgent, zero, at("09:10"));
    expect(result.options.flatMap((o) => o.bumped.map((b) => b.jobId))).not.toContain("s2");
    expect(result.excluded.find((e) => e.technicianId === "sam")?.reason).toContain("2 already under way");
  });

  test.each([
    [1, false],
    [2, false],
    [3, true],
    [4, true],
  ] as const)("for a High-priority urgent job, a priority-%s job is bumpable: %s", (priority, bumpable) => {
    const high = { ...urgent, priority: 2 as const };
    const result = rank(boardOf([sam, dee], [...samsDay({ priority }), ...deesDay]), {}, high);
    expect(bumpedIds(result)).toEqual(bumpable ? ["s2"] : []);
  });
});

describe("rankBumpOptions: ranking", () => {
  test("a free gap ranks before any bump, even with more travel", () => {
    // Cy has 09:00–10:00 free but is 40 min away; bumping WO-S2 costs Sam no travel.
    const board = boardOf([sam, cy, dee], [
      ...samsDay(),
      ...deesDay,
      [{ id: "c1", slaProtected: true }, "cy", "08:00", "09:00"],
      [{ id: "c3", slaProtected: true }, "cy", "11:00", "16:00"],
    ]);
    const travel = travelTable({ "job:c1↔job:u": 40 });
    const result = rank(board, {}, urgent, travel);
    expect(result.options.map((o) => [o.technicianId, o.fitsWithoutBump, o.harm.score])).toEqual([
      ["cy", true, 0],
      ["sam", false, expect.any(Number)],
    ]);
    expect(result.options[0]).toMatchObject({ urgentSlot: span("09:45", "10:45"), addedTravelMin: 40, meetsDeadline: true });
    expect(result.message).toBe("Cy Diaz can take WO-9001 at 09:45–10:45 without bumping anyone");
  });

  test("a Low job bumped 30 min later ranks before a High job bumped to tomorrow", () => {
    // Sam could drop WO-S2 (Low): Dee is free from 09:30. Cy could drop WO-C2 (High,
    // needs backflow): only Eve holds backflow, and she is free only tomorrow.
    const today = boardOf([sam, cy, dee, eve], [
      ...samsDay(),
      [{ id: "c1", slaProtected: true }, "cy", "08:00", "09:00"],
      [{ id: "c2", priority: 2, requiredSkills: ["backflow"] }, "cy", "09:00", "10:00"],
      [{ id: "c3", slaProtected: true }, "cy", "10:00", "16:00"],
      [{ id: "d1", slaProtected: true }, "dee", "08:00", "09:30"],
      [{ id: "e1", slaProtected: true }, "eve", "08:00", "16:00"],
    ]);
    const tomorrow = boardOf([eve], [], 1);
    const result = rank(today, { laterBoards: [tomorrow] });
    expect(bumpedIds(result)).toEqual(["s2", "c2"]);
    const [low, high] = result.options;
    expect(low.bumped[0]).toMatchObject({
      newSlot: { leaderId: "dee", start: at("09:30"), end: at("10:30"), day: "today" },
      oldWindow: span("09:00", "11:00"),
      newWindow: span("09:00", "11:00"),
      reason: "moves to Dee Park at 09:30–10:30; still inside its 09:00–11:00 window",
    });
    expect(low.harm).toEqual({
      score: 20,
      parts: [
        { factor: "priority", value: 20, why: "WO-S2 is Low priority" },
        { factor: "delay", value: 0, why: "WO-S2: stays inside its 09:00–11:00 window" },
        { factor: "travel", value: 0, why: "no added travel for Sam Okafor" },
        { factor: "travel", value: 0, why: "no added travel for Dee Park" },
      ],
    });
    expect(high.bumped[0]).toMatchObject({
      newSlot: { leaderId: "eve", start: at("08:00") + 1440, day: "later" },
      newWindow: { start: at("08:00") + 1440, end: at("10:00") + 1440 },
      reason: "moves to tomorrow 08:00–09:00 with Eve Moss; new window 08:00–10:00",
    });
    expect(high.harm.parts).toContainEqual({
      factor: "delay",
      value: DEFAULT_BUMP_HARM_WEIGHTS.laterDay,
      why: "WO-C2: moved to tomorrow 08:00 (new window 08:00–10:00)",
    });
    expect(low.harm.score).toBeLessThan(high.harm.score);
    expect(result.message).toBe(
      "No free gap fits WO-9001 by 11:00; least harm: Sam Okafor takes it at 09:00–10:00, bumping WO-S2 (moves to Dee Park at 09:30–10:30; still inside its 09:00–11:00 window)",
    );
  });

  test("two back-to-back jobs are bumped together only when neither alone makes room", () => {
    const board = boardOf([sam, dee], [
      [{ id: "s1", slaProtected: true }, "sam", "08:00", "09:00"],
      [{ id: "x", priority: 4 }, "sam", "09:00", "09:30"],
      [{ id: "y", priority: 4 }, "sam", "09:30", "10:00"],
      [{ id: "s3", slaProtected: true }, "sam", "10:00", "16:00"],
      ...deesDay,
    ]);
    const result = rank(board);
    expect(result.options.map((o) => o.id)).toEqual(["sam/1/x+y"]);
    expect(result.options[0].urgentSlot).toEqual(span("09:00", "10:00"));
    expect(rank(board, { maxBumped: 1 }).options).toEqual([]);
  });

  test("options are the same, ids included, on every run; maxOptions caps them", () => {
    const board = boardOf([sam, dee], [
      [{ id: "a", priority: 4 }, "sam", "08:00", "09:00"],
      [{ id: "b", priority: 3 }, "sam", "09:00", "10:00"],
      [{ id: "c", priority: 2 }, "sam", "10:00", "16:00"],
      ...deesDay,
    ]);
    const first = rank(board, { maxOptionsPerTechnician: 5 });
    expect(first.options.map((o) => o.id)).toEqual(["sam/0/a", "sam/1/b", "sam/2/c"]);
    expect(rank(board, { maxOptionsPerTechnician: 5 })).toEqual(first);
    expect(rank(prepareBoard(board), { maxOptionsPerTechnician: 5 })).toEqual(first);
    expect(rank(board, { maxOptions: 2, maxOptionsPerTechnician: 5 }).options.map((o) => o.id)).toEqual(["sam/0/a", "sam/1/b"]);
    expect(rank(board).options).toHaveLength(3);
    expect(rank(board, { maxOptionsPerTechnician: 1 }).options.map((o) => o.id)).toEqual(["sam/0/a"]);
  });
});

describe("rankBumpOptions: where a bumped job goes", () => {
  test("later today, on another technician holding its skills, with its new window", () => {
    // WO-S2 needs brazing: Bo holds it and is free from 13:00; Dee is free from 13:00 but lacks it.
    const bo = makeTechnician({ id: "bo", name: "Bo Li", skills: ["brazing"] });
    const board = boardOf([sam, bo, dee], [
      ...samsDay({ requiredSkills: ["brazing"] }),
      [{ id: "b1", slaProtected: true }, "bo", "08:00", "13:00"],
      [{ id: "d1", slaProtected: true }, "dee", "08:00", "12:00"],
    ]);
    const [option] = rank(board).options;
    expect(option.bumped).toEqual([
      {
        jobId: "s2",
        workOrder: "WO-S2",
        customerName: "Harbour Deli",
        priority: 4,
        oldSlot: { leaderId: "sam", start: at("09:00"), end: at("10:00") },
        newSlot: { leaderId: "bo", start: at("13:00"), end: at("14:00"), day: "today" },
        oldWindow: span("09:00", "11:00"),
        newWindow: span("13:00", "15:00"),
        slaOrContract: false,
        reason: "moves to Bo Li at 13:00–14:00; new window 13:00–15:00 (pushed back 4 h)",
      },
    ]);
    expect(option.harm.parts).toContainEqual({
      factor: "delay",
      value: 40,
      why: "WO-S2: pushed back 4 h (new window 13:00–15:00)",
    });
  });

  test("its own arrival window is kept when someone can, and its miss is reported when no one can", () => {
    const windowed = { window: span("09:00", "09:30") };
    const kept = rank(boardOf([sam, dee], [...samsDay(windowed), [{ id: "d1", slaProtected: true }, "dee", "08:00", "09:15"]]));
    expect(kept.options[0].bumped[0]).toMatchObject({ newSlot: { start: at("09:15") }, newWindow: span("09:00", "09:30") });
    const missed = rank(boardOf([sam, dee], [...samsDay(windowed), ...deesDay]));
    const [bumped] = missed.options[0].bumped;
    expect(bumped).toMatchObject({ newSlot: { start: at("13:00") }, newWindow: span("13:00", "15:00") });
    expect(bumped.reason).toBe("moves to Dee Park at 13:00–14:00; new window 13:00–15:00 (pushed back 4 h); misses its own 09:00–09:30 window");
    expect(missed.options[0].harm.parts).toContainEqual({
      factor: "window",
      value: DEFAULT_BUMP_HARM_WEIGHTS.missedWindow,
      why: "WO-S2: misses its own 09:00–09:30 window",
    });
  });

  test("tomorrow, when nobody has room today", () => {
    const today = boardOf([sam, dee], [...samsDay(), [{ id: "d1", slaProtected: true }, "dee", "08:00", "16:00"]]);
    const tomorrow = boardOf([sam, dee], [[{ id: "t1" }, "dee", "08:00", "10:00"]], 1);
    const [option] = rank(today, { laterBoards: [{ board: tomorrow, day: { start: DAY + 1440, end: DAY + 2880 } }] }).options;
    expect(option.bumped[0]).toMatchObject({
      newSlot: { leaderId: "sam", start: at("08:00") + 1440, end: at("09:00") + 1440, day: "later" },
      newWindow: { start: at("08:00") + 1440, end: at("10:00") + 1440 },
    });
    expect(option.flags.unscheduled).toBe(false);
  });

  test.each([
    ["no later day given", [], "no room later today"],
    ["tomorrow full too", [boardOf([sam, dee], [[{ id: "t1", slaProtected: true }, "sam", "08:00", "16:00"], [{ id: "t2" }, "dee", "08:00", "16:00"]], 1)], "no room today or tomorrow"],
  ])("nowhere (%s): left unscheduled, flagged, and the harm says so", (_name, laterBoards, noRoom) => {
    const today = boardOf([sam, dee], [...samsDay(), [{ id: "d1", slaProtected: true }, "dee", "08:00", "16:00"]]);
    const [option] = rank(today, { laterBoards }).options;
    expect(option.bumped[0]).toMatchObject({ newSlot: null, newWindow: null, reason: `${noRoom}: left unscheduled` });
    expect(option.flags.unscheduled).toBe(true);
    expect(option.warnings).toContain(`WO-S2: ${noRoom}, left unscheduled`);
    expect(option.harm.parts).toContainEqual({
      factor: "unscheduled",
      value: DEFAULT_BUMP_HARM_WEIGHTS.unscheduled,
      why: `WO-S2: ${noRoom}, left unscheduled`,
    });
  });
});

describe("rankBumpOptions: harm", () => {
  test.each([
    [{ customerReachable: false }, "reach", DEFAULT_BUMP_HARM_WEIGHTS.unreachable, "WO-S2: customer cannot be told: no phone or email"],
    [{ rescheduleCount: 2 }, "reschedules", 2 * DEFAULT_BUMP_HARM_WEIGHTS.perReschedule, "WO-S2: already rescheduled twice"],
    [{ priority: 2 as const }, "priority", DEFAULT_BUMP_HARM_WEIGHTS.priority[2], "WO-S2 is High priority"],
  ])("%o adds harm", (s2, factor, value, why) => {
    const base = rank(boardOf([sam, dee], [...samsDay(), ...deesDay])).options[0];
    const option = rank(boardOf([sam, dee], [...samsDay(s2), ...deesDay])).options[0];
    expect(option.harm.parts).toContainEqual({ factor, value, why });
    const low = DEFAULT_BUMP_HARM_WEIGHTS.priority[4];
    expect(option.harm.score - base.harm.score).toBe(factor === "priority" ? value - low : value);
  });

  test("added travel is counted for the urgent job's technician and for whoever takes the bumped job", () => {
    // Sam: WO-S1 08:00–09:00, WO-S2 09:15–10:00, WO-S3 10:45–16:00. Dropping WO-S2 saves
    // him 10 + 10 and the urgent job costs 20 in + 10 on: net +10. Ana takes WO-S2 after
    // her 08:00–12:00 job, 22 min away.
    const ana = makeTechnician({ id: "ana", name: "Ana Ortiz" });
    const board = boardOf([sam, ana], [
      [{ id: "s1", slaProtected: true }, "sam", "08:00", "09:00"],
      [{ id: "s2", priority: 4 }, "sam", "09:15", "10:00"],
      [{ id: "s3", slaProtected: true }, "sam", "10:45", "16:00"],
      [{ id: "a1", slaProtected: true }, "ana", "08:00", "12:00"],
    ]);
    const travel = travelTable({
      "job:s1↔job:s2": 10,
      "job:s2↔job:s3": 10,
      "job:s1↔job:s3": 15,
      "job:s1↔job:u": 20,
      "job:u↔job:s3": 10,
      "job:a1↔job:s2": 22,
    });
    const [option] = rank(board, {}, urgent, travel).options;
    expect(option.urgentSlot).toEqual(span("09:30", "10:30"));
    expect(option.bumped[0].newSlot).toEqual({ leaderId: "ana", start: at("12:30"), end: at("13:15"), day: "today" });
    expect(option.travelByTechnician).toEqual([
      { technicianId: "sam", technicianName: "Sam Okafor", addedMin: 10 },
      { technicianId: "ana", technicianName: "Ana Ortiz", addedMin: 22 },
    ]);
    expect(option.addedTravelMin).toBe(32);
    expect(option.harm.parts.filter((p) => p.factor === "travel")).toEqual([
      { factor: "travel", value: 10, why: "+10 min travel for Sam Okafor" },
      { factor: "travel", value: 22, why: "+22 min travel for Ana Ortiz" },
    ]);
  });
});

describe("rankBumpOptions: edge cases", () => {
  test("a deadline nobody can meet: the closest options, earliest finish first, and a message", () => {
    // Finished by 08:30 is impossible for a 60-min job at 08:00.
    const early = { ...urgent, deadline: at("08:30") };
    const board = boardOf([sam, cy, dee], [...samsDay(), ...deesDay, [{ id: "c1", slaProtected: true }, "cy", "08:00", "09:30"]]);
    const result = rank(board, {}, early);
    expect(result.deadlineMet).toBe(false);
    expect(result.options.map((o) => [o.technicianId, o.urgentSlot, o.fitsWithoutBump, o.meetsDeadline])).toEqual([
      ["sam", span("09:00", "10:00"), false, false],
      ["cy", span("09:30", "10:30"), true, false],
    ]);
    expect(result.message).toBe(
      "WO-9001 cannot be finished by 08:30 by anyone, even by bumping; closest options shown: the earliest finish is 10:00 with Sam Okafor, bumping WO-S2",
    );
  });

  test("no qualified technician: a clear message and who was excluded", () => {
    const board = boardOf([dee, { ...cy, active: false }], deesDay);
    const result = rank(board);
    expect(result).toMatchObject({
      options: [],
      deadlineMet: false,
      message: "No active technician holds EPA-608: nobody can take WO-9001",
    });
    expect(result.excluded).toEqual([
      { technicianId: "dee", reason: "missing EPA-608" },
      { technicianId: "cy", reason: "Cy Diaz is inactive" },
    ]);
  });

  test("a skill only one technician holds is flagged: the urgent job's, and a bumped job's", () => {
    const board = boardOf([sam, dee], [...samsDay({ requiredSkills: ["EPA-608"] }), ...deesDay]);
    const [option] = rank(board).options;
    expect(option.flags.uniqueSkill).toBe("EPA-608");
    expect(option.warnings).toEqual([
      "only Sam Okafor holds EPA-608",
      "only Sam Okafor holds EPA-608: nobody else can take WO-S2",
      "WO-S2: no room later today, left unscheduled",
    ]);
    // Nobody else can take WO-S2 today and no later day was given.
    expect(option.bumped[0].newSlot).toBeNull();
  });

  test("a bumped job's helpers are not carried over, and the dispatcher is told", () => {
    const board = boardOf([sam, dee], [
      [{ id: "s1", slaProtected: true }, "sam", "08:00", "09:00"],
      [{ id: "s2", priority: 4 }, "sam", "09:00", "10:00", ["dee"]],
      [{ id: "s3", slaProtected: true }, "sam", "10:00", "16:00"],
      [{ id: "d1", slaProtected: true }, "dee", "10:00", "16:00"],
    ]);
    const [option] = rank(board).options;
    expect(option.warnings).toContain("WO-S2 had helpers (Dee Park); it is re-placed with a leader only");
    // Dee's time on WO-S2 is freed, so she can take it herself at 09:00.
    expect(option.bumped[0].newSlot).toEqual({ leaderId: "dee", start: at("09:00"), end: at("10:00"), day: "today" });
  });
});

describe("rankBumpOptions: rules that hold on any board", () => {
  // A random but fixed board: 30 technicians around a city, 6–9 jobs each, every
  // kind of protection sprinkled in; 20 emergencies and 20 High-priority calls at 10:00.
  const random = createRandom(4242);
  const skills = ["EPA-608", "brazing", "backflow"];
  const near = (p: GeoPoint, km: number): GeoPoint => ({
    lat: p.lat + ((random.next() * 2 - 1) * km) / 111,
    lng: p.lng + ((random.next() * 2 - 1) * km) / 85,
  });
  const city = { lat: 41.88, lng: -87.63 };
  const settings = { speedKmh: 40, roadFactor: 1.3, bufferMin: 5 };
  const board: Board = { technicians: [], jobs: [], assignments: [] };
  for (let i = 0; i < 30; i++) {
    const t = makeTechnician({ id: `t${i}`, name: `Tech ${i}`, home: near(city, 15), skills: skills.filter(() => random.chance(0.5)) });
    board.technicians.push(t);
    let here = t.home;
    let cursor = at("08:00");
    for (let k = 0; k < random.int(6, 9); k++) {
      const job = makeJob({
        id: `t${i}j${k}`,
        workOrder: `WO-${i}-${k}`,
        location: near(t.home, 5),
        durationMin: random.int(20, 60),
        priority: random.pick([1, 2, 3, 4] as const),
        requiredSkills: t.skills.length && random.chance(0.3) ? [random.pick(t.skills)] : [],
        slaProtected: random.chance(0.15),
        contract: random.chance(0.15),
        pinned: random.chance(0.1),
        status: random.pick(["scheduled", "published", "in_progress", "done"] as const),
      });
      const start = cursor + travelMinutes(here, job.location, settings) + random.int(0, 15);
      if (start + job.durationMin > at("16:00")) break;
      board.jobs.push(job);
      board.assignments.push({ jobId: job.id, leaderId: t.id, helperIds: [], start, end: start + job.durationMin, version: 1 });
      cursor = start + job.durationMin;
      here = job.location;
    }
  }
  const calls: Job[] = Array.from({ length: 40 }, (_, k) =>
    makeJob({
      id: `u${k}`,
      workOrder: `WO-U${k}`,
      priority: k < 20 ? 1 : 2,
      status: "unscheduled",
      location: near(city, 15),
      durationMin: random.pick([45, 60, 90]),
      requiredSkills: random.chance(0.5) ? [random.pick(skills)] : [],
      deadline: at("10:00") + random.int(120, 300),
    }),
  );
  const points = boardPoints({ ...board, jobs: [...board.jobs, ...calls] });
  const now = at("10:00");
  const index = prepareBoard(board);

  const rankings = new Map(
    calls.map((c) => [c.workOrder, rankBumpOptions(c, index, createEstimatedTravel(settings, points), now, { maxOptionsPerTechnician: 10 })]),
  );

  test("most calls get bump options (the board is busy enough to test the rules)", () => {
    const withBumps = [...rankings.values()].filter((r) => r.options.some((o) => !o.fitsWithoutBump));
    expect(withBumps.length).toBeGreaterThan(25);
  });

  test.each(calls.map((c) => [c.workOrder, c] as const))("%s", (wo, call) => {
    const result = rankings.get(wo) as ReturnType<typeof rankBumpOptions>;
    if (!result.options.length) {
      // Half the board is in progress or done, so now and then nothing can make room.
      expect(result.deadlineMet).toBe(false);
      expect(result.message).toBe(`No qualified technician has room for ${wo} today, even by bumping`);
    }
    let previous: (typeof result.options)[number] | null = null;
    for (const option of result.options) {
      for (const b of option.bumped) {
        const job = index.jobById.get(b.jobId) as Job;
        expect(job.slaProtected || job.contract).toBe(false);
        expect(["in_progress", "done", "cancelled"]).not.toContain(job.status);
        expect(job.pinned).toBe(false);
        expect(job.priority).toBeGreaterThan(call.priority);
        expect(b.oldSlot.start).toBeGreaterThanOrEqual(now);
        if (b.newSlot?.day === "today") {
          // The new slot is free in its new technician's day once the option is applied.
          const moved = new Set(option.bumped.map((x) => x.jobId));
          const lane = laneOf(index, b.newSlot.leaderId).filter((a) => !moved.has(a.jobId));
          const busy = [...lane, ...(b.newSlot.leaderId === option.technicianId ? [option.urgentSlot] : [])];
          expect(busy.some((a) => a.start < (b.newSlot as Interval).end && (b.newSlot as Interval).start < a.end)).toBe(false);
        }
      }
      expect(option.meetsDeadline).toBe(result.deadlineMet);
      if (previous) expect(byRank(previous, option, result.deadlineMet)).toBeLessThanOrEqual(0);
      previous = option;
    }
  });

  function byRank(a: BumpOption, b: BumpOption, inTime: boolean): number {
    if (!inTime && a.urgentSlot.end !== b.urgentSlot.end) return a.urgentSlot.end - b.urgentSlot.end;
    if (a.fitsWithoutBump !== b.fitsWithoutBump) return a.fitsWithoutBump ? -1 : 1;
    return a.harm.score - b.harm.score || a.addedTravelMin - b.addedTravelMin;
  }
});
