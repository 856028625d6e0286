"use client";

import { memo, useMemo, useState, type KeyboardEvent } from "react";
import { useDroppable } from "@dnd-kit/core";
import { BOARD_DND_ID, DragSource, type Picked } from "@/components/board/drag-source";
import { NO_FILTER, filterQueue, queueFacets, type QueueFilter, type QueueSort } from "@/components/board/queue-filter";
import type { BoardJob } from "@/lib/db/board";
import { PRIORITY_LABEL, formatDuration } from "@/lib/board-format";
import { formatClockRange } from "@/lib/time/format-time";
import { formatWhen } from "@/components/board/timeline";
import { toMinute } from "@/lib/time/epoch-minute";

/** What a drag of a queue card carries. */
export interface QueueDragData {
  type: "queue";
  jobId: string;
}

export interface QueueProps {
  jobs: BoardJob[];
  date: string;
  timeZone: string;
  editable: boolean;
  selectedJobId: string | null;
  pendingIds: ReadonlySet<string>;
  /** A block is being dragged: the queue is where it can be dropped to unschedule it. */
  acceptsBlock: boolean;
  /** The queued job being dragged onto a lane, if any. */
  draggingJobId: string | null;
  onSelect: (jobId: string) => void;
}

const PRIORITY_CHIP: Record<BoardJob["priority"], string> = {
  1: "bg-red-600 text-white",
  2: "bg-orange-700 text-white",
  3: "bg-blue-100 text-blue-800",
  4: "bg-slate-200 text-slate-700",
};

const SELECT = "h-7 min-w-0 rounded border border-slate-300 bg-white px-1.5 text-xs text-slate-700";

/** The unscheduled jobs beside the timeline, to filter, sort and drag onto a lane. */
/**
 * The queue card a pointer went down on, when it may be dragged.
 *
 * @example pickCard(event.target) // { node: <the card>, data: { type: "queue", jobId } }
 */
export function pickCard(target: Element): Picked<QueueDragData> | null {
  const card = target.closest<HTMLElement>("[data-testid=queue-item]");
  const jobId = card?.dataset.jobId;
  if (!card || !jobId || card.dataset.draggable !== "true") return null;
  return { node: card, data: { type: "queue", jobId } };
}

export function Queue({ jobs, date, timeZone, editable, selectedJobId, pendingIds, acceptsBlock, draggingJobId, onSelect }: QueueProps) {
  const [filter, setFilter] = useState<QueueFilter>(NO_FILTER);
  const facets = useMemo(() => queueFacets(jobs), [jobs]);
  const shown = useMemo(() => filterQueue(jobs, filter), [jobs, filter]);
  const { setNodeRef, isOver } = useDroppable({ id: "queue", data: { type: "queue" }, disabled: !editable });
  const set = (patch: Partial<QueueFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const filtered = filter.priority !== 0 || filter.skill !== "" || filter.city !== "" || filter.text.trim() !== "";

  return (
    <section
      ref={setNodeRef}
      aria-label="Unscheduled queue"
      className={`flex min-h-0 flex-1 flex-col ${acceptsBlock ? (isOver ? "bg-brand-50 ring-2 ring-inset ring-brand-500" : "bg-slate-50 ring-2 ring-inset ring-dashed ring-slate-300") : ""}`}
      data-testid="queue"
    >
      <div className="space-y-1.5 border-b border-slate-200 px-3 py-2">
        <div className="flex items-baseline justify-between">
          <h2 className="text-[13px] font-semibold text-slate-900">
            Unscheduled <span className="font-normal text-slate-500" data-testid="queue-count">{filtered ? `${shown.length} of ${jobs.length}` : jobs.length}</span>
          </h2>
          {filtered ? (
            <button type="button" className="text-xs text-brand-600 hover:underline" onClick={() => setFilter((f) => ({ ...NO_FILTER, sort: f.sort }))}>
              Clear filters
            </button>
          ) : null}
        </div>
        <input
          type="search"
          value={filter.text}
          onChange={(e) => set({ text: e.target.value })}
          placeholder="Search work order, customer, city…"
          aria-label="Search the queue"
          className="h-7 w-full rounded border border-slate-300 bg-white px-2 text-xs placeholder:text-slate-400"
        />
        <div className="grid grid-cols-2 gap-1.5">
          <select aria-label="Priority" className={SELECT} value={filter.priority} onChange={(e) => set({ priority: Number(e.target.value) as QueueFilter["priority"] })}>
            <option value={0}>All priorities</option>
            {([1, 2, 3, 4] as const).map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABEL[p]}
              </option>
            ))}
          </select>
          <select aria-label="Skill" className={SELECT} value={filter.skill} onChange={(e) => set({ skill: e.target.value })}>
            <option value="">All skills</option>
            {facets.skills.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
          <select aria-label="City" className={SELECT} value={filter.city} onChange={(e) => set({ city: e.target.value })}>
            <option value="">All cities</option>
            {facets.cities.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
          <select aria-label="Sort by" className={SELECT} value={filter.sort} onChange={(e) => set({ sort: e.target.value as QueueSort })}>
            <option value="priority">Sort: priority</option>
            <option value="deadline">Sort: deadline</option>
            <option value="duration">Sort: longest first</option>
          </select>
        </div>
      </div>
      {acceptsBlock ? (
        <div className="border-b border-slate-200 px-3 py-2 text-center text-xs font-medium text-brand-700">Drop here to unschedule</div>
      ) : null}
      {/* one draggable for every card (see DragSource) */}
      <DragSource as="ul" id="queue" disabled={!editable} pick={pickCard} className="min-h-0 flex-1 divide-y divide-slate-100 overflow-y-auto">
        {shown.map((job) => (
          <QueueCard
            key={job.id}
            job={job}
            date={date}
            timeZone={timeZone}
            editable={editable && !pendingIds.has(job.id)}
            selected={selectedJobId === job.id}
            dragging={draggingJobId === job.id}
            onSelect={onSelect}
          />
        ))}
        {shown.length === 0 ? (
          <li className="px-3 py-8 text-center text-xs text-slate-500">{jobs.length === 0 ? "Nothing waiting. Every job has a slot." : "No job matches these filters."}</li>
        ) : null}
      </DragSource>
    </section>
  );
}

