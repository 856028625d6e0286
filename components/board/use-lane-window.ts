"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { visibleRange } from "@/components/board/lane-window";

export interface LaneWindow {
  /** Callback ref for the scrolling element. */
  setScrollElement: (el: HTMLElement | null) => void;
  onScroll: () => void;
  /** First lane to render. */
  start: number;
  /** One past the last lane to render. */
  end: number;
}

/** The server does not know the window's height; it renders as if it were this tall. */
const ASSUMED_VIEWPORT = 900;

/**
 * Tracks which lanes of a scrolling list are in view.
 *
 * @example const w = useLaneWindow(lanes.length, 56); lanes.slice(w.start, w.end)
 */
export function useLaneWindow(count: number, rowHeight: number, overscan = 8): LaneWindow {
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [view, setView] = useState({ scrollTop: 0, height: ASSUMED_VIEWPORT });
  const frame = useRef<number | null>(null);

  const measure = useCallback(() => {
    frame.current = null;
    if (!element) return;
    setView((v) => (v.scrollTop === element.scrollTop && v.height === element.clientHeight ? v : { scrollTop: element.scrollTop, height: element.clientHeight }));
  }, [element]);

  const onScroll = useCallback(() => {
    if (frame.current === null) frame.current = requestAnimationFrame(measure);
  }, [measure]);

  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver(() => measure());
    observer.observe(element);
    return () => {
      observer.disconnect();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
  }, [element, measure]);

  const { start, end } = visibleRange({ scrollTop: view.scrollTop, viewportHeight: view.height, rowHeight, count, overscan });
  return { setScrollElement: setElement, onScroll, start, end };
}
