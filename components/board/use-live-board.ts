"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useBoardEvents, type BoardChangeMessage, type BoardEventsStatus } from "@/components/board/use-board-events";

/** How long after the last of a burst of changes the board fetches them. */
const DEBOUNCE_MS = 100;
/** How long a block someone else changed stays highlighted. */
const HIGHLIGHT_MS = 3_000;

/**
 * Whether a live event concerns the board of `date` opened in tab `tabId`: not our
 * own tab's change (already on screen), and on this day or in the queue every day
 * shows.
 *
 * @example concernsBoard({ tabId: "t2", days: ["2026-12-02"], queue: false, … }, "t1", "2026-12-02") // true
 */
export function concernsBoard(e: Pick<BoardChangeMessage, "tabId" | "days" | "queue">, tabId: string, date: string): boolean {
  if (e.tabId !== null && e.tabId === tabId) return false;
  return e.queue || e.days.includes(date);
}

/**
 * Keeps the board in step with changes made elsewhere (other people, the person's
 * other tabs, the engine, the API): the jobs an event names are fetched again and
 * patched in (once per burst) and highlighted for a few seconds. Events about other
 * days are ignored: no event for this board, no query. After a dropped connection,
 * changes may have been missed, so the whole day reloads once.
 */
export function useLiveBoard(
  tabId: string,
  date: string,
  patch: (jobIds: readonly string[]) => Promise<boolean>,
  reload: () => Promise<boolean>,
): { status: BoardEventsStatus; highlighted: ReadonlySet<string> } {
  const [highlighted, setHighlighted] = useState<ReadonlySet<string>>(new Set());
  const changed = useRef(new Set<string>());
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);
  const fades = useRef(new Set<ReturnType<typeof setTimeout>>());

  const highlight = useCallback((ids: string[]) => {
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
  }, []);

  const flush = useCallback(async () => {
    debounce.current = null;
    const ids = [...changed.current];
    changed.current.clear();
    if (await patch(ids)) highlight(ids);
  }, [patch, highlight]);

  const { status } = useBoardEvents(
    (e) => {
      if (!e.jobId || !concernsBoard(e, tabId, date)) return;
      changed.current.add(e.jobId);
      if (debounce.current) clearTimeout(debounce.current);
      debounce.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    { onReconnect: () => void reload() },
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
