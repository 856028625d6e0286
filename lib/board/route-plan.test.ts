import { describe, expect, test } from "vitest";
import { routeOfVisits, routesOnBoard } from "@/lib/board/route-plan";
import { testDay, testJob } from "@/components/board/test-day";
import { travelTable } from "@/lib/engine/test-fixtures";

const travel = travelTable({ "home:t1↔job:1": 12, "job:1↔job:2": 20, "home:t1↔job:2": 25, "home:t2↔job:2": 7 }, 99);

describe("routesOnBoard", () => {
  test("orders each technician's stops by time, with the drive to each and the time home", () => {
    const [t1, t2] = routesOnBoard(testDay(), ["t1", "t2"], travel);
    expect(t1.stops.map((s) => [s.workOrder, s.start, s.travelBefore, s.address])).toEqual([
      ["WO-1", "2026-11-23T15:00:00.000Z", 12, "1 Main St, Chicago"],
      ["WO-2", "2026-11-23T17:00:00.000Z", 20, "1 Main St, Chicago"],
    ]);
    // 12 + 20 out, 25 back home after 12:30
    expect(t1.travel).toBe(57);
    expect(t1.homeAt).toBe("2026-11-23T18:55:00.000Z");
    // a helper rides along to the crew job
    expect(t2.stops.map((s) => s.workOrder)).toEqual(["WO-2"]);
    expect(t2.travel).toBe(14);
  });

  test("a technician with no visits has an empty route and no time home", () => {
    const day = testDay({ assignments: [] });
    expect(routesOnBoard(day, ["t1"], travel)).toEqual([
      { technicianId: "t1", technicianName: "Tech t1", home: day.technicians[0].home, stops: [], travel: 0, homeAt: null },
    ]);
  });
});

describe("routeOfVisits", () => {
  test("takes published visits in their order with the drive the phone shows", () => {
    const route = routeOfVisits({ id: "t1", name: "Ana", home: { lat: 1, lng: 2 } }, [
      { job: testJob("a", { address: null, city: "Evanston" }), start: "2026-11-23T15:00:00.000Z", end: "2026-11-23T16:00:00.000Z", travelFrom: 9 },
      { job: testJob("b"), start: "2026-11-23T16:30:00.000Z", end: "2026-11-23T17:00:00.000Z", travelFrom: 14 },
    ]);
    expect(route.stops.map((s) => [s.workOrder, s.address, s.travelBefore])).toEqual([
      ["WO-a", "Evanston", 9],
      ["WO-b", "1 Main St, Chicago", 14],
    ]);
    expect(route.travel).toBe(23);
  });
});
