/**
 * Push notices to the technician's installed app through Web Push (the `web-push`
 * library: payload encrypted for the phone, request signed with the server's VAPID
 * key). A subscription the push service no longer knows (404 / 410) is removed.
 */
import webpush from "web-push";
import type { NotifyProvider, OutgoingNotice, SendResult } from "@/lib/notify/types";
import type { VapidKeys } from "@/lib/push/vapid";

/** A phone's subscription, as stored. */
export interface StoredSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface WebPushProviderOptions {
  vapid: VapidKeys;
  /** The subscription behind an outbox recipient (its endpoint); null when it is gone. */
  lookup(endpoint: string): Promise<StoredSubscription | null>;
  /** Forget a subscription the push service says has expired. */
  onGone(endpoint: string): Promise<void>;
  /** Seconds the push service keeps a message for an offline phone. Default 1 day. */
  ttlSeconds?: number;
}

/** What the service worker shows: title, text, and where a tap opens. */
export function pushPayload(notice: Pick<OutgoingNotice, "subject" | "text">): string {
  return JSON.stringify({ title: notice.subject ?? "Crewboard", body: notice.text, url: "/tech" });
}

/**
 * @example
 * const push = createWebPushProvider({ vapid: vapidKeys(), lookup, onGone });
 * await push.send({ id, to: endpoint, subject: "New offer", text: "WO-1042 …" }) // { ok: true, providerId: "201 …" }
 */
export function createWebPushProvider(options: WebPushProviderOptions): NotifyProvider {
  return {
    name: "web-push",
    channel: "push",
    async send(notice: OutgoingNotice): Promise<SendResult> {
      const sub = await options.lookup(notice.to);
      if (!sub) return { ok: false, error: "The phone's push subscription was removed." };
      let request: webpush.RequestDetails;
      try {
        // web-push encrypts the payload for the phone (aes128gcm) and signs the VAPID header
        request = webpush.generateRequestDetails({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, pushPayload(notice), {
          vapidDetails: { subject: options.vapid.subject, publicKey: options.vapid.publicKey, privateKey: options.vapid.privateKey },
          TTL: options.ttlSeconds ?? 86_400,
          // the outbox row's id: the push service can drop a repeat of the same message
          topic: notice.id.replace(/-/g, "").slice(0, 32),
        });
      } catch (err) {
        return { ok: false, error: `web-push: ${err instanceof Error ? err.message : String(err)}` };
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.headers)) if (k.toLowerCase() !== "content-length") headers[k] = String(v);
      let res: Response;
      try {
        res = await fetch(request.endpoint, { method: request.method, headers, body: request.body ? new Uint8Array(request.body) : null, signal: AbortSignal.timeout(15_000) });
      } catch (err) {
        return { ok: false, error: `web-push: ${err instanceof Error ? err.message : String(err)}` };
      }
      if (res.status === 404 || res.status === 410) {
        await options.onGone(sub.endpoint);
        return { ok: false, error: `The push service no longer knows this phone (${res.status}); its subscription was removed.` };
      }
      if (!res.ok) return { ok: false, error: `web-push: ${res.status} ${(await res.text()).slice(0, 300)}`.trim() };
      return { ok: true, providerId: res.headers.get("location") ?? String(res.status) };
    },
  };
}
