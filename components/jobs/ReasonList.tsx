import type { CandidateView } from "@/lib/db/dispatch";

/** A candidate's score breakdown, one reason a line. */
export function ReasonList({ candidate }: { candidate: CandidateView }) {
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-slate-600" data-testid="reasons">
      {candidate.reasons.map((r, i) => (
        <li key={`${r.factor}-${i}`} className="flex justify-between gap-3">
          <span>{r.why}</span>
          {r.value !== 0 ? (
            <span className={`tabular-nums ${r.value < 0 ? "text-red-700" : "text-emerald-700"}`}>
              {r.value > 0 ? "+" : ""}
              {Math.round(r.value * 10) / 10}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
