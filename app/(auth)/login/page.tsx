import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { getSession } from "@/lib/auth/session";
import { signupMode } from "@/lib/auth/signup-mode";
import { getDb } from "@/lib/db/connection";
import { hasNoCompany } from "@/lib/db/signup";
import { safeNextPath } from "@/lib/schemas/auth";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; reset?: string }> }) {
  const { next, reset } = await searchParams;
  const session = await getSession();
  if (session) redirect(safeNextPath(next, session.user.role));
  // a server database starts empty: the first visitor creates the company
  if (await hasNoCompany(await getDb())) redirect("/signup");
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-16">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <div className="text-2xl font-semibold tracking-tight text-slate-900">Crewboard</div>
          <p className="mt-1 text-slate-500">Sign in to your dispatch board</p>
        </div>
        {reset ? (
          <p role="status" className="mb-3 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-emerald-900">
            Your password was changed. Sign in with the new one.
          </p>
        ) : null}
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <SignInForm next={next} />
        </div>
        <p className="mt-4 text-center">
          <Link href="/forgot-password" className="text-brand-700 underline">
            Forgot your password?
          </Link>
        </p>
        {signupMode() === "open" ? (
          <p className="mt-4 text-center text-slate-600">
            New to Crewboard?{" "}
            <Link href="/signup" className="text-brand-700 underline">
              Create your company
            </Link>
          </p>
        ) : null}
      </div>
    </main>
  );
}
