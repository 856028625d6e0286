"use client";

import { useActionState } from "react";
import { acceptInvitationAction, type AcceptState } from "@/app/(auth)/invite/[token]/actions";
import { Field, INPUT_CLASS } from "@/components/ui/Field";
import { MIN_PASSWORD_LENGTH } from "@/lib/schemas/signup";

/** A new account (name + password) or the existing account's password, then join. */
export function AcceptInvitationForm({ token, email, existing }: { token: string; email: string; existing: boolean }) {
  const [state, action, pending] = useActionState<AcceptState, FormData>(acceptInvitationAction, { fullName: "" });
  const err = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Accept the invitation">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="existing" value={existing ? "true" : "false"} />
      {state.message ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800">
          {state.message}
        </p>
      ) : null}
      <Field id="email" label="Email">
        <input id="email" name="email" type="email" value={email} readOnly autoComplete="username" className={`${INPUT_CLASS} bg-slate-50`} />
      </Field>
      {existing ? (
        <p className="text-slate-700">This address already has a Crewboard account: enter its password to join.</p>
      ) : (
        <Field id="fullName" label="Your name" error={err.fullName}>
          <input id="fullName" name="fullName" defaultValue={state.fullName} autoComplete="name" className={INPUT_CLASS} aria-invalid={Boolean(err.fullName)} aria-describedby={err.fullName ? "fullName-error" : undefined} />
        </Field>
      )}
      <Field id="password" label={existing ? "Password" : "Choose a password"} hint={existing ? undefined : `At least ${MIN_PASSWORD_LENGTH} characters.`} error={err.password}>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete={existing ? "current-password" : "new-password"}
          className={INPUT_CLASS}
          aria-invalid={Boolean(err.password)}
          aria-describedby={err.password ? "password-error" : undefined}
        />
      </Field>
      <button type="submit" disabled={pending} className="w-full rounded-md bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Joining…" : "Accept invitation"}
      </button>
    </form>
  );
}
