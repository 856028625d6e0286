import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CompanySettingsForm } from "@/components/settings/CompanySettingsForm";
import { SettingsLinks } from "@/components/settings/SettingsLinks";
import { hasRole, requireSession } from "@/lib/auth/session";
import { loadCompanySettingsForm } from "@/lib/db/company-settings";
import { getDb } from "@/lib/db/connection";
import { withUser } from "@/lib/db/with-user";

export const metadata: Metadata = { title: "Company settings" };

export default async function CompanySettingsPage() {
  const session = await requireSession("/settings/company");
  const values = await withUser(await getDb(), session.user, (tx) => loadCompanySettingsForm(tx, session.user.orgId));
  if (!values) notFound();
  const zones = Intl.supportedValuesOf("timeZone");
  const timeZones = zones.includes(values.timeZone) ? zones : [values.timeZone, ...zones];
  return (
    <main className="space-y-3 p-4">
      <SettingsLinks current="/settings/company" />
      <h1 className="text-lg font-semibold">Company settings</h1>
      <CompanySettingsForm values={values} canEdit={hasRole(session, ["admin"])} timeZones={timeZones} />
    </main>
  );
}
