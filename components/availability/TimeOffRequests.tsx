"use client";

import { useState } from "react";
import Link from "next/link";
import { decideTimeOffAction } from "@/app/(app)/time-off/actions";
import type { TimeOffRequest } from "@/lib/db/availability";
import { formatClock } from "@/lib/time/format-time";
import { formatInZone } from "@/lib/time/format-time";

const toMinute = (iso: string) => Math.floor(Date.parse(iso) / 60000);
const KIND = { time_off: "Time off", unavailable: "Unavailable hours" } as const;
const STATUS_CLASS = { pending: "bg-amber-100 text-amber-900", approved: "bg-emerald-100 text-emerald-900", declined: "bg-slate-200 text-slate-800" } as const;

export function formatSpan(start: string, end: string, timeZone: string): string {
  const day = (iso: string) => formatInZone(iso, "EEE, MMM d", { timeZone });
  const a = `${day(start)} ${formatClock(toMinute(start), timeZone)}`;
  return day(start) === day(end) ? `${a}–${formatClock(toMinute(end), timeZone)}` : `${a} – ${day(end)} ${formatClock(toMinute(end), timeZone)}`;
}

/** Pending requests first, with the visits they clash with and approve / decline. */
export function TimeOffRequests({ initial, timeZone, canDecide }: { initial: TimeOffRequest[]; timeZone: string; canDecide: boolean }) {
  const [requests, setRequests] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const decide = async (id: string, approve: boolean) => {
    setBusy(id);
    const r = await decideTimeOffAction({ requestId: id, approve });
    setBusy(null);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setRequests((list) => list.map((x) => (x.id === id ? r.data : x)));
  };

  if (requests.length === 0) return <p className="rounded-md border border-dashed border-slate-300 p-4 text-slate-600">No requests yet.</p>;
  return (
    <>
      {error ? (
        <p role="alert" className="mb-3 rounded-md bg-red-50 p-2 text-red-800">
          {error}
        </p>
      ) : null}
      <ul className="space-y-3">
        {requests.map((r) => (
          <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="time-off-request" data-technician={r.technicianName} data-status={r.status}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-semibold">{r.technicianName}</span>
              <span className="text-slate-600">
                {KIND[r.kind]}: {formatSpan(r.start, r.end, timeZone)}
              </span>
              <span className={`ml-auto rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_CLASS[r.status]}`}>{r.status}</span>
            </div>
            {r.reason ? <p className="mt-1 text-slate-700">“{r.reason}”</p> : null}
            {r.affected.length > 0 && r.status !== "declined" ? (
              <div className="mt-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900" data-testid="affected-visits">
                {r.affected.length === 1 ? "1 visit is" : `${r.affected.length} visits are`} placed in this time and must move:
                <ul className="mt-1 list-disc pl-5">
                  {r.affected.map((a) => (
                    <li key={a.jobId}>
                      <Link className="underline" href={`/schedules?date=${formatInZone(a.start, "yyyy-MM-dd", { timeZone })}`}>
                        {a.workOrder}
                      </Link>{" "}
                      {a.customerName}, {formatSpan(a.start, a.end, timeZone)}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {canDecide && r.status === "pending" ? (
              <div className="mt-3 flex gap-2">
                <button type="button" disabled={busy === r.id} onClick={() => void decide(r.id, true)} className="rounded-md bg-emerald-700 px-3 py-1.5 font-semibold text-white disabled:opacity-60">
                  Approve
                </button>
                <button type="button" disabled={busy === r.id} onClick={() => void decide(r.id, false)} className="rounded-md border border-slate-300 px-3 py-1.5 text-slate-800 disabled:opacity-60">
                  Decline
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
