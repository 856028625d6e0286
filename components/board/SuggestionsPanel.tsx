"use client";

import { ReasonList } from "@/components/jobs/ReasonList";
import { formatScore, noRoomMessage, type SuggestedSlot } from "@/components/board/suggestions";
import type { Suggestions } from "@/components/board/use-suggestions";
import { formatClock, formatClockRange } from "@/lib/time/format-time";

export interface SuggestionsPanelProps {
  suggestions: Exclude<Suggestions, { status: "idle" }>;
  timeZone: string;
  /** Why no one has room, as far as the board can tell (shown when nothing is suggested). */
  why: string | null;
  /** The job is being saved: assigning again must wait. */
  pending: boolean;
  onAssign: (slot: SuggestedSlot) => void;
}

/** The suggested slots of the selected queued job, each with its score breakdown and an Assign button. */
export function SuggestionsPanel({ suggestions, timeZone, why, pending, onAssign }: SuggestionsPanelProps) {
  return (
    <section
      aria-label="Suggested slots"
      aria-busy={suggestions.status === "loading"}
      className="mb-2 rounded border border-violet-200 bg-violet-50/50 px-2 py-1.5"
      data-testid="suggestions"
      data-status={suggestions.status}
    >
      <h3 className="text-[11px] font-semibold tracking-wide text-violet-900 uppercase">Suggested slots</h3>
      {suggestions.status === "loading" ? (
        <p className="mt-0.5 text-slate-500" role="status">
          Finding the best slots on this day…
        </p>
      ) : suggestions.status === "error" ? (
        <p className="mt-0.5 text-red-700" role="alert">
          {suggestions.message}
        </p>
      ) : suggestions.slots.length === 0 ? (
        <p className="mt-0.5 text-slate-700" data-testid="suggestions-empty">
          {noRoomMessage(why)}
        </p>
      ) : (
        <ol className="mt-1 space-y-1.5">
          {suggestions.slots.map((s) => (
            <li
              key={`${s.rank}:${s.technicianId}`}
              className="rounded border border-violet-200 bg-white px-2 py-1"
              data-testid="suggestion-option"
              data-rank={s.rank}
              data-technician-id={s.technicianId}
              data-start={formatClock(s.start, timeZone)}
            >
              <div className="flex items-center gap-1.5">
                <span className="inline-flex h-4 w-4 shrink-0 items-center justify-center rounded-full bg-violet-600 text-[10px] font-semibold text-white" aria-hidden="true">
                  {s.rank}
                </span>
                <span className="truncate font-medium text-slate-900">{s.technicianName}</span>
                <span className="shrink-0 tabular-nums text-slate-600">{formatClockRange(s, timeZone)}</span>
                <span className="ml-auto shrink-0 tabular-nums text-violet-800" title="Score: the sum of the reasons below">
                  {formatScore(s.score)}
                </span>
              </div>
              <ReasonList candidate={s.candidate} />
              <button
                type="button"
                disabled={pending}
                onClick={() => onAssign(s)}
                className="mt-1 h-7 w-full rounded bg-violet-600 px-2 text-xs font-medium text-white hover:bg-violet-700 disabled:opacity-50"
              >
                Assign to {s.technicianName} at {formatClock(s.start, timeZone)}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
