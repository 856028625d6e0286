import type { Metadata } from "next";
import { CustomerForm } from "@/components/customers/CustomerForm";
import { NotAllowed } from "@/components/ui/Field";
import { hasRole, requireSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db/connection";
import { listTechnicianOptions } from "@/lib/db/lookups";
import { withUser } from "@/lib/db/with-user";

export const metadata: Metadata = { title: "New customer" };

export default async function NewCustomerPage() {
  const session = await requireSession("/customers/new");
  if (!hasRole(session, ["admin", "dispatcher"])) return <NotAllowed what="new customers" />;
  const technicians = await withUser(await getDb(), session.user, (tx) => listTechnicianOptions(tx, session.user.orgId));
  return (
    <main className="space-y-3 p-4">
      <h1 className="text-lg font-semibold">New customer</h1>
      <CustomerForm customer={null} technicians={technicians} canEdit />
    </main>
  );
}
