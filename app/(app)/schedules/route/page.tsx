import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/route/PrintButton";
import { RoutePlanSheet } from "@/components/route/RoutePlanSheet";
import { pageSession } from "@/lib/auth/page-session";
import { routesOnBoard } from "@/lib/board/route-plan";
import { travelFor } from "@/lib/board/engine-board";
import { loadBoardDay } from "@/lib/db/board";
import { now } from "@/lib/clock";
import { DateParam } from "@/lib/schemas/board";
import { formatDate } from "@/lib/time/calendar-date";
import { wallClock } from "@/lib/time/zoned-time";

export const metadata: Metadata = { title: "Route plans" };

/** The day's route plans, one per technician (or one technician's), from the board as it stands. */
export default async function RoutePlansPage({ searchParams }: { searchParams: Promise<{ date?: string; technician?: string }> }) {
  const { session, read } = await pageSession("/schedules/route");
  const params = await searchParams;
  const today = wallClock(now(), session.company.timeZone).date;
  const parsed = params.date === undefined ? null : DateParam.safeParse(params.date);
  const date = parsed?.success ? parsed.data : today;
  const only = params.technician && /^[0-9a-f-]{36}$/i.test(params.technician) ? params.technician : null;
  const day = await read((tx) => loadBoardDay(tx, session.user.orgId, date));
  if (!day) notFound();
  const working = day.technicians.filter((t) => t.shift !== null || day.assignments.some((a) => a.leaderId === t.id || a.helperIds.includes(t.id)));
  const chosen = only ? working.filter((t) => t.id === only) : working;
  const routes = routesOnBoard(day, chosen.map((t) => t.id), travelFor(day));
  const withStops = only ? routes : routes.filter((r) => r.stops.length > 0);
  const base = `/schedules/route?date=${date}`;
  return (
    <main className="mx-auto max-w-5xl space-y-4 p-4 print:max-w-none print:p-0">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="flex-1 text-lg font-semibold">Route plans · {formatDate(date, "EEEE, MMMM d, yyyy")}</h1>
        <Link href={`/schedules?date=${date}`} className="crewboard-no-print text-[13px] text-brand-700 underline">
          Back to the board
        </Link>
        <PrintButton />
      </div>
      {parsed && !parsed.success ? <p role="alert" className="text-amber-900">{parsed.error.issues[0].message} Showing today.</p> : null}
      <nav aria-label="Technician" className="crewboard-no-print flex flex-wrap gap-1 text-[13px]">
        <Link href={base} aria-current={only === null ? "page" : undefined} className={`rounded border px-2 py-0.5 ${only === null ? "border-brand-600 bg-brand-50" : "border-slate-300"}`}>
          Everyone
        </Link>
        {working.map((t) => (
          <Link
            key={t.id}
            href={`${base}&technician=${t.id}`}
            aria-current={only === t.id ? "page" : undefined}
            className={`rounded border px-2 py-0.5 ${only === t.id ? "border-brand-600 bg-brand-50" : "border-slate-300"}`}
          >
            {t.name}
          </Link>
        ))}
      </nav>
      <p className="text-xs text-slate-500">
        From the board as it stands{session.user.role === "technician" ? "" : ", drafts included"}. Drives are the company&apos;s travel estimate. Times in {day.company.timeZone.replace(/_/g, " ")}.
      </p>
      {withStops.length === 0 ? <p className="rounded-md border border-dashed border-slate-300 bg-white p-4 text-slate-600">No visits planned that day.</p> : null}
      <div className="space-y-4 print:space-y-8">
        {withStops.map((route) => (
          <RoutePlanSheet key={route.technicianId} route={route} timeZone={day.company.timeZone} />
        ))}
      </div>
    </main>
  );
}
