import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/ChangePasswordForm";
import { signOutEverywhereAction } from "@/app/(app)/account/actions";
import { requireSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db/connection";
import { countLiveSessions } from "@/lib/db/sessions";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const session = await requireSession("/account");
  const live = await countLiveSessions(await getDb(), session.user.userId);
  return (
    <main className="max-w-xl space-y-6 p-4">
      <h1 className="text-lg font-semibold">Your account</h1>
      <p className="text-slate-700">
        {session.user.name} · {session.user.email}
      </p>
      <section aria-labelledby="password-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="password-heading" className="mb-3 font-medium">
          Change password
        </h2>
        <ChangePasswordForm />
      </section>
      <section aria-labelledby="sessions-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="sessions-heading" className="mb-2 font-medium">
          Sessions
        </h2>
        <p className="mb-3 text-slate-700" data-testid="live-sessions">
          You are signed in {live === 1 ? "in 1 place" : `in ${live} places`}.
        </p>
        <form action={signOutEverywhereAction}>
          <button type="submit" className="rounded-md border border-red-300 px-3 py-1.5 text-red-800 hover:bg-red-50">
            Sign out everywhere
          </button>
        </form>
      </section>
    </main>
  );
}
