"use client";

import { useActionState } from "react";
import { resetPasswordAction, type ResetState } from "@/app/(auth)/reset-password/[token]/actions";
import { Banner, Field, INPUT_CLASS } from "@/components/ui/Field";
import { MIN_PASSWORD_LENGTH } from "@/lib/schemas/signup";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<ResetState, FormData>(resetPasswordAction, {});
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Choose a new password">
      <input type="hidden" name="token" value={token} />
      {state.message ? <Banner kind="error">{state.message}</Banner> : null}
      <Field id="newPassword" label="New password" hint={`At least ${MIN_PASSWORD_LENGTH} characters.`} error={state.fieldErrors?.newPassword}>
        <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" className={INPUT_CLASS} aria-invalid={Boolean(state.fieldErrors?.newPassword)} />
      </Field>
      <button type="submit" disabled={pending} className="w-full rounded-md bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        Set new password
      </button>
    </form>
  );
}
