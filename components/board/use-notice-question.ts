"use client";

import { useCallback, useState } from "react";
import type { BoardDay, BoardJob } from "@/lib/db/board";
import type { Say } from "@/components/board/board-store";
import { assignmentOf, type BoardChange } from "@/components/board/board-state";
import { placementChanged } from "@/components/board/drag-placement";
import { needsNoticePrompt } from "@/components/board/notice-prompt";
import { planningMinute } from "@/components/board/use-now";

/** A change waiting for the dispatcher's answer about the customer's notice. */
export type NoticeQuestion = { job: BoardJob } & ({ kind: "change"; change: BoardChange } | { kind: "undo"; changeId: string });

export interface UseNoticeQuestionOptions {
  getDay: () => BoardDay;
  commit: (change: BoardChange, notifyCustomer: boolean) => Promise<boolean>;
  undo: (changeId: string, notifyCustomer: boolean) => Promise<boolean>;
  say: Say;
  clockOffsetMs: number;
}

/**
 * The 24-hour rule at the desk: a change (or an undo) to a published visit due soon
 * waits for the dispatcher to say whether the customer hears about it; any other
 * change goes straight to the server, telling the customer by default.
 *
 * @example
 * const notice = useNoticeQuestion({ getDay, commit, undo, say: push, clockOffsetMs });
 * notice.requestChange({ kind: "unassign", jobId });
 */
export function useNoticeQuestion({ getDay, commit, undo, say, clockOffsetMs }: UseNoticeQuestionOptions) {
  const [question, setQuestion] = useState<NoticeQuestion | null>(null);
  const [notifyCustomer, setNotifyCustomer] = useState(true);

  const requestChange = useCallback(
    (change: BoardChange) => {
      const d = getDay();
      const job = d.jobs[change.jobId];
      if (!job) return;
      const current = assignmentOf(d, change.jobId);
      if (change.kind === "place" && !placementChanged(current, change.placement)) return;
      const next = change.kind === "place" ? change.placement : null;
      if (needsNoticePrompt({ company: d.company, current, next, now: planningMinute(clockOffsetMs) })) {
        setNotifyCustomer(true);
        setQuestion({ kind: "change", change, job });
        return;
      }
      void commit(change, true);
    },
    [commit, getDay, clockOffsetMs],
  );

  const askAboutUndo = useCallback(
    (changeId: string, jobId: string) => {
      const job = getDay().jobs[jobId];
      if (!job) return;
      setNotifyCustomer(true);
      setQuestion({ kind: "undo", changeId, job });
    },
    [getDay],
  );

  const answer = (confirmed: boolean) => {
    const q = question;
    setQuestion(null);
    if (!q) return;
    if (!confirmed) {
      say("info", `Nothing changed: ${q.job.workOrder} stays where it was.`);
      return;
    }
    if (q.kind === "change") void commit(q.change, notifyCustomer);
    else void undo(q.changeId, notifyCustomer);
  };

  return { question, notifyCustomer, setNotifyCustomer, requestChange, askAboutUndo, answer };
}
