"use client";

import { useActionState } from "react";
import { changePasswordAction, type ChangePasswordState } from "@/app/(app)/account/actions";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";
import { MIN_PASSWORD_LENGTH } from "@/lib/schemas/signup";

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, {});
  const err = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Change password">
      {state.done ? <Banner kind="success">{state.done}</Banner> : null}
      {state.message ? <Banner kind="error">{state.message}</Banner> : null}
      <Field id="currentPassword" label="Current password" error={err.currentPassword}>
        <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" className={INPUT_CLASS} aria-invalid={Boolean(err.currentPassword)} />
      </Field>
      <Field id="newPassword" label="New password" hint={`At least ${MIN_PASSWORD_LENGTH} characters.`} error={err.newPassword}>
        <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" className={INPUT_CLASS} aria-invalid={Boolean(err.newPassword)} />
      </Field>
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
