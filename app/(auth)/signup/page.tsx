import type { Metadata } from "next";
import Link from "next/link";
import { CreateCompanyForm } from "@/components/auth/CreateCompanyForm";
import { signupMode } from "@/lib/auth/signup-mode";
import { getDb } from "@/lib/db/connection";
import { hasNoCompany } from "@/lib/db/signup";

export const metadata: Metadata = { title: "Create your company" };
export const dynamic = "force-dynamic";

function timeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

export default async function SignupPage() {
  const open = signupMode() === "open" || (await hasNoCompany(await getDb()));
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-16">
      <div className="w-full max-w-md">
        <div className="mb-6 text-center">
          <div className="text-2xl font-semibold tracking-tight text-slate-900">Crewboard</div>
          <h1 className="mt-1 text-lg text-slate-700">Create your company</h1>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {open ? (
            <CreateCompanyForm timeZones={timeZones()} />
          ) : (
            <p role="status" className="text-slate-700">
              This Crewboard already has its company. <Link href="/login" className="text-brand-700 underline">Sign in</Link>, or ask its
              administrator for an invitation.
            </p>
          )}
        </div>
        {open ? (
          <p className="mt-4 text-center text-slate-600">
            Already have an account? <Link href="/login" className="text-brand-700 underline">Sign in</Link>
          </p>
        ) : null}
      </div>
    </main>
  );
}
