import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CompanySettingsForm } from "@/components/settings/CompanySettingsForm";
import { SettingsLinks } from "@/components/settings/SettingsLinks";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { loadCompanySettingsForm } from "@/lib/db/company-settings";

export const metadata: Metadata = { title: "Company settings" };

export default async function CompanySettingsPage() {
  const { session, read } = await pageSession("/settings/company");
  const values = await read((tx) => loadCompanySettingsForm(tx, session.user.orgId));
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
