import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitationForm } from "@/components/auth/AcceptInvitationForm";
import { linkTokenHash } from "@/lib/auth/tokens";
import { getDb } from "@/lib/db/connection";
import { findInvitation } from "@/lib/db/members";

export const metadata: Metadata = { title: "Join your company", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

const CLOSED = {
  expired: "This invitation has expired. Ask the administrator to send it again.",
  accepted: "This invitation was already used.",
  revoked: "This invitation was withdrawn. Ask the administrator if you still need access.",
} as const;
const ROLE = { admin: "an admin", dispatcher: "a dispatcher", technician: "a technician", viewer: "a viewer" } as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = token.length <= 200 ? await findInvitation(await getDb(), linkTokenHash(token)) : null;
  return (
    <main className="flex min-h-full items-center justify-center px-4 py-16">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <div className="text-2xl font-semibold tracking-tight text-slate-900">Crewboard</div>
          <h1 className="mt-1 text-lg text-slate-700">{invitation ? `Join ${invitation.companyName}` : "Invitation"}</h1>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {!invitation || invitation.closed ? (
            <p role="status" className="text-slate-700">
              {invitation?.closed ? CLOSED[invitation.closed] : "This invitation link is not valid. Ask for a new invitation."}{" "}
              <Link href="/login" className="text-brand-700 underline">
                Sign in
              </Link>
            </p>
          ) : (
            <>
              <p className="mb-4 text-slate-700">
                You are invited to join <strong>{invitation.companyName}</strong> as {ROLE[invitation.role]}.
              </p>
              <AcceptInvitationForm token={token} email={invitation.email} existing={invitation.hasAccount} />
            </>
          )}
        </div>
      </div>
    </main>
  );
}
