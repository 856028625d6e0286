"use client";

import { useEffect, useState } from "react";
import { loadBoardJobsAction, loadDayAction, placeJobAction, unassignJobAction, undoAction } from "@/app/(app)/schedules/actions";
import type { BoardDay } from "@/lib/db/board";
import { createBoardStore, type BoardApi, type Say } from "@/components/board/board-store";

export type { Say };

const api: BoardApi = {
  loadDay: loadDayAction,
  loadJobs: loadBoardJobsAction,
  place: placeJobAction,
  unassign: unassignJobAction,
  undo: undoAction,
};

/**
 * The day's board in the browser (see board-store.ts): optimistic changes, the
 * server's answers, reloads and live patches, as React state.
 */
export function useBoardData(initial: BoardDay, say: Say, tabId: string) {
  const [day, setDay] = useState(initial);
  const [pendingIds, setPendingIds] = useState<ReadonlySet<string>>(new Set());
  const [store] = useState(() => createBoardStore(initial, { api, say, tabId, onDay: setDay, onPending: setPendingIds }));

  // a large board's first paint has only the first lanes: fetch the whole day once
  useEffect(() => {
    if (initial.partial) void store.reload();
  }, [initial.partial, store]);

  return { day, getDay: store.getDay, pendingIds, commit: store.commit, undo: store.undo, reload: store.reload, patch: store.patch };
}
