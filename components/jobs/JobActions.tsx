"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { cancelJobAction, copyJobAction, saveJobNotesAction } from "@/app/(app)/jobs/[id]/actions";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";
import type { JobRecord } from "@/lib/db/job-record";

/** Notes, cancel with a reason, duplicate, schedule a return visit. */
export function JobActions({ job, canEdit }: { job: JobRecord; canEdit: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ kind: "error" | "success" | "info"; text: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [cancelling, setCancelling] = useState(false);
  const open = job.status !== "done" && job.status !== "cancelled";

  const saveNotes = (form: FormData) =>
    start(async () => {
      const r = await saveJobNotesAction({ jobId: job.id, version: job.version, notes: String(form.get("notes") ?? "") });
      setMessage(r.ok ? { kind: "success", text: "Notes saved." } : { kind: "error", text: r.error.message });
      if (r.ok) router.refresh();
    });
  const cancel = (form: FormData) =>
    start(async () => {
      const r = await cancelJobAction({ jobId: job.id, version: job.version, reason: String(form.get("reason") ?? ""), notifyCustomer: form.get("notify") === "on" });
      if (!r.ok) {
        setErrors(r.error.fieldErrors ?? {});
        setMessage({ kind: "error", text: r.error.message });
        return;
      }
      setCancelling(false);
      setMessage({
        kind: "success",
        text: `${r.data.workOrder} is cancelled${r.data.unscheduled ? " and off the board" : ""}. ${r.data.customerTold ? "The customer's notice is in the outbox." : "The customer was not told."}`,
      });
      router.refresh();
    });
  const copy = (kind: "duplicate" | "return_visit") =>
    start(async () => {
      const r = await copyJobAction({ jobId: job.id, kind });
      if (!r.ok) return setMessage({ kind: "error", text: r.error.message });
      router.push(`/jobs/${r.data.id}?from=${encodeURIComponent(job.workOrder)}&${kind === "duplicate" ? "copied=1" : "return=1"}`);
    });

  if (!canEdit) return null;
  return (
    <section aria-label="Actions" className="space-y-3 rounded-lg border border-slate-200 bg-white p-3">
      {message ? <Banner kind={message.kind}>{message.text}</Banner> : null}
      <form onSubmit={(e) => {
        // not a form action: React would reset the fields, and bad input must lose nothing
        e.preventDefault();
        saveNotes(new FormData(e.currentTarget));
      }} className="space-y-2">
        <Field id="job-notes" label="Notes for the technician">
          <textarea id="job-notes" name="notes" rows={3} className={INPUT_CLASS} defaultValue={job.notes ?? ""} />
        </Field>
        <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50 disabled:opacity-60">
          Save notes
        </button>
      </form>
      <div className="flex flex-wrap gap-2">
        <button type="button" disabled={pending} onClick={() => copy("duplicate")} className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
          Duplicate job
        </button>
        <button type="button" disabled={pending} onClick={() => copy("return_visit")} className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
          Schedule a return visit
        </button>
        {open ? (
          <button type="button" disabled={pending} onClick={() => setCancelling(true)} className="rounded-md bg-red-700 px-3 py-1.5 text-white hover:bg-red-800">
            Cancel job…
          </button>
        ) : null}
      </div>
      {cancelling ? (
        <form onSubmit={(e) => {
        // not a form action: React would reset the fields, and bad input must lose nothing
        e.preventDefault();
        cancel(new FormData(e.currentTarget));
      }} className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3" aria-label="Cancel job" noValidate>
          <Field id="cancel-reason" label="Why is it cancelled? (the customer is told)" error={errors.reason}>
            <input id="cancel-reason" name="reason" className={INPUT_CLASS} />
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="notify" defaultChecked /> Tell the customer
          </label>
          <div className="flex gap-2">
            <button type="submit" disabled={pending} className="rounded-md bg-red-700 px-3 py-1.5 text-white hover:bg-red-800">
              Confirm cancellation
            </button>
            <button type="button" onClick={() => setCancelling(false)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5">
              Keep the job
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
