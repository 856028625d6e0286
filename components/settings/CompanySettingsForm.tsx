"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { saveCompanySettingsAction } from "@/app/(app)/settings/company/actions";
import type { CompanySettingsValues } from "@/lib/schemas/company";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";

/** The company's rules: time zone, travel estimate, capacity, notices, dispatch. */
export function CompanySettingsForm({ values, canEdit, timeZones }: { values: CompanySettingsValues; canEdit: boolean; timeZones: string[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  function submit(form: FormData) {
    const v = (k: string) => String(form.get(k) ?? "");
    const on = (k: string) => form.get(k) === "on";
    const input = {
      name: v("name"),
      timeZone: v("timeZone"),
      travelSpeedKmh: v("travelSpeedKmh"),
      roadFactor: v("roadFactor"),
      travelBufferMin: v("travelBufferMin"),
      capacityThresholdPercent: v("capacityThresholdPercent"),
      snapMinutes: v("snapMinutes"),
      rescheduleNoticeEnabled: on("rescheduleNoticeEnabled"),
      autoDispatchEnabled: on("autoDispatchEnabled"),
      urgentRequiresAdmin: on("urgentRequiresAdmin"),
      timeOffNeedsApproval: v("timeOffNeedsApproval") === "approve",
      visitReminderMinutes: v("visitReminderMinutes"),
      eveningSummaryAt: v("eveningSummaryAt"),
      weights: { travel: v("w.travel"), skill: v("w.skill"), workload: v("w.workload"), preference: v("w.preference") },
    };
    start(async () => {
      const r = await saveCompanySettingsAction(input);
      if (r.ok) {
        setErrors({});
        setResult({ kind: "success", text: "Settings saved." });
        router.refresh();
      } else {
        setErrors(r.error.fieldErrors ?? {});
        setResult({ kind: "error", text: r.error.message });
      }
    });
  }
  const num = (id: string, label: string, value: number, hint?: string, step = "any") => (
    <Field id={id} label={label} hint={hint} error={errors[id]}>
      <input id={id} name={id} inputMode="decimal" type="number" step={step} defaultValue={value} disabled={!canEdit} className={INPUT_CLASS} aria-invalid={Boolean(errors[id])} />
    </Field>
  );
  return (
    <form action={submit} className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-4" noValidate aria-label="Company settings">
      {result ? <Banner kind={result.kind}>{result.text}</Banner> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="name" label="Company name" error={errors.name}>
          <input id="name" name="name" defaultValue={values.name} disabled={!canEdit} className={INPUT_CLASS} />
        </Field>
        <Field id="timeZone" label="Time zone" hint="Used for display and for “today”." error={errors.timeZone}>
          <select id="timeZone" name="timeZone" defaultValue={values.timeZone} disabled={!canEdit} className={INPUT_CLASS}>
            {timeZones.map((tz) => (
              <option key={tz} value={tz}>
                {tz}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-1 text-xs font-medium text-slate-700">Travel estimate</legend>
        {num("travelSpeedKmh", "Average speed (km/h)", values.travelSpeedKmh)}
        {num("roadFactor", "Road factor", values.roadFactor, "Road distance ÷ straight-line distance")}
        {num("travelBufferMin", "Buffer per trip (min)", values.travelBufferMin, "Parking and loading", "1")}
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-1 text-xs font-medium text-slate-700">Board and dispatch</legend>
        {num("capacityThresholdPercent", "Capacity threshold (%)", values.capacityThresholdPercent, "Nobody above it gets more work automatically")}
        <Field id="snapMinutes" label="Snap to (minutes)" error={errors.snapMinutes}>
          <select id="snapMinutes" name="snapMinutes" defaultValue={String(values.snapMinutes)} disabled={!canEdit} className={INPUT_CLASS}>
            {[5, 10, 15, 30, 60].map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-1 text-xs font-medium text-slate-700">Technicians</legend>
        <Field id="timeOffNeedsApproval" label="Time off technicians ask for" error={errors.timeOffNeedsApproval}>
          <select id="timeOffNeedsApproval" name="timeOffNeedsApproval" defaultValue={values.timeOffNeedsApproval ? "approve" : "at_once"} disabled={!canEdit} className={INPUT_CLASS}>
            <option value="approve">Waits for a dispatcher&apos;s approval</option>
            <option value="at_once">Applies at once</option>
          </select>
        </Field>
        {num("visitReminderMinutes", "Reminder before each visit (min)", values.visitReminderMinutes, "0 turns visit reminders off", "1")}
        <Field id="eveningSummaryAt" label="Evening summary of tomorrow at" hint="Company time, 24-hour clock" error={errors.eveningSummaryAt}>
          <input id="eveningSummaryAt" name="eveningSummaryAt" type="text" inputMode="numeric" placeholder="18:00" defaultValue={values.eveningSummaryAt} disabled={!canEdit} className={INPUT_CLASS} aria-invalid={Boolean(errors.eveningSummaryAt)} />
        </Field>
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-4">
        <legend className="mb-1 text-xs font-medium text-slate-700">Scoring weights</legend>
        {num("w.travel", "Travel (per minute)", values.weights.travel)}
        {num("w.skill", "Skills", values.weights.skill)}
        {num("w.workload", "Workload", values.weights.workload)}
        {num("w.preference", "Customer preference", values.weights.preference)}
      </fieldset>
      <div className="space-y-2">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="autoDispatchEnabled" defaultChecked={values.autoDispatchEnabled} disabled={!canEdit} /> Dispatch new jobs automatically
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="rescheduleNoticeEnabled" defaultChecked={values.rescheduleNoticeEnabled} disabled={!canEdit} /> Tell customers when a published visit within 24 hours is moved
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="urgentRequiresAdmin" defaultChecked={values.urgentRequiresAdmin} disabled={!canEdit} /> Only administrators approve urgent reshuffles
        </label>
      </div>
      {canEdit ? (
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Saving…" : "Save settings"}
        </button>
      ) : (
        <p className="text-slate-600">Only administrators change these settings.</p>
      )}
    </form>
  );
}
