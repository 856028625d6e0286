"use client";

import { useActionState } from "react";
import { forgotPasswordAction, type ForgotState } from "@/app/(auth)/forgot-password/actions";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState<ForgotState, FormData>(forgotPasswordAction, { email: "" });
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Forgot your password">
      {state.sent ? (
        <Banner kind="success">If {state.email} has a Crewboard account, we emailed it a link to choose a new password. The link works once, for one hour.</Banner>
      ) : (
        <p className="text-slate-700">Enter the email you sign in with; we will email you a link to choose a new password.</p>
      )}
      <Field id="email" label="Email" error={state.fieldErrors?.email}>
        <input id="email" name="email" type="email" autoComplete="username" defaultValue={state.email} className={INPUT_CLASS} aria-invalid={Boolean(state.fieldErrors?.email)} />
      </Field>
      <button type="submit" disabled={pending} className="w-full rounded-md bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        Email me a link
      </button>
    </form>
  );
}
