import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/ResetPasswordForm";
import { linkTokenHash } from "@/lib/auth/tokens";
import { getDb } from "@/lib/db/connection";
import { isResetLinkUsable } from "@/lib/db/passwords";
import { currentSupabaseUser } from "@/lib/auth/supabase-auth";
import { SUPABASE_RESET_TOKEN, supabaseForRequest } from "@/lib/auth/supabase-cookies";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const supabase = await supabaseForRequest();
  const usable =
    supabase && token === SUPABASE_RESET_TOKEN
      ? (await currentSupabaseUser(supabase.config, supabase.jar)) !== null
      : token.length <= 200 && (await isResetLinkUsable(await getDb(), linkTokenHash(token)));
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-16">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <div className="text-2xl font-semibold tracking-tight text-slate-900">Crewboard</div>
          <h1 className="mt-1 text-lg text-slate-700">Choose a new password</h1>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {usable ? (
            <ResetPasswordForm token={token} />
          ) : (
            <p role="status" className="text-slate-700">
              This link has expired or was already used.{" "}
              <Link href="/forgot-password" className="text-brand-700 underline">
                Ask for a new one
              </Link>
            </p>
          )}
        </div>
      </div>
    </main>
  );
}
