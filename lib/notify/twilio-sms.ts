/**
 * Text messages through Twilio's Messages API, or any service that speaks it
 * (form-encoded POST, basic auth with the account SID and token, JSON reply with
 * a `sid`). Plain fetch: no SDK needed for one call.
 */
import type { NotifyProvider, OutgoingNotice, SendResult } from "@/lib/notify/types";

export interface TwilioSmsOptions {
  /** Default https://api.twilio.com. */
  apiUrl?: string;
  accountSid: string;
  authToken: string;
  /** The sending number (E.164) or a messaging service's alphanumeric sender. */
  from: string;
  /** Give up on one request after this long (default 15 s). */
  timeoutMs?: number;
}

interface TwilioReply {
  sid?: string;
  code?: number;
  message?: string;
}

/**
 * An SMS provider for a Twilio-compatible API.
 *
 * @example
 * const sms = twilioSms({ accountSid: "AC…", authToken: "…", from: "+13125550199" });
 * await sms.send({ id, to: "+13125550100", subject: null, text: "Acme Heating: your visit …" }); // { ok: true, providerId: "SM…" }
 */
export function twilioSms(options: TwilioSmsOptions): NotifyProvider {
  const base = (options.apiUrl || "https://api.twilio.com").replace(/\/+$/, "");
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString("base64")}`;
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    name: "twilio",
    channel: "sms",
    async send(notice: OutgoingNotice): Promise<SendResult> {
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: {
            Authorization: auth,
            "Content-Type": "application/x-www-form-urlencoded",
            Accept: "application/json",
          },
          body: new URLSearchParams({ To: notice.to, From: options.from, Body: notice.text }).toString(),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause?.code;
        return { ok: false, error: `SMS API unreachable: ${err instanceof Error ? err.message : String(err)}${cause ? ` (${cause})` : ""}` };
      }
      const raw = await response.text().catch(() => "");
      let reply: TwilioReply = {};
      try {
        reply = raw ? (JSON.parse(raw) as TwilioReply) : {};
      } catch {
        // not JSON (a proxy's error page): report the status and the start of the body
      }
      if (!response.ok) {
        const detail = reply.message ?? (raw.slice(0, 200) || response.statusText);
        return { ok: false, error: `SMS API HTTP ${response.status}${reply.code ? ` (code ${reply.code})` : ""}: ${detail}` };
      }
      if (!reply.sid) return { ok: false, error: `SMS API HTTP ${response.status} without a message sid` };
      return { ok: true, providerId: reply.sid };
    },
  };
}
