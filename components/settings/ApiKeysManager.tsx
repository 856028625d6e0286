"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/(app)/settings/api-keys/actions";
import type { ApiKeySummary } from "@/lib/db/api-keys";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";

function when(iso: string | null, timeZone: string): string {
  if (!iso) return "never";
  return new Date(iso).toLocaleString("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** Create, list and revoke the company's API keys; a new key is shown once. */
export function ApiKeysManager({ keys, timeZone }: { keys: ApiKeySummary[]; timeZone: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);

  function create(form: FormData) {
    const input = { name: String(form.get("name") ?? ""), scope: String(form.get("scope") ?? "read") };
    start(async () => {
      const r = await createApiKeyAction(input);
      if (!r.ok) {
        setErrors(r.error.fieldErrors ?? {});
        setMessage({ kind: "error", text: r.error.message });
        return;
      }
      setErrors({});
      setMessage(null);
      setCreated({ key: r.data.key, name: input.name });
      router.refresh();
    });
  }

  function revoke(k: ApiKeySummary) {
    if (!window.confirm(`Revoke "${k.name}"? Anything using it stops working at once.`)) return;
    start(async () => {
      const r = await revokeApiKeyAction({ keyId: k.id });
      setMessage(r.ok ? { kind: "success", text: `Revoked "${k.name}".` } : { kind: "error", text: r.error.message });
      router.refresh();
    });
  }

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <section aria-labelledby="keys-title" className="rounded-lg border border-slate-200 bg-white">
        <h2 id="keys-title" className="border-b border-slate-200 px-3 py-2 font-medium">
          Keys
        </h2>
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-slate-600">
            <tr>
              <th className="px-3 py-1.5">Name</th>
              <th className="px-3 py-1.5">Key starts with</th>
              <th className="px-3 py-1.5">Scope</th>
              <th className="px-3 py-1.5">Created</th>
              <th className="px-3 py-1.5">Last used</th>
              <th className="px-3 py-1.5">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {keys.map((k) => (
              <tr key={k.id} data-testid="api-key-row">
                <td className="px-3 py-1.5 font-medium">{k.name}</td>
                <td className="px-3 py-1.5 font-mono text-xs">{k.prefix}…</td>
                <td className="px-3 py-1.5">{k.scope === "write" ? "read and write" : "read only"}</td>
                <td className="px-3 py-1.5">{when(k.createdAt, timeZone)}</td>
                <td className="px-3 py-1.5">{when(k.lastUsedAt, timeZone)}</td>
                <td className="px-3 py-1.5 text-right">
                  {k.revokedAt ? (
                    <span className="text-slate-600">revoked {when(k.revokedAt, timeZone)}</span>
                  ) : (
                    <button type="button" disabled={pending} onClick={() => revoke(k)} className="text-red-700 underline" aria-label={`Revoke ${k.name}`}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {keys.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-600">
                  No keys yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="new-key-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-3">
        <h2 id="new-key-title" className="font-medium">
          New key
        </h2>
        {message ? <Banner kind={message.kind}>{message.text}</Banner> : null}
        {created ? (
          <div role="status" className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950">
            <p>
              Copy the key for <strong>{created.name}</strong> now: it is shown only once.
            </p>
            <code data-testid="new-api-key" className="block break-all rounded bg-white p-1.5 font-mono text-xs">
              {created.key}
            </code>
          </div>
        ) : null}
        <form action={create} className="space-y-2">
          <Field id="key-name" label="Name" error={errors.name} hint="What will use it, e.g. “Order system”.">
            <input id="key-name" name="name" required maxLength={100} className={INPUT_CLASS} aria-invalid={Boolean(errors.name)} />
          </Field>
          <fieldset>
            <legend className="text-xs font-medium text-slate-700">Scope</legend>
            <label className="mr-4 text-sm">
              <input type="radio" name="scope" value="read" defaultChecked /> Read only
            </label>
            <label className="text-sm">
              <input type="radio" name="scope" value="write" /> Read and write
            </label>
          </fieldset>
          <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-white hover:bg-brand-700">
            Create key
          </button>
        </form>
        <p className="text-xs text-slate-600">
          Keys authenticate the <a href="/api/docs" className="text-brand-700 underline">REST API</a> with <code>Authorization: Bearer &lt;key&gt;</code>.
        </p>
      </section>
    </div>
  );
}
