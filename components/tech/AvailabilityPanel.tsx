"use client";

import { useEffect, useState } from "react";
import { myTimeOffRequestsAction, requestTimeOffAction } from "@/app/tech/actions";
import { formatSpan } from "@/components/availability/TimeOffRequests";
import type { TimeOffRequest } from "@/lib/db/availability";
import { zonedToUtc } from "@/lib/time/zoned-time";

const STATUS_TEXT = { pending: "Waiting for approval", approved: "Approved", declined: "Declined" } as const;

/** "Request time off" / "Mark hours unavailable" from the phone, and the answers. */
export function AvailabilityPanel({ timeZone, today }: { timeZone: string; today: string }) {
  const [requests, setRequests] = useState<TimeOffRequest[] | null>(null);
  const [kind, setKind] = useState<"time_off" | "unavailable">("unavailable");
  const [date, setDate] = useState(today);
  const [from, setFrom] = useState("12:00");
  const [to, setTo] = useState("14:00");
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    myTimeOffRequestsAction({})
      .then((r) => {
        if (live && r.ok) setRequests(r.data);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);

  const submit = async () => {
    const start = zonedToUtc(date, kind === "time_off" ? "00:00" : from, timeZone).toISOString();
    const end = kind === "time_off" ? zonedToUtc(date, "23:59", timeZone).toISOString() : zonedToUtc(date, to, timeZone).toISOString();
    try {
      const r = await requestTimeOffAction({ kind, start, end, reason: reason.trim() || null });
      if (!r.ok) return setMessage({ tone: "error", text: Object.values(r.error.fieldErrors ?? {})[0]?.[0] ?? r.error.message });
      setMessage({ tone: "ok", text: r.data.status === "approved" ? "Saved: it is on the board now." : "Sent: your dispatcher will approve it." });
      setRequests((list) => [r.data, ...(list ?? [])]);
      setReason("");
    } catch {
      setMessage({ tone: "error", text: "No connection: try again when you are back online." });
    }
  };

  return (
    <section aria-labelledby="availability-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="availability-heading" className="mb-2 text-base font-semibold text-slate-900">
        Availability
      </h2>
      <form className="space-y-2" onSubmit={(e) => (e.preventDefault(), void submit())}>
        <fieldset className="flex gap-4">
          <legend className="sr-only">What</legend>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="kind" checked={kind === "unavailable"} onChange={() => setKind("unavailable")} /> Unavailable hours
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="kind" checked={kind === "time_off"} onChange={() => setKind("time_off")} /> Whole day off
          </label>
        </fieldset>
        <label className="block text-sm font-medium text-slate-700" htmlFor="availability-date">
          Date
        </label>
        <input id="availability-date" type="date" value={date} min={today} onChange={(e) => setDate(e.target.value)} className="block min-h-11 w-full rounded-md border border-slate-300 px-2" required />
        {kind === "unavailable" ? (
          <div className="flex gap-2">
            <div className="flex-1">
              <label className="block text-sm font-medium text-slate-700" htmlFor="availability-from">
                From
              </label>
              <input id="availability-from" type="time" value={from} onChange={(e) => setFrom(e.target.value)} className="block min-h-11 w-full rounded-md border border-slate-300 px-2" required />
            </div>
            <div className="flex-1">
              <label className="block text-sm font-medium text-slate-700" htmlFor="availability-to">
                To
              </label>
              <input id="availability-to" type="time" value={to} onChange={(e) => setTo(e.target.value)} className="block min-h-11 w-full rounded-md border border-slate-300 px-2" required />
            </div>
          </div>
        ) : null}
        <label className="block text-sm font-medium text-slate-700" htmlFor="availability-reason">
          Reason (optional)
        </label>
        <input id="availability-reason" value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} className="block min-h-11 w-full rounded-md border border-slate-300 px-2" />
        <button type="submit" className="min-h-12 w-full rounded-md bg-brand-700 font-semibold text-white">
          {kind === "time_off" ? "Request time off" : "Mark unavailable"}
        </button>
      </form>
      {message ? (
        <p role={message.tone === "error" ? "alert" : "status"} className={`mt-2 rounded-md px-2 py-1 text-sm ${message.tone === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-900"}`} data-testid="availability-message">
          {message.text}
        </p>
      ) : null}
      {requests && requests.length > 0 ? (
        <ul className="mt-3 divide-y divide-slate-100 text-sm">
          {requests.map((r) => (
            <li key={r.id} className="flex justify-between gap-2 py-2" data-testid="my-time-off" data-status={r.status}>
              <span>{formatSpan(r.start, r.end, timeZone)}</span>
              <span className="text-slate-600">{STATUS_TEXT[r.status]}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
