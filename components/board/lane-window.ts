/**
 * Windowing for the lanes: only the lanes in view (plus a margin) are rendered,
 * so a board of 500 technicians scrolls as smoothly as one of 12.
 */

export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  /** Height of one lane in pixels (every lane is the same height). */
  rowHeight: number;
  count: number;
  /** Extra lanes rendered above and below the view. */
  overscan: number;
}

/**
 * The `[start, end)` indexes of the lanes to render.
 *
 * @example visibleRange({ scrollTop: 560, viewportHeight: 560, rowHeight: 56, count: 500, overscan: 5 }) // { start: 5, end: 25 }
 */
export function visibleRange(input: WindowInput): { start: number; end: number } {
  const { scrollTop, viewportHeight, rowHeight, count, overscan } = input;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight);
  return { start: Math.max(0, Math.min(count, first - overscan)), end: Math.min(count, Math.max(0, last + overscan)) };
}

/**
 * The indexes of the lanes to mount: those in `[start, end)`, plus `keep` (the lane
 * a drag started from stays mounted while it is scrolled away, or the drag is lost).
 *
 * @example lanesToRender(10, 14, 3) // [10, 11, 12, 13, 3]
 */
export function lanesToRender(start: number, end: number, keep: number | null = null): number[] {
  const lanes: number[] = [];
  for (let i = start; i < end; i++) lanes.push(i);
  if (keep !== null && keep >= 0 && (keep < start || keep >= end)) lanes.push(keep);
  return lanes;
}

export interface ScrollBox {
  scrollTop: number;
  scrollLeft: number;
  clientHeight: number;
  clientWidth: number;
  scrollHeight: number;
  scrollWidth: number;
}

/**
 * Where to scroll the board so a spot (a lane's index and a share of the day's width)
 * is in view, or null when it already is. The time axis above the lanes and the label
 * column on their left stay put, so the spot must clear them.
 *
 * @example
 * // 500 lanes under a 40 px axis, scrolled to the top: lane 120 comes into view, one lane below the top
 * scrollToShow({ scrollTop: 0, scrollLeft: 0, clientHeight: 800, clientWidth: 1200, scrollHeight: 28_040, scrollWidth: 1200 },
 *   { index: 120, at: 0.1, laneCount: 500, rowHeight: 56, labelWidth: 208 }) // { scrollTop: 6664, scrollLeft: 0 }
 */
export function scrollToShow(
  box: ScrollBox,
  spot: { index: number; at: number; laneCount: number; rowHeight: number; labelWidth: number },
): { scrollTop: number; scrollLeft: number } | null {
  const { index, at, laneCount, rowHeight, labelWidth } = spot;
  const axisHeight = box.scrollHeight - laneCount * rowHeight;
  const top = axisHeight + index * rowHeight;
  let { scrollTop, scrollLeft } = box;
  if (top < box.scrollTop + axisHeight || top + rowHeight > box.scrollTop + box.clientHeight) {
    scrollTop = Math.max(0, top - axisHeight - rowHeight);
  }
  const x = labelWidth + at * (box.scrollWidth - labelWidth);
  if (x < box.scrollLeft + labelWidth || x > box.scrollLeft + box.clientWidth - 40) {
    scrollLeft = Math.max(0, x - labelWidth - 40);
  }
  return scrollTop === box.scrollTop && scrollLeft === box.scrollLeft ? null : { scrollTop, scrollLeft };
}
