"use client";

import { useId, useState, type FormEvent } from "react";
import { clockToMinute, parseClock } from "@/components/board/timeline";
import type { BoardJob } from "@/lib/db/board";
import { NOT_FINISHED_LABEL, NOT_FINISHED_REASONS, VISIT_STATUSES, VISIT_STATUS_LABEL, nextVisitStatus, type NotFinishedReason, type VisitStatus } from "@/lib/engine/visit-status";
import { formatClock } from "@/lib/time/format-time";
import { toIso, toMinute } from "@/lib/time/epoch-minute";

export interface VisitStatusChange {
  status: VisitStatus;
  occurredAt: string | null;
  note: string | null;
  reason: NotFinishedReason | null;
}

export interface VisitStatusPanelProps {
  job: BoardJob;
  date: string;
  timeZone: string;
  /** The person may set the status (dispatchers and admins). */
  editable: boolean;
  /** Records the change; resolves to the sentence to show (what was recorded, or why not). */
  onChange: (change: VisitStatusChange) => Promise<{ ok: true; text: string } | { ok: false; text: string }>;
}

const LABEL = "block text-[11px] font-medium text-slate-600";
const FIELD = "mt-0.5 h-8 w-full rounded border border-slate-300 bg-white px-2 text-[13px]";

/**
 * What the crew reported about the visit (status and actual times) and, for a
 * dispatcher, the form to set it: what the crew phoned in, or a correction of a
 * wrong record. Out of the crew's order it is said to be a correction before saving.
 */
export function VisitStatusPanel({ job, date, timeZone, editable, onChange }: VisitStatusPanelProps) {
  const id = useId();
  const [status, setStatus] = useState<VisitStatus>(job.visitStatus === "arrived" ? "done" : job.visitStatus === "on_my_way" ? "arrived" : "on_my_way");
  const [reason, setReason] = useState<NotFinishedReason>("parts");
  const [note, setNote] = useState("");
  const [at, setAt] = useState("");
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const clock = (iso: string | null) => (iso ? formatClock(toMinute(iso), timeZone) : null);
  const reported = [
    job.visitStatus ? VISIT_STATUS_LABEL[job.visitStatus] : "Nothing reported yet",
    job.arrivedAt ? `arrived ${clock(job.arrivedAt)}` : null,
    job.finishedAt && job.visitStatus === "done" ? `finished ${clock(job.finishedAt)}` : null,
    job.estimatedArrivalAt && job.visitStatus !== "arrived" && job.visitStatus !== "done" ? `expected ${clock(job.estimatedArrivalAt)}` : null,
  ].filter(Boolean);
  const step = nextVisitStatus(job.visitStatus, status, { by: "technician" });
  const correction = !step.ok;
  const unchanged = job.visitStatus === status;
  const parsedAt = at.trim() === "" ? null : parseClock(at);
  const atError = at.trim() !== "" && parsedAt === null ? "Enter a time like 09:40 (24-hour clock), or leave it empty for now." : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (atError || unchanged) return;
    setSaving(true);
    setResult(null);
    try {
      const occurredAt = parsedAt ? toIso(clockToMinute(date, parsedAt, timeZone)) : null;
      const r = await onChange({ status, occurredAt, note: note.trim() || null, reason: status === "not_finished" ? reason : null });
      setResult(r);
      if (r.ok) setNote("");
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="mt-3 border-t border-slate-200 pt-2" aria-labelledby={`${id}-heading`} data-testid="visit-status-panel">
      <h3 id={`${id}-heading`} className="text-[12px] font-semibold text-slate-800">
        Visit status
      </h3>
      <p className="text-slate-700" data-testid="visit-status-reported">
        {reported.join(" · ")}
        {job.returnVisit ? ` · return visit${job.notFinishedReason ? `: ${NOT_FINISHED_LABEL[job.notFinishedReason as NotFinishedReason]?.toLowerCase() ?? job.notFinishedReason}` : ""}` : ""}
      </p>
      {editable ? (
        <form onSubmit={(e) => void submit(e)} noValidate className="mt-1 space-y-2" aria-label={`Set the status of ${job.workOrder}`}>
          <div className="grid grid-cols-2 gap-2">
            <div>
              <label htmlFor={`${id}-status`} className={LABEL}>
                Set status to
              </label>
              <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as VisitStatus)} className={FIELD}>
                {VISIT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {VISIT_STATUS_LABEL[s]}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-at`} className={LABEL}>
                At (empty: now)
              </label>
              <input
                id={`${id}-at`}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                placeholder="HH:MM"
                value={at}
                onChange={(e) => setAt(e.target.value)}
                aria-invalid={atError ? true : undefined}
                aria-describedby={atError ? `${id}-at-error` : undefined}
                className={`${FIELD} tabular-nums`}
              />
            </div>
          </div>
          {atError ? (
            <p id={`${id}-at-error`} className="text-[11px] text-red-700">
              {atError}
            </p>
          ) : null}
          {status === "not_finished" ? (
            <div>
              <label htmlFor={`${id}-reason`} className={LABEL}>
                Reason
              </label>
              <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value as NotFinishedReason)} className={FIELD}>
                {NOT_FINISHED_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {NOT_FINISHED_LABEL[r]}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div>
            <label htmlFor={`${id}-note`} className={LABEL}>
              Note (optional)
            </label>
            <input id={`${id}-note`} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} className={FIELD} />
          </div>
          {unchanged ? (
            <p className="text-[11px] text-slate-600">The visit is already “{VISIT_STATUS_LABEL[status]}”.</p>
          ) : correction ? (
            <p className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-[11px] text-amber-900" data-testid="correction-note">
              Out of the crew&apos;s order ({step.ok ? "" : step.reason}): it is recorded in the audit trail as your correction.
            </p>
          ) : null}
          <button
            type="submit"
            disabled={saving || unchanged || atError !== null}
            className="h-8 rounded border border-slate-300 bg-white px-3 text-[13px] font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-50"
          >
            {saving ? "Saving…" : correction ? "Record correction" : "Record status"}
          </button>
          {result ? (
            <p role={result.ok ? "status" : "alert"} className={`text-[11px] ${result.ok ? "text-emerald-800" : "text-red-700"}`} data-testid="visit-status-result">
              {result.text}
            </p>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}
