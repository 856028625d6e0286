"use client";

import { useActionState, useEffect, useRef } from "react";
import { createCompanyAction, type CreateCompanyState } from "@/app/(auth)/signup/actions";
import { Field, INPUT_CLASS } from "@/components/ui/Field";
import { MIN_PASSWORD_LENGTH } from "@/lib/schemas/signup";

const EMPTY: CreateCompanyState = { values: { companyName: "", timeZone: "", fullName: "", email: "" } };

/** Company name, time zone, and the first admin's name, email and password. */
export function CreateCompanyForm({ timeZones }: { timeZones: string[] }) {
  const [state, action, pending] = useActionState<CreateCompanyState, FormData>(createCompanyAction, EMPTY);
  const zoneRef = useRef<HTMLSelectElement>(null);
  // start from the browser's own zone the first time the form shows
  useEffect(() => {
    const select = zoneRef.current;
    const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (select && !state.values.timeZone && timeZones.includes(local)) select.value = local;
  }, [state.values.timeZone, timeZones]);
  const err = state.fieldErrors ?? {};
  const describe = (id: string) => (err[id] ? `${id}-error` : undefined);
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Create your company">
      {state.message ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800">
          {state.message}
        </p>
      ) : null}
      <Field id="companyName" label="Company name" error={err.companyName}>
        <input id="companyName" name="companyName" defaultValue={state.values.companyName} autoComplete="organization" required className={INPUT_CLASS} aria-invalid={Boolean(err.companyName)} aria-describedby={describe("companyName")} />
      </Field>
      <Field id="timeZone" label="Time zone" hint="Used for display and for “today”." error={err.timeZone}>
        <select id="timeZone" name="timeZone" ref={zoneRef} defaultValue={state.values.timeZone || "UTC"} className={INPUT_CLASS} aria-invalid={Boolean(err.timeZone)} aria-describedby={describe("timeZone")}>
          {timeZones.map((tz) => (
            <option key={tz} value={tz}>
              {tz}
            </option>
          ))}
        </select>
      </Field>
      <Field id="fullName" label="Your name" error={err.fullName}>
        <input id="fullName" name="fullName" defaultValue={state.values.fullName} autoComplete="name" required className={INPUT_CLASS} aria-invalid={Boolean(err.fullName)} aria-describedby={describe("fullName")} />
      </Field>
      <Field id="email" label="Email" error={err.email}>
        <input id="email" name="email" type="email" defaultValue={state.values.email} autoComplete="username" required className={INPUT_CLASS} aria-invalid={Boolean(err.email)} aria-describedby={describe("email")} />
      </Field>
      <Field id="password" label="Password" hint={`At least ${MIN_PASSWORD_LENGTH} characters.`} error={err.password}>
        <input id="password" name="password" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} className={INPUT_CLASS} aria-invalid={Boolean(err.password)} aria-describedby={describe("password")} />
      </Field>
      <button type="submit" disabled={pending} className="w-full rounded-md bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Creating your company…" : "Create company"}
      </button>
    </form>
  );
}
