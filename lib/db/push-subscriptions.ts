/**
 * The phones where technicians allowed push notifications, and the delivery
 * worker's Web Push provider over them.
 */
import type { Db, Queryable } from "@/lib/db/client";
import { withService, type SessionUser } from "@/lib/db/with-user";
import { ActionFailure } from "@/lib/actions/result";
import { myTechnicianId } from "@/lib/db/tech-day";
import { createWebPushProvider, type StoredSubscription } from "@/lib/notify/web-push";
import type { NotifyProvider } from "@/lib/notify/types";
import { vapidKeys } from "@/lib/push/vapid";

type Actor = Pick<SessionUser, "userId" | "orgId">;

/** Keeps the signed-in technician's phone subscription (the same endpoint again changes nothing). */
export async function savePushSubscription(tx: Queryable, actor: Actor, sub: StoredSubscription, userAgent: string | null): Promise<void> {
  const technicianId = await myTechnicianId(tx, actor.orgId, actor.userId);
  if (!technicianId) throw new ActionFailure("not_found", "No technician record is linked to your sign-in.");
  const mine = await tx.query("select 1 from public.push_subscriptions where endpoint = $1", [sub.endpoint]);
  if (mine.length > 0) return;
  await tx.query(
    `insert into public.push_subscriptions (org_id, technician_id, user_id, endpoint, p256dh, auth, user_agent)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [actor.orgId, technicianId, actor.userId, sub.endpoint, sub.p256dh, sub.auth, userAgent?.slice(0, 300) ?? null],
  );
}

/** Forgets one of the signed-in person's phones. */
export async function removePushSubscription(tx: Queryable, endpoint: string): Promise<void> {
  await tx.query("delete from public.push_subscriptions where endpoint = $1", [endpoint]);
}

/** How many phones the signed-in person subscribed. */
export async function countMyPushSubscriptions(tx: Queryable): Promise<number> {
  const [row] = await tx.query<{ n: number }>("select count(*)::int as n from public.push_subscriptions where user_id = (select auth.uid())");
  return Number(row?.n ?? 0);
}

/** The worker's push channel: looks subscriptions up and removes the expired ones, as the service role. */
export function technicianPushProvider(getDb: () => Promise<Db>): NotifyProvider {
  return createWebPushProvider({
    vapid: vapidKeys(),
    async lookup(endpoint) {
      const rows = await withService(await getDb(), (tx) =>
        tx.query<StoredSubscription>("select endpoint, p256dh, auth from public.push_subscriptions where endpoint = $1", [endpoint]),
      );
      return rows[0] ?? null;
    },
    async onGone(endpoint) {
      await withService(await getDb(), (tx) => tx.query("delete from public.push_subscriptions where endpoint = $1", [endpoint]));
    },
  });
}
