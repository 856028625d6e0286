import { describe, expect, it } from "vitest";
import { visibleRange } from "@/components/board/lane-window";

describe("visibleRange", () => {
  it.each([
    [{ scrollTop: 0, viewportHeight: 560, rowHeight: 56, count: 500, overscan: 5 }, { start: 0, end: 15 }],
    [{ scrollTop: 560, viewportHeight: 560, rowHeight: 56, count: 500, overscan: 5 }, { start: 5, end: 25 }],
    [{ scrollTop: 27_800, viewportHeight: 560, rowHeight: 56, count: 500, overscan: 5 }, { start: 491, end: 500 }],
    [{ scrollTop: 0, viewportHeight: 900, rowHeight: 56, count: 12, overscan: 8 }, { start: 0, end: 12 }],
    [{ scrollTop: 0, viewportHeight: 900, rowHeight: 56, count: 0, overscan: 8 }, { start: 0, end: 0 }],
  ])("%o renders %o", (input, expected) => expect(visibleRange(input)).toEqual(expected));

  it("renders a few dozen lanes of a 500-technician board, not all of them", () => {
    const { start, end } = visibleRange({ scrollTop: 14_000, viewportHeight: 1000, rowHeight: 56, count: 500, overscan: 8 });
    expect(end - start).toBeLessThan(40);
  });
});
