import type { Metadata } from "next";
import { SettingsLinks } from "@/components/settings/SettingsLinks";
import { WebhooksManager } from "@/components/settings/WebhooksManager";
import { hasRole, requireSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db/connection";
import { listWebhookDeliveries, listWebhookEndpoints } from "@/lib/db/webhooks";
import { withUser } from "@/lib/db/with-user";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

export default async function WebhooksPage() {
  const session = await requireSession("/settings/webhooks");
  const isAdmin = hasRole(session, ["admin"]);
  const data = isAdmin
    ? await withUser(await getDb(), session.user, async (tx) => ({
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
