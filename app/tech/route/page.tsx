import type { Metadata } from "next";
import Link from "next/link";
import { PrintButton } from "@/components/route/PrintButton";
import { RoutePlanSheet } from "@/components/route/RoutePlanSheet";
import { requireSession } from "@/lib/auth/session";
import { routeOfVisits } from "@/lib/board/route-plan";
import { getDb } from "@/lib/db/connection";
import { loadTechDay, myTechnicianId } from "@/lib/db/tech-day";
import { withUser } from "@/lib/db/with-user";
import { now } from "@/lib/clock";
import { formatDate } from "@/lib/time/calendar-date";

export const metadata: Metadata = { title: "My route" };
export const dynamic = "force-dynamic";

/** A technician's route for today or tomorrow as published: stops, times, drives and the map. */
export default async function TechRoutePage({ searchParams }: { searchParams: Promise<{ date?: string; technician?: string }> }) {
  const session = await requireSession("/tech/route");
  const { date, technician } = await searchParams;
  const isTech = session.user.role === "technician";
  const day = await withUser(await getDb(), session.user, async (tx) => {
    const id = isTech ? await myTechnicianId(tx, session.user.orgId, session.user.userId) : (technician ?? null);
    if (!id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    return loadTechDay(tx, session.user.orgId, id, now());
  });
  const back = isTech ? "/tech" : `/tech${technician ? `?technician=${technician}` : ""}`;
  if (!day) {
    return (
      <main className="p-4">
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
          {isTech ? "No technician record is linked to your sign-in yet. Ask your dispatcher to link it." : "Choose a technician's day first."}
        </p>
        <Link href={back} className="mt-3 inline-block text-brand-700 underline">
          Back
        </Link>
      </main>
    );
  }
  const shown = day.days.find((d) => d.date === date) ?? day.days[0];
  const route = routeOfVisits(day.technician, shown.visits);
  return (
    <main className="mx-auto max-w-3xl space-y-3 p-4 print:p-0">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="flex-1 text-lg font-semibold">Route · {formatDate(shown.date, "EEEE, MMMM d")}</h1>
        <Link href={back} className="crewboard-no-print text-brand-700 underline">
          My day
        </Link>
        <PrintButton />
      </div>
      <p className="text-xs text-slate-500">Visits as published to you, in route order. Drives are the company&apos;s travel estimate.</p>
      <RoutePlanSheet route={route} timeZone={day.company.timeZone} />
    </main>
  );
}
