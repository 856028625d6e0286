"use client";

import { useEffect, useState } from "react";

/**
 * An element (set through the returned callback ref) and its current width in
 * pixels; 0 until it has been measured in the browser.
 *
 * @example const { element, setElement, width } = useElementWidth<HTMLDivElement>();
 */
export function useElementWidth<T extends HTMLElement>() {
  const [element, setElement] = useState<T | null>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[entries.length - 1]?.contentRect.width ?? 0;
      setWidth((prev) => (Math.abs(prev - w) < 0.5 ? prev : w));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return { element, setElement, width };
}
