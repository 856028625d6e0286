import type { Metadata } from "next";
import { ExportLinks } from "@/components/imports/ExportLinks";
import { ImportWorkbench } from "@/components/imports/ImportWorkbench";
import { NotAllowed } from "@/components/ui/Field";
import { hasRole, requireSession } from "@/lib/auth/session";
import { wallClock } from "@/lib/time/zoned-time";
import { now } from "@/lib/clock";

export const metadata: Metadata = { title: "Imports and exports" };

export default async function ImportsPage() {
  const session = await requireSession("/imports");
  if (!hasRole(session, ["admin", "dispatcher"])) return <NotAllowed what="imports and exports" />;
  const today = wallClock(now(), session.company.timeZone).date;
  return (
    <main className="space-y-6 p-4">
      <h1 className="text-lg font-semibold">Imports and exports</h1>
      <ImportWorkbench isAdmin={hasRole(session, ["admin"])} timeZone={session.company.timeZone} />
      <ExportLinks today={today} />
    </main>
  );
}
