"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { savePortalSettingsAction } from "@/app/(app)/settings/portal/actions";
import type { PortalSettings } from "@/lib/db/portal";
import { Banner } from "@/components/ui/Field";

/** The public request page on or off, and which job templates customers may ask for. */
export function PortalSettingsForm({ settings, canEdit }: { settings: PortalSettings; canEdit: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  function save(form: FormData) {
    const input = { enabled: form.get("enabled") === "on", offeredTemplateIds: form.getAll("offered").map(String) };
    start(async () => {
      const r = await savePortalSettingsAction(input);
      setMessage(r.ok ? { kind: "success", text: "Portal settings saved." } : { kind: "error", text: r.error.message });
      router.refresh();
    });
  }

  return (
    <form action={save} className="max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      {!canEdit ? <p className="text-slate-700">Only administrators change the customer portal.</p> : null}
      {message ? <Banner kind={message.kind}>{message.text}</Banner> : null}
      <label className="flex items-center gap-2">
        <input type="checkbox" name="enabled" defaultChecked={settings.enabled} disabled={!canEdit} />
        <span>
          Customers can request service at{" "}
          <a href={`/request/${settings.slug}`} className="font-mono text-brand-700 underline">
            /request/{settings.slug}
          </a>
        </span>
      </label>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">Services offered to customers (job templates)</legend>
        {settings.services.map((s) => (
          <label key={s.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="offered" value={s.id} defaultChecked={s.offered} disabled={!canEdit} />
            <span>
              {s.name}
              {!s.active ? " (inactive)" : ""}
            </span>
          </label>
        ))}
        {settings.services.length === 0 ? <p className="text-sm text-slate-700">No job templates yet: create one under Job templates.</p> : null}
      </fieldset>
      <p className="text-xs text-slate-600">
        Requests become jobs from the chosen template and go through automatic dispatch. They appear in the audit trail as “A customer via the portal”. Each connection may send 5 requests per 10 minutes.
      </p>
      {canEdit ? (
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-white hover:bg-brand-700">
          Save portal settings
        </button>
      ) : null}
    </form>
  );
}
