import type { Metadata } from "next";
import { TechnicianForm } from "@/components/technicians/TechnicianForm";
import { NotAllowed } from "@/components/ui/Field";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { listMemberOptions } from "@/lib/db/technicians";

export const metadata: Metadata = { title: "New technician" };

export default async function NewTechnicianPage() {
  const { session, read } = await pageSession("/technicians/new");
  if (!hasRole(session, ["admin", "dispatcher"])) return <NotAllowed what="new technicians" />;
  const members = await read((tx) => listMemberOptions(tx, session.user.orgId));
  return (
    <main className="space-y-3 p-4">
      <h1 className="text-lg font-semibold">New technician</h1>
      <TechnicianForm technician={null} members={members} canEdit />
    </main>
  );
}
