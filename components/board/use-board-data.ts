"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { loadBoardJobsAction, loadDayAction, placeJobAction, unassignJobAction, undoAction } from "@/app/(app)/schedules/actions";
import type { BoardDay, BoardJobsPatch } from "@/lib/db/board";
import type { BoardChangeResult } from "@/lib/db/board-changes";
import type { ActionResult } from "@/lib/actions/result";
import {
  PENDING_PREFIX,
  applyJobsPatch,
  applyOptimistic,
  applyServerResult,
  assignmentOf,
  reapplyPending,
  restoreJob,
  type BoardChange,
} from "@/components/board/board-state";
import { noticeOutcome } from "@/components/board/notice-prompt";
import type { ToastTone } from "@/components/board/use-toasts";

export type Say = (tone: ToastTone, text: string, details?: string[]) => void;

const NETWORK_ERROR = "The server could not be reached. Nothing was saved; try again.";

function detailsOf(result: BoardChangeResult): string[] {
  const lines: string[] = [];
  const notice = noticeOutcome(result.customerNotice);
  if (notice) lines.push(notice);
  for (const w of result.warnings) lines.push(`⚠ ${w.message}`);
  return lines;
}

/**
 * The day's board in the browser: optimistic changes, the server's answers, reloads.
 *
 * A change shows at once; the server's answer replaces it (with new versions) or,
 * when refused, the job goes back where it was and the reason is said. Reloads
 * keep changes still being saved on top, and a reload that raced one of our own
 * saves is thrown away and done again, so nothing jumps back and forth.
 */
export function useBoardData(initial: BoardDay, say: Say, tabId: string) {
  const [day, setDayState] = useState(initial);
  const dayRef = useRef(initial);
  const pending = useRef(new Map<string, BoardChange>());
  const [pendingIds, setPendingIds] = useState<ReadonlySet<string>>(new Set());
  // bumped whenever one of our own saves lands; a reload started before it is stale
  const landed = useRef(0);

  const setDay = useCallback((update: (d: BoardDay) => BoardDay) => {
    dayRef.current = update(dayRef.current);
    setDayState(dayRef.current);
  }, []);

  const syncPending = () => setPendingIds(new Set(pending.current.keys()));

  const reload = useCallback(async (): Promise<boolean> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const started = landed.current;
      let res: ActionResult<BoardDay>;
      try {
        res = await loadDayAction({ date: dayRef.current.date });
      } catch {
        say("error", "The board could not be reloaded. Check your connection.");
        return false;
      }
      if (!res.ok) {
        say("error", res.error.message);
        return false;
      }
      if (landed.current !== started) continue;
      const fresh = res.data;
      setDay(() => reapplyPending(fresh, pending.current.values()));
      return true;
    }
    return false;
  }, [say, setDay]);

  /**
   * Fetches just these jobs again and lays them on the day (other people's changes,
   * named by live events). Jobs with a save of ours still in flight keep our
   * version on top; a patch that raced one of our saves is fetched again.
   */
  const patch = useCallback(
    async (jobIds: readonly string[]): Promise<boolean> => {
      if (jobIds.length === 0) return true;
      for (let attempt = 0; attempt < 3; attempt++) {
        const started = landed.current;
        let res: ActionResult<BoardJobsPatch>;
        try {
          res = await loadBoardJobsAction({ date: dayRef.current.date, jobIds: [...jobIds] });
        } catch {
          say("error", "The board could not be updated. Check your connection.");
          return false;
        }
        if (!res.ok) {
          say("error", res.error.message);
          return false;
        }
        if (landed.current !== started) continue;
        const data = res.data;
        setDay((d) => reapplyPending(applyJobsPatch(d, jobIds, data), [...pending.current.values()].filter((c) => jobIds.includes(c.jobId))));
        return true;
      }
      return false;
    },
    [say, setDay],
  );

  const afterAnswer = useCallback(
    async (jobId: string, before: BoardDay, res: ActionResult<BoardChangeResult> | null) => {
      pending.current.delete(jobId);
      syncPending();
      landed.current++;
      if (res?.ok) {
        setDay((d) => applyServerResult(d, res.data));
        say(res.data.warnings.length > 0 ? "info" : "success", res.data.summary, detailsOf(res.data));
        return true;
      }
      setDay((d) => restoreJob(d, before, jobId));
      say("error", res ? res.error.message : NETWORK_ERROR);
      if (res?.error.code === "conflict") await reload();
      return false;
    },
    [reload, say, setDay],
  );

  /** Saves one change: shown at once, persisted by the server, put back if refused. */
  const commit = useCallback(
    async (change: BoardChange, notifyCustomer: boolean): Promise<boolean> => {
      const before = dayRef.current;
      const job = before.jobs[change.jobId];
      if (!job) return false;
      if (pending.current.has(change.jobId)) {
        say("info", `${job.workOrder} is still being saved; try again in a moment.`);
        return false;
      }
      const current = assignmentOf(before, change.jobId);
      const seenVersion = current && !current.id.startsWith(PENDING_PREFIX) ? current.version : null;
      if (change.kind === "unassign" && seenVersion === null) return false;
      pending.current.set(change.jobId, change);
      syncPending();
      setDay((d) => applyOptimistic(d, change));
      let res: ActionResult<BoardChangeResult> | null = null;
      try {
        if (change.kind === "place") {
          res = await placeJobAction({
            jobId: change.jobId,
            jobVersion: job.version,
            assignmentVersion: seenVersion,
            leaderId: change.placement.leaderId,
            helperIds: change.placement.helperIds,
            start: change.placement.start,
            end: change.placement.end,
            notifyCustomer,
            tabId,
          });
        } else if (seenVersion !== null) {
          res = await unassignJobAction({ jobId: change.jobId, jobVersion: job.version, assignmentVersion: seenVersion, notifyCustomer, tabId });
        }
      } catch {
        res = null;
      }
      return afterAnswer(change.jobId, before, res);
    },
    [afterAnswer, say, setDay, tabId],
  );

  /** Undoes one of our own changes (the latest when no id is given). */
  const undo = useCallback(
    async (changeId: string | undefined, notifyCustomer: boolean): Promise<boolean> => {
      let res: ActionResult<BoardChangeResult>;
      try {
        res = await undoAction({ changeId, notifyCustomer, tabId });
      } catch {
        say("error", NETWORK_ERROR);
        return false;
      }
      landed.current++;
      if (!res.ok) {
        say("error", res.error.message);
        if (res.error.code === "conflict") await reload();
        return false;
      }
      const data = res.data;
      setDay((d) => applyServerResult(d, data));
      say("success", data.summary, detailsOf(data));
      return true;
    },
    [reload, say, setDay, tabId],
  );

  // a large board's first paint has only the first lanes: fetch the whole day once
  useEffect(() => {
    if (initial.partial) void reload();
  }, [initial.partial, reload]);

  /** The day as it is right now, for event handlers (state may not have re-rendered yet). */
  const getDay = useCallback(() => dayRef.current, []);

  return { day, getDay, pendingIds, commit, undo, reload, patch };
}
