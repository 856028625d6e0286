"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { removeTimeOffAction, saveTimeOffAction, setTechnicianActiveAction } from "@/app/(app)/technicians/actions";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";
import type { TechnicianDetail, VisitRef } from "@/lib/db/technicians";
import { formatHm } from "@/lib/time/format-time";
import { wallClock } from "@/lib/time/zoned-time";

function when(iso: string, tz: string): string {
  return `${wallClock(new Date(iso), tz).date} ${formatHm(new Date(iso), tz)}`;
}
function local(iso: string, tz: string): string {
  return when(iso, tz).replace(" ", "T");
}

function Visits({ visits, tz, label }: { visits: VisitRef[]; tz: string; label: string }) {
  if (visits.length === 0) return null;
  return (
    <ul aria-label={label} className="mt-1 space-y-0.5 text-xs">
      {visits.map((v) => (
        <li key={`${v.jobId}-${v.start}`}>
          <Link href={`/jobs/${v.jobId}`} className="text-brand-700 underline">
            {v.workOrder}
          </Link>{" "}
          {v.customerName}, {when(v.start, tz)}–{formatHm(new Date(v.end), tz)}
          {v.role === "helper" ? " (helper)" : ""}
        </li>
      ))}
    </ul>
  );
}

/** Time off (add, change, remove — with the visits each collides with) and deactivation. */
export function TechnicianAvailability({ technician, timeZone, canEdit }: { technician: TechnicianDetail; timeZone: string; canEdit: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ kind: "error" | "success" | "info"; text: string; visits?: VisitRef[] } | null>(null);

  function save(form: FormData) {
    const id = editing === "new" ? undefined : (editing ?? undefined);
    start(async () => {
      const r = await saveTimeOffAction({ technicianId: technician.id, id, start: String(form.get("start")), end: String(form.get("end")), reason: String(form.get("reason") ?? "") });
      if (!r.ok) {
        setErrors(r.error.fieldErrors ?? {});
        setMessage({ kind: "error", text: r.error.message });
        return;
      }
      setErrors({});
      setEditing(null);
      const n = r.data.collisions.length;
      setMessage(
        n === 0
          ? { kind: "success", text: "Time off saved. No visits collide with it." }
          : { kind: "info", text: `Time off saved. ${n} visit${n === 1 ? "" : "s"} collide${n === 1 ? "s" : ""} with it and must be moved:`, visits: r.data.collisions },
      );
      router.refresh();
    });
  }
  function remove(id: string) {
    start(async () => {
      const r = await removeTimeOffAction({ technicianId: technician.id, id });
      setMessage(r.ok ? { kind: "success", text: "Time off removed." } : { kind: "error", text: r.error.message });
      router.refresh();
    });
  }
  function setActive(active: boolean) {
    start(async () => {
      const r = await setTechnicianActiveAction({ id: technician.id, version: technician.version, active });
      if (!r.ok) return setMessage({ kind: "error", text: r.error.message });
      const n = r.data.upcoming.length;
      setMessage(
        active
          ? { kind: "success", text: `${technician.name} is active again.` }
          : n === 0
            ? { kind: "success", text: `${technician.name} is deactivated. Their history is kept; no upcoming visits to move.` }
            : { kind: "info", text: `${technician.name} is deactivated. Their history is kept. ${n} upcoming visit${n === 1 ? "" : "s"} still name them — move ${n === 1 ? "it" : "them"} on the board:`, visits: r.data.upcoming },
      );
      router.refresh();
    });
  }

  const form = (entry: { start: string; end: string; reason: string | null } | null) => (
    <form onSubmit={(e) => {
        // not a form action: React would reset the fields, and bad input must lose nothing
        e.preventDefault();
        save(new FormData(e.currentTarget));
      }} className="grid gap-2 rounded-md border border-slate-200 p-2 sm:grid-cols-4" aria-label="Time off">
      <Field id="off-start" label={`From (${timeZone})`} error={errors.start}>
        <input id="off-start" name="start" type="datetime-local" className={INPUT_CLASS} defaultValue={entry ? local(entry.start, timeZone) : ""} />
      </Field>
      <Field id="off-end" label="Until" error={errors.end}>
        <input id="off-end" name="end" type="datetime-local" className={INPUT_CLASS} defaultValue={entry ? local(entry.end, timeZone) : ""} />
      </Field>
      <Field id="off-reason" label="Reason" error={errors.reason}>
        <input id="off-reason" name="reason" className={INPUT_CLASS} defaultValue={entry?.reason ?? ""} />
      </Field>
      <div className="flex items-end gap-2">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-2.5 py-1.5 text-white hover:bg-brand-700 disabled:opacity-60">
          Save time off
        </button>
        <button type="button" onClick={() => setEditing(null)} className="rounded-md border border-slate-300 px-2.5 py-1.5">
          Cancel
        </button>
      </div>
    </form>
  );

  return (
    <div className="space-y-4">
      {message ? (
        <Banner kind={message.kind}>
          {message.text}
          {message.visits ? <Visits visits={message.visits} tz={timeZone} label="Visits to move" /> : null}
        </Banner>
      ) : null}
      <section aria-label="Time off" className="rounded-lg border border-slate-200 bg-white p-3">
        <div className="flex items-center">
          <h2 className="font-medium">Time off</h2>
          {canEdit ? (
            <button type="button" onClick={() => setEditing("new")} className="ml-auto rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50">
              Add time off
            </button>
          ) : null}
        </div>
        {editing === "new" ? form(null) : null}
        <ul className="mt-2 divide-y divide-slate-100">
          {technician.timeOff.map((o) => (
            <li key={o.id} className="py-2" data-testid="time-off-row">
              {editing === o.id ? (
                form(o)
              ) : (
                <>
                  <div className="flex items-center gap-2">
                    <span>
                      {when(o.start, timeZone)} – {when(o.end, timeZone)}
                      {o.reason ? ` · ${o.reason}` : ""}
                    </span>
                    {canEdit ? (
                      <span className="ml-auto flex gap-2 text-xs">
                        <button type="button" className="text-brand-700 underline" onClick={() => setEditing(o.id)}>
                          Edit
                        </button>
                        <button type="button" className="text-red-700 underline" onClick={() => remove(o.id)}>
                          Remove
                        </button>
                      </span>
                    ) : null}
                  </div>
                  {o.collisions.length > 0 ? <p className="text-xs text-amber-900">Collides with {o.collisions.length} visit(s):</p> : null}
                  <Visits visits={o.collisions} tz={timeZone} label="Colliding visits" />
                </>
              )}
            </li>
          ))}
          {technician.timeOff.length === 0 ? <li className="py-2 text-sm text-slate-600">No time off planned.</li> : null}
        </ul>
      </section>
      <section aria-label="Upcoming work" className="rounded-lg border border-slate-200 bg-white p-3">
        <h2 className="font-medium">Upcoming visits</h2>
        {technician.upcoming.length === 0 ? <p className="text-sm text-slate-600">None scheduled.</p> : <Visits visits={technician.upcoming} tz={timeZone} label="Upcoming visits" />}
      </section>
      {canEdit ? (
        <section aria-label="Status" className="rounded-lg border border-slate-200 bg-white p-3">
          <h2 className="font-medium">{technician.active ? "Active" : "Deactivated"}</h2>
          <p className="text-xs text-slate-600">Deactivating keeps every past visit and audit entry; the technician leaves the board and automatic dispatch.</p>
          <button
            type="button"
            disabled={pending}
            onClick={() => setActive(!technician.active)}
            className={`mt-2 rounded-md px-2.5 py-1.5 text-white disabled:opacity-60 ${technician.active ? "bg-red-700 hover:bg-red-800" : "bg-brand-600 hover:bg-brand-700"}`}
          >
            {technician.active ? "Deactivate technician" : "Reactivate technician"}
          </button>
        </section>
      ) : null}
    </div>
  );
}
