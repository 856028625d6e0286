import { describe, expect, test } from "vitest";
import { createRandom } from "@/lib/engine/random";
import { emptySegment, mergeSegments } from "@/lib/engine/vrp/duration-segment";

interface Stop {
  ready: number;
  due: number;
  service: number;
}

/** Minimal time warp of visiting the stops in order, by driving it (leave as late as helps). */
function drivenWarp(stops: Stop[], travel: number[]): number {
  // The best start is the first stop's ready time or later; try each candidate start that matters.
  let best = Infinity;
  const starts = [stops[0].ready, stops[0].due];
  for (let k = 0; k < stops.length; k++) {
    let offset = 0;
    for (let i = 1; i <= k; i++) offset += stops[i - 1].service + travel[i - 1];
    starts.push(stops[k].ready - offset, stops[k].due - offset);
  }
  for (const start of starts) {
    if (start < stops[0].ready || start > stops[0].due) continue;
    let clock = start;
    let warp = 0;
    for (let i = 0; i < stops.length; i++) {
      if (i > 0) clock += stops[i - 1].service + travel[i - 1];
      if (clock < stops[i].ready) clock = stops[i].ready;
      if (clock > stops[i].due) {
        warp += clock - stops[i].due;
        clock = stops[i].due;
      }
    }
    best = Math.min(best, warp);
  }
  return best;
}

describe("mergeSegments", () => {
  test("joins two stops that fit: no time warp, the first may start inside a narrowed window", () => {
    const out = emptySegment();
    mergeSegments(out, 10, 0, 0, 100, 5, 20, 0, 30, 40);
    expect(out.timeWarp).toBe(0);
    expect(out.early).toBe(15);
    expect(out.late).toBe(25);
    expect(out.duration).toBe(35);
  });

  test("a second stop whose window closed before we can arrive costs the lateness as time warp", () => {
    const out = emptySegment();
    mergeSegments(out, 30, 0, 50, 60, 20, 10, 0, 0, 70);
    expect(out.timeWarp).toBe(30);
  });

  test("waiting for a later window counts in the duration", () => {
    const out = emptySegment();
    mergeSegments(out, 10, 0, 0, 0, 5, 10, 0, 100, 120);
    expect(out.timeWarp).toBe(0);
    expect(out.duration).toBe(10 + 5 + 85 + 10);
  });

  test.each([1, 2, 3, 4, 5, 6, 7, 8])("joining stop by stop gives the driven time warp (random route %i)", (seed) => {
    const random = createRandom(seed);
    for (let round = 0; round < 50; round++) {
      const n = random.int(2, 6);
      const stops: Stop[] = Array.from({ length: n }, () => {
        const ready = random.int(0, 200);
        return { ready, due: ready + random.int(0, 60), service: random.int(0, 30) };
      });
      const travel = Array.from({ length: n - 1 }, () => random.int(0, 40));
      const out = emptySegment();
      out.duration = stops[0].service;
      out.timeWarp = 0;
      out.early = stops[0].ready;
      out.late = stops[0].due;
      for (let i = 1; i < n; i++) {
        mergeSegments(out, out.duration, out.timeWarp, out.early, out.late, travel[i - 1], stops[i].service, 0, stops[i].ready, stops[i].due);
      }
      expect(out.timeWarp).toBeCloseTo(drivenWarp(stops, travel), 9);
    }
  });
});
