import type { Metadata } from "next";
import { JobList } from "@/components/jobs/JobList";
import { pageSession } from "@/lib/auth/page-session";
import { searchJobs } from "@/lib/db/jobs-search";
import { listTechnicianOptions } from "@/lib/db/lookups";
import { JobSearchParams } from "@/lib/schemas/job-records";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filter = JobSearchParams.parse(await searchParams);
  const { session, read } = await pageSession("/jobs");
  const tz = session.company.timeZone;
  const { page, technicians } = await read(async (tx) => ({
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
