"use client";

import { useEffect, useState } from "react";
import { suggestSlotsAction } from "@/app/(app)/jobs/actions";
import { rankSuggestions, suggestionsByLane, type SuggestedSlot } from "@/components/board/suggestions";
import type { BoardDay } from "@/lib/db/board";

export type Suggestions =
  | { status: "idle" }
  | { status: "loading"; jobId: string }
  | { status: "ready"; jobId: string; slots: SuggestedSlot[]; byLane: ReadonlyMap<string, SuggestedSlot[]> }
  | { status: "error"; jobId: string; message: string };

type Answer = Exclude<Suggestions, { status: "idle" } | { status: "loading" }>;

const IDLE: Suggestions = { status: "idle" };

/**
 * The engine's best slots on the board's day for one queued job (`jobId`, or
 * null for none). An answer belongs to the day it was asked about: any change
 * to the day — a reload, someone's save, our own — asks again, and an answer
 * that arrives for an older question is dropped, so stale slots never show.
 */
export function useSuggestions(jobId: string | null, day: BoardDay): Suggestions {
  const [answer, setAnswer] = useState<{ jobId: string; day: BoardDay; result: Answer } | null>(null);

  useEffect(() => {
    if (!jobId) return;
    let current = true;
    const asked = day;
    const settle = (result: Answer) => {
      if (current) setAnswer({ jobId, day: asked, result });
    };
    suggestSlotsAction({ jobId, date: asked.date }).then(
      (res) => {
        if (!res.ok) return settle({ status: "error", jobId, message: res.error.message });
        const job = asked.jobs[jobId];
        const slots = job ? rankSuggestions(job, res.data, asked.technicians.map((t) => t.id)) : [];
        settle({ status: "ready", jobId, slots, byLane: suggestionsByLane(slots) });
      },
      () => settle({ status: "error", jobId, message: "The server could not be reached, so no slots could be suggested." }),
    );
    return () => {
      current = false;
    };
  }, [jobId, day]);

  if (!jobId) return IDLE;
  if (!answer || answer.jobId !== jobId || answer.day !== day) return { status: "loading", jobId };
  return answer.result;
}
