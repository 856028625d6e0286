/**
 * Next.js calls register() once when a server process starts. Crewboard starts
 * the outbox delivery worker here, so `npm start` delivers notices with no second
 * process. Set CREWBOARD_NOTIFY_WORKER=off to run it elsewhere
 * (`npm run notify:worker`, against the same DATABASE_URL). The webhook delivery
 * worker starts beside it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.CREWBOARD_NOTIFY_WORKER === "off") return;
  // `next build` may load this while prerendering: no worker (and no database) there
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const holder = globalThis as { crewboardNotifyWorker?: unknown; crewboardWebhookWorker?: unknown };
  if (holder.crewboardNotifyWorker) return;
  const { startNotifyWorker } = await import("@/lib/notify/worker");
  const { startWebhookWorker } = await import("@/lib/webhooks/deliver");
  const { providersFromEnv } = await import("@/lib/notify/providers");
  const { getDb } = await import("@/lib/db/connection");
  const { technicianPushProvider } = await import("@/lib/db/push-subscriptions");
  const { queueScheduledNotices } = await import("@/lib/notify/scheduled-notices");
  const { now } = await import("@/lib/clock");
  // one loop: reminders and morning exports are queued, then everything due is delivered
  holder.crewboardNotifyWorker = startNotifyWorker(getDb, {
    providers: { ...providersFromEnv(), push: technicianPushProvider(getDb) },
    beforeRound: (db) => queueScheduledNotices(db, now()),
  });
  // webhook deliveries leave through their own outbox table, on the same switch
  holder.crewboardWebhookWorker = startWebhookWorker(getDb);
}
