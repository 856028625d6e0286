/**
 * The outbox of notices (`public.notifications`): queueing inside a person's
 * transaction, the outbox page's list, and the delivery worker's claim / mark
 * queries. The only file with SQL for notices.
 */
import type { Queryable } from "@/lib/db/client";
import type { NotificationChannel, NoticeAttachment } from "@/lib/notify/types";

export type { NotificationChannel } from "@/lib/notify/types";
export type NotificationStatus = "pending" | "sending" | "sent" | "failed" | "held" | "unknown";
export type RecipientKind = "technician" | "customer" | "user";

export const NOTIFICATION_STATUSES: readonly NotificationStatus[] = ["pending", "sending", "sent", "failed", "held", "unknown"];

/** Why a text message whose send was interrupted is not retried (see claimDueNotifications). */
export const SMS_FATE_UNKNOWN =
  "The delivery worker stopped while sending this text message, so nobody knows whether it went out. " +
  "It is not resent automatically (that could text the recipient twice): check with them, then resend it here if it never arrived.";
export const NOTIFICATION_CHANNELS: readonly NotificationChannel[] = ["email", "sms", "push"];

/** A notice to queue. `dedupeKey` is unique per company: the same key is never queued twice. */
export interface NewNotification {
  orgId: string;
  channel: NotificationChannel;
  /** An email address or a phone number, as the provider expects it. */
  recipient: string;
  recipientKind: RecipientKind;
  subject: string | null;
  body: string;
  /** What the notice is about, e.g. "technician_day", "arrival_window", "reschedule". */
  kind: string;
  jobId?: string | null;
  technicianId?: string | null;
  customerId?: string | null;
  dedupeKey: string;
  /** Defaults to the signed-in person of the transaction. */
  createdBy?: string | null;
}

/** A notice as the outbox page shows it. Timestamps are ISO strings (UTC). */
export interface OutboxNotice {
  id: string;
  channel: NotificationChannel;
  recipient: string;
  recipientKind: RecipientKind;
  subject: string | null;
  body: string;
  kind: string;
  jobId: string | null;
  /** The job's work order, when the notice is about a job this person may see. */
  workOrder: string | null;
  technicianId: string | null;
  customerId: string | null;
  dedupeKey: string;
  status: NotificationStatus;
  attempts: number;
  nextAttemptAt: string;
  provider: string | null;
  providerId: string | null;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface OutboxFilters {
  status?: NotificationStatus;
  channel?: NotificationChannel;
  /** At most 500; default 100. */
  limit?: number;
  /** Only notices listed after this one (a previous page's `next`). */
  before?: string;
}

export interface OutboxPage {
  items: OutboxNotice[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: string | null;
}

const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));

/**
 * Queues a notice in the caller's transaction (normally `withUser`, so row-level
 * security decides who may). A notice whose dedupe key the company already used is
 * not queued again: the existing row's id comes back with `created: false`.
 *
 * @example
 * await withUser(db, user, (tx) => queueNotification(tx, { orgId, channel: "sms", …, dedupeKey: `arrival:${jobId}:${start}` }));
 */
export async function queueNotification(tx: Queryable, n: NewNotification): Promise<{ id: string; created: boolean }> {
  const inserted = await tx.query<{ id: string }>(
    `insert into public.notifications
       (org_id, channel, recipient, recipient_kind, subject, body, kind, job_id, technician_id, customer_id, dedupe_key, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, coalesce($12::uuid, (select auth.uid())))
     on conflict (org_id, dedupe_key) do nothing
     returning id`,
    [
      n.orgId,
      n.channel,
      n.recipient.trim(),
      n.recipientKind,
      n.subject,
      n.body,
      n.kind,
      n.jobId ?? null,
      n.technicianId ?? null,
      n.customerId ?? null,
      n.dedupeKey,
      n.createdBy ?? null,
    ],
  );
  if (inserted[0]) return { id: inserted[0].id, created: true };
  const [existing] = await tx.query<{ id: string }>(
    "select id from public.notifications where org_id = $1 and dedupe_key = $2",
    [n.orgId, n.dedupeKey],
  );
  if (!existing) throw new Error(`notice ${n.dedupeKey} was neither queued nor found`);
  return { id: existing.id, created: false };
}

interface NoticeRow {
  id: string;
  channel: NotificationChannel;
  recipient: string;
  recipient_kind: RecipientKind;
  subject: string | null;
  body: string;
  kind: string;
  job_id: string | null;
  work_order: string | null;
  technician_id: string | null;
  customer_id: string | null;
  dedupe_key: string;
  status: NotificationStatus;
  attempts: number;
  next_attempt_at: Date | string;
  provider: string | null;
  provider_id: string | null;
  last_error: string | null;
  sent_at: Date | string | null;
  created_at: Date | string;
  created_by: string | null;
}

