import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReadOnlyDayBoard } from "@/components/board/ReadOnlyDayBoard";
import { requireSession } from "@/lib/auth/session";
import { loadBoardDay } from "@/lib/db/board";
import { getDb } from "@/lib/db/connection";
import { withUser } from "@/lib/db/with-user";
import { addDays, wallClock } from "@/lib/engine/zoned-time";
import { DateParam } from "@/lib/schemas/board";

export const metadata: Metadata = { title: "Schedules" };

export default async function SchedulesPage({ searchParams }: { searchParams: Promise<{ date?: string }> }) {
  const session = await requireSession("/schedules");
  const params = await searchParams;
  const today = wallClock(new Date(), session.company.timeZone).date;
  const parsed = params.date === undefined ? null : DateParam.safeParse(params.date);
  const date = parsed?.success ? parsed.data : today;
  const board = await withUser(await getDb(), session.user, (tx) => loadBoardDay(tx, session.user.orgId, date));
  if (!board) notFound();
  const label = new Date(`${date}T12:00:00Z`).toLocaleDateString("en-US", { weekday: "long", month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });
  return (
    <main className="space-y-3 p-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-lg font-semibold">{label}</h1>
        <nav aria-label="Day" className="flex items-center gap-1">
          <Link className="rounded-md border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100" href={`/schedules?date=${addDays(date, -1)}`}>
            ← Previous
          </Link>
          <Link className="rounded-md border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100" href="/schedules">
            Today
          </Link>
          <Link className="rounded-md border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100" href={`/schedules?date=${addDays(date, 1)}`}>
            Next →
          </Link>
        </nav>
        <span className="text-xs text-slate-500">Times in {board.company.timeZone}</span>
        {parsed && !parsed.success ? (
          <span role="alert" className="text-xs text-red-700">
            {parsed.error.issues[0].message} Showing today.
          </span>
        ) : null}
      </div>
      <ReadOnlyDayBoard board={board} />
    </main>
  );
}
