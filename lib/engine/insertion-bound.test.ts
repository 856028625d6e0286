import { describe, expect, test } from "vitest";
import { laneOf, prepareBoard } from "@/lib/engine/board-index";
import { findInsertions } from "@/lib/engine/insertion";
import { createInsertionBounds } from "@/lib/engine/insertion-bound";
import { createRandom } from "@/lib/engine/random";
import { DAY, at, makeAssignment, makeJob, makeTechnician, travelTable } from "@/lib/engine/test-fixtures";
import { boardPoints, createEstimatedTravel, travelMinutes } from "@/lib/engine/travel";
import type { Board, GeoPoint, Job } from "@/lib/engine/types";

describe("createInsertionBounds: an example", () => {
  // Ana: WO-A 08:00–10:00, WO-B 12:00–16:00. Home→A 10, home→B 10, A→B 12, home→X 30.
  const board: Board = {
    technicians: [makeTechnician({ id: "ana" })],
    jobs: [makeJob({ id: "a" }), makeJob({ id: "b" }), makeJob({ id: "x" })],
    assignments: [makeAssignment("a", "ana", "08:00", "10:00"), makeAssignment("b", "ana", "12:00", "16:00")],
  };
  const travel = travelTable({ "home:ana↔job:a": 10, "home:ana↔job:b": 10, "job:a↔job:b": 12, "home:ana↔job:x": 30, "job:a↔job:x": 25, "job:x↔job:b": 25 });
  const bounds = createInsertionBounds(prepareBoard(board), travel);
  const ana = board.technicians[0];
  const added = (_start: number, addedTravel: number) => addedTravel;

  test("between A and B: rough, at least 30 − 10 each way (20 + 20 − 12); looked up, 25 + 25 − 12 as findInsertions says", () => {
    const x = makeJob({ id: "x", durationMin: 60 });
    expect(bounds.roughBound(ana, x, at("08:00"), Infinity, added)).toEqual({ withinLatest: 28, any: 28 });
    expect(bounds.bound(ana, x, at("08:00"), Infinity, added)).toEqual({ withinLatest: 38, any: 38 });
    expect(findInsertions(ana, laneOf(prepareBoard(board), "ana"), x, travel).positions[0].addedTravel).toBe(38);
  });

  test("a job longer than the gap less the straight drive across it cannot fit", () => {
    const x = makeJob({ id: "x", durationMin: 110 });
    expect(bounds.bound(ana, x, at("08:00"), Infinity, added)).toEqual({ withinLatest: null, any: null });
    expect(bounds.roughBound(ana, x, at("08:00"), Infinity, added)).toEqual({ withinLatest: null, any: null });
  });

  test("a job exactly as long as the gap less the straight drive across it, on the way, still fits", () => {
    const onTheWay = travelTable({ "home:ana↔job:a": 10, "home:ana↔job:b": 10, "job:a↔job:b": 12, "home:ana↔job:x": 10, "job:a↔job:x": 6, "job:x↔job:b": 6 });
    const x = makeJob({ id: "x", durationMin: 108 });
    const exact = findInsertions(ana, laneOf(prepareBoard(board), "ana"), x, onTheWay, { slotMinutes: 1 }).positions;
    expect(exact.map((p) => [p.start, p.addedTravel])).toEqual([[at("10:06"), 0]]);
    const fine = createInsertionBounds(prepareBoard(board), onTheWay, { slotMinutes: 1 });
    expect(fine.roughBound(ana, x, at("08:00"), Infinity, added)).toEqual({ withinLatest: 0, any: 0 });
    expect(fine.bound(ana, x, at("08:00"), Infinity, added)).toEqual({ withinLatest: 0, any: 0 });
  });

  test("a start after `latest` only counts for `any`", () => {
    const x = makeJob({ id: "x", durationMin: 60 });
    expect(bounds.roughBound(ana, x, at("08:00"), at("10:00"), added)).toEqual({ withinLatest: null, any: 28 });
  });
});

describe("createInsertionBounds: never above the real cost", () => {
  // Random full days around a city with estimated travel (symmetric, triangle inequality).
  const random = createRandom(20261123);
  const settings = { speedKmh: 40, roadFactor: 1.3, bufferMin: 5 };
  const near = (p: GeoPoint, km: number): GeoPoint => ({
    lat: p.lat + ((random.next() * 2 - 1) * km) / 111,
    lng: p.lng + ((random.next() * 2 - 1) * km) / 85,
  });
  const city = { lat: 41.88, lng: -87.63 };
  const board: Board = { technicians: [], jobs: [], assignments: [] };
  for (let i = 0; i < 40; i++) {
    const t = makeTechnician({ id: `t${i}`, home: near(city, 20), shifts: [{ start: at("07:00"), end: at("17:00") }] });
    board.technicians.push(t);
    let here = t.home;
    let cursor = at("07:00");
    for (let k = 0; k < random.int(3, 10); k++) {
      const job = makeJob({ id: `t${i}j${k}`, location: near(t.home, 6), durationMin: random.int(15, 60) });
      const start = cursor + travelMinutes(here, job.location, settings) + random.int(0, 90);
      if (start + job.durationMin > at("17:00")) break;
      board.jobs.push(job);
      board.assignments.push({ jobId: job.id, leaderId: t.id, helperIds: [], start, end: start + job.durationMin, version: 1 });
      cursor = start + job.durationMin;
      here = job.location;
    }
  }
  // Half the probes anywhere in the city, half close to someone's jobs (where gaps mid-day can fit).
  const probes: Job[] = Array.from({ length: 30 }, (_, k) =>
    makeJob({
      id: `p${k}`,
      location: k % 2 ? near(city, 25) : near(random.pick(board.technicians).home, 3),
      durationMin: random.pick([15, 30, 45, 60]),
    }),
  );
  board.jobs.push(...probes);
  const index = prepareBoard(board);
  const travel = createEstimatedTravel(settings, boardPoints(board));
  const bounds = createInsertionBounds(index, travel, { slotMinutes: 15, day: { start: DAY, end: DAY + 1440 } });
  const earliest = at("09:00");
  const latest = at("13:00");
  const cost = (start: number, addedTravel: number) => addedTravel + (start - earliest) / 6;

  test.each(["bound", "roughBound"] as const)("%s", (kind) => {
    let checked = 0;
    let midDay = 0;
    for (const job of probes) {
      for (const t of board.technicians) {
        const { positions } = findInsertions(t, laneOf(index, t.id), job, travel, { earliestStart: earliest, slotMinutes: 15 });
        const real = (ps: typeof positions) => Math.min(...ps.map((p) => cost(p.start, p.addedTravel)));
        const b = bounds[kind](t, job, earliest, latest, cost);
        if (positions.some((p) => p.nextJobId !== null)) midDay++;
        if (positions.length) {
          expect(b.any).not.toBeNull();
          expect(b.any as number).toBeLessThanOrEqual(real(positions) + 1e-9);
          checked++;
        }
        const early = positions.filter((p) => p.start <= latest);
        if (early.length) {
          expect(b.withinLatest).not.toBeNull();
          expect(b.withinLatest as number).toBeLessThanOrEqual(real(early) + 1e-9);
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(midDay).toBeGreaterThan(100);
  });
});
