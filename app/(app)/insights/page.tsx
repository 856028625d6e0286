import type { Metadata } from "next";
import { InsightsDashboard } from "@/components/insights/InsightsDashboard";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { loadInsights } from "@/lib/db/insights";
import { listTechnicianOptions } from "@/lib/db/lookups";
import { wallClock } from "@/lib/time/zoned-time";
import { InsightsParams, resolvePeriod } from "@/lib/schemas/insights";
import { now } from "@/lib/clock";

export const metadata: Metadata = { title: "Insights" };

export default async function InsightsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { session, read } = await pageSession("/insights");
  if (!hasRole(session, ["admin", "dispatcher", "viewer"])) {
    return (
      <main className="p-4">
        <h1 className="text-lg font-semibold">Insights</h1>
        <p role="alert" className="mt-2 text-slate-700">
          Insights are for admins, dispatchers and viewers of {session.company.name}.
        </p>
      </main>
    );
  }
  const raw = await searchParams;
  const parsed = InsightsParams.safeParse(raw);
  const params = parsed.success ? parsed.data : { period: "4weeks" as const };
  const clock = now();
  const period = resolvePeriod(params, wallClock(clock, session.company.timeZone).date);
  const { insights, technicians } = await read(async (tx) => ({
    insights: await loadInsights(tx, session.user.orgId, {
      from: period.from,
      to: period.to,
      technicianId: parsed.success ? (parsed.data.technician ?? null) : null,
      now: clock,
    }),
    technicians: await listTechnicianOptions(tx, session.user.orgId),
  }));
  return (
    <main className="space-y-3 p-4">
      <h1 className="text-lg font-semibold">Insights</h1>
      {!parsed.success ? (
        <p role="alert" className="text-sm text-red-700">
          {parsed.error.issues[0].message} Showing the last 4 weeks for the whole team.
        </p>
      ) : null}
      <InsightsDashboard insights={insights} period={period} technicians={technicians} />
    </main>
  );
}
