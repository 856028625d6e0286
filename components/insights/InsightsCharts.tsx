"use client";

/**
 * The insights charts, drawn with Recharts (React components over D3 scales,
 * SVG output, maintained and widely used): a daily trend, per-technician bars,
 * response time by priority, how jobs were placed, and a technician × day
 * utilisation grid. Each comes with its table and CSV.
 */
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartCard } from "@/components/insights/ChartCard";
import type { Insights } from "@/lib/db/insights";

const PRIORITY = { 1: "Emergency", 2: "High", 3: "Normal", 4: "Low" } as const;
const pct = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 10);
const hours = (minutes: number) => Math.round(minutes / 6) / 10;
const shortDay = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const BLUE = "#1d4ed8";
const TEAL = "#0f766e";
const AMBER = "#b45309";

/** Background of a utilisation cell: light to dark blue, red over 100%. */
function heat(u: number | null): { background: string; color: string } {
  if (u === null) return { background: "#f8fafc", color: "#334155" };
  if (u > 1) return { background: "#b91c1c", color: "#ffffff" };
  const steps = ["#eff6ff", "#dbeafe", "#bfdbfe", "#93c5fd", "#2563eb", "#1d4ed8"];
  const i = Math.min(steps.length - 1, Math.floor(u * steps.length));
  return { background: steps[i], color: i >= 4 ? "#ffffff" : "#0f172a" };
}

