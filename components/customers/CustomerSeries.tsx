"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { cancelSeriesAction, previewCancelSeriesAction, saveSeriesAction } from "@/app/(app)/customers/series-actions";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";
import { PriorityOptions } from "@/components/ui/Options";
import type { Site } from "@/lib/db/customers";
import type { Series, SeriesChange } from "@/lib/db/recurring";

function summary(c: SeriesChange): string {
  const made = c.created.length;
  const booked = c.booked?.length ?? 0;
  const parts = [
    made === 0
      ? null
      : booked === 0
        ? `${made} visit(s) added to the queue`
        : booked === made
          ? `${made} visit(s) booked straight into routine slots (${c.booked!.join(", ")})`
          : `${made} visit(s) made: ${booked} booked straight into routine slots (${c.booked!.join(", ")}), the rest wait in the queue`,
    c.removed.length ? `${c.removed.length} unplaced visit(s) removed` : null,
    c.kept.length ? `${c.kept.length} visit(s) already on the board kept (${c.kept.join(", ")})` : null,
  ].filter(Boolean);
  return parts.length ? `${parts.join("; ")}.` : "No visits changed.";
}

/** A customer's recurring maintenance: series, their next visits, add / edit / cancel. */
/** A kind of work a series may name: its routine slots take the visits. */
export interface WorkKind {
  id: string;
  name: string;
}

