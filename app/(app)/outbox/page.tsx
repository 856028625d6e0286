import type { Metadata } from "next";
import { DeliverySetup } from "@/components/outbox/DeliverySetup";
import { OutboxTable } from "@/components/outbox/OutboxTable";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { countNotifications, listNotifications, type NotificationStatus } from "@/lib/db/notifications";
import { configuredChannels, notifyConfigFromEnv } from "@/lib/notify/providers";
import { OutboxQuery } from "@/lib/schemas/outbox";
import { now } from "@/lib/clock";

export const metadata: Metadata = { title: "Outbox" };

const PAGE_SIZE = 100;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { session, read } = await pageSession("/outbox");
  if (!hasRole(session, ["admin", "dispatcher"])) {
    return (
      <main className="p-4">
        <h1 className="text-lg font-semibold">Outbox</h1>
        <p role="alert" className="mt-2 text-slate-700" data-testid="not-allowed">
          You are not allowed to see the outbox: it is for admins and dispatchers. Ask an admin of {session.company.name} if you need
          to know whether a notice went out.
        </p>
      </main>
    );
  }

  const parsed = OutboxQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : {};
  const { page, counts } = await read(async (tx) => ({
    page: await listNotifications(tx, session.user.orgId, { ...query, limit: PAGE_SIZE }),
    counts: await countNotifications(tx, session.user.orgId),
  }));
  const byStatus: Partial<Record<NotificationStatus, number>> = {};
  for (const c of counts) byStatus[c.status] = (byStatus[c.status] ?? 0) + c.count;
  const config = notifyConfigFromEnv();

  return (
    <main className="space-y-3 p-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-semibold">Outbox</h1>
        <span className="text-xs text-slate-500">Email and text notices to technicians and customers · times in {session.company.timeZone}</span>
        {parsed.success ? null : (
          <span role="alert" className="text-xs text-red-700">
            {parsed.error.issues[0].message} Showing all notices.
          </span>
        )}
      </div>
      <DeliverySetup config={config} />
      <OutboxTable
        notices={page.items}
        query={query}
        next={page.next}
        counts={byStatus}
        context={{ timeZone: session.company.timeZone, configured: configuredChannels(config), now: now() }}
      />
    </main>
  );
}
