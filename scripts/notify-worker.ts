/**
 * npm run notify:worker
 * Delivers the outbox (notices and webhooks) as a process of its own, e.g. next to several web instances
 * started with CREWBOARD_NOTIFY_WORKER=off. Needs DATABASE_URL: the embedded
 * database belongs to the web process, which runs the worker itself.
 */
import { openConfiguredDbOrExit } from "@/lib/db/connection";
import { migrate } from "@/lib/db/migrate";
import { notifyConfigFromEnv, providersFromConfig } from "@/lib/notify/providers";
import { startNotifyWorker } from "@/lib/notify/worker";
import { technicianPushProvider } from "@/lib/db/push-subscriptions";
import { queueScheduledNotices } from "@/lib/notify/scheduled-notices";
import { now } from "@/lib/clock";
import { startWebhookWorker } from "@/lib/webhooks/deliver";

if (!process.env.DATABASE_URL) {
  console.error(
    "notify:worker needs DATABASE_URL (a Postgres server). With the embedded database, `npm start` delivers notices itself;\n" +
      "a second process must never open the same PGlite folder.",
  );
  process.exit(2);
}

const config = notifyConfigFromEnv();
for (const problem of config.problems) console.warn(`[notify] ${problem}`);
if (!config.email && !config.sms) {
  console.warn("[notify] No provider is configured (RESEND_API_KEY, SMS_ACCOUNT_SID/SMS_AUTH_TOKEN/SMS_FROM): notices stay in the outbox.");
}

const db = await openConfiguredDbOrExit();
await migrate(db);
const worker = startNotifyWorker(async () => db, {
  providers: { ...providersFromConfig(config), push: technicianPushProvider(async () => db) },
  beforeRound: (d) => queueScheduledNotices(d, now()),
  keepAlive: true,
});
const webhooks = startWebhookWorker(async () => db);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.info(`[notify] ${signal}: finishing the round in flight…`);
  await worker.stop();
  await webhooks.stop();
  await db.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
