"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { createJobAction } from "@/app/(app)/jobs/actions";
import type { CreatedJob } from "@/lib/db/dispatch";
import type { JobTemplate } from "@/lib/db/templates";
import { PRIORITY_LABEL, formatDuration } from "@/lib/board-format";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";
import { PriorityOptions } from "@/components/ui/Options";
import { CustomerPicker, type PickedCustomer } from "@/components/customers/CustomerPicker";
import { ReasonList } from "@/components/jobs/ReasonList";

const STATE_TEXT: Record<string, string> = {
  auto_assigned: "Assigned automatically",
  preassigned: "Assigned to the template's crew",
  offered: "Offered to qualified technicians",
  review: "Sent to the manual review queue",
  manual: "Waiting in the unscheduled queue",
};

export function NewJobForm({ templates, timeZone, date, initialCustomer = null }: { templates: JobTemplate[]; timeZone: string; date?: string; initialCustomer?: PickedCustomer | null }) {
  const [customer, setCustomer] = useState<PickedCustomer | null>(initialCustomer);
  const [templateId, setTemplateId] = useState("");
  const template = templates.find((t) => t.id === templateId) ?? null;
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedJob | null>(null);
  const [pending, start] = useTransition();

  function submit(form: FormData) {
    const value = (k: string) => {
      const v = String(form.get(k) ?? "").trim();
      return v === "" ? undefined : v;
    };
    const input = {
      workOrder: value("workOrder"),
      templateId: templateId || null,
      customerId: customer?.id ?? "",
      siteId: customer?.site?.id ?? null,
      description: value("description"),
      priority: value("priority"),
      requiredSkills: value("requiredSkills"),
      estimatedMinutes: value("estimatedMinutes"),
      windowStart: value("windowStart") ?? null,
      windowEnd: value("windowEnd") ?? null,
      deadline: value("deadline") ?? null,
      slaProtected: form.get("slaProtected") === "on",
      notes: value("notes"),
      autoDispatch: form.get("autoDispatch") === "on",
      date: value("date") ?? null,
    };
    start(async () => {
      const r = await createJobAction(input);
      if (r.ok) {
        setCreated(r.data);
        setErrors({});
        setMessage(null);
      } else {
        setErrors(r.error.fieldErrors ?? {});
        setMessage(r.error.message);
      }
    });
  }

  const err = (k: string) => errors[k];
  const aria = (k: string) => ({ "aria-invalid": Boolean(errors[k]), "aria-describedby": errors[k] ? `${k}-error` : undefined });

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <form action={submit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" noValidate>
        {message ? <Banner kind="error">{message}</Banner> : null}
        <CustomerPicker value={customer} onChange={setCustomer} canCreate error={err("customerId") ?? err("siteId")} />
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="templateId" label="Template" hint="Fills duration, skills, priority and how the job is dispatched.">
            <select id="templateId" name="templateId" className={INPUT_CLASS} value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
              <option value="">No template</option>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="workOrder" label="Work order" hint="Leave empty for the next number." error={err("workOrder")}>
            <input id="workOrder" name="workOrder" className={INPUT_CLASS} {...aria("workOrder")} />
          </Field>
          <Field id="priority" label="Priority" error={err("priority")}>
            <select key={`p-${templateId}`} id="priority" name="priority" className={INPUT_CLASS} defaultValue={String(template?.priority ?? 3)}>
              <PriorityOptions />
            </select>
          </Field>
          <div className="sm:col-span-2">
            <Field id="description" label="Description" error={err("description")}>
              <input key={`d-${templateId}`} id="description" name="description" className={INPUT_CLASS} defaultValue={template?.name ?? ""} {...aria("description")} />
            </Field>
          </div>
          <Field id="requiredSkills" label="Required skills" hint="Comma separated, e.g. HVAC, EPA-608" error={err("requiredSkills")}>
            <input key={`s-${templateId}`} id="requiredSkills" name="requiredSkills" className={INPUT_CLASS} defaultValue={template?.requiredSkills.join(", ") ?? ""} {...aria("requiredSkills")} />
          </Field>
          <Field id="estimatedMinutes" label="Estimated minutes" error={err("estimatedMinutes")}>
            <input key={`m-${templateId}`} id="estimatedMinutes" name="estimatedMinutes" type="number" min={5} step={5} className={INPUT_CLASS} defaultValue={template?.defaultMinutes ?? 60} {...aria("estimatedMinutes")} />
          </Field>
          <Field id="windowStart" label={`Arrival window from (${timeZone})`} error={err("windowStart")}>
            <input id="windowStart" name="windowStart" type="datetime-local" className={INPUT_CLASS} {...aria("windowStart")} />
          </Field>
          <Field id="windowEnd" label="Arrival window to" error={err("windowEnd")}>
            <input id="windowEnd" name="windowEnd" type="datetime-local" className={INPUT_CLASS} {...aria("windowEnd")} />
          </Field>
          <Field id="deadline" label="Must be finished by" error={err("deadline")}>
            <input id="deadline" name="deadline" type="datetime-local" className={INPUT_CLASS} {...aria("deadline")} />
          </Field>
          <Field id="date" label="Find room on" hint="Empty: the window's day, else today." error={err("date")}>
            <input id="date" name="date" type="date" defaultValue={date} className={INPUT_CLASS} {...aria("date")} />
          </Field>
          <Field id="notes" label="Notes for the technician" error={err("notes")}>
            <input key={`n-${templateId}`} id="notes" name="notes" className={INPUT_CLASS} defaultValue={template?.notes ?? ""} />
          </Field>
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <label className="flex items-center gap-2">
            <input type="checkbox" name="slaProtected" /> SLA-protected
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="autoDispatch" defaultChecked /> Dispatch automatically
          </label>
          <button type="submit" disabled={pending} className="ml-auto rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {pending ? "Creating…" : "Create job"}
          </button>
        </div>
      </form>
      <section aria-label="Dispatch result" className="space-y-3">
        {created ? (
          <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="dispatch-result">
            <div className="text-xs uppercase tracking-wide text-slate-500">{created.job.workOrder}</div>
            <div className="font-medium" data-testid="dispatch-state">
              {STATE_TEXT[created.decision.state] ?? created.decision.state}
            </div>
            <p className="mt-1 text-slate-700" data-testid="dispatch-reason">
              {created.decision.reason}
            </p>
            <div className="mt-1 text-xs text-slate-500">
              {created.job.customerName} · {formatDuration(created.job.estimatedMinutes)} · {PRIORITY_LABEL[created.job.priority]}
            </div>
            {created.decision.candidates.length > 0 ? (
              <div className="mt-3">
                <div className="text-xs font-medium text-slate-700">How technicians scored</div>
                <ol className="mt-1 space-y-2">
                  {created.decision.candidates.slice(0, 3).map((c) => (
                    <li key={c.technicianId} className="rounded border border-slate-100 p-2">
                      <div className="flex justify-between">
                        <span className="font-medium">{c.technicianName}</span>
                        <span className="tabular-nums text-slate-600">{c.eligible ? c.score : "not eligible"}</span>
                      </div>
                      <ReasonList candidate={c} />
                    </li>
                  ))}
                </ol>
              </div>
            ) : null}
            <div className="mt-3 flex gap-3">
              <Link className="text-brand-700 underline" href={date ? `/schedules?date=${date}` : "/schedules"}>
                Open the board
              </Link>
              {created.decision.state === "review" ? (
                <Link className="text-brand-700 underline" href="/jobs/review">
                  Review queue
                </Link>
              ) : null}
            </div>
          </div>
        ) : (
          <Banner kind="info">New jobs are placed automatically by the company&apos;s rules; you will see where and why here.</Banner>
        )}
      </section>
    </div>
  );
}
