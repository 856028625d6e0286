import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CompanySettingsForm } from "@/components/settings/CompanySettingsForm";
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
      <div className="flex items-center gap-4">
        <h1 className="text-lg font-semibold">Company settings</h1>
        <Link href="/settings/templates" className="text-brand-700 underline">
          Job templates
        </Link>
        <Link href="/settings/rules" className="text-brand-700 underline">
          Priority and SLA rules
        </Link>
        <Link href="/settings/slots" className="text-brand-700 underline">
          Slot template and buffers
        </Link>
        <Link href="/settings/morning-export" className="text-brand-700 underline">
          Morning export
        </Link>
      </div>
      <CompanySettingsForm values={values} canEdit={hasRole(session, ["admin"])} timeZones={timeZones} />
    </main>
  );
}
