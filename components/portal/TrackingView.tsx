"use client";

import { useEffect, useState, useTransition } from "react";
import type { TrackingStage, TrackingView as View } from "@/lib/db/portal";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";
import { formatInZone } from "@/lib/time/format-time";
import { formatDate } from "@/lib/time/calendar-date";

const STEPS: { stage: TrackingStage; label: string }[] = [
  { stage: "requested", label: "Requested" },
  { stage: "scheduled", label: "Scheduled" },
  { stage: "on_the_way", label: "On the way" },
  { stage: "on_site", label: "On site" },
  { stage: "done", label: "Done" },
];

const hm = (iso: string, timeZone: string): string => formatInZone(iso, "h:mm a", { timeZone });
const day = (iso: string, timeZone: string): string => formatInZone(iso, "EEEE, MMMM d", { timeZone });

function headline(v: View): string {
  const who = v.technicianFirstName ?? "Your technician";
  switch (v.stage) {
    case "requested":
      return v.customerAction === "reschedule_requested" ? "We received your request for another time and will call you." : "We'll call you to schedule the visit.";
    case "scheduled":
      return `${who} will arrive between ${hm(v.window!.start, v.timeZone)} and ${hm(v.window!.end, v.timeZone)} on ${day(v.window!.start, v.timeZone)}.`;
    case "on_the_way":
      return v.expectedArrival ? `${who} is on the way, about ${hm(v.expectedArrival, v.timeZone)}.` : `${who} is on the way.`;
    case "on_site":
      return `${who} is on site.`;
    case "done":
      return "The visit is done. Thank you!";
    case "cancelled":
      return "This visit is cancelled.";
  }
}

const WINDOW_WORDS = { any: "any time", morning: "morning", afternoon: "afternoon" } as const;

function askedFor(r: NonNullable<View["requested"]>): string {
  return `${formatDate(r.date, "EEEE, MMMM d")}, ${WINDOW_WORDS[r.window]}`;
}

