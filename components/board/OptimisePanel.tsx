"use client";

import { useState, type ReactNode } from "react";
import type { BoardTechnician } from "@/lib/db/board";
import type { DayProposal } from "@/lib/optimise/day-proposal";
import type { OptimiseRequest, OptimiseState } from "@/components/board/use-optimise-day";
import { RouteMap } from "@/components/route/RouteMap";
import { formatClock } from "@/lib/time/format-time";

export interface OptimisePanelProps {
  date: string;
  technicians: BoardTechnician[];
  timeZone: string;
  state: OptimiseState;
  onRun: (request: OptimiseRequest) => void;
  onApprove: (proposal: DayProposal, request: OptimiseRequest) => void;
  onCancel: () => void;
  onBack: () => void;
  onClose: () => void;
}

const BUTTON = "inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-[13px] text-slate-700 hover:bg-slate-100 disabled:opacity-50";
const PRIMARY = "inline-flex h-8 items-center rounded-md bg-brand-600 px-3 text-[13px] font-medium text-white hover:bg-brand-700 disabled:opacity-50";
const LIMITS = [2, 5, 10, 30] as const;

const min = (n: number) => `${Math.round(n)} min`;
const delta = (before: number, after: number) => {
  const d = Math.round(after - before);
  return d === 0 ? "±0 min" : `${d < 0 ? "−" : "+"}${Math.abs(d)} min`;
};

/**
 * "Optimise day": choose whose days and what may move, watch the optimiser
 * think, then read the preview (travel before and after, what moves, what comes
 * from the queue, what stays out and why) and approve or discard it.
 */
export function OptimisePanel(props: OptimisePanelProps) {
  const { state, onClose } = props;
  return (
    <section aria-label="Optimise day" className="flex h-full flex-col bg-white" data-testid="optimise-panel">
      <header className="flex items-center gap-2 border-b border-slate-200 px-4 py-2">
        <h2 className="flex-1 text-[15px] font-semibold">Optimise day</h2>
        <button type="button" onClick={onClose} className="text-lg leading-5 text-slate-500 hover:text-slate-900" aria-label="Close optimise day">
          ×
        </button>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-3 text-[13px]">
        {state.phase === "setup" ? <Setup {...props} /> : null}
        {state.phase === "running" ? <Running state={state} onCancel={props.onCancel} /> : null}
        {state.phase === "preview" || state.phase === "applying" ? <Preview {...props} proposal={state.proposal} request={state.request} applying={state.phase === "applying"} /> : null}
        {state.phase === "refused" || state.phase === "failed" ? (
          <div className="space-y-3" role="alert" data-testid="optimise-refused">
            <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950">{state.message}</p>
            <div className="flex gap-2">
              <button type="button" className={PRIMARY} onClick={() => props.onRun(state.request)}>
                Optimise again
              </button>
              <button type="button" className={BUTTON} onClick={props.onBack}>
                Change choices
              </button>
            </div>
          </div>
        ) : null}
      </div>
    </section>
  );
}

