/**
 * The outbox's delivery worker: claims due notices in a short service-role
 * transaction, sends them outside any transaction, and records each outcome.
 * Workers in several processes may run at once: claims skip rows another worker
 * holds, so each notice is sent by one of them.
 */
import type { Db } from "@/lib/db/client";
import { withService } from "@/lib/db/with-user";
import {
  claimDueNotifications,
  markNotificationFailed,
  markNotificationSent,
  type ClaimedNotice,
} from "@/lib/db/notifications";
import { providersFromEnv } from "@/lib/notify/providers";
import { MAX_ATTEMPTS, SENDING_LEASE_MINUTES, nextAttemptAt } from "@/lib/notify/retry-policy";
import type { NotificationChannel, NotifyProviders, SendResult } from "@/lib/notify/types";

export interface DeliverOptions {
  /** The time to judge "due" by and to record; default the clock at each step. */
  now?: Date;
  /** At most this many notices per call (default 20). */
  batch?: number;
  /** Sends in flight at once (default 4). */
  concurrency?: number;
  maxAttempts?: number;
  /** Only these companies' notices (a company's "send now", tests); default all. */
  orgIds?: readonly string[];
}

export interface DeliveryOutcome {
  id: string;
  channel: NotificationChannel;
  /** This attempt's number. */
  attempt: number;
  status: "sent" | "failed";
  providerId?: string;
  error?: string;
  /** When it will be tried again; null when it will not (sent, or out of attempts). */
  nextAttemptAt: Date | null;
  /** False when the row was no longer ours to record (another worker took it over). */
  recorded: boolean;
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  failed: number;
  outcomes: DeliveryOutcome[];
}

const emptyReport = (): DeliveryReport => ({ claimed: 0, sent: 0, failed: 0, outcomes: [] });

/**
 * Delivers the notices that are due through the configured providers. Channels
 * without a provider are left alone (their notices stay pending).
 *
 * @example
 * const report = await deliverDue(db, providersFromEnv(), { now: new Date("2026-11-23T15:00:00Z") });
 * // { claimed: 3, sent: 2, failed: 1, outcomes: […] }
 */
export async function deliverDue(db: Db, providers: NotifyProviders, options: DeliverOptions = {}): Promise<DeliveryReport> {
  const clock = () => options.now ?? new Date();
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const channels = (Object.keys(providers) as NotificationChannel[]).filter((c) => providers[c]);
  if (channels.length === 0) return emptyReport();

  const claimedAt = clock();
  const claimed = await withService(db, (tx) =>
    claimDueNotifications(tx, {
      now: claimedAt,
      channels,
      limit: options.batch ?? 20,
      maxAttempts,
      leaseUntil: new Date(claimedAt.getTime() + SENDING_LEASE_MINUTES * 60_000),
      orgIds: options.orgIds,
    }),
  );

  const outcomes: DeliveryOutcome[] = [];
  await eachLimited(claimed, options.concurrency ?? 4, async (notice) => {
    outcomes.push(await deliverOne(db, providers, notice, clock, maxAttempts));
  });
  return {
    claimed: claimed.length,
    sent: outcomes.filter((o) => o.status === "sent").length,
    failed: outcomes.filter((o) => o.status === "failed").length,
    outcomes,
  };
}

async function deliverOne(
  db: Db,
  providers: NotifyProviders,
  notice: ClaimedNotice,
  clock: () => Date,
  maxAttempts: number,
): Promise<DeliveryOutcome> {
  const provider = providers[notice.channel];
  let result: SendResult;
  if (!provider) {
    result = { ok: false, error: `No ${notice.channel} provider is configured.` };
  } else {
    try {
      result = await provider.send({ id: notice.id, to: notice.recipient, subject: notice.subject, text: notice.body, attachments: notice.attachments });
    } catch (err) {
      // providers report refusals as values; a throw is a bug or an outage, still a failed attempt
      result = { ok: false, error: `${provider.name}: ${err instanceof Error ? err.message : String(err)}` };
    }
  }

  const base = { id: notice.id, channel: notice.channel, attempt: notice.attempts };
  const now = clock();
  if (result.ok) {
    const recorded = await withService(db, (tx) =>
      markNotificationSent(tx, notice.id, { provider: provider?.name ?? notice.channel, providerId: result.providerId, sentAt: now }),
    );
    return { ...base, status: "sent", providerId: result.providerId, nextAttemptAt: null, recorded };
  }
  const next = nextAttemptAt(notice.attempts, now, maxAttempts);
  const recorded = await withService(db, (tx) =>
    markNotificationFailed(tx, notice.id, {
      attempts: notice.attempts,
      provider: provider?.name ?? null,
      error: result.error,
      // out of attempts: the row stays failed; the claim never picks it again
      nextAttemptAt: next ?? now,
    }),
  );
  return { ...base, status: "failed", error: result.error, nextAttemptAt: next, recorded };
}

