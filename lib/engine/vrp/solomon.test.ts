import { describe, expect, test } from "vitest";
import { readBestKnown } from "@/lib/engine/vrp/best-known";
import { parseSolomon } from "@/lib/engine/vrp/solomon";

const SMALL = `TINY1

VEHICLE
NUMBER     CAPACITY
  3         50

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0      0         0          0          0       200          0
    1      3         4         10         10        50         5
    2      6         8         20          0       100         5
`;

describe("parseSolomon", () => {
  test("reads the fleet, the depot and the customers, with Euclidean travel", () => {
    const { name, instance } = parseSolomon(SMALL);
    expect(name).toBe("TINY1");
    expect(instance.vehicleCount).toBe(3);
    expect(Array.from(instance.capacity)).toEqual([50, 50, 50]);
    expect(instance.clientCount).toBe(2);
    expect(Array.from(instance.readyTime)).toEqual([10, 0]);
    expect(Array.from(instance.dueTime)).toEqual([50, 100]);
    expect(Array.from(instance.demand)).toEqual([10, 20]);
    expect(instance.shiftEnd[0]).toBe(200);
    expect(instance.distance[0 * 3 + 1]).toBe(5);
    expect(instance.distance[1 * 3 + 2]).toBe(5);
    expect(instance.prize[0]).toBe(Infinity);
  });

  test("says what is wrong with a broken file", () => {
    expect(() => parseSolomon("X\nCUSTOMER\n")).toThrow("no VEHICLE NUMBER/CAPACITY section");
    expect(() => parseSolomon(SMALL.replace("6         8", "6  eight"))).toThrow('cannot read the row "2      6  eight');
  });
});

describe("readBestKnown", () => {
  test("reads JSON, preferring the distance-only entries", () => {
    const best = readBestKnown(
      JSON.stringify({ C101: { best_known_cost: 900 }, C101_distance: { best_known_cost: 828.94 }, R101: 1642.88 }),
    );
    expect(best.get("c101")).toBe(828.94);
    expect(best.get("r101")).toBe(1642.88);
  });

  test("reads NAME COST VEHICLES lines, names in any case", () => {
    const best = readBestKnown("# name cost vehicles\nc101 828.94 10\n\nR101 1642.88 20\n");
    expect([...best]).toEqual([
      ["c101", 828.94],
      ["r101", 1642.88],
    ]);
  });
});
