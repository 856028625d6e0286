"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { fillGapAction } from "@/app/(app)/insights/gaps/actions";
import { placeJobAction } from "@/app/(app)/schedules/actions";
import { Banner } from "@/components/ui/Field";
import type { GapFillView, GapsView as Data, GapView } from "@/lib/db/gaps";

const PRIORITY = { 1: "Emergency", 2: "High", 3: "Normal", 4: "Low" } as const;

/** Idle windows with "fill from queue", overloaded days with what could move, and the week's balance. */
export function GapsView({ data, canAssign }: { data: Data; canAssign: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [open, setOpen] = useState<string | null>(null);
  const [fills, setFills] = useState<Record<string, GapFillView[]>>({});
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const tz = data.timeZone;
  const clock = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: tz });
  const day = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString("en-US", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });
  const keyOf = (g: GapView) => `${g.technicianId}|${g.start}`;
  const pct = (u: number) => (Number.isFinite(u) ? `${Math.round(u * 100)}%` : "no shift");

  function fill(g: GapView) {
    const key = keyOf(g);
    setOpen(open === key ? null : key);
    if (fills[key]) return;
    start(async () => {
      const r = await fillGapAction({ technicianId: g.technicianId, date: g.date, start: g.start, end: g.end });
      if (r.ok) setFills((f) => ({ ...f, [key]: r.data }));
      else setMessage({ kind: "error", text: r.error.message });
    });
  }

  function assign(g: GapView, f: GapFillView) {
    start(async () => {
      const r = await placeJobAction({
        jobId: f.jobId,
        jobVersion: f.jobVersion,
        assignmentVersion: null,
        leaderId: g.technicianId,
        helperIds: [],
        start: f.start,
        end: f.end,
        notifyCustomer: false,
      });
      if (r.ok) {
        setMessage({ kind: "success", text: r.data.summary });
        setFills({});
        setOpen(null);
        router.refresh();
      } else setMessage({ kind: "error", text: r.error.message });
    });
  }

  return (
    <div className="space-y-4">
      {message ? <Banner kind={message.kind}>{message.text}</Banner> : null}
      <section aria-labelledby="balance" className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <h2 id="balance" className="font-semibold">
          Balance this week
        </h2>
        {data.balance ? (
          <p data-testid="balance">
            Utilisation ranges from {pct(data.balance.min)} to {pct(data.balance.max)} (average {pct(data.balance.mean)}, spread{" "}
            {Math.round(data.balance.spread * 100)} points):{" "}
            <strong>{data.balance.unbalanced ? "unbalanced — move work from the busiest to the idlest" : "balanced"}</strong>.
          </p>
        ) : (
          <p>No shift hours this week.</p>
        )}
      </section>

      <section aria-labelledby="overloads" className="space-y-1">
        <h2 id="overloads" className="text-sm font-semibold">
          Overloaded days (over {Math.round(data.capacityThreshold * 100)}% or over 100%)
        </h2>
        {data.overloads.length === 0 ? <p className="text-sm text-slate-600">No overloaded days this week.</p> : null}
        <ul className="space-y-1 text-sm">
          {data.overloads.map((o) => (
            <li key={`${o.technicianId}|${o.date}`} className="rounded-lg border border-slate-200 bg-white p-2" data-testid="overload">
              <span className="font-medium">{o.technicianName}</span>, {day(o.date)}: {pct(o.utilisation)} ({Math.round(o.bookedMinutes / 6) / 10} of{" "}
              {Math.round(o.availableMinutes / 6) / 10} h)
              {o.movable.length > 0 ? (
                <span className="block text-slate-700">
                  Could move: {o.movable.map((m) => `${m.workOrder} (${PRIORITY[m.priority]}, ${clock(m.start)}–${clock(m.end)}, ${m.customerName})`).join("; ")}
                </span>
              ) : (
                <span className="block text-slate-600">Nothing still to come can move (pinned, SLA or under way).</span>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="gaps" className="space-y-1">
        <h2 id="gaps" className="text-sm font-semibold">
          Idle windows of 30 minutes or more, from now to Sunday
        </h2>
        {data.gaps.length === 0 ? <p className="text-sm text-slate-600">No idle windows.</p> : null}
        <ul className="space-y-1 text-sm">
          {data.gaps.map((g) => {
            const key = keyOf(g);
            const list = fills[key];
            return (
              <li key={key} className="rounded-lg border border-slate-200 bg-white p-2" data-testid="gap">
                <div className="flex flex-wrap items-center gap-2">
                  <span>
                    <span className="font-medium">{g.technicianName}</span>, {day(g.date)} {clock(g.start)}–{clock(g.end)} ({g.minutes} min free)
                  </span>
                  {canAssign ? (
                    <button type="button" className="text-brand-700 underline" onClick={() => fill(g)} aria-expanded={open === key}>
                      Fill from queue<span className="sr-only">: {g.technicianName} {day(g.date)} {clock(g.start)}</span>
                    </button>
                  ) : null}
                </div>
                {open === key ? (
                  !list ? (
                    <p className="text-slate-600">Scoring the queue…</p>
                  ) : list.length === 0 ? (
                    <p className="text-slate-600">No queued job fits this window.</p>
                  ) : (
                    <ol className="mt-1 space-y-1" aria-label={`Best queued jobs for ${g.technicianName} at ${clock(g.start)}`}>
                      {list.map((f) => (
                        <li key={f.jobId} className="flex flex-wrap items-baseline gap-2" data-testid="gap-fill">
                          <span className="font-medium">{f.workOrder}</span>
                          <span>
                            {f.customerName}, {PRIORITY[f.priority]}, {clock(f.start)}–{clock(f.end)}, score {f.score}:
                          </span>
                          <span className="text-slate-700">{f.reasons.map((r) => r.why).join("; ")}</span>
                          <button type="button" disabled={pending} onClick={() => assign(g, f)} className="rounded-md bg-brand-600 px-2 py-0.5 text-white disabled:opacity-50">
                            Assign<span className="sr-only"> {f.workOrder} to {g.technicianName}</span>
                          </button>
                        </li>
                      ))}
                    </ol>
                  )
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
