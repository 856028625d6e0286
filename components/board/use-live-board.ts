"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useBoardEvents, type BoardEventsStatus } from "@/components/board/use-board-events";

/** How long after the last of a burst of changes the board reloads. */
const DEBOUNCE_MS = 150;
/** How long a block someone else changed stays highlighted. */
const HIGHLIGHT_MS = 3_000;

/**
 * Keeps the board in step with other people's changes: each change announced by
 * someone other than `userId` reloads the day (once per burst) and highlights the
 * changed jobs for a few seconds. Our own changes are already on screen, so they
 * are not reloaded (no flicker).
 */
export function useLiveBoard(userId: string, reload: () => Promise<boolean>): { status: BoardEventsStatus; highlighted: ReadonlySet<string> } {
  const [highlighted, setHighlighted] = useState<ReadonlySet<string>>(new Set());
  const changed = useRef(new Set<string>());
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);
  const fades = useRef(new Set<ReturnType<typeof setTimeout>>());

  const flush = useCallback(async () => {
    debounce.current = null;
    const ids = [...changed.current];
    changed.current.clear();
    await reload();
    if (ids.length === 0) return;
    setHighlighted((h) => new Set([...h, ...ids]));
    const fade = setTimeout(() => {
      fades.current.delete(fade);
      setHighlighted((h) => {
        const next = new Set(h);
        for (const id of ids) next.delete(id);
        return next;
      });
    }, HIGHLIGHT_MS);
    fades.current.add(fade);
  }, [reload]);

  const schedule = useCallback(() => {
    if (debounce.current) clearTimeout(debounce.current);
    debounce.current = setTimeout(() => void flush(), DEBOUNCE_MS);
  }, [flush]);

  const { status } = useBoardEvents(
    (e) => {
      if (e.actorId !== null && e.actorId === userId) return;
      if (e.jobId) changed.current.add(e.jobId);
      schedule();
    },
    { onReconnect: schedule },
  );

  useEffect(() => {
    const all = fades.current;
    return () => {
      if (debounce.current) clearTimeout(debounce.current);
      for (const f of all) clearTimeout(f);
      all.clear();
    };
  }, []);

  return { status, highlighted };
}
