import { describe, expect, it } from "vitest";
import { lanesToRender, scrollToShow, visibleRange } from "@/components/board/lane-window";

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

describe("lanesToRender", () => {
  it("mounts the lanes in view, and keeps a lane scrolled away once", () => {
    expect(lanesToRender(10, 14)).toEqual([10, 11, 12, 13]);
    expect(lanesToRender(10, 14, 3)).toEqual([10, 11, 12, 13, 3]);
    expect(lanesToRender(10, 14, 12)).toEqual([10, 11, 12, 13]);
    expect(lanesToRender(10, 14, -1)).toEqual([10, 11, 12, 13]);
  });
});

describe("scrollToShow", () => {
  // 500 lanes of 56 px under a 40 px time axis, a 208 px label column
  const box = { scrollTop: 0, scrollLeft: 0, clientHeight: 800, clientWidth: 1200, scrollHeight: 40 + 500 * 56, scrollWidth: 1200 };
  const spot = { laneCount: 500, rowHeight: 56, labelWidth: 208 };

  it("leaves a spot already in view alone", () => {
    expect(scrollToShow(box, { ...spot, index: 3, at: 0.5 })).toBeNull();
  });

  it("scrolls down to a lane below the view, one lane short of the top", () => {
    expect(scrollToShow(box, { ...spot, index: 120, at: 0.1 })).toEqual({ scrollTop: 119 * 56, scrollLeft: 0 });
  });

  it("scrolls back up to a lane above the view", () => {
    expect(scrollToShow({ ...box, scrollTop: 10_000 }, { ...spot, index: 2, at: 0.1 })).toEqual({ scrollTop: 56, scrollLeft: 0 });
  });

  it("scrolls sideways on a zoomed board to a time off to the right", () => {
    const wide = { ...box, scrollWidth: 208 + 3 * 992 };
    const to = scrollToShow(wide, { ...spot, index: 3, at: 0.8 });
    expect(to).toEqual({ scrollTop: 0, scrollLeft: 0.8 * 3 * 992 - 40 });
  });
});
