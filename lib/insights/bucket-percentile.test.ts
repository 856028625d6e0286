import { describe, expect, test } from "vitest";
import { bucketPercentile, type ValueBucket } from "./bucket-percentile";

/** Exact percentile_cont of a list, to compare with. */
function exact(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = p * (s.length - 1);
  const lo = Math.floor(pos);
  return lo === pos ? s[lo] : s[lo] + (s[lo + 1] - s[lo]) * (pos - lo);
}

/** Buckets of `width` minutes, each with its count, smallest and largest value. */
function bucketsOf(values: number[], width: number): ValueBucket[] {
  const by = new Map<number, ValueBucket>();
  for (const v of values) {
    const k = Math.floor(v / width);
    const b = by.get(k) ?? { bucket: k, count: 0, min: v, max: v };
    b.count += 1;
    b.min = Math.min(b.min, v);
    b.max = Math.max(b.max, v);
    by.set(k, b);
  }
  return [...by.values()].reverse();
}

describe("bucketPercentile", () => {
  test("nothing counted: no percentile", () => {
    expect(bucketPercentile([], 0.9)).toBeNull();
  });

  test.each([
    [[60], 0.9, 60],
    [[60, 1440], 0.9, 1302],
    [[10, 150, 160, 400], 0.5, 155],
    [[5, 7, 100, 300, 301], 0.9, 300.6],
  ])("with at most two values a bucket, the same as percentile_cont: %j at %f", (values, p, answer) => {
    const buckets = bucketsOf(values, 100);
    expect(bucketPercentile(buckets, p)).toBeCloseTo(exact(values, p), 9);
    expect(bucketPercentile(buckets, p)).toBeCloseTo(answer, 9);
  });

  test("many values a bucket: the answer stays in the bucket of the true one", () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 2000);
    const width = 50;
    const got = bucketPercentile(bucketsOf(values, width), 0.9)!;
    const truth = exact(values, 0.9);
    expect(Math.floor(got / width)).toBe(Math.floor(truth / width));
  });
});
