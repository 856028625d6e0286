import type { Metadata } from "next";
import { TimeOffRequests } from "@/components/availability/TimeOffRequests";
import { pageSession } from "@/lib/auth/page-session";
import { listTimeOffRequests } from "@/lib/db/availability";

export const metadata: Metadata = { title: "Time off" };

export default async function TimeOffPage() {
  const { session, read } = await pageSession("/time-off");
  const requests = await read((tx) => listTimeOffRequests(tx, session.user.orgId));
  return (
    <main className="mx-auto max-w-4xl p-4">
      <h1 className="mb-1 text-lg font-semibold">Time off requests</h1>
      <p className="mb-4 text-slate-600">Technicians ask from their phones. Approved time off shows on the board and the week view; visits already placed in it are listed to move.</p>
      <TimeOffRequests
        initial={requests}
        timeZone={session.company.timeZone}
        canDecide={session.user.role === "admin" || session.user.role === "dispatcher"}
      />
    </main>
  );
}
