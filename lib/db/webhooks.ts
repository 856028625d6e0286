/**
 * Webhook endpoints (admins, under row-level security), the "send test event"
 * button, the delivery log, and the worker's claim and record steps (service role,
 * like the notification outbox).
 */
import type { Queryable } from "@/lib/db/client";
import { generateWebhookSecret } from "@/lib/webhooks/signature";

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  events: string[];
  active: boolean;
  createdAt: string;
}

export interface WebhookAttempt {
  at: string;
  status: number | null;
  error: string | null;
  ms: number;
}

export interface WebhookDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: "pending" | "sending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: string;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  log: WebhookAttempt[];
}

const iso = (v: unknown): string => new Date(v as string).toISOString();
const json = <T>(v: unknown): T => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T));

/** Registers an endpoint; the secret is returned here once and never read back by the app. */
export async function createWebhookEndpoint(
  tx: Queryable,
  orgId: string,
  userId: string,
  input: { url: string; description: string; events: string[] },
): Promise<{ id: string; secret: string }> {
  const secret = generateWebhookSecret();
  const [row] = await tx.query<{ id: string }>(
    "insert into public.webhook_endpoints (org_id, url, description, events, secret, created_by) values ($1, $2, $3, $4, $5, $6) returning id",
    [orgId, input.url, input.description, input.events, secret, userId],
  );
  return { id: row.id, secret };
}

export async function listWebhookEndpoints(tx: Queryable, orgId: string): Promise<WebhookEndpoint[]> {
  const rows = await tx.query<Record<string, unknown>>(
    "select id, url, description, events, active, created_at from public.webhook_endpoints where org_id = $1 order by created_at",
    [orgId],
  );
  return rows.map((r) => ({
    id: r.id as string,
    url: r.url as string,
    description: r.description as string,
    events: r.events as string[],
    active: Boolean(r.active),
    createdAt: iso(r.created_at),
  }));
}

export async function setWebhookEndpointActive(tx: Queryable, orgId: string, endpointId: string, active: boolean): Promise<boolean> {
  const rows = await tx.query("update public.webhook_endpoints set active = $3 where id = $1 and org_id = $2 returning id", [endpointId, orgId, active]);
  return rows.length > 0;
}

export async function deleteWebhookEndpoint(tx: Queryable, orgId: string, endpointId: string): Promise<boolean> {
  const rows = await tx.query("delete from public.webhook_endpoints where id = $1 and org_id = $2 returning id", [endpointId, orgId]);
  return rows.length > 0;
}

/** Queues a ping to one endpoint (admins of its company only); the delivery's id, or null. */
export async function sendWebhookTest(tx: Queryable, endpointId: string): Promise<string | null> {
  const [row] = await tx.query<{ id: string | null }>("select private.send_webhook_test($1) as id", [endpointId]);
  return row?.id ?? null;
}

function mapDelivery(r: Record<string, unknown>): WebhookDelivery {
  return {
    id: r.id as string,
    endpointId: r.endpoint_id as string,
    eventId: r.event_id as string,
    eventType: r.event_type as string,
    status: r.status as WebhookDelivery["status"],
    attempts: Number(r.attempts),
    nextAttemptAt: iso(r.next_attempt_at),
    lastStatusCode: r.last_status_code == null ? null : Number(r.last_status_code),
    lastError: (r.last_error as string | null) ?? null,
    deliveredAt: r.delivered_at == null ? null : iso(r.delivered_at),
    createdAt: iso(r.created_at),
    log: json<WebhookAttempt[]>(r.attempt_log) ?? [],
  };
}

/** The company's latest deliveries (optionally of one endpoint), newest first. */
export async function listWebhookDeliveries(tx: Queryable, orgId: string, options: { endpointId?: string; limit?: number } = {}): Promise<WebhookDelivery[]> {
  const rows = await tx.query<Record<string, unknown>>(
    `select id, endpoint_id, event_id, event_type, status, attempts, next_attempt_at, last_status_code, last_error, delivered_at, created_at, attempt_log
       from public.webhook_deliveries
      where org_id = $1 and ($2::uuid is null or endpoint_id = $2)
      order by created_at desc, id desc limit $3`,
    [orgId, options.endpointId ?? null, options.limit ?? 50],
  );
  return rows.map(mapDelivery);
}

// ---------------------------------------------------------------------------
// The worker's side (service role)

export interface ClaimedDelivery {
  id: string;
  eventId: string;
  eventType: string;
  attempts: number;
  url: string;
  secret: string;
  /** The exact JSON text to send and sign. */
  body: string;
}

/**
 * Claims due deliveries (pending, or 'sending' whose lease ran out) and counts the
 * attempt; rows another worker holds are skipped.
 */
export async function claimDueWebhookDeliveries(
  tx: Queryable,
  options: { now: Date; limit: number; leaseUntil: Date; maxAttempts: number; orgIds?: readonly string[] },
): Promise<ClaimedDelivery[]> {
  const rows = await tx.query<{ id: string; event_id: string; event_type: string; attempts: number; url: string; secret: string; payload: unknown }>(
    `with due as (
       select d.id from public.webhook_deliveries d
        where d.status in ('pending', 'sending') and d.next_attempt_at <= $1 and d.attempts < $4
          and ($5::uuid[] is null or d.org_id = any ($5::uuid[]))
        order by d.next_attempt_at
        limit $2
        for update skip locked
     )
     update public.webhook_deliveries d
        set status = 'sending', attempts = d.attempts + 1, next_attempt_at = $3
       from due, public.webhook_endpoints e
      where d.id = due.id and e.id = d.endpoint_id
      returning d.id, d.event_id, d.event_type, d.attempts, e.url, e.secret, d.payload`,
    [options.now.toISOString(), options.limit, options.leaseUntil.toISOString(), options.maxAttempts, options.orgIds ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    eventType: r.event_type,
    attempts: Number(r.attempts),
    url: r.url,
    secret: r.secret,
    body: JSON.stringify(json<unknown>(r.payload)),
  }));
}

/** Records one attempt: delivered, or failed with when to try again (null: never). */
export async function recordWebhookAttempt(
  tx: Queryable,
  id: string,
  attempt: WebhookAttempt,
  outcome: { delivered: boolean; nextAttemptAt: Date | null },
): Promise<void> {
  await tx.query(
    `update public.webhook_deliveries
        set status = $2, last_status_code = $3, last_error = $4, attempt_log = attempt_log || $5::jsonb,
            delivered_at = case when $2 = 'delivered' then $6::timestamptz else null end,
            next_attempt_at = coalesce($7::timestamptz, next_attempt_at)
      where id = $1`,
    [
      id,
      outcome.delivered ? "delivered" : outcome.nextAttemptAt ? "pending" : "failed",
      attempt.status,
      attempt.error,
      JSON.stringify([attempt]),
      attempt.at,
      outcome.nextAttemptAt?.toISOString() ?? null,
    ],
  );
}