const QueueCard = memo(function QueueCard({
  job,
  date,
  timeZone,
  editable,
  selected,
  dragging,
  onSelect,
}: {
  job: BoardJob;
  date: string;
  timeZone: string;
  /** The card may be dragged onto a lane (the queue's drag source picks it up). */
  editable: boolean;
  selected: boolean;
  dragging: boolean;
  onSelect: (jobId: string) => void;
}) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      onSelect(job.id);
    }
  };
  const arrival =
    job.windowStart && job.windowEnd
      ? formatClockRange({ start: toMinute(job.windowStart), end: toMinute(job.windowEnd) }, timeZone)
      : null;
  return (
    <li>
    <div
      role="button"
      tabIndex={0}
      aria-roledescription={editable ? "draggable job" : undefined}
      aria-describedby={editable ? BOARD_DND_ID : undefined}
      aria-pressed={selected}
      onClick={() => onSelect(job.id)}
      onKeyDown={onKeyDown}
      data-testid="queue-item"
      data-work-order={job.workOrder}
      data-job-id={job.id}
      data-draggable={editable ? "true" : undefined}
      data-reach={job.customerPhone ? "sms" : job.customerEmail ? "email" : "none"}
      className={`relative border-l-[3px] px-3 py-1.5 text-xs outline-offset-[-2px] select-none ${job.priority === 1 ? "border-l-p1" : job.priority === 2 ? "border-l-p2" : job.priority === 3 ? "border-l-p3" : "border-l-p4"} ${selected ? "bg-brand-50" : "bg-white hover:bg-slate-50"} ${editable ? "cursor-grab" : "cursor-pointer"} ${dragging ? "opacity-40" : ""}`}
    >
      {/* the name a screen reader or voice control uses; the visible card says the same in short */}
      <span className="sr-only">{`${job.workOrder}, ${PRIORITY_LABEL[job.priority]}, ${job.description}, ${job.customerName}`}</span>
      <div aria-hidden="true">
      <div className="flex items-center gap-1.5">
        <span className="font-semibold text-slate-900">{job.workOrder}</span>
        <span className={`rounded-sm px-1 text-[10px] font-medium leading-4 ${PRIORITY_CHIP[job.priority]}`}>{PRIORITY_LABEL[job.priority]}</span>
        {job.slaProtected ? <span className="rounded-sm bg-red-600 px-0.5 text-[9px] font-semibold leading-3 text-white">SLA</span> : null}
        {job.contract && !job.slaProtected ? <span className="rounded-sm bg-amber-700 px-0.5 text-[9px] font-semibold leading-3 text-white">CON</span> : null}
        {job.locationApproximate ? (
          <span className="rounded-sm border border-slate-400 px-0.5 text-[9px] font-semibold leading-3 text-slate-700" title="Location approximate: placed at the centre of its postal code">
            ≈ LOC
          </span>
        ) : null}
        {job.dispatchState === "review" ? (
          <span className="rounded-sm border border-amber-500 px-0.5 text-[9px] font-semibold leading-3 text-amber-800" title={`Needs review: ${job.dispatchReason ?? "no reason recorded"}`}>
            REVIEW
          </span>
        ) : null}
        <span className="ml-auto shrink-0 tabular-nums text-slate-600">{formatDuration(job.estimatedMinutes)}</span>
      </div>
      <div className="truncate text-slate-800" title={job.description}>
        {job.description}
      </div>
      <div className="truncate text-slate-600">
        {job.customerName} · {job.city ?? "No city"}
      </div>
      <div className="mt-0.5 flex items-center gap-1">
        {job.requiredSkills.map((s) => (
          <span key={s} className="rounded-sm bg-slate-100 px-1 text-[10px] leading-4 text-slate-600">
            {s}
          </span>
        ))}
        <span className="ml-auto shrink-0 text-[11px] tabular-nums">
          {job.deadline ? (
            <span className="font-medium text-red-700" title="Deadline">
              Due {formatWhen(job.deadline, date, timeZone)}
            </span>
          ) : arrival ? (
            <span className="text-slate-600" title="Arrival window">
              {arrival}
            </span>
          ) : null}
        </span>
      </div>
      </div>
    </div>
    </li>
  );
});
