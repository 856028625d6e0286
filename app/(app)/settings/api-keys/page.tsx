import type { Metadata } from "next";
import { ApiKeysManager } from "@/components/settings/ApiKeysManager";
import { SettingsLinks } from "@/components/settings/SettingsLinks";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { listApiKeys } from "@/lib/db/api-keys";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const { session, read } = await pageSession("/settings/api-keys");
  const isAdmin = hasRole(session, ["admin"]);
  const keys = isAdmin ? await read((tx) => listApiKeys(tx, session.user.orgId)) : [];
  return (
    <main className="space-y-3 p-4">
      <SettingsLinks current="/settings/api-keys" />
      <h1 className="text-lg font-semibold">API keys</h1>
      {isAdmin ? (
        <ApiKeysManager keys={keys} timeZone={session.company.timeZone} />
      ) : (
        <p className="text-slate-600">Only administrators see and manage API keys.</p>
      )}
    </main>
  );
}
