import Link from "next/link";
import type { FieldRow, TagView, WebhookView } from "@/lib/api/reference";
import { ApiKeyProvider } from "@/components/api-docs/ApiKeyContext";
import { OperationSection, FieldTable } from "@/components/api-docs/OperationSection";
import { WebhooksSection } from "@/components/api-docs/WebhooksSection";
import { CodeBlock, MethodBadge, Prose } from "@/components/api-docs/Prose";

/** The problem types the API answers with; `type` of a problem points at these anchors. */
const PROBLEMS: { slug: string; status: number; words: string }[] = [
  { slug: "validation", status: 422, words: "some fields need attention; each is listed in errors with a pointer or parameter." },
  { slug: "unauthorized", status: 401, words: "no key, or an unknown or revoked key." },
  { slug: "forbidden", status: 403, words: "the key's scope does not allow it (a read key cannot write)." },
  { slug: "not-found", status: 404, words: "nothing with that id in your company." },
  { slug: "conflict", status: 409, words: "the change breaks a rule or someone was first." },
  { slug: "idempotency-key-reused", status: 409, words: "that Idempotency-Key came with another body." },
  { slug: "precondition-failed", status: 412, words: "the resource changed since your If-Match version." },
  { slug: "precondition-required", status: 428, words: "send If-Match." },
  { slug: "rate-limited", status: 429, words: "wait Retry-After seconds." },
];

export interface ApiReferenceProps {
  title: string;
  version: string;
  description: string | null;
  tags: TagView[];
  /** Base of the operations' paths for the browser, e.g. `/api/v1`. */
  baseUrl: string;
  webhooks: WebhookView[];
  problemRows: FieldRow[];
  problemExample: string | null;
}

