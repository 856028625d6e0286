/**
 * Email through Resend, with the official SDK. The outbox row's id is the
 * idempotency key, so a send that is retried (a timeout, a worker that stopped
 * after Resend accepted) is delivered once.
 */
import { Resend } from "resend";
import type { NotifyProvider, OutgoingNotice, SendResult } from "@/lib/notify/types";

export interface ResendEmailOptions {
  apiKey: string;
  /** "Crewboard <notices@example.com>"; the domain must be verified at Resend. */
  from: string;
  /** Resend's API, or a stand-in for tests (default https://api.resend.com). */
  baseUrl?: string;
  /** Give up on one request after this long (default 15 s). */
  timeoutMs?: number;
}

/** The first line of a text, as a subject for a notice queued without one. */
function fallbackSubject(text: string): string {
  const first = text.split("\n").find((l) => l.trim()) ?? "Notice";
  return first.length > 120 ? `${first.slice(0, 119)}…` : first;
}

/**
 * An email provider sending plain-text notices through Resend, with their
 * attachments (base64 content, as Resend's API takes it).
 *
 * @example
 * const email = resendEmail({ apiKey: process.env.RESEND_API_KEY!, from: "Acme <notices@acme.test>" });
 * await email.send({ id, to: "dana@example.com", subject: "Your visit", text: "…" }); // { ok: true, providerId: "…" }
 */
export function resendEmail(options: ResendEmailOptions): NotifyProvider {
  const client = new Resend(options.apiKey, { baseUrl: options.baseUrl?.replace(/\/+$/, "") || "https://api.resend.com" });
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    name: "resend",
    channel: "email",
    async send(notice: OutgoingNotice): Promise<SendResult> {
      try {
        const { data, error } = await client.emails.send(
          {
            from: options.from,
            to: [notice.to],
            subject: notice.subject?.trim() || fallbackSubject(notice.text),
            text: notice.text,
            ...(notice.attachments?.length
              ? { attachments: notice.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })) }
              : {}),
          },
          { idempotencyKey: notice.id, signal: AbortSignal.timeout(timeoutMs) },
        );
        if (error) {
          const status = error.statusCode ? `HTTP ${error.statusCode}` : "no response";
          return { ok: false, error: `Resend ${status} (${error.name}): ${error.message}` };
        }
        if (!data?.id) return { ok: false, error: "Resend accepted the email but returned no id" };
        return { ok: true, providerId: data.id };
      } catch (err) {
        return { ok: false, error: `Resend: ${err instanceof Error ? err.message : String(err)}` };
      }
    },
  };
}
