import type { Metadata } from "next";
import { MembersManager } from "@/components/settings/MembersManager";
import { SettingsLinks } from "@/components/settings/SettingsLinks";
import { NotAllowed } from "@/components/ui/Field";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { now } from "@/lib/clock";
import { listMembers, listPendingInvitations, listUnlinkedTechnicians } from "@/lib/db/members";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const { session, read } = await pageSession("/settings/members");
  if (!hasRole(session, ["admin"])) return <NotAllowed what="the members page" />;
  const orgId = session.user.orgId;
  const { members, invitations, technicians } = await read(async (tx) => ({
    members: await listMembers(tx, orgId),
    invitations: await listPendingInvitations(tx, orgId, now()),
    technicians: await listUnlinkedTechnicians(tx, orgId),
  }));
  return (
    <main className="space-y-3 p-4">
      <SettingsLinks current="/settings/members" />
      <h1 className="text-lg font-semibold">Members</h1>
      <MembersManager members={members} invitations={invitations} technicians={technicians} currentUserId={session.user.userId} timeZone={session.company.timeZone} />
    </main>
  );
}