/** Crewboard's API reference: contents by tag, the basics, one section per operation, the errors. */
export function ApiReference({ title, version, description, tags, baseUrl, webhooks, problemRows, problemExample }: ApiReferenceProps) {
  return (
    <div className="min-h-full">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-7xl px-4 py-4">
          <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">
            <Link href="/" className="hover:underline">
              Crewboard
            </Link>{" "}
            · {title} {version}
          </p>
          <h1 className="mt-1 text-xl font-semibold">Crewboard API reference</h1>
          {description ? (
            <p className="mt-1 max-w-3xl text-slate-800">
              <Prose text={description} />
            </p>
          ) : null}
          <p className="mt-1 text-slate-800">
            The OpenAPI 3.1 document this page is made from:{" "}
            <a href="/api/v1/openapi.json" className="font-mono text-brand-700 underline">
              /api/v1/openapi.json
            </a>
            .
          </p>
        </div>
      </header>
      <div className="mx-auto max-w-7xl gap-8 px-4 py-4 lg:grid lg:grid-cols-[14rem_minmax(0,1fr)]">
        <nav aria-label="Contents" className="mb-4 lg:sticky lg:top-0 lg:mb-0 lg:max-h-screen lg:self-start lg:overflow-y-auto lg:py-2">
          <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-700">Contents</h2>
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 lg:block lg:space-y-2">
            <li>
              <a href="#basics" className="font-medium text-brand-700 hover:underline">
                Basics
              </a>
            </li>
            {tags.map((t) => (
              <li key={t.slug}>
                <a href={`#${t.slug}`} className="font-medium text-brand-700 hover:underline">
                  {t.name}
                </a>
                <ul className="mt-1 hidden space-y-1 border-l border-slate-200 pl-2 lg:block">
                  {t.operations.map((op) => (
                    <li key={op.id}>
                      <a href={`#${op.id}`} className="flex items-start gap-1.5 text-xs text-slate-800 hover:underline">
                        <span className="w-11 shrink-0 font-mono font-semibold text-slate-700">{op.method}</span>
                        <span>{op.summary}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
            {webhooks.length > 0 ? (
              <li>
                <a href="#webhooks" className="font-medium text-brand-700 hover:underline">
                  Webhooks
                </a>
              </li>
            ) : null}
            <li>
              <a href="#errors" className="font-medium text-brand-700 hover:underline">
                Errors
              </a>
            </li>
          </ul>
        </nav>
        <ApiKeyProvider>
          <main className="min-w-0 space-y-8">
            <section id="basics" aria-labelledby="basics-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
              <h2 id="basics-title" className="text-lg font-semibold">
                Basics
              </h2>
              <dl className="grid gap-3 md:grid-cols-2">
                <div>
                  <dt className="font-semibold">Authentication</dt>
                  <dd className="text-slate-800">
                    Send <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>. An administrator creates keys in Settings → API keys; a{" "}
                    <em>read</em> key reads, a <em>read and write</em> key also changes. Each key acts for its own company only.
                  </dd>
                </div>
                <div>
                  <dt className="font-semibold">Safe to retry</dt>
                  <dd className="text-slate-800">
                    Every POST needs an <code className="font-mono">Idempotency-Key</code>: the same key and body get the same answer (
                    <code className="font-mono">Idempotent-Replayed: true</code>), the same key with another body gets 409.
                  </dd>
                </div>
                <div>
                  <dt className="font-semibold">Versions</dt>
                  <dd className="text-slate-800">
                    A resource&apos;s <code className="font-mono">ETag</code> is its version. PATCH needs <code className="font-mono">If-Match</code> with the ETag you read: 412 when it changed
                    since, 428 without it.
                  </dd>
                </div>
                <div>
                  <dt className="font-semibold">Pages and limits</dt>
                  <dd className="text-slate-800">
                    Lists come a page at a time: pass <code className="font-mono">nextCursor</code> as <code className="font-mono">cursor</code>. A key makes a limited number of requests a
                    minute, then gets 429 with <code className="font-mono">Retry-After</code>.
                  </dd>
                </div>
              </dl>
              <p className="text-slate-800">
                Each operation below has a <strong>Try it</strong> form that sends the request to this Crewboard with the key you type; the key stays in this page only.
              </p>
            </section>
            {tags.map((t) => (
              <section key={t.slug} id={t.slug} aria-labelledby={`${t.slug}-title`} className="scroll-mt-4 space-y-4">
                <h2 id={`${t.slug}-title`} className="text-lg font-semibold">
                  {t.name}
                </h2>
                <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs lg:hidden" aria-label={`${t.name} operations`}>
                  {t.operations.map((op) => (
                    <li key={op.id}>
                      <a href={`#${op.id}`} className="text-brand-700 underline">
                        {op.method} {op.summary}
                      </a>
                    </li>
                  ))}
                </ul>
                {t.operations.map((op) => (
                  <OperationSection key={op.id} op={op} baseUrl={baseUrl} />
                ))}
              </section>
            ))}
            {webhooks.length > 0 ? <WebhooksSection webhooks={webhooks} /> : null}
            <section id="errors" aria-labelledby="errors-title" className="scroll-mt-4 space-y-3 rounded-lg border border-slate-200 bg-white p-4">
              <h2 id="errors-title" className="text-lg font-semibold">
                Errors
              </h2>
              <p className="text-slate-800">
                Every error is <code className="font-mono">application/problem+json</code> (RFC 9457): <code className="font-mono">type</code>, <code className="font-mono">title</code>,{" "}
                <code className="font-mono">status</code>, <code className="font-mono">detail</code>, and for invalid input <code className="font-mono">errors</code>, each with a JSON Pointer (
                <code className="font-mono">pointer</code>) into the body or the <code className="font-mono">parameter</code> name. A problem&apos;s <code className="font-mono">type</code> links
                to its entry here.
              </p>
              <ul className="space-y-1">
                {PROBLEMS.map((p) => (
                  <li key={p.slug} id={`problem-${p.slug}`} className="scroll-mt-4">
                    <MethodBadge method={String(p.status)} /> <strong className="font-mono">{p.slug}</strong>: {p.words}
                  </li>
                ))}
              </ul>
              <div className="grid gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
                <div className="min-w-0">
                  <h3 className="mb-1 text-sm font-semibold">Fields of a problem</h3>
                  <FieldTable rows={problemRows} caption="Fields of a problem" />
                </div>
                {problemExample ? (
                  <div className="min-w-0">
                    <h3 className="mb-1 text-sm font-semibold">Example</h3>
                    <CodeBlock>{problemExample}</CodeBlock>
                  </div>
                ) : null}
              </div>
            </section>
          </main>
        </ApiKeyProvider>
      </div>
    </div>
  );
}
