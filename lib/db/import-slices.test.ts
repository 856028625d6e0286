import { describe, expect, test } from "vitest";
import { SLICE_TARGET_MS, nextSliceRows } from "@/lib/db/import-run";

describe("import slices on the embedded database", () => {
  test("a slow slice makes the next one smaller, a fast one larger, aiming at the target time", () => {
    expect(nextSliceRows(200, SLICE_TARGET_MS * 2)).toBe(100);
    expect(nextSliceRows(200, SLICE_TARGET_MS)).toBe(200);
    expect(nextSliceRows(200, SLICE_TARGET_MS / 2)).toBe(400);
  });

  test("growth is at most fourfold at a time and sizes stay between 25 and 5,000 rows", () => {
    expect(nextSliceRows(200, 1)).toBe(800);
    expect(nextSliceRows(4_000, 1)).toBe(5_000);
    expect(nextSliceRows(30, 10_000)).toBe(25);
    expect(nextSliceRows(200, 0)).toBe(800);
  });
});
