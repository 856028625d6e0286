"use client";

import { useState } from "react";
import type { TechVisit } from "@/lib/db/tech-day";
import type { LateForecast } from "@/lib/engine/running-late";
import { arrivalWindow } from "@/lib/engine/customer-notice";
import { formatClock } from "@/lib/time/format-time";
import { NOT_FINISHED_LABEL, NOT_FINISHED_REASONS, VISIT_STATUS_LABEL, type NotFinishedReason, type VisitStatus } from "@/lib/engine/visit-status";
import { formatDuration } from "@/lib/board-format";
import type { QueuedTap } from "@/components/tech/use-status-queue";

const toMinute = (iso: string) => Math.floor(Date.parse(iso) / 60000);

export type TapInput = Pick<QueuedTap, "status" | "note" | "reason" | "estimatedArrivalAt">;

/** The window the customer expects the crew in: their own window, else the promised two hours. */
export function promisedWindow(visit: TechVisit): { start: number; end: number } {
  const { job } = visit;
  return job.windowStart && job.windowEnd ? { start: toMinute(job.windowStart), end: toMinute(job.windowEnd) } : arrivalWindow(toMinute(visit.start));
}

function mapsLink(visit: TechVisit): string {
  const { job } = visit;
  const place = [job.address, job.city].filter(Boolean).join(", ");
  const q = place || `${job.location.lat},${job.location.lng}`;
  return `https://www.google.com/maps/dir/?api=1&destination=${encodeURIComponent(q)}`;
}

const BADGE: Record<VisitStatus, string> = {
  on_my_way: "bg-sky-100 text-sky-900",
  arrived: "bg-emerald-100 text-emerald-900",
  done: "bg-slate-200 text-slate-800",
  not_finished: "bg-amber-100 text-amber-900",
};

