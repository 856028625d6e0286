import { describe, expect, test } from "vitest";
import { forecastLateness, type RouteStop } from "@/lib/engine/running-late";

const stop = (over: Partial<RouteStop> & { id: string }): RouteStop => ({
  start: 0,
  durationMin: 60,
  travelFrom: 20,
  status: null,
  arrivedAt: null,
  estimatedArrival: null,
  promisedBy: 0,
  ...over,
});

describe("forecastLateness", () => {
  test("a long first visit pushes the next arrival past its window", () => {
    const stops = [
      stop({ id: "a", start: 540, durationMin: 180, travelFrom: 0, status: "arrived", arrivedAt: 540, promisedBy: 660 }),
      stop({ id: "b", start: 630, promisedBy: 720 }),
    ];
    expect(forecastLateness(stops, 600)).toEqual([
      { stopId: "b", projectedArrival: 740, promisedBy: 720, minutesLate: 20, why: "the visit before it runs past its planned end, plus travel" },
    ]);
  });

  test("on time: nothing to report", () => {
    const stops = [
      stop({ id: "a", start: 540, durationMin: 60, status: "arrived", arrivedAt: 540, promisedBy: 660 }),
      stop({ id: "b", start: 630, promisedBy: 750 }),
    ];
    expect(forecastLateness(stops, 560)).toEqual([]);
  });

  test("finished and abandoned visits no longer hold the crew", () => {
    const stops = [stop({ id: "a", start: 540, durationMin: 600, status: "done", promisedBy: 660 }), stop({ id: "b", start: 630, promisedBy: 750 })];
    expect(forecastLateness(stops, 600)).toEqual([]);
  });

  test("an arrival estimate past the window is late by itself", () => {
    const stops = [stop({ id: "a", start: 540, status: "on_my_way", estimatedArrival: 700, promisedBy: 660 })];
    expect(forecastLateness(stops, 600)).toMatchObject([{ stopId: "a", minutesLate: 40 }]);
  });
});
