import type { Metadata } from "next";
import { CustomerList } from "@/components/customers/CustomerList";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { searchCustomers } from "@/lib/db/customers";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  const params = await searchParams;
  const { session, read } = await pageSession("/customers");
  const q = (params.q ?? "").slice(0, 200);
  const pageNo = Math.max(1, Math.min(10_000, Number.parseInt(params.page ?? "1", 10) || 1));
  const page = await read((tx) => searchCustomers(tx, session.user.orgId, { q, page: pageNo }));
  return (
    <main className="space-y-3 p-4">
      <h1 className="text-lg font-semibold">Customers</h1>
      <CustomerList page={page} q={q} canEdit={hasRole(session, ["admin", "dispatcher"])} />
    </main>
  );
}
