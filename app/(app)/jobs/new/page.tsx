import type { Metadata } from "next";
import { NewJobForm } from "@/components/jobs/NewJobForm";
import { NotAllowed } from "@/components/ui/Field";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { getSite } from "@/lib/db/customers";
import { listTemplates } from "@/lib/db/templates";
import { DateParam } from "@/lib/schemas/board";

export const metadata: Metadata = { title: "New job" };

export default async function NewJobPage({ searchParams }: { searchParams: Promise<{ date?: string; site?: string }> }) {
  const { date, site: siteId } = await searchParams;
  const day = date && DateParam.safeParse(date).success ? date : undefined;
  const { session, read } = await pageSession("/jobs/new");
  if (!hasRole(session, ["admin", "dispatcher"])) return <NotAllowed what="new jobs" />;
  const { templates, site } = await read(async (tx) => ({
    templates: await listTemplates(tx, session.user.orgId, { activeOnly: true }),
    site: siteId && /^[0-9a-f-]{36}$/i.test(siteId) ? await getSite(tx, session.user.orgId, siteId) : null,
  }));
  const initialCustomer = site ? { id: site.customerId, name: site.customerName, phone: null, contract: false, sites: [site], site } : null;
  return (
    <main className="space-y-3 p-4">
      <h1 className="text-lg font-semibold">New job</h1>
      <NewJobForm templates={templates} timeZone={session.company.timeZone} date={day} initialCustomer={initialCustomer} />
    </main>
  );
}
