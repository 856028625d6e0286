import { getSession } from "@/lib/auth/session";
import { csvResponse, textResponse } from "@/lib/csv/csv-response";
import { serializeJobs } from "@/lib/csv/jobs-csv";
import { getDb } from "@/lib/db/connection";
import { searchJobs } from "@/lib/db/jobs-search";
import { withUser } from "@/lib/db/with-user";
import { JobSearchParams } from "@/lib/schemas/job-records";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** At most this many rows per download; narrow the filter for more. */
const MAX_ROWS = 5000;

/**
 * GET /api/exports/jobs?q=&status=&from=&to=&technician= — the jobs list's current
 * filter as CSV (up to 5,000 rows, newest first). Session-checked; RLS-scoped.
 */
export async function GET(request: Request): Promise<Response> {
  const session = await getSession();
  if (!session) return textResponse(401, "Sign in to export.");
  const params = new URL(request.url).searchParams;
  const f = JobSearchParams.parse({
    q: params.get("q") ?? undefined,
    status: params.getAll("status").length ? params.getAll("status") : undefined,
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
    technician: params.get("technician") ?? undefined,
  });
  const tz = session.company.timeZone;
  const page = await withUser(await getDb(), session.user, (tx) =>
    searchJobs(tx, session.user.orgId, tz, { q: f.q, status: f.status, from: f.from, to: f.to, technicianId: f.technician }, { pageSize: MAX_ROWS }),
  );
  return csvResponse(serializeJobs(page.items, tz), "crewboard-jobs.csv");
}
