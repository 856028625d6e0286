import { describe, expect, test } from "vitest";
import { createRandom } from "@/lib/engine/random";

describe("createRandom", () => {
  test("the same seed gives the same sequence; another seed does not", () => {
    const a = createRandom(2026);
    const b = createRandom(2026);
    const c = createRandom(2027);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  test("next stays in [0, 1)", () => {
    const random = createRandom(1);
    for (let i = 0; i < 10_000; i++) {
      const x = random.next();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  test("int covers both ends of its range and nothing outside it", () => {
    const random = createRandom(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) seen.add(random.int(1, 6));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test("pick returns members and refuses an empty list", () => {
    const random = createRandom(3);
    const skills = ["EPA-608", "gas-safe", "electrical"] as const;
    for (let i = 0; i < 100; i++) expect(skills).toContain(random.pick(skills));
    expect(() => random.pick([])).toThrow(/empty/);
  });

  test.each([
    [0, 0],
    [1, 1],
    [0.25, 0.25],
  ])("chance(%f) comes up about %f of the time", (p, share) => {
    const random = createRandom(11);
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (random.chance(p)) hits++;
    expect(hits / 10_000).toBeCloseTo(share, 1);
  });
});
