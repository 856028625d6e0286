"use client";

import type { BoardJob } from "@/lib/db/board";

/** What automatic dispatch did, as the details panel heads its note. */
const STATE_TEXT: Record<string, string> = {
  auto_assigned: "Assigned automatically",
  preassigned: "Assigned to the template's crew",
  accepted: "Automatic assignment accepted",
  review: "Needs review",
  offered: "Offered to qualified technicians",
  manual: "Left for a dispatcher",
};

/** An automatic assignment a dispatcher has not accepted (or changed) yet. */
export function awaitsAcceptance(job: Pick<BoardJob, "dispatchState">): boolean {
  return job.dispatchState === "auto_assigned" || job.dispatchState === "preassigned";
}

export interface DispatchNoteProps {
  job: BoardJob;
  /** The person may accept the assignment. */
  editable: boolean;
  accepting: boolean;
  onAccept: () => void;
}

/**
 * Why automatic dispatch put the job where it is (or left it to a person), and
 * for an automatic assignment the Accept button. Changing it instead is the
 * normal move or resize on the board.
 */
export function DispatchNote({ job, editable, accepting, onAccept }: DispatchNoteProps) {
  const heading = STATE_TEXT[job.dispatchState];
  if (!heading || (job.dispatchState === "manual" && !job.dispatchReason)) return null;
  const waiting = awaitsAcceptance(job);
  return (
    <div
      className={`mb-2 rounded border px-2 py-1.5 ${waiting ? "border-violet-300 bg-violet-50" : job.dispatchState === "review" ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-slate-50"}`}
      data-testid="dispatch-note"
      data-state={job.dispatchState}
    >
      <p className="font-medium text-slate-900" data-testid="dispatch-note-state">
        {heading}
      </p>
      {job.dispatchReason ? (
        <p className="mt-0.5 text-slate-700" data-testid="dispatch-note-reason">
          {job.dispatchReason}
        </p>
      ) : null}
      {waiting && editable ? (
        <div className="mt-1 flex items-center gap-2">
          <button
            type="button"
            onClick={onAccept}
            disabled={accepting}
            className="h-7 rounded bg-violet-600 px-3 text-xs font-medium text-white hover:bg-violet-700 disabled:opacity-50"
          >
            {accepting ? "Accepting…" : "Accept"}
          </button>
          <span className="text-[11px] text-slate-700">or move it on the board to change it</span>
        </div>
      ) : null}
    </div>
  );
}
