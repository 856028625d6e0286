"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { approveUrgentAction, rerankUrgentAction } from "@/app/(app)/urgent/actions";
import type { StoredOption, UrgentRequest } from "@/lib/db/urgent-requests";
import { formatHm, formatInZone } from "@/lib/time/format-time";
import { Banner } from "@/components/ui/Field";

const windowText = (w: { start: string; end: string } | null, tz: string) =>
  w ? `${formatInZone(w.start, "EEE", { timeZone: tz })} ${formatHm(new Date(w.start), tz)}–${formatHm(new Date(w.end), tz)}` : "no new time yet";

/** The ranked options, each with every consequence spelled out, and the approval gate. */
export function OptionsList({ request, timeZone, canApprove, previews }: { request: UrgentRequest; timeZone: string; canApprove: boolean; previews: Record<string, React.ReactNode> }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [feedback, setFeedback] = useState<{ kind: "error" | "success" | "info"; text: string } | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState<string | null>(null);
  const open = request.status === "open";
  const { busy: replanning, failure: replanFailure } = useReplan(request, open && canApprove, () => router.refresh());

  const rerank = (allow: boolean) =>
    start(async () => {
      const r = await rerankUrgentAction({ requestId: request.id, allowSlaOverride: allow });
      if (!r.ok) setFeedback({ kind: "error", text: r.error.message });
      else setFeedback(null);
      router.refresh();
    });

  const approve = (o: StoredOption) =>
    start(async () => {
      const r = await approveUrgentAction({ requestId: request.id, optionId: o.id, overrideReason: reasons[o.id] ?? null });
      setConfirming(null);
      if (!r.ok) setFeedback({ kind: "error", text: r.error.fieldErrors?.overrideReason?.[0] ?? r.error.message });
      else setFeedback({ kind: r.data.outcome === "applied" ? "success" : "info", text: r.data.outcome === "applied" ? `Approved. ${r.data.customerNotices} customer and ${r.data.technicianNotices} technician notices queued.` : r.data.summary });
      router.refresh();
    });

  return (
    <div className="space-y-3">
      {feedback ? <Banner kind={feedback.kind}>{feedback.text}</Banner> : null}
      {open ? (
        <div className="flex flex-wrap items-center gap-4 rounded-lg border border-slate-200 bg-white px-3 py-2">
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={request.allowSlaOverride} disabled={pending || !canApprove} onChange={(e) => rerank(e.target.checked)} />
            Allow SLA override (options may bump SLA or contract jobs; each needs a typed reason)
          </label>
          <button type="button" disabled={pending || !canApprove} onClick={() => rerank(request.allowSlaOverride)} className="ml-auto rounded-md border border-slate-300 px-2.5 py-1 hover:bg-slate-100">
            Rank again
          </button>
        </div>
      ) : null}
      {replanning ? (
        <p role="status" data-testid="replan-status" className="text-sm text-slate-700">
          Re-planning the day with the route optimiser (the urgent job forced in, every customer kept in their window)…
        </p>
      ) : replanFailure && request.replan.state === "pending" ? (
        <p role="status" data-testid="replan-status" className="text-sm text-slate-700">
          No “re-plan the day” option: {replanFailure} Press Rank again to try once more.
        </p>
      ) : request.replan.state === "none" && request.replan.note ? (
        <p role="status" data-testid="replan-status" className="text-sm text-slate-700">
          No “re-plan the day” option: {request.replan.note}
        </p>
      ) : null}
      {request.rankingMessage ? <p className={`text-sm ${request.deadlineMet ? "text-slate-700" : "font-medium text-red-700"}`}>{request.rankingMessage}</p> : null}
      <ol className="space-y-3" aria-label="Options">
        {request.options.map((o) => {
          const chosen = request.approvedOption?.id === o.id;
          return (
            <li key={o.id} data-testid="bump-option" className={`rounded-lg border bg-white p-3 ${o.flags.slaOverride ? "border-red-400" : chosen ? "border-emerald-500" : "border-slate-200"}`}>
              <div className="flex flex-wrap items-baseline gap-x-3">
                <span className="text-lg font-semibold tabular-nums">{o.rank}</span>
                {o.kind === "replan" ? <span className="rounded bg-indigo-100 px-1.5 text-xs font-medium text-indigo-900">Re-plan the day</span> : null}
                {o.kind === "on_call" ? (
                  <span className="rounded bg-violet-100 px-1.5 text-xs font-medium text-violet-900" data-testid="on-call-option">
                    On call · after hours
                  </span>
                ) : null}
                <span className="font-medium">{o.technicianName}</span>
                <span>
                  arrives {formatHm(new Date(o.urgentStart), timeZone)}, done {formatHm(new Date(o.urgentEnd), timeZone)}
                </span>
                {o.fitsWithoutBump ? <span className="rounded bg-emerald-100 px-1.5 text-xs text-emerald-900">fits without bumping</span> : null}
                {!o.meetsDeadline ? <span className="rounded bg-red-100 px-1.5 text-xs text-red-800">misses the deadline</span> : null}
                {o.flags.slaOverride ? <span className="rounded bg-red-600 px-1.5 text-xs text-white">SLA / contract bumped</span> : null}
                <span className="ml-auto text-xs text-slate-600">
                  harm {o.harm.score} · {o.addedTravelMin >= 0 ? "+" : ""}
                  {o.addedTravelMin} min travel
                </span>
              </div>
              {o.kind === "on_call" ? <p className="mt-1 text-xs text-slate-700">{o.harm.parts[0]?.why}</p> : null}
              {o.kind === "replan" && o.replan ? (
                <p className="mt-1 text-xs text-slate-700">
                  The route optimiser re-planned {o.replan.technicianIds.length} technicians’ day with {request.workOrder} forced in: {o.replan.summary}.
                </p>
              ) : null}
              {o.bumped.length > 0 ? (
                <table className="mt-2 w-full text-left text-xs">
                  <thead className="text-slate-500">
                    <tr>
                      <th className="py-0.5 pr-2 font-normal">Moves</th>
                      <th className="pr-2 font-normal">Customer</th>
                      <th className="pr-2 font-normal">Old window → new window</th>
                      <th className="font-normal">Where</th>
                    </tr>
                  </thead>
                  <tbody>
                    {o.bumped.map((b) => (
                      <tr key={b.jobId} data-testid="bumped-job">
                        <td className="py-0.5 pr-2 font-medium">
                          {b.workOrder}
                          {b.slaOrContract ? <span className="ml-1 rounded bg-red-600 px-1 text-[10px] text-white">SLA</span> : null}
                        </td>
                        <td className="pr-2">{b.customerName}</td>
                        <td className="pr-2">
                          {windowText(b.oldWindow, timeZone)} → <span className={b.newWindow ? "" : "text-red-700"}>{windowText(b.newWindow, timeZone)}</span>
                        </td>
                        <td>{b.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              <details className="mt-2 text-xs">
                <summary className="cursor-pointer text-slate-600">Harm, travel and the changed day</summary>
                <ul className="mt-1 space-y-0.5">
                  {o.harm.parts.map((p, i) => (
                    <li key={i} className="flex justify-between gap-3">
                      <span>{p.why}</span>
                      <span className="tabular-nums">{p.value}</span>
                    </li>
                  ))}
                  {o.travelByTechnician.map((t) => (
                    <li key={t.technicianId} className="text-slate-600">
                      {t.addedMin >= 0 ? "+" : ""}
                      {t.addedMin} min travel for {t.technicianName}
                    </li>
                  ))}
                </ul>
                <div className="mt-2">{previews[o.id]}</div>
              </details>
              {o.warnings.length > 0 ? (
                <ul className="mt-1 text-xs text-amber-800">
                  {o.warnings.map((w) => (
                    <li key={w}>⚠ {w}</li>
                  ))}
                </ul>
              ) : null}
              {open && canApprove ? (
                <div className="mt-2 flex flex-wrap items-center gap-2">
                  {o.flags.slaOverride ? (
                    <input
                      aria-label={`Override reason for option ${o.rank}`}
                      placeholder="Why may this SLA / contract job be bumped?"
                      value={reasons[o.id] ?? ""}
                      onChange={(e) => setReasons((r) => ({ ...r, [o.id]: e.target.value }))}
                      className="min-w-72 flex-1 rounded-md border border-red-300 px-2 py-1"
                    />
                  ) : null}
                  {confirming === o.id ? (
                    <>
                      <span className="text-xs">This moves the jobs above and messages the customers and technicians.</span>
                      <button type="button" disabled={pending} onClick={() => approve(o)} className="rounded-md bg-red-600 px-3 py-1 font-medium text-white hover:bg-red-700 disabled:opacity-60">
                        Confirm approval
                      </button>
                      <button type="button" onClick={() => setConfirming(null)} className="rounded-md border border-slate-300 px-2 py-1">
                        Cancel
                      </button>
                    </>
                  ) : (
                    <button type="button" disabled={pending} onClick={() => setConfirming(o.id)} className="rounded-md bg-brand-600 px-3 py-1 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
                      Approve option {o.rank}
                    </button>
                  )}
                </div>
              ) : null}
              {chosen ? <div className="mt-2 text-sm font-medium text-emerald-800">Approved option</div> : null}
            </li>
          );
        })}
      </ol>
      {request.options.length === 0 ? <Banner kind="error">No technician can take this job today. {request.rankingMessage}</Banner> : null}
      {request.status === "approved" ? (
        <div className="flex gap-3">
          <Link className="text-brand-700 underline" href="/schedules">
            Open the board
          </Link>
          <Link className="text-brand-700 underline" href="/outbox">
            Outbox
          </Link>
          <a className="text-brand-700 underline" href={`/api/exports/bump-list?request=${request.id}`}>
            Download the bump list (CSV)
          </a>
        </div>
      ) : null}
    </div>
  );
}

/**
 * Asks the server once per ranking for the "re-plan the day" option (the route
 * optimiser takes a few seconds; the ranked options are on screen meanwhile),
 * then reloads the page's data. True while it is being computed.
 */
function useReplan(request: UrgentRequest, enabled: boolean, done: () => void): { busy: boolean; failure: string | null } {
  const asked = useRef<string | null>(null);
  const onDone = useRef(done);
  const [busyFor, setBusyFor] = useState<string | null>(null);
  const [failed, setFailed] = useState<{ key: string; message: string } | null>(null);
  const wanted = enabled && request.replan.state === "pending";
  const key = `${request.id}@${request.rankedAt ?? ""}`;
  useEffect(() => {
    onDone.current = done;
  });
  useEffect(() => {
    if (!wanted || asked.current === key) return;
    asked.current = key;
    setBusyFor(key);
    // the server keeps its answer only for the ranking it was asked about
    fetch(`/api/urgent/${request.id}/replan`, { method: "POST" })
      .then(async (response) => {
        if (response.ok) return;
        const body = (await response.json().catch(() => null)) as { message?: string } | null;
        setFailed({ key, message: body?.message ?? `The server answered ${response.status}.` });
      })
      .catch(() => setFailed({ key, message: "The server could not be reached." }))
      .finally(() => {
        setBusyFor((current) => (current === key ? null : current));
        onDone.current();
      });
  }, [wanted, key, request.id]);
  return { busy: wanted && busyFor === key, failure: failed?.key === key ? failed.message : null };
}
