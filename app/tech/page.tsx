import Link from "next/link";
import { TechApp } from "@/components/tech/TechApp";
import { requireSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db/connection";
import { listTechnicianOptions } from "@/lib/db/lookups";
import { loadTechDay, myTechnicianId } from "@/lib/db/tech-day";
import { withUser } from "@/lib/db/with-user";
import { now } from "@/lib/clock";

export const dynamic = "force-dynamic";

/** How far the planning clock runs ahead of the real one, so the phone's "now" matches the server's. */
function clockOffsetMs(planningNow: Date): number {
  return planningNow.getTime() - Date.now();
}

export default async function TechPage({ searchParams }: { searchParams: Promise<{ technician?: string }> }) {
  const session = await requireSession("/tech");
  const { technician } = await searchParams;
  const planningNow = now();
  const isTech = session.user.role === "technician";
  const view = await withUser(await getDb(), session.user, async (tx) => {
    const id = isTech ? await myTechnicianId(tx, session.user.orgId, session.user.userId) : (technician ?? null);
    if (!id || !/^[0-9a-f-]{36}$/i.test(id)) return { day: null, choices: isTech ? [] : await listTechnicianOptions(tx, session.user.orgId) };
    return { day: await loadTechDay(tx, session.user.orgId, id, planningNow), choices: [] };
  });

  if (!view.day) {
    return (
      <main className="p-4">
        {isTech ? (
          <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
            No technician record is linked to your sign-in yet. Ask your dispatcher to link it.
          </p>
        ) : (
          <>
            <h1 className="mb-3 text-lg font-semibold">Open a technician&apos;s day (read-only)</h1>
            <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
              {view.choices.map((t) => (
                <li key={t.id}>
                  <Link href={`/tech?technician=${t.id}`} className="block min-h-11 px-4 py-3 text-brand-700 underline-offset-2 hover:underline">
                    {t.name}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </main>
    );
  }
  return <TechApp initialDay={view.day} readOnly={!isTech} clockOffsetMs={clockOffsetMs(planningNow)} />;
}
