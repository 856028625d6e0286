"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { submitPortalRequestAction } from "@/app/request/[slug]/actions";
import type { OfferedService } from "@/lib/db/portal";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";
import { formatInZone } from "@/lib/time/format-time";

const FIELDS = ["name", "phone", "email", "address", "city", "postalCode", "problem", "templateId", "preferredDate", "preferredWindow", "website"] as const;

interface Done {
  token: string;
  workOrder: string;
  window: { start: string; end: string } | null;
  approximate: boolean;
}

/** The customer's request form and, once sent, the confirmation with the tracking link. */
export function RequestForm({ slug, services, timeZone }: { slug: string; services: OfferedService[]; timeZone: string }) {
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);

  function submit(form: FormData) {
    const input = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? "")]));
    start(async () => {
      const r = await submitPortalRequestAction(slug, input);
      if (!r.ok) {
        setErrors(r.error.fieldErrors ?? {});
        setMessage(r.error.message);
        return;
      }
      setErrors({});
      setMessage(null);
      setDone(r.data);
    });
  }

  if (done) {
    const when = done.window
      ? `We will arrive between ${formatInZone(done.window.start, "h:mm a", { timeZone })} and ${formatInZone(done.window.end, "h:mm a", { timeZone })} on ${formatInZone(done.window.start, "EEEE, MMMM d", { timeZone })}.`
      : "We'll call you to schedule the visit.";
    return (
      <section role="status" aria-labelledby="done-title" className="space-y-2 rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-emerald-950">
        <h2 id="done-title" className="text-lg font-semibold">
          Request {done.workOrder} received
        </h2>
        <p data-testid="portal-confirmation">{when}</p>
        {done.approximate ? <p className="text-sm">We located your address by its postal code; the technician will confirm the exact spot.</p> : null}
        <p>We sent you a confirmation with this link too.</p>
        <Link href={`/track/${done.token}`} className="inline-block rounded-md bg-brand-700 px-3 py-1.5 font-medium text-white">
          Follow your visit
        </Link>
      </section>
    );
  }

  return (
    <form action={submit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      {message ? <Banner kind="error">{message}</Banner> : null}
      <Field id="p-name" label="Your name" error={errors.name}>
        <input id="p-name" name="name" autoComplete="name" maxLength={100} required className={INPUT_CLASS} aria-invalid={Boolean(errors.name)} />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="p-phone" label="Phone" error={errors.phone} hint="A phone or an email, so we can reach you.">
          <input id="p-phone" name="phone" type="tel" autoComplete="tel" maxLength={40} className={INPUT_CLASS} aria-invalid={Boolean(errors.phone)} />
        </Field>
        <Field id="p-email" label="Email" error={errors.email}>
          <input id="p-email" name="email" type="email" autoComplete="email" maxLength={200} className={INPUT_CLASS} aria-invalid={Boolean(errors.email)} />
        </Field>
      </div>
      <Field id="p-address" label="Service address" error={errors.address}>
        <input id="p-address" name="address" autoComplete="street-address" maxLength={300} required className={INPUT_CLASS} aria-invalid={Boolean(errors.address)} />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="p-city" label="City" error={errors.city}>
          <input id="p-city" name="city" autoComplete="address-level2" maxLength={120} className={INPUT_CLASS} />
        </Field>
        <Field id="p-postal" label="Postal code" error={errors.postalCode}>
          <input id="p-postal" name="postalCode" autoComplete="postal-code" maxLength={20} className={INPUT_CLASS} />
        </Field>
      </div>
      <Field id="p-service" label="Kind of service" error={errors.templateId}>
        <select id="p-service" name="templateId" required className={INPUT_CLASS} defaultValue={services.length === 1 ? services[0].id : ""}>
          {services.length > 1 ? <option value="">Choose…</option> : null}
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="p-problem" label="What is wrong?" error={errors.problem}>
        <textarea id="p-problem" name="problem" rows={4} maxLength={2000} required className={INPUT_CLASS} aria-invalid={Boolean(errors.problem)} />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="p-date" label="Preferred day" error={errors.preferredDate} hint="Leave empty for the first free time.">
          <input id="p-date" name="preferredDate" type="date" className={INPUT_CLASS} />
        </Field>
        <Field id="p-window" label="Preferred time" error={errors.preferredWindow}>
          <select id="p-window" name="preferredWindow" className={INPUT_CLASS} defaultValue="any">
            <option value="any">Any time</option>
            <option value="morning">Morning (8–12)</option>
            <option value="afternoon">Afternoon (12–5)</option>
          </select>
        </Field>
      </div>
      {/* people never see or fill this; robots that fill every field are refused */}
      <div className="absolute -left-[9999px] h-px w-px overflow-hidden" aria-hidden="true">
        <label htmlFor="p-website">Website</label>
        <input id="p-website" name="website" tabIndex={-1} autoComplete="off" />
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? "Sending…" : "Send request"}
      </button>
    </form>
  );
}
