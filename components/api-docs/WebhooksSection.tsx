import type { WebhookView } from "@/lib/api/reference";
import { FieldTable } from "@/components/api-docs/OperationSection";
import { CodeBlock, Prose } from "@/components/api-docs/Prose";
import { VERIFY_WEBHOOK_SNIPPET } from "@/lib/webhooks/verify-snippet";


/** What Crewboard POSTs to registered endpoints: how to check it, and each event's body. */
export function WebhooksSection({ webhooks }: { webhooks: WebhookView[] }) {
  const signature = webhooks[0]?.headers.find((h) => h.name === "Crewboard-Signature");
  return (
    <section id="webhooks" aria-labelledby="webhooks-title" className="scroll-mt-4 space-y-4">
      <h2 id="webhooks-title" className="text-lg font-semibold">
        Webhooks
      </h2>
      <div className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-2 text-slate-800">
          <p>
            An administrator registers an endpoint (https, or http to localhost) and the events it wants in Settings → Webhooks; the signing secret is shown once. Crewboard
            queues an event in the same transaction as the change, whichever door it came through, and POSTs its JSON body with two headers:
          </p>
          <ul className="list-disc space-y-1 pl-5">
            <li>
              <code className="font-mono">Crewboard-Signature</code>: {signature?.description ? <Prose text={signature.description} /> : null}
            </li>
            <li>
              <code className="font-mono">Crewboard-Event</code>: the event&apos;s type.
            </li>
          </ul>
          <p>
            Any 2xx answer marks the delivery done; anything else is retried after 1, 2, 4 and 8 minutes, then given up. A retry carries the same <code className="font-mono">id</code>, so
            skip an event you already handled. The delivery log in Settings shows every attempt.
          </p>
        </div>
        <div className="min-w-0">
          <h3 className="mb-1 text-sm font-semibold">Checking the signature</h3>
          <CodeBlock>{VERIFY_WEBHOOK_SNIPPET}</CodeBlock>
        </div>
      </div>
      {webhooks.map((w) => (
        <section key={w.event} id={`webhook-${w.event.replace(/\./g, "-")}`} aria-labelledby={`webhook-${w.event}-title`} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white" data-testid="webhook">
          <header className="border-b border-slate-200 px-4 py-3">
            <h3 id={`webhook-${w.event}-title`} className="font-mono text-base font-semibold">
              {w.event}
            </h3>
            <p className="mt-0.5 text-slate-800">{w.summary}</p>
          </header>
          <div className="grid gap-4 p-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
            <div className="min-w-0">
              <h4 className="mb-1 text-sm font-semibold">Body</h4>
              <FieldTable rows={w.rows} caption={`Body of the ${w.event} event`} />
            </div>
            <div className="min-w-0">
              <h4 className="mb-1 text-sm font-semibold">Example body</h4>
              <CodeBlock>{w.example}</CodeBlock>
            </div>
          </div>
        </section>
      ))}
    </section>
  );
}