export function CustomerSeries({ customerId, sites, series, canEdit, today, kinds }: { customerId: string; sites: Site[]; series: Series[]; canEdit: boolean; today: string; kinds: WorkKind[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState<Series | "new" | null>(null);
  const [message, setMessage] = useState<{ kind: "success" | "error" | "info"; text: string } | null>(null);
  const [confirm, setConfirm] = useState<{ series: Series; change: SeriesChange } | null>(null);
  const [pending, start] = useTransition();
  const activeSites = sites.filter((s) => s.active);
  return (
    <section aria-label="Recurring maintenance" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
      <div className="flex items-center">
        <h2 className="font-medium">Recurring maintenance</h2>
        {canEdit && activeSites.length > 0 ? (
          <button type="button" onClick={() => setEditing("new")} className="ml-auto rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50">
            Add recurring visits
          </button>
        ) : null}
      </div>
      {message ? <Banner kind={message.kind}>{message.text}</Banner> : null}
      {confirm ? (
        <div role="alertdialog" aria-label="Cancel series" className="space-y-2 rounded-md border border-red-200 bg-red-50 p-2 text-sm">
          <p>
            Cancelling “{confirm.series.description}” removes {confirm.change.removed.length} unplaced future visit(s)
            {confirm.change.removed.length ? ` (${confirm.change.removed.join(", ")})` : ""}
            {confirm.change.kept.length ? ` and keeps ${confirm.change.kept.length} already on the board (${confirm.change.kept.join(", ")})` : ""}. Past visits stay in the history.
          </p>
          <div className="flex gap-2">
            <button
              type="button"
              className="rounded-md bg-red-700 px-3 py-1 text-white"
              onClick={() =>
                start(async () => {
                  const r = await cancelSeriesAction({ id: confirm.series.id, version: confirm.series.version });
                  setConfirm(null);
                  setMessage(r.ok ? { kind: "success", text: `Series cancelled. ${summary(r.data)}` } : { kind: "error", text: r.error.message });
                  router.refresh();
                })
              }
            >
              Cancel the series
            </button>
            <button type="button" className="rounded-md border border-slate-300 bg-white px-3 py-1" onClick={() => setConfirm(null)}>
              Keep it
            </button>
          </div>
        </div>
      ) : null}
      {editing ? (
        <SeriesForm
          key={editing === "new" ? "new" : editing.id}
          customerId={customerId}
          sites={activeSites}
          series={editing === "new" ? null : editing}
          today={today}
          kinds={kinds}
          onDone={(change) => {
            setEditing(null);
            if (change) setMessage({ kind: "success", text: `Series saved. ${summary(change)}` });
            router.refresh();
          }}
        />
      ) : null}
      <ul className="divide-y divide-slate-100">
        {series.map((s) => (
          <li key={s.id} className="py-2" data-testid="series-row">
            <div className="flex items-baseline gap-2">
              <span className="font-medium">{s.description}</span>
              {!s.active ? <span className="rounded bg-slate-200 px-1 text-xs">cancelled</span> : null}
              {canEdit && s.active ? (
                <span className="ml-auto flex gap-2 text-xs">
                  <button type="button" className="text-brand-700 underline" onClick={() => setEditing(s)}>
                    Edit series
                  </button>
                  <button
                    type="button"
                    disabled={pending}
                    className="text-red-700 underline"
                    onClick={() =>
                      start(async () => {
                        const r = await previewCancelSeriesAction({ id: s.id, version: s.version });
                        if (r.ok) setConfirm({ series: s, change: r.data });
                        else setMessage({ kind: "error", text: r.error.message });
                      })
                    }
                  >
                    Cancel series…
                  </button>
                </span>
              ) : null}
            </div>
            <div className="text-xs text-slate-700">
              {s.siteLabel} · {s.pattern} from {s.startsOn} · {s.estimatedMinutes} min · visits made {s.horizonDays} days ahead
              {s.templateId ? ` · into the routine slots of ${kinds.find((k) => k.id === s.templateId)?.name ?? "its kind of work"}` : ""}
            </div>
            {s.upcoming.length ? (
              <div className="text-xs text-slate-600">
                Next:{" "}
                {s.upcoming.slice(0, 6).map((v, i) => (
                  <span key={v.jobId}>
                    {i ? ", " : ""}
                    <Link href={`/jobs/${v.jobId}`} className="text-brand-700 underline">
                      {v.date}
                    </Link>
                    {v.placed ? " (on the board)" : ""}
                  </span>
                ))}
              </div>
            ) : null}
          </li>
        ))}
        {series.length === 0 ? <li className="py-2 text-sm text-slate-600">No recurring maintenance.</li> : null}
      </ul>
    </section>
  );
}

function SeriesForm({ customerId, sites, series, today, kinds, onDone }: { customerId: string; sites: Site[]; series: Series | null; today: string; kinds: WorkKind[]; onDone: (c: SeriesChange | null) => void }) {
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (form: FormData) => {
    const v = (k: string) => String(form.get(k) ?? "");
    start(async () => {
      const r = await saveSeriesAction({
        id: series?.id,
        version: series?.version,
        customerId,
        siteId: v("siteId"),
        description: v("description"),
        priority: v("priority"),
        requiredSkills: v("requiredSkills"),
        estimatedMinutes: v("estimatedMinutes"),
        notes: v("notes"),
        frequency: v("frequency"),
        every: v("every"),
        startsOn: v("startsOn"),
        endsOn: v("endsOn"),
        windowStart: v("windowStart"),
        windowEnd: v("windowEnd"),
        horizonDays: v("horizonDays"),
        templateId: v("templateId"),
      });
      if (!r.ok) {
        setErrors(r.error.fieldErrors ?? {});
        setProblem(r.error.message);
        return;
      }
      onDone(r.data);
    });
  };
  return (
    <form onSubmit={(e) => {
        // not a form action: React would reset the fields, and bad input must lose nothing
        e.preventDefault();
        submit(new FormData(e.currentTarget));
      }} className="grid gap-2 rounded-md border border-brand-100 p-3 sm:grid-cols-3" aria-label={series ? "Edit recurring visits" : "New recurring visits"} noValidate>
      {problem ? <div className="sm:col-span-3"><Banner kind="error">{problem}</Banner></div> : null}
      {series ? <p className="text-xs text-slate-600 sm:col-span-3">Saving changes the future visits nobody has placed yet; visits on the board stay as they are.</p> : null}
      <Field id="series-site" label="Site" error={errors.siteId}>
        <select id="series-site" name="siteId" className={INPUT_CLASS} defaultValue={series?.siteId ?? sites[0]?.id}>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </Field>
      <div className="sm:col-span-2">
        <Field id="series-description" label="Work at each visit" error={errors.description}>
          <input id="series-description" name="description" className={INPUT_CLASS} defaultValue={series?.description ?? ""} />
        </Field>
      </div>
      <Field id="series-frequency" label="Repeats" error={errors.frequency}>
        <select id="series-frequency" name="frequency" className={INPUT_CLASS} defaultValue={series?.frequency ?? "monthly"}>
          <option value="weekly">Every N weeks (same weekday)</option>
          <option value="monthly">Every N months (same day)</option>
          <option value="monthly_weekday">Every N months (same weekday of the month)</option>
        </select>
      </Field>
      <Field id="series-every" label="N" error={errors.every}>
        <input id="series-every" name="every" type="number" min={1} max={52} className={INPUT_CLASS} defaultValue={series?.every ?? 1} />
      </Field>
      <Field id="series-minutes" label="Minutes per visit" error={errors.estimatedMinutes}>
        <input id="series-minutes" name="estimatedMinutes" type="number" min={5} className={INPUT_CLASS} defaultValue={series?.estimatedMinutes ?? 60} />
      </Field>
      <Field id="series-start" label="First visit" error={errors.startsOn}>
        <input id="series-start" name="startsOn" type="date" className={INPUT_CLASS} defaultValue={series?.startsOn ?? today} />
      </Field>
      <Field id="series-end" label="Last visit by (optional)" error={errors.endsOn}>
        <input id="series-end" name="endsOn" type="date" className={INPUT_CLASS} defaultValue={series?.endsOn ?? ""} />
      </Field>
      <Field id="series-horizon" label="Make visits this many days ahead" error={errors.horizonDays}>
        <input id="series-horizon" name="horizonDays" type="number" min={7} max={366} className={INPUT_CLASS} defaultValue={series?.horizonDays ?? 60} />
      </Field>
      <Field id="series-window-start" label="Arrival from (optional)" error={errors.windowStart}>
        <input id="series-window-start" name="windowStart" type="time" className={INPUT_CLASS} defaultValue={series?.windowStart ?? ""} />
      </Field>
      <Field id="series-window-end" label="Arrival until" error={errors.windowEnd}>
        <input id="series-window-end" name="windowEnd" type="time" className={INPUT_CLASS} defaultValue={series?.windowEnd ?? ""} />
      </Field>
      <Field id="series-kind" label="Kind of work (routine slots)" error={errors.templateId} hint="Visits go straight into this kind's routine slots when one has room.">
        <select id="series-kind" name="templateId" className={INPUT_CLASS} defaultValue={series?.templateId ?? ""}>
          <option value="">None: visits wait in the queue</option>
          {kinds.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="series-priority" label="Priority" error={errors.priority}>
        <select id="series-priority" name="priority" className={INPUT_CLASS} defaultValue={String(series?.priority ?? 4)}>
          <PriorityOptions />
        </select>
      </Field>
      <Field id="series-skills" label="Required skills" error={errors.requiredSkills}>
        <input id="series-skills" name="requiredSkills" className={INPUT_CLASS} defaultValue={series?.requiredSkills.join(", ") ?? ""} />
      </Field>
      <div className="sm:col-span-2">
        <Field id="series-notes" label="Notes for the technician" error={errors.notes}>
          <input id="series-notes" name="notes" className={INPUT_CLASS} defaultValue={series?.notes ?? ""} />
        </Field>
      </div>
      <div className="flex gap-2 sm:col-span-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Saving…" : "Save recurring visits"}
        </button>
        <button type="button" onClick={() => onDone(null)} className="rounded-md border border-slate-300 px-3 py-1.5">
          Cancel
        </button>
      </div>
    </form>
  );
}
