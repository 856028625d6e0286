import { describe, expect, test } from "vitest";
import {
  boardPoints,
  buildTravelMatrix,
  createEstimatedTravel,
  createMatrixTravel,
  haversineKm,
  homeKey,
  jobKey,
  travelMatrixFromRows,
  travelMinutes,
} from "@/lib/engine/travel";
import type { GeoPoint, TravelSettings } from "@/lib/engine/types";

const london: GeoPoint = { lat: 51.5074, lng: -0.1278 };
const paris: GeoPoint = { lat: 48.8566, lng: 2.3522 };
const depot: GeoPoint = { lat: 40, lng: -75 };
/** 0.09° of latitude north of the depot: about 10.0 km. */
const tenKmNorth: GeoPoint = { lat: 40.09, lng: -75 };
const town: TravelSettings = { speedKmh: 40, roadFactor: 1.3, bufferMin: 5 };

describe("haversineKm", () => {
  test.each([
    ["London → Paris", london, paris, 343.56],
    ["0.09° of latitude", depot, tenKmNorth, 10.01],
    ["same place", depot, depot, 0],
  ])("%s ≈ %f km", (_name, a, b, km) => {
    expect(haversineKm(a, b)).toBeCloseTo(km, 1);
    expect(haversineKm(b, a)).toBeCloseTo(km, 1);
  });
});

describe("travelMinutes", () => {
  test.each([
    // 10.01 km × 1.3 ÷ 40 km/h = 19.5 min → 20, + 5 buffer
    ["10 km in town", depot, tenKmNorth, town, 25],
    ["no buffer", depot, tenKmNorth, { ...town, bufferMin: 0 }, 20],
    // 343.56 × 1.3 ÷ 80 × 60 = 334.97 → 335, + 5
    ["London → Paris on the motorway", london, paris, { speedKmh: 80, roadFactor: 1.3, bufferMin: 5 }, 340],
    ["same place: no trip, no buffer", depot, depot, town, 0],
  ])("%s → %i min", (_name, a, b, settings, minutes) => {
    expect(travelMinutes(a, b, settings)).toBe(minutes);
  });
});

const board = {
  technicians: [
    { id: "t1", name: "Ana", skills: [], home: depot, shifts: [], timeOff: [], active: true },
  ],
  jobs: [{ id: "j1", location: tenKmNorth }],
  assignments: [],
} as unknown as Parameters<typeof boardPoints>[0];

describe("createEstimatedTravel", () => {
  test("looks places up by key and answers in minutes", () => {
    const travel = createEstimatedTravel(town, boardPoints(board));
    expect(travel.minutes(homeKey("t1"), jobKey("j1"))).toBe(25);
    expect(travel.minutes(jobKey("j1"), jobKey("j1"))).toBe(0);
  });

  test("resolves each place once, and a lookup function covers places added later", () => {
    const places = new Map([["a", depot]]);
    let lookups = 0;
    const travel = createEstimatedTravel(town, (key) => {
      lookups++;
      return places.get(key);
    });
    places.set("b", tenKmNorth);
    for (let i = 0; i < 3; i++) expect(travel.minutes("a", "b")).toBe(25);
    expect(travel.minutes("b", "a")).toBe(25);
    expect(lookups).toBe(2);
  });

  test("keeps answering correctly once the memo is full", () => {
    const travel = createEstimatedTravel(town, boardPoints(board), { maxMemoPairs: 1 });
    expect(travel.minutes(homeKey("t1"), jobKey("j1"))).toBe(25);
    expect(travel.minutes(jobKey("j1"), homeKey("t1"))).toBe(25);
    expect(travel.minutes(homeKey("t1"), jobKey("j1"))).toBe(25);
  });

  test("refuses an unknown place rather than guessing", () => {
    const travel = createEstimatedTravel(town, new Map([["a", depot]]));
    expect(() => travel.minutes("a", "job:nowhere")).toThrow(/job:nowhere/);
  });
});

describe("buildTravelMatrix / createMatrixTravel", () => {
  test("a dense symmetric matrix that agrees with the estimate", () => {
    const points = new Map([
      ["a", depot],
      ["b", tenKmNorth],
      ["c", depot],
    ]);
    const matrix = buildTravelMatrix(points, town);
    expect(matrix.size).toBe(3);
    expect([...matrix.minutes]).toEqual([0, 25, 0, 25, 0, 25, 0, 25, 0]);
    const travel = createMatrixTravel(matrix);
    expect(travel.minutes("a", "b")).toBe(25);
    expect(travel.minutes("a", "c")).toBe(0);
  });

  test("a provider's rows may differ by direction", () => {
    const travel = createMatrixTravel(travelMatrixFromRows(["a", "b"], [[0, 12], [14, 0]]));
    expect(travel.minutes("a", "b")).toBe(12);
    expect(travel.minutes("b", "a")).toBe(14);
    expect(() => travel.minutes("a", "z")).toThrow(/"z" is not in the matrix/);
  });

  test("rejects a matrix of the wrong shape", () => {
    expect(() => travelMatrixFromRows(["a", "b"], [[0, 1]])).toThrow(/2×2/);
  });
});
