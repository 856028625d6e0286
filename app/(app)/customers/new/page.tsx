import type { Metadata } from "next";
import { CustomerForm } from "@/components/customers/CustomerForm";
import { NotAllowed } from "@/components/ui/Field";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { listTechnicianOptions } from "@/lib/db/lookups";

export const metadata: Metadata = { title: "New customer" };

export default async function NewCustomerPage() {
  const { session, read } = await pageSession("/customers/new");
  if (!hasRole(session, ["admin", "dispatcher"])) return <NotAllowed what="new customers" />;
  const technicians = await read((tx) => listTechnicianOptions(tx, session.user.orgId));
  return (
    <main className="space-y-3 p-4">
      <h1 className="text-lg font-semibold">New customer</h1>
      <CustomerForm customer={null} technicians={technicians} canEdit />
    </main>
  );
}
