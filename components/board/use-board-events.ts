"use client";

import { useEffect, useEffectEvent, useState } from "react";
import type { BoardChangeMessage } from "@/lib/realtime/board-events";

export type { BoardChangeMessage };

export type BoardEventsStatus = "connecting" | "live" | "reconnecting";

export interface UseBoardEventsOptions {
  /** The event stream; `/api/board/events` unless told otherwise. */
  url?: string;
  /** Set false to stop listening. */
  enabled?: boolean;
  /**
   * Called when the stream comes back after a drop: changes made meanwhile were
   * missed, so the board should reload once.
   */
  onReconnect?: () => void;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * Follows the company board's changes made anywhere (other dispatchers, the API,
 * the engine) and calls `onChange` for each one.
 *
 * EventSource retries by itself after a network error; when the server ends the
 * stream for good (a restart, a 401 after sign-out, a 5xx) it gives up, so we open
 * a new one with exponential back-off.
 *
 * @example
 * const { status } = useBoardEvents((e) => { if (e.jobId) router.refresh(); });
 */
export function useBoardEvents(
  onChange: (e: BoardChangeMessage) => void,
  options: UseBoardEventsOptions = {},
): { status: BoardEventsStatus } {
  const { url = "/api/board/events", enabled = true } = options;
  const [status, setStatus] = useState<BoardEventsStatus>("connecting");
  const handleChange = useEffectEvent(onChange);
  const handleReconnect = useEffectEvent(() => options.onReconnect?.());

  useEffect(() => {
    if (!enabled) return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let delay = FIRST_RETRY_MS;
    let everOpen = false;
    let dropped = false;
    let stopped = false;

    const onMessage = (ev: MessageEvent<string>) => {
      try {
        handleChange(JSON.parse(ev.data) as BoardChangeMessage);
      } catch {
        // a malformed message is not worth breaking the board over
      }
    };

    const connect = () => {
      source = new EventSource(url);
      source.addEventListener("change", onMessage as EventListener);
      // the session was ended (signed out elsewhere, role changed, removed): stop and sign in again
      source.addEventListener("signed-out", () => {
        stopped = true;
        source?.close();
        // reloading lands on the sign-in page: the server no longer knows this session
        window.location.reload();
      });
      source.onopen = () => {
        delay = FIRST_RETRY_MS;
        setStatus("live");
        if (everOpen && dropped) handleReconnect();
        everOpen = true;
        dropped = false;
      };
      source.onerror = () => {
        dropped = true;
        setStatus("reconnecting");
        if (source?.readyState !== EventSource.CLOSED || stopped) return;
        source.close();
        source = null;
        timer = setTimeout(connect, delay);
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      };
    };

    connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      source?.close();
    };
  }, [url, enabled]);

  return { status: enabled ? status : "connecting" };
}