/** One visit of the day with everything needed on the road, and the status buttons. */
export function VisitCard({
  visit,
  index,
  timeZone,
  readOnly,
  queued,
  late,
  planningNow,
  onTap,
}: {
  visit: TechVisit;
  index: number;
  timeZone: string;
  readOnly: boolean;
  /** Taps for this visit still waiting to reach the server. */
  queued: QueuedTap[];
  late: LateForecast | null;
  planningNow: () => number;
  onTap: (tap: TapInput) => void;
}) {
  const { job } = visit;
  const [panel, setPanel] = useState<"none" | "done" | "not_finished" | "late">("none");
  const [note, setNote] = useState("");
  const [reason, setReason] = useState<NotFinishedReason>("parts");
  const lastQueued = queued.filter((q) => q.status !== "running_late").at(-1);
  const status: VisitStatus | null = (lastQueued?.status as VisitStatus | undefined) ?? job.visitStatus;
  const window = promisedWindow(visit);
  const clock = (m: number) => formatClock(m, timeZone);
  const lateEstimate = late ? clock(late.projectedArrival) : null;
  const [lateTime, setLateTime] = useState(lateEstimate ?? clock(Math.floor(planningNow() / 60000) + 30));
  // the customer already has an estimate at least as late as the projection
  const toldLate = queued.filter((q) => q.status === "running_late").at(-1)?.estimatedArrivalAt ?? job.estimatedArrivalAt;
  const lateTold = late !== null && toldLate !== null && toldLate !== undefined && toMinute(toldLate) >= late.projectedArrival;
  const canStart = status === null || status === "not_finished";
  const finished = status === "done";
  const tap = (t: TapInput) => {
    setPanel("none");
    onTap(t);
  };
  const sendLate = () => {
    const [h, m] = lateTime.split(":").map(Number);
    // the estimate is a clock time today, in the company's zone
    const nowMin = Math.floor(planningNow() / 60000);
    const today = clock(nowMin);
    const [th, tm] = today.split(":").map(Number);
    const eta = nowMin + (h * 60 + m - (th * 60 + tm));
    tap({ status: "running_late", estimatedArrivalAt: new Date(eta * 60000).toISOString() });
  };

  return (
    <li className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="visit" data-work-order={job.workOrder} data-status={status ?? "none"}>
      <div className="border-b border-slate-100 p-4">
        <div className="flex items-start justify-between gap-2">
          <div className="min-w-0">
            <div className="text-sm font-medium text-slate-600">
              Stop {index + 1} · arrive {clock(window.start)}–{clock(window.end)}
            </div>
            <h3 className="text-lg font-semibold text-slate-900">{job.customerName}</h3>
            <div className="text-slate-700">
              {job.workOrder} · {job.description}
            </div>
          </div>
          {status ? (
            <span className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-semibold ${BADGE[status]}`} data-testid="visit-status">
              {VISIT_STATUS_LABEL[status]}
            </span>
          ) : null}
        </div>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-500">Planned</dt>
          <dd className="tabular-nums">
            {clock(toMinute(visit.start))}–{clock(toMinute(visit.end))} ({formatDuration(job.estimatedMinutes)})
          </dd>
          <dt className="text-slate-500">Address</dt>
          <dd>
            <a href={mapsLink(visit)} target="_blank" rel="noreferrer" className="text-brand-700 underline">
              {[job.address, job.city].filter(Boolean).join(", ") || "Open in maps"}
            </a>
          </dd>
          {job.customerPhone ? (
            <>
              <dt className="text-slate-500">Phone</dt>
              <dd>
                <a href={`tel:${job.customerPhone}`} className="text-brand-700 underline">
                  {job.customerPhone}
                </a>
              </dd>
            </>
          ) : null}
          {job.requiredSkills.length > 0 ? (
            <>
              <dt className="text-slate-500">Skills</dt>
              <dd>{job.requiredSkills.join(", ")}</dd>
            </>
          ) : null}
          <dt className="text-slate-500">Crew</dt>
          <dd>
            {visit.crew.join(", ")}
            {visit.role === "helper" ? " (you help)" : ""}
          </dd>
          {job.notes ? (
            <>
              <dt className="text-slate-500">Notes</dt>
              <dd className="whitespace-pre-line">{job.notes}</dd>
            </>
          ) : null}
          {job.estimatedArrivalAt && (status === "on_my_way" || lateTold) ? (
            <>
              <dt className="text-slate-500">Customer told</dt>
              <dd>about {clock(toMinute(job.estimatedArrivalAt))}</dd>
            </>
          ) : null}
        </dl>
        {queued.length > 0 ? (
          <p className="mt-2 rounded-md bg-amber-50 px-2 py-1 text-sm text-amber-900" data-testid="queued-note">
            {queued.length === 1 ? "1 update" : `${queued.length} updates`} waiting for a connection; sent automatically.
          </p>
        ) : null}
        {late && !finished ? (
          <p className="mt-2 rounded-md bg-red-50 px-2 py-1 text-sm text-red-800" data-testid="late-warning">
            Running late: about {lateEstimate}, {late.minutesLate} min after the window.
          </p>
        ) : null}
        {late && !finished && !readOnly && status !== "arrived" && !lateTold ? (
          <button
            type="button"
            onClick={() => tap({ status: "running_late", estimatedArrivalAt: new Date(late.projectedArrival * 60000).toISOString() })}
            className="mt-2 min-h-12 w-full rounded-md bg-red-700 px-3 font-semibold text-white active:bg-red-800"
            data-testid="send-late"
          >
            Tell the customer: new estimate {lateEstimate}
          </button>
        ) : null}
      </div>
      {!readOnly && !finished ? (
        <div className="space-y-2 p-3">
          <div className="flex gap-2">
            {canStart ? (
              <button type="button" onClick={() => tap({ status: "on_my_way" })} className="min-h-12 flex-1 rounded-md bg-sky-700 px-3 font-semibold text-white active:bg-sky-800">
                On my way
              </button>
            ) : null}
            {canStart || status === "on_my_way" ? (
              <button type="button" onClick={() => tap({ status: "arrived" })} className="min-h-12 flex-1 rounded-md bg-emerald-700 px-3 font-semibold text-white active:bg-emerald-800">
                Arrived
              </button>
            ) : null}
            {status === "arrived" ? (
              <button type="button" onClick={() => setPanel(panel === "done" ? "none" : "done")} className="min-h-12 flex-1 rounded-md bg-emerald-700 px-3 font-semibold text-white">
                Done…
              </button>
            ) : null}
          </div>
          <div className="flex gap-2">
            {status !== "arrived" ? (
              <button type="button" onClick={() => setPanel(panel === "late" ? "none" : "late")} className="min-h-11 flex-1 rounded-md border border-slate-300 px-3 text-slate-800">
                Running late…
              </button>
            ) : null}
            <button type="button" onClick={() => setPanel(panel === "not_finished" ? "none" : "not_finished")} className="min-h-11 flex-1 rounded-md border border-slate-300 px-3 text-slate-800">
              Couldn&apos;t finish…
            </button>
          </div>
          {panel === "done" ? (
            <form className="space-y-2" onSubmit={(e) => (e.preventDefault(), tap({ status: "done", note: note.trim() || null }))}>
              <label htmlFor={`note-${job.id}`} className="block text-sm font-medium text-slate-700">
                What was done (short note)
              </label>
              <textarea id={`note-${job.id}`} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} className="block w-full rounded-md border border-slate-300 p-2" rows={2} />
              <button type="submit" className="min-h-12 w-full rounded-md bg-emerald-700 font-semibold text-white">
                Mark done
              </button>
            </form>
          ) : null}
          {panel === "not_finished" ? (
            <form className="space-y-2" onSubmit={(e) => (e.preventDefault(), tap({ status: "not_finished", reason, note: note.trim() || null }))}>
              <label htmlFor={`reason-${job.id}`} className="block text-sm font-medium text-slate-700">
                Reason
              </label>
              <select id={`reason-${job.id}`} value={reason} onChange={(e) => setReason(e.target.value as NotFinishedReason)} className="block min-h-11 w-full rounded-md border border-slate-300 bg-white px-2">
                {NOT_FINISHED_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {NOT_FINISHED_LABEL[r]}
                  </option>
                ))}
              </select>
              <label htmlFor={`nf-note-${job.id}`} className="block text-sm font-medium text-slate-700">
                Details (optional)
              </label>
              <input id={`nf-note-${job.id}`} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} className="block min-h-11 w-full rounded-md border border-slate-300 px-2" />
              <button type="submit" className="min-h-12 w-full rounded-md bg-amber-700 font-semibold text-white">
                Send back to the queue
              </button>
            </form>
          ) : null}
          {panel === "late" ? (
            <form className="flex items-end gap-2" onSubmit={(e) => (e.preventDefault(), sendLate())}>
              <div className="flex-1">
                <label htmlFor={`late-${job.id}`} className="block text-sm font-medium text-slate-700">
                  New estimate
                </label>
                <input id={`late-${job.id}`} type="time" value={lateTime} onChange={(e) => setLateTime(e.target.value)} className="block min-h-11 w-full rounded-md border border-slate-300 px-2" required />
              </div>
              <button type="submit" className="min-h-11 rounded-md bg-red-700 px-3 font-semibold text-white">
                Tell the customer
              </button>
            </form>
          ) : null}
        </div>
      ) : null}
      {visit.travelToNext !== null ? (
        <div className="border-t border-dashed border-slate-200 px-4 py-2 text-sm text-slate-600">Then {visit.travelToNext} min to the next stop</div>
      ) : null}
    </li>
  );
}
