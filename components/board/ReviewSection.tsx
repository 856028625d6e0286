"use client";

import Link from "next/link";
import { useState } from "react";
import type { BoardJob } from "@/lib/db/board";
import { PRIORITY_LABEL, formatDuration } from "@/lib/board-format";

export interface ReviewSectionProps {
  /** Queued jobs automatic dispatch handed to a person. */
  jobs: BoardJob[];
  selectedJobId: string | null;
  onSelect: (jobId: string) => void;
}

/**
 * "Needs review (N)" above the unscheduled queue: the jobs automatic dispatch
 * could not place, each with its reason. Selecting one shows its suggested
 * slots for the board's day, as for any queued job.
 */
export function ReviewSection({ jobs, selectedJobId, onSelect }: ReviewSectionProps) {
  const [open, setOpen] = useState(true);
  if (jobs.length === 0) return null;
  return (
    <section aria-label="Needs review" className="flex max-h-[40%] shrink-0 flex-col border-b border-amber-200 bg-amber-50/40" data-testid="board-review">
      <div className="flex items-baseline justify-between gap-2 px-3 py-1.5">
        <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)} className="text-[13px] font-semibold text-amber-950 hover:underline">
          <span aria-hidden="true" className="inline-block w-3 text-[10px]">
            {open ? "▾" : "▸"}
          </span>
          Needs review <span className="font-normal text-amber-800" data-testid="board-review-count">({jobs.length})</span>
        </button>
        <Link href="/jobs/review" className="text-xs text-brand-600 hover:underline">
          Review page
        </Link>
      </div>
      {open ? (
        <ul className="min-h-0 flex-1 divide-y divide-amber-100 overflow-y-auto border-t border-amber-100">
          {jobs.map((job) => (
            <ReviewItem key={job.id} job={job} selected={selectedJobId === job.id} onSelect={onSelect} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ReviewItem({ job, selected, onSelect }: { job: BoardJob; selected: boolean; onSelect: (jobId: string) => void }) {
  // a list item holding one button: the button's name is its visible text (work order,
  // priority, customer, duration and the reason), so voice control can say what it sees
  return (
    <li data-testid="board-review-item" data-work-order={job.workOrder} data-job-id={job.id}>
      <button
        type="button"
        aria-pressed={selected}
        onClick={() => onSelect(job.id)}
        className={`block w-full cursor-pointer px-3 py-1.5 text-left text-xs outline-offset-[-2px] ${selected ? "bg-brand-50" : "hover:bg-amber-50"}`}
      >
        <span className="flex items-center gap-1.5">
          <span className="font-semibold text-slate-900">{job.workOrder}</span>
          <span className="text-slate-600">{PRIORITY_LABEL[job.priority]}</span>
          <span className="min-w-0 truncate text-slate-700">{job.customerName}</span>
          <span className="ml-auto shrink-0 tabular-nums text-slate-600">{formatDuration(job.estimatedMinutes)}</span>
        </span>
        <span className="block text-amber-950" data-testid="board-review-reason">
          <span className="sr-only">Needs review: </span>
          {job.dispatchReason ?? "No reason was recorded."}
        </span>
      </button>
    </li>
  );
}
