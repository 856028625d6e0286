/**
 * Next.js calls register() once when a server process starts. Crewboard starts
 * the outbox delivery worker here, so `npm start` delivers notices with no second
 * process. Set CREWBOARD_NOTIFY_WORKER=off to run it elsewhere
 * (`npm run notify:worker`, against the same DATABASE_URL). The webhook delivery
 * worker starts beside it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` may load this while prerendering: no worker (and no database) there
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  closeDatabaseOnStop();
  if (process.env.CREWBOARD_NOTIFY_WORKER === "off") return;
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

/**
 * On SIGTERM / SIGINT the database is closed before the process ends: the embedded
 * database writes its last changes and gives back its folder's lock.
 */
function closeDatabaseOnStop(): void {
  const holder = globalThis as { crewboardStopHook?: boolean };
  if (holder.crewboardStopHook) return;
  holder.crewboardStopHook = true;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      const { closeDb } = await import("@/lib/db/connection");
      await Promise.race([closeDb().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5_000))]);
      process.exit(signal === "SIGINT" ? 130 : 143);
    })();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
