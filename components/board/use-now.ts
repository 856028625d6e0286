"use client";

import { useCallback, useSyncExternalStore } from "react";

const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
// the real clock as of the last tick; snapshots read this, never Date.now(), so they stay stable between ticks
let realMs = 0;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    realMs = Date.now();
    timer = setInterval(() => {
      realMs = Date.now();
      for (const l of listeners) l();
    }, 5_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

// the server's clock is not the browser's: render no "now" until the page is live
const serverSnapshot = () => null;

/**
 * The current planning minute (epoch minutes): the browser's clock plus
 * `offsetMs`, the server's planning clock ahead of (or behind) the real one.
 * Updated as the minute turns; null while rendering on the server, so the "now"
 * line never causes a hydration mismatch.
 */
export function useNowMinute(offsetMs = 0): number | null {
  const snapshot = useCallback(() => Math.floor(((timer ? realMs : Date.now()) + offsetMs) / 60000), [offsetMs]);
  return useSyncExternalStore(subscribe, snapshot, serverSnapshot);
}

/** The planning minute right now, for event handlers. */
export function planningMinute(offsetMs = 0): number {
  return Math.floor((Date.now() + offsetMs) / 60000);
}
