"use client";

import { useState } from "react";
import { correctVisitStatusAction } from "@/app/(app)/schedules/actions";
import { acceptAutoAssignmentAction } from "@/app/(app)/jobs/actions";
import type { Say } from "@/components/board/board-store";
import type { VisitStatusChange } from "@/components/board/VisitStatusPanel";
import type { BoardJob } from "@/lib/db/board";

/**
 * What the details panel does to a job besides placing it: accept the engine's
 * automatic assignment, and set a visit's status for a crew that phoned the office.
 * Both change the job's version and state on the server, so the day is reloaded.
 */
export function useJobActions(say: Say, reload: () => Promise<boolean>) {
  const [accepting, setAccepting] = useState<string | null>(null);

  const acceptAssignment = async (job: BoardJob) => {
    setAccepting(job.id);
    try {
      const res = await acceptAutoAssignmentAction({ jobId: job.id });
      if (res.ok) say("success", `${job.workOrder}: automatic assignment accepted.`);
      else say("error", res.error.message);
      await reload();
    } catch {
      say("error", "The server could not be reached. Nothing was accepted.");
    } finally {
      setAccepting(null);
    }
  };

  const setVisitStatus = async (job: BoardJob, change: VisitStatusChange): Promise<{ ok: boolean; text: string }> => {
    try {
      const res = await correctVisitStatusAction({ jobId: job.id, idempotencyKey: `board-${crypto.randomUUID()}`, ...change });
      if (!res.ok) {
        const field = Object.values(res.error.fieldErrors ?? {})[0]?.[0];
        return { ok: false, text: field ?? res.error.message };
      }
      say("success", res.data.summary);
      // "couldn't finish" also sends the job back to the queue: take the server's word for the day
      await reload();
      return { ok: true, text: `${res.data.summary}.` };
    } catch {
      return { ok: false, text: "The server could not be reached. Nothing was recorded." };
    }
  };

  return { accepting, acceptAssignment, setVisitStatus };
}