function Setup({ date, technicians, onRun }: OptimisePanelProps) {
  const working = technicians.filter((t) => t.shift !== null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(working.map((t) => t.id)));
  const [movePublished, setMovePublished] = useState(false);
  const [seconds, setSeconds] = useState<number>(5);
  const all = chosen.size === working.length;
  const toggle = (id: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen.size === 0) return;
        onRun({ date, technicianIds: all ? undefined : [...chosen], movePublished, timeLimitSeconds: seconds });
      }}
    >
      <p className="text-slate-600">
        Re-plans the chosen technicians&apos; day for the least driving, and fits in what it can from the queue. Nothing changes until you approve the preview.
      </p>
      <fieldset>
        <legend className="mb-1 font-medium">
          Technicians <span className="font-normal text-slate-500">({chosen.size} of {working.length} working that day)</span>
        </legend>
        <div className="mb-1 flex gap-3 text-xs">
          <button type="button" className="text-brand-700 underline" onClick={() => setChosen(new Set(working.map((t) => t.id)))}>
            All
          </button>
          <button type="button" className="text-brand-700 underline" onClick={() => setChosen(new Set())}>
            None
          </button>
        </div>
        <ul className="max-h-48 space-y-0.5 overflow-y-auto rounded-md border border-slate-200 px-2 py-1">
          {working.map((t) => (
            <li key={t.id}>
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={chosen.has(t.id)} onChange={() => toggle(t.id)} />
                {t.name}
              </label>
            </li>
          ))}
          {working.length === 0 ? <li className="text-slate-500">Nobody works that day.</li> : null}
        </ul>
        {chosen.size === 0 && working.length > 0 ? <p className="mt-1 text-xs text-red-700">Choose at least one technician.</p> : null}
      </fieldset>
      <fieldset className="space-y-1">
        <legend className="mb-1 font-medium">What may move</legend>
        <label className="flex items-start gap-2">
          <input type="radio" name="move" checked={!movePublished} onChange={() => setMovePublished(false)} className="mt-0.5" />
          <span>Unpublished jobs only</span>
        </label>
        <label className="flex items-start gap-2">
          <input type="radio" name="move" checked={movePublished} onChange={() => setMovePublished(true)} className="mt-0.5" />
          <span>Also published jobs — their customers are told of the new window</span>
        </label>
        <p className="text-xs text-slate-500">Jobs in progress, done, pinned or worked by a crew never move.</p>
      </fieldset>
      <label className="flex items-center gap-2">
        <span className="font-medium">Think for</span>
        <select value={seconds} onChange={(e) => setSeconds(Number(e.target.value))} className="h-7 rounded-md border border-slate-300 bg-white px-1">
          {LIMITS.map((s) => (
            <option key={s} value={s}>
              {s} seconds
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={PRIMARY} disabled={chosen.size === 0}>
        Optimise
      </button>
    </form>
  );
}

function Running({ state, onCancel }: { state: Extract<OptimiseState, { phase: "running" }>; onCancel: () => void }) {
  const share = Math.min(1, state.elapsedMs / Math.max(1, state.limitMs));
  return (
    <div className="space-y-3" data-testid="optimise-running">
      <p>Optimising… {state.iteration > 0 ? `${state.iteration.toLocaleString("en-US")} plans tried` : "reading the day"}</p>
      <div role="progressbar" aria-label="Optimising" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)} className="h-2 overflow-hidden rounded bg-slate-100">
        <div className="h-full bg-brand-500 transition-[width]" style={{ width: `${share * 100}%` }} />
      </div>
      <button type="button" className={BUTTON} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

function Preview({
  proposal,
  request,
  applying,
  timeZone,
  onApprove,
  onBack,
}: OptimisePanelProps & { proposal: DayProposal; request: OptimiseRequest; applying: boolean }) {
  const { plan } = proposal;
  const window = (w: { start: number; end: number }) => `${formatClock(w.start, timeZone)}–${formatClock(w.end, timeZone)}`;
  const nothing = proposal.placements.length === 0;
  return (
    <div className="space-y-4" data-testid="optimise-preview">
      <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2">
        <p className="font-medium" data-testid="optimise-summary">
          {plan.summary}
        </p>
        <p className="text-xs text-slate-500">
          {proposal.iterations.toLocaleString("en-US")} plans tried in {(proposal.elapsedMs / 1000).toFixed(1)} s
          {proposal.travelNote ? ` · ${proposal.travelNote}` : ""}
        </p>
      </div>
      <BeforeAfterMap proposal={proposal} />
      <table className="w-full text-left text-xs" data-testid="optimise-travel">
        <caption className="mb-1 text-left text-[13px] font-medium">Driving per technician</caption>
        <thead className="text-slate-500">
          <tr>
            <th className="py-0.5 font-normal">Technician</th>
            <th className="py-0.5 text-right font-normal">Before</th>
            <th className="py-0.5 text-right font-normal">After</th>
            <th className="py-0.5 text-right font-normal">Change</th>
          </tr>
        </thead>
        <tbody>
          {plan.routes.map((r) => (
            <tr key={r.technicianId} className="border-t border-slate-100">
              <td className="py-0.5">{r.technicianName}</td>
              <td className="py-0.5 text-right tabular-nums">{min(r.travelBefore)}</td>
              <td className="py-0.5 text-right tabular-nums">{min(r.travelAfter)}</td>
              <td className="py-0.5 text-right tabular-nums">{delta(r.travelBefore, r.travelAfter)}</td>
            </tr>
          ))}
          <tr className="border-t border-slate-300 font-medium">
            <td className="py-0.5">Total</td>
            <td className="py-0.5 text-right tabular-nums">{min(plan.travelBefore)}</td>
            <td className="py-0.5 text-right tabular-nums">{min(plan.travelAfter)}</td>
            <td className="py-0.5 text-right tabular-nums">{delta(plan.travelBefore, plan.travelAfter)}</td>
          </tr>
        </tbody>
      </table>
      <Section title={`Jobs that move (${plan.moved.length})`} testId="optimise-moved">
        {plan.moved.map((m) => (
          <li key={m.jobId}>
            <span className="font-medium">{m.workOrder}</span>: {m.from ? `${m.from.technicianName} ${window(m.from)}` : "queue"} → {m.to.technicianName} {window(m.to)}
            <p className="text-xs text-slate-500">{m.why}</p>
          </li>
        ))}
      </Section>
      <Section title={`Placed from the queue (${plan.placed.length})`} testId="optimise-placed">
        {plan.placed.map((m) => (
          <li key={m.jobId}>
            <span className="font-medium">{m.workOrder}</span> → {m.to.technicianName} {window(m.to)}
            <p className="text-xs text-slate-500">{m.why}</p>
          </li>
        ))}
      </Section>
      {plan.leftOut.length > 0 ? (
        <Section title={`Could not be placed (${plan.leftOut.length})`} testId="optimise-left-out">
          {plan.leftOut.map((l) => (
            <li key={l.jobId}>
              <span className="font-medium">{l.workOrder}</span>
              {l.wasBooked ? " (stays where it is)" : ""}: {l.why}
            </li>
          ))}
        </Section>
      ) : null}
      {plan.fixed.length > 0 || plan.skipped.length > 0 ? (
        <details className="text-xs text-slate-600">
          <summary className="cursor-pointer">Kept as they are ({plan.fixed.length + plan.skipped.length})</summary>
          <ul className="mt-1 list-disc space-y-0.5 pl-4">
            {plan.fixed.map((f) => (
              <li key={f.jobId}>{f.reason}</li>
            ))}
            {plan.skipped.map((s) => (
              <li key={s.technicianId}>{s.reason}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {proposal.movePublished && proposal.placements.some((p) => p.assignmentVersion !== null) ? (
        <p className="text-xs text-slate-600">Customers of published visits that move are told of their new window.</p>
      ) : null}
      <div className="sticky -bottom-3 flex gap-2 border-t border-slate-200 bg-white pt-2 pb-3">
        <button type="button" className={PRIMARY} disabled={applying || nothing} onClick={() => onApprove(proposal, request)}>
          {applying ? "Applying…" : nothing ? "Nothing to change" : "Approve and apply"}
        </button>
        <button type="button" className={BUTTON} disabled={applying} onClick={onBack}>
          Discard
        </button>
      </div>
    </div>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  const empty = Array.isArray(children) && children.length === 0;
  return (
    <div data-testid={testId}>
      <h3 className="mb-1 font-medium">{title}</h3>
      {empty ? <p className="text-xs text-slate-500">None.</p> : <ul className="space-y-1.5">{children}</ul>}
    </div>
  );
}

/** The routes as planned, with the day as it stands dashed beneath (or the other way round). */
function BeforeAfterMap({ proposal }: { proposal: DayProposal }) {
  const [showing, setShowing] = useState<"after" | "before">("after");
  const routes = showing === "after" ? proposal.after : proposal.before;
  const other = showing === "after" ? proposal.before : proposal.after;
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2 text-xs" role="group" aria-label="Map shows">
        {(["after", "before"] as const).map((which) => (
          <button
            key={which}
            type="button"
            aria-pressed={showing === which}
            onClick={() => setShowing(which)}
            className={`rounded border px-2 py-0.5 ${showing === which ? "border-brand-600 bg-brand-50 text-brand-700" : "border-slate-300 text-slate-600"}`}
          >
            {which === "after" ? "As optimised" : "As it stands"}
          </button>
        ))}
        <span className="text-slate-500">the other dashed beneath</span>
      </div>
      <RouteMap routes={routes} compareWith={other} label={showing === "after" ? "routes as optimised" : "routes as they stand"} className="h-60" />
    </div>
  );
}
