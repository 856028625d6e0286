import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditTrail } from "@/components/audit/AuditTrail";
import { JobActions } from "@/components/jobs/JobActions";
import { Banner } from "@/components/ui/Field";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { PRIORITY_LABEL, STATUS_LABEL, formatDuration } from "@/lib/board-format";
import { loadAuditPage } from "@/lib/db/audit";
import { getJobRecord } from "@/lib/db/job-record";
import { formatHm } from "@/lib/time/format-time";
import { wallClock } from "@/lib/time/zoned-time";

export const metadata: Metadata = { title: "Job" };

export default async function JobPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string; copied?: string; return?: string }> }) {
  const { id } = await params;
  const notice = await searchParams;
  const { session, read } = await pageSession(`/jobs/${id}`);
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const tz = session.company.timeZone;
  const canReadAudit = hasRole(session, ["admin", "dispatcher"]);
  const { job, history } = await read(async (tx) => {
    const job = await getJobRecord(tx, session.user.orgId, id);
    const history = job && canReadAudit ? await loadAuditPage(tx, session.user.orgId, tz, { job: job.workOrder, pageSize: 100 }) : null;
    return { job, history };
  });
  if (!job) notFound();
  const when = (iso: string) => `${wallClock(new Date(iso), tz).date} ${formatHm(new Date(iso), tz)}`;
  const from = notice.from?.slice(0, 64);
  const rows: [string, React.ReactNode][] = [
    ["Customer", <Link key="c" href={`/customers/${job.customer.id}`} className="text-brand-700 underline">{job.customer.name}</Link>],
    ["Site", job.site ? `${job.site.label}${job.site.accessNotes ? ` — access: ${job.site.accessNotes}` : ""}` : "—"],
    ["Address", `${[job.address, job.city].filter(Boolean).join(", ") || "—"}${job.locationApproximate ? " (approximate location: travel times are estimates)" : ""}`],
    ["Work", job.description || "—"],
    ["Priority", `${PRIORITY_LABEL[job.priority]}${job.slaProtected ? " · SLA-protected" : ""}`],
    ["Skills", job.requiredSkills.join(", ") || "none"],
    ["Length", formatDuration(job.estimatedMinutes)],
    ["Arrival window", job.windowStart && job.windowEnd ? `${when(job.windowStart)} – ${formatHm(new Date(job.windowEnd), tz)}` : "any time"],
    ["Deadline", job.deadline ? `${when(job.deadline)}${job.deadlineReason ? ` — set by ${job.deadlineReason}` : ""}` : "none"],
    ["Visit", job.assignment ? `${when(job.assignment.start)}–${formatHm(new Date(job.assignment.end), tz)} · ${job.assignment.leaderName}${job.assignment.helperNames.length ? ` with ${job.assignment.helperNames.join(", ")}` : ""}${job.assignment.publishedAt ? " · published" : ""}` : "not scheduled"],
    ["Dispatch", job.dispatchReason ?? "—"],
    ["Recurring", job.series ? `part of the series “${job.series.description}”` : "no"],
    ["Entered", `${when(job.createdAt)} (${job.source})`],
  ];
  return (
    <main className="space-y-3 p-4">
      <h1 className="text-lg font-semibold">
        {job.workOrder} <span className="ml-2 rounded bg-slate-100 px-1.5 text-sm font-normal" data-testid="job-status">{STATUS_LABEL[job.status]}</span>
      </h1>
      {from && notice.copied ? <Banner kind="success">A copy of {from}, waiting in the unscheduled queue.</Banner> : null}
      {from && notice.return ? <Banner kind="success">Return visit for {from}: {job.dispatchReason ?? "queued"}.</Banner> : null}
      {job.cancelReason ? <Banner kind="info">Cancelled: {job.cancelReason}</Banner> : null}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section aria-label="Job details" className="rounded-lg border border-slate-200 bg-white p-3">
          <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1.5 text-sm">
            {rows.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-600">{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </section>
        <JobActions job={job} canEdit={hasRole(session, ["admin", "dispatcher"])} />
      </div>
      {history ? (
        <section aria-label="History" className="space-y-2">
          <h2 className="font-medium">History</h2>
          <AuditTrail changes={history.changes} names={history.names} timeZone={tz} filtered />
        </section>
      ) : null}
    </main>
  );
}
