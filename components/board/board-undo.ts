/**
 * Undo on the board, without React: which change to take back (the one picked from
 * the recent changes, else the person's latest), a whole optimised day at once, and
 * the customer's-notice question first when the 24-hour rule applies. `useBoardUndo`
 * binds it to the server actions and the board; tests drive it with their own answers.
 */
import type { ActionResult } from "@/lib/actions/result";
import type { BoardDay } from "@/lib/db/board";
import type { UndoableChange } from "@/lib/db/board-changes";
import type { EpochMinute } from "@/lib/engine/types";
import { assignmentOf } from "@/components/board/board-state";
import type { Say } from "@/components/board/board-store";
import { needsNoticePrompt } from "@/components/board/notice-prompt";

export interface UndoFlowOptions {
  listUndoable: () => Promise<ActionResult<UndoableChange[]>>;
  undoOptimisation: (optimisationId: string) => Promise<ActionResult<{ summary: string }>>;
  /** Undoes one change on the board (the store's undo): shown, said, put right on a conflict. */
  undo: (changeId: string, notifyCustomer: boolean) => Promise<boolean>;
  /** The day as the board shows it now. */
  getDay: () => BoardDay;
  /** Loads the whole day again (after an optimised day is taken back). */
  reload: () => Promise<boolean>;
  /** The planning clock, in epoch minutes. */
  now: () => EpochMinute;
  say: Say;
}

/** What an undo request came to. */
export type UndoOutcome =
  | { kind: "undone" }
  | { kind: "not_undone" }
  /** The visit is published and due soon: ask whether to tell the customer, then call `undo` with the answer. */
  | { kind: "ask"; changeId: string; jobId: string };

export const UNDO_NETWORK_ERROR = "The server could not be reached. Nothing was undone.";

/**
 * Takes back `item`, or the person's latest change when none is given.
 *
 * @example
 * const outcome = await requestUndo(undefined, options); // { kind: "undone" }
 */
export async function requestUndo(item: UndoableChange | undefined, o: UndoFlowOptions): Promise<UndoOutcome> {
  try {
    let target = item;
    if (!target) {
      const res = await o.listUndoable();
      if (!res.ok) {
        o.say("error", res.error.message);
        return { kind: "not_undone" };
      }
      target = res.data[0];
      if (!target) {
        o.say("info", "There is nothing of yours to undo.");
        return { kind: "not_undone" };
      }
    }
    if (target.kind === "optimise") {
      const res = await o.undoOptimisation(target.id);
      if (res.ok) o.say("success", `Undone: ${res.data.summary}`);
      else o.say("error", res.error.message);
      // many jobs moved back: take the server's word for the whole day
      await o.reload();
      return { kind: res.ok ? "undone" : "not_undone" };
    }
    const day = o.getDay();
    const jobId = target.jobId ?? "";
    const current = assignmentOf(day, jobId);
    if (day.jobs[jobId] && needsNoticePrompt({ company: day.company, current, next: current ?? null, now: o.now() })) {
      return { kind: "ask", changeId: target.id, jobId };
    }
    return { kind: (await o.undo(target.id, true)) ? "undone" : "not_undone" };
  } catch {
    o.say("error", UNDO_NETWORK_ERROR);
    return { kind: "not_undone" };
  }
}

/**
 * True when a key press asks for undo (Ctrl/⌘+Z, not in a field or a dialog).
 *
 * @example isUndoKey({ key: "z", ctrlKey: true, metaKey: false, shiftKey: false, altKey: false, target: document.body }) // true
 */
export function isUndoKey(e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey"> & { target: EventTarget | null }): boolean {
  if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== "z") return false;
  const target = e.target as { closest?: (selector: string) => unknown } | null;
  return !target?.closest?.("input, textarea, select, [contenteditable='true'], dialog");
}
