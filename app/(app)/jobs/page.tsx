import type { Metadata } from "next";
import { JobList } from "@/components/jobs/JobList";
import { requireSession } from "@/lib/auth/session";
import { getDb } from "@/lib/db/connection";
import { searchJobs } from "@/lib/db/jobs-search";
import { listTechnicianOptions } from "@/lib/db/lookups";
import { withUser } from "@/lib/db/with-user";
import { JobSearchParams } from "@/lib/schemas/job-records";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filter = JobSearchParams.parse(await searchParams);
  const session = await requireSession("/jobs");
  const tz = session.company.timeZone;
  const { page, technicians } = await withUser(await getDb(), session.user, async (tx) => ({
    page: await searchJobs(tx, session.user.orgId, tz, { q: filter.q, status: filter.status, from: filter.from, to: filter.to, technicianId: filter.technician }, { page: filter.page }),
    technicians: await listTechnicianOptions(tx, session.user.orgId),
  }));
  return (
    <main className="space-y-3 p-4">
      <h1 className="text-lg font-semibold">Jobs</h1>
      <JobList page={page} filter={filter} technicians={technicians} timeZone={tz} />
    </main>
  );
}