export function InsightsCharts({ insights }: { insights: Insights }) {
  const range = `${insights.from}-to-${insights.to}`;
  const trend = insights.trend.map((d) => ({ ...d, label: shortDay(d.day), utilisationPct: pct(d.utilisation) }));
  const busiest = [...insights.technicians].sort((a, b) => (b.utilisation ?? -1) - (a.utilisation ?? -1)).slice(0, 20);
  const placement = [
    { how: "Automatically", jobs: insights.summary.placement.automatic },
    { how: "By hand", jobs: insights.summary.placement.manual },
    { how: "Via review", jobs: insights.summary.placement.review },
  ];
  const response = insights.responseByPriority.map((r) => ({ ...r, label: PRIORITY[r.priority] }));
  const grid = insights.heatmap;
  const cellOf = new Map(grid.cells.map((c) => [`${c.technicianId}|${c.day}`, c]));

  return (
    <div className="grid gap-3 xl:grid-cols-2">
      <ChartCard
        id="trend"
        title="Daily trend"
        description="Visits per day (bars) and utilisation in % (line)."
        fileName={`insights-trend-${range}.csv`}
        table={{
          header: ["day", "visits", "completed", "booked_hours", "shift_hours", "utilisation_pct", "avg_travel_min"],
          rows: insights.trend.map((d) => [d.day, d.visits, d.completed, hours(d.bookedMinutes), hours(d.shiftMinutes), pct(d.utilisation), d.avgTravelMinutes]),
        }}
      >
        <div role="img" aria-label={`Daily trend chart: ${trend.length} days of visits and utilisation`} className="h-60">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={trend} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e2e8f0" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#334155" }} />
              <YAxis yAxisId="visits" tick={{ fontSize: 11, fill: "#334155" }} allowDecimals={false} />
              <YAxis yAxisId="pct" orientation="right" unit="%" tick={{ fontSize: 11, fill: "#334155" }} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar yAxisId="visits" dataKey="visits" name="Visits" fill="#93c5fd" isAnimationActive={false} />
              <Line yAxisId="pct" dataKey="utilisationPct" name="Utilisation %" stroke={BLUE} strokeWidth={2} dot={false} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      </ChartCard>

      <ChartCard
        id="technicians"
        title="Per technician"
        description={`Utilisation of the ${busiest.length} busiest technicians; the table and CSV have all ${insights.technicians.length}.`}
        fileName={`insights-technicians-${range}.csv`}
        table={{
          header: ["technician", "visits", "working_days", "jobs_per_day", "booked_hours", "shift_hours", "utilisation_pct", "avg_travel_min"],
          rows: insights.technicians.map((t) => [
            t.name, t.visits, t.workingDays, t.jobsPerDay === null ? null : Math.round(t.jobsPerDay * 10) / 10,
            hours(t.bookedMinutes), hours(t.shiftMinutes), pct(t.utilisation), t.avgTravelMinutes,
          ]),
        }}
      >
        <div role="img" aria-label={`Per-technician utilisation chart of ${busiest.length} technicians`} style={{ height: Math.max(160, busiest.length * 22 + 40) }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart layout="vertical" data={busiest.map((t) => ({ name: t.name, utilisationPct: pct(t.utilisation) }))} margin={{ left: 16, right: 8 }}>
              <CartesianGrid stroke="#e2e8f0" horizontal={false} />
              <XAxis type="number" unit="%" tick={{ fontSize: 11, fill: "#334155" }} />
              <YAxis type="category" dataKey="name" width={120} tick={{ fontSize: 11, fill: "#334155" }} />
              <Tooltip />
              <Bar dataKey="utilisationPct" name="Utilisation %" fill={TEAL} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </ChartCard>

      <ChartCard
        id="response"
        title="Response time by priority"
        description="Minutes from the request to arrival: average and 90th percentile."
        fileName={`insights-response-${range}.csv`}
        table={{ header: ["priority", "jobs", "avg_minutes", "p90_minutes"], rows: response.map((r) => [r.label, r.jobs, r.avgMinutes, r.p90Minutes]) }}
      >
        <div role="img" aria-label="Response time by priority chart" className="h-52">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={response}>
              <CartesianGrid stroke="#e2e8f0" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#334155" }} />
              <YAxis unit=" min" tick={{ fontSize: 11, fill: "#334155" }} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="avgMinutes" name="Average" fill={BLUE} isAnimationActive={false} />
              <Bar dataKey="p90Minutes" name="90th percentile" fill={AMBER} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </ChartCard>

      <ChartCard
        id="placement"
        title="How jobs were placed"
        description="Jobs by how they first got a technician."
        fileName={`insights-placement-${range}.csv`}
        table={{ header: ["placed", "jobs"], rows: placement.map((p) => [p.how, p.jobs]) }}
      >
        <div role="img" aria-label="How jobs were placed chart" className="h-52">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={placement}>
              <CartesianGrid stroke="#e2e8f0" vertical={false} />
              <XAxis dataKey="how" tick={{ fontSize: 11, fill: "#334155" }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#334155" }} />
              <Tooltip />
              <Bar dataKey="jobs" name="Jobs" fill={TEAL} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </ChartCard>

      <div className="xl:col-span-2">
        <ChartCard
          id="heatmap"
          title="Utilisation heatmap"
          description={`Booked ÷ shift hours per technician and day${grid.technicians.length < insights.technicians.length ? `, the ${grid.technicians.length} busiest technicians` : ""}; red is over 100%.`}
          fileName={`insights-heatmap-${range}.csv`}
          table={{
            header: ["technician", "day", "booked_hours", "shift_hours", "utilisation_pct"],
            rows: grid.cells.map((c) => [grid.technicians.find((t) => t.id === c.technicianId)?.name ?? c.technicianId, c.day, hours(c.bookedMinutes), hours(c.shiftMinutes), pct(c.utilisation)]),
          }}
        >
          <div className="overflow-x-auto">
            <table className="border-separate border-spacing-0.5 text-[10px]" aria-label="Utilisation by technician and day">
              <thead>
                <tr>
                  <th scope="col" className="text-left font-medium">
                    Technician
                  </th>
                  {grid.days.map((d) => (
                    <th key={d} scope="col" className="px-0.5 font-normal text-slate-700">
                      {d.slice(8)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {grid.technicians.map((t) => (
                  <tr key={t.id}>
                    <th scope="row" className="whitespace-nowrap pr-2 text-left font-normal">
                      {t.name}
                    </th>
                    {grid.days.map((d) => {
                      const c = cellOf.get(`${t.id}|${d}`);
                      const u = c ? c.utilisation : null;
                      const p = pct(u);
                      return (
                        <td key={d} className="h-5 w-7 text-center tabular-nums" style={heat(u)} title={`${t.name}, ${d}: ${p === null ? "no shift" : `${p}%`}`}>
                          {p === null ? "" : Math.round(p)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </ChartCard>
      </div>
    </div>
  );
}
