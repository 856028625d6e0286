"use client";

import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { Placement } from "@/components/board/board-state";
import { placementChanged } from "@/components/board/drag-placement";
import { clockToMinute, formatWhen, parseClock } from "@/components/board/timeline";
import type { BoardAssignment, BoardJob, BoardTechnician } from "@/lib/db/board";
import { PRIORITY_LABEL, STATUS_LABEL, formatDuration } from "@/lib/board-format";
import type { CheckIssue } from "@/lib/engine/checks";
import { formatClock, formatClockRange } from "@/lib/time/format-time";
import { wallClock } from "@/lib/time/zoned-time";
import { toIso, toMinute } from "@/lib/time/epoch-minute";

export interface DetailsPanelProps {
  job: BoardJob;
  /** The job's assignment on this day, if it has one. */
  assignment: BoardAssignment | undefined;
  technicians: BoardTechnician[];
  date: string;
  timeZone: string;
  snapMinutes: number;
  editable: boolean;
  pending: boolean;
  /** Warnings about where the job is now. */
  warnings: CheckIssue[];
  /** Warnings about a proposed placement (the form's values). */
  check: (p: Placement) => CheckIssue[];
  onSave: (p: Placement) => void;
  onUnschedule: () => void;
  onClose: () => void;
  /** What automatic dispatch did and suggests, shown above the job's details. */
  dispatch?: ReactNode;
  /** What the crew reported about the visit, and the dispatcher's way to set it. */
  visitStatus?: ReactNode;
}

const LABEL = "block text-[11px] font-medium text-slate-600";
const FIELD = "mt-0.5 h-8 w-full rounded border border-slate-300 bg-white px-2 text-[13px] disabled:bg-slate-50 disabled:text-slate-500";

interface FormValues {
  start: string;
  duration: string;
  leaderId: string;
  helperIds: string[];
}

function initialValues(job: BoardJob, a: BoardAssignment | undefined, technicians: BoardTechnician[], date: string, tz: string): FormValues {
  if (a) {
    return {
      start: formatClock(toMinute(a.start), tz),
      duration: String(toMinute(a.end) - toMinute(a.start)),
      leaderId: a.leaderId,
      helperIds: [...a.helperIds],
    };
  }
  const win = job.windowStart ? wallClock(new Date(job.windowStart), tz) : null;
  const start = win && win.date === date ? formatClock(toMinute(job.windowStart!), tz) : "09:00";
  const preferred = technicians.some((t) => t.id === job.preferredTechnicianId) ? job.preferredTechnicianId! : "";
  return { start, duration: String(job.estimatedMinutes), leaderId: preferred, helperIds: [] };
}

/**
 * The selected job: everything about it, and — for dispatchers — a form to set its
 * start, length, crew leader and helpers, or to unschedule it. The keyboard path
 * to everything a drag does.
 */
