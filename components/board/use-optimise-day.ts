"use client";

import { useCallback, useRef, useState } from "react";
import { applyDayPlanAction } from "@/app/(app)/schedules/actions";
import type { AppliedOptimisation } from "@/lib/db/day-optimisation";
import type { DayProposal } from "@/lib/optimise/day-proposal";
import type { OptimiseStreamLine } from "@/lib/schemas/optimise";

export interface OptimiseRequest {
  date: string;
  technicianIds: string[] | undefined;
  movePublished: boolean;
  timeLimitSeconds: number;
}

export type OptimiseState =
  | { phase: "setup" }
  | { phase: "running"; elapsedMs: number; limitMs: number; iteration: number }
  | { phase: "preview"; proposal: DayProposal; request: OptimiseRequest }
  | { phase: "applying"; proposal: DayProposal; request: OptimiseRequest }
  /** The board changed since the plan was made (or something else refused it). */
  | { phase: "refused"; message: string; request: OptimiseRequest; stale: boolean }
  | { phase: "failed"; message: string; request: OptimiseRequest };

/** Reads newline-delimited JSON lines from a streamed answer as they arrive. */
async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      yield buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
    }
  }
  if (buffered.trim()) yield buffered;
}

/**
 * "Optimise day" in the browser: start the optimiser and follow its progress,
 * hold the proposal for the preview, and approve it (one checked change).
 */
export function useOptimiseDay(onApplied: (result: AppliedOptimisation) => void | Promise<void>) {
  const [state, setState] = useState<OptimiseState>({ phase: "setup" });
  const abort = useRef<AbortController | null>(null);

  const run = useCallback(async (request: OptimiseRequest) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState({ phase: "running", elapsedMs: 0, limitMs: request.timeLimitSeconds * 1000, iteration: 0 });
    try {
      const res = await fetch("/api/board/optimise", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
        signal: controller.signal,
      });
      if (!res.ok || !res.body) {
        setState({ phase: "failed", message: (await res.text()) || `The server refused to optimise (${res.status}).`, request });
        return;
      }
      for await (const text of lines(res.body)) {
        const line = JSON.parse(text) as OptimiseStreamLine<DayProposal>;
        if (line.type === "progress") setState({ phase: "running", elapsedMs: line.elapsedMs, limitMs: line.limitMs, iteration: line.iteration });
        else if (line.type === "result") {
          setState({ phase: "preview", proposal: line.data, request });
          return;
        } else {
          setState({ phase: "failed", message: line.error.message, request });
          return;
        }
      }
      setState({ phase: "failed", message: "The connection closed before the optimiser finished. Try again.", request });
    } catch {
      if (controller.signal.aborted) return;
      setState({ phase: "failed", message: "Crewboard could not be reached; check the connection and try again.", request });
    }
  }, []);

  const cancel = useCallback(() => {
    abort.current?.abort();
    abort.current = null;
    setState({ phase: "setup" });
  }, []);

  const approve = useCallback(
    async (proposal: DayProposal, request: OptimiseRequest, tabId: string) => {
      setState({ phase: "applying", proposal, request });
      try {
        const res = await applyDayPlanAction({
          date: proposal.date,
          technicianIds: proposal.technicianIds,
          movePublished: proposal.movePublished,
          placements: proposal.placements,
          seen: proposal.seen,
          summary: proposal.plan.summary,
          travelBefore: proposal.plan.travelBefore,
          travelAfter: proposal.plan.travelAfter,
          tabId,
        });
        if (!res.ok) {
          setState({ phase: "refused", message: res.error.message, request, stale: res.error.code === "conflict" });
          return;
        }
        setState({ phase: "setup" });
        await onApplied(res.data);
      } catch {
        setState({ phase: "refused", message: "The server could not be reached. Nothing was changed.", request, stale: false });
      }
    },
    [onApplied],
  );

  const reset = useCallback(() => setState({ phase: "setup" }), []);
  return { state, run, cancel, approve, reset };
}
