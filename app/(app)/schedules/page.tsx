import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DayBoard } from "@/components/board/DayBoard";
import { pageSession } from "@/lib/auth/page-session";
import { loadBoardDay } from "@/lib/db/board";
import { loadOnCall, onCallNow } from "@/lib/db/on-call";
import { wallClock } from "@/lib/time/zoned-time";
import { DateParam } from "@/lib/schemas/board";
import { now } from "@/lib/clock";

export const metadata: Metadata = { title: "Schedules" };

/** Lanes in the first paint: more than a tall screen shows. */
const FIRST_LANES = 30;

/** How far the planning clock runs ahead of the real one, so the browser's "now" matches the server's. */
function clockOffsetMs(planningNow: Date): number {
  return planningNow.getTime() - Date.now();
}

export default async function SchedulesPage({ searchParams }: { searchParams: Promise<{ date?: string }> }) {
  const { session, read } = await pageSession("/schedules");
  const params = await searchParams;
  const planningNow = now();
  const today = wallClock(planningNow, session.company.timeZone).date;
  const parsed = params.date === undefined ? null : DateParam.safeParse(params.date);
  const date = parsed?.success ? parsed.data : today;
  // the first screen's lanes come first; the board fetches the rest once it is interactive
  const loaded = await read(async (tx) => ({
    board: await loadBoardDay(tx, session.user.orgId, date, { firstLanes: FIRST_LANES }),
    onCall: onCallNow(await loadOnCall(tx, session.user.orgId), planningNow),
  }));
  const { board, onCall } = loaded;
  if (!board) notFound();
  return (
    <main>
      <DayBoard
        key={date}
        initialDay={board}
        role={session.user.role}
        today={today}
        notice={parsed && !parsed.success ? `${parsed.error.issues[0].message} Showing today.` : null}
        clockOffsetMs={clockOffsetMs(planningNow)}
        onCall={onCall}
      />
    </main>
  );
}
