/**
 * What the delivery worker hands a provider and what it gets back. Providers never
 * see a database row, and the worker never sees a provider's SDK.
 */

export type NotificationChannel = "email" | "sms" | "push";

/** One notice on its way out. */
export interface OutgoingNotice {
  /** The outbox row's id; email providers use it as the idempotency key. */
  id: string;
  to: string;
  /** Email subject; SMS ignores it. */
  subject: string | null;
  text: string;
  /** Files to attach (email only; SMS ignores them). */
  attachments?: NoticeAttachment[];
}

/** A file sent with an email notice; `content` is base64. */
export interface NoticeAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export type SendResult =
  | { ok: true; providerId: string }
  | { ok: false; error: string };

/** A way to deliver one channel (Resend for email, a Twilio-compatible API for SMS). */
export interface NotifyProvider {
  /** Recorded on the row as `provider`, e.g. "resend", "twilio". */
  readonly name: string;
  readonly channel: NotificationChannel;
  /** Never throws for a refusal or an outage: those come back as `{ ok: false, error }`. */
  send(notice: OutgoingNotice): Promise<SendResult>;
}

/** The configured provider per channel; a channel without one is not delivered. */
export type NotifyProviders = Partial<Record<NotificationChannel, NotifyProvider>>;