function toNotice(r: NoticeRow): OutboxNotice {
  return {
    id: r.id,
    channel: r.channel,
    recipient: r.recipient,
    recipientKind: r.recipient_kind,
    subject: r.subject,
    body: r.body,
    kind: r.kind,
    jobId: r.job_id,
    workOrder: r.work_order,
    technicianId: r.technician_id,
    customerId: r.customer_id,
    dedupeKey: r.dedupe_key,
    status: r.status,
    attempts: Number(r.attempts),
    nextAttemptAt: iso(r.next_attempt_at),
    provider: r.provider,
    providerId: r.provider_id,
    lastError: r.last_error,
    sentAt: isoOrNull(r.sent_at),
    createdAt: iso(r.created_at),
    createdBy: r.created_by,
  };
}

/**
 * A company's notices, newest first, optionally of one status and channel. Runs in
 * the caller's transaction: people who may not read the outbox get an empty page.
 *
 * @example
 * const page = await withUser(db, user, (tx) => listNotifications(tx, orgId, { status: "failed" }));
 */
export async function listNotifications(tx: Queryable, orgId: string, filters: OutboxFilters = {}): Promise<OutboxPage> {
  const limit = Math.max(1, Math.min(500, Math.floor(filters.limit ?? 100)));
  const where = ["n.org_id = $1"];
  const params: unknown[] = [orgId];
  if (filters.status) {
    params.push(filters.status);
    where.push(`n.status = $${params.length}`);
  }
  if (filters.channel) {
    params.push(filters.channel);
    where.push(`n.channel = $${params.length}`);
  }
  if (filters.before) {
    // one publish queues many notices with the same created_at: page by (created_at, id),
    // read from the row itself so no precision is lost on the way through JavaScript
    params.push(filters.before);
    where.push(
      `(n.created_at, n.id) < (select b.created_at, b.id from public.notifications b where b.id = $${params.length}::uuid)`,
    );
  }
  params.push(limit + 1);
  const rows = await tx.query<NoticeRow>(
    `select n.id, n.channel, n.recipient, n.recipient_kind, n.subject, n.body, n.kind, n.job_id, j.work_order,
            n.technician_id, n.customer_id, n.dedupe_key, n.status, n.attempts, n.next_attempt_at, n.provider,
            n.provider_id, n.last_error, n.sent_at, n.created_at, n.created_by
       from public.notifications n
       left join public.jobs j on j.org_id = n.org_id and j.id = n.job_id
      where ${where.join(" and ")}
      order by n.created_at desc, n.id desc
      limit $${params.length}`,
    params,
  );
  const items = rows.slice(0, limit).map(toNotice);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? last.id : null };
}