async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await fn(item);
    }
  });
  await Promise.all(lanes);
}

// ---------------------------------------------------------------------------
// The loop

export interface NotifyWorkerOptions {
  /** Default 5 000 ms. */
  intervalMs?: number;
  /** Default: the providers configured in the environment. */
  providers?: NotifyProviders;
  batch?: number;
  /**
   * Keep the process alive for the loop (a worker process of its own). Default
   * false: the timer is unref'd, so a web server shuts down as if it were not there.
   */
  keepAlive?: boolean;
  log?: Pick<Console, "info" | "error">;
  /**
   * Runs at the start of every round, whatever the providers: work that queues
   * notices on a clock (reminders, the morning export). Its failures are logged
   * like delivery's.
   */
  beforeRound?: (db: Db) => Promise<unknown>;
  /**
   * The least time between two runs of `beforeRound` (default 15 s). Its work is due
   * to the minute (a reminder 30 minutes before a visit), and on a day of thousands of
   * visits one run holds the embedded database for a tenth of a second: every
   * five-second round would make every fiftieth board change wait behind it.
   */
  beforeRoundEveryMs?: number;
}

export interface NotifyWorker {
  /** Runs one round now (the loop skips rounds while one is running). */
  tick(): Promise<DeliveryReport>;
  /** Stops the loop and waits for the round in flight. */
  stop(): Promise<void>;
}

/** Rounds per tick at most, so one tick drains a publish of a few hundred notices but ends. */
const MAX_ROUNDS = 10;

/**
 * Delivers due notices every few seconds until stopped. Without a provider and
 * without `beforeRound` it does nothing at all (not even open the database).
 *
 * @example
 * const worker = startNotifyWorker(getDb); // from instrumentation.ts
 * await worker.stop();
 */
export function startNotifyWorker(getDb: () => Promise<Db>, options: NotifyWorkerOptions = {}): NotifyWorker {
  const providers = options.providers ?? providersFromEnv();
  const log = options.log ?? console;
  const batch = options.batch ?? 20;
  const channels = (Object.keys(providers) as NotificationChannel[]).filter((c) => providers[c]);
  const describe = (c: NotificationChannel) => (providers[c] ? `${c} via ${providers[c].name}` : `${c}: no provider, notices wait in the outbox`);
  log.info(`[notify] outbox worker started (${describe("email")}; ${describe("sms")})`);

  let running: Promise<DeliveryReport> | null = null;
  let lastError: string | null = null;

  let lastBeforeError: string | null = null;
  const beforeEvery = options.beforeRoundEveryMs ?? 15_000;
  let lastBefore = -Infinity;
  const round = async (): Promise<DeliveryReport> => {
    if (options.beforeRound && performance.now() - lastBefore >= beforeEvery) {
      lastBefore = performance.now();
      try {
        await options.beforeRound(await getDb());
        lastBeforeError = null;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (message !== lastBeforeError) log.error(`[notify] scheduled notices failed: ${message}`);
        lastBeforeError = message;
      }
    }
    if (channels.length === 0) return emptyReport();
    const total: DeliveryReport = { claimed: 0, sent: 0, failed: 0, outcomes: [] };
    try {
      const db = await getDb();
      for (let i = 0; i < MAX_ROUNDS; i++) {
        const report = await deliverDue(db, providers, { batch });
        total.claimed += report.claimed;
        total.sent += report.sent;
        total.failed += report.failed;
        total.outcomes.push(...report.outcomes);
        if (report.claimed < batch) break;
      }
      lastError = null;
    } catch (err) {
      // say it once, not every five seconds while the database is away
      const message = err instanceof Error ? err.message : String(err);
      if (message !== lastError) log.error(`[notify] delivery round failed: ${message}`);
      lastError = message;
    }
    if (total.claimed > 0) {
      log.info(`[notify] ${total.sent} sent, ${total.failed} failed`);
      for (const o of total.outcomes) if (o.status === "failed") log.error(`[notify] ${o.channel} ${o.id} attempt ${o.attempt}: ${o.error}`);
    }
    return total;
  };

  const tick = (): Promise<DeliveryReport> => {
    if (!running) running = round().finally(() => (running = null));
    return running;
  };

  const timer = setInterval(() => void tick(), options.intervalMs ?? 5_000);
  if (!options.keepAlive) timer.unref();

  return {
    tick,
    async stop() {
      clearInterval(timer);
      if (running) await running;
    },
  };
}
