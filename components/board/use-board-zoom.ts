"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Zoom } from "@/components/board/BoardToolbar";

/**
 * The board's zoom: wider hours scroll sideways, and the time in the middle of the
 * view stays in the middle when the zoom changes. `attachScroll` is the scrolling
 * element's ref (it also feeds the lane window through `setScrollElement`).
 */
export function useBoardZoom(setScrollElement: (el: HTMLElement | null) => void, labelWidth: number) {
  const [zoom, setZoom] = useState<Zoom>(1);
  const zoomAnchor = useRef<number | null>(null);
  const scrollRef = useRef<HTMLElement | null>(null);
  const attachScroll = useCallback(
    (el: HTMLElement | null) => {
      scrollRef.current = el;
      setScrollElement(el);
    },
    [setScrollElement],
  );
  const changeZoom = useCallback(
    (next: Zoom) => {
      const el = scrollRef.current;
      if (el) {
        const lanesWidth = el.scrollWidth - labelWidth;
        zoomAnchor.current = (el.scrollLeft + (el.clientWidth - labelWidth) / 2) / lanesWidth;
      }
      setZoom(next);
    },
    [labelWidth],
  );
  useEffect(() => {
    const el = scrollRef.current;
    const anchor = zoomAnchor.current;
    if (!el || anchor === null) return;
    zoomAnchor.current = null;
    el.scrollLeft = Math.max(0, anchor * (el.scrollWidth - labelWidth) - (el.clientWidth - labelWidth) / 2);
  }, [zoom, labelWidth]);
  return { zoom, changeZoom, attachScroll, scrollRef };
}
