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
