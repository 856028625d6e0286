import type { Metadata } from "next";
import { TechnicianForm } from "@/components/technicians/TechnicianForm";
import { NotAllowed } from "@/components/ui/Field";
import { hasRole, requireSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db/connection";
import { listMemberOptions } from "@/lib/db/technicians";
import { withUser } from "@/lib/db/with-user";

export const metadata: Metadata = { title: "New technician" };

export default async function NewTechnicianPage() {
  const session = await requireSession("/technicians/new");
  if (!hasRole(session, ["admin", "dispatcher"])) return <NotAllowed what="new technicians" />;
  const members = await withUser(await getDb(), session.user, (tx) => listMemberOptions(tx, session.user.orgId));
  return (
    <main className="space-y-3 p-4">
      <h1 className="text-lg font-semibold">New technician</h1>
      <TechnicianForm technician={null} members={members} canEdit />
    </main>
  );
}
