import type { Metadata } from "next";
import Link from "next/link";
import { UrgentIntakeForm } from "@/components/urgent/UrgentIntakeForm";
import { NotAllowed } from "@/components/ui/Field";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { listUrgentRequests } from "@/lib/db/urgent-requests";
import { formatHm } from "@/lib/time/format-time";
import { wallClock } from "@/lib/time/zoned-time";

export const metadata: Metadata = { title: "Urgent job" };

export default async function UrgentPage() {
  const { session, read } = await pageSession("/urgent");
  if (!hasRole(session, ["admin", "dispatcher"])) return <NotAllowed what="urgent intake" />;
  const tz = session.company.timeZone;
  const { recent } = await read(async (tx) => ({
    recent: await listUrgentRequests(tx, session.user.orgId),
  }));
  return (
    <main className="grid gap-4 p-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,1fr)]">
      <div className="space-y-3">
        <h1 className="text-lg font-semibold">Urgent job</h1>
        <UrgentIntakeForm timeZone={tz} />
      </div>
      <aside className="space-y-2">
        <h2 className="font-medium">Recent urgent requests</h2>
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {recent.map((r) => (
            <li key={r.id} className="flex items-center justify-between px-3 py-2">
              <Link href={`/urgent/${r.id}`} className="font-medium text-brand-700 underline">
                {r.workOrder}
              </Link>
              <span className="text-xs text-slate-500">
                {r.status} · {wallClock(new Date(r.createdAt), tz).date} {formatHm(new Date(r.createdAt), tz)}
              </span>
            </li>
          ))}
          {recent.length === 0 ? <li className="px-3 py-4 text-center text-slate-500">None yet.</li> : null}
        </ul>
      </aside>
    </main>
  );
}
