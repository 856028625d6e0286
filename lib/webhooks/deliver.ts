/**
 * The webhook delivery worker: claims due deliveries in a short service-role
 * transaction, POSTs each signed body outside any transaction, and records the
 * response code. A failure is retried with the outbox's backoff (1, 2, 4, 8 minutes)
 * until the attempts run out.
 */
import type { Db } from "@/lib/db/client";
import { withService } from "@/lib/db/with-user";
import { claimDueWebhookDeliveries, recordWebhookAttempt, type ClaimedDelivery } from "@/lib/db/webhooks";
import { MAX_ATTEMPTS, SENDING_LEASE_MINUTES, nextAttemptAt } from "@/lib/notify/retry-policy";
import { SIGNATURE_HEADER, signWebhook } from "@/lib/webhooks/signature";

export interface WebhookDeliverOptions {
  /** The time to judge "due" by; default the clock. */
  now?: Date;
  batch?: number;
  maxAttempts?: number;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  /** Only these companies' deliveries (tests); default all. */
  orgIds?: readonly string[];
  fetch?: typeof fetch;
}

export interface WebhookOutcome {
  id: string;
  eventType: string;
  attempt: number;
  status: number | null;
  delivered: boolean;
  nextAttemptAt: Date | null;
}

async function post(d: ClaimedDelivery, now: Date, options: WebhookDeliverOptions): Promise<{ status: number | null; error: string | null; ms: number }> {
  const started = performance.now();
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const res = await (options.fetch ?? fetch)(d.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Crewboard-Webhooks/1",
        [SIGNATURE_HEADER]: signWebhook(d.secret, timestamp, d.body),
        "Crewboard-Event": d.eventType,
        "Crewboard-Delivery": d.id,
      },
      body: d.body,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await res.body?.cancel();
    const ok = res.status >= 200 && res.status < 300;
    return { status: res.status, error: ok ? null : `the endpoint answered ${res.status}`, ms: Math.round(performance.now() - started) };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { status: null, error: `${err instanceof Error ? err.message : String(err)}${cause ? ` (${cause})` : ""}`, ms: Math.round(performance.now() - started) };
  }
}

/** Delivers what is due now; returns one outcome per attempt made. */
export async function deliverDueWebhooks(db: Db, options: WebhookDeliverOptions = {}): Promise<WebhookOutcome[]> {
  const now = options.now ?? new Date();
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const claimed = await withService(db, (tx) =>
    claimDueWebhookDeliveries(tx, {
      now,
      limit: options.batch ?? 20,
      maxAttempts,
      leaseUntil: new Date(now.getTime() + SENDING_LEASE_MINUTES * 60_000),
      orgIds: options.orgIds,
    }),
  );
  const outcomes = await Promise.all(
    claimed.map(async (d) => {
      const r = await post(d, now, options);
      const delivered = r.error === null;
      const next = delivered ? null : nextAttemptAt(d.attempts, now, maxAttempts);
      await withService(db, (tx) => recordWebhookAttempt(tx, d.id, { at: now.toISOString(), status: r.status, error: r.error, ms: r.ms }, { delivered, nextAttemptAt: next }));
      return { id: d.id, eventType: d.eventType, attempt: d.attempts, status: r.status, delivered, nextAttemptAt: next };
    }),
  );
  return outcomes;
}

export interface WebhookWorker {
  tick(): Promise<WebhookOutcome[]>;
  stop(): Promise<void>;
}

/** Delivers due webhooks every few seconds until stopped (started by instrumentation.ts). */
export function startWebhookWorker(getDb: () => Promise<Db>, options: { intervalMs?: number; log?: Pick<Console, "error"> } = {}): WebhookWorker {
  const log = options.log ?? console;
  let running: Promise<WebhookOutcome[]> | null = null;
  let stopped = false;
  const tick = () => {
    running ??= (async () => {
      try {
        return await deliverDueWebhooks(await getDb());
      } catch (err) {
        log.error(`[webhooks] delivery round failed: ${err instanceof Error ? err.message : String(err)}`);
        return [];
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void tick();
  }, options.intervalMs ?? 3000);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
