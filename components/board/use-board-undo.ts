"use client";

import { useCallback, useEffect, useEffectEvent, useState } from "react";
import { listUndoableAction, undoOptimisationAction } from "@/app/(app)/schedules/actions";
import type { UndoableChange } from "@/lib/db/board-changes";
import type { BoardDay } from "@/lib/db/board";
import type { Say } from "@/components/board/board-store";
import { isUndoKey, requestUndo } from "@/components/board/board-undo";
import { planningMinute } from "@/components/board/use-now";

export interface UseBoardUndoOptions {
  tabId: string;
  /** The person may change the board (Ctrl/⌘+Z does nothing otherwise). */
  editable: boolean;
  /** A question is open: the keyboard shortcut waits for its answer. */
  blocked: boolean;
  clockOffsetMs: number;
  getDay: () => BoardDay;
  undo: (changeId: string, notifyCustomer: boolean) => Promise<boolean>;
  reload: () => Promise<boolean>;
  say: Say;
  /** The visit is published and due soon: ask about the customer's notice before undoing. */
  ask: (changeId: string, jobId: string) => void;
}

/** Undo from the toolbar and from Ctrl/⌘+Z, one at a time (see board-undo.ts). */
export function useBoardUndo(o: UseBoardUndoOptions): { undoing: boolean; requestUndo: (item?: UndoableChange) => Promise<void> } {
  const [undoing, setUndoing] = useState(false);
  const { tabId, clockOffsetMs, getDay, undo, reload, say, ask } = o;
  const request = useCallback(
    async (item?: UndoableChange) => {
      if (undoing) return;
      setUndoing(true);
      try {
        const outcome = await requestUndo(item, {
          listUndoable: () => listUndoableAction({}),
          undoOptimisation: (optimisationId) => undoOptimisationAction({ optimisationId, tabId }),
          undo,
          getDay,
          reload,
          now: () => planningMinute(clockOffsetMs),
          say,
        });
        if (outcome.kind === "ask") ask(outcome.changeId, outcome.jobId);
      } finally {
        setUndoing(false);
      }
    },
    [undoing, tabId, undo, getDay, reload, clockOffsetMs, say, ask],
  );

  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (!o.editable || o.blocked || !isUndoKey(e)) return;
    e.preventDefault();
    void request();
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  return { undoing, requestUndo: request };
}