/** The customer's live view of one visit, with cancel and "another time". */
export function TrackingView({ token, initial }: { token: string; initial: View }) {
  const [view, setView] = useState(initial);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState("");
  const [requestedDate, setRequestedDate] = useState("");
  const [requestedWindow, setRequestedWindow] = useState<"any" | "morning" | "afternoon">("any");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  // live: the server pushes the view down an event stream; only if the stream fails
  // does the page poll, and it stops polling as soon as the stream is back
  const finished = view.stage === "done" || view.stage === "cancelled";
  useEffect(() => {
    if (finished) return;
    let poll: ReturnType<typeof setInterval> | null = null;
    const take = (next: View) => setView((v) => (v.version === next.version ? v : next));
    const stopPolling = () => {
      if (poll) clearInterval(poll);
      poll = null;
    };
    const startPolling = () => {
      poll ??= setInterval(async () => {
        const res = await fetch(`/api/track/${token}`, { cache: "no-store" }).catch(() => null);
        if (res?.ok) take((await res.json()) as View);
      }, 4000);
    };
    if (typeof EventSource === "undefined") {
      startPolling();
      return stopPolling;
    }
    const source = new EventSource(`/api/track/${token}/events`);
    source.addEventListener("open", stopPolling);
    source.addEventListener("view", (e) => take(JSON.parse((e as MessageEvent<string>).data) as View));
    source.addEventListener("expired", () => source.close());
    source.addEventListener("error", startPolling);
    return () => {
      source.close();
      stopPolling();
    };
  }, [token, finished]);

  function send(body: object) {
    start(async () => {
      const res = await fetch(`/api/track/${token}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const data = (await res.json()) as View & { error?: string; fieldErrors?: Record<string, string[]> };
      if (!res.ok) {
        setError(data.error ?? "That did not work. Please call us.");
        setFieldErrors(data.fieldErrors ?? {});
        return;
      }
      setError(null);
      setFieldErrors({});
      setAsking(false);
      setView(data);
    });
  }

  const reached = STEPS.findIndex((s) => s.stage === view.stage);
  return (
    <div className="space-y-4">
      <header>
        <p className="text-sm text-slate-600">
          {view.companyName} · {view.workOrder}
        </p>
        <h1 className="text-2xl font-semibold text-slate-900">{view.service}</h1>
      </header>
      <p role="status" aria-live="polite" data-testid="tracking-headline" className="rounded-lg border border-slate-200 bg-white p-4 text-lg text-slate-900">
        {headline(view)}
      </p>
      {view.stage !== "cancelled" ? (
        <ol aria-label="Progress" className="flex flex-wrap gap-2 text-sm">
          {STEPS.map((s, i) => (
            <li key={s.stage} aria-current={s.stage === view.stage ? "step" : undefined} className={`rounded-full px-3 py-1 ${i <= reached ? "bg-brand-700 text-white" : "bg-slate-200 text-slate-800"}`}>
              {s.label}
            </li>
          ))}
        </ol>
      ) : null}
      {error ? <Banner kind="error">{error}</Banner> : null}
      {view.customerAction === "reschedule_requested" && !view.answer && view.stage !== "requested" ? (
        <p className="text-slate-700" data-testid="tracking-request">
          We received your request for another time{view.requested ? ` (${askedFor(view.requested)})` : ""}; a dispatcher will get back to you.
        </p>
      ) : null}
      {view.answer?.kind === "moved" ? (
        <p className="text-slate-700" data-testid="tracking-answer">
          Your visit was moved as you asked.
        </p>
      ) : null}
      {view.answer?.kind === "declined" ? (
        <p className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-slate-900" data-testid="tracking-answer">
          We could not move your visit{view.answer.message ? `: ${view.answer.message}` : "."} It stays as booked.
        </p>
      ) : null}
      {view.canChange ? (
        <section aria-labelledby="change-title" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="change-title" className="font-medium">
            Need to change something?
          </h2>
          {asking ? (
            <form
              className="space-y-2"
              onSubmit={(e) => {
                e.preventDefault();
                send({ action: "reschedule", message, requestedDate, requestedWindow });
              }}
            >
              <div className="grid gap-2 sm:grid-cols-2">
                <Field id="t-date" label="Which day would you like?" error={fieldErrors.requestedDate}>
                  <input id="t-date" type="date" required value={requestedDate} onChange={(e) => setRequestedDate(e.target.value)} className={INPUT_CLASS} />
                </Field>
                <Field id="t-window" label="Time of day">
                  <select id="t-window" value={requestedWindow} onChange={(e) => setRequestedWindow(e.target.value as typeof requestedWindow)} className={INPUT_CLASS}>
                    <option value="any">Any time</option>
                    <option value="morning">Morning (8–12)</option>
                    <option value="afternoon">Afternoon (12–5)</option>
                  </select>
                </Field>
              </div>
              <Field id="t-message" label="Anything we should know? Which days or times suit you?" error={fieldErrors.message}>
                <textarea id="t-message" rows={3} maxLength={500} value={message} onChange={(e) => setMessage(e.target.value)} className={INPUT_CLASS} />
              </Field>
              <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-3 py-1.5 text-white">
                Send
              </button>
            </form>
          ) : (
            <div className="flex flex-wrap gap-3">
              <button type="button" disabled={pending} onClick={() => setAsking(true)} className="rounded-md border border-slate-300 px-3 py-1.5 text-slate-900">
                Ask for another time
              </button>
              <button
                type="button"
                disabled={pending}
                onClick={() => window.confirm("Cancel this visit?") && send({ action: "cancel" })}
                className="rounded-md border border-red-300 px-3 py-1.5 text-red-800"
              >
                Cancel the visit
              </button>
            </div>
          )}
        </section>
      ) : null}
    </div>
  );
}
