"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { saveTemplateAction } from "@/app/(app)/settings/templates/actions";
import type { JobTemplate, DispatchMode } from "@/lib/db/templates";
import type { TechnicianOption } from "@/lib/db/lookups";
import { PRIORITY_LABEL, formatDuration } from "@/lib/board-format";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";
import { PriorityOptions, TechnicianOptions } from "@/components/ui/Options";

const MODE_TEXT: Record<DispatchMode, string> = {
  preassigned: "Pre-assigned workers",
  broadcast: "Broadcast to all qualified (first to accept)",
  auto: "Automatic (best score)",
  manual: "A dispatcher decides",
};

/** Admins' list of job templates with an inline editor. */
export function TemplateEditor({ templates, technicians, canEdit }: { templates: JobTemplate[]; technicians: TechnicianOption[]; canEdit: boolean }) {
  const [editing, setEditing] = useState<JobTemplate | "new" | null>(null);
  const names = new Map(technicians.map((t) => [t.id, t.name]));
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <section aria-label="Templates" className="rounded-lg border border-slate-200 bg-white">
        <div className="flex items-center border-b border-slate-200 px-3 py-2">
          <h2 className="font-medium">Templates</h2>
          {canEdit ? (
            <button type="button" onClick={() => setEditing("new")} className="ml-auto rounded-md bg-brand-600 px-2.5 py-1 text-white hover:bg-brand-700">
              New template
            </button>
          ) : null}
        </div>
        <ul className="divide-y divide-slate-100">
          {templates.map((t) => (
            <li key={t.id} className="px-3 py-2" data-testid="template-row">
              <div className="flex items-baseline gap-2">
                <span className="font-medium">{t.name}</span>
                {!t.active ? <span className="rounded bg-slate-200 px-1 text-xs">inactive</span> : null}
                {canEdit ? (
                  <button type="button" onClick={() => setEditing(t)} className="ml-auto text-xs text-brand-700 underline">
                    Edit
                  </button>
                ) : null}
              </div>
              <div className="text-xs text-slate-500">
                {formatDuration(t.defaultMinutes)} · {PRIORITY_LABEL[t.priority]} · {t.requiredSkills.join(", ") || "no skills"} · {MODE_TEXT[t.dispatchMode]}
                {!t.autoDispatchEnabled ? " · automatic dispatch off" : ""}
              </div>
              {t.workers.length > 0 ? (
                <div className="text-xs text-slate-500">
                  Crew: {t.workers.map((w) => `${names.get(w.technicianId) ?? "?"}${w.role === "helper" ? " (helper)" : ""}`).join(", ")}
                </div>
              ) : null}
            </li>
          ))}
          {templates.length === 0 ? <li className="px-3 py-6 text-center text-slate-500">No templates yet.</li> : null}
        </ul>
      </section>
      {editing ? <TemplateForm key={editing === "new" ? "new" : editing.id} template={editing === "new" ? null : editing} technicians={technicians} onDone={() => setEditing(null)} /> : null}
    </div>
  );
}

function TemplateForm({ template, technicians, onDone }: { template: JobTemplate | null; technicians: TechnicianOption[]; onDone: () => void }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const workers = (role: "leader" | "helper") => template?.workers.filter((w) => w.role === role).map((w) => w.technicianId) ?? [];

  function submit(form: FormData) {
    const input = {
      id: template?.id,
      name: String(form.get("name") ?? ""),
      defaultMinutes: String(form.get("defaultMinutes") ?? ""),
      requiredSkills: String(form.get("requiredSkills") ?? ""),
      priority: String(form.get("priority") ?? "3"),
      notes: String(form.get("notes") ?? ""),
      dispatchMode: String(form.get("dispatchMode") ?? "auto"),
      autoDispatchEnabled: form.get("autoDispatchEnabled") === "on",
      active: form.get("active") === "on",
      leaderIds: form.getAll("leaderIds").map(String),
      helperIds: form.getAll("helperIds").map(String),
    };
    start(async () => {
      const r = await saveTemplateAction(input);
      if (r.ok) {
        router.refresh();
        onDone();
      } else {
        setErrors(r.error.fieldErrors ?? {});
        setMessage(r.error.message);
      }
    });
  }

  return (
    <form action={submit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Template" noValidate>
      <h2 className="font-medium">{template ? `Edit ${template.name}` : "New template"}</h2>
      {message ? <Banner kind="error">{message}</Banner> : null}
      <Field id="name" label="Name" error={errors.name}>
        <input id="name" name="name" className={INPUT_CLASS} defaultValue={template?.name ?? ""} aria-invalid={Boolean(errors.name)} />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="defaultMinutes" label="Default minutes" error={errors.defaultMinutes}>
          <input id="defaultMinutes" name="defaultMinutes" type="number" min={5} step={5} className={INPUT_CLASS} defaultValue={template?.defaultMinutes ?? 60} />
        </Field>
        <Field id="priority" label="Priority" error={errors.priority}>
          <select id="priority" name="priority" className={INPUT_CLASS} defaultValue={String(template?.priority ?? 3)}>
            <PriorityOptions />
          </select>
        </Field>
      </div>
      <Field id="requiredSkills" label="Required skills" hint="Comma separated" error={errors.requiredSkills}>
        <input id="requiredSkills" name="requiredSkills" className={INPUT_CLASS} defaultValue={template?.requiredSkills.join(", ") ?? ""} />
      </Field>
      <Field id="notes" label="Notes" error={errors.notes}>
        <input id="notes" name="notes" className={INPUT_CLASS} defaultValue={template?.notes ?? ""} />
      </Field>
      <Field id="dispatchMode" label="Dispatch" error={errors.dispatchMode}>
        <select id="dispatchMode" name="dispatchMode" className={INPUT_CLASS} defaultValue={template?.dispatchMode ?? "auto"}>
          {(Object.keys(MODE_TEXT) as DispatchMode[]).map((m) => (
            <option key={m} value={m}>
              {MODE_TEXT[m]}
            </option>
          ))}
        </select>
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="leaderIds" label="Pre-assigned crew leaders (in order)" error={errors.leaderIds}>
          <select id="leaderIds" name="leaderIds" multiple size={6} className={INPUT_CLASS} defaultValue={workers("leader")} aria-invalid={Boolean(errors.leaderIds)}>
            <TechnicianOptions technicians={technicians} />
          </select>
        </Field>
        <Field id="helperIds" label="Pre-assigned helpers" error={errors.helperIds}>
          <select id="helperIds" name="helperIds" multiple size={6} className={INPUT_CLASS} defaultValue={workers("helper")}>
            <TechnicianOptions technicians={technicians} />
          </select>
        </Field>
      </div>
      <div className="flex flex-wrap gap-4">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="autoDispatchEnabled" defaultChecked={template?.autoDispatchEnabled ?? true} /> Dispatch new jobs automatically
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="active" defaultChecked={template?.active ?? true} /> Active
        </label>
      </div>
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Saving…" : "Save template"}
        </button>
        <button type="button" onClick={onDone} className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
          Cancel
        </button>
      </div>
    </form>
  );
}
