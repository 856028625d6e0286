import type { Metadata } from "next";
import { SettingsLinks } from "@/components/settings/SettingsLinks";
import { MorningExportForm } from "@/components/settings/MorningExportForm";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { loadMorningExportSettings } from "@/lib/db/morning-export";

export const metadata: Metadata = { title: "Morning export" };

export default async function MorningExportPage() {
  const { session, read } = await pageSession("/settings/morning-export");
  const settings = await read((tx) => loadMorningExportSettings(tx, session.user.orgId));
  return (
    <main className="space-y-3 p-4">
      <SettingsLinks current="/settings/morning-export" />
      <h1 className="text-lg font-semibold">Morning export</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Each morning at this time ({session.company.timeZone}), every dispatcher and admin gets an email with what is left over:
        yesterday&apos;s unfinished visits, the unassigned queue and everything overdue, with the list attached as CSV. It goes out once a
        day, however many Crewboard servers run.
      </p>
      <MorningExportForm time={settings.time} recent={settings.recent} canEdit={hasRole(session, ["admin"])} />
    </main>
  );
}
