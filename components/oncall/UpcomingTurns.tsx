import type { OnCallTurn } from "@/lib/engine/on-call";

const when = (minute: number, timeZone: string) =>
  new Date(minute * 60000).toLocaleString("en-US", { weekday: "short", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });

/** A technician's next on-call turns (for /oncall and the technician's own page). */
export function UpcomingTurns({ turns, timeZone }: { turns: (OnCallTurn & { rotationName: string })[]; timeZone: string }) {
  return (
    <section aria-labelledby="upcoming-turns" className="rounded-lg border border-slate-200 bg-white p-3">
      <h2 id="upcoming-turns" className="text-sm font-semibold">
        Your upcoming on-call turns
      </h2>
      {turns.length === 0 ? (
        <p className="text-sm text-slate-600">No on-call turns in the next four weeks.</p>
      ) : (
        <ul className="mt-1 space-y-0.5 text-sm" data-testid="upcoming-turns">
          {turns.map((t) => (
            <li key={`${t.rotationId}-${t.index}`}>
              {t.rotationName}: {when(t.start, timeZone)} – {when(t.end, timeZone)}
              {t.swappedFrom ? " (swapped to you)" : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
