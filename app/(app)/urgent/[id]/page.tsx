import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DayPreview } from "@/components/urgent/DayPreview";
import { OptionsList } from "@/components/urgent/OptionsList";
import { Banner } from "@/components/ui/Field";
import { pageSession } from "@/lib/auth/page-session";
import { hasRole } from "@/lib/auth/session";
import { loadBoardDay } from "@/lib/db/board";
import { getUrgentRequest } from "@/lib/db/urgent-requests";
import { formatHm } from "@/lib/time/format-time";
import { wallClock } from "@/lib/time/zoned-time";
import { PRIORITY_LABEL, formatDuration } from "@/lib/board-format";
import { now } from "@/lib/clock";

export const metadata: Metadata = { title: "Urgent options" };

export default async function UrgentOptionsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ existing?: string }> }) {
  const { id } = await params;
  const { existing } = await searchParams;
  const { session, read } = await pageSession(`/urgent/${id}`);
  const tz = session.company.timeZone;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const data = await read(async (tx) => {
    const request = await getUrgentRequest(tx, session.user.orgId, id);
    if (!request) return null;
    const techs = [...new Set(request.options.flatMap((o) => [o.technicianId, ...o.bumped.flatMap((b) => [b.old.leaderId, ...(b.next ? [b.next.leaderId] : [])])]))];
    const day = techs.length > 0 ? await loadBoardDay(tx, session.user.orgId, wallClock(now(), tz).date, { technicianIds: techs }) : null;
    return { request, day };
  });
  if (!data) notFound();
  const { request, day } = data;
  const job = request.job;
  const previews = Object.fromEntries(request.options.map((o) => [o.id, day ? <DayPreview key={o.id} option={o} day={day} urgentWorkOrder={job.workOrder} /> : null]));
  return (
    <main className="space-y-3 p-4">
      {existing ? (
        <Banner kind="info">
          Work order {request.workOrder} was already entered{request.createdBy ? ` by ${request.createdBy}` : ""}: this is that request ({request.status}).
        </Banner>
      ) : null}
      <div className="rounded-lg border border-red-200 bg-red-50 p-3">
        <div className="flex flex-wrap items-baseline gap-x-3">
          <h1 className="text-lg font-semibold">Urgent {request.workOrder}</h1>
          <span className="rounded bg-red-600 px-1.5 text-xs text-white">{PRIORITY_LABEL[job.priority]}</span>
          <span data-testid="urgent-status" className="text-sm">
            {request.status === "approved" ? `Approved by ${request.approvedBy ?? "?"} at ${formatHm(new Date(request.approvedAt!), tz)}` : request.status === "open" ? "Waiting for approval" : request.status}
          </span>
        </div>
        <div className="text-sm">
          {job.description} · {job.customerName} · {[job.address, job.city].filter(Boolean).join(", ")} · {formatDuration(job.estimatedMinutes)}
          {job.requiredSkills.length ? ` · needs ${job.requiredSkills.join(", ")}` : ""}
          {job.deadline ? ` · must be seen by ${formatHm(new Date(job.deadline), tz)}` : ""}
        </div>
        {request.overrideReason ? <div className="text-sm text-red-800">SLA override: {request.overrideReason}</div> : null}
      </div>
      <OptionsList request={request} timeZone={tz} canApprove={hasRole(session, ["admin", "dispatcher"])} previews={previews} />
    </main>
  );
}