/** How many of a company's notices are in each status, per channel (for the outbox's summary). */
export async function countNotifications(
  tx: Queryable,
  orgId: string,
): Promise<{ channel: NotificationChannel; status: NotificationStatus; count: number }[]> {
  const rows = await tx.query<{ channel: NotificationChannel; status: NotificationStatus; count: number }>(
    `select channel, status, count(*)::int as count
       from public.notifications
      where org_id = $1
      group by channel, status
      order by channel, status`,
    [orgId],
  );
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

// ---------------------------------------------------------------------------
// The delivery worker's queries. They run in `withService` transactions: delivery
// state is the one thing no person can change (no update policy on the table).

/** A row the worker has claimed and must now send. */
export interface ClaimedNotice {
  id: string;
  orgId: string;
  channel: NotificationChannel;
  recipient: string;
  subject: string | null;
  body: string;
  /** This attempt's number (1 on the first try). */
  attempts: number;
  /** Files to attach (the morning export's CSV). */
  attachments: NoticeAttachment[];
}

export interface ClaimOptions {
  now: Date;
  /** Only rows of these channels (the ones with a provider). */
  channels: readonly NotificationChannel[];
  limit: number;
  maxAttempts: number;
  /** Until then the row is ours; after it another worker may take it back. */
  leaseUntil: Date;
  /** Only these companies' notices (a company's "send now", tests); default all. */
  orgIds?: readonly string[];
}

/**
 * Claims due notices for sending: pending ones, failed ones whose retry time has
 * come, and 'sending' ones whose worker's lease ran out (it stopped mid-send) —
 * except text messages: those become 'unknown' for a person to resend.
 * Rows another transaction holds are skipped, never waited for, so workers racing
 * each other claim disjoint rows. Claimed rows become 'sending' with one more attempt.
 * Commit the claim before sending.
 */
export async function claimDueNotifications(tx: Queryable, options: ClaimOptions): Promise<ClaimedNotice[]> {
  if (options.channels.length === 0 || options.limit <= 0) return [];
  const orgIds = options.orgIds ? [...options.orgIds] : null;
  // a text message whose worker stopped mid-send may have gone out: SMS has no
  // idempotency key, so it waits for a person instead of being sent again
  await tx.query(
    `update public.notifications
        set status = 'unknown', last_error = $3
      where status = 'sending' and channel = 'sms' and next_attempt_at <= $1
        and ($2::uuid[] is null or org_id = any ($2::uuid[]))`,
    [options.now, orgIds, SMS_FATE_UNKNOWN],
  );
  // a worker that stopped while sending the last allowed attempt: nothing will retry it
  await tx.query(
    `update public.notifications
        set status = 'failed',
            last_error = 'The worker stopped while sending attempt ' || attempts || '; delivery unknown, not retried.'
      where status = 'sending' and attempts >= $2 and next_attempt_at <= $1
        and ($3::uuid[] is null or org_id = any ($3::uuid[]))`,
    [options.now, options.maxAttempts, orgIds],
  );
  const rows = await tx.query<{
    id: string;
    org_id: string;
    channel: NotificationChannel;
    recipient: string;
    subject: string | null;
    body: string;
    attempts: number;
    attachments: { filename: string; content_type: string; content: string }[] | null;
  }>(
    `with due as (
       select id from public.notifications
        where channel = any ($2::text[])
          and ($6::uuid[] is null or org_id = any ($6::uuid[]))
          and (status = 'pending'
               or (status in ('failed', 'sending') and attempts < $3 and next_attempt_at <= $1))
        order by next_attempt_at, created_at, id
        limit $4
        for update skip locked
     )
     update public.notifications n
        set last_error = case when n.status = 'sending'
                              then 'The worker stopped while sending attempt ' || n.attempts || '; sent again (idempotent for email).'
                              else n.last_error end,
            status = 'sending',
            attempts = n.attempts + 1,
            next_attempt_at = $5
       from due
      where n.id = due.id
     returning n.id, n.org_id, n.channel, n.recipient, n.subject, n.body, n.attempts, n.attachments`,
    [options.now, [...options.channels], options.maxAttempts, options.limit, options.leaseUntil, orgIds],
  );
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    channel: r.channel,
    recipient: r.recipient,
    subject: r.subject,
    body: r.body,
    attempts: Number(r.attempts),
    attachments: (r.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.content_type, content: a.content })),
  }));
}

/**
 * Records a delivered notice. Sent wins over everything but sent: a worker whose
 * lease ran out still records a send that went through. Returns false when the row
 * was already sent.
 */
export async function markNotificationSent(
  tx: Queryable,
  id: string,
  result: { provider: string; providerId: string; sentAt: Date },
): Promise<boolean> {
  const rows = await tx.query(
    `update public.notifications
        set status = 'sent', provider = $2, provider_id = $3, sent_at = $4, last_error = null
      where id = $1 and status in ('sending', 'failed', 'unknown')
      returning id`,
    [id, result.provider, result.providerId, result.sentAt],
  );
  return rows.length > 0;
}

/**
 * Records a failed attempt and when to try again (`nextAttemptAt`; with no retry
 * left the row stays failed for good). Only the claim that made attempt number
 * `attempts` may record it: a worker whose lease ran out cannot fail a row another
 * worker has taken over. Returns false when the row was not ours any more.
 */
export async function markNotificationFailed(
  tx: Queryable,
  id: string,
  result: { attempts: number; provider: string | null; error: string; nextAttemptAt: Date },
): Promise<boolean> {
  const rows = await tx.query(
    `update public.notifications
        set status = 'failed', provider = coalesce($3, provider), last_error = $4, next_attempt_at = $5
      where id = $1 and status = 'sending' and attempts = $2
      returning id`,
    [id, result.attempts, result.provider, result.error.slice(0, 2000), result.nextAttemptAt],
  );
  return rows.length > 0;
}

/**
 * A person's decision to send again a notice whose outcome is unknown (see
 * claimDueNotifications): it goes back to the queue. Admins and dispatchers only; the
 * database refuses anyone else and any notice not in 'unknown'.
 */
export async function resendNotice(tx: Queryable, notificationId: string): Promise<void> {
  await tx.query(`select public.resend_notice($1)`, [notificationId]);
}