export function DetailsPanel(props: DetailsPanelProps) {
  const { job, assignment, technicians, date, timeZone, snapMinutes, editable, pending, warnings, check, onSave, onUnschedule, onClose, dispatch, visitStatus } = props;
  const id = useId();
  const [values, setValues] = useState<FormValues>(() => initialValues(job, assignment, technicians, date, timeZone));
  const [helperFilter, setHelperFilter] = useState("");
  const [touched, setTouched] = useState(false);
  const firstField = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    (firstField.current ?? heading.current)?.focus();
  }, []);

  const clock = parseClock(values.start);
  const startMinute = clock ? clockToMinute(date, clock, timeZone) : null;
  const duration = Number(values.duration);
  const errors: Partial<Record<keyof FormValues, string>> = {};
  if (startMinute === null) errors.start = "Enter a start time like 10:00 (24-hour clock).";
  if (!Number.isInteger(duration) || duration < 1) errors.duration = "Enter a length in whole minutes.";
  else if (duration > 24 * 60) errors.duration = "A visit lasts at most 24 hours.";
  if (!values.leaderId) errors.leaderId = "Choose a crew leader.";
  const valid = Object.keys(errors).length === 0;

  const placement: Placement | null =
    valid && startMinute !== null
      ? { leaderId: values.leaderId, helperIds: values.helperIds.filter((h) => h !== values.leaderId), start: toIso(startMinute), end: toIso(startMinute + duration) }
      : null;
  const proposed = placement && editable && placementChanged(assignment, placement) ? check(placement) : null;

  const sortedTechs = useMemo(() => [...technicians].sort((a, b) => a.name.localeCompare(b.name)), [technicians]);
  const skilled = (t: BoardTechnician) => job.requiredSkills.every((s) => t.skills.includes(s));
  const helperChoices = sortedTechs.filter(
    (t) => t.id !== values.leaderId && (values.helperIds.includes(t.id) || t.name.toLowerCase().includes(helperFilter.trim().toLowerCase())),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (placement) onSave(placement);
  };
  const err = (k: keyof FormValues) => (touched && errors[k] ? errors[k] : null);

  const arrival =
    job.windowStart && job.windowEnd ? formatClockRange({ start: toMinute(job.windowStart), end: toMinute(job.windowEnd) }, timeZone) : null;
  const leaderName = technicians.find((t) => t.id === assignment?.leaderId)?.name;

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="flex min-h-0 flex-1 flex-col bg-white"
      data-testid="details-panel"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header className="flex items-start gap-2 border-b border-slate-200 px-3 py-2">
        <div className="min-w-0 flex-1">
          <h2 id={`${id}-title`} ref={heading} tabIndex={-1} className="text-[13px] font-semibold text-slate-900 outline-none">
            {job.workOrder} <span className="font-normal text-slate-500">· {PRIORITY_LABEL[job.priority]}</span>
          </h2>
          <p className="truncate text-xs text-slate-600" title={job.description}>
            {job.description}
          </p>
        </div>
        <button type="button" onClick={onClose} className="rounded px-1.5 text-lg leading-6 text-slate-500 hover:bg-slate-100" aria-label="Close details">
          ×
        </button>
      </header>

      <div className="min-h-0 flex-1 overflow-y-auto px-3 py-2 text-xs">
        {dispatch}
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-slate-700">
          <dt className="text-slate-500">Status</dt>
          <dd data-testid="details-status">
            {STATUS_LABEL[job.status]}
            {assignment?.publishedAt ? " · published to the customer" : ""}
          </dd>
          <dt className="text-slate-500">Customer</dt>
          <dd>
            {job.customerName}
            {job.slaProtected ? <span className="ml-1 rounded-sm bg-red-600 px-0.5 text-[9px] font-semibold text-white">SLA</span> : null}
            {job.contract ? <span className="ml-1 rounded-sm bg-amber-700 px-0.5 text-[9px] font-semibold text-white">Contract</span> : null}
          </dd>
          <dt className="text-slate-500">Address</dt>
          <dd>
            {[job.address, job.city].filter(Boolean).join(", ") || "—"}
            {job.locationApproximate ? <span data-testid="details-location-approximate" className="ml-1 text-amber-800">(location approximate: travel times are estimates)</span> : null}
          </dd>
          <dt className="text-slate-500">Reach</dt>
          <dd>{[job.customerPhone, job.customerEmail].filter(Boolean).join(" · ") || "No phone or email"}</dd>
          <dt className="text-slate-500">Skills</dt>
          <dd>{job.requiredSkills.join(", ") || "None"}</dd>
          <dt className="text-slate-500">Estimate</dt>
          <dd>{formatDuration(job.estimatedMinutes)}</dd>
          {arrival ? (
            <>
              <dt className="text-slate-500">Window</dt>
              <dd>{arrival}</dd>
            </>
          ) : null}
          {job.deadline ? (
            <>
              <dt className="text-slate-500">Deadline</dt>
              <dd className="text-red-700">
                {formatWhen(job.deadline, date, timeZone)}
                {job.deadlineReason ? <span className="block text-xs text-slate-600">set by {job.deadlineReason}</span> : null}
              </dd>
            </>
          ) : null}
          {assignment ? (
            <>
              <dt className="text-slate-500">Now</dt>
              <dd>
                {formatClockRange({ start: toMinute(assignment.start), end: toMinute(assignment.end) }, timeZone)} · {leaderName ?? "Unknown"}
                {assignment.helperIds.length > 0 ? ` +${assignment.helperIds.length}` : ""}
                {assignment.autoAssigned ? " · auto-assigned" : ""}
              </dd>
            </>
          ) : null}
          {job.rescheduleCount > 0 ? (
            <>
              <dt className="text-slate-500">Moved</dt>
              <dd>
                {job.rescheduleCount} time{job.rescheduleCount > 1 ? "s" : ""} after publishing
              </dd>
            </>
          ) : null}
          {job.notes ? (
            <>
              <dt className="text-slate-500">Notes</dt>
              <dd>{job.notes}</dd>
            </>
          ) : null}
        </dl>

        {warnings.length > 0 ? (
          <div className="mt-2 rounded border border-amber-300 bg-amber-50 px-2 py-1.5" data-testid="details-warnings">
            <p className="font-medium text-amber-900">⚠ {warnings.length === 1 ? "1 warning" : `${warnings.length} warnings`}</p>
            <ul className="mt-0.5 list-disc space-y-0.5 pl-4 text-amber-900">
              {warnings.map((w, i) => (
                <li key={i}>{w.message}</li>
              ))}
            </ul>
          </div>
        ) : null}

        {editable ? (
          <form onSubmit={submit} noValidate className="mt-3 space-y-2 border-t border-slate-200 pt-2" aria-label={`Schedule ${job.workOrder}`}>
            <div className="grid grid-cols-2 gap-2">
              <div>
                <label htmlFor={`${id}-start`} className={LABEL}>
                  Start
                </label>
                <input
                  ref={firstField}
                  id={`${id}-start`}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  placeholder="HH:MM"
                  required
                  value={values.start}
                  onChange={(e) => setValues((v) => ({ ...v, start: e.target.value }))}
                  onBlur={() => setValues((v) => ({ ...v, start: parseClock(v.start) ?? v.start }))}
                  onKeyDown={(e) => {
                    // arrows step the start by the company's snap, as a drag would
                    if (e.key !== "ArrowUp" && e.key !== "ArrowDown") return;
                    const current = parseClock(values.start);
                    if (!current) return;
                    e.preventDefault();
                    const [h, m] = current.split(":").map(Number);
                    const step = Math.max(1, snapMinutes) * (e.key === "ArrowUp" ? 1 : -1);
                    const next = (((h * 60 + m + step) % 1440) + 1440) % 1440;
                    setValues((v) => ({ ...v, start: `${String(Math.floor(next / 60)).padStart(2, "0")}:${String(next % 60).padStart(2, "0")}` }));
                  }}
                  title="24-hour clock, e.g. 09:30; arrow keys step by the snap"
                  aria-invalid={err("start") ? true : undefined}
                  aria-describedby={err("start") ? `${id}-start-error` : undefined}
                  className={`${FIELD} tabular-nums`}
                />
                {err("start") ? (
                  <p id={`${id}-start-error`} className="mt-0.5 text-[11px] text-red-700">
                    {err("start")}
                  </p>
                ) : null}
              </div>
              <div>
                <label htmlFor={`${id}-duration`} className={LABEL}>
                  Duration (min)
                </label>
                <input
                  id={`${id}-duration`}
                  type="number"
                  min={1}
                  step={Math.max(1, snapMinutes)}
                  required
                  value={values.duration}
                  onChange={(e) => setValues((v) => ({ ...v, duration: e.target.value }))}
                  aria-invalid={err("duration") ? true : undefined}
                  aria-describedby={err("duration") ? `${id}-duration-error` : undefined}
                  className={`${FIELD} tabular-nums`}
                />
                {err("duration") ? (
                  <p id={`${id}-duration-error`} className="mt-0.5 text-[11px] text-red-700">
                    {err("duration")}
                  </p>
                ) : null}
              </div>
            </div>
            {startMinute !== null && Number.isInteger(duration) && duration > 0 ? (
              <p className="text-[11px] text-slate-500 tabular-nums">
                {formatClockRange({ start: startMinute, end: startMinute + duration }, timeZone)} on {date}
              </p>
            ) : null}
            <div>
              <label htmlFor={`${id}-leader`} className={LABEL}>
                Crew leader
              </label>
              <select
                id={`${id}-leader`}
                required
                value={values.leaderId}
                onChange={(e) => setValues((v) => ({ ...v, leaderId: e.target.value, helperIds: v.helperIds.filter((h) => h !== e.target.value) }))}
                aria-invalid={err("leaderId") ? true : undefined}
                aria-describedby={err("leaderId") ? `${id}-leader-error` : undefined}
                className={FIELD}
              >
                <option value="">Choose a technician…</option>
                {sortedTechs.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                    {skilled(t) ? "" : " (missing skills)"}
                    {t.shift ? "" : " (no shift)"}
                  </option>
                ))}
              </select>
              {err("leaderId") ? (
                <p id={`${id}-leader-error`} className="mt-0.5 text-[11px] text-red-700">
                  {err("leaderId")}
                </p>
              ) : null}
            </div>
            <fieldset>
              <legend className={LABEL}>
                Helpers <span className="font-normal text-slate-500">(optional{values.helperIds.length ? `, ${values.helperIds.length} chosen` : ""})</span>
              </legend>
              <input
                type="search"
                value={helperFilter}
                onChange={(e) => setHelperFilter(e.target.value)}
                placeholder="Find a technician…"
                aria-label="Find a helper"
                className="mt-0.5 h-7 w-full rounded border border-slate-300 px-2 text-xs"
              />
              <div className="mt-1 max-h-32 overflow-y-auto rounded border border-slate-200">
                {helperChoices.map((t) => (
                  <label key={t.id} className="flex cursor-pointer items-center gap-2 px-2 py-0.5 hover:bg-slate-50">
                    <input
                      type="checkbox"
                      checked={values.helperIds.includes(t.id)}
                      onChange={(e) =>
                        setValues((v) => ({ ...v, helperIds: e.target.checked ? [...v.helperIds, t.id] : v.helperIds.filter((h) => h !== t.id) }))
                      }
                    />
                    <span className="truncate">{t.name}</span>
                  </label>
                ))}
                {helperChoices.length === 0 ? <p className="px-2 py-1 text-slate-500">No one matches.</p> : null}
              </div>
            </fieldset>
            {proposed && proposed.length > 0 ? (
              <div className="rounded border border-amber-200 bg-amber-50/60 px-2 py-1 text-amber-900" role="status">
                <p className="font-medium">If saved: {proposed.length === 1 ? "1 warning" : `${proposed.length} warnings`}</p>
                <ul className="list-disc pl-4">
                  {proposed.slice(0, 5).map((w, i) => (
                    <li key={i}>{w.message}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div className="flex items-center gap-2 pt-1">
              <button
                type="submit"
                disabled={pending}
                className="h-8 rounded bg-brand-600 px-3 text-[13px] font-medium text-white hover:bg-brand-700 disabled:opacity-50"
              >
                {pending ? "Saving…" : "Save"}
              </button>
              {assignment ? (
                <button
                  type="button"
                  disabled={pending || job.status === "in_progress"}
                  onClick={onUnschedule}
                  className="h-8 rounded border border-slate-300 bg-white px-3 text-[13px] text-slate-700 hover:bg-slate-100 disabled:opacity-50"
                >
                  Unschedule
                </button>
              ) : null}
            </div>
          </form>
        ) : null}

        {visitStatus}
      </div>
    </section>
  );
}
