"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { createWebhookAction, deleteWebhookAction, sendWebhookTestAction, setWebhookActiveAction } from "@/app/(app)/settings/webhooks/actions";
import type { WebhookDelivery, WebhookEndpoint } from "@/lib/db/webhooks";
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_NAMES } from "@/lib/webhooks/events";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";

const time = (iso: string, timeZone: string) => new Date(iso).toLocaleString("en-GB", { timeZone, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", second: "2-digit" });

const STATUS_TEXT: Record<WebhookDelivery["status"], string> = {
  pending: "waiting to retry",
  sending: "sending",
  delivered: "delivered",
  failed: "gave up",
};

/** Endpoints with their events, a form for a new one, and the delivery log. */
export function WebhooksManager({ endpoints, deliveries, timeZone }: { endpoints: WebhookEndpoint[]; deliveries: WebhookDelivery[]; timeZone: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const urls = new Map(endpoints.map((e) => [e.id, e.url]));
  const waiting = deliveries.some((d) => d.status === "pending" || d.status === "sending");

  // while something waits to be delivered, follow the log
  useEffect(() => {
    if (!waiting) return;
    const t = setInterval(() => router.refresh(), 3000);
    return () => clearInterval(t);
  }, [waiting, router]);

  function create(form: FormData) {
    const input = { url: String(form.get("url") ?? ""), description: String(form.get("description") ?? ""), events: form.getAll("events").map(String) };
    start(async () => {
      const r = await createWebhookAction(input);
      if (!r.ok) {
        setErrors(r.error.fieldErrors ?? {});
        setMessage({ kind: "error", text: r.error.message });
        return;
      }
      setErrors({});
      setMessage(null);
      setSecret({ url: input.url, secret: r.data.secret });
      router.refresh();
    });
  }

  function act(fn: () => Promise<{ ok: boolean; error?: { message: string } }>, done: string) {
    start(async () => {
      const r = await fn();
      setMessage(r.ok ? { kind: "success", text: done } : { kind: "error", text: r.error!.message });
      router.refresh();
    });
  }

  return (
    <div className="space-y-4">
      {message ? <Banner kind={message.kind}>{message.text}</Banner> : null}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <section aria-labelledby="endpoints-title" className="rounded-lg border border-slate-200 bg-white">
          <h2 id="endpoints-title" className="border-b border-slate-200 px-3 py-2 font-medium">
            Endpoints
          </h2>
          <ul className="divide-y divide-slate-100">
            {endpoints.map((e) => (
              <li key={e.id} className="space-y-1 px-3 py-2" data-testid="webhook-endpoint">
                <div className="flex flex-wrap items-baseline gap-2">
                  <span className="break-all font-mono text-sm">{e.url}</span>
                  {!e.active ? <span className="rounded bg-slate-200 px-1 text-xs text-slate-800">paused</span> : null}
                </div>
                {e.description ? <p className="text-sm text-slate-700">{e.description}</p> : null}
                <p className="text-xs text-slate-600">{e.events.join(", ")}</p>
                <div className="flex gap-3 text-sm">
                  <button type="button" disabled={pending} className="text-brand-700 underline" onClick={() => act(() => sendWebhookTestAction({ endpointId: e.id }), "Test event queued: it appears in the log below.")}>
                    Send test event
                  </button>
                  <button type="button" disabled={pending} className="text-brand-700 underline" onClick={() => act(() => setWebhookActiveAction({ endpointId: e.id, active: !e.active }), e.active ? "Endpoint paused." : "Endpoint resumed.")}>
                    {e.active ? "Pause" : "Resume"}
                  </button>
                  <button
                    type="button"
                    disabled={pending}
                    className="text-red-700 underline"
                    onClick={() => window.confirm(`Remove ${e.url} and its delivery log?`) && act(() => deleteWebhookAction({ endpointId: e.id }), "Endpoint removed.")}
                  >
                    Remove
                  </button>
                </div>
              </li>
            ))}
            {endpoints.length === 0 ? <li className="px-3 py-6 text-center text-slate-600">No endpoints yet.</li> : null}
          </ul>
        </section>
        <section aria-labelledby="new-endpoint-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-3">
          <h2 id="new-endpoint-title" className="font-medium">
            New endpoint
          </h2>
          {secret ? (
            <div role="status" className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950">
              <p>Copy the signing secret for {secret.url} now: it is shown only once.</p>
              <code data-testid="webhook-secret" className="block break-all rounded bg-white p-1.5 font-mono text-xs">
                {secret.secret}
              </code>
            </div>
          ) : null}
          <form action={create} className="space-y-2">
            <Field id="webhook-url" label="URL" error={errors.url} hint="https://… (plain http only to localhost)">
              <input id="webhook-url" name="url" type="url" required className={INPUT_CLASS} aria-invalid={Boolean(errors.url)} />
            </Field>
            <Field id="webhook-description" label="Description" error={errors.description}>
              <input id="webhook-description" name="description" maxLength={200} className={INPUT_CLASS} />
            </Field>
            <fieldset aria-describedby={errors.events ? "webhook-events-error" : undefined}>
              <legend className="text-xs font-medium text-slate-700">Events</legend>
              {WEBHOOK_EVENT_NAMES.map((name) => (
                <label key={name} className="flex items-start gap-2 text-sm">
                  <input type="checkbox" name="events" value={name} defaultChecked={name === "job.created"} className="mt-1" />
                  <span>
                    <code>{name}</code> <span className="text-slate-600">— {WEBHOOK_EVENTS[name]}</span>
                  </span>
                </label>
              ))}
              {errors.events ? (
                <p id="webhook-events-error" className="text-xs text-red-700">
                  {errors.events[0]}
                </p>
              ) : null}
            </fieldset>
            <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-white hover:bg-brand-700">
              Add endpoint
            </button>
          </form>
          <p className="text-xs text-slate-600">
            Each delivery is a JSON POST with <code>Crewboard-Signature: t=&lt;unix time&gt;,v1=&lt;hex HMAC-SHA256 of &quot;t.body&quot;&gt;</code>. Answer 2xx; anything else is retried after 1, 2, 4 and 8 minutes.
          </p>
        </section>
      </div>
      <section aria-labelledby="deliveries-title" className="rounded-lg border border-slate-200 bg-white">
        <h2 id="deliveries-title" className="border-b border-slate-200 px-3 py-2 font-medium">
          Delivery log
        </h2>
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-slate-600">
            <tr>
              <th className="px-3 py-1.5">Queued</th>
              <th className="px-3 py-1.5">Event</th>
              <th className="px-3 py-1.5">Endpoint</th>
              <th className="px-3 py-1.5">State</th>
              <th className="px-3 py-1.5">Responses</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {deliveries.map((d) => (
              <tr key={d.id} data-testid="webhook-delivery">
                <td className="px-3 py-1.5">{time(d.createdAt, timeZone)}</td>
                <td className="px-3 py-1.5 font-mono text-xs">{d.eventType}</td>
                <td className="break-all px-3 py-1.5 font-mono text-xs">{urls.get(d.endpointId) ?? ""}</td>
                <td className="px-3 py-1.5">
                  {STATUS_TEXT[d.status]}
                  {d.status === "pending" && d.attempts > 0 ? ` at ${time(d.nextAttemptAt, timeZone)}` : ""}
                </td>
                <td className="px-3 py-1.5">
                  {d.log.length === 0
                    ? "not sent yet"
                    : d.log.map((a, i) => (
                        <span key={i} className="mr-2 inline-block" title={a.error ?? undefined}>
                          {a.status ?? "no answer"}
                        </span>
                      ))}
                  {d.lastError && d.status !== "delivered" ? <span className="block text-xs text-red-700">{d.lastError}</span> : null}
                </td>
              </tr>
            ))}
            {deliveries.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-3 py-6 text-center text-slate-600">
                  Nothing sent yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </section>
    </div>
  );
}
