"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { placeJobAction } from "@/app/(app)/schedules/actions";
import { answerRescheduleAction, suggestSlotsAction } from "@/app/(app)/jobs/actions";
import type { CandidateView, ReviewItem } from "@/lib/db/dispatch";
import { PRIORITY_CLASS, PRIORITY_LABEL, formatDuration } from "@/lib/board-format";
import { formatHm, formatInZone } from "@/lib/time/format-time";
import { formatDate } from "@/lib/time/calendar-date";
import { Banner } from "@/components/ui/Field";
import { ReasonList } from "@/components/jobs/ReasonList";

/** Jobs automatic dispatch could not place, each with its reason and the best slots to assign with one click. */
export function ReviewQueue({ items, timeZone, today, canEdit }: { items: ReviewItem[]; timeZone: string; today: string; canEdit: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [feedback, setFeedback] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [fresh, setFresh] = useState<Record<string, CandidateView[]>>({});

  const [declining, setDeclining] = useState<Record<string, string>>({});

  const done = (r: { ok: true; data: { summary: string } } | { ok: false; error: { message: string } }) => {
    if (r.ok) {
      setFeedback({ kind: "success", text: r.data.summary });
      router.refresh();
    } else setFeedback({ kind: "error", text: r.error.message });
  };

  const assign = (item: ReviewItem, c: CandidateView) =>
    start(async () => {
      if (item.customerRequest) {
        // the customer's request: moved through the same checked placement, and answered
        done(
          await answerRescheduleAction({
            decision: "move",
            jobId: item.job.id,
            jobVersion: item.job.version,
            assignmentVersion: item.visit?.assignmentVersion ?? null,
            leaderId: c.technicianId,
            start: c.start!,
            end: c.end!,
          }),
        );
        return;
      }
      const r = await placeJobAction({
        jobId: item.job.id,
        jobVersion: item.job.version,
        assignmentVersion: null,
        leaderId: c.technicianId,
        helperIds: [],
        start: c.start!,
        end: c.end!,
        notifyCustomer: true,
      });
      if (r.ok) {
        setFeedback({ kind: "success", text: r.data.summary });
        router.refresh();
      } else setFeedback({ kind: "error", text: r.error.message });
    });

  const decline = (item: ReviewItem) =>
    start(async () => {
      const r = await answerRescheduleAction({ decision: "decline", jobId: item.job.id, jobVersion: item.job.version, message: declining[item.job.id] ?? "" });
      done(r);
      if (r.ok) setDeclining((d) => ({ ...d, [item.job.id]: "" }));
    });

  const suggest = (item: ReviewItem) =>
    start(async () => {
      const r = await suggestSlotsAction({ jobId: item.job.id, date: today });
      if (r.ok) setFresh((f) => ({ ...f, [item.job.id]: r.data }));
      else setFeedback({ kind: "error", text: r.error.message });
    });

  return (
    <div className="space-y-3">
      {feedback ? <Banner kind={feedback.kind}>{feedback.text}</Banner> : null}
      {items.length === 0 ? <Banner kind="info">Nothing needs a person: every new job found its place.</Banner> : null}
      <ul className="space-y-3">
        {items.map((item) => {
          const options = (fresh[item.job.id] ?? item.candidates).filter((c) => c.eligible && c.start);
          return (
            <li key={item.job.id} className={`rounded-lg border border-slate-200 border-l-4 bg-white p-3 ${PRIORITY_CLASS[item.job.priority]}`} data-testid="review-item" data-work-order={item.job.workOrder}>
              <div className="flex flex-wrap items-baseline gap-x-3">
                <span className="font-medium">{item.job.workOrder}</span>
                <span>{item.job.customerName}</span>
                <span className="text-xs text-slate-500">
                  {item.job.city ?? ""} · {formatDuration(item.job.estimatedMinutes)} · {PRIORITY_LABEL[item.job.priority]}
                  {item.job.requiredSkills.length > 0 ? ` · needs ${item.job.requiredSkills.join(", ")}` : ""}
                </span>
              </div>
              {item.customerRequest ? (
                <div className="mt-1 space-y-1 text-slate-800" data-testid="review-customer-request">
                  <p>
                    The customer asks for another time: <q className="font-medium">{item.customerRequest.message}</q>
                  </p>
                  <p>
                    Asked for:{" "}
                    <span className="font-medium" data-testid="review-requested-time">
                      {item.customerRequest.requestedDate ? formatDate(item.customerRequest.requestedDate, "EEEE, MMMM d") : "no day given"},{" "}
                      {{ any: "any time", morning: "morning (8–12)", afternoon: "afternoon (12–5)" }[item.customerRequest.requestedWindow]}
                    </span>
                    {item.visit ? (
                      <>
                        {" "}
                        · now booked {formatInZone(item.visit.start, "EEE MMM d, HH:mm", { timeZone })} with {item.visit.leaderName}
                      </>
                    ) : null}
                  </p>
                </div>
              ) : (
                <p className="mt-1 text-slate-800" data-testid="review-reason">
                  Why it needs you: {item.reason}
                </p>
              )}
              {options.length > 0 ? (
                <ol className="mt-2 grid gap-2 md:grid-cols-3">
                  {options.map((c) => (
                    <li key={c.technicianId} className="rounded border border-slate-200 bg-white p-2">
                      <div className="flex justify-between gap-2">
                        <span className="font-medium">{c.technicianName}</span>
                        <span className="text-xs text-slate-500">{formatHm(new Date(c.start!), timeZone)}</span>
                      </div>
                      <ReasonList candidate={c} />
                      {canEdit ? (
                        <button type="button" disabled={pending} onClick={() => assign(item, c)} className="mt-2 w-full rounded-md bg-brand-600 px-2 py-1 text-white hover:bg-brand-700 disabled:opacity-60">
                          {item.customerRequest ? "Move to" : "Assign to"} {c.technicianName.split(" ")[0]} at {formatHm(new Date(c.start!), timeZone)}
                        </button>
                      ) : null}
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="mt-2 text-xs text-slate-500">
                  {item.customerRequest ? "No technician has room at the time the customer asked for." : "No technician has room for it today. Place it by hand on another day, or free up a slot."}
                </p>
              )}
              {canEdit && item.customerRequest && item.visit ? (
                <form
                  className="mt-2 flex flex-wrap items-end gap-2"
                  onSubmit={(e) => {
                    e.preventDefault();
                    decline(item);
                  }}
                >
                  <label className="flex min-w-64 flex-1 flex-col text-xs text-slate-700">
                    Or keep the booked time and tell the customer why
                    <input
                      value={declining[item.job.id] ?? ""}
                      onChange={(e) => setDeclining((d) => ({ ...d, [item.job.id]: e.target.value }))}
                      maxLength={500}
                      className="mt-1 rounded-md border border-slate-300 px-2 py-1 text-sm"
                    />
                  </label>
                  <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-1 text-sm text-slate-900 hover:bg-slate-50 disabled:opacity-60">
                    Decline
                  </button>
                </form>
              ) : null}
              {canEdit && !item.customerRequest ? (
                <button type="button" disabled={pending} onClick={() => suggest(item)} className="mt-2 text-xs text-brand-700 underline">
                  Look again for today
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
