import Link from "next/link";
import { InsightsCharts } from "@/components/insights/InsightsCharts";
import { INPUT_CLASS } from "@/components/ui/Field";
import type { Insights } from "@/lib/db/insights";
import type { ResolvedPeriod } from "@/lib/schemas/insights";

const pct = (v: number | null) => (v === null ? "–" : `${Math.round(v * 100)}%`);
const one = (v: number | null, unit = "") => (v === null ? "–" : `${Math.round(v * 10) / 10}${unit}`);

function Tile({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums">{value}</dd>
      <dd className="text-xs text-slate-600">{detail}</dd>
    </div>
  );
}

/** The period picker, the headline numbers and the charts of /insights. */
export function InsightsDashboard({
  insights,
  period,
  technicians,
}: {
  insights: Insights;
  period: ResolvedPeriod;
  technicians: { id: string; name: string }[];
}) {
  const s = insights.summary;
  const placed = s.placement.automatic + s.placement.manual + s.placement.review;
  const share = (n: number) => (placed > 0 ? `${Math.round((n / placed) * 100)}%` : "–");
  return (
    <div className="space-y-3">
      <form method="get" action="/insights" aria-label="Period and technician" className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <div>
          <label htmlFor="period" className="block text-xs font-medium text-slate-700">
            Period
          </label>
          <select id="period" name="period" defaultValue={period.kind} className={INPUT_CLASS}>
            <option value="today">Today</option>
            <option value="week">This week</option>
            <option value="4weeks">Last 4 weeks</option>
            <option value="custom">Custom (first and last day)</option>
          </select>
        </div>
        <div>
          <label htmlFor="from" className="block text-xs font-medium text-slate-700">
            First day
          </label>
          <input id="from" name="from" type="date" defaultValue={insights.from} className={INPUT_CLASS} />
        </div>
        <div>
          <label htmlFor="to" className="block text-xs font-medium text-slate-700">
            Last day
          </label>
          <input id="to" name="to" type="date" defaultValue={insights.to} className={INPUT_CLASS} />
        </div>
        <div>
          <label htmlFor="technician" className="block text-xs font-medium text-slate-700">
            Technician
          </label>
          <select id="technician" name="technician" defaultValue={insights.technicianId ?? ""} className={INPUT_CLASS}>
            <option value="">Whole team</option>
            {technicians.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
          Show
        </button>
        <Link href="/insights/gaps" className="ml-auto text-brand-700 underline">
          Schedule gaps and balance
        </Link>
      </form>
      {period.problem ? (
        <p role="alert" className="text-sm text-red-700">
          {period.problem} Showing the last 4 weeks.
        </p>
      ) : null}
      <p className="text-xs text-slate-600" data-testid="time-basis">
        {period.label}: {insights.from} to {insights.to}, days in {insights.timeZone}.{" "}
        {insights.timeBasis === "planned"
          ? "Arrival and finish are the planned visit times on the board."
          : `Arrival and finish are the times technicians reported for ${insights.reportedVisits} of ${s.visits} crew visits, and the planned visit times for the rest.`}
      </p>
      <dl className="grid grid-cols-2 gap-2 md:grid-cols-4 xl:grid-cols-8" aria-label="Key figures">
        <Tile label="Utilisation" value={pct(s.utilisation)} detail={`${Math.round(s.bookedMinutes / 60)} of ${Math.round(s.shiftMinutes / 60)} shift hours booked`} />
        <Tile label="Jobs per technician per day" value={one(s.jobsPerTechnicianDay)} detail={`${s.visits} crew visits, ${s.technicianDays} technician-days`} />
        <Tile label="Travel between jobs" value={one(s.avgTravelMinutes, " min")} detail={`average of ${s.travelLegs} drives (estimate)`} />
        <Tile label="Completion rate" value={pct(s.completionRate)} detail={`${s.completed} of ${s.due} due visits done`} />
        <Tile label="Return visits" value={pct(s.returnVisitRate)} detail={`${s.returnVisits} within 30 days of a completed visit`} />
        <Tile label="SLA adherence" value={pct(s.slaRate)} detail={`${s.slaMet} of ${s.slaDue} deadlines met`} />
        <Tile label="On-time arrival" value={pct(s.onTimeRate)} detail={`${s.onTime} of ${s.windowed} inside the window`} />
        <Tile
          label="Placed automatically"
          value={share(s.placement.automatic)}
          detail={`by hand ${share(s.placement.manual)}, via review ${share(s.placement.review)}`}
        />
      </dl>
      {s.visits === 0 && s.shiftMinutes === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white p-3 text-sm text-slate-700">No shifts or visits in this period.</p>
      ) : null}
      <InsightsCharts insights={insights} />
    </div>
  );
}
