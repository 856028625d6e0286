import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DayWeekSwitch } from "@/components/board/DayWeekSwitch";
import { WeekLegend, WeekView } from "@/components/board/WeekView";
import { pageSession } from "@/lib/auth/page-session";
import { loadBoardWeek } from "@/lib/db/week";
import { addDays } from "@/lib/time/calendar-date";
import { wallClock } from "@/lib/time/zoned-time";
import { DateParam } from "@/lib/schemas/board";
import { now } from "@/lib/clock";
import { formatDate } from "@/lib/time/calendar-date";

export const metadata: Metadata = { title: "Week" };

const BUTTON = "rounded-md border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100";

function rangeLabel(start: string, end: string): string {
  const fmt = (d: string, withYear: boolean) => formatDate(d, withYear ? "MMMM d, yyyy" : "MMMM d");
  return `${fmt(start, start.slice(0, 4) !== end.slice(0, 4))} – ${fmt(end, true)}`;
}

export default async function WeekPage({ searchParams }: { searchParams: Promise<{ start?: string }> }) {
  const { session, read } = await pageSession("/schedules/week");
  const params = await searchParams;
  const today = wallClock(now(), session.company.timeZone).date;
  const parsed = params.start === undefined ? null : DateParam.safeParse(params.start);
  const date = parsed?.success ? parsed.data : today;
  const week = await read((tx) => loadBoardWeek(tx, session.user.orgId, date));
  if (!week) notFound();
  const end = week.days[6];
  const inWeek = today >= week.start && today <= end;

  return (
    <main className="space-y-3 p-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-lg font-semibold">Week of {rangeLabel(week.start, end)}</h1>
        <DayWeekSwitch date={inWeek ? today : week.start} current="week" />
        <nav aria-label="Week" className="flex items-center gap-1">
          <Link className={BUTTON} href={`/schedules/week?start=${addDays(week.start, -7)}`}>
            ← Previous week
          </Link>
          <Link className={BUTTON} href="/schedules/week">
            This week
          </Link>
          <Link className={BUTTON} href={`/schedules/week?start=${addDays(week.start, 7)}`}>
            Next week →
          </Link>
        </nav>
        <WeekLegend threshold={week.company.capacityThreshold} slotBlocks={week.slotBlocks} />
        <span className="text-xs text-slate-500">Days in {week.company.timeZone}; hours are shift hours less time off</span>
        {parsed && !parsed.success ? (
          <span role="alert" className="text-xs text-red-700">
            {parsed.error.issues[0].message} Showing this week.
          </span>
        ) : null}
      </div>
      <WeekView week={week} today={today} />
    </main>
  );
}
