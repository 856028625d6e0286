"use client";

import { useEffect, useState } from "react";
import type { BoardDay } from "@/lib/db/board";
import { createBoardStore, type Say } from "@/components/board/board-store";
import { boardCalls } from "@/components/board/board-calls";

export type { Say };

/**
 * The day's board in the browser (see board-store.ts): optimistic changes, the
 * server's answers, reloads and live patches, as React state.
 */
export function useBoardData(initial: BoardDay, say: Say, tabId: string) {
  const [day, setDay] = useState(initial);
  const [pendingIds, setPendingIds] = useState<ReadonlySet<string>>(new Set());
  const [store] = useState(() => createBoardStore(initial, { api: boardCalls, say, tabId, onDay: setDay, onPending: setPendingIds }));

  // a large board's first paint has only the first lanes: the rest follow, a slice at a time
  useEffect(() => {
    if (initial.partial) void store.fill();
  }, [initial.partial, store]);

  return { day, getDay: store.getDay, pendingIds, commit: store.commit, undo: store.undo, reload: store.reload, patch: store.patch, setDragging: store.setDragging };
}
