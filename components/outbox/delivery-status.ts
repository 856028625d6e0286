/**
 * What the Outbox page says about a notice's delivery, in words a dispatcher can
 * act on: sent when and through whom, why it is waiting, what failed and when the
 * next try is. Pure: takes the company's zone and today's date.
 */
import type { OutboxNotice } from "@/lib/db/notifications";
import { formatHm, formatInZone } from "@/lib/time/format-time";
import { wallClock } from "@/lib/time/zoned-time";
import { MAX_ATTEMPTS } from "@/lib/notify/retry-policy";
import type { NotificationChannel } from "@/lib/notify/types";

export type DeliveryTone = "sent" | "waiting" | "failed" | "stopped";

export interface DeliveryStatus {
  tone: DeliveryTone;
  /** One line for the table. */
  label: string;
  /** Everything, for a tooltip (full provider id, full error). */
  title: string;
}

export interface DeliveryContext {
  timeZone: string;
  /** Channels that have a provider in this installation. */
  configured: readonly NotificationChannel[];
  /** Now, to leave the date off times that are today. */
  now: Date;
  maxAttempts?: number;
}

const PROVIDER_LABEL: Record<string, string> = { resend: "Resend", twilio: "Twilio", "web-push": "Web Push" };
const CHANNEL_LABEL: Record<NotificationChannel, string> = { email: "email", sms: "SMS", push: "push" };

function when(iso: string, ctx: DeliveryContext): string {
  const at = new Date(iso);
  const clock = formatHm(at, ctx.timeZone);
  if (wallClock(at, ctx.timeZone).date === wallClock(ctx.now, ctx.timeZone).date) return clock;
  const day = formatInZone(at, "MMM d", { timeZone: ctx.timeZone });
  return `${day}, ${clock}`;
}

const shorten = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * @example
 * describeDelivery(sentNotice, { timeZone: "America/Chicago", configured: ["email"], now })
 * // { tone: "sent", label: "Sent 09:14 via Resend (id 4ef9a4…)", title: "Sent 09:14 via Resend (id 4ef9a4c2-…)" }
 */
export function describeDelivery(n: OutboxNotice, ctx: DeliveryContext): DeliveryStatus {
  const max = ctx.maxAttempts ?? MAX_ATTEMPTS;
  const provider = n.provider ? (PROVIDER_LABEL[n.provider] ?? n.provider) : null;
  const channel = CHANNEL_LABEL[n.channel];
  const hasProvider = ctx.configured.includes(n.channel);

  switch (n.status) {
    case "sent": {
      const via = provider ? ` via ${provider}` : "";
      const full = `Sent ${n.sentAt ? when(n.sentAt, ctx) : ""}${via}${n.providerId ? ` (id ${n.providerId})` : ""}`;
      const label = `Sent ${n.sentAt ? when(n.sentAt, ctx) : ""}${via}${n.providerId ? ` (id ${shorten(n.providerId, 10)})` : ""}`;
      return { tone: "sent", label, title: full };
    }
    case "pending": {
      const label = hasProvider ? "Queued — waiting for the delivery worker" : `Not sent — no ${channel} provider configured`;
      return { tone: hasProvider ? "waiting" : "stopped", label, title: label };
    }
    case "sending": {
      const label = `Sending (attempt ${n.attempts})…`;
      return { tone: "waiting", label, title: label };
    }
    case "held": {
      const label = "Held — not sent";
      return { tone: "stopped", label, title: n.lastError ? `${label}: ${n.lastError}` : label };
    }
    case "unknown": {
      const label = "Outcome unknown — not resent automatically";
      return { tone: "failed", label, title: n.lastError ? `${label}: ${n.lastError}` : label };
    }
    case "failed": {
      const error = n.lastError ?? "no error recorded";
      const head = `Failed ${n.attempts}× — last error ${shorten(error, 90)}`;
      const full = `Failed ${n.attempts}× — last error ${error}`;
      let tail: string;
      if (n.attempts >= max) tail = "; gave up";
      else if (!hasProvider) tail = `; not retried: no ${channel} provider configured`;
      else tail = `, next try ${when(n.nextAttemptAt, ctx)}`;
      return { tone: "failed", label: `${head}${tail}`, title: `${full}${tail}` };
    }
  }
}

const KIND_LABEL: Record<string, string> = {
  technician_day: "Technician's day",
  arrival_window: "Arrival window",
  reschedule: "Reschedule",
};

/** "arrival_window" → "Arrival window"; unknown kinds read as words. */
export function kindLabel(kind: string): string {
  if (KIND_LABEL[kind]) return KIND_LABEL[kind];
  const words = kind.replace(/[_-]+/g, " ").trim();
  return words ? words[0].toUpperCase() + words.slice(1) : kind;
}

/** The subject, or for a text message its first line. */
export function headline(n: Pick<OutboxNotice, "subject" | "body">): string {
  return n.subject?.trim() || n.body.split("\n").find((l) => l.trim())?.trim() || "";
}
