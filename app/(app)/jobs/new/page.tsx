import type { Metadata } from "next";
import { NewJobForm } from "@/components/jobs/NewJobForm";
import { NotAllowed } from "@/components/ui/Field";
import { hasRole, requireSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db/connection";
import { listCustomerOptions } from "@/lib/db/lookups";
import { listTemplates } from "@/lib/db/templates";
import { withUser } from "@/lib/db/with-user";
import { DateParam } from "@/lib/schemas/board";

export const metadata: Metadata = { title: "New job" };

export default async function NewJobPage({ searchParams }: { searchParams: Promise<{ date?: string }> }) {
  const { date } = await searchParams;
  const day = date && DateParam.safeParse(date).success ? date : undefined;
  const session = await requireSession("/jobs/new");
  if (!hasRole(session, ["admin", "dispatcher"])) return <NotAllowed what="new jobs" />;
  const { templates, customers } = await withUser(await getDb(), session.user, async (tx) => ({
    templates: await listTemplates(tx, session.user.orgId, { activeOnly: true }),
    customers: await listCustomerOptions(tx, session.user.orgId),
  }));
  return (
    <main className="space-y-3 p-4">
      <h1 className="text-lg font-semibold">New job</h1>
      <NewJobForm templates={templates} customers={customers} timeZone={session.company.timeZone} date={day} />
    </main>
  );
}
