/**
 * Notices to a technician: a push message to every phone where they allowed it,
 * falling back to text or email when they have none (or chose another channel).
 * The same notice (its dedupe key) is queued once, whichever channel it took.
 */
import { createHash } from "node:crypto";
import type { Queryable } from "@/lib/db/client";
import { queueNotification, type NotificationChannel } from "@/lib/db/notifications";
import { chooseCustomerChannel } from "@/lib/notify/customer-channel";
import type { ComposedNotice } from "@/lib/notify/notice-text";

export interface TechnicianContact {
  id: string;
  email: string | null;
  phone: string | null;
}

export interface TechnicianNotice {
  orgId: string;
  technician: TechnicianContact;
  /** The technician's chosen channel for reminders; push for everything else. */
  prefer: "push" | "sms" | "email";
  notice: ComposedNotice;
  kind: string;
  dedupeKey: string;
  jobId?: string | null;
  createdBy?: string | null;
}

/** The endpoints of a technician's subscribed phones (a security-definer lookup: subscriptions are private to their owner). */
export async function pushEndpointsOf(tx: Queryable, technicianId: string): Promise<string[]> {
  const rows = await tx.query<{ endpoint: string }>("select endpoint from private.push_endpoints_of($1) as endpoint", [technicianId]);
  return rows.map((r) => r.endpoint);
}

/**
 * Queues a notice to a technician; returns the channel it went by, "already" when
 * it was queued before, or null when they cannot be reached at all.
 */
export async function queueTechnicianNotice(tx: Queryable, n: TechnicianNotice): Promise<NotificationChannel | "already" | null> {
  // several app instances may run the same reminder round: one of them decides
  await tx.query("select pg_advisory_xact_lock(hashtext($1))", [`notice:${n.orgId}:${n.dedupeKey}`]);
  const [seen] = await tx.query<{ found: boolean }>("select private.notice_exists($1, $2) as found", [n.orgId, n.dedupeKey]);
  if (seen?.found) return "already";
  const endpoints = await pushEndpointsOf(tx, n.technician.id);
  const text = chooseCustomerChannel({ phone: n.technician.phone }, "sms");
  const mail = n.technician.email ? { channel: "email" as const, recipient: n.technician.email } : null;
  const usePush = endpoints.length > 0 && (n.prefer === "push" || (!text && !mail));
  const base = {
    orgId: n.orgId,
    recipientKind: "technician" as const,
    kind: n.kind,
    jobId: n.jobId ?? null,
    technicianId: n.technician.id,
    createdBy: n.createdBy ?? null,
  };
  if (usePush) {
    for (const endpoint of endpoints) {
      await queueNotification(tx, {
        ...base,
        channel: "push",
        recipient: endpoint,
        subject: n.notice.subject,
        body: n.notice.sms,
        dedupeKey: `${n.dedupeKey}:push:${createHash("sha256").update(endpoint).digest("hex").slice(0, 16)}`,
      });
    }
    return "push";
  }
  // without a subscribed phone: the chosen channel, else email before text
  const target = n.prefer === "sms" ? (text ?? mail) : (mail ?? text);
  if (!target) return null;
  await queueNotification(tx, {
    ...base,
    channel: target.channel,
    recipient: target.recipient,
    subject: target.channel === "email" ? n.notice.subject : null,
    body: target.channel === "email" ? n.notice.text : n.notice.sms,
    dedupeKey: n.dedupeKey,
  });
  return target.channel;
}
