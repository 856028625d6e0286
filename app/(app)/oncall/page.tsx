import type { Metadata } from "next";
import { OnCallPanel, type TurnOption } from "@/components/oncall/OnCallPanel";
import { UpcomingTurns } from "@/components/oncall/UpcomingTurns";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { listTechnicianOptions } from "@/lib/db/lookups";
import { fairness, loadOnCall, myTechnicianId, onCallNow, upcomingTurns } from "@/lib/db/on-call";
import { turnsBetween } from "@/lib/engine/on-call";
import { wallClock } from "@/lib/time/zoned-time";
import { now as clockNow } from "@/lib/clock";

export const metadata: Metadata = { title: "On call" };

export default async function OnCallPage() {
  const { session, read } = await pageSession("/oncall");
  const now = clockNow();
  const { data, technicians, me } = await read(async (tx) => ({
    data: await loadOnCall(tx, session.user.orgId),
    technicians: await listTechnicianOptions(tx, session.user.orgId),
    me: await myTechnicianId(tx, session.user.orgId, session.user.userId),
  }));
  const from = Math.floor(now.getTime() / 60000);
  const turns: TurnOption[] = data.rotations.flatMap((r) =>
    turnsBetween(r, data.approved, from, from + 28 * 1440)
      .filter((t) => !me || hasRole(session, ["admin", "dispatcher"]) || t.technicianId === me)
      .map((t) => ({
        rotationId: r.id,
        start: new Date(t.start * 60000).toISOString(),
        end: new Date(t.end * 60000).toISOString(),
        technicianId: t.technicianId,
        technicianName: data.names.get(t.technicianId) ?? t.technicianId,
      })),
  );
  const timeZone = session.company.timeZone;
  return (
    <main className="space-y-3 p-4">
      <h1 className="text-lg font-semibold">On call</h1>
      {me ? <UpcomingTurns turns={upcomingTurns(data, me, now)} timeZone={timeZone} /> : null}
      <OnCallPanel
        rotations={data.rotations}
        now={onCallNow(data, now)}
        turns={turns}
        swaps={data.swaps}
        fairness={fairness(data, now)}
        technicians={technicians.map((t) => ({ id: t.id, name: t.name }))}
        timeZone={timeZone}
        canManage={hasRole(session, ["admin", "dispatcher"])}
        canRequest={hasRole(session, ["admin", "dispatcher"]) || (hasRole(session, ["technician"]) && me !== null)}
        today={wallClock(now, timeZone).date}
      />
    </main>
  );
}
