import type { Metadata } from "next";
import { SettingsLinks } from "@/components/settings/SettingsLinks";
import { WebhooksManager } from "@/components/settings/WebhooksManager";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { listWebhookDeliveries, listWebhookEndpoints } from "@/lib/db/webhooks";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

export default async function WebhooksPage() {
  const { session, read } = await pageSession("/settings/webhooks");
  const isAdmin = hasRole(session, ["admin"]);
  const data = isAdmin
    ? await read(async (tx) => ({
        endpoints: await listWebhookEndpoints(tx, session.user.orgId),
        deliveries: await listWebhookDeliveries(tx, session.user.orgId, { limit: 50 }),
      }))
    : null;
  return (
    <main className="space-y-3 p-4">
      <SettingsLinks current="/settings/webhooks" />
      <h1 className="text-lg font-semibold">Webhooks</h1>
      {data ? (
        <WebhooksManager endpoints={data.endpoints} deliveries={data.deliveries} timeZone={session.company.timeZone} />
      ) : (
        <p className="text-slate-600">Only administrators see and manage webhooks.</p>
      )}
    </main>
  );
}
