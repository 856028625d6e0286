import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PortalSettingsForm } from "@/components/settings/PortalSettingsForm";
import { SettingsLinks } from "@/components/settings/SettingsLinks";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { loadPortalSettings } from "@/lib/db/portal";

export const metadata: Metadata = { title: "Customer portal" };

export default async function PortalSettingsPage() {
  const { session, read } = await pageSession("/settings/portal");
  const settings = await read((tx) => loadPortalSettings(tx, session.user.orgId));
  if (!settings) notFound();
  return (
    <main className="space-y-3 p-4">
      <SettingsLinks current="/settings/portal" />
      <h1 className="text-lg font-semibold">Customer portal</h1>
      <PortalSettingsForm settings={settings} canEdit={hasRole(session, ["admin"])} />
    </main>
  );
}
